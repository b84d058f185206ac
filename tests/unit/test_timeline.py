import datetime
from dataclasses import dataclass

from pelican.plugins.bilingual.archive.timeline import count_drafts, group_by_day, visible_entries

KST = datetime.timezone(datetime.timedelta(hours=9))


@dataclass
class Post:
    slug: str
    lang: str
    date: datetime.datetime
    status: str = "published"

    @property
    def source_path(self):
        return f"content/{self.slug}.{self.lang}.md"


def at(month, day, hour=12):
    return datetime.datetime(2026, month, day, hour, tzinfo=KST)


POSTS = [
    Post("a", "en", at(4, 19, 10)),
    Post("a", "ko", at(4, 19, 12)),
    Post("b", "en", at(5, 1)),
    Post("c", "ko", at(3, 31)),
    Post("d", "en", at(5, 2), status="draft"),
    Post("e", "en", at(5, 3), status="hidden"),
    Post("f", "en", datetime.datetime(2025, 12, 31, 23, 0, tzinfo=KST)),
]


def test_visible_entries_are_every_language_newest_first():
    shown = visible_entries(POSTS, show_drafts=False)
    assert [(p.slug, p.lang) for p in shown] == [
        ("b", "en"),
        ("a", "ko"),
        ("a", "en"),
        ("c", "ko"),
        ("f", "en"),
    ]


def test_drafts_show_only_when_the_build_writes_them():
    assert "d" in [p.slug for p in visible_entries(POSTS, show_drafts=True)]
    assert "d" not in [p.slug for p in visible_entries(POSTS, show_drafts=False)]
    assert count_drafts(visible_entries(POSTS, show_drafts=True)) == 1


def test_same_moment_orders_by_language_then_file():
    same = [Post("z", "ko", at(4, 1)), Post("y", "en", at(4, 1)), Post("x", "ko", at(4, 1))]
    assert [(p.slug, p.lang) for p in visible_entries(same, False)] == [
        ("y", "en"),
        ("x", "ko"),
        ("z", "ko"),
    ]


def test_grouped_by_year_month_and_day_newest_first():
    years = group_by_day(visible_entries(POSTS, show_drafts=True))
    assert [y.year for y in years] == [2026, 2025]
    assert [(m.year, m.month) for m in years[0].months] == [(2026, 5), (2026, 4), (2026, 3)]
    april = years[0].months[1]
    assert [d.date for d in april.days] == [datetime.date(2026, 4, 19)]
    assert [p.lang for p in april.days[0].entries] == ["ko", "en"]
    assert [d.date.day for d in years[0].months[0].days] == [2, 1]


def test_grouping_uses_the_given_day_function_for_timezones():
    utc = datetime.UTC
    late = Post("late", "en", datetime.datetime(2026, 4, 30, 16, 30, tzinfo=utc))
    years = group_by_day([late], day_of=lambda p: p.date.astimezone(KST).date())
    assert (years[0].months[0].month, years[0].months[0].days[0].date.day) == (5, 1)


def test_no_posts_no_groups():
    assert group_by_day([]) == []
