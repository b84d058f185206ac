"""archive: every post of every language in one chronological list, with a month calendar.

Template API
------------
Context `archive` (an `ArchiveView`) on every page of the site:
- `entries`: posts of every language (drafts too where drafts are written), newest
  first; each is the Pelican article, whose `href` is its URL on its own language's
  site;
- `years`: `YearGroup(year, months)` -> `MonthGroup(year, month, days)` ->
  `DayGroup(date, entries)`, newest first, days in the site's time zone;
- `total`, `drafts`: counts for "N entries · M drafts";
- `months`: ((first day, `calendar.Month`), ...), the build month first, then the
  months before it that the calendar can browse (a month picker, no JavaScript); each
  Month has `weeks` of 7 `Day(date, count, level)`, `total`, `max_count`, and counts
  published posts of every language per day;
- `today`, `levels` (shades, the empty one included), `weekdays`: the column headers
  as (narrow, full) names in the site's language ("S", "Sunday"), starting on its
  first weekday;
- `with_summary(item)`: whether the list shows the entry's summary (the newest
  `ARCHIVE_SUMMARIES` entries do, so a long archive stays light).

Settings (defaults)
-------------------
- `TIMEZONE`: the site's time zone (Pelican's own setting).
- `ARCHIVE_CALENDAR_MONTHS` (6): how many months the calendar can show, the build
  month included (a whole number, at least 1).
- `ARCHIVE_FIRST_WEEKDAY` (None: the language's custom, e.g. Sunday for en-US and ko):
  0 = Monday .. 6 = Sunday.
- `ARCHIVE_SUMMARIES` (50): how many of the newest entries show their summary (None:
  all). With ~1,200 entries, summaries on every row make the page several times
  heavier than the list itself.
"The build date" is `SOURCE_DATE_EPOCH` when set (reproducible builds), else the clock.
A bad value stops the build, naming the setting.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import get_day_names
from pelican import signals
from pelican.contents import Article

from ..core import BuildStopped, Visibility, site_timezone
from ..core.settings import Setting
from .calendar import adjacent_months, build_date, count_by_day, local_day, month_grid
from .timeline import count_drafts, group_by_day, visible_entries

# Shades of the calendar, the empty one included; the theme styles .level-0 .. .level-4.
LEVELS = 5

CALENDAR_MONTHS = Setting(
    "ARCHIVE_CALENDAR_MONTHS",
    6,
    "a whole number, at least 1",
    "How many months the archive's calendar can show, the build month included (a month "
    "picker, no JavaScript).",
)
FIRST_WEEKDAY = Setting(
    "ARCHIVE_FIRST_WEEKDAY",
    None,
    "0 (Monday) .. 6 (Sunday), or None",
    "The calendar's first column. None: the language's custom (Sunday for English and Korean).",
)
SUMMARIES = Setting(
    "ARCHIVE_SUMMARIES",
    50,
    "a whole number, or None",
    "How many of the newest archive entries show their summary (None: all). With about "
    "1,200 entries, a summary on every row makes the page several times heavier.",
)
SETTINGS = (CALENDAR_MONTHS, FIRST_WEEKDAY, SUMMARIES)


@dataclass(frozen=True)
class ArchiveSettings:
    """What the archive reads from one site's settings (and `SOURCE_DATE_EPOCH`)."""

    tz: datetime.tzinfo
    locale: Locale
    first_weekday: int
    months: int
    today: datetime.date
    visibility: Visibility
    summaries: int | None = 50

    @classmethod
    def from_settings(cls, settings, epoch: str | None) -> ArchiveSettings:
        """Read and check one site's settings; BuildStopped names a bad one."""
        tz = site_timezone(settings)
        locale = locale_for(settings["DEFAULT_LANG"])
        first_weekday = FIRST_WEEKDAY.read(settings)
        if first_weekday is None:
            first_weekday = locale.first_week_day
        if isinstance(first_weekday, bool) or first_weekday not in range(7):
            raise BuildStopped(
                f"archive: invalid ARCHIVE_FIRST_WEEKDAY {first_weekday!r}: "
                "0 (Monday) .. 6 (Sunday), or None"
            )
        months = CALENDAR_MONTHS.read(settings)
        if isinstance(months, bool) or not isinstance(months, int) or months < 1:
            raise BuildStopped(
                f"archive: invalid ARCHIVE_CALENDAR_MONTHS {months!r}: a whole number, at least 1"
            )
        summaries = SUMMARIES.read(settings)
        if summaries is not None and (
            isinstance(summaries, bool) or not isinstance(summaries, int) or summaries < 0
        ):
            raise BuildStopped(
                f"archive: invalid ARCHIVE_SUMMARIES {summaries!r}: a whole number, or None"
            )
        try:
            today = build_date(epoch, tz)
        except ValueError as bad:
            raise BuildStopped(f"archive: {bad}") from None
        visibility = Visibility.from_settings(settings)
        return cls(tz, locale, first_weekday, months, today, visibility, summaries)


@dataclass(frozen=True)
class ArchiveView:
    """The `archive` context value (see the module docstring)."""

    entries: tuple
    years: tuple
    total: int
    drafts: int
    months: tuple  # ((first day, Month), ...), the build month first
    today: datetime.date
    levels: int
    weekdays: tuple
    summarized: frozenset = frozenset()  # ids of the entries that show their summary

    def with_summary(self, item) -> bool:
        """Whether the list shows `item`'s summary."""
        return id(item) in self.summarized


def locale_for(lang: str) -> Locale:
    """The language's locale with its most likely region (`ko` -> `ko_KR`), for week starts."""
    code = lang.replace("-", "_")
    try:
        return Locale.parse(get_global("likely_subtags").get(code, code))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_US")


def weekday_names(locale: Locale, first_weekday: int) -> tuple:
    """((narrow, wide) day name, ...) for 7 columns starting on `first_weekday`.

    Narrow names ("S", "M"; "일", "월") fit a calendar cell at every width; the wide
    one is what assistive technology reads.
    """
    short = get_day_names("narrow", locale=locale)
    wide = get_day_names("wide", locale=locale)
    return tuple((short[(first_weekday + i) % 7], wide[(first_weekday + i) % 7]) for i in range(7))


def calendar_months(today, count: int, per_day: dict, first_weekday: int) -> tuple:
    """((first day, Month), ...): the month of `today` and the `count - 1` before it."""
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        grid = month_grid(year, month, per_day, first_weekday, LEVELS)
        months.append((datetime.date(year, month, 1), grid))
        (year, month), _next = adjacent_months(year, month)
    return tuple(months)


def archive_view(items, config: ArchiveSettings) -> ArchiveView:
    """The archive of `items` (articles of every language) under `config`."""

    def day_of(item):
        return local_day(item.date, config.tz)

    entries = visible_entries(items, show_drafts=config.visibility.drafts)
    per_day = count_by_day(day_of(item) for item in entries if item.status == "published")
    return ArchiveView(
        entries=tuple(entries),
        years=tuple(group_by_day(entries, day_of)),
        total=len(entries),
        drafts=count_drafts(entries),
        months=calendar_months(config.today, config.months, per_day, config.first_weekday),
        today=config.today,
        levels=LEVELS,
        weekdays=weekday_names(config.locale, config.first_weekday),
        summarized=frozenset(id(item) for item in entries[: config.summaries]),
    )


def check_settings(pelican):
    """`initialized`: stop on a bad setting before anything is read or written."""
    ArchiveSettings.from_settings(pelican.settings, os.environ.get("SOURCE_DATE_EPOCH"))


def collect(generators):
    """`all_generators_finalized`: the archive view for this language's site."""
    settings, context = generators[0].settings, generators[0].context
    config = ArchiveSettings.from_settings(settings, os.environ.get("SOURCE_DATE_EPOCH"))
    items = [c for c in context.get("generated_content", {}).values() if isinstance(c, Article)]
    context["archive"] = archive_view(items, config)


def register():
    """Connect the handlers, in the order they fire."""
    signals.initialized.connect(check_settings)
    signals.all_generators_finalized.connect(collect)
