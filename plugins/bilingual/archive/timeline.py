"""Pure functions for the archive list: which posts show, their order and grouping.

They take content-like objects (`lang`, `status`, `date`, `source_path`) and return
new values; no Pelican imports, no I/O, no globals.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class DayGroup:
    """The posts of one day, in list order."""

    date: datetime.date
    entries: tuple


@dataclass(frozen=True)
class MonthGroup:
    """The days of one month that have posts, newest first."""

    year: int
    month: int
    days: tuple


@dataclass(frozen=True)
class YearGroup:
    """The months of one year that have posts, newest first."""

    year: int
    months: tuple


def visible_entries(items: Iterable, show_drafts: bool) -> list:
    """Published posts of every language, plus drafts when the build writes them; newest first."""
    shown = [
        item
        for item in items
        if item.status == "published" or (show_drafts and item.status == "draft")
    ]
    # Newest first; posts of the same moment keep a stable order by language, then file.
    shown.sort(key=lambda item: (item.lang, item.source_path))
    shown.sort(key=lambda item: item.date, reverse=True)
    return shown


def group_by_day(entries: list, day_of: Callable | None = None) -> list[YearGroup]:
    """Years, months and days in the order of `entries` (newest first)."""
    day_of = day_of or (lambda item: item.date.date())
    days: dict = {}
    for item in entries:
        days.setdefault(day_of(item), []).append(item)
    months: dict = {}
    for day, members in days.items():
        months.setdefault((day.year, day.month), []).append(DayGroup(day, tuple(members)))
    years: dict = {}
    for (year, month), day_groups in months.items():
        years.setdefault(year, []).append(MonthGroup(year, month, tuple(day_groups)))
    return [YearGroup(year, tuple(month_groups)) for year, month_groups in years.items()]


def count_drafts(entries: Iterable) -> int:
    """How many of `entries` are drafts."""
    return sum(1 for item in entries if item.status == "draft")
