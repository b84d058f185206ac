"""Real headless Chromium (Debian's `chromium`) driven by Playwright, on a local server.

Where Chromium or Playwright is missing the browser tests are skipped with a notice;
with REQUIRE_BROWSER=1 (as `.ci/run` sets) a missing browser fails them instead.
"""

from __future__ import annotations

import os
import shutil

import pytest
from serving import serve
from sitebuild import missing_tool

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def missing(reason: str):
    missing_tool(reason, "REQUIRE_BROWSER")


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("browser tests need Playwright: pip install -r requirements-dev.txt")
    executable = chromium_path()
    if executable is None:
        missing("browser tests need Chromium: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def served(basic_site):
    """The basic fixture site on http://127.0.0.1:<free port>/."""
    server = serve(basic_site.output)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def served_demo(demo_site):
    """The demo blog on http://127.0.0.1:<free port>/."""
    server = serve(demo_site.output)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def served_writers(writers_site):
    server = serve(writers_site.output)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def served_stress(stress_site):
    """The stress corpus on http://127.0.0.1:<free port>/."""
    server = serve(stress_site.output)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.console_errors = errors
    yield page
    context.close()
