"""parallel_pages.Split: the fork's messages reach the build in order, and a failed or
killed child says so (the build then renders the child's files itself)."""

from __future__ import annotations

import logging
import os

from pelican.plugins.bilingual.engine import parallel_pages


def test_the_childs_messages_are_logged_by_the_build_after_join(caplog):
    split = parallel_pages.Split.start()
    if split.child:  # the fork: log two messages and leave
        logging.getLogger("pelican.example").warning("rendered %s in the child", "post-2")
        logging.getLogger("pelican.example").error("second message")
        split.finish_child()
    assert split.turn() is False and split.turn() is True  # every second file is the child's
    with caplog.at_level(logging.INFO):
        assert split.join() is True
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("pelican.example", logging.WARNING, "rendered post-2 in the child"),
        ("pelican.example", logging.ERROR, "second message"),
    ]


def test_a_child_that_failed_is_reported_and_its_messages_dropped(caplog):
    split = parallel_pages.Split.start()
    if split.child:
        logging.getLogger("pelican.example").warning("half done")
        split.child_failed(ValueError("template error"))
    with caplog.at_level(logging.INFO):
        assert split.join() is False
    assert not caplog.records


def test_a_child_killed_without_a_word_counts_as_failed():
    split = parallel_pages.Split.start()
    if split.child:
        os._exit(3)
    assert split.join() is False
