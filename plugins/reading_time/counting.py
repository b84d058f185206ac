"""How long a post takes to read, counted the way its language is read.

Pure functions on a post's HTML: no Pelican. English and other languages written with
spaces are counted in words; Korean, Japanese and Chinese in characters (a Korean
reader's pace is usually given in characters per minute, and a word count would
depend on how particles attach). Code is counted in words at the words rate: a reader
skims it like prose; a formula counts as one word per three characters of its text.
"""

from __future__ import annotations

import math
import re

from bs4 import BeautifulSoup

# Languages whose reading pace is counted in characters rather than words.
CHARACTER_LANGS = {"ko", "ja", "zh"}
# Per minute, by language; a language not listed uses "words" (or "characters").
DEFAULT_RATES = {"words": 230, "characters": 500, "ko": 500, "ja": 500, "zh": 300}
WORD = re.compile(r"\w[\w'’-]*")
LETTER = re.compile(r"\w")


def unit_of(lang: str) -> str:
    """The unit `lang` is counted in: characters (ko, ja, zh), else words."""
    base = lang.replace("_", "-").split("-")[0].lower()
    return "characters" if base in CHARACTER_LANGS else "words"


def rate_of(lang: str, rates: dict) -> int:
    """Units per minute for `lang`: its own rate, else its unit's rate."""
    base = lang.replace("_", "-").split("-")[0].lower()
    return rates.get(lang) or rates.get(base) or rates[unit_of(lang)]


def reading_minutes(html: str, lang: str, rates: dict | None = None) -> int:
    """Whole minutes (at least 1) to read `html` written in `lang`.

    `rates` overrides `DEFAULT_RATES` ({lang or "words"/"characters": per minute}).
    """
    rates = {**DEFAULT_RATES, **(rates or {})}
    soup = BeautifulSoup(html or "", "html.parser")
    code_words = 0
    for block in soup.find_all(["pre", "code"]):
        code_words += len(WORD.findall(block.get_text(" ")))
        block.decompose()
    formula_words = 0
    for formula in soup.find_all("math"):
        formula_words += math.ceil(len(formula.get_text("").strip()) / 3)
        formula.decompose()
    text = soup.get_text(" ")
    if unit_of(lang) == "characters":
        prose = len(LETTER.findall(text)) / rate_of(lang, rates)
    else:
        prose = len(WORD.findall(text)) / rate_of(lang, rates)
    extra = (code_words + formula_words) / rates["words"]
    return max(1, round(prose + extra))
