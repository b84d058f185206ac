"""Search (plugins/bilingual/search + templates/search.html) on built sites: what is indexed, in
which language's bundle, the search pages, and JavaScript nowhere else."""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

import pytest
from sitebuild import (
    FIXTURES,
    PUBLISH_SETTINGS,
    PUBLISH_SITEURL,
    build_with_english_404,
    run_pelican,
)

PUBLISH_ENV = {**os.environ, "SITEURL": PUBLISH_SITEURL}


def index_records(bundle: Path) -> list[dict]:
    """Every page record in a Pagefind bundle (its fragments: `pagefind_dcd` + JSON, gzip)."""
    records = []
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        records.append(json.loads(data[len(b"pagefind_dcd") :]))
    return records


def indexed_urls(bundle: Path) -> set[str]:
    return {record["url"] for record in index_records(bundle)}


def source_metadata(path: Path) -> dict[str, str]:
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        fields[key.strip().lower()] = value.strip()
    return fields


def published(content: Path, lang: str) -> set[str]:
    """Site-relative URLs of `lang`'s published posts and pages, read from the sources."""
    urls = set()
    for path in content.rglob(f"*.{lang}.md"):
        fields = source_metadata(path)
        if fields.get("status", "published") != "published":
            continue
        slug = fields.get("slug", path.name.split(".")[0])
        is_page = "pages" in path.relative_to(content).parts
        urls.add(f"/{slug}/" if is_page else f"/posts/{slug}/")
    return urls


@pytest.fixture(scope="module")
def statuses(tmp_path_factory):
    build = run_pelican(FIXTURES / "statuses", tmp_path_factory.mktemp("statuses") / "out")
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="module")
def statuses_publish(tmp_path_factory):
    build = run_pelican(
        FIXTURES / "statuses",
        tmp_path_factory.mktemp("statuses-publish") / "out",
        settings=PUBLISH_SETTINGS,
        env=PUBLISH_ENV,
    )
    assert build.returncode == 0, build.log
    return build


@pytest.mark.parametrize("which", ["statuses", "statuses_publish"])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_each_index_holds_exactly_its_languages_published_posts_and_pages(request, which, lang):
    site = request.getfixturevalue(which)
    bundle = site.output / ("pagefind" if lang == "en" else "ko/pagefind")
    expected = published(FIXTURES / "statuses", lang)
    assert expected, "the fixture has published content in both languages"
    assert indexed_urls(bundle) == expected
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == [lang]


def test_drafts_and_hidden_posts_carry_no_search_mark(statuses):
    for relative in ("drafts/mulch/", "ko/drafts/frost/", "posts/pests/"):
        assert statuses.soup(relative).select("[data-pagefind-body]") == [], relative


def test_the_index_holds_the_post_body_and_its_metadata_not_the_page_around_it(demo_site):
    records = {r["url"]: r for r in index_records(demo_site.output / "pagefind")}
    record = records["/posts/kal-3-tuning-q-and-r/"]
    page = demo_site.soup("posts/kal-3-tuning-q-and-r/")
    title = page.select_one("h1.post__title").get_text(strip=True)
    assert record["meta"]["title"] == title
    assert record["meta"]["series"] == "Control Study"
    assert record["meta"]["episode"] == "KAL-3"
    assert record["meta"]["date"] == page.select_one(".post__meta time")["datetime"]
    assert record["filters"]["series"] == ["control-study"]
    assert record["filters"]["language"] == ["en"]
    tags = {a.get_text(strip=True) for a in page.select(".post__header .tags a")}
    assert tags and set(record["filters"]["tag"]) == tags
    text = record["content"]
    body_start = page.select_one(".post__body p").get_text(" ", strip=True)[:40]
    assert body_start.split()[0] in text
    # Not the header, footer, contents box, series box, tags or translation note.
    for chrome in (
        "Skip to content",
        "Read this in",
        "Contents",
        "Episode 3 of",
        "Greenhouse Notes",
    ):
        assert chrome not in text, chrome
    for heading in page.select(".post__body h2"):  # without its "#" link
        name = heading.get_text(" ", strip=True).removesuffix("#").strip()
        assert name in text and f"{name} #" not in text and f"{name}#" not in text


def test_korean_posts_are_in_the_korean_index_with_korean_metadata(demo_site):
    records = {r["url"]: r for r in index_records(demo_site.output / "ko" / "pagefind")}
    record = records["/posts/kal-3-tuning-q-and-r/"]
    assert record["meta"]["series"] == "제어 공부"
    assert record["filters"]["language"] == ["ko"]
    assert "칼만" in record["content"]


def test_search_pages_exist_in_both_languages_with_their_own_ui_text(demo_site):
    en, ko = demo_site.soup("search/"), demo_site.soup("ko/search/")
    assert en.html["lang"] == "en" and en.h1.get_text() == "Search"
    assert ko.html["lang"] == "ko" and ko.h1.get_text() == "검색"
    assert ko.select_one("label[for=search-q]").get_text() == "찾을 단어"
    korean_page = str(ko.select_one("main"))
    for english in (
        "Search",
        "Words to search for",
        "All series",
        "Show more results",
        "Searching",
        "found for",
        "in this series",
        "No post matches",
        "Browse the",
        "needs JavaScript",
        "Korean",
        "English",
    ):
        assert english not in korean_page, english
    root = ko.select_one("[data-search]")
    assert json.loads(root["data-bundles"]) == {"en": "/pagefind/", "ko": "/ko/pagefind/"}
    assert "{num}" in root["data-results-other"] and "{query}" in root["data-results-other"]
    series = [o["value"] for o in ko.select("select[name=series] option")]
    assert series[0] == "" and "control-study" in series


def test_without_javascript_the_search_page_points_to_the_archive(demo_site):
    for page, archive in (("search/", "/archives/"), ("ko/search/", "/ko/archives/")):
        soup = demo_site.soup(page)
        note = soup.select_one("main noscript")
        assert note.select_one("a")["href"] == archive
        hiding = soup.select_one("head noscript style")  # the form goes when scripts are off
        assert ".search-form { display: none; }" in hiding.string


def test_every_page_links_to_its_languages_search_page(demo_site):
    for path in demo_site.html_files():
        soup = BeautifulSoupOf(path)
        target = "/ko/search/" if soup.html["lang"] == "ko" else "/search/"
        links = [a["href"] for a in soup.select(".site-nav a")]
        assert target in links, path


def BeautifulSoupOf(path: Path):
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def scripts(path: Path) -> list[str]:
    soup = BeautifulSoupOf(path)
    return [
        s.get("src", "inline")
        for s in soup.find_all("script")
        if s.get("type") != "application/ld+json"
    ]


def test_only_the_search_pages_load_javascript(demo_site):
    loading = {
        path.relative_to(demo_site.output).as_posix(): scripts(path)
        for path in demo_site.html_files()
        if scripts(path)
    }
    assert set(loading) == {"search/index.html", "ko/search/index.html"}
    for sources in loading.values():
        for src in sources:
            assert demo_site.resolve(src) is not None, src
            module = demo_site.resolve(src).parent / "query.js"
            assert module.is_file()


def test_the_bundles_ship_pagefind_js_and_no_unused_ui(demo_site):
    for bundle in (demo_site.output / "pagefind", demo_site.output / "ko" / "pagefind"):
        names = {path.name for path in bundle.iterdir()}
        assert {"pagefind.js", "pagefind-entry.json", "pagefind-worker.js"} <= names
        assert not [
            name for name in names if re.match(r"pagefind-(ui|component|modular|highlight)", name)
        ]


def test_under_a_sub_path_the_bundles_are_found_from_siteurl(basic_publish):
    root = basic_publish.soup("ko/search/").select_one("[data-search]")
    assert json.loads(root["data-bundles"]) == {
        "en": f"{PUBLISH_SITEURL}/pagefind/",
        "ko": f"{PUBLISH_SITEURL}/ko/pagefind/",
    }
    assert (basic_publish.output / "pagefind" / "pagefind.js").is_file()
    assert (basic_publish.output / "ko" / "pagefind" / "pagefind.js").is_file()
    # Result addresses are relative to their site; pagefind.js puts its bundle's folder
    # (here /blog/ko/) in front of them (the browser tests follow one).
    assert all(
        url.startswith("/posts/") or url.count("/") == 2
        for url in indexed_urls(basic_publish.output / "ko" / "pagefind")
    )


def test_an_empty_search_save_as_turns_search_off(tmp_path):
    build = run_pelican(FIXTURES / "basic", tmp_path / "out", "-e", 'SEARCH_SAVE_AS=""')
    assert build.returncode == 0, build.log
    assert not (build.output / "search").exists()
    assert not (build.output / "pagefind").exists()
    assert "/search/" not in [a["href"] for a in build.soup("").select(".site-nav a")]


def test_a_language_with_nothing_published_has_no_index_and_the_build_goes_on(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "only-english.en.md").write_text(
        "Title: Only English\nDate: 2026-03-01\nSlug: only-english\n\nWords in English.\n",
        encoding="utf-8",
    )
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.log
    assert indexed_urls(build.output / "pagefind") == {"/posts/only-english/"}
    assert not (build.output / "ko" / "pagefind").exists()
    assert (build.output / "ko" / "search" / "index.html").is_file()


def test_a_second_build_leaves_unchanged_index_files_untouched(tmp_path):
    output = tmp_path / "out"
    first = run_pelican(FIXTURES / "basic", output)
    assert first.returncode == 0, first.log
    fragments = {p: p.stat().st_mtime_ns for p in (output / "pagefind" / "fragment").iterdir()}
    second = run_pelican(FIXTURES / "basic", output)
    assert second.returncode == 0, second.log
    assert {
        p: p.stat().st_mtime_ns for p in (output / "pagefind" / "fragment").iterdir()
    } == fragments


def write_post(folder: Path, slug: str, lang: str, extra: str = "") -> Path:
    path = folder / f"{slug}.{lang}.md"
    path.write_text(
        f"Title: {slug} {lang}\nDate: 2026-03-01\nSlug: {slug}\n{extra}\nWords about {slug}.\n",
        encoding="utf-8",
    )
    return path


def test_a_post_made_a_draft_or_deleted_leaves_the_index_at_the_next_build(tmp_path):
    """A development build keeps old pages in output/; they must not stay searchable."""
    content, output = tmp_path / "content", tmp_path / "out"
    content.mkdir()
    for slug in ("kept", "drafted", "deleted"):
        for lang in ("en", "ko"):
            write_post(content, slug, lang)
    first = run_pelican(content, output)
    assert first.returncode == 0, first.log
    assert indexed_urls(output / "pagefind") == {
        "/posts/kept/",
        "/posts/drafted/",
        "/posts/deleted/",
    }
    write_post(content, "drafted", "en", "Status: draft")
    (content / "deleted.en.md").unlink()
    second = run_pelican(content, output)
    assert second.returncode == 0, second.log
    assert (output / "posts" / "deleted" / "index.html").is_file()  # Pelican leaves it
    assert indexed_urls(output / "pagefind") == {"/posts/kept/"}
    assert indexed_urls(output / "ko" / "pagefind") == {
        "/posts/kept/",
        "/posts/drafted/",
        "/posts/deleted/",
    }
    assert not list(output.rglob(".pagefind-*"))  # no staging folder left behind


def test_a_build_that_fails_after_a_language_was_indexed_leaves_no_staging_folder(tmp_path):
    # The Korean site is written and its index started before the English site fails
    # (a theme template that breaks on the English site only): the running Pagefind is
    # stopped and its staging folder removed, not left in ko/ for the next good build.
    build, _template = build_with_english_404(tmp_path, "{{ missing.attribute }}")
    output = build.output
    assert build.returncode != 0 and "missing" in build.log
    assert (output / "ko" / "404.html").is_file()  # the Korean site was written first
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob(".pagefind-*")) == []
