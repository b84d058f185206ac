"""The GitHub Pages workflow passes actionlint and zizmor, offline, and keeps its safe shape.

actionlint (with ShellCheck on every `run:` script) and zizmor (pedantic persona, no config,
no ignore comments) must report nothing. Neither needs the network or a GitHub token. The
plain assertions below spell out what a reviewer checks by eye: every action is pinned to a
full commit SHA, the deploy job holds only the Pages and OIDC permissions, and the site is
published only after the tests have passed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
INSTALL = "pip install -r requirements-dev.txt"

# `uses: owner/repo[/path]@<40 hex> # vX.Y.Z`: a full commit SHA, then the tag it stands for.
PINNED_USES = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:")
# What the caller's shell could hand zizmor (a token, a host; ZIZMOR_* config is dropped too).
SCRUBBED = ("GH_TOKEN", "GITHUB_TOKEN", "GH_HOST")


def find_tool(name: str) -> str:
    """The tool installed beside this Python (its bin/ or Scripts/), else the one on PATH."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: {INSTALL}", pytrace=False)
    return found


def run(args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in SCRUBBED and not key.startswith("ZIZMOR_")
    }
    env["NO_COLOR"] = "1"
    return subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    # ShellCheck is named explicitly so that every machine checks `run:` scripts alike:
    # actionlint silently skips them when it finds no shellcheck.
    shellcheck = find_tool("shellcheck")
    return run([find_tool("actionlint"), "-no-color", "-shellcheck", shellcheck, str(path)])


def zizmor(path: Path) -> subprocess.CompletedProcess[str]:
    return run(
        [
            find_tool("zizmor"),
            "--offline",
            "--no-config",
            "--no-ignores",
            "--persona=pedantic",
            "--format=json",
            "--no-progress",
            str(path),
        ]
    )


def zizmor_findings(result: subprocess.CompletedProcess[str]) -> list[dict]:
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(
            f"zizmor gave no JSON (exit {result.returncode}):\n{result.stdout}{result.stderr}",
            pytrace=False,
        )


@pytest.fixture(scope="module")
def text() -> str:
    return WORKFLOW.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def workflow(text: str) -> dict:
    try:
        import yaml
    except ImportError:
        pytest.fail(f"PyYAML is not installed: {INSTALL}", pytrace=False)
    return yaml.safe_load(text)


def steps_of(job: dict) -> list[dict]:
    return job["steps"]


def step_running(job: dict, command: str) -> int:
    """Index of the first step whose `run:` script contains `command`."""
    for index, step in enumerate(steps_of(job)):
        if command in step.get("run", ""):
            return index
    pytest.fail(f"no step runs {command!r}", pytrace=False)


def step_using(job: dict, action: str) -> dict:
    for step in steps_of(job):
        if step.get("uses", "").startswith(f"{action}@"):
            return step
    pytest.fail(f"no step uses {action}", pytrace=False)


# The linters.


def test_actionlint_reports_nothing():
    result = actionlint(WORKFLOW)
    output = result.stdout + result.stderr
    assert (result.returncode, output) == (0, ""), output


def test_zizmor_reports_nothing():
    result = zizmor(WORKFLOW)
    findings = zizmor_findings(result)
    summary = [f"{finding['ident']}: {finding['desc']}" for finding in findings]
    assert summary == []
    assert result.returncode == 0, result.stderr


# The linters are live: a broken copy of the workflow makes each of them fail.


def broken_copy(tmp_path: Path, text: str, pattern: str, replacement: str) -> Path:
    changed, count = re.subn(pattern, replacement, text)
    assert count == 1, f"{pattern!r} matched {count} times"
    broken = tmp_path / "pages.yml"
    broken.write_text(changed, encoding="utf-8")
    return broken


@pytest.mark.parametrize(
    ("pattern", "replacement", "expected"),
    [
        (r"steps\.pages\.outputs", "steps.nosuchstep.outputs", '"nosuchstep" is not defined'),
        (r"run: invoke publish", "run: invoke publish -- -e SITEURL=$SITEURL", "SC2086"),
    ],
    ids=["undefined-step", "shellcheck"],
)
def test_actionlint_flags_a_broken_copy(tmp_path, text, pattern, replacement, expected):
    result = actionlint(broken_copy(tmp_path, text, pattern, replacement))
    assert result.returncode != 0
    assert expected in result.stdout


@pytest.mark.parametrize(
    ("pattern", "replacement", "expected"),
    [
        (r"actions/checkout@[0-9a-f]{40}[^\n]*", "actions/checkout@v4", "unpinned-uses"),
        (
            r"run: invoke lint",
            "run: invoke lint ${{ github.event.head_commit.message }}",
            "template-injection",
        ),
    ],
    ids=["unpinned-uses", "template-injection"],
)
def test_zizmor_flags_a_broken_copy(tmp_path, text, pattern, replacement, expected):
    result = zizmor(broken_copy(tmp_path, text, pattern, replacement))
    idents = {finding["ident"] for finding in zizmor_findings(result)}
    assert result.returncode != 0
    assert expected in idents, idents


# What a reviewer checks by eye.


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version(text, workflow):
    uses_lines = [line for line in text.splitlines() if USES_LINE.match(line)]
    assert uses_lines, "the workflow uses no actions?"
    unpinned = [line.strip() for line in uses_lines if not PINNED_USES.match(line)]
    assert unpinned == []
    # The same count parsed from the YAML: no `uses:` written in some form the regex misses.
    parsed = [
        entry["uses"]
        for job in workflow["jobs"].values()
        for entry in [job, *job.get("steps", [])]
        if "uses" in entry
    ]
    assert len(parsed) == len(uses_lines)
    assert all(re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses) for uses in parsed)


def test_triggers_and_concurrency(workflow):
    # PyYAML reads the bare key `on` as the boolean True (YAML 1.1).
    triggers = workflow.get("on", workflow.get(True))
    assert set(triggers) == {"push", "workflow_dispatch"}
    assert triggers["push"] == {"branches": ["main"]}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_permissions_are_least_privilege(workflow):
    assert workflow["permissions"] in ({}, {"contents": "read"})
    jobs = workflow["jobs"]
    assert set(jobs) == {"build", "deploy"}
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_jobs_are_named_and_time_limited(workflow):
    for job_id, job in workflow["jobs"].items():
        assert job.get("name"), job_id
        assert isinstance(job.get("timeout-minutes"), int), job_id
        assert job["runs-on"] == "ubuntu-latest", job_id


def test_build_checks_before_it_publishes(workflow):
    build = workflow["jobs"]["build"]
    checkout = step_using(build, "actions/checkout")
    assert checkout["with"]["persist-credentials"] is False
    python = step_using(build, "actions/setup-python")
    assert python["with"]["python-version"] == "3.11"
    assert python["with"]["cache"] == "pip"
    lint = step_running(build, "invoke lint")
    test = step_running(build, "invoke test")
    publish = step_running(build, "invoke publish")
    assert step_running(build, "pip install -r requirements-dev.txt") < lint < test < publish
    # The browser tests get the runner's Chrome and may not skip for want of a browser.
    test_step = steps_of(build)[test]
    assert "CHROMIUM=" in test_step["run"]
    assert test_step["env"]["REQUIRE_BROWSER"] == "1"
    scripts = "\n".join(step.get("run", "") for step in steps_of(build))
    assert not re.search(r"apt-get install[^\n]*chromium", scripts)


def test_publish_takes_siteurl_from_configure_pages_through_env(workflow):
    build = workflow["jobs"]["build"]
    pages = step_using(build, "actions/configure-pages")
    assert pages["id"] == "pages"
    publish = steps_of(build)[step_running(build, "invoke publish")]
    assert publish["env"] == {"SITEURL": "${{ steps.pages.outputs.base_url }}"}
    upload = step_using(build, "actions/upload-pages-artifact")
    assert upload["with"] == {"path": "output"}
    ordered = [steps_of(build).index(step) for step in (pages, publish, upload)]
    assert ordered == sorted(ordered)


def test_no_expression_is_expanded_inside_a_script(workflow):
    for job in workflow["jobs"].values():
        for step in steps_of(job):
            assert "${{" not in step.get("run", ""), step


def test_deploy_runs_after_build_in_the_pages_environment(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"] == {
        "name": "github-pages",
        "url": "${{ steps.deployment.outputs.page_url }}",
    }
    assert step_using(deploy, "actions/deploy-pages")["id"] == "deployment"
