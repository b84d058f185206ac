"""The build record (plugins/bilingual/engine/build_record.py, engine/build_inputs.py): what counts
as a build's inputs, its output, and when a record stops being current."""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pelican.plugins.bilingual.engine import build_inputs, read_cache
from pelican.plugins.bilingual.engine import build_record as record

SEOUL = ZoneInfo("Asia/Seoul")


def write(path: Path, text: str, mtime_ns: int | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if mtime_ns is not None:
        os.utime(path, ns=(mtime_ns, mtime_ns))
    return path


def digest(settings=None, folders=(), env=None, dists=("a-1.0.dist-info",)):
    return build_inputs.inputs_digest(settings or {"PATH": "content"}, folders, dists, env or {})


def test_tree_listing_skips_ignored_names_and_skipped_folders(tmp_path):
    write(tmp_path / "a.md", "one", 10**18)
    write(tmp_path / ".#a.md", "lock")
    write(tmp_path / "sub" / "b.md", "two!", 2 * 10**18)
    write(tmp_path / "out" / "index.html", "x")
    write(tmp_path / "__pycache__" / "x.pyc", "x")
    listing = build_inputs.tree_listing(tmp_path, [".#*", "__pycache__"], [tmp_path / "out"])
    assert listing == [("a.md", 3, 10**18), ("sub/b.md", 4, 2 * 10**18)]
    assert build_inputs.tree_listing(tmp_path / "missing") == []


def test_output_listing_leaves_out_retained_folders(tmp_path):
    write(tmp_path / "index.html", "<p>", 5)
    write(tmp_path / ".git" / "HEAD", "ref")
    assert record.output_listing(tmp_path, [".git"]) == {"index.html": [3, 5]}


@pytest.mark.parametrize(
    "change",
    [
        lambda s, f, e: ({**s, "SITENAME": "Other"}, f, e),
        lambda s, f, e: ({**s, "MARKDOWN": {"extensions": ["toc"]}}, f, e),
        lambda s, f, e: (s, [("content", [("a.md", 3, 11)])], e),  # touched
        lambda s, f, e: (s, [("content", [("a.md", 4, 10)])], e),  # edited
        lambda s, f, e: (s, [("content", [("a.md", 3, 10), ("b.md", 1, 1)])], e),  # added
        lambda s, f, e: (s, [("content", [])], e),  # removed
        lambda s, f, e: (s, [("theme", [("a.md", 3, 10)])], e),  # same file, other folder
        lambda s, f, e: (s, f, {"SOURCE_DATE_EPOCH": "1"}),
    ],
)
def test_every_input_changes_the_digest(change):
    settings = {"PATH": "content", "SITENAME": "Site", "MARKDOWN": {}}
    folders = [("content", [("a.md", 3, 10)])]
    before = digest(settings, folders)
    assert digest(settings, folders) == before  # the same inputs, the same digest
    changed = change(settings, folders, {})
    assert digest(*changed) != before


def test_working_state_and_unrelated_environment_do_not_change_the_digest():
    settings = {"PATH": "content"}
    before = digest(settings, env={"HOME": "/a"})
    # The build state (a lower-case key) holds timers and caches, never configuration.
    from pelican.plugins.bilingual.core.build_state import STATE_KEY, BuildState

    state = BuildState({"progress.done": {"start": 1.5}})
    assert digest({**settings, STATE_KEY: state}, env={"HOME": "/b"}) == before
    assert digest(settings, dists=("a-1.1.dist-info",)) != before
    # Caching switches change how a build works, not what it writes.
    assert digest(
        {**settings, "BUILD_READ_CACHE": False, "BUILD_SKIP_UNCHANGED_PAGES": False}
    ) == digest(settings)


def test_a_function_setting_counts_by_its_code():
    def slug(text):
        return text.lower()

    def other(text):
        return text.upper()

    first = read_cache.stable_repr({"F": slug})
    assert first == read_cache.stable_repr({"F": slug})
    assert " at 0x" not in first
    assert read_cache.stable_repr({"F": other}) != first.replace("slug", "other")
    assert read_cache.stable_repr({1, 3, 2}) == read_cache.stable_repr({3, 2, 1})


def test_valid_until_is_the_next_midnight_or_the_first_future_post():
    started = datetime.datetime(2026, 11, 30, 21, 0, tzinfo=datetime.UTC)  # 06:00 KST
    midnight = datetime.datetime(2026, 12, 2, 0, 0, tzinfo=SEOUL).timestamp()
    assert record.valid_until(started, [], SEOUL, calendar_follows_clock=True) == midnight
    assert record.valid_until(started, [], SEOUL, calendar_follows_clock=False) is None
    soon = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=SEOUL)
    past = datetime.datetime(2020, 1, 1, tzinfo=SEOUL)
    assert record.valid_until(started, [past, soon], SEOUL, True) == soon.timestamp()
    naive = datetime.datetime(2026, 12, 1, 7, 0)  # local to the site
    assert (
        record.valid_until(started, [naive], SEOUL, False)
        == naive.replace(tzinfo=SEOUL).timestamp()
    )
    assert record.valid_until(started, [datetime.date(2026, 12, 5)], SEOUL, False) == (
        datetime.datetime(2026, 12, 5, tzinfo=SEOUL).timestamp()
    )


def test_a_record_is_current_only_for_the_same_inputs_output_and_time():
    kept = record.Record("abc", {"index.html": [3, 5]}, valid_until=100.0)
    assert record.is_current(kept, "abc", {"index.html": [3, 5]}, 99.0)
    assert not record.is_current(kept, "abd", {"index.html": [3, 5]}, 99.0)
    assert not record.is_current(kept, "abc", {"index.html": [3, 6]}, 99.0)
    assert not record.is_current(kept, "abc", {"index.html": [3, 5], "a": [1, 1]}, 99.0)
    assert not record.is_current(kept, "abc", {"index.html": [3, 5]}, 100.0)
    assert not record.is_current(None, "abc", {}, 0.0)


def test_a_record_survives_saving_and_a_damaged_one_is_ignored(tmp_path):
    path = tmp_path / "cache" / record.FILE_NAME
    kept = record.Record(
        "abc", {"글/index.html": [3, 5]}, 7.5, (("pelican", 30, "warn: 한글"),), "2026-11-30"
    )
    record.save(path, kept)
    assert record.load(path) == kept
    assert [p.name for p in path.parent.iterdir()] == [record.FILE_NAME]
    path.write_text('{"format": 1, "inputs": ', encoding="utf-8")
    assert record.load(path) is None
    path.write_text('{"format": 0, "inputs": "abc", "output": {}}', encoding="utf-8")
    assert record.load(path) is None
    record.forget(path)
    record.forget(path)  # already gone: nothing to do
    assert record.load(path) is None
