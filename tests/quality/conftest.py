"""Quality gates that need Java or Node (HTML validator, link crawler).

Without the tool the gate is skipped with a one-line notice that says how to get it;
with REQUIRE_TOOLS=1 (as `.ci/run` sets) a missing tool fails the gate instead.
"""

from __future__ import annotations

import shutil

import pytest
from sitebuild import ROOT, missing_tool

NODE_MODULES = ROOT / "node_modules"


def missing(reason: str):
    missing_tool(reason, "REQUIRE_TOOLS")


@pytest.fixture(scope="session")
def vnu():
    """The command that runs the Nu Html Checker."""
    java = shutil.which("java")
    jar = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if java is None:
        missing("HTML validation needs Java: apt-get install default-jre-headless")
    if not jar.is_file():
        missing("HTML validation needs vnu-jar: npm ci")
    return [java, "-jar", str(jar)]


@pytest.fixture(scope="session")
def linkinator():
    node = shutil.which("node")
    cli = NODE_MODULES / "linkinator" / "build" / "src" / "cli.js"
    if node is None:
        missing("the link crawl needs Node.js: apt-get install nodejs npm")
    if not cli.is_file():
        missing("the link crawl needs linkinator: npm ci")
    return [node, str(cli)]
