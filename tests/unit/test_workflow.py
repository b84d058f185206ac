"""Every action the GitHub Pages workflow uses is pinned to a full commit SHA.

actionlint (with ShellCheck) and zizmor check the workflows as part of `invoke lint`;
this test keeps the one rule a reviewer must never have to check by eye.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

WORKFLOWS = Path(__file__).resolve().parents[2] / ".github" / "workflows"
# `uses: owner/repo[/path]@<40 hex> # vX.Y.Z`: a full commit SHA, then the tag it stands for.
PINNED_USES = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:")


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version():
    workflows = sorted(WORKFLOWS.glob("*.yml"))
    assert workflows, "no workflow?"
    for path in workflows:
        text = path.read_text(encoding="utf-8")
        uses_lines = [line for line in text.splitlines() if USES_LINE.match(line)]
        unpinned = [line.strip() for line in uses_lines if not PINNED_USES.match(line)]
        assert unpinned == [], path.name
        # The same count parsed from the YAML: no `uses:` in a form the regex misses.
        parsed = [
            entry["uses"]
            for job in yaml.safe_load(text)["jobs"].values()
            for entry in [job, *job.get("steps", [])]
            if "uses" in entry
        ]
        assert len(parsed) == len(uses_lines), path.name
        assert all(re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses) for uses in parsed)
