"""Hangul in addresses: the Revised Romanization of Korean, with its sound rules.

Pelican makes a slug by transliterating letter by letter (`unidecode`), which gives
Hangul words no Korean reader would write: `장마철 노트북 관리` becomes
`jangmaceol-noteubug-gwanri`. The Revised Romanization (the Korean government's rule
since 2000, the one on road signs) follows the pronunciation: `jangmacheol-noteubuk-
gwalli`, `독립문` `dongnimmun`, `같이` `gachi`. The rules come from `ko_pron` (PyPI,
MIT; a port of Wiktionary's ko-pron module), applied to each run of Hangul syllables;
everything else is left for the slug function as it was.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ko_pron import romanise

from .settings import Setting

SLUGIFY_HANGUL = Setting(
    "SLUGIFY_HANGUL",
    "revised",
    '"revised" or "letters"',
    "How a tag, category, author or series named in Hangul gets its address: "
    '"revised" follows the Revised Romanization with its sound rules (장마철 -> jangmacheol); '
    '"letters" keeps Pelican\'s letter-by-letter form (jangmaceol), the addresses a blog '
    "built by Pelican alone has. Posts keep the slug of their file name or `Slug:`; "
    "`invoke new` romanizes a Hangul title for the file name.",
)
SETTINGS = (SLUGIFY_HANGUL,)

HANGUL_SYLLABLES = re.compile(r"[\uac00-\ud7a3]+(?:\s+[\uac00-\ud7a3]+)*")


def has_hangul(text: str) -> bool:
    """Whether `text` has a Hangul syllable."""
    return HANGUL_SYLLABLES.search(text) is not None


def romanized(text: str) -> str:
    """`text` with each run of Hangul words in the Revised Romanization.

    The rule's hyphens inside a word (`han-gugeo`, written to keep syllables apart) are
    dropped: a slug would cut the word there. Text that is not Hangul syllables (Latin,
    digits, punctuation, lone jamo) is returned as it is. A run the rules cannot
    romanize is left as it is too (the slug function then transliterates it).
    """

    def run(match: re.Match) -> str:
        try:
            words = romanise(match.group(0), "rr").split()
        except (ValueError, KeyError, IndexError):
            return match.group(0)
        return " ".join(word.replace("-", "") for word in words)

    return HANGUL_SYLLABLES.sub(run, text)


def romanizes(settings: Mapping) -> bool:
    """Whether a site with `settings` romanizes Hangul in addresses.

    `SLUGIFY_HANGUL` is "revised" and the site does not keep Unicode in slugs
    (Pelican's `SLUGIFY_USE_UNICODE`).
    """
    return SLUGIFY_HANGUL.read(settings) == "revised" and not settings.get("SLUGIFY_USE_UNICODE")


def slug_source(name: str, settings: Mapping) -> str:
    """What Pelican's `slugify` gets for `name`: romanized when the site `romanizes`."""
    return romanized(name) if has_hangul(name) and romanizes(settings) else name
