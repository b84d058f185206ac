import dataclasses
import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from pelican.plugins.bilingual.archive.calendar import (
    Day,
    Month,
    adjacent_months,
    build_date,
    count_by_day,
    density_level,
    local_day,
    month_grid,
)

UTC = UTC
SEOUL = ZoneInfo("Asia/Seoul")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
PADDING = Day(None, 0, 0)


def epoch_error(value):
    return re.escape(
        f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, got '{value}'"
    )


# --- month layout -------------------------------------------------------------------------

# (year, month, first_weekday, days in month, column of day 1, number of weeks,
#  (week, column) of the last day). 2026 months whose 1st falls on Monday .. Sunday.
LAYOUTS = [
    # June 2026 starts on Monday, ends on Tuesday the 30th.
    (2026, 6, 0, 30, 0, 5, (4, 1)),
    (2026, 6, 6, 30, 1, 5, (4, 2)),
    # September 2026 starts on Tuesday, ends on Wednesday the 30th.
    (2026, 9, 0, 30, 1, 5, (4, 2)),
    (2026, 9, 6, 30, 2, 5, (4, 3)),
    # April 2026 starts on Wednesday, ends on Thursday the 30th.
    (2026, 4, 0, 30, 2, 5, (4, 3)),
    (2026, 4, 6, 30, 3, 5, (4, 4)),
    # January 2026 starts on Thursday, ends on Saturday the 31st.
    (2026, 1, 0, 31, 3, 5, (4, 5)),
    (2026, 1, 6, 31, 4, 5, (4, 6)),
    # May 2026 starts on Friday, ends on Sunday the 31st.
    (2026, 5, 0, 31, 4, 5, (4, 6)),
    (2026, 5, 6, 31, 5, 6, (5, 0)),
    # August 2026 starts on Saturday, ends on Monday the 31st.
    (2026, 8, 0, 31, 5, 6, (5, 0)),
    (2026, 8, 6, 31, 6, 6, (5, 1)),
    # February 2026 starts on Sunday, ends on Saturday the 28th.
    (2026, 2, 0, 28, 6, 5, (4, 5)),
    (2026, 2, 6, 28, 0, 4, (3, 6)),
]


@pytest.mark.parametrize(
    ("year", "month", "first_weekday", "length", "first_col", "n_weeks", "last_cell"), LAYOUTS
)
def test_day_one_and_last_day_land_in_the_right_cells(
    year, month, first_weekday, length, first_col, n_weeks, last_cell
):
    grid = month_grid(year, month, {}, first_weekday=first_weekday)
    assert len(grid.weeks) == n_weeks
    assert grid.weeks[0][first_col].date == date(year, month, 1)
    assert grid.weeks[0][:first_col] == (PADDING,) * first_col
    week, col = last_cell
    assert grid.weeks[week][col].date == date(year, month, length)
    assert grid.weeks[week][col + 1 :] == (PADDING,) * (6 - col)
    assert grid.first_weekday == first_weekday


@pytest.mark.parametrize(("year", "month", "first_weekday"), [row[:3] for row in LAYOUTS])
def test_every_week_has_seven_cells(year, month, first_weekday):
    grid = month_grid(year, month, {}, first_weekday=first_weekday)
    assert all(len(week) == 7 for week in grid.weeks)


def real_days(grid):
    """The month's days in order, without the padding cells."""
    return [day for week in grid.weeks for day in week if day.date is not None]


def test_sunday_first_columns_run_sunday_to_saturday():
    grid = month_grid(2026, 4, {}, first_weekday=6)
    # April 2026: Sunday the 5th .. Saturday the 11th form the second row.
    assert [day.date for day in grid.weeks[1]] == [date(2026, 4, n) for n in range(5, 12)]


def test_february_2026_sunday_first_has_four_full_weeks():
    grid = month_grid(2026, 2, {}, first_weekday=6)
    assert len(grid.weeks) == 4
    assert PADDING not in [day for week in grid.weeks for day in week]


def test_leap_day_2028_is_a_tuesday_in_the_fifth_row():
    # February 2028 starts on Tuesday, so Monday-first the 29th sits at row 4, column 1.
    grid = month_grid(2028, 2, {date(2028, 2, 29): 2})
    assert len(grid.weeks) == 5
    assert grid.weeks[4][1] == Day(date(2028, 2, 29), 2, 4)
    assert grid.weeks[4][2:] == (PADDING,) * 5


def test_days_are_consecutive_and_skip_padding():
    days = real_days(month_grid(2026, 5, {}, first_weekday=6))
    assert [day.date for day in days] == [date(2026, 5, n) for n in range(1, 32)]


# --- counts and levels --------------------------------------------------------------------

APRIL_COUNTS = {
    date(2026, 4, 1): 1,
    date(2026, 4, 19): 6,
    date(2026, 4, 30): 12,
    # outside April 2026: ignored
    date(2026, 3, 31): 50,
    date(2026, 5, 1): 40,
    date(2025, 4, 19): 30,
}


def test_month_totals_ignore_other_months():
    grid = month_grid(2026, 4, APRIL_COUNTS)
    assert (grid.year, grid.month) == (2026, 4)
    assert grid.total == 19
    assert grid.max_count == 12


def test_month_cells_carry_counts_and_levels():
    grid = month_grid(2026, 4, APRIL_COUNTS)
    # Monday-first: the 1st (Wednesday) is row 0 column 2, the 19th (Sunday) row 2
    # column 6, the 30th (Thursday) row 4 column 3.
    assert grid.weeks[0][2] == Day(date(2026, 4, 1), 1, 1)
    assert grid.weeks[2][6] == Day(date(2026, 4, 19), 6, 2)
    assert grid.weeks[4][3] == Day(date(2026, 4, 30), 12, 4)
    assert grid.weeks[0][3] == Day(date(2026, 4, 2), 0, 0)


def test_month_days_with_posts():
    days = real_days(month_grid(2026, 4, APRIL_COUNTS))
    busy = [(day.date, day.count, day.level) for day in days if day.count]
    assert busy == [
        (date(2026, 4, 1), 1, 1),
        (date(2026, 4, 19), 6, 2),
        (date(2026, 4, 30), 12, 4),
    ]


def test_levels_follow_the_levels_argument():
    days = real_days(month_grid(2026, 4, APRIL_COUNTS, levels=3))
    assert [day.level for day in days if day.count] == [1, 1, 2]


@pytest.mark.parametrize(
    "counts",
    [
        {},
        {date(2026, 3, 1): 0, date(2026, 3, 15): 0},
        {date(2026, 2, 28): 4, date(2026, 4, 1): 9},
    ],
)
def test_month_without_posts(counts):
    grid = month_grid(2026, 3, counts)
    assert grid.total == 0
    assert grid.max_count == 0
    assert len(real_days(grid)) == 31
    assert {day.level for week in grid.weeks for day in week} == {0}
    assert {day.count for week in grid.weeks for day in week} == {0}


@pytest.mark.parametrize("first_weekday", [-1, 7])
def test_month_grid_rejects_bad_first_weekday(first_weekday):
    with pytest.raises(ValueError, match="first_weekday"):
        month_grid(2026, 4, {}, first_weekday=first_weekday)


def test_month_grid_rejects_too_few_levels():
    with pytest.raises(ValueError, match="levels"):
        month_grid(2026, 4, APRIL_COUNTS, levels=1)


@pytest.mark.parametrize(
    ("count", "max_count", "levels", "expected"),
    [
        (0, 12, 5, 0),
        (1, 12, 5, 1),
        (3, 12, 5, 1),
        (4, 12, 5, 2),
        (6, 12, 5, 2),
        (7, 12, 5, 3),
        (9, 12, 5, 3),
        (10, 12, 5, 4),
        (12, 12, 5, 4),
        (1, 1, 5, 4),
        (1, 100, 5, 1),
        (0, 0, 5, 0),
        (1, 12, 3, 1),
        (6, 12, 3, 1),
        (7, 12, 3, 2),
        (12, 12, 3, 2),
        (0, 12, 3, 0),
        (1, 12, 2, 1),
        (12, 12, 2, 1),
    ],
)
def test_density_level(count, max_count, levels, expected):
    assert density_level(count, max_count, levels) == expected


def test_density_level_defaults_to_five_levels():
    assert density_level(12, 12) == 4


@pytest.mark.parametrize("levels", [1, 0, -3])
def test_density_level_needs_two_levels(levels):
    with pytest.raises(ValueError, match="levels"):
        density_level(1, 12, levels)


def test_count_by_day():
    days = [date(2026, 4, 19), date(2026, 4, 1), date(2026, 4, 19), date(2026, 4, 19)]
    assert count_by_day(days) == {date(2026, 4, 19): 3, date(2026, 4, 1): 1}


def test_count_by_day_accepts_an_iterator_and_nothing():
    assert count_by_day(iter([date(2025, 12, 31)])) == {date(2025, 12, 31): 1}
    assert count_by_day([]) == {}


def test_results_are_frozen():
    grid = month_grid(2026, 4, APRIL_COUNTS)
    assert isinstance(grid, Month)
    with pytest.raises(dataclasses.FrozenInstanceError):
        grid.total = 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        grid.weeks[0][2].count = 5


# --- build date ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("epoch", "tz", "expected"),
    [
        # 1970-01-01T00:00:00Z: 09:00 in Seoul, 16:00 the day before in Los Angeles.
        ("0", UTC, date(1970, 1, 1)),
        ("0", SEOUL, date(1970, 1, 1)),
        ("0", LOS_ANGELES, date(1969, 12, 31)),
        # 1970-01-01T23:59:59Z: 08:59:59 on the 2nd in Seoul.
        ("86399", UTC, date(1970, 1, 1)),
        ("86399", SEOUL, date(1970, 1, 2)),
        # 2026-04-19T00:00:00Z: 09:00 in Seoul, 17:00 on the 18th in Los Angeles (PDT).
        ("1776556800", UTC, date(2026, 4, 19)),
        ("1776556800", SEOUL, date(2026, 4, 19)),
        ("1776556800", LOS_ANGELES, date(2026, 4, 18)),
        # 2026-04-18T15:30:00Z: already 00:30 on the 19th in Seoul.
        ("1776526200", UTC, date(2026, 4, 18)),
        ("1776526200", SEOUL, date(2026, 4, 19)),
        ("1776526200", LOS_ANGELES, date(2026, 4, 18)),
        # 2026-04-18T14:59:59Z: 23:59:59 on the 18th in Seoul.
        ("1776524399", SEOUL, date(2026, 4, 18)),
    ],
)
def test_build_date_from_source_date_epoch(epoch, tz, expected):
    assert build_date(epoch, tz) == expected


def test_source_date_epoch_wins_over_now():
    now = datetime(2030, 1, 1, 12, tzinfo=UTC)
    assert build_date("1776556800", SEOUL, now=now) == date(2026, 4, 19)


@pytest.mark.parametrize(
    "epoch", ["abc", "-5", "1.5", "1e9", "0x10", " ", "١٢٣", "99999999999999999999"]
)
def test_invalid_source_date_epoch(epoch):
    with pytest.raises(ValueError, match=epoch_error(epoch)):
        build_date(epoch, SEOUL)


@pytest.mark.parametrize("epoch", [None, ""])
@pytest.mark.parametrize(
    ("now", "tz", "expected"),
    [
        (datetime(2026, 4, 18, 15, 30, tzinfo=UTC), SEOUL, date(2026, 4, 19)),
        (datetime(2026, 4, 18, 15, 30, tzinfo=UTC), UTC, date(2026, 4, 18)),
        (datetime(2026, 4, 19, 8, 0, tzinfo=SEOUL), LOS_ANGELES, date(2026, 4, 18)),
        (datetime(2026, 1, 1, 0, 0, tzinfo=SEOUL), SEOUL, date(2026, 1, 1)),
    ],
)
def test_build_date_uses_now_without_epoch(epoch, now, tz, expected):
    assert build_date(epoch, tz, now=now) == expected


def test_build_date_defaults_to_the_clock():
    before = datetime.now(SEOUL).date()
    today = build_date(None, SEOUL)
    after = datetime.now(SEOUL).date()
    assert before <= today <= after


# --- local day ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "tz", "expected"),
    [
        (datetime(2026, 4, 18, 15, 30, tzinfo=UTC), SEOUL, date(2026, 4, 19)),
        (datetime(2026, 4, 18, 14, 59, tzinfo=UTC), SEOUL, date(2026, 4, 18)),
        (datetime(2026, 4, 18, 15, 0, tzinfo=UTC), SEOUL, date(2026, 4, 19)),
        (datetime(2026, 4, 19, 8, 0, tzinfo=SEOUL), LOS_ANGELES, date(2026, 4, 18)),
        (datetime(2026, 4, 19, 0, 30, tzinfo=timezone(timedelta(hours=9))), UTC, date(2026, 4, 18)),
        # naive datetimes are already local time
        (datetime(2026, 4, 18, 23, 59), SEOUL, date(2026, 4, 18)),
        (datetime(2026, 4, 19, 0, 0), LOS_ANGELES, date(2026, 4, 19)),
        # dates are kept
        (date(2026, 4, 19), SEOUL, date(2026, 4, 19)),
        (date(2026, 4, 19), LOS_ANGELES, date(2026, 4, 19)),
    ],
)
def test_local_day(moment, tz, expected):
    assert local_day(moment, tz) == expected


# --- navigation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (2026, 1, ((2025, 12), (2026, 2))),
        (2026, 12, ((2026, 11), (2027, 1))),
        (2026, 6, ((2026, 5), (2026, 7))),
        (2000, 1, ((1999, 12), (2000, 2))),
    ],
)
def test_adjacent_months(year, month, expected):
    assert adjacent_months(year, month) == expected
