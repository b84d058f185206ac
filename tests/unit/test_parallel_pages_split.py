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


def test_what_the_child_worked_out_reaches_the_build():
    """The child's results (`core.dependencies.CHILD_RESULTS`) arrive with `join`; a value
    that does not pickle is not sent, and the child still finishes well."""
    made = {"summaries": {(1, ""): "<p>First words…</p>"}}
    split = parallel_pages.Split.start()
    if split.child:
        split.send_results({"unpicklable": lambda: None})
        split.send_results(made)
        split.finish_child()
    assert split.join() is True
    assert split.results == made


def test_summaries_made_in_the_child_are_kept_by_the_build():
    """The localization feature's receivers: the child's summaries fill the build's memo
    for the same site (a summary the build made itself stays as it is)."""
    from pelican.plugins.bilingual.core.build_state import build_state
    from pelican.plugins.bilingual.localization import localization

    settings = {"DEFAULT_LANG": "ko"}
    memo = {(7, ""): "the build's own"}
    build_state(settings)[localization.SUMMARIES_KEY] = {"ko": memo}
    name, sent = localization.summaries_made(settings)
    assert sent == memo and sent is not memo
    localization.take_summaries(settings, {name: {(7, ""): "other", (8, ""): "<p>요약</p>"}})
    assert memo == {(7, ""): "the build's own", (8, ""): "<p>요약</p>"}
    localization.take_summaries({"DEFAULT_LANG": "en"}, {name: {(9, ""): "x"}})  # no memo
    assert (9, "") not in memo
