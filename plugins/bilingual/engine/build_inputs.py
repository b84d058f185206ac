"""What a build reads, summed up in digests (the build record, the rendered-page record).

A build's *inputs* (`inputs_digest`, `build_inputs`):

- every file under the content folder (`PATH`), the theme, the template override
  folders and the plugins in `PLUGINS`, by relative path, size and modification time
  (as `make` and `rsync` compare files; Pelican's `DEFAULT_DATE = "fs"` and its static
  file copies read modification times, so a touched file counts as changed). Names
  matched by `IGNORE_FILES` are skipped, as Pelican's generators skip them;
- the configuration: every upper-case setting (Pelican reads only upper-case names from
  a settings file; the bundle keeps a build's working state under lower-case keys),
  functions by their name and compiled code (`read_cache.stable_repr`); the caching
  switches (`HOW_NOT_WHAT`) change how a build works, not what it writes, and are
  left out;
- the Python version and the installed distributions (name and version);
- the environment variables the bundle reads (`ENVIRONMENT`).

`build_inputs(settings, sources=False)` leaves out the content *sources* (Markdown,
reStructuredText, HTML: `SOURCE_SUFFIXES`) and keeps the other files of the content
folder (images, attachments): what every page may depend on.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..core import dependencies
from . import read_cache

FORMAT = 1
# Environment variables that change what a build writes or prints.
ENVIRONMENT = ("SOURCE_DATE_EPOCH", "GITHUB_ACTIONS", "TZ")
# Settings that change how a build works, never what it writes: they count for nothing.
HOW_NOT_WHAT = frozenset(
    {
        "BUILD_RECORD",
        "BUILD_SKIP_UNCHANGED_PAGES",
        "BUILD_CHECK_SKIPPED_PAGES",
        "BUILD_READ_CACHE",
        "CACHE_PATH",
        "PROGRESS_AFTER",
        "CACHE_CONTENT",
        "LOAD_CONTENT_CACHE",
        "CONTENT_CACHING_LAYER",
        "CHECK_MODIFIED_METHOD",
        "GZIP_CACHE",
    }
)
# Sources Pelican's readers read (Markdown, reStructuredText, HTML).
SOURCE_SUFFIXES = {".md", ".markdown", ".mkd", ".mdown", ".rst", ".html", ".htm"}


def tree_listing(root: Path, ignores: Iterable[str] = (), skip: Iterable[Path] = ()):
    """[(relative posix path, size, mtime_ns)] of the files under `root`, sorted.

    Files and folders whose name matches a pattern in `ignores` (fnmatch, as Pelican's
    `IGNORE_FILES`) are left out, and so are the folders in `skip` (absolute paths).
    A missing `root` gives [].
    """
    # One expression for every pattern (`fnmatch.fnmatch` normalizes and looks up each
    # pattern for each name), and paths cut rather than `os.path.relpath`'d: a blog's
    # content folder with its images is thousands of files.
    patterns = [fnmatch.translate(os.path.normcase(p)) for p in ignores]
    ignored = re.compile("|".join(patterns) or "(?!)")
    skipped = {os.path.abspath(p) for p in skip}
    start = len(os.path.join(os.fspath(root), ""))
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(
            d
            for d in dirs
            if not ignored.match(os.path.normcase(d))
            and os.path.abspath(os.path.join(folder, d)) not in skipped
        )
        for name in files:
            if ignored.match(os.path.normcase(name)):
                continue
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:  # a dangling link: Pelican cannot read it either
                continue
            found.append((path[start:].replace(os.sep, "/"), stat.st_size, stat.st_mtime_ns))
    found.sort()
    return found


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
    keys = (k for k in settings if isinstance(k, str) and k.isupper() and k not in HOW_NOT_WHAT)
    for key in sorted(keys):
        digest.update(f"{key}={read_cache.stable_repr(settings[key])}\n".encode())
    for label, listing in folders:
        digest.update(f"[{label}]\n".encode())
        for path, size, mtime in listing:
            digest.update(f"{path}\t{size}\t{mtime}\n".encode())
    digest.update("\n".join(distributions).encode())
    for name in ENVIRONMENT:
        digest.update(f"\n{name}={environment.get(name)!r}".encode())
    return digest.hexdigest()


def is_source(name: str) -> bool:
    """Whether a file name is one Pelican's readers read (by its suffix)."""
    return os.path.splitext(name)[1].lower() in SOURCE_SUFFIXES


def build_inputs(settings, sources: bool = True) -> str:
    """This build's inputs digest (see above); `sources` False leaves the sources out."""
    ignores = settings.get("IGNORE_FILES") or ()
    skip = [settings["OUTPUT_PATH"], settings.get("CACHE_PATH") or "cache"]
    content = tree_listing(Path(settings["PATH"]), ignores, skip)
    if not sources:
        content = [entry for entry in content if not is_source(entry[0])]
    folders = [("content", content)]
    theme = settings.get("THEME")
    if theme:
        folders.append(("theme", tree_listing(Path(theme), (), skip)))
    for number, folder in enumerate(settings.get("THEME_TEMPLATES_OVERRIDES") or ()):
        folders.append((f"templates {number}", tree_listing(Path(folder), (), skip)))
    for folder in dependencies.input_folders(settings):  # what features read besides
        folders.append((f"feature {folder}", tree_listing(Path(folder), (), skip)))
    plugins = []
    # Every file of each plugin, not only its Python: templates and data count too.
    for source in read_cache.plugin_sources(settings, pattern="*"):
        if source.suffix == ".pyc":
            continue
        stat = source.stat()
        plugins.append((str(source), stat.st_size, stat.st_mtime_ns))
    folders.append(("plugins", plugins))
    return inputs_digest(settings, folders, installed_distributions(), os.environ)


def pulls_in_other_files(content: Path) -> bool:
    """Whether a source file includes other files (rst `include`, snippets).

    Those may live outside the content folder, where no record looks: such a site is
    always built in full (`read_cache.includes_other_files` tells them apart).
    """
    for path in content.rglob("*"):
        if is_source(path.name) and path.is_file():
            try:
                if read_cache.includes_other_files(path.read_bytes()):
                    return True
            except OSError:
                continue
    return False
