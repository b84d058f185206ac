"""The build record: what a successful build read and what it left in its output folder.

Pure functions on paths and plain data; `up_to_date` connects them to Pelican.

A build's *inputs* are summed up in one digest (`inputs_digest`):

- every file under the content folder (`PATH`), the theme, the template override
  folders and the plugins in `PLUGINS`, by relative path, size and modification time
  (as `make` and `rsync` compare files; Pelican's `DEFAULT_DATE = "fs"` and its static
  file copies read modification times, so a touched file counts as changed). Names
  matched by `IGNORE_FILES` are skipped, as Pelican's generators skip them;
- the configuration: every upper-case setting (Pelican reads only upper-case names from
  a settings file; the bundle keeps a build's working state under lower-case keys),
  functions by their name and compiled code;
- the Python version and the installed distributions (name and version);
- the environment variables the bundle reads (`ENVIRONMENT`).

Its *output* is the list of files in the output folder with their sizes and
modification times (`output_listing`). A build whose inputs digest and output listing
both equal the record's, before the record's `valid_until`, would write the same
bytes to the same files: there is nothing to do.
"""

from __future__ import annotations

import datetime
import fnmatch
import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

FILE_NAME = "bilingual-build-record.json"
FORMAT = 1
# Environment variables that change what a build writes or prints.
ENVIRONMENT = ("SOURCE_DATE_EPOCH", "GITHUB_ACTIONS", "TZ")
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


@dataclass(frozen=True)
class Record:
    """One successful build.

    `inputs`: its inputs digest (hex); `output`: {relative path: [size, mtime_ns]} of
    every file in its output folder when it finished; `valid_until`: a POSIX time (s)
    after which the same inputs may build differently (a new day for the archive
    calendar, a future-dated post's date), or None; `warnings`: [(logger name, level,
    message)] it logged; `finished`: when it finished (ISO 8601, UTC).
    """

    inputs: str
    output: dict = field(default_factory=dict)
    valid_until: float | None = None
    warnings: tuple = ()
    finished: str = ""


def tree_listing(root: Path, ignores: Iterable[str] = (), skip: Iterable[Path] = ()):
    """[(relative posix path, size, mtime_ns)] of the files under `root`, sorted.

    Files and folders whose name matches a pattern in `ignores` (fnmatch, as Pelican's
    `IGNORE_FILES`) are left out, and so are the folders in `skip` (absolute paths).
    A missing `root` gives [].
    """
    ignores = tuple(ignores)
    skipped = {os.path.abspath(p) for p in skip}
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(
            d
            for d in dirs
            if not any(fnmatch.fnmatch(d, p) for p in ignores)
            and os.path.abspath(os.path.join(folder, d)) not in skipped
        )
        for name in files:
            if any(fnmatch.fnmatch(name, p) for p in ignores):
                continue
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:  # a dangling link: Pelican cannot read it either
                continue
            relative = os.path.relpath(path, root).replace(os.sep, "/")
            found.append((relative, stat.st_size, stat.st_mtime_ns))
    found.sort()
    return found


def output_listing(root: Path, skip: Iterable[str] = ()) -> dict:
    """{relative posix path: [size, mtime_ns]} of the files in an output folder.

    Top-level names in `skip` (Pelican's `OUTPUT_RETENTION`, such as `.git`) are left out.
    """
    skip = set(skip)
    return {
        path: [size, mtime]
        for path, size, mtime in tree_listing(root)
        if path.split("/", 1)[0] not in skip
    }


def settings_text(value) -> str:
    """A text for a setting's value that is the same in every process and changes with it.

    Dicts by sorted key, sets sorted, functions by dotted name and compiled code
    (bytecode, constants and names), classes by dotted name; no memory addresses.
    """
    if isinstance(value, dict):
        items = sorted((settings_text(k), settings_text(v)) for k, v in value.items())
        return "{" + ", ".join(f"{k}: {v}" for k, v in items) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [settings_text(item) for item in value]
        if isinstance(value, (set, frozenset)):
            items.sort()
        return f"{type(value).__name__}[{', '.join(items)}]"
    code = getattr(value, "__code__", None)
    if code is not None:
        name = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
        return f"{name}<{code_digest(code)}>"
    if isinstance(value, type):
        return f"{value.__module__}.{value.__qualname__}"
    return ADDRESS.sub("", repr(value))


def code_digest(code) -> str:
    """A digest of a code object: its bytecode, constants (nested code too) and names."""
    digest = hashlib.sha1(code.co_code)
    for const in code.co_consts:
        if hasattr(const, "co_code"):
            digest.update(code_digest(const).encode())
        else:
            digest.update(ADDRESS.sub("", repr(const)).encode())
    digest.update(repr(code.co_names).encode())
    return digest.hexdigest()


def installed_distributions(paths: Iterable[str] | None = None) -> list[str]:
    """The `*.dist-info` / `*.egg-info` names (they carry name and version) on `sys.path`."""
    found = []
    for entry in sys.path if paths is None else paths:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found += [n for n in names if n.endswith((".dist-info", ".egg-info"))]
    return sorted(found)


def inputs_digest(
    settings: Mapping,
    folders: Iterable[tuple[str, list]],
    distributions: Iterable[str],
    environment: Mapping[str, str],
) -> str:
    """The hex digest of a build's inputs.

    `settings`: the build's settings (only upper-case keys count); `folders`: (label,
    `tree_listing`) pairs; `distributions`: `installed_distributions()`;
    `environment`: the process environment (only `ENVIRONMENT` counts).
    """
    digest = hashlib.sha256(f"format {FORMAT}; python {sys.version}\n".encode())
    for key in sorted(k for k in settings if isinstance(k, str) and k.isupper()):
        digest.update(f"{key}={settings_text(settings[key])}\n".encode())
    for label, listing in folders:
        digest.update(f"[{label}]\n".encode())
        for path, size, mtime in listing:
            digest.update(f"{path}\t{size}\t{mtime}\n".encode())
    digest.update("\n".join(distributions).encode())
    for name in ENVIRONMENT:
        digest.update(f"\n{name}={environment.get(name)!r}".encode())
    return digest.hexdigest()


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
