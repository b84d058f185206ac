"""The bundle as a blog outside this repository gets it: a wheel, a fresh venv, one line.

The wheel is built from this repository (`pip wheel .`) and installed in a new virtual
environment together with pelican-plugins' pelican-search, pelican-series and
pelican-sitemap (from the package index, as a writer's environment would have them).
A blog with the README's ten-line `pelicanconf.py` is then built with the plain `pelican`
command.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitebuild import ROOT


def readme_settings() -> str:
    """The whole settings file the README gives ("Add it to an existing Pelican blog")."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme.split("A whole settings file for a", 1)[1]
    return after.split("```python\n", 1)[1].split("```", 1)[0]


# The README's file, and the writer's series names.
SETTINGS = readme_settings() + (
    'SERIES = {"harbour": {"name": {"en": "Harbour Log", "ko": "항구 일지"}}}\n'
)

POSTS = {
    "harbour/first-tide.en.md": (
        "Title: The first tide\nDate: 2026-05-02 08:00\nSeries: Harbour Log\n"
        "Series_index: 1\nTags: tides\n\nLow water at six, and the boats sit in the mud.\n"
    ),
    "harbour/first-tide.ko.md": (
        "Title: 첫 물때\nDate: 2026-05-02 09:00\nSeries: 항구 일지\n"
        "Series_index: 1\nTags: 물때\n\n여섯 시 간조, 배들이 갯벌 위에 앉아 있다.\n"
    ),
    "notes-only-english.en.md": "Title: Only in English\nDate: 2026-05-03\n\nNo translation.\n",
}


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, **kwargs)
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv holding the wheel and pelican-plugins' search, series and sitemap."""
    root = tmp_path_factory.mktemp("installed")
    wheels = root / "wheels"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)])
    (wheel,) = wheels.glob("pelican_bilingual-*.whl")
    venv = root / "venv"
    run([sys.executable, "-m", "venv", str(venv)])
    python = venv / "bin" / "python"
    run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            str(wheel),
            "pelican-search",
            "pelican-series",
            "pelican-sitemap",
        ]
    )
    return venv


def test_the_wheel_holds_the_namespace_package_and_the_theme(tmp_path):
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)])
    (wheel,) = tmp_path.glob("pelican_bilingual-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    code = [n for n in names if not n.startswith("pelican_bilingual-")]
    assert code and all(n.startswith("pelican/plugins/bilingual/") for n in code)
    # A namespace package: nothing of its own in pelican/ or pelican/plugins/.
    assert "pelican/__init__.py" not in names and "pelican/plugins/__init__.py" not in names
    for source in [*(ROOT / "plugins" / "bilingual").rglob("*.py"), *(ROOT / "theme").rglob("*")]:
        if source.is_file() and "__pycache__" not in source.parts and source.suffix != ".mo":
            relative = (
                source.relative_to(ROOT / "plugins")
                if source.is_relative_to(ROOT / "plugins")
                else Path("bilingual") / source.relative_to(ROOT)
            )
            assert f"pelican/plugins/{relative.as_posix()}" in names, relative


def test_a_blog_outside_the_repository_builds_with_one_plugins_line(installed, tmp_path):
    blog = tmp_path / "blog"
    (blog / "content").mkdir(parents=True)
    (blog / "pelicanconf.py").write_text(SETTINGS, encoding="utf-8")
    for name, text in POSTS.items():
        path = blog / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = run(
        [str(installed / "bin" / "pelican"), "-s", "pelicanconf.py"],
        cwd=blog,
        env={**env, "SOURCE_DATE_EPOCH": "1777075200", "COLUMNS": "300"},
    )
    log = result.stdout + result.stderr
    assert "Traceback" not in log and "ERROR" not in log, log
    assert "WARNING" not in log, log
    output = blog / "output"

    def soup(relative: str) -> BeautifulSoup:
        return BeautifulSoup((output / relative).read_text(encoding="utf-8"), "html.parser")

    english, korean = soup("first-tide.html"), soup("ko/first-tide.html")
    assert english.html["lang"] == "en" and korean.html["lang"] == "ko"
    # Each version links to the other, and the pages are the package's theme.
    hreflang = {a["hreflang"]: a["href"] for a in english.select("link[rel=alternate][hreflang]")}
    assert hreflang["ko"].endswith("/ko/first-tide.html")
    back = {a["hreflang"]: a["href"] for a in korean.select("link[rel=alternate][hreflang]")}
    assert back["en"].endswith("/first-tide.html") and "/ko/" not in back["en"]
    assert "항구 일지" in korean.get_text() and "Harbour Log" in english.get_text()
    stylesheet = english.select_one("link[rel=stylesheet]")["href"]
    assert (output / stylesheet.lstrip("/")).is_file()
    # The Korean site's own UI text, the archive and the search index of both languages.
    assert soup("ko/index.html").html["lang"] == "ko"
    assert (output / "archives.html").is_file() and (output / "ko" / "archives.html").is_file()
    assert (output / "pagefind" / "pagefind.js").is_file()
    assert (output / "ko" / "pagefind" / "pagefind.js").is_file()
    # A post in one language only is published once, on its own site.
    assert (output / "notes-only-english.html").is_file()
    assert not (output / "ko" / "notes-only-english.html").exists()
