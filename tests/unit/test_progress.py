"""The console at the end of a build: one closing line, Pelican's per-language lines left out."""

from __future__ import annotations

import io
import logging
import re

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


def replaced_handler(monkeypatch, screen):
    default = RichHandler(console=screen)
    default.setFormatter(logging.Formatter("%(message)s", datefmt="[%H:%M:%S]"))
    marker = logging.Filter("kept")
    default.addFilter(marker)
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [default])
    monkeypatch.setattr(progress.compat, "pelican_log_handler", lambda: default)
    progress.without_source_column()
    (replaced,) = root.handlers
    assert replaced is not default and marker in replaced.filters
    record = {"msg": "content/a.md:3: bad", "levelno": 30, "levelname": "WARNING", "name": "kept"}
    replaced.handle(logging.makeLogRecord(record))
    return replaced


def test_on_a_terminal_log_lines_lose_the_source_column(monkeypatch):
    out = io.StringIO()
    screen = Console(file=out, width=80, force_terminal=True, no_color=True, highlight=False)
    replaced = replaced_handler(monkeypatch, screen)
    assert isinstance(replaced, RichHandler) and replaced.console is screen
    text = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())
    assert "WARNING  content/a.md:3: bad" in text
    assert ".py:" not in out.getvalue()


def test_in_a_log_file_each_record_is_one_plain_unpadded_line(monkeypatch):
    screen, out = console()
    replaced_handler(monkeypatch, screen)
    assert out.getvalue() == "WARNING  content/a.md:3: bad\n"
