"""Build a fixture site with the project's settings in its own process, and read it back."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from pelican.plugins.bilingual import subsites

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEV_SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
PUBLISH_SITEURL = "https://example.org/blog"
# 2026-04-25 00:00 UTC (09:00 in Asia/Seoul): "today" for the fixture builds' calendars.
BUILD_EPOCH = "1777075200"


@dataclass
class Build:
    """A finished (or failed) Pelican run and the folder it wrote."""

    output: Path
    returncode: int
    stdout: str
    stderr: str

    @property
    def log(self) -> str:
        return self.stdout + self.stderr

    def html_files(self) -> list[Path]:
        return sorted(self.output.rglob("*.html"))

    def soup(self, relative: str) -> BeautifulSoup:
        path = self.output / relative
        if path.is_dir() or relative.endswith("/") or relative == "":
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def resolve(self, url: str) -> Path | None:
        """The file a root-relative URL is served from, or None if it does not exist."""
        path = url.split("#", 1)[0].split("?", 1)[0]
        if path.startswith(PUBLISH_SITEURL):
            path = path[len(PUBLISH_SITEURL) :] or "/"
        target = self.output / path.lstrip("/")
        if path.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None


def run_pelican(
    content: Path, output: Path, *extra: str, settings: Path = DEV_SETTINGS, env: dict | None = None
) -> Build:
    """Build `content` into `output` in a separate process, as `invoke build` does."""
    return run_settings(settings, output, str(content), *extra, env=env)


def run_settings(settings: Path, output: Path, *extra: str, env: dict | None = None) -> Build:
    """Build with a settings module (and its PATH unless `extra` names a folder)."""
    # A wide console, so that Pelican's log lines are not wrapped mid-message.
    env = {"SOURCE_DATE_EPOCH": BUILD_EPOCH, **(env or os.environ), "COLUMNS": "400"}
    result = subsites.run_pelican(
        settings, [*extra, "-o", str(output)], env=env, cwd=ROOT, capture=True, timeout=300
    )
    return Build(output, result.returncode, result.stdout, result.stderr)


SERIES_SETTING = (
    'SERIES={"demo-build": {"name": {"en": "Demo Build", "ko": "데모 개발기"}, '
    '"description": {"en": "A demo build log.", "ko": "데모 개발 기록."}, '
    '"aliases": ["데모 개발기"]}, '
    '"study": {"name": {"en": "Study", "ko": "공부"}, '
    '"subseries": {"ZED": {"name": {"en": "Zed notes", "ko": "제드 노트"}}}}}'
)


def link_problems(build: Build, siteurl: str = "") -> tuple[list[str], dict]:
    """(problems, {page: PageFacts}) from the publish checks' own link and hreflang rules.

    The same checker `invoke publish` runs (plugins/bilingual/publishing/sitecheck.py); linkinator
    in tests/quality is the independent cross-check.
    """
    from pelican.plugins.bilingual.publishing.sitecheck import (
        broken_refs,
        hreflang_problems,
        read_output,
    )

    files, pages = read_output(build.output)
    return broken_refs(pages, files, siteurl) + hreflang_problems(pages, siteurl), pages


def missing_tool(reason: str, flag: str):
    """Skip with a notice naming the tool, or fail when the environment demands the tool."""
    import pytest

    if os.environ.get(flag) == "1":
        pytest.fail(f"{reason} ({flag}=1)")
    pytest.skip(reason)


def assert_stopped_before_writing(build: Build, output: Path, message: str) -> None:
    """A build that refused its input: exit 1, the message, no traceback, nothing written."""
    assert build.returncode == 1
    assert message in build.stderr
    assert "Traceback" not in build.log
    assert not output.exists() or not any(output.iterdir())


def build_with_english_404(tmp_path: Path, line: str) -> tuple[Build, Path]:
    """The basic fixture built with a `404.html` of the writer's own whose second line is
    `line` on the English site only (written after the Korean site), and that file."""
    content = basic_with(tmp_path, {})
    templates = tmp_path / "templates"
    templates.mkdir()
    template = templates / "404.html"
    template.write_text(
        f'<p>Lost?</p>\n{{% if DEFAULT_LANG == "en" %}}{line}{{% endif %}}\n', encoding="utf-8"
    )
    output = tmp_path / "out"
    build = run_pelican(content, output, "-e", f'THEME_TEMPLATES_OVERRIDES=["{templates}"]')
    return build, template


def basic_with(tmp_path: Path, files: dict[str, str]) -> Path:
    """A copy of the basic fixture in `tmp_path/content` with `files` ({name: text}) added."""
    import shutil

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic", content)
    for name, text in files.items():
        (content / name).write_text(text, encoding="utf-8")
    return content


def build_with_cache(content: Path, output: Path, cache: Path, *settings: str, flags=()) -> Build:
    """Build `content` with its own `CACHE_PATH` and the `KEY=VALUE` `settings` (JSON
    values), Pelican's `flags` (such as `-v`) before them."""
    return run_pelican(content, output, *flags, "-e", f'CACHE_PATH="{cache}"', *settings)


def run_invoke(folder: Path, *args: str, **env: str):
    """`invoke ARGS` run in `folder` (its tasks.py) with `env` added; the finished process."""
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )
