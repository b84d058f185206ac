"""read_ahead's pure parts: which files it reads, in what order, and how they are dealt."""

from __future__ import annotations

from pelican.generators import ArticlesGenerator
from pelican.plugins.bilingual.engine import read_ahead
from pelican.settings import DEFAULT_CONFIG


def test_files_come_in_the_order_pelican_reads_them(tmp_path):
    names = [f"post-{n:03}.md" for n in range(60)] + ["notes.txt", "c.rst"]
    for name in [*names, "pages/about.md", "skip/e.md"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    settings = {
        **DEFAULT_CONFIG,
        "PATH": str(tmp_path),
        "ARTICLE_EXCLUDES": ["pages", "skip"],
        "PAGE_EXCLUDES": [],
    }
    found = read_ahead.reading_order(settings, ["md", "rst"])
    generator = ArticlesGenerator(
        context={}, settings=settings, path=str(tmp_path), theme=settings["THEME"], output_path="o"
    )
    # Pelican's own set of article files, in the order it iterates it.
    articles = [str(tmp_path / name) for name in generator.get_files([""], ["pages", "skip"])]
    assert found == [*articles, str(tmp_path / "pages" / "about.md")]
    assert str(tmp_path / "notes.txt") not in found


def test_shares_deal_in_turn():
    assert read_ahead.shares(list(range(7))) == [[0, 2, 4, 6], [1, 3, 5]]
    assert read_ahead.shares([]) == [[], []]


class _PidReader:
    """A reader whose output says which process read the file (and fails on one)."""

    broken = ""

    def __init__(self, settings):
        self.settings = settings

    def read(self, path):
        import os

        if path == self.broken:
            raise ValueError("cannot read this one")
        return f"<p>{os.getpid()}</p>", {"title": path.rsplit("/", 1)[-1]}


def test_the_child_reads_every_other_file_and_the_build_takes_its_results(tmp_path):
    import os
    from types import SimpleNamespace

    for n in range(6):
        (tmp_path / f"post-{n}.md").write_text(f"post {n}", encoding="utf-8")
    settings = {
        **DEFAULT_CONFIG,
        "PATH": str(tmp_path),
        "ARTICLE_EXCLUDES": [],
        "PAGE_EXCLUDES": [],
        "BUILD_READ_AHEAD_MIN_FILES": 2,
    }
    # One file of the child's share fails to read.
    theirs = read_ahead.shares(read_ahead.reading_order(settings, ["md"]))[1]
    broken = type("_Broken", (_PidReader,), {"broken": theirs[0]})
    ahead = read_ahead.start(
        SimpleNamespace(settings=settings), {"md": broken}, lambda cls: "r", stored={}
    )
    assert ahead is not None
    try:
        assigned = set(ahead.assigned)
        assert len(assigned) == 3  # every other one of 6 files
        taken = {key[1].rsplit("/", 1)[-1]: ahead.take(key) for key in assigned}
    finally:
        ahead.close()
    for name, value in taken.items():
        if name == theirs[0].rsplit("/", 1)[-1]:
            assert value is None  # "read it yourself": the build reads it and reports
        else:
            html, frozen, messages = value
            assert html != f"<p>{os.getpid()}</p>" and html.startswith("<p>")
            assert frozen["title"] == name and messages == ()
    assert not ahead.process.is_alive()
    # Not the child's: the build reads it.
    assert ahead.take(("_Broken", "elsewhere", "x", "r")) is None


def test_read_ahead_is_off_below_its_minimum(tmp_path):
    from types import SimpleNamespace

    (tmp_path / "one.md").write_text("x", encoding="utf-8")
    settings = {
        **DEFAULT_CONFIG,
        "PATH": str(tmp_path),
        "ARTICLE_EXCLUDES": [],
        "PAGE_EXCLUDES": [],
    }
    assert read_ahead.start(SimpleNamespace(settings=settings), {"md": _PidReader}, str, {}) is None
