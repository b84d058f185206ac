"""The writer's commands: pass-through arguments and a `clean` that touches only its folders."""

import os
import subprocess
import sys

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
