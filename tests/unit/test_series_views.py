"""Series navigation and views as templates get them: `article.series` and the series pages."""

import datetime
from dataclasses import dataclass, field

import pytest
from pelican.plugins.bilingual.core import LanguageSites
from pelican.plugins.bilingual.series_threads.grouping import Entry, SeriesConfig, normalize_config
from pelican.plugins.bilingual.series_threads.views import SeriesLinks, build_views, post_series

SITES = LanguageSites((("en", ""), ("ko", "/ko")))
LINKS = SeriesLinks(page="series/{id}/", feed="series/{id}/atom.xml")


@dataclass
class Post:
    slug: str
    lang: str = "en"
    date: datetime.datetime = datetime.datetime(2026, 3, 1)
    status: str = "published"
    title: str = ""
    metadata: dict = field(default_factory=lambda: {"series": "Study"})
    source_path: str = ""
    url: str = ""

    def __post_init__(self):
        self.title = self.title or f"{self.slug} ({self.lang})"
        self.source_path = self.source_path or f"content/{self.slug}.{self.lang}.md"
        self.url = self.url or f"posts/{self.slug}/"


def day(n):
    return datetime.datetime(2026, 3, 1) + datetime.timedelta(days=n)


def ep(slug, index, sub=None, lang="en", date=0, status="published", series="study"):
    return Entry(Post(slug, lang, day(date), status), series, sub, index)


def key(entry):
    return (entry.slug, entry.lang)


def views_for(entries, lang="en", configs=None):
    return build_views(entries, configs or {}, lang, SITES, LINKS)


def test_previous_and_next_run_across_sub_series_in_reading_order():
    entries = [
        ep("k1", 1, "KAL", date=0),
        ep("k2", 2, "KAL", date=1),
        ep("p1", 1, "PID", date=5),
        ep("p2", 2, "PID", date=6),
    ]
    _views, posts = views_for(entries)
    k2, p1 = posts[key(entries[1])], posts[key(entries[2])]
    assert (k2.previous.slug, k2.next.slug) == ("k1", "p1")
    assert (p1.previous.slug, p1.next.slug) == ("k2", "p2")
    assert posts[key(entries[0])].previous is None
    assert posts[key(entries[3])].next is None
    # `all`, `index` and `total` stay within the post's own sub-series.
    assert [e.slug for e in p1.all] == ["p1", "p2"]
    assert (p1.index, p1.total, p1.number, p1.label) == (1, 2, "1", "PID-1")
    assert p1.episode.slug == "p1"
    assert p1.thread.key == "PID"


def test_total_counts_the_highest_number_when_episodes_are_missing():
    entries = [ep("a", 1), ep("c", 5, date=2)]
    _views, posts = views_for(entries)
    assert posts[key(entries[1])].total == 5
    assert posts[key(entries[1])].index == 2


def test_navigation_stays_in_the_page_language_but_the_series_page_lists_every_post():
    entries = [ep("a", 1), ep("a", 1, lang="ko"), ep("b", 2, lang="ko", date=1)]
    views, posts = views_for(entries, lang="en")
    assert key(entries[2]) not in posts  # a Korean post has no English navigation
    assert posts[key(entries[0])].next is None
    view = views["study"]
    rows = [(e.slug, e.lang, e.url) for t in view.threads for e in t.episodes]
    assert rows == [("a", "en", "/posts/a/"), ("b", "ko", "/ko/posts/b/")]
    assert view.threads[0].episodes[0].versions == (
        ("en", "/posts/a/", "published"),
        ("ko", "/ko/posts/a/", "published"),
    )
    assert (view.count, view.langs) == (2, ("en", "ko"))
    assert view.url == "/series/study/" and view.feed_url == "/series/study/atom.xml"


def test_a_series_with_only_drafts_here_has_no_feed():
    entries = [ep("a", 1, status="draft"), ep("b", 2, lang="ko")]
    views, _posts = views_for(entries)
    assert views["study"].feed_url is None
    assert (
        build_views(entries, {}, "en", SITES, SeriesLinks("s/{id}/", None))[0]["study"].feed_url
        is None
    )


def test_names_come_from_the_setting_in_each_language():
    configs = normalize_config(
        {
            "study": {
                "name": {"en": "Study", "ko": "공부"},
                "subseries": {"KAL": {"name": {"ko": "칼만"}}},
            }
        }
    )
    entries = [ep("k1", 1, "KAL", lang="ko")]
    views, posts = views_for(entries, lang="ko", configs=configs)
    assert views["study"].name == "공부"
    assert posts[key(entries[0])].thread.name == "칼만"
    assert views_for(entries, lang="en", configs=configs)[0]["study"].name == "Study"


@pytest.mark.parametrize("count", [1, 9, 10, 31])
def test_nearby_window_always_holds_the_post_itself(count):
    entries = [ep(f"e{i}", i, date=i) for i in range(1, count + 1)]
    _views, posts = views_for(entries)
    for entry in entries:
        series = posts[key(entry)]
        assert series.episode in series.nearby
        assert len([e for e in series.nearby if e is not None]) <= min(count, 9)


def test_a_post_this_site_does_not_list_keeps_its_series_without_navigation():
    hidden = ep("h", 3, status="hidden")
    listed = ep("a", 1)
    views, posts = views_for([listed])
    series = post_series(hidden, views, posts)
    assert (series.id, series.name, series.url, series.label) == (
        "study",
        "Study",
        "/series/study/",
        "3",
    )
    assert series.all == () and series.index is None and series.episode is None
    orphan = post_series(ep("o", None, series="elsewhere"), views, posts)
    assert (orphan.name, orphan.url, orphan.label) == ("Study", "", "")


def test_bare_config_uses_the_name_as_written():
    entries = [ep("a", 1)]
    views, _posts = build_views(entries, {}, "en", SITES, LINKS)
    assert views["study"].name == "Study"
    assert SeriesConfig("x").subseries_name("KAL", "en") == "KAL"


def test_every_language_counts_and_lists_every_episode_marked_by_its_language():
    # Episode 3 exists only in English; episode 4's Korean version is a draft.
    entries = [
        ep("g1", 1, lang="en", date=1),
        ep("g1", 1, lang="ko", date=1),
        ep("g2", 2, lang="en", date=2),
        ep("g2", 2, lang="ko", date=2),
        ep("g3", 3, lang="en", date=3),
        ep("g4", 4, lang="en", date=4),
        ep("g4", 4, lang="ko", date=4, status="draft"),
    ]
    published = [e for e in entries if e.item.status == "published"]
    _views, posts = views_for(published, lang="ko")
    ko2 = posts[("g2", "ko")]
    assert [(e.slug, e.lang) for e in ko2.all] == [
        ("g1", "ko"),
        ("g2", "ko"),
        ("g3", "en"),
        ("g4", "en"),
    ]
    assert (ko2.index, ko2.total) == (2, 4)
    # Previous and next stay in the page's language.
    assert ko2.previous.slug == "g1" and ko2.next is None
    _views, posts = views_for(entries, lang="ko")  # a development build lists the draft
    assert [e.status for e in posts[("g2", "ko")].all] == ["published"] * 3 + ["draft"]
    assert posts[("g2", "ko")].next.slug == "g4"


def test_episode_numbers_are_shown_as_typed():
    entry = Entry(Post("a"), "study", None, 2, "02")
    _views, posts = views_for([entry])
    series = posts[key(entry)]
    assert (series.number, series.label, series.all[0].number) == ("02", "02", "02")
    assert series.total == 2  # counted as the number it is


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_without_a_configured_name_the_first_post_by_date_names_the_series(order):
    # The posts name their series three ways; whatever order they were read in, the
    # series page and every episode show the earliest post's name.
    posts = [
        Entry(Post("b2", "ko", day(1), metadata={"series": "demo-build"}), "demo-build", None, 2),
        Entry(Post("b4", "ko", day(3), metadata={"series": "Demo Build"}), "demo-build", None, 4),
        Entry(Post("b3", "ko", day(2), metadata={"series": "Demo build"}), "demo-build", None, 3),
    ]
    views, _posts = views_for([posts[i] for i in order], lang="ko")
    assert views["demo-build"].name == "demo-build"
