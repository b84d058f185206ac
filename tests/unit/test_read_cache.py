"""The reader cache's pure parts: keys, fingerprints, metadata kept as plain data."""

from __future__ import annotations

import os
import subprocess
import sys

from markdown.extensions.toc import slugify_unicode
from pelican.plugins.bilingual.engine import read_cache
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author, Category, Tag
from pelican.utils import SafeDatetime

SETTINGS = dict(DEFAULT_CONFIG)


def test_metadata_round_trips_with_the_current_settings():
    metadata = {
        "title": "A & B",
        "date": SafeDatetime(2026, 3, 1, 10, 0),
        "tags": [Tag("칼만 필터", SETTINGS), Tag("pid", SETTINGS)],
        "category": Category("Notes", SETTINGS),
        "authors": [Author("Hana Seo", SETTINGS)],
        "series_index": "02",
    }
    frozen = read_cache.freeze_metadata(metadata)
    assert frozen["tags"] == [
        ("__urlwrapper__", "Tag", "칼만 필터"),
        ("__urlwrapper__", "Tag", "pid"),
    ]
    thawed = read_cache.thaw_metadata(frozen, SETTINGS)
    assert thawed == metadata
    assert [t.slug for t in thawed["tags"]] == [t.slug for t in metadata["tags"]]
    assert type(thawed["date"]) is SafeDatetime


def test_metadata_with_other_objects_is_not_kept():
    assert read_cache.freeze_metadata({"title": "x", "odd": object()}) is None
    assert read_cache.freeze_metadata({"list": [object()]}) is None


def test_the_fingerprint_follows_reading_settings_only():
    versions = (("markdown", "3.11.3"),)
    base = {"MARKDOWN": {"extension_configs": {"toc": {"slugify": slugify_unicode}}}}
    same = read_cache.fingerprint(base, versions, [])
    assert read_cache.fingerprint({**base, "THEME": "other", "SITEURL": "x"}, versions, []) == same
    changed = {"MARKDOWN": {"extension_configs": {"toc": {}}}}
    assert read_cache.fingerprint(changed, versions, []) != same
    assert read_cache.fingerprint(base, (("markdown", "3.12"),), []) != same


def test_the_fingerprint_changes_with_a_plugins_source(tmp_path):
    source = tmp_path / "plugin.py"
    source.write_text("A = 1\n")
    before = read_cache.fingerprint({}, (), [source])
    source.write_text("A = 2\n")
    assert read_cache.fingerprint({}, (), [source]) != before


def test_the_fingerprint_is_the_same_in_another_process():
    code = (
        "from pelican.plugins.bilingual.engine import read_cache\n"
        "from markdown.extensions.toc import slugify_unicode\n"
        "print(read_cache.stable_repr({'b': [slugify_unicode, {1, 2}], 'a': object}))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": "random"},
        ).stdout
        for _ in range(2)
    }
    assert len(runs) == 1
    assert "0x" not in runs.pop()


def test_a_cache_from_another_fingerprint_or_a_broken_file_is_empty(tmp_path):
    path = tmp_path / read_cache.FILE_NAME
    cache = read_cache.ReadCache(path, "one", used={("R", "/a.md", "abc", "r"): ("<p>x</p>", {})})
    assert read_cache.save(cache)
    assert read_cache.load(path, "one") == cache.used
    assert read_cache.load(path, "two") == {}
    path.write_bytes(b"not a pickle")
    assert read_cache.load(path, "one") == {}
    assert read_cache.load(tmp_path / "missing", "one") == {}


def test_nothing_is_written_when_nothing_changed(tmp_path):
    entries = {("R", "/a.md", "abc"): ("<p>x</p>", {})}
    path = tmp_path / read_cache.FILE_NAME
    cache = read_cache.ReadCache(path, "one", stored=dict(entries), used=dict(entries))
    assert not read_cache.save(cache)
    assert not path.exists()


def test_file_keys_follow_the_bytes_and_the_sites_reading_settings():
    key = read_cache.file_key
    assert key("R", "/a.md", b"x", "en") == key("R", "/a.md", b"x", "en")
    assert key("R", "/a.md", b"x", "en") != key("R", "/a.md", b"y", "en")
    assert key("R", "/a.md", b"x", "en") != key("R", "/a.md", b"x", "ko")
    main = read_cache.site_reading({"MARKDOWN": {"output_format": "html5"}})
    assert main == read_cache.site_reading({"MARKDOWN": {"output_format": "html5"}, "X": 1})
    assert main != read_cache.site_reading({"MARKDOWN": {}})


def test_a_source_that_pulls_in_other_files_is_not_kept():
    assert read_cache.includes_other_files(b"Intro\n\n.. include:: snippet.rst\n")
    assert read_cache.includes_other_files(b".. csv-table:: Data\n   :file: data.csv\n")
    assert read_cache.includes_other_files(b'--8<-- "snippet.md"\n')
    assert not read_cache.includes_other_files(b"Title: Plain\n\nText.\n")


def test_any_damaged_cache_file_is_an_empty_cache(tmp_path):
    path = tmp_path / read_cache.FILE_NAME
    good = read_cache.ReadCache(path, "one", used={("R", "/a.md", "abc", "r"): ("<p>x</p>", {})})
    assert read_cache.save(good)
    data = path.read_bytes()
    damaged = [b"", b"garbage here", bytes(range(200)), data[:-7], data[:20] + b"\xff" * 8]
    for junk in damaged:
        path.write_bytes(junk)
        assert read_cache.load(path, "one") == {}, junk[:20]


def test_a_cache_that_cannot_be_written_is_a_warning_not_a_failure(tmp_path, caplog):
    (tmp_path / "cache").write_text("a file where the folder should be")
    cache = read_cache.ReadCache(
        tmp_path / "cache" / read_cache.FILE_NAME, "one", used={("k",): ("", {})}
    )
    assert not read_cache.save(cache)
    assert "not kept" in caplog.text


def test_markdown_as_pelicans_reader_completes_it_reads_the_same():
    """Pelican's Markdown reader adds `extensions` to MARKDOWN when it starts: a site's
    first reader and its later ones must share what they read (each file parsed once)."""
    from pelican.readers import MarkdownReader

    markdown = {"extension_configs": {"markdown.extensions.toc": {}}, "output_format": "html5"}
    settings = {**SETTINGS, "MARKDOWN": markdown}
    before = read_cache.site_reading(settings)
    MarkdownReader(settings)
    assert "extensions" in settings["MARKDOWN"]
    assert read_cache.site_reading(settings) == before


def test_a_result_is_made_once_per_build_until_every_site_has_read():
    from pelican.plugins.bilingual.core.build_state import STATE_KEY, BuildState
    from pelican.plugins.bilingual.engine.read_cache import ReadCache
    from pelican.plugins.bilingual.subsites import READ_CACHE_KEY, shared_result

    made = []

    def make():
        made.append(1)
        return ("sections", len(made))

    cache = ReadCache()
    main = {STATE_KEY: BuildState({READ_CACHE_KEY: cache})}
    subsite = dict(main)  # a language site's settings: a shallow copy shares the state
    assert shared_result(main, "contents", "<h2>A</h2>", make) == ("sections", 1)
    assert shared_result(subsite, "contents", "<h2>A</h2>", make) == ("sections", 1)
    assert shared_result(subsite, "contents", "<h2>B</h2>", make) == ("sections", 2)
    assert shared_result(subsite, "figures", "<h2>A</h2>", make) == ("sections", 3)
    cache.released = True  # every site has read: later posts (serve's rewrites) are new work
    assert shared_result(main, "contents", "<h2>A</h2>", make) == ("sections", 4)
    assert shared_result({}, "contents", "<h2>A</h2>", make) == ("sections", 5)
