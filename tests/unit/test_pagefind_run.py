"""Pagefind runs (plugins/bilingual/search/pagefind_run.py): exactly the listed pages are indexed,
whatever their paths hold, with or without a glob."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from pelican.plugins.bilingual.search import pagefind_run
from pelican.plugins.bilingual.search.pagefind_run import GLOB_LIMIT, IndexJob, page_glob
from sitebuild import missing_tool


def test_a_glob_lists_each_page_with_the_glob_characters_escaped():
    folder = Path("/out")
    pages = [folder / "posts/a,b/index.html", folder / "posts/{x}[1]*?/index.html"]
    assert page_glob(folder, pages) == (
        "{posts/a\\,b/index.html,posts/\\{x\\}\\[1\\]\\*\\?/index.html}"
    )


def test_hangul_spaces_and_punctuation_outside_the_glob_syntax_stay_as_they_are():
    folder = Path("/out")
    pages = [folder / "posts/한글 제목!#^|~'/index.html"]
    assert page_glob(folder, pages) == "{posts/한글 제목!#^|~'/index.html}"


def test_no_glob_for_a_backslash_or_too_many_pages():
    folder = Path("/out")
    assert page_glob(folder, [folder / "posts/a\\b/index.html"]) is None
    many = [folder / f"posts/{n:06d}-{'x' * 40}/index.html" for n in range(GLOB_LIMIT // 50)]
    assert page_glob(folder, many) is None
    assert page_glob(folder, many[:100]) is not None


def page(folder: Path, relative: str, marked: bool = True) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "data-pagefind-body" if marked else ""
    path.write_text(
        f'<!doctype html><html lang="en"><head><title>{relative}</title></head>'
        f"<body><main {body}><h1>{relative}</h1><p>Words about {relative}.</p></main>"
        "</body></html>",
        encoding="utf-8",
    )
    return path


def indexed_urls(bundle: Path) -> set[str]:
    urls = set()
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[len(b"pagefind_dcd") :])["url"])
    return urls


@pytest.mark.parametrize("glob", [True, False], ids=["glob", "linked-folder"])
def test_only_the_listed_pages_are_indexed(tmp_path, monkeypatch, glob):
    if pagefind_run.executable() is None:
        missing_tool("Pagefind is not installed", "REQUIRE_TOOLS")
    if not glob:
        monkeypatch.setattr(pagefind_run, "GLOB_LIMIT", 0)
    site = tmp_path / "out"
    listed = [
        page(site, "posts/first/index.html"),
        page(site, "posts/a,b {c}/index.html"),
        page(site, "posts/글 하나/index.html"),
    ]
    page(site, "posts/deleted-since/index.html")  # an earlier build's page
    page(site, "ko/posts/first/index.html")  # another language's site inside this one
    job = IndexJob("en", site, tuple(listed), site / "pagefind")
    results = pagefind_run.finish([pagefind_run.start(job)])
    assert [result.pages for result in results] == [3]
    assert indexed_urls(site / "pagefind") == {
        "/posts/first/",
        "/posts/a,b {c}/",
        "/posts/글 하나/",
    }
    assert not list(site.glob(".pagefind-*"))
