"""The writer's commands: pass-through arguments and a `clean` that touches only its folders."""

import json
import os
import subprocess
import sys

from bs4 import BeautifulSoup
from invoke import Context
from sitebuild import FIXTURES, ROOT

import tasks


def test_build_passes_arguments_through_to_pelican(tmp_path):
    output = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "build", "--", str(FIXTURES / "basic"), "-o", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "400"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (output / "posts/first-light/index.html").is_file()
    assert (output / "ko/posts/first-light/index.html").is_file()
    assert "complete pairs: 2" in result.stdout


def test_clean_removes_only_output_and_cache(tmp_path, monkeypatch):
    output, cache, content = tmp_path / "output", tmp_path / "cache", tmp_path / "content"
    for folder in (output, cache, content):
        (folder / "sub").mkdir(parents=True)
        (folder / "sub" / "file.txt").write_text("x", encoding="utf-8")
    monkeypatch.setattr(tasks, "ROOT", tmp_path)
    monkeypatch.setattr(tasks, "OUTPUT", output)
    monkeypatch.setattr(tasks, "CACHE", cache)
    tasks.clean(Context())
    assert not output.exists() and not cache.exists()
    assert (content / "sub" / "file.txt").read_text(encoding="utf-8") == "x"


def invoke(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "400"},
    )


def test_pass_through_keeps_quotes_braces_and_spaces(tmp_path):
    # The README's own example, plus a value with quotes, braces and spaces.
    output = tmp_path / "site"
    subtitle = 'Notes "quoted" {braced} & spaced'
    result = invoke(
        "build",
        "--",
        str(FIXTURES / "trilingual"),
        "-o",
        str(output),
        "-e",
        'DEFAULT_LANG="ko"',
        'I18N_SUBSITES={"ja": {}, "en": {}}',
        f"SITESUBTITLE={json.dumps(subtitle)}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    home = BeautifulSoup((output / "index.html").read_text("utf-8"), "html.parser")
    assert home.html["lang"] == "ko"
    assert home.select_one('meta[name="description"]')["content"] == subtitle
    assert (output / "ja/index.html").is_file() and (output / "en/index.html").is_file()


def test_check_keeps_the_writers_extra_settings(tmp_path):
    # series-warnings passes a lenient check; the writer's own -e makes it strict.
    lenient = invoke("check", "--", str(FIXTURES / "series-warnings"), "-o", str(tmp_path / "a"))
    assert lenient.returncode == 0, lenient.stdout + lenient.stderr
    strict = invoke(
        "check",
        "--",
        str(FIXTURES / "series-warnings"),
        "-o",
        str(tmp_path / "b"),
        "-e",
        "BILINGUAL_STRICT=true",
    )
    assert strict.returncode == 1
    assert "check failed (strict: warnings count)" in strict.stdout
    assert not (tmp_path / "b").exists()
