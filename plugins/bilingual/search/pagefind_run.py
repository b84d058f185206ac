"""Run Pagefind (PyPI `pagefind[extended]`, its binary shipped in the wheel) on written sites.

Pagefind indexes every language site into its own bundle, so that each language's
search page loads its own index and can merge another language's on demand (Pagefind's
`mergeIndex` needs a second bundle path: https://pagefind.app/docs/multisite/). A site
whose pages were handed to Pagefind's service as they came (`pagefind_service`) makes a
`Streamed` run; otherwise its command line reads the written folder (`start`).
Either way Pagefind reads exactly the pages to index, so that nothing else in the output
(another language's site, a page an earlier build left) can slip in: a glob
(https://pagefind.app/docs/config-options/#glob) lists them, given to the service or in
a `pagefind.json` in the command line's own folder. Where no such glob can be written
(a path with a backslash, or so many pages that Pagefind would refuse the pattern), the
command line reads a folder of hard links (or copies) to them under their paths
instead, which costs a folder per page.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import tempfile
import weakref
from dataclasses import dataclass
from pathlib import Path

from ..core.files import sync_tree
from .pagefind_service import PagefindService, ServiceFailed

log = logging.getLogger(__name__)

# Pagefind's ready-made UIs; the theme has its own search page, so they are not published.
UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")


# Parts of a post's body that are not its text: heading "#" links, footnote back links,
# and MathML (its characters read as noise in excerpts; the words around it remain).
EXCLUDE = ".heading-anchor, .footnote-backref, math"

# Characters of Pagefind's globs (the `wax` syntax) that a literal path escapes with a
# backslash; a path holding a backslash cannot be written as a glob at all.
GLOB_SPECIAL = frozenset("?*$:<>()[]{},")
# Pagefind 1.5 refuses a glob of about 340,000 characters (measured); well below that.
GLOB_LIMIT = 150_000


def escaped(folder: Path, page: Path) -> str | None:
    r"""`page`'s path under `folder` as a literal in a Pagefind glob, or None.

    `(Path("/out"), Path("/out/posts/a,b/index.html"))` -> `"posts/a\,b/index.html"`;
    None for a path holding a backslash (a glob cannot name it).
    """
    relative = page.relative_to(folder).as_posix()
    if "\\" in relative:
        return None
    return "".join("\\" + c if c in GLOB_SPECIAL else c for c in relative)


def page_glob(folder: Path, pages) -> str | None:
    r"""A Pagefind glob matching exactly `pages` (files under `folder`), or None.

    `(Path("/out"), [Path("/out/posts/a,b/index.html")])` -> `"{posts/a\,b/index.html}"`.
    None when a path holds a backslash or the glob would pass `GLOB_LIMIT` characters.
    """
    parts = [escaped(folder, page) for page in pages]
    if None in parts:
        return None
    glob = "{" + ",".join(parts) + "}"
    return glob if len(glob) <= GLOB_LIMIT else None


def page_globs(folder: Path, pages, limit: int = GLOB_LIMIT) -> list[str] | None:
    r"""Pagefind globs that together match exactly `pages` (files under `folder`), or None.

    As `page_glob`, with the pages split into as many globs as keep each within `limit`
    characters: `(Path("/o"), [Path("/o/a"), Path("/o/b")], limit=4)` -> `["{a}", "{b}"]`.
    None when a path holds a backslash; [] for no pages.
    """
    globs: list[str] = []
    chunk: list[str] = []
    size = 1  # of "{" + the parts and their commas + "}" so far, less the last comma
    for page in pages:
        part = escaped(folder, page)
        if part is None:
            return None
        if chunk and size + len(part) + 1 > limit:
            globs.append("{" + ",".join(chunk) + "}")
            chunk, size = [], 1
        chunk.append(part)
        size += len(part) + 1
    if chunk:
        globs.append("{" + ",".join(chunk) + "}")
    return globs


@dataclass(frozen=True)
class IndexJob:
    """One language site to index.

    Its folder, the pages to index (files in it), and the folder to write the bundle to.
    """

    lang: str
    folder: Path
    pages: tuple[Path, ...]
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


@dataclass
class Running:
    """A Pagefind process indexing one job's site into a staging folder of its own.

    A run nobody finished (the build stopped with an error after it started) is
    stopped and its staging folder removed when the object is collected or the
    process exits (`abandon`), so a failed build leaves no `.pagefind-*` folder.
    """

    job: IndexJob
    staging: Path
    process: subprocess.Popen

    def __post_init__(self):
        """Arrange for `abandon` when the run is collected or the process exits."""
        weakref.finalize(self, abandon, self.process, self.staging)

    def wait(self) -> str | None:
        """Wait for Pagefind: None when it succeeded, else its own words."""
        output, _ = self.process.communicate()
        if self.process.returncode == 0:
            return None
        lines = dict.fromkeys(line.strip() for line in output.splitlines() if line.strip())
        return " ".join(lines) or f"exit status {self.process.returncode}"


@dataclass
class Streamed:
    """An index whose pages Pagefind's service read while the site was written.

    `wait` has the bundle written into `staging`; if the service failed, or read
    another number of pages than the job lists, the job is indexed with the command
    line instead (its staging folder then replaces this one).
    """

    job: IndexJob
    staging: Path
    service: PagefindService
    again: Running | None = None

    def __post_init__(self):
        """As `Running`: abandoned (the build stopped), the service ends, staging goes."""
        weakref.finalize(self, abandon_service, self.service, self.staging)

    def wait(self) -> str | None:
        """Wait for the bundle: None when it is written, else Pagefind's own words."""
        try:
            read = self.service.finish()
            held = indexed_count(self.staging / "bundle")
            if read == held == len(self.job.pages):
                return None
            reason = f"it read {read} of {len(self.job.pages)} pages; its bundle holds {held}"
        except ServiceFailed as exc:
            reason = str(exc)
        log.debug(
            "search: Pagefind's service failed (%s); indexing %s again",
            reason,
            self.job.folder,
        )
        shutil.rmtree(self.staging, ignore_errors=True)
        # Kept on the run: a collected `Running` removes its staging folder.
        self.again = start(self.job)
        self.staging = self.again.staging
        return self.again.wait()


def abandon_service(service: PagefindService, staging: Path) -> None:
    """Stop `service` if it still runs and remove `staging` (nothing if already done)."""
    service.stop()
    shutil.rmtree(staging, ignore_errors=True)


def streamed(job: IndexJob, service: PagefindService) -> Streamed:
    """The run of `job`, whose pages `service` was given: its bundle asked for now."""
    run = Streamed(job, staging_folder(job), service)
    service.request_write(run.staging / "bundle")
    return run


def abandon(process: subprocess.Popen, staging: Path) -> None:
    """Stop `process` if it still runs and remove `staging` (nothing if already done)."""
    if process.poll() is None:
        process.kill()
        process.communicate()
    shutil.rmtree(staging, ignore_errors=True)


def start(job: IndexJob) -> Running:
    """Start Pagefind's command line on one job and return at once.

    Indexing a language site as soon as it is written lets it run on the second core
    while Pelican writes the next site. Raises `PagefindMissing` without the package.
    """
    binary = executable()
    if binary is None:
        raise PagefindMissing("Pagefind is not installed")
    staging = staging_folder(job)
    glob = page_glob(job.folder, job.pages)
    if glob is not None:
        site = job.folder
        (staging / "pagefind.json").write_text(json.dumps({"glob": glob}), encoding="utf-8")
    else:
        site = staging / "site"
        for page in job.pages:
            link = site / page.relative_to(job.folder)
            link.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(page, link)
            except OSError:  # a file system without hard links
                shutil.copyfile(page, link)
    command = [
        str(binary),
        "--site", str(site),
        "--output-path", str(staging / "bundle"),
        "--exclude-selectors", EXCLUDE,
        "--silent",
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=staging,  # where Pagefind looks for its configuration file
        # Below Pelican: the index of one site must not slow the writing of the next.
        preexec_fn=(lambda: os.nice(5)) if hasattr(os, "nice") else None,
    )
    return Running(job, staging, process)


def staging_folder(job: IndexJob) -> Path:
    """A new folder for the job's bundle, beside its place (putting it in place is a rename).

    Folders an interrupted build left there are removed first.
    """
    job.bundle.parent.mkdir(parents=True, exist_ok=True)
    for stale in job.bundle.parent.glob(".pagefind-*"):
        shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=".pagefind-", dir=job.bundle.parent))


def discard(run: Running) -> None:
    """Stop a run whose index is not wanted after all, and remove what it wrote."""
    abandon(run.process, run.staging)


def finish(runs: list[Running | Streamed]) -> list[IndexResult]:
    """Wait for every run, then put each bundle in place (`sync_tree`).

    Raises `RuntimeError` with Pagefind's own words when any run failed; no bundle is
    put in place then. Staging folders are removed either way.
    """
    try:
        failures = [f"{run.job.folder}: {reason}" for run in runs if (reason := run.wait())]
        if failures:
            raise RuntimeError("; ".join(failures))
        results = []
        for run in runs:
            bundle = run.staging / "bundle"
            pages = indexed_count(bundle)  # before sync_tree moves the files away
            if pages is None:
                raise RuntimeError(f"{run.job.folder}: Pagefind's pagefind-entry.json is damaged")
            for path in bundle.rglob("*"):
                if path.is_file() and path.name.startswith(UNUSED):
                    path.unlink()
            written, removed = sync_tree(bundle, run.job.bundle)
            size = sum(p.stat().st_size for p in run.job.bundle.rglob("*") if p.is_file())
            results.append(IndexResult(run.job.lang, pages, written, removed, size))
        return results
    finally:
        for run in runs:
            shutil.rmtree(run.staging, ignore_errors=True)


def indexed_count(bundle: Path) -> int | None:
    """How many pages a written bundle holds, every language in it.

    Read from its `pagefind-entry.json`; 0 when Pagefind wrote none, None when the file
    cannot be read as Pagefind writes it (cut short, damaged).
    """
    entry = bundle / "pagefind-entry.json"
    if not entry.is_file():
        return 0
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        return sum(int(info.get("page_count", 0)) for info in languages.values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def run(jobs: list[IndexJob]) -> list[IndexResult]:
    """Index every job's site, all at once, and put each bundle in place.

    Raises `PagefindMissing` without the package, and `RuntimeError` with Pagefind's
    message when it fails (nothing is put in place then).
    """
    return finish([start(job) for job in jobs])
