"""archive: every post of every language in one chronological list, with a month calendar.

Template API
------------
Context `archive` (an `ArchiveView`) on every page of the site:
- `entries`: posts of every language (drafts too where drafts are written), newest
  first; each is the Pelican article, whose `href` (from `bilingual`) is its URL on
  its own language's site;
- `years`: `YearGroup(year, months)` -> `MonthGroup(year, month, days)` ->
  `DayGroup(date, entries)`, newest first, days in the site's timezone;
- `total`, `drafts`: counts for "N entries · M drafts";
- `calendar`: the `Month` of the build date (`weeks` of 7 `Day(date, count, level)`,
  `total`, `max_count`), counting published posts of every language per day;
- `month_date` (first day of that month), `today`, `levels`, `weekdays`: the column
  headers as (short, full) names in the site's language, starting on its first weekday;
- `earlier`: ((first day, `Month`), ...) for the months before it, newest first, which
  the theme lets readers browse (a month picker of radio buttons, no JavaScript).

Settings (defaults)
-------------------
- `TIMEZONE`: the site's timezone (Pelican's own setting).
- `ARCHIVE_CALENDAR_MONTHS` (6): how many months the calendar can show, the build
  month included.
- `ARCHIVE_FIRST_WEEKDAY` (None: the language's custom, e.g. Sunday for en-US and ko):
  0 = Monday .. 6 = Sunday.
"The build date" is `SOURCE_DATE_EPOCH` when set (reproducible builds), else the clock.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import get_day_names
from pelican import signals
from pelican.contents import Article

from .calendar import Month, adjacent_months, build_date, count_by_day, local_day, month_grid
from .timeline import count_drafts, group_by_day, visible_entries

# Shades of the calendar, the empty one included; components.css styles .level-0 .. .level-4.
LEVELS = 5


class ArchiveError(SystemExit):
    """A setting or environment value the archive cannot be built with."""


@dataclass(frozen=True)
class ArchiveView:
    entries: tuple
    years: tuple
    total: int
    drafts: int
    calendar: Month
    month_date: datetime.date
    earlier: tuple  # ((first day, Month), ...) for the months before, newest first
    today: datetime.date
    levels: int
    weekdays: tuple


def locale_for(lang: str) -> Locale:
    """The language's locale with its most likely region (`ko` -> `ko_KR`), for week starts."""
    code = lang.replace("-", "_")
    try:
        return Locale.parse(get_global("likely_subtags").get(code, code))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_US")


def weekday_names(locale: Locale, first_weekday: int) -> tuple:
    short = get_day_names("abbreviated", locale=locale)
    wide = get_day_names("wide", locale=locale)
    return tuple((short[(first_weekday + i) % 7], wide[(first_weekday + i) % 7]) for i in range(7))


def earlier_months(today, per_day, first_weekday, settings) -> tuple:
    """The months before the build month that the calendar can browse, newest first."""
    months = []
    year, month = today.year, today.month
    for _ in range(int(settings.get("ARCHIVE_CALENDAR_MONTHS", 6)) - 1):
        (year, month), _next = adjacent_months(year, month)
        grid = month_grid(year, month, per_day, first_weekday, LEVELS)
        months.append((datetime.date(year, month, 1), grid))
    return tuple(months)


def collect(generators):
    """all_generators_finalized: build the archive view for this language's site."""
    settings, context = generators[0].settings, generators[0].context
    tz = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    locale = locale_for(settings["DEFAULT_LANG"])
    first_weekday = settings.get("ARCHIVE_FIRST_WEEKDAY")
    if first_weekday is None:
        first_weekday = locale.first_week_day
    try:
        today = build_date(os.environ.get("SOURCE_DATE_EPOCH"), tz)
    except ValueError as bad:
        raise ArchiveError(f"archive: {bad}") from None

    def day_of(item):
        return local_day(item.date, tz)

    items = [c for c in context.get("generated_content", {}).values() if isinstance(c, Article)]
    entries = visible_entries(items, show_drafts=bool(settings.get("DRAFT_SAVE_AS")))
    per_day = count_by_day(day_of(item) for item in entries if item.status == "published")
    context["archive"] = ArchiveView(
        entries=tuple(entries),
        years=tuple(group_by_day(entries, day_of)),
        total=len(entries),
        drafts=count_drafts(entries),
        calendar=month_grid(today.year, today.month, per_day, first_weekday, LEVELS),
        month_date=today.replace(day=1),
        earlier=earlier_months(today, per_day, first_weekday, settings),
        today=today,
        levels=LEVELS,
        weekdays=weekday_names(locale, first_weekday),
    )


def register():
    signals.all_generators_finalized.connect(collect)
