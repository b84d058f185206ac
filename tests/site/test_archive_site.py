"""The archive page and its calendar, built with SOURCE_DATE_EPOCH = 2026-04-25 (Seoul)."""

import os

import pytest
from sitebuild import FIXTURES, run_pelican


@pytest.fixture(scope="module")
def en(basic_site):
    return basic_site.soup("archives/")


@pytest.fixture(scope="module")
def ko(basic_site):
    return basic_site.soup("ko/archives/")


def test_archive_is_linked_from_the_header_in_both_languages(basic_site):
    assert "/archives/" in [a["href"] for a in basic_site.soup("").select(".site-nav a")]
    assert "/ko/archives/" in [a["href"] for a in basic_site.soup("ko/").select(".site-nav a")]


def test_bilingual_header(en, ko):
    assert en.h1.get_text() == "Archive — every post, newest first"
    other = en.select_one(".bilingual-header__other")
    assert other["lang"] == "ko" and "아카이브 — 모든 글, 최신순" in other.get_text()
    assert ko.h1.get_text() == "아카이브 — 모든 글, 최신순"
    assert "Archive — every post" in ko.select_one('.bilingual-header__other[lang="en"]').get_text()


def test_counts_entries_of_every_language_and_drafts(en, ko):
    assert en.select_one(".archive-all__counts").get_text() == "8 entries · 2 drafts"
    assert ko.select_one(".archive-all__counts").get_text() == "항목 8개 · 초안 2개"


def test_entries_grouped_by_year_month_day_newest_first(en):
    assert [h.get_text() for h in en.select(".archive-year__title")] == ["2026"]
    assert [h.get_text() for h in en.select(".archive-month__title")] == ["April"]
    assert [d["id"] for d in en.select(".archive-day")] == [
        "d-2026-04-24",
        "d-2026-04-23",
        "d-2026-04-22",
        "d-2026-04-21",
        "d-2026-04-20",
        "d-2026-04-19",
    ]
    first_day = en.select_one("#d-2026-04-19").select(".post-row")
    assert [row["data-lang"] for row in first_day] == ["ko", "en"]


def test_every_entry_carries_its_hooks_and_links(basic_site, en):
    rows = en.select(".archive-all .post-row")
    assert len(rows) == 8
    assert {row["data-lang"] for row in rows} == {"en", "ko"}
    for row in rows:
        assert row["data-status"] in {"published", "draft"}
        assert "data-series" in row.attrs
        time = row.find("time")
        assert time["datetime"].startswith("2026-04-")
        title = row.select_one(".post-row__title a")
        assert basic_site.resolve(title["href"]), title["href"]
        assert title["href"].startswith("/ko/") == (row["data-lang"] == "ko")
        assert row.select_one(".post-row__read")["href"] == title["href"]
        assert row.select_one(".badge").get_text() == row["data-lang"].upper()
        for tag in row.select(".tags a"):
            assert basic_site.resolve(tag["href"]), tag["href"]
            assert tag["href"].startswith("/ko/") == (row["data-lang"] == "ko")


def test_drafts_are_hollow_rows_linking_to_their_draft_page(basic_site, en):
    drafts = en.select('.post-row[data-status="draft"]')
    assert len(drafts) == 2
    for row in drafts:
        assert "post-row--draft" in row["class"]
        href = row.select_one(".post-row__title a")["href"]
        assert "/drafts/" in href and basic_site.resolve(href)
    assert len(en.select(".post-row--draft")) == 2


def test_rows_show_the_day_in_the_page_language(en, ko):
    assert en.select_one("#d-2026-04-19 time").get_text() == "19"
    assert ko.select_one("#d-2026-04-19 time").get_text() == "19일"


def test_language_filter_offers_every_language(en):
    radios = en.select('.lang-filter input[type="radio"]')
    assert [r["value"] for r in radios] == ["all", "en", "ko"]
    assert radios[0].has_attr("checked")
    css = en.select_one("head style").get_text()
    assert '#filter-ko:checked) .post-row:not([data-lang="ko"])' in css


def cells(soup):
    """The day cells of the build month's calendar."""
    return soup.select(".calendar.is-current td.calendar__day")


def test_calendar_shows_the_build_month(en, ko):
    assert en.select_one(".calendar__month").get_text() == "April 2026"
    assert ko.select_one(".calendar__month").get_text() == "2026년 4월"
    assert en.select_one('.calendar__month-other[lang="ko"]').get_text() == "2026년 4월"
    days = cells(en)
    assert [td["data-date"] for td in days] == [f"2026-04-{d:02d}" for d in range(1, 31)]
    weeks = en.select(".calendar.is-current .calendar__grid tbody tr")
    assert all(len(tr.find_all("td")) == 7 for tr in weeks)

    # Weeks start on Sunday for en-US and ko-KR; 2026-04-01 is a Wednesday.
    # Narrow names fit a cell at any width; the full name is there for screen readers.
    def headers(soup):
        return [
            (
                th.select_one('[aria-hidden="true"]').get_text(),
                th.select_one(".visually-hidden").get_text(),
            )
            for th in soup.select(".calendar.is-current .calendar__grid thead th")
        ]

    assert headers(en)[:2] == [("S", "Sunday"), ("M", "Monday")]
    assert headers(ko)[:2] == [("일", "일요일"), ("월", "월요일")]
    first_row = weeks[0].find_all("td")
    assert [td.get("data-date") for td in first_row[:4]] == [None, None, None, "2026-04-01"]


def test_calendar_counts_published_posts_of_every_language(en):
    counts = {td["data-date"]: int(td["data-count"]) for td in cells(en) if td["data-count"] != "0"}
    assert counts == {
        "2026-04-19": 2,
        "2026-04-20": 1,
        "2026-04-21": 1,
        "2026-04-22": 1,
        "2026-04-23": 1,
    }
    assert en.select_one(".calendar__total").get_text() == "6 posts in April 2026"
    busiest = en.select_one('td[data-date="2026-04-19"]')
    assert "level-4" in busiest["class"]
    assert "level-0" in en.select_one('td[data-date="2026-04-24"]')["class"]
    assert "is-today" in en.select_one('td[data-date="2026-04-25"]')["class"]


def test_calendar_days_link_to_their_entries(en):
    for td in cells(en):
        link = td.find("a")
        if td["data-count"] == "0":
            assert link is None
        else:
            target = link["href"]
            assert target == f"#d-{td['data-date']}"
            assert en.select_one(target) is not None


def test_calendar_is_accessible(en, ko):
    table = en.select_one("table.calendar__grid")
    assert table.caption is not None
    assert [th["scope"] for th in table.select("thead th")] == ["col"] * 7
    hidden = en.select_one('td[data-date="2026-04-19"] .visually-hidden').get_text()
    assert hidden == "April 19: 2 posts"
    assert en.select_one('td[data-date="2026-04-02"] .visually-hidden').get_text() == (
        "April 2: no posts"
    )
    assert ko.select_one('td[data-date="2026-04-19"] .visually-hidden').get_text() == (
        "4월 19일: 글 2편"
    )
    assert ko.select_one(".calendar__total").get_text() == "2026년 4월에 게시한 글 6편"


def test_publish_build_lists_no_draft(basic_publish):
    soup = basic_publish.soup("archives/")
    assert soup.select_one(".archive-all__counts").get_text() == "6 entries · 0 drafts"
    assert soup.select('.post-row[data-status="draft"]') == []


def test_same_row_component_on_home_and_tag_pages(basic_site):
    for page in ("", "tags/alpha/", "ko/tags/alpha/"):
        rows = basic_site.soup(page).select(".post-row")
        assert rows, page
        for row in rows:
            assert {"data-lang", "data-series", "data-status"} <= set(row.attrs)
            assert row.find("time")["datetime"]


def test_series_rows_carry_the_series_id(series_site):
    rows = series_site.soup("archives/").select(".post-row")
    assert {row["data-series"] for row in rows} == {"demo-build", "study", "notes", ""}
    label = series_site.soup("archives/").select_one(
        '.post-row[data-series="study"] .post-row__series'
    )
    assert label["href"] == "/series/study/"


def test_a_bad_source_date_epoch_stops_the_build(tmp_path):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "yesterday"}
    build = run_pelican(FIXTURES / "basic", tmp_path / "out", env=env)
    assert build.returncode == 1
    assert "archive: SOURCE_DATE_EPOCH must be a whole number of seconds" in build.stderr
    assert not (tmp_path / "out").exists()


def test_calendar_browses_the_months_before_without_javascript(en, ko):
    radios = en.select('.month-picker input[type="radio"]')
    assert [r["value"] for r in radios][:3] == ["2026-04", "2026-03", "2026-02"]
    assert len(radios) == 6 and radios[0].has_attr("checked")
    assert [lab.get_text() for lab in ko.select(".month-picker label")][:2] == ["4월", "3월"]
    months = [s["data-month"] for s in en.select("section.calendar")]
    assert months[0] == "2026-04" and months[-1] == "2025-11"
    march = en.select_one('section.calendar[data-month="2026-03"]')
    assert march.select_one(".calendar__month").get_text() == "March 2026"
    assert len(march.select("td.calendar__day")) == 31
    assert march.select_one(".calendar__total").get_text() == "0 posts in March 2026"
    css = en.select_one("head style").get_text()
    assert '.calendars:has(#cal-2026-03:checked) .calendar[data-month="2026-03"]' in css


def test_a_long_archive_shows_summaries_on_the_newest_entries_only(stress_site):
    archive = stress_site.soup("archives/")
    rows = archive.select(".archive-all .post-row")
    with_summary = [row for row in rows if row.select_one(".post-row__summary")]
    assert len(rows) == 90
    assert len(with_summary) == 50  # ARCHIVE_SUMMARIES' default
    assert rows[:50] == with_summary  # newest first
    assert len((stress_site.output / "archives/index.html").read_bytes()) < 90 * 2048
