"""calendar: the archive page's month writing-density calendar, as pure data.

API
---
- `build_date(epoch, tz, now=None) -> date`: "today" for the build in the site
  timezone. A non-empty `epoch` (the `SOURCE_DATE_EPOCH` string, whole seconds
  since 1970-01-01 UTC) wins; otherwise `now` (default: the clock) is used.
  A malformed epoch raises `ValueError`.
- `local_day(moment, tz) -> date`: a post date's calendar day in the site
  timezone (aware datetimes are converted, naive ones are taken as local).
- `count_by_day(days) -> {date: posts}`.
- `density_level(count, max_count, levels=5) -> int`: 0 for no posts, else
  1..levels-1, with `max_count` getting the darkest shade.
- `month_grid(year, month, counts, first_weekday=0, levels=5) -> Month`: the weeks
  of one month (7 `Day`s each, padded with `Day(None, 0, 0)`), starting on
  `first_weekday` (0=Monday .. 6=Sunday), with `total` and `max_count`.
- `adjacent_months(year, month) -> ((prev_y, prev_m), (next_y, next_m))`.
"""

from __future__ import annotations

import calendar
import datetime
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


def build_date(
    epoch: str | None, tz: datetime.tzinfo, now: datetime.datetime | None = None
) -> datetime.date:
    """The build's date in `tz`, from `SOURCE_DATE_EPOCH` when set, else from `now`."""
    if epoch:
        text = epoch.strip()
        if not (text.isascii() and text.isdigit()):
            raise ValueError(_epoch_error(epoch))
        try:
            moment = datetime.datetime.fromtimestamp(int(text), tz=datetime.UTC)
        except (OverflowError, OSError, ValueError) as err:
            raise ValueError(_epoch_error(epoch)) from err
        return moment.astimezone(tz).date()
    if now is None:
        return datetime.datetime.now(tz).date()
    return now.astimezone(tz).date()


def _epoch_error(value: str) -> str:
    return f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, got {value!r}"


def local_day(moment: datetime.datetime | datetime.date, tz: datetime.tzinfo) -> datetime.date:
    """The calendar day of `moment` in `tz`; naive datetimes are already local."""
    if isinstance(moment, datetime.datetime):
        if moment.tzinfo is not None and moment.utcoffset() is not None:
            return moment.astimezone(tz).date()
        return moment.date()
    return moment


@dataclass(frozen=True)
class Day:
    """One calendar cell: its date (None for padding), posts that day, shade level."""

    date: datetime.date | None
    count: int
    level: int


@dataclass(frozen=True)
class Month:
    """One month laid out in `weeks` of 7 `Day`s; `total` posts, busiest day's count."""

    year: int
    month: int
    weeks: tuple[tuple[Day, ...], ...]
    total: int
    max_count: int
    first_weekday: int


def density_level(count: int, max_count: int, levels: int = 5) -> int:
    """Shade level 0..levels-1: 0 for no posts, `levels - 1` for the busiest day."""
    if levels < 2:
        raise ValueError(f"levels must be at least 2, got {levels}")
    if count <= 0 or max_count <= 0:
        return 0
    return max(1, min(levels - 1, math.ceil(count * (levels - 1) / max_count)))


def count_by_day(days: Iterable[datetime.date]) -> dict[datetime.date, int]:
    """How many posts fall on each day."""
    return dict(Counter(days))


def month_grid(
    year: int,
    month: int,
    counts: Mapping[datetime.date, int],
    first_weekday: int = 0,
    levels: int = 5,
) -> Month:
    """Lay out one month in weeks of 7 cells starting on `first_weekday`."""
    if not 0 <= first_weekday <= 6:
        raise ValueError(f"first_weekday must be 0 (Monday) .. 6 (Sunday), got {first_weekday}")
    layout = calendar.Calendar(first_weekday).monthdayscalendar(year, month)
    in_month = {
        number: counts.get(datetime.date(year, month, number), 0)
        for week in layout
        for number in week
        if number
    }
    max_count = max(in_month.values(), default=0)
    padding = Day(None, 0, 0)
    weeks = tuple(
        tuple(
            Day(
                datetime.date(year, month, number),
                in_month[number],
                density_level(in_month[number], max_count, levels),
            )
            if number
            else padding
            for number in week
        )
        for week in layout
    )
    return Month(year, month, weeks, sum(in_month.values()), max_count, first_weekday)


def adjacent_months(year: int, month: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The months before and after (`year`, `month`)."""
    previous = (year - 1, 12) if month == 1 else (year, month - 1)
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return previous, following
