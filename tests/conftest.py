"""Session fixtures: each fixture site is built once and shared by the tests."""

from __future__ import annotations

import os

import pytest
from sitebuild import (
    FIXTURES,
    PUBLISH_SETTINGS,
    PUBLISH_SITEURL,
    ROOT,
    SERIES_SETTING,
    Build,
    run_pelican,
)
from stress import write_stress_corpus


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory) -> Build:
    """The `basic` fixture built once with the development settings."""
    build = run_pelican(FIXTURES / "basic", tmp_path_factory.mktemp("basic") / "out")
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def basic_publish(tmp_path_factory) -> Build:
    """The `basic` fixture built once with the publishing settings, as a project site."""
    env = {**os.environ, "SITEURL": PUBLISH_SITEURL}
    build = run_pelican(
        FIXTURES / "basic",
        tmp_path_factory.mktemp("basic-publish") / "out",
        settings=PUBLISH_SETTINGS,
        env=env,
    )
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def series_site(tmp_path_factory) -> Build:
    """The `series` fixture, development settings (drafts shown)."""
    build = run_pelican(
        FIXTURES / "series", tmp_path_factory.mktemp("series") / "out", "-e", SERIES_SETTING
    )
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def series_publish(tmp_path_factory) -> Build:
    """The `series` fixture, publishing settings (no drafts)."""
    env = {**os.environ, "SITEURL": PUBLISH_SITEURL}
    build = run_pelican(
        FIXTURES / "series",
        tmp_path_factory.mktemp("series-publish") / "out",
        "-e",
        SERIES_SETTING,
        settings=PUBLISH_SETTINGS,
        env=env,
    )
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def stress_site(tmp_path_factory) -> Build:
    """The generated stress corpus (tests/stress.py), development settings."""
    root = tmp_path_factory.mktemp("stress")
    build = run_pelican(write_stress_corpus(root), root / "out")
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log, build.log
    return build


@pytest.fixture(scope="session")
def writers_site(tmp_path_factory) -> Build:
    """`writers-posts`: posts as a new writer writes them (no Summary:, code, an image, a
    table or a list first, a 35-word title, Korean tags, a Hangul-titled Korean post)."""
    build = run_pelican(FIXTURES / "writers-posts", tmp_path_factory.mktemp("writers") / "out")
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Build:
    """The demo blog in content/, as `invoke build` makes it."""
    build = run_pelican(ROOT / "content", tmp_path_factory.mktemp("demo") / "out")
    assert build.returncode == 0, build.log
    return build
