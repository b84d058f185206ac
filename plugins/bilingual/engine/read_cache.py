"""What the readers made of each content file, kept between builds.

A warm build (nothing changed, a new process) should not parse Markdown or
reStructuredText again. A reader's output, (html, metadata), is kept in one pickle file
in `CACHE_PATH`, keyed by

- the file: the reader class, its absolute path and the SHA-1 of its bytes (a touched
  but unchanged file still hits; any edit misses), and the reading settings of the
  language's site that read it (`site_reading`); a file that pulls in other files
  (`includes_other_files`) is never kept;
- the build's *reading fingerprint* (`fingerprint`): the versions of the libraries
  that turn text into HTML, the settings the readers read (`READING_SETTINGS`) and the
  source of the plugins in `PLUGINS`. Change any of them and the whole cache is
  dropped; a change of theme, URLs or other settings keeps it (they act after reading).

Reader metadata holds Pelican objects (`Tag`, `Category`, `Author`) that carry the
whole settings dict; they are stored by name (`freeze_metadata`) and made again with the
current build's settings (`thaw_metadata`), as the reader itself would make them. A
file whose metadata holds anything else that is not plain data is not kept.

Pelican's own `CACHE_CONTENT` keys by path and time stamp only (a changed Markdown
setting would serve stale HTML), which is why the bundle keeps its own.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib.metadata
import logging
import os
import pickle
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pelican.urlwrappers import Author, Category, Tag

log = logging.getLogger(__name__)

FILE_NAME = "bilingual-read-cache.pickle"
FORMAT = 1
# This package (pelican.plugins.bilingual): its files are part of every cache key.
PACKAGE = Path(__file__).parent.parent

# Settings the readers read (Pelican's readers, python-markdown, docutils, typogrify).
READING_SETTINGS = (
    "MARKDOWN",
    "DOCUTILS_SETTINGS",
    "FORMATTED_FIELDS",
    "READERS",
    "TYPOGRIFY",
    "TYPOGRIFY_IGNORE_TAGS",
    "TYPOGRIFY_DASHES",
    "TYPOGRIFY_OMIT_FILTERS",
    "PLUGINS",
)
# The libraries that turn text into HTML (and Pelican, whose readers call them).
READING_LIBRARIES = (
    "pelican",
    "markdown",
    "docutils",
    "pygments",
    "pymdown-extensions",
    "quickjs-ng",
)
WRAPPERS = {cls.__name__: cls for cls in (Tag, Category, Author)}
INCLUDE_MARKERS = (b"include::", b":file:", b"--8<--")
PLAIN = (str, int, float, bool, type(None), datetime.date, datetime.datetime)
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


@dataclass
class ReadCache:
    """One build's reader outputs.

    `memory`: {(reader class, path, size, mtime_ns): (html, metadata)} for this build
    (every language's site reuses it); `stored`: the entries loaded from disk,
    {(reader name, path, sha1): (html, frozen metadata, the reader's messages)};
    `used`: the entries this build read or made, saved at its end; `path`: the cache
    file (None: nothing kept between builds); `fingerprint`: this build's reading
    fingerprint; `texts`: {html: the same html}, one string every language site's
    posts share (`subsites.share_texts`); `ahead`: the child reading files ahead of
    the build (`read_ahead`), False when there is none; `sites_read`: how many
    language sites have made their contexts; `released`: saved and let go once all
    have (`subsites.release_read_cache`); `derived`: {name: {key: value}}, what
    plugins made of a post's HTML while the sites read (`subsites.shared_result`).
    """

    path: Path | None = None
    fingerprint: str = ""
    memory: dict = field(default_factory=dict)
    stored: dict = field(default_factory=dict)
    used: dict = field(default_factory=dict)
    texts: dict = field(default_factory=dict)
    derived: dict = field(default_factory=dict)
    ahead: object = None
    sites_read: int = 0
    released: bool = False


class ReaderMessages(logging.Handler):
    """Keeps the warnings and errors logged while a reader reads one file.

    `kept`: [(logger name, level, message)]. They are kept with the file's entry and
    logged again when a later build takes the entry instead of reading the file (a
    duplicated field, a reStructuredText file without a title: still true of the file).
    """

    def __init__(self):
        """Nothing kept yet."""
        super().__init__(logging.WARNING)
        self.kept: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep one message, its arguments filled in."""
        try:
            message = record.getMessage()
        except Exception:  # a record that cannot be formatted: its template
            message = str(record.msg)
        self.kept.append((record.name, record.levelno, message))


def library_versions(names: Iterable[str] = READING_LIBRARIES) -> tuple[tuple[str, str], ...]:
    """(name, installed version or "") for each library."""
    found = []
    for name in names:
        try:
            found.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            found.append((name, ""))
    return tuple(found)


def plugin_sources(settings: Mapping, pattern: str = "*.py") -> list[Path]:
    """The files (`pattern`) of this package and of `PLUGINS` under `PLUGIN_PATHS`, sorted.

    This package's own files count wherever it is installed (an editable install's
    files change without a new version); other installed plugins count by their
    version (`installed_distributions`).
    """
    files = [p for p in PACKAGE.rglob(pattern) if p.is_file()]
    names = [str(p).rsplit(".", 1)[-1] for p in settings.get("PLUGINS") or []]
    for base in settings.get("PLUGIN_PATHS") or []:
        for name in names:
            folder = Path(base) / name
            if folder.is_dir():
                files += (p for p in folder.rglob(pattern) if p.is_file())
            elif folder.with_suffix(".py").is_file():
                files.append(folder.with_suffix(".py"))
    return sorted(set(files))


def stable_repr(value) -> str:
    """`repr` that is the same in every process and changes with the value.

    Dicts by sorted key, sets sorted, functions by dotted name and compiled code
    (`MARKDOWN` may hold a slugify function; a settings file may define filters),
    classes by dotted name; no memory addresses.
    """
    if isinstance(value, dict):
        items = sorted((stable_repr(k), stable_repr(v)) for k, v in value.items())
        return "{" + ", ".join(f"{k}: {v}" for k, v in items) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [stable_repr(item) for item in value]
        if isinstance(value, (set, frozenset)):
            items.sort()
        return f"{type(value).__name__}[{', '.join(items)}]"
    code = getattr(value, "__code__", None)
    if code is not None:
        name = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
        return f"{name}<{code_digest(code)}>"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
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


def fingerprint(settings: Mapping, versions, sources: Iterable[Path]) -> str:
    """The reading fingerprint of a build, as a hex digest.

    Made from the reading settings' values (`repr`), the library `versions` and the
    paths and bytes of the plugin `sources`.
    """
    digest = hashlib.sha256()
    digest.update(repr(FORMAT).encode())
    for key, value in reading_settings(settings).items():
        digest.update(f"{key}={stable_repr(value)};".encode())
    digest.update(repr(tuple(versions)).encode())
    for path in sources:
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def freeze_metadata(metadata: Mapping) -> dict | None:
    """Reader metadata as plain data: `Tag`/`Category`/`Author` by class and name.

    None when a value is neither plain data nor such an object (or a list of them).
    """

    def freeze(value):
        if isinstance(value, PLAIN):
            return value
        if type(value) in WRAPPERS.values():
            return ("__urlwrapper__", type(value).__name__, value.name)
        if isinstance(value, list):
            return [freeze(item) for item in value]
        raise TypeError(type(value).__name__)

    try:
        return {key: freeze(value) for key, value in metadata.items()}
    except TypeError:
        return None


def thaw_metadata(frozen: Mapping, settings: Mapping) -> dict:
    """`freeze_metadata`'s result as the reader would have returned it, with `settings`."""

    def thaw(value):
        if isinstance(value, tuple) and len(value) == 3 and value[0] == "__urlwrapper__":
            return WRAPPERS[value[1]](value[2], settings)
        if isinstance(value, list):
            return [thaw(item) for item in value]
        return value

    return {key: thaw(value) for key, value in frozen.items()}


def load(path: Path, expected: str) -> dict:
    """The stored entries of the cache file at `path`.

    {} when it is missing, unreadable, of another format or made with another
    fingerprint.
    """
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)
    except Exception:
        return {}
    if not isinstance(data, dict) or data.get("fingerprint") != expected:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def save(cache: ReadCache) -> bool:
    """Write this build's entries when they differ from what was loaded.

    Written to a temporary file and renamed, so a build stopped halfway never leaves a
    broken cache. Returns whether the file was written.
    """
    if cache.path is None or cache.used == cache.stored:
        return False
    try:
        cache.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache.path.parent, prefix=".read-cache-")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(
                {"fingerprint": cache.fingerprint, "entries": cache.used},
                out,
                protocol=pickle.HIGHEST_PROTOCOL,
            )
        os.replace(temporary, cache.path)
    except OSError as problem:  # CACHE_PATH is a file, read-only, full...
        log.warning("common: the reader cache was not kept in %s: %s", cache.path, problem)
        return False
    return True


def reading_settings(settings: Mapping) -> dict:
    """The settings the readers read, with `MARKDOWN` as Pelican's reader completes it.

    Pelican's Markdown reader adds an `extensions` list to `MARKDOWN` (the user's own,
    then every key of `extension_configs`, then `markdown.extensions.meta`) the first
    time it starts; before and after that the setting says the same.
    """
    values = {key: settings.get(key) for key in READING_SETTINGS}
    markdown = values.get("MARKDOWN")
    if isinstance(markdown, Mapping):
        extensions = list(markdown.get("extensions") or [])
        for name in [*(markdown.get("extension_configs") or {}), "markdown.extensions.meta"]:
            if name not in extensions:
                extensions.append(name)
        values["MARKDOWN"] = {**markdown, "extensions": extensions}
    return values


def site_reading(settings: Mapping) -> str:
    """A digest of one site's reading settings.

    A language's site may set its own `MARKDOWN` or `DOCUTILS_SETTINGS` in
    `I18N_SUBSITES`, and then reads differently.
    """
    values = reading_settings(settings)
    text = ";".join(f"{key}={stable_repr(value)}" for key, value in values.items())
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def includes_other_files(data: bytes) -> bool:
    """Whether a source pulls in other files when it is read.

    reStructuredText `include` and `literalinclude`, a directive's `:file:` option,
    pymdownx snippets (`--8<--`): its output then depends on more than its own bytes,
    so it is not kept between builds.
    """
    return any(marker in data for marker in INCLUDE_MARKERS)


def file_key(reader_name: str, path: str, data: bytes, reading: str) -> tuple[str, ...]:
    """The stored key of one file read by one reader with one site's `reading` digest."""
    return (reader_name, path, hashlib.sha1(data, usedforsecurity=False).hexdigest(), reading)
