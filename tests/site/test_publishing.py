"""The publishing build: feeds, sitemap, metadata, GitHub Pages files, atomic `invoke publish`."""

import filecmp
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import feedparser
import pytest
from sitebuild import FIXTURES, PUBLISH_SETTINGS, PUBLISH_SITEURL, ROOT, run_pelican

BASE = PUBLISH_SITEURL
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.mark.parametrize(
    ("feed", "lang", "links"),
    [
        (
            "feeds/all.atom.xml",
            "en",
            {"posts/first-light/", "posts/explicit-pair/", "posts/english-only/"},
        ),
        (
            "ko/feeds/all.atom.xml",
            "ko",
            {"ko/posts/first-light/", "ko/posts/explicit-pair/", "ko/posts/korean-only/"},
        ),
    ],
)
def test_one_feed_per_language(basic_publish, feed, lang, links):
    parsed = feedparser.parse((basic_publish.output / feed).read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.language == lang
    self_link = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_link == [f"{BASE}/{feed}"]
    assert {entry.link.removeprefix(f"{BASE}/") for entry in parsed.entries} == links


def test_every_page_links_its_languages_feed(basic_publish):
    for page, feed in (
        ("index.html", "feeds/all.atom.xml"),
        ("ko/tags/alpha/", "ko/feeds/all.atom.xml"),
    ):
        link = basic_publish.soup(page).select_one('head link[type="application/atom+xml"]')
        assert link["href"] == f"{BASE}/{feed}"


def sitemap(build):
    return ET.fromstring((build.output / "sitemap.xml").read_bytes())


def test_sitemap_covers_every_page_with_reciprocal_alternates(basic_publish):
    root = sitemap(basic_publish)
    entries = {}
    for url in root.findall("s:url", NS):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        entries[url.find("s:loc", NS).text] = alternates
    expected = set()
    for path in basic_publish.html_files():
        relative = path.relative_to(basic_publish.output).as_posix()
        if relative.endswith("404.html"):
            continue
        expected.add(f"{BASE}/{relative.removesuffix('index.html')}")
    assert set(entries) == expected
    for loc, alternates in entries.items():
        for lang, href in alternates.items():
            assert href in entries, (loc, lang, href)
            if lang != "x-default":
                assert entries[href] == alternates, (loc, href)
    assert entries[f"{BASE}/ko/posts/first-light/"]["en"] == f"{BASE}/posts/first-light/"


def test_robots_nojekyll_and_404_pages(basic_publish):
    # A project site under /blog: crawlers read robots.txt at the domain root only.
    assert not (basic_publish.output / "robots.txt").exists()
    assert f"add 'Sitemap: {BASE}/sitemap.xml' to the robots.txt" in basic_publish.log
    assert (basic_publish.output / ".nojekyll").is_file()
    assert not (basic_publish.output / "CNAME").exists()
    root_404 = basic_publish.soup("404.html")
    assert root_404.select_one('meta[name="robots"]')["content"] == "noindex"
    korean = root_404.select_one('.not-found__other[lang="ko"]')
    assert "페이지를 찾을 수 없습니다" in korean.get_text()
    assert korean.find("a")["href"] == f"{BASE}/ko/"
    assert basic_publish.soup("ko/404.html").h1.get_text() == "페이지를 찾을 수 없습니다"
    for sheet in root_404.select('link[rel="stylesheet"]'):
        assert sheet["href"].startswith(f"{BASE}/theme/")


def meta(soup, prop):
    tag = soup.select_one(f'meta[property="{prop}"]') or soup.select_one(f'meta[name="{prop}"]')
    return tag["content"] if tag else None


def test_canonical_opengraph_and_twitter(basic_publish):
    soup = basic_publish.soup("ko/posts/first-light/")
    assert soup.select_one('link[rel="canonical"]')["href"] == f"{BASE}/ko/posts/first-light/"
    assert meta(soup, "og:url") == f"{BASE}/ko/posts/first-light/"
    assert meta(soup, "og:locale") == "ko_KR"
    assert [m["content"] for m in soup.select('meta[property="og:locale:alternate"]')] == ["en_US"]
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "description") == "픽스처의 첫 글, 한국어판."
    assert meta(soup, "og:description") == "픽스처의 첫 글, 한국어판."
    assert meta(soup, "twitter:card") == "summary"
    english = basic_publish.soup("posts/first-light/")
    assert meta(english, "og:title") == 'First light & "quotes" <b>not bold</b>'


def json_ld(soup):
    return json.loads(soup.select_one('script[type="application/ld+json"]').string)


def test_json_ld_names_the_translation(basic_publish):
    en = json_ld(basic_publish.soup("posts/first-light/"))
    ko = json_ld(basic_publish.soup("ko/posts/first-light/"))
    assert en["@type"] == ko["@type"] == "BlogPosting"
    assert (en["inLanguage"], ko["inLanguage"]) == ("en", "ko")
    assert en["workTranslation"] == [{"@id": f"{BASE}/ko/posts/first-light/"}]
    assert ko["translationOfWork"] == {"@id": f"{BASE}/posts/first-light/"}
    assert en["headline"] == 'First light & "quotes" <b>not bold</b>'
    alone = json_ld(basic_publish.soup("posts/english-only/"))
    assert "workTranslation" not in alone and "translationOfWork" not in alone


def test_json_ld_names_the_series(series_publish):
    data = json_ld(series_publish.soup("ko/posts/build-2/"))
    assert data["isPartOf"] == {
        "@type": "CreativeWorkSeries",
        "name": "데모 개발기",
        "url": f"{BASE}/ko/series/demo-build/",
    }


def test_cname_setting_writes_the_file_and_a_root_site_gets_robots(tmp_path):
    env = {**os.environ, "SITEURL": "https://blog.example.org", "CNAME": "blog.example.org"}
    build = run_pelican(FIXTURES / "basic", tmp_path / "out", settings=PUBLISH_SETTINGS, env=env)
    assert build.returncode == 0, build.log
    assert (tmp_path / "out" / "CNAME").read_text() == "blog.example.org\n"
    robots = (tmp_path / "out" / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://blog.example.org/sitemap.xml" in robots


def pagefind_order(path) -> bool:
    """A search bundle file that Pagefind 1.5 writes in a different order on every run:
    its filter files, and the two files naming them by hash. The pages' fragments and the
    word index do not change."""
    return "pagefind" in path.parts and (
        path.suffix in (".pf_filter", ".pf_meta") or path.name == "pagefind-entry.json"
    )


def test_two_builds_with_the_same_source_date_epoch_are_identical(basic_publish, tmp_path):
    env = {**os.environ, "SITEURL": PUBLISH_SITEURL}
    again = run_pelican(FIXTURES / "basic", tmp_path / "again", settings=PUBLISH_SETTINGS, env=env)
    assert again.returncode == 0, again.log
    first = sorted(
        p.relative_to(basic_publish.output)
        for p in basic_publish.output.rglob("*")
        if not pagefind_order(p)
    )
    second = sorted(
        p.relative_to(again.output) for p in again.output.rglob("*") if not pagefind_order(p)
    )
    assert first == second
    assert any("fragment" in p.parts for p in first)  # the search index's pages are compared
    files = [str(p) for p in first if (basic_publish.output / p).is_file()]
    match, mismatch, errors = filecmp.cmpfiles(
        basic_publish.output, again.output, files, shallow=False
    )
    assert (mismatch, errors) == ([], [])
    assert len(match) > 30  # both languages: pages, feeds, sitemap, the stylesheet


def invoke_publish(output, content, siteurl="https://example.org"):
    return subprocess.run(
        [sys.executable, "-m", "invoke", "publish", "--output", str(output), "--", str(content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "SITEURL": siteurl, "COLUMNS": "400"},
    )


def test_failed_publish_leaves_the_previous_output(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the site that is live", encoding="utf-8")
    result = invoke_publish(output, FIXTURES / "bad-duplicate")
    assert result.returncode != 0
    assert f"publish failed: {output} was left as it was" in result.stderr
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text(encoding="utf-8") == "the site that is live"
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_publish_replaces_the_output_when_the_build_and_checks_pass(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "stale.html").write_text("old", encoding="utf-8")
    (output / ".git").mkdir()  # a gh-pages checkout: Pelican's OUTPUT_RETENTION keeps it
    (output / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages", encoding="utf-8")
    result = invoke_publish(output, FIXTURES / "basic")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (output / "stale.html").exists()
    assert (output / "sitemap.xml").is_file() and (output / "ko/index.html").is_file()
    assert (output / ".git" / "HEAD").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["output"]
    times = {p: p.stat().st_mtime_ns for p in output.rglob("*.html")}
    again = invoke_publish(output, FIXTURES / "basic")
    assert again.returncode == 0, again.stdout + again.stderr
    # The same content again: no page is rewritten, so a deploy has nothing to upload.
    assert {p: p.stat().st_mtime_ns for p in output.rglob("*.html")} == times


def test_publish_checks_stop_a_site_with_a_broken_link(tmp_path):
    env = {**os.environ, "SITEURL": "https://example.org"}
    build = run_pelican(
        FIXTURES / "broken-link", tmp_path / "out", settings=PUBLISH_SETTINGS, env=env
    )
    assert build.returncode == 1
    assert "publishing: " in build.stderr and " problem(s) in " in build.stderr
    # A post's page is named with the post's file; the other pages that list its summary
    # are counted on that line, not repeated.
    page = "posts/broken/index.html (tests/fixtures/broken-link/broken.en.md)"
    lines = build.stderr.splitlines()
    dead = [line for line in lines if "link to /posts/does-not-exist/ leads nowhere" in line]
    assert len(dead) == 1 and dead[0].startswith(f"{page}: "), lines
    assert "(also on " in dead[0] and "index.html" in dead[0].split("(also on ", 1)[1]
    assert f"{page}: link to /images/missing.svg leads nowhere" in build.stderr


def test_publish_checks_catch_root_links_that_leave_a_project_site(tmp_path):
    env = {**os.environ, "SITEURL": PUBLISH_SITEURL}
    build = run_pelican(
        FIXTURES / "broken-link", tmp_path / "out", settings=PUBLISH_SETTINGS, env=env
    )
    assert build.returncode == 1
    assert "link to /posts/does-not-exist/ leaves the site (/blog/)" in build.stderr


def test_short_posts_with_footnotes_publish_without_broken_list_links(tmp_path):
    # A post short enough to be its own summary carried its footnotes, and their
    # in-page links, onto the home, archive and term pages: the publish checks failed.
    import shutil

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic", content)
    (content / "noted.en.md").write_text(
        "Title: Noted\nDate: 2026-08-01\nTags: sources\n\n"
        "A claim[^1] right at the start.\n\n[^1]: The source.\n",
        encoding="utf-8",
    )
    (content / "noted.ko.rst").write_text(
        "메모\n####\n\n:date: 2026-08-01\n:tags: sources\n\n"
        "주장 하나 [#f1]_ 와 인용 [CIT]_.\n\n.. [#f1] 출처.\n\n.. [CIT] 책.\n",
        encoding="utf-8",
    )
    env = {**os.environ, "SITEURL": "https://example.org"}
    build = run_pelican(content, tmp_path / "out", settings=PUBLISH_SETTINGS, env=env)
    assert build.returncode == 0, build.log
    lists = ("index.html", "archives/index.html", "ko/index.html", "ko/tags/sources/index.html")
    for page in lists:
        html = (tmp_path / "out" / page).read_text(encoding="utf-8")
        assert 'href="#f' not in html and 'href="#cit' not in html and "footnote" not in html
    assert 'href="#fn:1"' in (tmp_path / "out/posts/noted/index.html").read_text("utf-8")


def test_a_problem_on_a_translations_page_names_the_translations_file(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.en.md").write_text("Title: A\nDate: 2026-01-01\n\nText.\n", "utf-8")
    (content / "a.ko.md").write_text(
        "Title: 가\nDate: 2026-01-01\n\n[없음](/posts/nope/)\n", "utf-8"
    )
    env = {**os.environ, "SITEURL": "https://example.org"}
    build = run_pelican(content, tmp_path / "out", settings=PUBLISH_SETTINGS, env=env)
    assert build.returncode == 1
    named = f"ko/posts/a/index.html ({content / 'a.ko.md'}): link to /posts/nope/ leads nowhere"
    shown = "ko/posts/a/index.html (a.ko.md): link to /posts/nope/ leads nowhere"
    assert named in build.stderr or shown in build.stderr, build.stderr


def test_problem_lines_name_the_content_file_once_not_every_list_that_shows_it():
    from pelican.plugins.bilingual.publishing.publishing import grouped_problems

    sources = {"posts/a/index.html": "content/a.en.md", "posts/b/index.html": "content/b.en.md"}
    found = [
        "index.html: link to /x leads nowhere",
        "posts/a/index.html: link to /x leads nowhere",
        "tags/t/index.html: link to /x leads nowhere",
        "archives/index.html: link to /x leads nowhere",
        "posts/b/index.html: link to /x leads nowhere",
        "feeds.html: link to /y has no #z on that page",
        "ko/index.html: no hreflang link for its own language 'ko'",
    ]
    assert grouped_problems(found, sources) == [
        "posts/a/index.html (content/a.en.md): link to /x leads nowhere (also on 3 other "
        "page(s) that show it: index.html, tags/t/index.html, archives/index.html)",
        "posts/b/index.html (content/b.en.md): link to /x leads nowhere",
        "feeds.html: link to /y has no #z on that page",
        "ko/index.html: no hreflang link for its own language 'ko'",
    ]


def test_a_writers_own_robots_txt_is_kept_with_the_sitemap_added(tmp_path):
    # A blog with its own robots.txt (a static file): the publish build replaced it with
    # the bundle's, dropping the writer's Disallow rules.
    content = tmp_path / "content"
    import shutil

    shutil.copytree(FIXTURES / "basic", content)
    (content / "extra").mkdir()
    (content / "extra" / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    extra = (
        "-e",
        'STATIC_PATHS=["extra"]',
        'EXTRA_PATH_METADATA={"extra/robots.txt": {"path": "robots.txt"}}',
    )
    root = {**os.environ, "SITEURL": "https://blog.example.org"}
    build = run_pelican(content, tmp_path / "out", *extra, settings=PUBLISH_SETTINGS, env=root)
    assert build.returncode == 0, build.log
    robots = (tmp_path / "out" / "robots.txt").read_text(encoding="utf-8")
    assert robots == (
        "User-agent: *\nDisallow: /private/\n\nSitemap: https://blog.example.org/sitemap.xml\n"
    )
    under = {**os.environ, "SITEURL": "https://example.org/blog"}
    build = run_pelican(content, tmp_path / "sub", *extra, settings=PUBLISH_SETTINGS, env=under)
    assert build.returncode == 0, build.log
    assert "your robots.txt is published at /blog/robots.txt, where crawlers do not read it" in (
        " ".join(build.log.split())
    )
