"""Series threads on a fixture with a sub-series, a draft episode and a Korean-only episode."""

import feedparser
import pytest
from sitebuild import FIXTURES, assert_stopped_before_writing, run_pelican


def box(soup):
    return soup.select_one("aside.series-box")


def box_titles(soup):
    return [li.get_text(" ", strip=True) for li in box(soup).select(".series-box__list li")]


def test_series_box_names_series_position_and_episodes(series_site):
    soup = series_site.soup("posts/build-2/")
    aside = box(soup)
    assert aside.select_one(".series-box__title a").get_text() == "Demo Build"
    assert aside.select_one(".series-box__title a")["href"] == "/series/demo-build/"
    # Episode 4 exists in Korean only: counted and listed, marked with its language.
    assert aside.select_one(".series-box__position").get_text() == "Episode 2 of 4"
    assert box_titles(soup) == [
        "Ep 1 Build one",
        "Ep 2 Build two",
        "Ep 3 Build three draft Draft",
        "Ep 4 개발 4편 한국어만 KO",
    ]
    korean = aside.select_one('.series-box__list a[hreflang="ko"]')
    assert korean["href"] == "/ko/posts/build-4/" and korean["lang"] == "ko"
    current = aside.select_one("[aria-current=page]")
    assert current.get_text(" ", strip=True) == "Ep 2 Build two"


def test_korean_series_box_is_korean_and_counts_the_korean_only_episode(series_site):
    soup = series_site.soup("ko/posts/build-2/")
    aside = box(soup)
    assert aside.select_one(".series-box__title a").get_text() == "데모 개발기"
    assert aside.select_one(".series-box__position").get_text() == "4화 중 2화"
    assert box_titles(soup) == [
        "1화 개발 1편",
        "2화 개발 2편",
        "3화 개발 3편 초안 초안",
        "4화 개발 4편 한국어만",
    ]


def test_series_identity_joins_aliases_and_ids(series_site):
    # build-1.ko says "데모 개발기" (an alias), build-2.ko says "demo-build" (the id).
    for page in ("ko/posts/build-1/", "ko/posts/build-2/", "ko/posts/build-4/"):
        assert box(series_site.soup(page)).select_one(".series-box__title a")["href"] == (
            "/ko/series/demo-build/"
        )


@pytest.mark.parametrize("lang_prefix", ["", "ko/"])
def test_series_links_exist_and_stay_in_one_language(series_site, lang_prefix):
    pages = sorted(
        (series_site.output / lang_prefix.rstrip("/") if lang_prefix else series_site.output).glob(
            "posts/*/index.html"
        )
    )
    assert pages
    seen_box = 0
    for path in pages:
        soup = series_site.soup(str(path.relative_to(series_site.output)))
        aside = box(soup)
        if aside is None:
            continue
        seen_box += 1
        for link in aside.select(".series-box__list a, .series-box__nav a"):
            href = link["href"]
            assert series_site.resolve(href), (path, href)
            # Another language's episode is marked as such; prev/next never leave.
            in_korean = link.get("hreflang", "ko" if lang_prefix else "en") == "ko"
            assert href.startswith("/ko/") == in_korean, (path, href)
        for link in aside.select(".series-box__nav a"):
            assert link["href"].startswith("/ko/") == bool(lang_prefix), (path, link["href"])
    assert seen_box >= 6


def test_prev_next_follow_reading_order_across_subseries(series_site):
    soup = series_site.soup("posts/zed-2/")
    nav = box(soup).select_one(".series-box__nav")
    assert nav.select_one("[rel=prev]")["href"] == "/posts/zed-1/"
    assert nav.select_one("[rel=next]")["href"] == "/posts/alp-1/"
    assert box(soup).select_one(".series-box__title").get_text(" ", strip=True) == (
        "Study · Zed notes"
    )
    first = box(series_site.soup("posts/zed-1/")).select_one(".series-box__nav")
    assert first.select_one("[rel=prev]") is None


def test_unnumbered_series_counts_posts(series_site):
    aside = box(series_site.soup("posts/note-b/"))
    assert aside.select_one(".series-box__position").get_text() == "Post 2 of 2"
    assert box(series_site.soup("posts/loose/")) is None


def test_english_site_series_data_holds_english_posts_only(series_site):
    """Regression: pelican-series mixes languages across i18n subsites."""
    en_titles = {"Build one", "Build two", "Build three draft"}
    for li in box(series_site.soup("posts/build-1/")).select(".series-box__list li"):
        # English rows, and the Korean-only episode marked as Korean.
        marked = li.select_one('a[lang="ko"]') is not None and "KO" in li.get_text()
        assert marked or any(t in li.get_text() for t in en_titles), li
    ko = box(series_site.soup("ko/posts/build-1/")).get_text()
    assert "Build" not in ko.replace("Demo Build", "")


def test_series_index_page(series_site):
    soup = series_site.soup("series/")
    cards = {c["data-series"]: c for c in soup.select(".series-card")}
    assert set(cards) == {"demo-build", "study", "notes"}
    demo = cards["demo-build"].get_text(" ", strip=True)
    assert "A demo build log." in demo and "4 posts" in demo and "EN / KO" in demo
    assert "2 posts" in cards["notes"].get_text()
    ko = series_site.soup("ko/series/")
    assert "데모 개발 기록." in ko.get_text() and "글 4편" in ko.get_text()
    header_links = [a["href"] for a in series_site.soup("index.html").select(".site-nav a")]
    assert "/series/" in header_links


def test_series_page_lists_episodes_with_both_language_versions(series_site):
    soup = series_site.soup("series/demo-build/")
    rows = soup.select(".episode")
    labels = [r.select_one(".episode__label").get_text() for r in rows]
    assert labels == ["Ep 1", "Ep 2", "Ep 3", "Ep 4"]
    versions = [[a.get_text() for a in r.select(".episode__versions a")] for r in rows]
    assert versions == [["EN", "KO"], ["EN", "KO"], ["EN", "KO"], ["KO"]]
    korean_only = rows[3].select_one(".episode__title")
    assert korean_only.get_text() == "개발 4편 한국어만" and korean_only["lang"] == "ko"
    assert korean_only["href"] == "/ko/posts/build-4/"
    assert rows[2]["data-status"] == "draft"
    for link in soup.select(".episode a"):
        assert series_site.resolve(link["href"]), link["href"]


def test_series_page_has_subseries_sections_in_first_date_order(series_site):
    soup = series_site.soup("series/study/")
    assert [h.get_text(" ", strip=True) for h in soup.select(".series-thread h2")] == [
        "Zed notes (ZED)",
        "ALP",  # no name in SERIES: the key once, not "ALP (ALP)"
    ]
    assert soup.select_one(".series-thread .episode__label").get_text() == "ZED-1"


def test_series_feed_per_language(series_publish):
    soup = series_publish.soup("series/demo-build/")
    links = [link["href"] for link in soup.select('head link[type="application/atom+xml"]')]
    assert "https://example.org/blog/series/demo-build/atom.xml" in links
    feed = feedparser.parse((series_publish.output / "series/demo-build/atom.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [e.title for e in feed.entries] == ["Build two", "Build one"]
    ko = feedparser.parse((series_publish.output / "ko/series/demo-build/atom.xml").read_bytes())
    assert [e.title for e in ko.entries] == ["개발 4편 한국어만", "개발 2편", "개발 1편"]
    assert all(e.id.startswith("tag:example.org,") for e in [*feed.entries, *ko.entries])


def test_development_builds_write_no_feeds(series_site):
    # Feed ids are tag URIs with the site's domain; a root-relative SITEURL has none.
    assert not list(series_site.output.rglob("*.xml"))
    assert not series_site.soup("series/demo-build/").select('link[type="application/atom+xml"]')


def test_publish_build_never_lists_or_links_a_draft_episode(series_publish):
    soup = series_publish.soup("posts/build-2/")
    # Episode 3 is a draft in both languages; episode 4 exists in Korean.
    assert box(soup).select_one(".series-box__position").get_text() == "Episode 2 of 4"
    assert "draft" not in str(box(soup)).lower()
    assert box(soup).select_one("[rel=next]") is None
    page = series_publish.soup("series/demo-build/")
    assert [r.select_one(".episode__label").get_text() for r in page.select(".episode")] == [
        "Ep 1",
        "Ep 2",
        "Ep 4",
    ]
    assert "4 posts" not in page.get_text() and "3 posts" in page.get_text()
    for path in series_publish.html_files():
        text = path.read_text(encoding="utf-8")
        assert "build-3" not in text, path
    feed = feedparser.parse((series_publish.output / "series/demo-build/atom.xml").read_bytes())
    assert [e.link for e in feed.entries] == [
        "https://example.org/blog/posts/build-2/",
        "https://example.org/blog/posts/build-1/",
    ]


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        (
            "bad-series-index",
            "tests/fixtures/bad-series-index/ep.en.md:4: field 'Series_index' is 'two'; it must be "
            "a positive whole number",
        ),
        (
            "bad-series-duplicate",
            "tests/fixtures/bad-series-duplicate/also-one.en.md:4 and "
            "tests/fixtures/bad-series-duplicate/one.en.md: same 'Series_index' 1 in series "
            "'demo' (en)",
        ),
        (
            "bad-subseries",
            "tests/fixtures/bad-subseries/orphan.ko.md:3: field 'Subseries' is 'PLE' but the post "
            "has no 'Series'",
        ),
    ],
)
def test_bad_series_metadata_stops_the_build(tmp_path, fixture, message):
    output = tmp_path / "out"
    assert_stopped_before_writing(run_pelican(FIXTURES / fixture, output), output, message)


def test_series_warnings_name_files_and_series(tmp_path):
    build = run_pelican(FIXTURES / "series-warnings", tmp_path / "out")
    assert build.returncode == 0, build.log
    log = build.log
    assert (
        "c.ko.md:4 and tests/fixtures/series-warnings/c.en.md: translations disagree on "
        "'Series_index' (4 vs 3)" in log
    )
    assert "c.en.md:4: series 'demo' has no episode numbered 2;" in log  # after the gap
