"""The demo blog that `invoke build` makes: what the README promises a new user."""

import pytest
from sitebuild import link_problems


def test_demo_builds_cleanly_with_twelve_pairs(demo_site):
    assert "posts per language: en: 13, ko: 13; complete pairs: 12" in demo_site.log
    assert "missing ko: content/field-notes/logging-everything.en.md (en)" in demo_site.log
    assert "missing en: content/field-notes/jangma-humidity.ko.md (ko)" in demo_site.log
    for noise in ("WARNING", "ERROR", "Cannot find translations"):
        assert noise not in demo_site.log


def test_demo_has_three_series_and_a_study_thread_with_two_subseries(demo_site):
    cards = demo_site.soup("series/").select(".series-card")
    assert {c["data-series"] for c in cards} == {"greenhouse-build", "control-study", "field-notes"}
    study = demo_site.soup("ko/series/control-study/")
    assert [h.get_text(" ", strip=True) for h in study.select(".series-thread h2")] == [
        "칼만 필터 (KAL)",
        "PID 제어 (PID)",
    ]


def test_demo_posts_carry_code_tables_and_images(demo_site):
    posts = [
        demo_site.soup(str(p.relative_to(demo_site.output)))
        for p in (demo_site.output / "posts").glob("*/index.html")
    ]
    assert sum(1 for s in posts if s.select(".post__body pre")) >= 6
    assert sum(1 for s in posts if s.select(".post__body table")) >= 2
    images = [img for s in posts for img in s.select(".post__body img")]
    assert len(images) >= 2
    for img in images:
        assert img.get("alt") and demo_site.resolve(img["src"]), img


def test_every_demo_link_resolves(demo_site):
    problems, pages = link_problems(demo_site)
    assert problems == []
    assert not [(page, ref) for page, facts in pages.items() for ref in facts.refs if ".." in ref]


def test_code_blocks_can_be_reached_by_keyboard(demo_site):
    blocks = demo_site.soup("ko/posts/kal-2-one-dimensional/").select(".post__body pre")
    assert blocks and all(pre.get("tabindex") == "0" for pre in blocks)


def test_posts_show_reading_time_in_their_language(demo_site):
    english = demo_site.soup("posts/kal-2-one-dimensional/").select_one(".post__meta .reading-time")
    korean = demo_site.soup("ko/posts/kal-2-one-dimensional/").select_one(
        ".post__meta .reading-time"
    )
    assert english.get_text().endswith("min read")
    assert korean.get_text().endswith("분 분량")
    rows = demo_site.soup("ko/archives/").select(".archive-all .post-row .reading-time")
    assert rows and all(row.get_text()[0].isdigit() for row in rows)


def test_long_posts_get_a_contents_box_linking_unique_heading_ids(demo_site):
    soup = demo_site.soup("ko/posts/kal-2-one-dimensional/")
    box = soup.select_one("details.contents-box")
    assert box.summary.get_text() == "목차"
    targets = [a["href"][1:] for a in box.select("a")]
    assert len(targets) >= 3 and len(set(targets)) == len(targets)
    ids = {tag["id"] for tag in soup.select(".post__body [id]")}
    assert set(targets) <= ids
    assert "모델" in targets  # Hangul headings keep readable ids
    heading = soup.select_one(f'.post__body [id="{targets[0]}"]')
    assert heading.select_one("a.heading-anchor")["href"] == f"#{targets[0]}"
    english = demo_site.soup("posts/kal-2-one-dimensional/").select_one("details.contents-box")
    assert english.summary.get_text() == "Contents"


def test_images_have_sizes_and_a_titled_image_is_a_captioned_figure(demo_site):
    for page in ("posts/ep2-wiring-the-sensors/", "ko/posts/ep5-first-season-results/"):
        for img in demo_site.soup(page).select(".post__body img"):
            assert int(img["width"]) > 0 and int(img["height"]) > 0, (page, img)
    figure = demo_site.soup("ko/posts/ep5-first-season-results/").select_one(".post__body figure")
    assert figure.figcaption.get_text() == "월별 평균 상대습도, 하우스 안과 밖"
    assert figure.img["alt"].startswith("월별")


def test_formulas_are_mathml_without_javascript(demo_site):
    for page in ("posts/kal-2-one-dimensional/", "ko/posts/kal-2-one-dimensional/"):
        soup = demo_site.soup(page)
        assert soup.select(".post__body math[display=inline]"), page
        block = soup.select_one(".post__body .math-display math[display=block]")
        assert block["alttext"].startswith("p^- = p + q")
        assert not soup.select('script:not([type="application/ld+json"])')
        assert "$$" not in soup.select_one(".post__body").get_text()


def test_admonitions_and_footnotes_read_in_the_posts_language(demo_site):
    soup = demo_site.soup("ko/posts/kal-2-one-dimensional/")
    note = soup.select_one(".post__body .admonition.note")
    assert note.select_one(".admonition-title").get_text() == "숫자의 출처"
    assert note.select("math")  # formulas inside notes too
    back = soup.select_one(".footnote .footnote-backref")
    assert back["href"].startswith("#fnref") and not back.get("title")
    assert soup.select_one(f'[id="{back["href"][1:]}"]') is not None


@pytest.mark.parametrize("prefix", ["", "ko/"])
def test_the_last_study_episode_uses_every_long_post_feature(demo_site, prefix):
    soup = demo_site.soup(f"{prefix}posts/kal-3-tuning-q-and-r/")
    body = soup.select_one(".post__body")
    assert body.select_one(".math-display math[display=block]")
    assert soup.select_one("details.contents-box")
    assert soup.select_one(".post__meta .reading-time")
    assert body.select_one("figure figcaption") and body.select_one("figure img[width]")
    assert body.select_one(".highlight .filename").get_text() == "measure_r.py"
    assert body.select_one(".admonition.warning .admonition-title")
    assert body.select_one(".footnote li")
    attachment = body.select_one('a[href$=".csv"]')
    assert attachment.find_next_sibling("span").get_text().startswith("(CSV, ")
    assert demo_site.resolve(attachment["href"])
