"""Pagefind runs (plugins/bilingual/search/pagefind_run.py): exactly the listed pages are indexed,
whatever their paths hold, with or without a glob, read from the written folder or handed to
Pagefind's service in steps (pagefind_service.py)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from pelican.plugins.bilingual.search import pagefind_run
from pelican.plugins.bilingual.search.pagefind_run import (
    GLOB_LIMIT,
    IndexJob,
    page_glob,
    page_globs,
)
from pelican.plugins.bilingual.search.pagefind_service import PagefindService, ServiceFailed
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


def test_globs_split_a_long_list_and_together_name_every_page():
    folder = Path("/out")
    pages = [folder / f"posts/{n:03d},x/index.html" for n in range(10)]
    globs = page_globs(folder, pages, limit=60)
    assert len(globs) > 1 and all(len(glob) <= 60 for glob in globs)
    named = [part for glob in globs for part in glob[1:-1].split(",posts")]
    assert len(named) == 10 and named[0] == "posts/000\\,x/index.html"
    assert page_globs(folder, pages) == [page_glob(folder, pages)]
    assert page_globs(folder, []) == []
    assert page_globs(folder, [folder / "a\\b/index.html"]) is None


def needs_pagefind():
    if pagefind_run.executable() is None:
        missing_tool("Pagefind is not installed", "REQUIRE_TOOLS")


def test_pages_handed_to_the_service_in_steps_make_the_command_line_s_index(tmp_path):
    # The posts first, then the pages (two globs, as a build hands them), against the
    # command line on the whole list: the same pages under the same URLs, the same
    # fragments; a page left in the folder but not handed over is not indexed.
    needs_pagefind()
    site = tmp_path / "out"
    posts = [page(site, "posts/first/index.html"), page(site, "posts/a,b {c}/index.html")]
    pages = [page(site, "글 하나/index.html")]
    page(site, "posts/deleted-since/index.html")
    service = PagefindService(pagefind_run.executable(), site, [pagefind_run.EXCLUDE])
    for step in (posts, pages):
        for glob in page_globs(site, step, limit=30):
            service.add_pages(glob)
    listed = tuple(sorted(posts + pages))
    job = IndexJob("en", site, listed, site / "streamed")
    assert [r.pages for r in pagefind_run.finish([pagefind_run.streamed(job, service)])] == [3]
    pagefind_run.finish([pagefind_run.start(IndexJob("en", site, listed, site / "read"))])
    assert (
        indexed_urls(site / "streamed")
        == indexed_urls(site / "read")
        == {"/posts/first/", "/posts/a,b {c}/", "/글 하나/"}
    )
    fragments = [
        sorted(p.name for p in (site / b / "fragment").iterdir()) for b in ("streamed", "read")
    ]
    assert fragments[0] == fragments[1]
    assert service.process.returncode == 0 and not list(site.glob(".pagefind-*"))


def test_a_service_error_is_raised_with_pagefind_s_words(tmp_path):
    needs_pagefind()
    service = PagefindService(pagefind_run.executable(), tmp_path, [])
    bad = service.send({"type": "AddDir", "index_id": service.index_id + 7, "path": "x"})
    with pytest.raises(ServiceFailed):
        service.wait(bad, timeout=30)
    service.stop()


def test_a_program_without_the_service_fails_to_start(tmp_path):
    with pytest.raises(ServiceFailed):
        PagefindService(Path("/bin/true"), tmp_path, [])
    with pytest.raises(ServiceFailed):
        PagefindService(tmp_path / "no-such-program", tmp_path, [])


@pytest.mark.parametrize("trouble", ["killed", "fewer-pages"])
def test_when_the_service_fails_the_folder_is_indexed_from_disk(tmp_path, trouble):
    # A service that ended before the bundle was written, or read fewer pages than the
    # site marks: the command line reads the written pages instead, and the bundle still
    # holds every page.
    needs_pagefind()
    site = tmp_path / "out"
    listed = [page(site, "posts/first/index.html"), page(site, "posts/second/index.html")]
    service = PagefindService(pagefind_run.executable(), site, [pagefind_run.EXCLUDE])
    service.add_pages(page_glob(site, listed[:1]))
    if trouble == "killed":
        service.process.kill()
    job = IndexJob("en", site, tuple(listed), site / "pagefind")
    assert [r.pages for r in pagefind_run.finish([pagefind_run.streamed(job, service)])] == [2]
    assert indexed_urls(site / "pagefind") == {"/posts/first/", "/posts/second/"}
    assert not list(site.glob(".pagefind-*"))


class _Service:
    """A stand-in for Pagefind's service: who owns it, whether it ended, what it was given."""

    def __init__(self, owner: int, ended: bool = False):
        self.owner, self.ended, self.globs, self.stopped = owner, ended, [], False

    def owned_here(self) -> bool:
        import os

        return os.getpid() == self.owner

    def add_pages(self, glob: str) -> None:
        self.globs.append(glob)

    def stop(self) -> None:
        self.stopped = True


def test_marked_pages_written_since_the_last_step_go_to_the_service(tmp_path):
    import os

    from pelican.plugins.bilingual.search.search import Stream, hand_over

    site = tmp_path / "out"
    written = [page(site, "posts/a/index.html"), page(site, "tags/index.html", marked=False)]
    stream = Stream(site, service=_Service(os.getpid()))
    hand_over(stream, written)
    written.append(page(site, "about/index.html"))
    hand_over(stream, written)
    assert stream.service.globs == ["{posts/a/index.html}", "{about/index.html}"]
    assert stream.pages == [written[0], written[2]] and stream.usable
    # Written twice (an overwritten page): the site is indexed from disk instead.
    written.append(written[0])
    hand_over(stream, written)
    assert not stream.usable and stream.service.stopped


def test_a_service_that_ended_early_sends_the_site_to_the_command_line(tmp_path):
    # Pages written after the service ended must not be lost: the stream is dropped and
    # the site indexed from disk (every marked page written), not from what was handed.
    import os

    from pelican.plugins.bilingual.search.search import Stream, hand_over

    site = tmp_path / "out"
    stream = Stream(site, service=_Service(os.getpid(), ended=True))
    hand_over(stream, [page(site, "posts/a/index.html")])
    assert not stream.usable and stream.service.globs == []
    # In a fork of the build (another process owns the service), nothing is done.
    forked = Stream(site, service=_Service(os.getpid() + 1))
    hand_over(forked, [page(site, "posts/a/index.html")])
    assert forked.usable and forked.service.globs == [] and forked.looked_at == 0


def test_a_bundle_the_service_left_unreadable_is_made_again_from_disk(tmp_path):
    # The service says it wrote the bundle, but its entry file is cut short: the pages
    # are indexed again with the command line, not counted from a damaged file.
    needs_pagefind()
    site = tmp_path / "out"
    listed = (page(site, "posts/first/index.html"), page(site, "posts/second/index.html"))

    class Written(_Service):
        def __init__(self):
            super().__init__(0)

        def request_write(self, output):
            self.output = output

        def finish(self):
            self.output.mkdir(parents=True)
            (self.output / "pagefind-entry.json").write_text('{"languages": {"en"')
            return 2

    job = IndexJob("en", site, listed, site / "pagefind")
    run = pagefind_run.streamed(job, Written())
    assert [r.pages for r in pagefind_run.finish([run])] == [2] and run.again is not None
    assert indexed_urls(site / "pagefind") == {"/posts/first/", "/posts/second/"}
