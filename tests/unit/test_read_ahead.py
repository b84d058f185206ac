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
