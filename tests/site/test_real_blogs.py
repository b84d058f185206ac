"""Content as existing Pelican blogs have it: every status, Pelican's metadata, rst,
time zones, Hangul file names, custom 404 pages, four languages (one fixture per kind)."""

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitebuild import (
    DEV_SETTINGS,
    FIXTURES,
    PUBLISH_SETTINGS,
    PUBLISH_SITEURL,
    assert_stopped_before_writing,
    link_problems,
    run_pelican,
)

PUBLISH_ENV = {**os.environ, "SITEURL": PUBLISH_SITEURL}
FOUR = ("-e", 'I18N_SUBSITES={"ko": {}, "ja": {}, "de": {}}')


def build(tmp_path_factory, fixture, *extra, publish=False, env=None):
    result = run_pelican(
        FIXTURES / fixture,
        tmp_path_factory.mktemp(fixture) / "out",
        *extra,
        settings=PUBLISH_SETTINGS if publish else DEV_SETTINGS,
        env=env or (PUBLISH_ENV if publish else None),
    )
    assert result.returncode == 0, result.log
    assert "Traceback" not in result.log
    return result


@pytest.fixture(scope="module")
def statuses(tmp_path_factory):
    return build(tmp_path_factory, "statuses")


@pytest.fixture(scope="module")
def statuses_publish(tmp_path_factory):
    return build(tmp_path_factory, "statuses", publish=True)


def html_lang(site, page):
    return site.soup(page).html["lang"]


# 1. Every status, on its own language's site only.


def test_each_version_is_written_on_its_own_site_under_its_status(statuses):
    out = statuses.output
    assert html_lang(statuses, "ko/posts/pests/") == "ko"  # published Korean
    assert html_lang(statuses, "posts/pests/") == "en"  # hidden English, at its URL
    assert html_lang(statuses, "ko/drafts/frost/") == "ko"  # Korean draft, Korean site
    assert (
        not (out / "drafts/frost").exists() and not (out / "ko/posts/frost/../../drafts").is_dir()
    )
    assert html_lang(statuses, "drafts/mulch/") == "en"
    assert not (out / "ko/drafts/mulch").exists()
    assert html_lang(statuses, "ko/seed-swap/") == "ko"  # hidden page, Korean only
    assert not (out / "seed-swap").exists()
    assert html_lang(statuses, "drafts/pages/visiting/") == "en"


def test_hidden_content_is_noindex_and_listed_nowhere(statuses_publish):
    site = statuses_publish
    for page in (
        "posts/pests/",
        "posts/compost-notes/",
        "ko/posts/compost-notes/",
        "ko/seed-swap/",
    ):
        assert site.soup(page).select_one('meta[name="robots"]')["content"] == "noindex", page
    listing = "".join(
        path.read_text("utf-8")
        for path in site.output.rglob("*")
        if path.suffix in (".html", ".xml")
        and "pests/index" not in str(path)
        and "compost-notes/index" not in str(path)
        and "seed-swap" not in str(path)
    )
    assert "/posts/pests/" not in listing.replace("/ko/posts/pests/", "")
    assert "compost-notes" not in listing
    assert "seed-swap" not in listing


def test_publishing_build_has_no_draft_and_no_link_to_an_unwritten_page(statuses_publish):
    out = statuses_publish.output
    assert not list(out.rglob("drafts"))
    problems, _pages = link_problems(statuses_publish, PUBLISH_SITEURL)
    assert problems == []


def test_a_tag_of_drafts_only_is_not_a_link(statuses):
    soup = statuses.soup("drafts/rain-barrel/")
    tags = soup.select(".post__header .tags li")
    assert [t.get_text() for t in tags] == ["rainwater", "plumbing"]
    assert not soup.select(".post__header .tags a")
    assert not (statuses.output / "tags/rainwater").exists()


def test_series_numbering_agrees_on_every_language_site(statuses_publish):
    box = statuses_publish.soup("ko/posts/garden-log-2/").select_one("aside.series-box")
    assert box.select_one(".series-box__position").get_text() == "4화 중 2화"
    rows = [li.get_text(" ", strip=True) for li in box.select(".series-box__list li")]
    assert rows[2].endswith("EN") and rows[3].endswith("EN")  # 3: English only; 4: a draft here
    english = statuses_publish.soup("posts/garden-log-2/").select_one(".series-box__position")
    assert english.get_text() == "Episode 2 of 4"


def test_the_summary_and_the_check_count_the_same_pairs(statuses, tmp_path):
    import subprocess
    import sys

    from sitebuild import ROOT

    check = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--", str(FIXTURES / "statuses")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "400"},
    )
    pairs = next(line for line in statuses.stdout.splitlines() if "complete pairs" in line)
    complete = pairs.rsplit("complete pairs: ", 1)[1]
    every = next(line for line in check.stdout.splitlines() if "in every language" in line)
    assert every.split()[-1] == complete
    rows = {
        line.split()[0]: line.split()[1:]
        for line in check.stdout.splitlines()
        if line.startswith("  ") and len(line.split()) == 3
    }
    assert rows["pests"] == ["hidden", "source"]
    assert rows["frost"] == ["source", "draft"]
    assert rows["compost-notes"] == ["hidden", "hidden"]


# 2. Pelican's metadata and settings keep their meaning.


@pytest.fixture(scope="module")
def metadata_site(tmp_path_factory):
    return build(tmp_path_factory, "pelican-metadata")


def ld(soup):
    return json.loads(soup.select_one('script[type="application/ld+json"]').string)


def test_translation_true_marks_the_translated_version(metadata_site):
    korean_source = ld(metadata_site.soup("ko/posts/kimchi-cabbage/"))
    assert korean_source["workTranslation"] == [{"@id": "/posts/kimchi-cabbage/"}]
    assert ld(metadata_site.soup("posts/kimchi-cabbage/"))["translationOfWork"] == {
        "@id": "/ko/posts/kimchi-cabbage/"
    }
    assert ld(metadata_site.soup("posts/shade-cloth/"))["workTranslation"] == [
        {"@id": "/ko/posts/shade-cloth/"}
    ]
    status = metadata_site.soup("translations/")
    row = status.select_one('tr[data-slug="kimchi-cabbage"]')
    assert row.select_one('td[data-lang="ko"]')["data-state"] == "source"


def test_a_date_prefixed_file_name_gives_date_and_slug(metadata_site):
    soup = metadata_site.soup("posts/seed-trays/")
    assert soup.select_one(".post__meta time")["datetime"].startswith("2026-04-19")
    assert metadata_site.soup("ko/posts/seed-trays/").select_one(".lang-switch a")["href"] == (
        "/posts/seed-trays/"
    )


def test_summary_links_resolve_on_every_site(metadata_site):
    for page in ("archives/", "ko/archives/"):
        html = str(metadata_site.soup(page))
        assert "{filename}" not in html, page
    assert link_problems(metadata_site)[0] == []


def test_the_summary_box_shows_only_a_written_summary(metadata_site):
    automatic = metadata_site.soup("posts/cold-frame/")
    assert automatic.select_one(".post__summary") is None
    assert len(automatic.select("img")) == 1
    written = metadata_site.soup("posts/pricking-out/")
    assert written.select_one(".post__summary") is not None


def words(text):
    return len(text.replace("…", " ").split())


def test_korean_summaries_count_words_not_syllables(metadata_site):
    archive = metadata_site.soup("archives/")

    def summary(href):
        row = archive.select_one(f'.post-row:has(a[href="{href}"])')
        return row.select_one(".post-row__summary")

    english, korean = summary("/posts/cold-frame/"), summary("/ko/posts/cold-frame/")
    # SUMMARY_MAX_LENGTH = 40 in pelicanconf.py: 40 words in both languages.
    assert words(english.get_text()) == 40
    assert words(korean.get_text()) == 40


def test_a_template_the_theme_lacks_is_named_before_writing(tmp_path):
    output = tmp_path / "out"
    assert_stopped_before_writing(
        run_pelican(FIXTURES / "missing-template", output),
        output,
        "missing-template/pages/donate.en.md:3: field 'Template' names 'donate', which the "
        "theme does not have",
    )


def test_a_custom_404_page_replaces_the_theme_page_on_its_site_only(tmp_path):
    env = {**os.environ, "SITEURL": "https://example.org"}
    site = run_pelican(
        FIXTURES / "custom-404", tmp_path / "out", settings=PUBLISH_SETTINGS, env=env
    )
    assert site.returncode == 0, site.log
    mine = site.soup("404.html")
    assert mine.title.get_text().startswith("Not Found")
    assert mine.select_one('link[rel="canonical"]')["href"] == "https://example.org/404.html"
    assert site.soup("ko/404.html").title.get_text().startswith("페이지를 찾을 수 없습니다")
    assert not (site.output / "not-found").exists()


@pytest.fixture(scope="module")
def rst_site(tmp_path_factory):
    return build(tmp_path_factory, "rst-site", publish=True)


def test_rst_titles_are_escaped_once_everywhere(rst_site):
    title = "Tips & tricks: a -> b <c>"
    soup = rst_site.soup("posts/tips-and-tricks/")
    assert soup.h1.get_text() == title
    assert soup.title.get_text().startswith(title)
    assert ld(soup)["headline"] == title
    assert "&amp;amp;" not in (rst_site.output / "posts/tips-and-tricks/index.html").read_text()
    feed = (rst_site.output / "feeds/all.atom.xml").read_text("utf-8")
    assert "<title>Tips &amp; tricks: a -&gt; b &lt;c&gt;</title>" in feed


def test_rst_inline_literals_are_code_on_every_page(rst_site):
    # docutils' HTML 4 writer gives ``literal`` text as <tt>, which HTML no longer has.
    pages = [p for p in rst_site.html_files() if "docutils literal" in p.read_text("utf-8")]
    assert any("checksums" in p.as_posix() for p in pages)
    assert [p for p in rst_site.html_files() if "<tt" in p.read_text("utf-8")] == []
    code = rst_site.soup("posts/checksums/").select("code.docutils.literal")
    assert "sha256sum -c SHA256SUMS" in [c.get_text().replace("\xa0", " ") for c in code]


def test_broken_rst_is_reported_in_docutils_words(tmp_path):
    output = tmp_path / "out"
    result = run_pelican(FIXTURES / "rst-broken", output)
    assert_stopped_before_writing(
        result,
        output,
        "rst-broken/cold-frame-video.en.rst:11: reStructuredText could not read this file: "
        'Unknown directive type "youtube"',
    )
    assert "no metadata block" not in result.log
    assert "Could not process" not in result.log  # said once, in the report


# 3. One time zone on every date.


def test_every_date_a_reader_sees_is_in_the_site_time_zone(tmp_path_factory):
    site = build(tmp_path_factory, "timezone")
    post = site.soup("posts/night-watering/")
    assert post.select_one(".post__meta time").get_text() == "August 1, 2026"
    assert site.soup("ko/posts/night-watering/").select_one(".post__meta time").get_text() == (
        "2026년 8월 1일"
    )
    row = site.soup("archives/").select_one('.archive-day[id="d-2026-08-01"] time')
    assert row.get_text() == "1"
    assert row["datetime"] == "2026-07-31T16:30:00+00:00"  # the exact instant stays


# 4. Addresses valid everywhere, files once.


def test_xml_addresses_are_ascii_and_shared_images_written_once(tmp_path_factory):
    site = build(tmp_path_factory, "hangul-names", publish=True)
    for xml in ("sitemap.xml", "feeds/all.atom.xml", "ko/feeds/all.atom.xml"):
        root = ET.fromstring((site.output / xml).read_text("utf-8"))
        addresses = [
            value
            for element in root.iter()
            for value in (
                element.text if element.tag.rsplit("}", 1)[-1] in ("loc", "id") else None,
                element.get("href"),
            )
            if value
        ]
        assert addresses, xml
        assert all(value.isascii() for value in addresses), (xml, addresses)
    assert [p.relative_to(site.output).as_posix() for p in site.output.rglob("leaf.svg")] == [
        "images/leaf.svg"
    ]
    img = site.soup("ko/posts/일상-기록/").select_one(".post__body img")
    assert img["src"] == f"{PUBLISH_SITEURL}/images/leaf.svg"
    assert link_problems(site, PUBLISH_SITEURL)[0] == []


# Two, three and four languages.


def test_four_languages_build_and_publish(tmp_path_factory):
    dev = build(tmp_path_factory, "quadrilingual", *FOUR)
    assert html_lang(dev, "de/drafts/hochbeet/") == "de"
    published = build(tmp_path_factory, "quadrilingual", *FOUR, publish=True)
    soup = published.soup("ja/posts/hello/")
    assert soup.html["lang"] == "ja"
    assert {link["hreflang"] for link in soup.select('head link[rel="alternate"][hreflang]')} == {
        "en",
        "ko",
        "ja",
        "de",
        "x-default",
    }
    assert (published.output / "ja/posts/umeboshi/index.html").is_file()
    assert not list(published.output.rglob("hochbeet"))
    assert link_problems(published, PUBLISH_SITEURL)[0] == []


@pytest.mark.parametrize("key", ["jp", "geopolitics"])
def test_a_subsite_key_that_is_not_a_language_tag_stops_the_build(tmp_path, key):
    output = tmp_path / "out"
    result = run_pelican(FIXTURES / "basic", output, "-e", f'I18N_SUBSITES={{"{key}": {{}}}}')
    assert_stopped_before_writing(result, output, f"invalid I18N_SUBSITES key: '{key}'")


def test_the_main_language_listed_among_the_subsites_stops_the_build_naming_the_choice(tmp_path):
    # Done for /en/... addresses; i18n-subsites built English twice and the search step
    # failed with a traceback. An error before writing, naming both ways out.
    output = tmp_path / "out"
    result = run_pelican(FIXTURES / "basic", output, "-e", 'I18N_SUBSITES={"en": {}, "ko": {}}')
    assert_stopped_before_writing(
        result, output, "invalid I18N_SUBSITES: 'en' is DEFAULT_LANG, the main site at /"
    )
    assert "Traceback" not in result.log
    assert "Take 'en' out of I18N_SUBSITES" in " ".join(result.log.split())


# 5. Bring an existing Pelican blog: its own settings module, the bundle's lines added.

THIRD_PARTY = FIXTURES / "third-party"


@pytest.fixture(scope="module")
def third_party(tmp_path_factory):
    from sitebuild import run_settings

    result = run_settings(THIRD_PARTY / "settings.py", tmp_path_factory.mktemp("tp") / "out")
    assert result.returncode == 0, result.log
    assert "Traceback" not in result.log
    return result


@pytest.mark.parametrize(
    ("source", "written"),
    [
        ("posts/2026-03-02_soil-test.en.md", "2026/2026-03-02_soil-test.html"),
        ("posts/2026-03-02_soil-test.ko.md", "ko/2026/2026-03-02_soil-test.html"),
        ("posts/2026-03-09_compost.en.rst", "2026/2026-03-09_compost.html"),
        ("posts/2026-03-09_compost.ja.rst", "ja/2026/2026-03-09_compost.html"),
        ("posts/2026-03-16_seedlings.en.md", "2026/2026-03-16_seedlings.html"),
        ("posts/2026-03-16_seedlings.ko.md", "ko/drafts/2026-03-16_seedlings.html"),
        ("posts/2026-03-20_notes-to-self.ja.md", "ja/2026/2026-03-20_notes-to-self.html"),
        ("2025/2025-11-30_season-end.en.md", "2025/2025-11-30_season-end.html"),
        ("pages/about.en.md", "pages/about.html"),
        ("pages/about.ko.md", "ko/pages/about.html"),
        ("pages/privacy.en.md", "pages/privacy.html"),
        ("posts/soil-kit.svg", "posts/soil-kit.svg"),
        ("images/logo.svg", "images/logo.svg"),
    ],
)
def test_every_source_file_of_an_existing_blog_is_accounted_for(third_party, source, written):
    assert (THIRD_PARTY / "content" / source).is_file()
    assert (third_party.output / written).is_file()
    if written.endswith(".html"):
        lang = written.split("/")[0] if written.split("/")[0] in ("ko", "ja") else "en"
        assert third_party.soup(written).html["lang"] == lang


def test_an_existing_blog_keeps_its_dates_urls_and_languages(third_party):
    soup = third_party.soup("2026/2026-03-02_soil-test.html")
    assert soup.select_one(".post__meta time")["datetime"].startswith("2026-03-02")
    # The Korean file is marked Translation: true: English is the source.
    assert ld(soup)["workTranslation"] == [{"@id": "/ko/2026/2026-03-02_soil-test.html"}]
    assert soup.select_one('.post__body a[href="/posts/soil-kit.svg"]') is not None
    assert third_party.soup("ja/2026/2026-03-09_compost.html").h1.get_text() == (
        "堆肥を切り返して温度を測る"
    )
    assert third_party.soup("2026/2026-03-09_compost.html").h1.get_text() == (
        "Turning the compost & checking heat"
    )
    assert (third_party.output / "index2.html").is_file()  # the writer's DEFAULT_PAGINATION
    assert link_problems(third_party)[0] == []
    nav = [a["href"] for a in third_party.soup("index.html").select(".site-nav a")]
    assert "/archives.html" in nav and "/tags.html" in nav


def test_path_metadata_and_a_per_language_summary_length_are_honoured(third_party):
    # The category comes from the folder, by the writer's PATH_METADATA.
    category = third_party.soup("category/2025.html")
    assert [a["href"] for a in category.select(".post-row__title a")] == [
        "/2025/2025-11-30_season-end.html"
    ]
    # Korean summaries use I18N_SUBSITES["ko"]["SUMMARY_MAX_LENGTH"] = 8, on every site.
    for archive in ("archives.html", "ko/archives.html", "ja/archives.html"):
        row = third_party.soup(archive).select_one('.post-row[data-lang="ko"] .post-row__summary')
        assert words(row.get_text()) == 8, archive
    english = third_party.soup("ko/archives.html").select_one(
        '.post-row[data-lang="en"] .post-row__summary'
    )
    assert words(english.get_text()) > 8


def test_messages_name_files_outside_the_project_relative_to_the_content_folder(tmp_path):
    import shutil

    content = tmp_path / "elsewhere"
    shutil.copytree(FIXTURES / "bad-lang", content)
    result = run_pelican(content, tmp_path / "out")
    assert result.returncode == 1
    assert "note.md:2: field 'Lang' is 'fr'" in result.stderr
    assert "../" not in result.stderr


def write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_a_korean_summary_linking_an_english_only_post_leads_to_it(tmp_path):
    content = tmp_path / "content"
    write(content, "loaf.en.md", "Title: First loaf\nDate: 2026-04-01\n\nBread.\n")
    write(
        content,
        "notes.ko.md",
        "Title: 메모\nDate: 2026-04-02\nSummary: [첫 빵]({filename}loaf.en.md) 이야기.\n\n본문.\n",
    )
    site = run_pelican(content, tmp_path / "out")
    assert site.returncode == 0, site.log
    for page in ("ko/index.html", "ko/archives/index.html", "archives/index.html"):
        links = [a["href"] for a in site.soup(page).select(".post-row__summary a")]
        assert links == ["/posts/loaf/"], page
    assert link_problems(site)[0] == []


def test_a_writers_slug_pattern_still_reads_the_language_suffix(tmp_path):
    content = tmp_path / "content"
    body = "Date: 2026-02-01\nSeries: Old Tools\nSeries_index: 1\n\nText.\n"
    write(content, "2026-02-01_hand-plane.md", "Title: Hand plane\n" + body)
    write(content, "2026-02-01_hand-plane.ko.md", "Title: 대패\n" + body)
    site = run_pelican(
        content,
        tmp_path / "out",
        "-e",
        'FILENAME_METADATA="(?P<date>\\\\d{4}-\\\\d{2}-\\\\d{2})_(?P<slug>.*)"',
    )
    assert site.returncode == 0, site.log
    assert site.soup("ko/posts/hand-plane/").html["lang"] == "ko"
    assert "complete pairs: 1" in site.stdout


def test_files_named_alike_with_different_slugs_get_a_warning(tmp_path):
    content = tmp_path / "content"
    write(content, "hand-plane.md", "Title: Notes on a hand plane\nDate: 2026-02-01\n\nText.\n")
    write(content, "hand-plane.ko.md", "Title: 대패\nDate: 2026-02-01\n\n글.\n")
    site = run_pelican(content, tmp_path / "out")
    assert site.returncode == 0, site.log
    assert "named as versions of one post but their slugs differ" in site.log
    assert "give them the same 'Slug:'" in site.log


def test_a_series_episode_in_a_language_without_a_site_is_a_named_error(tmp_path):
    content = tmp_path / "content"
    write(
        content, "ep.md", "Title: 一\nDate: 2026-02-01\nLang: ja\nSeries: S\nSeries_index: 1\n\nx\n"
    )
    output = tmp_path / "out"
    assert_stopped_before_writing(
        run_pelican(content, output), output, "field 'Lang' is 'ja', which this site does not have"
    )


def test_a_file_named_in_a_language_without_a_site_is_a_main_language_post_and_a_warning(
    tmp_path,
):
    # Only the site's languages are a file name's language (Pelican itself reads none):
    # `ep.ja.md` on an English and Korean site is an English post, its slug from its title
    # as Pelican gives it (`一` -> `yi`).
    content = tmp_path / "content"
    write(content, "ep.ja.md", "Title: 一\nDate: 2026-02-01\nSeries: S\nSeries_index: 1\n\nx\n")
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.log
    log = " ".join(build.log.split())
    assert "ep.ja.md: the file name ends in '.ja', a language this site does not have" in log
    assert build.resolve("/posts/yi/") is not None
    assert build.soup("posts/yi/").html["lang"] == "en"


def test_a_broken_formula_stops_the_build_naming_file_line_and_formula(tmp_path):
    content = tmp_path / "content"
    write(content, "f.en.md", "Title: F\nDate: 2026-04-01\n\nCosts $5.\n\nSee $\\left( x$ here.\n")
    output = tmp_path / "out"
    assert_stopped_before_writing(
        run_pelican(content, output),
        output,
        "f.en.md:6: the formula $\\left( x$ cannot be rendered",
    )


def test_rst_math_is_mathml_too(tmp_path):
    content = tmp_path / "content"
    rst = (
        "Sums\n####\n\n:date: 2026-04-01\n\n"
        "A :math:`a^2 + b^2` here.\n\n.. math::\n\n   \\frac{1}{2}\n"
    )
    write(content, "sums.en.rst", rst)
    site = run_pelican(content, tmp_path / "out")
    assert site.returncode == 0, site.log
    body = site.soup("posts/sums/").select_one(".post__body")
    assert body.select("math") and body.select_one('math[display="block"]')


def test_an_attachment_linked_by_both_languages_is_published_once(tmp_path):
    content = tmp_path / "content"
    write(
        content / "posts",
        "refs.en.md",
        "Title: Refs\nDate: 2026-04-01\n\n[paper]({attach}paper.pdf)\n",
    )
    write(
        content / "posts",
        "refs.ko.md",
        "Title: 참고\nDate: 2026-04-01\n\n[논문]({attach}paper.pdf)\n",
    )
    (content / "posts" / "paper.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 2_400_000)
    site = run_pelican(content, tmp_path / "out", settings=PUBLISH_SETTINGS, env={**PUBLISH_ENV})
    assert site.returncode == 0, site.log
    assert [p.relative_to(site.output).as_posix() for p in site.output.rglob("*.pdf")] == [
        "posts/refs/paper.pdf"
    ]
    for page in ("posts/refs/", "ko/posts/refs/"):
        link = site.soup(page).select_one(".post__body a")
        assert link["href"] == f"{PUBLISH_SITEURL}/posts/refs/paper.pdf", page
        assert link.find_next_sibling("span").get_text() == "(PDF, 2.4 MB)"
    assert link_problems(site, PUBLISH_SITEURL)[0] == []
    assert "Cannot use {attach}" not in site.log


def test_formulas_in_a_summary_are_rendered_and_a_title_keeps_its_text(tmp_path):
    content = tmp_path / "content"
    write(
        content,
        "gain.en.md",
        "Title: Why $k$ settles\nDate: 2026-04-01\nSummary: The gain $k$ stops moving.\n\nBody.\n",
    )
    site = run_pelican(content, tmp_path / "out", settings=PUBLISH_SETTINGS, env={**PUBLISH_ENV})
    assert site.returncode == 0, site.log
    row = site.soup("archives/").select_one(".post-row__summary")
    assert row.select_one("math")["alttext"] == "k"
    post = site.soup("posts/gain/")
    assert post.title.get_text().startswith("Why $k$ settles")
    assert ld(post)["headline"] == "Why $k$ settles"
    assert "arithmatex" not in (site.output / "feeds/all.atom.xml").read_text("utf-8")


def test_a_plainly_linked_image_next_to_a_post_is_an_error_with_the_fix(tmp_path):
    content = tmp_path / "content"
    write(
        content / "posts",
        "bill.en.md",
        "Title: Bill\nDate: 2026-04-01\n\n![split](img/split.svg)\n",
    )
    write(content / "posts" / "img", "split.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    output = tmp_path / "out"
    assert_stopped_before_writing(
        run_pelican(content, output),
        output,
        "image img/split.svg is next to the post but not published by a plain link; "
        "link it as {attach}img/split.svg",
    )


def test_unbalanced_braces_and_korean_particles_after_rst_math(tmp_path):
    content = tmp_path / "content"
    write(content, "a.en.md", "Title: A\nDate: 2026-04-01\n\nSee $\\frac{s}{\\hat{s}$ here.\n")
    output = tmp_path / "out"
    assert_stopped_before_writing(
        run_pelican(content, output), output, "cannot be rendered (unbalanced braces { })"
    )
    # reStructuredText needs "\ " between inline markup and a Korean particle.
    rst = "온도\n####\n\n:date: 2026-04-01\n\n온도는 :math:`T(t)`\\ 의 모양을 따른다.\n"
    write(tmp_path / "rst", "t.ko.rst", rst)
    site = run_pelican(tmp_path / "rst", tmp_path / "rst-out")
    assert site.returncode == 0, site.log
    assert site.soup("ko/posts/t/").select_one(".post__body math")


def test_feeds_and_descriptions_read_well(tmp_path):
    content = tmp_path / "content"
    body = "## Background\n\nWords here.\n\n## More\n\nText.\n\n## Last\n\nEnd.\n"
    write(content, "a.en.md", "Title: A\nDate: 2026-04-01\n\n" + body)
    write(content, "b.en.md", "Title: B\nDate: 2026-04-02\nSummary: $A^{-1}$ exists.\n\n" + body)
    # No Summary: the automatic one starts with a formula.
    formula = "$\\cos\\theta = \\frac{a+b}{c}$"
    write(content, "c.en.md", f"Title: C\nDate: 2026-04-03\n\n{formula} holds.\n")
    site = run_pelican(content, tmp_path / "out", settings=PUBLISH_SETTINGS, env={**PUBLISH_ENV})
    assert site.returncode == 0, site.log
    home = site.soup("index.html")
    assert not home.select(".post-row__summary h2, .post-row__summary [id]")
    assert "heading-anchor" not in (site.output / "feeds/all.atom.xml").read_text("utf-8")
    # Formulas in meta tags and JSON-LD read as plain-text math, never as LaTeX.
    for slug, text in (("b", "A⁻¹ exists."), ("c", "cos θ = (a+b)/c holds.")):
        post = site.soup(f"posts/{slug}/")
        assert post.select_one('meta[name="description"]')["content"] == text
        assert post.select_one('meta[property="og:description"]')["content"] == text
        assert post.select_one('meta[name="twitter:description"]')["content"] == text
        assert ld(post)["description"] == text
    assert link_problems(site, PUBLISH_SITEURL)[0] == []


# 6. An existing blog that leaves most settings at Pelican's defaults: no OUTPUT_PATH,
# JINJA_ENVIRONMENT, DIRECT_TEMPLATES or feed settings; the bundle's publishconf.py.

DEFAULTS_SETTINGS = """
AUTHOR = "Jun Park"
SITENAME = "Field Journal"
SITEURL = ""
PATH = "content"
TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "en"
FILENAME_METADATA = r"(?P<date>\\d{{4}}-\\d{{2}}-\\d{{2}})_.*"
ARTICLE_PATHS = ["posts", "2025"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "posts"]
PLUGINS = {plugins!r}
I18N_SUBSITES = {{"ko": {{}}, "ja": {{}}}}
"""

HOSTILE_POST = """Title: Reading <script>alert(1)</script> & Vec<T> notes
Tags: <b>bold</b>, Vec<T>
Category: Garden

A post whose title and tags are typed with angle brackets.
"""


LONG_POST = """Title: Long notes
Tags: notes

Energy is $E = mc^2$ and it costs $5.[^1]

## First part

Text.

## Second part

Text.

## Third part

Text.

!!! note "Before you pay"
    Prices change with the tide.

[^1]: A footnote.
"""


@pytest.fixture(scope="module")
def on_defaults(tmp_path_factory):
    """(project folder, dev build, publish build) of a blog on Pelican's defaults."""
    import runpy
    import shutil

    from pelican.plugins.bilingual import subsites
    from sitebuild import ROOT, Build

    project = tmp_path_factory.mktemp("defaults")
    shutil.copytree(THIRD_PARTY / "content", project / "content")
    (project / "content" / "posts" / "2026-04-01_angle-brackets.en.md").write_text(
        HOSTILE_POST, encoding="utf-8"
    )
    (project / "content" / "posts" / "2026-04-02_long-notes.en.md").write_text(
        LONG_POST, encoding="utf-8"
    )
    plugins = runpy.run_path(str(THIRD_PARTY / "settings.py"))["PLUGINS"]
    (project / "pelicanconf.py").write_text(
        DEFAULTS_SETTINGS.format(plugins=plugins), encoding="utf-8"
    )
    shutil.copy(ROOT / "publishconf.py", project / "publishconf.py")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    builds = []
    for settings, siteurl in (("pelicanconf.py", ""), ("publishconf.py", PUBLISH_SITEURL)):
        result = subsites.run_pelican(
            project / settings, [], env={**env, "SITEURL": siteurl}, cwd=project, capture=True
        )
        builds.append(Build(project / "output", result.returncode, result.stdout, result.stderr))
        assert result.returncode == 0, builds[-1].log
        assert "Traceback" not in builds[-1].log
        if settings == "pelicanconf.py":
            shutil.copytree(project / "output", project / "dev-output")
            builds[-1] = Build(project / "dev-output", 0, result.stdout, result.stderr)
    return builds


def test_a_blog_on_pelicans_default_output_path_builds_and_publishes(on_defaults):
    dev, published = on_defaults
    for build in (dev, published):
        assert (build.output / "2026-03-02_soil-test.html").is_file()  # Pelican's {slug}.html
        assert (build.output / "ko" / "2026-03-02_soil-test.html").is_file()
        assert list((build.output / "pagefind").glob("pagefind-entry.json"))
    assert link_problems(published, PUBLISH_SITEURL)[0] == []


def test_titles_and_tags_are_escaped_without_the_writers_autoescape(on_defaults):
    for build in on_defaults:
        page = next(build.output.rglob("2026-04-01_angle-brackets.html"))
        soup = build.soup(str(page.relative_to(build.output)))
        heading = soup.select_one("h1")
        assert heading.get_text() == "Reading <script>alert(1)</script> & Vec<T> notes"
        assert heading.find() is None  # text only, no element
        assert "<script>alert" not in page.read_text(encoding="utf-8")
        tags = [a.get_text() for a in soup.select('a[rel="tag"]')]
        assert tags == ["<b>bold</b>", "Vec<T>"]


def test_pelicans_default_all_articles_feed_holds_one_language(on_defaults):
    for build in on_defaults:
        for prefix, lang in (("", "en"), ("ko/", "ko"), ("ja/", "ja")):
            feed = build.output / prefix / "feeds" / "all.atom.xml"
            root = ET.parse(feed).getroot()
            entries = root.findall("{http://www.w3.org/2005/Atom}entry")
            assert entries, feed
            links = [e.find("{http://www.w3.org/2005/Atom}link").get("href") for e in entries]
            if prefix:
                assert all(f"/{lang}/" in link for link in links), feed
            else:
                assert not any("/ko/" in link or "/ja/" in link for link in links), feed


def test_a_page_that_replaces_one_languages_home_pairs_with_the_other_homes(tmp_path):
    content = tmp_path / "content"
    write(content, "a.en.md", "Title: A\nDate: 2026-04-01\n\nWords.\n")
    write(content, "a.ko.md", "Title: 가\nDate: 2026-04-01\n\n낱말.\n")
    landing = "Title: Welcome\nURL:\nSave_as: index.html\n\nA landing page of my own.\n"
    write(content / "pages", "landing.en.md", landing)
    site = run_pelican(content, tmp_path / "out", settings=PUBLISH_SETTINGS, env={**PUBLISH_ENV})
    assert site.returncode == 0, site.log
    home = site.soup("index.html")
    assert home.h1.get_text() == "Welcome"
    alternates = {
        link["hreflang"]: link["href"] for link in home.select('link[rel="alternate"][hreflang]')
    }
    assert alternates["ko"] == f"{PUBLISH_SITEURL}/ko/"
    assert home.select_one('a[hreflang="ko"]')["href"] == f"{PUBLISH_SITEURL}/ko/"
    assert link_problems(site, PUBLISH_SITEURL)[0] == []


def test_rst_section_headings_get_permalinks_and_a_contents_box(tmp_path):
    content = tmp_path / "content"
    sections = "\n\n".join(
        f"{name}\n{'=' * 12}\n\n{name} 본문입니다." for name in ("준비", "측정", "정리")
    )
    write(content, "a.ko.rst", f"실험 기록\n{'#' * 12}\n\n:date: 2026-04-01\n\n{sections}\n")
    english = "\n\n".join(f"{n}\n{'=' * 12}\n\nText of {n}." for n in ("Setup", "Measure", "Wrap"))
    write(content, "a.en.rst", f"Lab notes\n{'#' * 12}\n\n:date: 2026-04-01\n\n{english}\n")
    site = run_pelican(content, tmp_path / "out")
    assert site.returncode == 0, site.log
    for page in ("posts/a/", "ko/posts/a/"):
        soup = site.soup(page)
        headings = soup.select(".post__body h2")
        assert len(headings) == 3
        for heading in headings:
            anchor = heading.select_one("a.heading-anchor")
            assert anchor["href"] == f"#{heading.parent['id']}"
        box = [a["href"] for a in soup.select("details a")]
        assert box == [a.select_one("a.heading-anchor")["href"] for a in headings]
    assert "#" not in site.soup("ko/").select_one(".post-row__summary").get_text()


def test_markdown_features_work_on_pelicans_default_markdown_setting(on_defaults):
    for build in on_defaults:
        soup = build.soup("2026-04-02_long-notes.html")
        headings = soup.select(".post__body h2")
        assert [h.select_one("a.heading-anchor")["href"] for h in headings] == [
            "#first-part",
            "#second-part",
            "#third-part",
        ]
        assert soup.select_one("details a[href='#first-part']") is not None  # contents box
        assert soup.select_one(".post__body math") is not None
        assert "$5" in soup.select_one(".post__body p").get_text()
        backlink = soup.select_one(".footnote-backref")
        assert backlink is not None and not backlink.get("title")  # no English title
        note = soup.select_one(".post__body div.admonition.note")
        assert note.select_one(".admonition-title").get_text() == "Before you pay"
        assert "!!!" not in soup.select_one(".post__body").get_text()


def test_pelicans_default_direct_templates_still_get_404_pages_and_a_true_summary(on_defaults):
    dev, published = on_defaults
    for build in (dev, published):
        for prefix, heading in (("", "Page not found"), ("ko/", "페이지를 찾을 수 없습니다")):
            assert build.soup(f"{prefix}404.html").h1.get_text() == heading
    # No translation status page in these settings: the summary does not point to one.
    assert "the whole list: invoke check\n" in dev.stdout
    assert "invoke check, or" not in dev.stdout


def test_pelicans_legacy_link_syntax_builds_and_links(tmp_path):
    # `|static|`, `|filename|` and `|tag|`: Pelican 4 still reads its pre-3.5 syntax.
    build = run_pelican(FIXTURES / "legacy-links", tmp_path / "out")
    assert build.returncode == 0, build.log
    for prefix in ("", "ko/"):
        page = build.soup(f"{prefix}posts/old-post/")
        image = page.select_one("article img")
        assert build.resolve(image["src"]) is not None
        assert (image["width"], image["height"]) == ("480", "300")
        newer = page.select_one('article a[href$="/newer-post/"]')
        assert newer["href"] == f"/{prefix}posts/newer-post/"
    assert build.soup("posts/old-post/").select_one('article a[href="/tags/garden/"]')
    assert link_problems(build)[0] == []


def test_the_writers_own_contents_directive_wins_and_its_links_resolve(tmp_path):
    # `.. contents::` (and Markdown's `[TOC]`): one contents list, the writer's, and no
    # link to docutils' `#top`, which a publishing build reported on every such post.
    build = run_pelican(
        FIXTURES / "rst-contents", tmp_path / "out", settings=PUBLISH_SETTINGS, env=PUBLISH_ENV
    )
    assert build.returncode == 0, build.log
    for page in ("posts/a-guide-with-contents/", "ko/posts/a-guide-with-contents/"):
        soup = build.soup(page)
        assert soup.select_one(".contents-box") is None
        own = soup.select_one("article .contents")
        assert own is not None and len(own.select("li a")) == 3
        assert not soup.select('a[href="#top"]')
    toc = build.soup("posts/markdown-toc/")
    assert toc.select_one(".contents-box") is None and toc.select_one("article .toc")
    assert link_problems(build, PUBLISH_SITEURL)[0] == []


def test_yaml_front_matter_is_read_as_yaml(tmp_path):
    # Writers from Jekyll or Hugo: quotes are not part of the title, `[a, b]` and a YAML
    # list are two tags each; Pelican's `Key: value` files beside them read as before.
    build = run_pelican(FIXTURES / "yaml-front-matter", tmp_path / "out")
    assert build.returncode == 0, build.log
    english, korean = build.soup("posts/rust-notes/"), build.soup("ko/posts/rust-notes/")
    assert english.h1.get_text() == "Rust notes: ownership"
    assert [a.get_text() for a in english.select(".post__header .tags a")] == ["rust", "yaml"]
    assert english.select_one('meta[name="description"]')["content"] == (
        "Who owns a value, and for how long."
    )
    assert korean.h1.get_text() == "러스트 노트: 소유권"
    assert [a.get_text() for a in korean.select(".post__header .tags a")] == ["rust", "소유권"]
    links = {a["hreflang"]: a["href"] for a in english.select("link[rel=alternate][hreflang]")}
    assert links["ko"].endswith("/ko/posts/rust-notes/")
    assert build.soup("posts/plain-fields/").h1.get_text() == "Pelican's own fields"


def test_malformed_yaml_front_matter_stops_the_build_naming_file_and_line(tmp_path):
    content = tmp_path / "content"
    write(
        content,
        "broken.en.md",
        "---\ntitle: Broken\ndate: 2026-03-01\ntags: [rust, yaml\n---\n\nText.\n",
    )
    output = tmp_path / "out"
    result = run_pelican(content, output)
    assert_stopped_before_writing(result, output, "broken.en.md:")
    log = " ".join(result.log.split())
    assert "YAML front matter:" in log and "Traceback" not in result.log
    line = int(log.split("broken.en.md:")[1].split(":")[0])
    assert line == 5  # YAML finds the unclosed list where the front matter ends


def test_root_relative_links_to_site_files_work_under_a_sub_path(tmp_path):
    # `/images/x.svg` written for a site at the domain's root: under SITEURL
    # https://example.org/blog it left the site and publish stopped on every page.
    build = run_pelican(
        FIXTURES / "root-relative",
        tmp_path / "out",
        "-e",
        'STATIC_PATHS=["images", "files"]',
        settings=PUBLISH_SETTINGS,
        env=PUBLISH_ENV,
    )
    assert build.returncode == 0, build.log
    for prefix in ("", "ko/"):
        page = build.soup(f"{prefix}posts/chart/")
        image = page.select_one("article img")
        assert image["src"] == f"{PUBLISH_SITEURL}/images/season-humidity.svg"
        assert (image["width"], image["height"]) == ("480", "300")
        data = page.select_one('article a[href*="data.csv"]')
        assert data["href"].startswith(f"{PUBLISH_SITEURL}/files/data.csv")
    assert build.soup("posts/chart/").select_one('article a[href$="data.csv?v=2"]')
    # Links to posts' own addresses from the root: the post, in either language.
    notes = build.soup("posts/notes/").select("article a")
    hrefs = [a["href"] for a in notes]
    assert f"{PUBLISH_SITEURL}/posts/chart/" in hrefs
    assert f"{PUBLISH_SITEURL}/ko/posts/chart/" in hrefs
    assert f"{PUBLISH_SITEURL}/posts/chart/#data" in hrefs
    korean = [a["href"] for a in build.soup("ko/posts/notes/").select(".post__body a, article p a")]
    assert (
        f"{PUBLISH_SITEURL}/ko/posts/chart/" in korean
        and f"{PUBLISH_SITEURL}/posts/chart/" in korean
    )
    assert link_problems(build, PUBLISH_SITEURL)[0] == []


def test_a_writers_own_theme_builds_without_the_bundles_pages(tmp_path):
    # A copy of Pelican's `simple` theme as THEME: Pelican stopped on the bundle's 404,
    # search and series pages (no templates) and on its stylesheet. The writer's theme
    # writes its pages; the bundle's own pages are left out, each named once.
    import shutil

    import pelican

    theme = tmp_path / "mytheme"
    shutil.copytree(Path(pelican.__file__).parent / "themes" / "simple", theme)
    output = tmp_path / "out"
    build = run_pelican(
        FIXTURES / "basic",
        output,
        "-e",
        f'THEME="{theme}"',
        'DIRECT_TEMPLATES=["index", "tags", "categories", "authors", "archives"]',
        # As a blog's own settings have it (the demo's turn escaping on for its theme).
        'JINJA_ENVIRONMENT={"extensions": ["jinja2.ext.i18n"]}',
    )
    assert build.returncode == 0, build.log
    log = " ".join(build.log.split())
    for missing in ("404.html", "search.html"):
        assert log.count(f"the theme has no {missing}") == 1, missing
    # No series in this blog: nothing to say about series templates. The theme has its
    # own UI text: nothing to say about the bundle's catalogs.
    assert "series_list.html" not in log and "no UI catalog" not in log
    assert (output / "ko" / "posts" / "first-light" / "index.html").is_file()
    # The theme writes `{{ article.content }}` without `|safe`, as Pelican's themes do:
    # the post's HTML is HTML, not text (the bundle escaped it: every post showed tags).
    post = (output / "posts" / "first-light" / "index.html").read_text("utf-8")
    assert "<p>A paragraph in English.</p>" in post and "&lt;p&gt;" not in post
    assert (
        BeautifulSoup((output / "ko" / "index.html").read_text("utf-8"), "html.parser").html["lang"]
        == "ko"
    )
    assert not (output / "series").exists() and not (output / "404.html").exists()
    # A blog with series and a theme without series pages is told which to copy.
    with_series = run_pelican(
        FIXTURES / "series",
        tmp_path / "series-out",
        "-e",
        f'THEME="{theme}"',
        'DIRECT_TEMPLATES=["index", "tags", "categories", "authors", "archives"]',
    )
    assert with_series.returncode == 0, with_series.log
    assert " ".join(with_series.log.split()).count("the theme has no series_list.html") == 1


def test_a_draft_builds_when_category_pages_are_off(tmp_path):
    # The quickstart's CATEGORY_SAVE_AS = "" (Pelican's way to write no category pages):
    # Pelican then gives posts no category and stopped on the first draft with
    # "'Article' object has no attribute 'category'", a traceback naming no file.
    content = tmp_path / "content"
    write(content, "d.en.md", "Title: Draft\nDate: 2026-01-01\nStatus: draft\n\nLater.\n")
    write(content, "p.en.md", "Title: Published\nDate: 2026-01-02\n\nNow.\n")
    output = tmp_path / "out"
    site = run_pelican(content, output, "-e", 'CATEGORY_SAVE_AS=""')
    assert site.returncode == 0 and "Traceback" not in site.log, site.log
    assert site.soup("drafts/d/").select_one("h1").get_text() == "Draft"
    assert not list(output.glob("categor*/*/index.html"))  # no page for a category
