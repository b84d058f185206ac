"""The oldest Pelican release pyproject.toml allows builds the demo byte for byte as the
newest does (the suite itself runs on the newest the registry has, which pip installs).

The oldest allowed release is installed from the package registry into a virtual
environment that sees this one's packages (the bundle, pelican-i18n-subsites, Markdown),
so only Pelican differs between the two builds.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version
from sitebuild import BUILD_EPOCH, DEV_SETTINGS, ROOT


def allowed_pelican() -> SpecifierSet:
    """The Pelican versions the package declares it supports."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    line = next(dep for dep in project["dependencies"] if re.match(r"pelican\s*[<>=!~]", dep))
    return SpecifierSet(line.removeprefix("pelican").strip())


def oldest_allowed(python: str) -> str:
    """The oldest release on the package registry within `allowed_pelican()`."""
    listed = subprocess.run(
        [python, "-m", "pip", "index", "versions", "pelican"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = re.search(r"Available versions: (.*)", listed.stdout)
    if listed.returncode or not found:
        pytest.fail(f"pip could not list Pelican's releases:\n{listed.stdout}{listed.stderr}")
    versions = [Version(v.strip()) for v in found.group(1).split(",")]
    return str(min(v for v in versions if v in allowed_pelican() and not v.is_prerelease))


def build(python: str, output: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "COLUMNS": "400"}
    cache = f'CACHE_PATH="{output.parent / (output.name + "-cache")}"'
    command = [python, "-m", "pelican", "content", "-s", str(DEV_SETTINGS), "-o", str(output)]
    return subprocess.run(
        [*command, "-e", cache], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def site_files(output: Path) -> dict[str, bytes]:
    """Every file but Pagefind's index shards (their names change on every run)."""
    return {
        str(path.relative_to(output)): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file() and "pagefind" not in path.relative_to(output).parts
    }


def indexed_pages(output: Path) -> dict[str, int]:
    return {
        str(entry.parent.relative_to(output)): sum(
            language["page_count"]
            for language in json.loads(entry.read_text(encoding="utf-8"))["languages"].values()
        )
        for entry in output.rglob("pagefind-entry.json")
    }


def test_the_oldest_supported_pelican_builds_the_site_the_newest_builds(tmp_path):
    import pelican

    assert Version(pelican.__version__) in allowed_pelican()
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    oldest = oldest_allowed(python)
    installed = subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", f"pelican=={oldest}"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    version = subprocess.run(
        [python, "-c", "import pelican; print(pelican.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert version == oldest != pelican.__version__
    old, new = build(python, tmp_path / "old"), build(sys.executable, tmp_path / "new")
    assert old.returncode == new.returncode == 0, old.stdout + old.stderr
    old_files, new_files = site_files(tmp_path / "old"), site_files(tmp_path / "new")
    assert sorted(old_files) == sorted(new_files)
    differing = [name for name in new_files if old_files[name] != new_files[name]]
    assert not differing, f"Pelican {oldest} writes these differently: {differing[:10]}"
    assert indexed_pages(tmp_path / "old") == indexed_pages(tmp_path / "new")
