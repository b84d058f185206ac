"""The build record: what a successful build read and what it left in its output folder.

Pure functions on paths and plain data; `up_to_date` connects them to Pelican.

A build's *inputs* are summed up in one digest (`engine.build_inputs`).

Its *output* is the list of files in the output folder with their sizes and
modification times (`output_listing`). A build whose inputs digest and output listing
both equal the record's, before the record's `valid_until`, would write the same
bytes to the same files: there is nothing to do.
"""

from __future__ import annotations

import datetime
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import build_inputs

FILE_NAME = "bilingual-build-record.json"
FORMAT = 1


@dataclass(frozen=True)
class Record:
    """One successful build.

    `inputs`: its inputs digest (hex); `output`: {relative path: [size, mtime_ns]} of
    every file in its output folder when it finished; `valid_until`: a POSIX time (s)
    after which the same inputs may build differently (a new day for the archive
    calendar, a future-dated post's date), or None; `warnings`: [(logger name, level,
    message)] it logged; `finished`: when it finished, as the build's closing line shows it
    (the site's `TIMEZONE`: "2026-12-06 00:49:49 KST").
    """

    inputs: str
    output: dict = field(default_factory=dict)
    valid_until: float | None = None
    warnings: tuple = ()
    finished: str = ""


def output_listing(root: Path, skip: Iterable[str] = ()) -> dict:
    """{relative posix path: [size, mtime_ns]} of the files in an output folder.

    Top-level names in `skip` (Pelican's `OUTPUT_RETENTION`, such as `.git`) are left out.
    """
    skip = set(skip)
    return {
        path: [size, mtime]
        for path, size, mtime in build_inputs.tree_listing(root)
        if path.split("/", 1)[0] not in skip
    }


def valid_until(
    started: datetime.datetime,
    dates: Iterable[datetime.datetime | datetime.date],
    tz: datetime.tzinfo,
    calendar_follows_clock: bool,
) -> float | None:
    """When a build started at `started` (aware) may stop being what the same inputs build.

    The earliest of: the next midnight in `tz` when `calendar_follows_clock` (the
    archive calendar marks today unless `SOURCE_DATE_EPOCH` fixes the day), and the
    earliest content date after `started` (Pelican publishes a future-dated post when
    its time comes, unless `WITH_FUTURE_DATES`). Naive dates are local to `tz`.
    Returns a POSIX time in seconds, or None (no limit).
    """
    limits = []
    if calendar_follows_clock:
        today = started.astimezone(tz).date()
        midnight = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
        limits.append(midnight.replace(tzinfo=tz).timestamp())
    for moment in dates:
        if not isinstance(moment, datetime.datetime):
            moment = datetime.datetime.combine(moment, datetime.time())
        if moment.tzinfo is None or moment.utcoffset() is None:
            moment = moment.replace(tzinfo=tz)
        if moment > started:
            limits.append(moment.timestamp())
    return min(limits) if limits else None


def is_current(record: Record | None, inputs: str, output: Mapping, now: float) -> bool:
    """Whether a build with these `inputs`, finding this `output`, has nothing to do."""
    return (
        record is not None
        and record.inputs == inputs
        and (record.valid_until is None or now < record.valid_until)
        and record.output == dict(output)
    )


def load(path: Path) -> Record | None:
    """The record kept at `path`, or None (missing, unreadable, damaged or older format)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        return Record(
            inputs=str(data["inputs"]),
            output={str(k): list(v) for k, v in data["output"].items()},
            valid_until=data.get("valid_until"),
            warnings=tuple(tuple(w) for w in data.get("warnings", ())),
            finished=str(data.get("finished", "")),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def save(path: Path, record: Record) -> None:
    """Write `record` to `path` atomically (a new file renamed over the old one).

    Raises OSError when the folder cannot be made or written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "format": FORMAT,
        "inputs": record.inputs,
        "valid_until": record.valid_until,
        "finished": record.finished,
        "warnings": [list(w) for w in record.warnings],
        "output": record.output,
    }
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".record-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def forget(path: Path) -> None:
    """Remove the record at `path`, if any (a build that may fail has started)."""
    path.unlink(missing_ok=True)
