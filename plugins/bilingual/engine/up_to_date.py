"""up_to_date: a build with nothing to do does nothing.

When nothing a build reads has changed since the last successful build (content,
theme, plugins, settings, installed libraries; `record` lists them) and the output
folder still holds exactly what that build left there, the build stops at once:
Pelican's generators are not run, no file is written, and the warnings the last build
gave are given again, so the writer still sees them. The first change of any input,
any file added, removed or touched in the output folder, a new day (the archive
calendar marks today) or a future-dated post's time coming means a full build.

Settings (defaults):
- `BUILD_RECORD` (True): keep the record of the last successful build in `CACHE_PATH`
  and skip a build whose inputs and output match it. Never used for the check-only run
  (`BILINGUAL_CHECK_ONLY`), for `WRITE_SELECTED` builds, or for Pelican's
  `--autoreload` loop after its first build. `"rebuild"`: never skip, but keep the
  record for the next build (`invoke serve` uses it for the build whose process it
  keeps to rewrite posts in place: that process needs every post read).

The record is removed when a build starts and written when it finishes (the main
site's `finalized`), so a failed or interrupted build never leaves one. This plugin
goes last in `PLUGINS`: its `finalized` must see the output every other plugin left.

A site whose sources include other files (reStructuredText `include`, a directive's
`:file:`, pymdownx snippets) is always built in full: an included file may live
outside the folders the record looks at.

Errors: none of its own. A record that cannot be read is ignored; one that cannot be
written is a warning (the next build is a full one).
"""

from __future__ import annotations

import datetime
import functools
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from pelican import signals

from .. import compat, subsites
from ..core import site_timezone
from ..core.build_state import build_state
from ..core.findings import CHECK_ONLY
from . import build_inputs
from . import build_record as record
from .settings import EngineSwitch

log = logging.getLogger(__name__)

STATE_KEY = "engine.build_record"  # in the build state (core.build_state)


BUILD_RECORD = EngineSwitch(
    "BUILD_RECORD",
    True,
    'True, False or "rebuild"',
    "Keep a record of the last successful build in `CACHE_PATH`; a build whose inputs and "
    'output match it does nothing. "rebuild": always build, but keep the record.',
)
SETTINGS = (BUILD_RECORD,)


@dataclass(frozen=True)
class RecordSettings:
    """`BUILD_RECORD` and where its file lives; `enabled` False means every build is full."""

    enabled: bool
    reuse: bool  # False: build in full even when up to date ("rebuild"), record anyway
    path: Path
    output: Path
    retention: tuple[str, ...]

    @classmethod
    def from_settings(cls, settings) -> RecordSettings:
        """Read the settings once; `BUILD_RECORD` off for runs that must always work."""
        enabled = (
            bool(BUILD_RECORD.read(settings))
            and not CHECK_ONLY.read(settings)
            and not settings.get("WRITE_SELECTED")
        )
        cache = Path(settings.get("CACHE_PATH") or "cache")
        return cls(
            enabled=enabled,
            reuse=BUILD_RECORD.read(settings) != "rebuild",
            path=cache / record.FILE_NAME,
            output=Path(settings["OUTPUT_PATH"]),
            retention=tuple(settings.get("OUTPUT_RETENTION") or ()),
        )


class WarningLog(logging.Handler):
    """Keeps (logger name, level, message) of every warning or error logged during a build."""

    def __init__(self):
        """Start with nothing kept; only warnings and errors are handled."""
        super().__init__(logging.WARNING)
        self.kept: list[tuple[str, int, str]] = []

    def emit(self, entry: logging.LogRecord) -> None:
        """Keep one log entry (its message with the arguments filled in)."""
        self.kept.append((entry.name, entry.levelno, entry.getMessage()))


def start(pelican):
    """`initialized` (main site): stop here when up to date, else start recording."""
    settings = pelican.settings
    if STATE_KEY in build_state(settings) or not subsites.is_main_site(settings):
        return  # a subsite: the main site's record covers every language
    if CHECK_ONLY.read(settings):
        return  # `invoke check` writes nothing: the last build's record still holds
    config = RecordSettings.from_settings(settings)
    if not config.enabled or build_inputs.pulls_in_other_files(Path(settings["PATH"])):
        record.forget(config.path)
        return
    inputs = build_inputs.build_inputs(settings)
    kept = record.load(config.path)
    output = record.output_listing(config.output, config.retention)
    if config.reuse and record.is_current(kept, inputs, output, time.time()):
        compat.wrap_run(pelican, functools.partial(_skip, pelican, kept))
        return
    record.forget(config.path)
    handler = WarningLog()
    logging.getLogger().addHandler(handler)
    build_state(settings)[STATE_KEY] = {
        "inputs": inputs,
        "started": datetime.datetime.now(datetime.UTC),
        "warnings": handler,
        "dates": [],
    }


def _skip(pelican, kept: record.Record, full_run) -> None:
    """Pelican's `run` for a build with nothing to do (later runs are full ones again)."""
    compat.unwrap_run(pelican)  # Pelican's --autoreload runs again after a change: a full build
    for name, level, message in kept.warnings:
        logging.getLogger(name).log(level, "%s", message)
    print(
        f"Done: nothing changed since the build that finished at {kept.finished}; "
        f"{len(kept.output)} files in {pelican.output_path} are up to date."
    )


def note_dates(generators):
    """`all_generators_finalized` (main site): the dates of everything read, any status.

    Only with `WITH_FUTURE_DATES` off: Pelican then holds a future-dated post back as a
    draft until its date, so the same inputs build differently after it.
    """
    settings = generators[0].settings
    state = build_state(settings).get(STATE_KEY)
    if state is None or not subsites.is_main_site(settings):
        return
    if settings.get("WITH_FUTURE_DATES", True):
        return  # a future-dated post is published now: the clock changes nothing
    for content in generators[0].context.get("generated_content", {}).values():
        date = getattr(content, "date", None)
        if date is not None:
            state["dates"].append(date)


def finish(pelican):
    """`finalized` (main site, after every other plugin): write the record."""
    settings = pelican.settings
    state = build_state(settings).get(STATE_KEY)
    if state is None or not subsites.is_main_site(settings):
        return
    logging.getLogger().removeHandler(state["warnings"])
    config = RecordSettings.from_settings(settings)
    finished = datetime.datetime.now(datetime.UTC)
    kept = record.Record(
        inputs=state["inputs"],
        output=record.output_listing(config.output, config.retention),
        valid_until=record.valid_until(
            state["started"],
            state["dates"],
            site_timezone(settings),
            calendar_follows_clock=not os.environ.get("SOURCE_DATE_EPOCH"),
        ),
        warnings=tuple(state["warnings"].kept),
        # Shown as the blog's clock reads (`TIMEZONE`), not this machine's.
        finished=finished.astimezone(site_timezone(settings)).strftime("%Y-%m-%d %H:%M:%S %Z"),
    )
    try:
        record.save(config.path, kept)
    except OSError as err:
        log.warning("up_to_date: could not keep the build record in %s: %s", config.path, err)


def register():
    """Connect the handlers, in the order they fire."""
    signals.initialized.connect(start)
    signals.all_generators_finalized.connect(note_dates)
    signals.finalized.connect(finish)
