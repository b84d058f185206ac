"""Run Pagefind (PyPI `pagefind[extended]`, its binary shipped in the wheel) on written sites.

Pagefind's command line indexes every language site into its own bundle, all languages
at once, so that each language's search page loads its own index and can merge another
language's on demand (Pagefind's `mergeIndex` needs a second bundle path:
https://pagefind.app/docs/multisite/). Its Python API waits a tenth of a second per
message, which is why the command line is used.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Pagefind's ready-made UIs; the theme has its own search page, so they are not published.
UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")


# Parts of a post's body that are not its text: heading "#" links, footnote back links,
# and MathML (its characters read as noise in excerpts; the words around it remain).
EXCLUDE = ".heading-anchor, .footnote-backref, math"


@dataclass(frozen=True)
class IndexJob:
    """One language site to index.

    Its folder, the glob of its pages (relative to the folder), and the folder to write
    the bundle to.
    """

    lang: str
    folder: Path
    glob: str
    bundle: Path


@dataclass(frozen=True)
class IndexResult:
    """What Pagefind did for one `IndexJob`.

    Pages indexed, and the bundle's files written and removed and its size in bytes
    once in place.
    """

    lang: str
    pages: int
    written: int
    removed: int
    size: int


class PagefindMissing(RuntimeError):
    """The `pagefind` package (or its binary) is not installed."""


def executable() -> Path | None:
    """Pagefind's binary from its Python package (the extended build when installed).

    None without the package or a binary for this machine.
    """
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    return get_executable()


def _index_all(jobs: list[IndexJob], staging: Path, binary: Path) -> dict[str, int]:
    """Run Pagefind's command line once per job, all at once (one core each)."""
    running = []
    for number, job in enumerate(jobs):
        command = [
            str(binary),
            "--site", str(job.folder),
            "--glob", job.glob,
            "--output-path", str(staging / str(number)),
            "--exclude-selectors", EXCLUDE,
            "--silent",
        ]  # fmt: skip
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        running.append((number, job, process))
    counts, failures = {}, []
    for number, job, process in running:
        output, _ = process.communicate()
        if process.returncode != 0:
            lines = dict.fromkeys(line.strip() for line in output.splitlines() if line.strip())
            reason = " ".join(lines) or f"exit status {process.returncode}"
            failures.append(f"{job.folder}: {reason}")
        counts[job.lang] = indexed_count(staging / str(number))
    if failures:
        raise RuntimeError("; ".join(failures))
    return counts


def indexed_count(bundle: Path) -> int:
    """How many pages a written bundle holds, every language in it.

    Read from its `pagefind-entry.json`; 0 when Pagefind wrote none.
    """
    entry = bundle / "pagefind-entry.json"
    if not entry.is_file():
        return 0
    languages = json.loads(entry.read_text(encoding="utf-8")).get("languages", {})
    return sum(info.get("page_count", 0) for info in languages.values())


def sync_tree(source: Path, target: Path) -> tuple[int, int]:
    """Make `target` hold exactly `source`'s files, leaving files with equal bytes untouched.

    Returns (files written, files removed). Unchanged files keep their bytes and their
    modification time, so a deploy uploads only what changed.
    """
    wanted = {
        path.relative_to(source)
        for path in source.rglob("*")
        if path.is_file() and not path.name.startswith(UNUSED)
    }
    written = removed = 0
    if target.exists():
        for path in sorted(target.rglob("*"), reverse=True):
            relative = path.relative_to(target)
            if path.is_file() and relative not in wanted:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    for relative in sorted(wanted):
        new, old = source / relative, target / relative
        data = new.read_bytes()
        if old.is_file() and old.read_bytes() == data:
            continue
        old.parent.mkdir(parents=True, exist_ok=True)
        old.write_bytes(data)
        written += 1
    return written, removed


def run(jobs: list[IndexJob]) -> list[IndexResult]:
    """Index every job's site and put each bundle in place.

    Raises `PagefindMissing` without the package, and `RuntimeError` with Pagefind's
    message when it fails (nothing is put in place then).
    """
    binary = executable()
    if binary is None:
        raise PagefindMissing("Pagefind is not installed")
    with tempfile.TemporaryDirectory(prefix="pagefind-") as tmp:
        staging = Path(tmp)
        counts = _index_all(jobs, staging, binary)
        results = []
        for number, job in enumerate(jobs):
            written, removed = sync_tree(staging / str(number), job.bundle)
            size = sum(path.stat().st_size for path in job.bundle.rglob("*") if path.is_file())
            results.append(IndexResult(job.lang, counts[job.lang], written, removed, size))
    return results
