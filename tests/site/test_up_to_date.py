"""A build with nothing to do does nothing (plugins/bilingual/engine/up_to_date.py).

The same output, the same warnings, no file rewritten; any change to what a build
reads, or to its output, makes the next build a full one."""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

from sitebuild import FIXTURES, ROOT, SERIES_SETTING, run_pelican

SKIPPED = "nothing changed since the build"
FULL = "Done in "


def every_file(output: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(output).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in output.rglob("*")
        if p.is_file()
    }


def warnings_of(log: str) -> list[str]:
    """The warnings' messages, without the time and the source line the console adds."""
    return [
        re.sub(r"\s+\S+\.py:\d+$", "", line.split("WARNING", 1)[1].strip())
        for line in log.splitlines()
        if "WARNING" in line
    ]


def setup(tmp_path, fixture="series"):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / fixture, content)
    extra = ["-e", SERIES_SETTING, f'CACHE_PATH="{tmp_path / "cache"}"']
    return content, tmp_path / "out", extra


def test_a_second_build_of_the_same_site_writes_nothing_and_repeats_the_warnings(tmp_path):
    content, output, extra = setup(tmp_path, "series-warnings")
    first = run_pelican(content, output, *extra)
    assert first.returncode == 0, first.log
    assert FULL in first.log
    assert warnings_of(first.log), "the fixture gives warnings"
    before = every_file(output)
    second = run_pelican(content, output, *extra)
    assert second.returncode == 0, second.log
    assert SKIPPED in second.log and FULL not in second.log
    # When the first build finished, on the blog's clock (TIMEZONE = "Asia/Seoul").
    assert re.search(r"finished at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d KST;", second.log)
    assert every_file(output) == before  # same files, bytes and modification times
    assert warnings_of(second.log) == warnings_of(first.log)
    # Strict mode fails on those warnings: no record, so never skipped.
    strict = run_pelican(content, output, *extra, "BILINGUAL_STRICT=true")
    assert strict.returncode != 0 and SKIPPED not in strict.log
    assert run_pelican(content, output, *extra, "BILINGUAL_STRICT=true").returncode != 0


def test_any_change_to_the_inputs_or_the_output_means_a_full_build(tmp_path):
    content, output, extra = setup(tmp_path)
    assert run_pelican(content, output, *extra).returncode == 0
    post = content / "build-2.en.md"
    page = output / "posts" / "build-2" / "index.html"

    post.write_text(post.read_text(encoding="utf-8") + "\nA later sentence.\n", "utf-8")
    edited = run_pelican(content, output, *extra)
    assert FULL in edited.log and "A later sentence." in page.read_text(encoding="utf-8")

    page.unlink()  # the output lost a file
    restored = run_pelican(content, output, *extra)
    assert FULL in restored.log and page.is_file()

    (output / "stray.txt").write_text("left by hand", encoding="utf-8")
    assert FULL in run_pelican(content, output, *extra).log

    changed = run_pelican(content, output, *extra, 'SITENAME="Another name"')
    assert FULL in changed.log and "Another name" in page.read_text(encoding="utf-8")
    assert SKIPPED in run_pelican(content, output, *extra, 'SITENAME="Another name"').log

    (content / "images").mkdir()
    (content / "images" / "new.png").write_bytes(b"\x89PNG\r\n")  # a static file added
    assert FULL in run_pelican(content, output, *extra).log
    assert SKIPPED in run_pelican(content, output, *extra).log
    # Another output folder is another build.
    assert FULL in run_pelican(content, tmp_path / "elsewhere", *extra).log


def test_a_failed_build_leaves_no_record_and_build_record_off_always_builds(tmp_path):
    content, output, extra = setup(tmp_path)
    assert run_pelican(content, output, *extra).returncode == 0
    record = tmp_path / "cache" / "bilingual-build-record.json"
    assert record.is_file()
    post = content / "build-2.en.md"
    good = post.read_text(encoding="utf-8")
    post.write_text("Title: Broken\nSeries: demo-build\nSeries_index: 1\n\nx\n", "utf-8")
    failed = run_pelican(content, output, *extra)
    assert failed.returncode != 0
    assert not record.exists()
    post.write_text(good, encoding="utf-8")
    assert FULL in run_pelican(content, output, *extra).log
    off = [*extra, "BUILD_RECORD=false"]
    assert FULL in run_pelican(content, output, *off).log
    assert FULL in run_pelican(content, output, *off).log


def test_the_record_expires_with_the_day_and_with_a_future_post(tmp_path):
    content, output, extra = setup(tmp_path)
    (content / "later.en.md").write_text(
        "Title: Later\nDate: 2030-01-02 09:30\n\nNot yet.\n", encoding="utf-8"
    )
    record = tmp_path / "cache" / "bilingual-build-record.json"
    assert run_pelican(content, output, *extra).returncode == 0
    assert json.loads(record.read_text())["valid_until"] is None  # the day is fixed, see below
    assert run_pelican(content, output, *extra, "WITH_FUTURE_DATES=false").returncode == 0
    kept = json.loads(record.read_text())
    # 2030-01-02 09:30 in Asia/Seoul; the build's day is fixed by SOURCE_DATE_EPOCH.
    assert kept["valid_until"] == 1893544200
    # Without SOURCE_DATE_EPOCH the archive calendar marks today: valid until midnight.
    env = {**os.environ, "SOURCE_DATE_EPOCH": ""}
    today = run_pelican(content, output, *extra, env=env)
    assert today.returncode == 0, today.log
    until = json.loads(record.read_text())["valid_until"]
    now = datetime.datetime.now(ZoneInfo("Asia/Seoul"))
    midnight = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time(), now.tzinfo
    )
    assert until == midnight.timestamp()


def test_a_site_whose_posts_include_other_files_is_always_built(tmp_path):
    content, output, extra = setup(tmp_path, "rst-site")
    snippet = tmp_path / "outside.txt"  # outside the content folder
    snippet.write_text("First version of the included text.\n", encoding="utf-8")
    (content / "with-include.en.rst").write_text(
        f"With an include\n###############\n\n:date: 2026-03-01 10:00\n\n.. include:: {snippet}\n",
        encoding="utf-8",
    )
    assert run_pelican(content, output, *extra).returncode == 0
    snippet.write_text("Second version of the included text.\n", encoding="utf-8")
    again = run_pelican(content, output, *extra)
    assert FULL in again.log, again.log
    page = next(p for p in output.rglob("index.html") if "with-include" in str(p))
    assert "Second version" in page.read_text(encoding="utf-8")


def test_invoke_check_leaves_the_build_record_alone(tmp_path):
    content, output, extra = setup(tmp_path)
    assert run_pelican(content, output, *extra).returncode == 0
    check = run_pelican(content, tmp_path / "unused", *extra, "BILINGUAL_CHECK_ONLY=true")
    assert check.returncode == 0, check.log
    assert SKIPPED in run_pelican(content, output, *extra).log


def test_a_change_to_the_writers_own_ui_catalogs_means_a_full_build(tmp_path):
    # BILINGUAL_LOCALEDIR is read by the localization feature, outside content/ and the
    # theme: it declares the folder (core.dependencies.INPUT_FOLDERS) for the record.
    content, output, extra = setup(tmp_path)
    catalog = tmp_path / "locale" / "ko" / "LC_MESSAGES" / "messages.po"
    catalog.parent.mkdir(parents=True)
    theme_ko = ROOT / "theme" / "translations" / "ko" / "LC_MESSAGES" / "messages.po"
    catalog.write_text(theme_ko.read_text(encoding="utf-8"), encoding="utf-8")
    extra = [*extra, f'BILINGUAL_LOCALEDIR="{tmp_path / "locale"}"']
    assert FULL in run_pelican(content, output, *extra).log
    assert SKIPPED in run_pelican(content, output, *extra).log
    text = catalog.read_text(encoding="utf-8").replace('msgstr "검색"', 'msgstr "찾기"', 1)
    assert text != catalog.read_text(encoding="utf-8")
    catalog.write_text(text, encoding="utf-8")
    again = run_pelican(content, output, *extra)
    assert FULL in again.log, again.log
    assert "찾기" in (output / "ko" / "index.html").read_text(encoding="utf-8")
