"""The console at the end of a build: one closing line, Pelican's per-language lines left out."""

from __future__ import annotations

import io
import logging

from pelican.plugins.bilingual.progress import progress
from rich.console import Console
from rich.logging import RichHandler


def test_the_closing_line_labels_every_language_and_leaves_out_zeros():
    counts = {
        "en": {"articles": 13, "pages": 1, "drafts": 1, "hidden_articles": 0},
        "ko": {"articles": 1, "pages": 0, "drafts": 0},
    }
    line = progress.done_line(counts, ["en", "ko", "ja"], 1.234)
    assert line == "Done in 1.23 s: en 13 posts, 1 page, 1 draft; ko 1 post; ja nothing."


def console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=100, force_terminal=False), out


def test_the_hook_drops_the_next_text_print_only_and_lets_log_records_through():
    screen, out = console()
    logger = logging.getLogger("test-progress-hook")
    logger.propagate = False
    logger.addHandler(RichHandler(console=screen, show_path=False))
    try:
        screen.push_render_hook(progress.DropNextText(screen))
        logger.warning("a warning logged in between")
        screen.print("Done: Processed 2 articles")
        screen.print("printed after")
    finally:
        logger.handlers.clear()
    text = out.getvalue()
    assert "a warning logged in between" in text
    assert "Done: Processed" not in text
    assert "printed after" in text
    assert screen._render_hooks == []


def test_log_lines_lose_the_source_column_and_keep_level_and_filters(monkeypatch):
    screen, out = console()
    default = RichHandler(console=screen)
    default.setFormatter(logging.Formatter("%(message)s", datefmt="[%H:%M:%S]"))
    marker = logging.Filter("kept")
    default.addFilter(marker)
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [default])
    monkeypatch.setattr(progress.compat, "pelican_log_handler", lambda: default)
    progress.without_source_column()
    (replaced,) = root.handlers
    assert replaced is not default and replaced.console is screen
    assert marker in replaced.filters and replaced.formatter is default.formatter
    replaced.handle(
        logging.makeLogRecord(
            {"msg": "content/a.md:3: bad", "levelno": 30, "levelname": "WARNING", "name": "kept"}
        )
    )
    assert "content/a.md:3: bad" in out.getvalue()
    assert "test_progress.py" not in out.getvalue() and ".py:" not in out.getvalue()
