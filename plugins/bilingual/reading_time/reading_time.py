"""reading_time: how many minutes a post takes to read, in its language's terms.

Template API
------------
`article.reading_time` (whole minutes, at least 1) on every article and draft; the
theme shows it next to the date on posts, lists and the archive ("8 min read",
"8분 분량").

Settings (defaults)
-------------------
- `READING_RATES` ({"words": 230, "characters": 500, "ko": 500, "ja": 500,
  "zh": 300}): per minute; Korean, Japanese and Chinese are counted in characters,
  other languages in words (`counting.py` says how code and formulas count). A bad
  value stops the build, naming the setting.
"""

from __future__ import annotations

from pelican import signals
from pelican.contents import Article

from .. import compat, subsites
from ..core import BuildStopped
from ..core.settings import Setting
from .counting import DEFAULT_RATES, reading_minutes

RATES = Setting(
    "READING_RATES",
    DEFAULT_RATES,
    '{language or "words" / "characters": units per minute}',
    "Reading speed for the minutes shown on posts and lists. Korean, Japanese and Chinese "
    "count characters, other languages words; given keys replace the defaults one by one.",
)
SETTINGS = (RATES,)


def rates_of(settings) -> dict:
    """`READING_RATES` merged over the defaults; BuildStopped names a bad value."""
    given = RATES.read(settings) or {}
    if not isinstance(given, dict) or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 for v in given.values()
    ):
        raise BuildStopped(
            f"reading_time: invalid READING_RATES {given!r}: "
            "{language or 'words'/'characters': units per minute (a positive number)}"
        )
    return {**DEFAULT_RATES, **given}


def check_settings(pelican):
    """`initialized`: stop on a bad setting before anything is read or written."""
    rates_of(pelican.settings)


def measure(instance):
    """`content_object_init`: `reading_time` on articles (pages are not dated lists).

    Counted once per build for each post's HTML, language and rates, though every
    language's site makes every post (`subsites.shared_result`).
    """
    if isinstance(instance, Article):
        html, lang, rates = (
            compat.content_html(instance),
            instance.lang,
            rates_of(instance.settings),
        )
        key = (html, lang, tuple(sorted(rates.items())))
        instance.reading_time = subsites.shared_result(
            instance.settings, __name__, key, lambda: reading_minutes(html, lang, rates)
        )


def register():
    """Connect the handlers, in the order they fire."""
    signals.initialized.connect(check_settings)
    signals.content_object_init.connect(measure)
