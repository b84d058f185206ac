"""The archive view and its settings: months the calendar browses, bad settings named."""

import datetime
from dataclasses import dataclass

import pytest
from pelican.plugins.bilingual.archive.archive import ArchiveSettings, archive_view, calendar_months
from pelican.plugins.bilingual.core import BuildStopped

SETTINGS = {"TIMEZONE": "Asia/Seoul", "DEFAULT_LANG": "ko", "DRAFT_SAVE_AS": "drafts/x"}
# 2026-04-25 00:00 UTC: 09:00 on April 25 in Seoul.
EPOCH = "1777075200"
UTC = datetime.UTC


@dataclass
class Post:
    date: datetime.datetime
    lang: str = "en"
    status: str = "published"
    source_path: str = "p.md"


def test_months_start_with_the_build_month_and_go_back_across_a_year():
    months = calendar_months(datetime.date(2026, 2, 10), 4, {}, 6)
    assert [first for first, _grid in months] == [
        datetime.date(2026, 2, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2025, 11, 1),
    ]
    assert all(grid.first_weekday == 6 for _first, grid in months)


def test_view_counts_published_days_in_the_site_time_zone():
    config = ArchiveSettings.from_settings(SETTINGS, EPOCH)
    assert config.today == datetime.date(2026, 4, 25)
    assert config.first_weekday == 6  # ko_KR weeks start on Sunday
    posts = [
        Post(datetime.datetime(2026, 4, 24, 16, 30, tzinfo=UTC)),  # April 25 in Seoul
        Post(datetime.datetime(2026, 4, 25, 1, 0, tzinfo=UTC), "ko"),
        Post(datetime.datetime(2026, 3, 2, 1, 0, tzinfo=UTC), status="draft"),
        Post(datetime.datetime(2026, 3, 3, 1, 0, tzinfo=UTC), status="hidden"),
    ]
    view = archive_view(posts, config)
    assert (view.total, view.drafts) == (3, 1)
    current = view.months[0][1]
    assert [day.count for week in current.weeks for day in week if day.date and day.count] == [2]
    march = view.months[1][1]
    assert march.total == 0  # drafts are listed, not counted
    assert len(view.months) == 6
    assert view.weekdays[0] == ("일", "일요일")


def test_publishing_builds_list_no_drafts():
    config = ArchiveSettings.from_settings({**SETTINGS, "DRAFT_SAVE_AS": ""}, EPOCH)
    draft = Post(datetime.datetime(2026, 3, 2, tzinfo=UTC), status="draft")
    assert archive_view([draft], config).total == 0


@pytest.mark.parametrize(
    ("override", "epoch", "message"),
    [
        ({"ARCHIVE_CALENDAR_MONTHS": 0}, EPOCH, "invalid ARCHIVE_CALENDAR_MONTHS 0"),
        ({"ARCHIVE_CALENDAR_MONTHS": -3}, EPOCH, "invalid ARCHIVE_CALENDAR_MONTHS -3"),
        ({"ARCHIVE_CALENDAR_MONTHS": "6"}, EPOCH, "invalid ARCHIVE_CALENDAR_MONTHS '6'"),
        ({"ARCHIVE_FIRST_WEEKDAY": 7}, EPOCH, "invalid ARCHIVE_FIRST_WEEKDAY 7"),
        ({"TIMEZONE": "Mars/Olympus"}, EPOCH, "invalid TIMEZONE 'Mars/Olympus'"),
        ({}, "yesterday", "SOURCE_DATE_EPOCH must be a whole number"),
    ],
)
def test_bad_settings_stop_the_build_naming_the_setting(override, epoch, message):
    with pytest.raises(BuildStopped, match=message):
        ArchiveSettings.from_settings({**SETTINGS, **override}, epoch)


def test_only_the_newest_entries_show_their_summaries():
    config = ArchiveSettings.from_settings({**SETTINGS, "ARCHIVE_SUMMARIES": 2}, EPOCH)
    posts = [Post(datetime.datetime(2026, 4, day, tzinfo=UTC)) for day in (1, 2, 3)]
    view = archive_view(posts, config)
    assert [view.with_summary(p) for p in posts] == [False, True, True]
    every = ArchiveSettings.from_settings({**SETTINGS, "ARCHIVE_SUMMARIES": None}, EPOCH)
    assert all(archive_view(posts, every).with_summary(p) for p in posts)
    with pytest.raises(BuildStopped, match="invalid ARCHIVE_SUMMARIES -1"):
        ArchiveSettings.from_settings({**SETTINGS, "ARCHIVE_SUMMARIES": -1}, EPOCH)
