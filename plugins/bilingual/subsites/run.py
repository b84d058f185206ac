"""Running Pelican in a process of its own, with the writer's `-e` settings merged."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence

log = logging.getLogger(__name__)


EXTRA_SETTINGS_FLAGS = ("-e", "--extra-settings")


def merge_extra_settings(args: Sequence[str], overrides: Mapping[str, str]) -> list[str]:
    """`args` for Pelican's command line with every `-e KEY=VALUE` group merged into one.

    Pelican keeps only the last `-e` group, so a task that adds its own settings would
    drop the writer's. The merged group comes last (it takes every value after it);
    `overrides` ({KEY: JSON value}) win over the writer's values for the same key.
    """
    rest: list[str] = []
    values: dict[str, str] = {}
    taking = False
    for arg in args:
        if arg in EXTRA_SETTINGS_FLAGS:
            taking = True
        elif taking and "=" in arg and not arg.startswith("-"):
            key, _sep, value = arg.partition("=")
            values[key] = value
        else:
            taking = False
            rest.append(arg)
    values.update(overrides)
    if not values:
        return rest
    return [*rest, "-e", *(f"{key}={value}" for key, value in values.items())]


def run_pelican(
    settings_file,
    args: Sequence[str] = (),
    *,
    overrides: Mapping[str, str] | None = None,
    env: Mapping[str, str] | None = None,
    cwd=None,
    capture: bool = False,
    timeout: float | None = None,
    launcher: Sequence[str] | None = None,
) -> subprocess.CompletedProcess:
    """Run Pelican in a process of its own and wait for it.

    `args` go to Pelican as they are (a list: no shell, so quotes, braces and spaces
    survive); `overrides` ({KEY: JSON value}) are merged with the writer's `-e` values.
    `capture` keeps stdout/stderr as text. `launcher` replaces `python -m pelican`
    (a benchmark wraps Pelican's `main` to read its peak memory). Returns the finished
    process; raises `subprocess.TimeoutExpired` after `timeout` seconds.
    """
    command = [
        *(launcher or (sys.executable, "-m", "pelican")),
        "-s",
        os.fspath(settings_file),
        *merge_extra_settings(args, overrides or {}),
    ]
    return subprocess.run(
        command,
        cwd=cwd,
        env=None if env is None else dict(env),
        capture_output=capture,
        text=True,
        timeout=timeout,
        check=False,
    )
