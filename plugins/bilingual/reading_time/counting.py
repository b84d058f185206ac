"""How long a post takes to read, counted the way its language is read.

Pure functions on a post's HTML: no Pelican. English and other languages written with
spaces are counted in words; Korean, Japanese and Chinese in characters (a Korean
reader's pace is usually given in characters per minute, and a word count would
depend on how particles attach). Code is counted in words at the words rate: a reader
skims it like prose; a formula counts as one word per three characters of its text.
"""

from __future__ import annotations

import html as html_module
import math
import re

# Languages whose reading pace is counted in characters rather than words.
CHARACTER_LANGS = {"ko", "ja", "zh"}
# Per minute, by language; a language not listed uses "words" (or "characters").
DEFAULT_RATES = {"words": 230, "characters": 500, "ko": 500, "ja": 500, "zh": 300}
WORD = re.compile(r"\w[\w'’-]*")
CODE = re.compile(r"<pre\b.*?</pre>|<code\b.*?</code>", re.S | re.I)
FORMULA = re.compile(r"<math\b.*?</math>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")


def text_of(fragment: str) -> str:
    """The text of an HTML fragment: tags become spaces, entities characters."""
    return html_module.unescape(TAG.sub(" ", fragment))


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
    html = html or ""
    # Regular expressions, not a parser: this runs for every post on every language's site.
    code_words = sum(len(WORD.findall(text_of(block))) for block in CODE.findall(html))
    html = CODE.sub(" ", html)
    formula_words = sum(math.ceil(len(text_of(f).strip()) / 3) for f in FORMULA.findall(html))
    html = FORMULA.sub(" ", html)
    text = text_of(html)
    if unit_of(lang) == "characters":
        prose = len(LETTER.findall(text)) / rate_of(lang, rates)
    else:
        prose = len(WORD.findall(text)) / rate_of(lang, rates)
    extra = (code_words + formula_words) / rates["words"]
    return max(1, round(prose + extra))
