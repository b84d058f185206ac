"""Parsing on a second core (plugins/bilingual/engine/read_ahead.py): a cold build that lets a
fork read half of its files writes the same site and the same messages as one that
reads them all itself."""

from __future__ import annotations

import pickle
import re
import shutil

from sitebuild import ROOT, build_with_cache
from test_warm_builds import assert_same_site


def messages(log: str) -> list[str]:
    """Warnings and errors of a build's log, without times and source lines, sorted
    (Pelican reads files in a set's order, which changes from one process to the next)."""
    return sorted(
        re.sub(r"\s+\S+\.py:\d+$", "", re.split(r"WARNING|ERROR", line, maxsplit=1)[1].strip())
        for line in log.splitlines()
        if "WARNING" in line or "ERROR" in line
    )


def build(content, output, cache, ahead: bool):
    switch = f"BUILD_READ_AHEAD={'true' if ahead else 'false'}"
    return build_with_cache(content, output, cache, switch, "BUILD_READ_AHEAD_MIN_FILES=1")


def test_a_cold_build_read_ahead_writes_what_a_build_reading_alone_writes(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    # A file whose reading warns (a field given twice): the warning comes once, from
    # the build, as without reading ahead.
    twice = content / "field-notes" / "twice.en.md"
    twice.write_text(
        "Title: A repeated field\nDate: 2026-02-02\nSlug: twice\nSlug: again\nLang: en\n\n"
        "Body text of a post with a repeated field.\n",
        encoding="utf-8",
    )
    # reStructuredText is read per language (docutils' own words), Markdown once.
    rst = content / "field-notes" / "rested.en.rst"
    rst.write_text(
        "A rested post\n#############\n\n:date: 2026-02-03\n:slug: rested\n:lang: en\n\n"
        ".. note::\n\n   A note.\n",
        encoding="utf-8",
    )
    ahead = build(content, tmp_path / "ahead", tmp_path / "cache-a", ahead=True)
    alone = build(content, tmp_path / "alone", tmp_path / "cache-b", ahead=False)
    assert ahead.returncode == alone.returncode == 0, ahead.log
    assert messages(ahead.log) == messages(alone.log)
    assert sum("Duplicate definition" in m for m in messages(ahead.log)) == 1
    assert_same_site(tmp_path / "alone", tmp_path / "ahead")
    # Both kept the same reader outputs for the next build.
    kept = [
        pickle.loads((tmp_path / folder / "bilingual-read-cache.pickle").read_bytes())
        for folder in ("cache-a", "cache-b")
    ]
    assert kept[0]["entries"] == kept[1]["entries"]


def test_a_file_the_fork_cannot_read_stops_the_build_as_before(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "field-notes" / "bad-date.en.md").write_text(
        "Title: Bad date\nDate: the day after tomorrow\nSlug: bad-date\nLang: en\n\nText.\n",
        encoding="utf-8",
    )
    ahead = build(content, tmp_path / "ahead", tmp_path / "cache-a", ahead=True)
    alone = build(content, tmp_path / "alone", tmp_path / "cache-b", ahead=False)
    assert ahead.returncode == alone.returncode
    assert messages(ahead.log) == messages(alone.log)
    assert "bad-date.en.md" in ahead.log
    assert "Traceback" not in ahead.log
