"""Parsing on a second core: half of a cold build's content files read by a fork.

Markdown and docutils parsing is most of a cold build's reading, and Pelican does it
in one process. At the main site's `readers_init`, `start` lists the content files that
no earlier build's reader cache holds (`read_cache`), gives every other one to a child
process (a `multiprocessing` process started by fork: it has the same reader classes
and settings, nothing pickled) and lets the build go on; the child parses its files in
order and sends (stored key, HTML, frozen metadata) back through a `multiprocessing.Pipe`.
When the build comes to one of the child's files, `ReadAhead.take` gives the child's
result, waiting for it if needed; the build parses its own share meanwhile, so both
cores work.

Exactness: the child's result is the reader's own output, frozen and thawed as the
reader cache does between builds (tests compare whole sites). A file the child could
not read cleanly (an exception, a warning or error logged while reading it, metadata
the cache cannot keep) comes back as "read it yourself", and the build reads it as
before, so every message about a file still comes from the build, in order.

Settings: `BUILD_READ_AHEAD` (default True; needs `BUILD_READ_CACHE`). Used from
`BUILD_READ_AHEAD_MIN_FILES` (default 40) files to read; below that a fork costs more than
it saves. Nothing where the fork start method is missing (Windows).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Iterable, Mapping
from functools import partial
from types import SimpleNamespace

from . import read_cache
from .settings import BUILD_READ_AHEAD, BUILD_READ_AHEAD_MIN_FILES

log = logging.getLogger(__name__)


def reading_order(settings: Mapping, extensions: Iterable[str]) -> list[str]:
    """Absolute paths of the posts, then the pages, in the order Pelican reads them.

    Pelican's generators collect their files in a set (`Generator.get_files`), so they
    read them in that set's order, which changes from one process to the next; the
    child, a fork of the build, builds the same set with Pelican's own function and
    follows it, so that it reads each file about when the build asks for it.
    `extensions`: the suffixes of the enabled readers (no dot).
    """
    from pelican.generators import Generator

    stand_in = SimpleNamespace(path=settings["PATH"], settings=settings)
    stand_in._include_path = partial(Generator._include_path, stand_in)
    extensions = tuple(extensions)
    found: dict[str, None] = {}
    for paths, excludes in (("ARTICLE_PATHS", "ARTICLE_EXCLUDES"), ("PAGE_PATHS", "PAGE_EXCLUDES")):
        for name in Generator.get_files(
            stand_in, settings[paths], exclude=settings[excludes], extensions=extensions
        ):
            found.setdefault(os.path.abspath(os.path.join(settings["PATH"], name)))
    return list(found)


def shares(items: list, workers: int = 2) -> list[list]:
    """`items` dealt in turn to `workers` hands: [items[0::n], items[1::n], ...]."""
    return [items[start::workers] for start in range(workers)]


class _Messages(logging.Handler):
    """Notes that a warning or error was logged (in the child, while reading a file)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, entry):
        self.seen = True


class ReadAhead:
    """The child's results, as the build asks for them.

    `assigned`: the stored keys the child reads. `take(key)` returns (html, frozen
    metadata, messages: none), or None (not the child's, or the child could not read it
    cleanly). The child is a `multiprocessing` process started by fork; its results come
    through the read end of a `multiprocessing.Pipe`, one (key, value) object per file.
    """

    def __init__(self, process, connection, assigned: set):
        """The started child, the read end of its pipe and the keys it reads."""
        self.process = process
        self.connection = connection
        self.assigned = assigned
        self.results: dict = {}
        self.ended = False

    def _receive(self, block: bool) -> None:
        while not self.ended and (block or self.connection.poll()):
            try:
                key, value = self.connection.recv()
            except (EOFError, OSError):  # the child has finished (or died)
                self.close()
                return
            self.results[key] = value
            if block:
                return

    def take(self, key):
        """The child's (html, frozen metadata, ()) for `key`, or None."""
        if key not in self.assigned:
            return None
        self._receive(block=False)
        while key not in self.results and not self.ended:
            self._receive(block=True)
        self.assigned.discard(key)
        return self.results.pop(key, None)

    def close(self) -> None:
        """Stop listening; end and reap the child."""
        if self.ended:
            return
        self.ended = True
        self.connection.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


def start(readers, reader_classes: Mapping, reading_of, stored: Mapping) -> ReadAhead | None:
    """Fork a child that reads every other file no cache holds; None when not worth it.

    `reader_classes`: {suffix: reader class} before any wrapping; `reading_of(cls)`:
    the reading digest the cache keys that class's output with; `stored`: the keys
    earlier builds kept.
    """
    settings = readers.settings
    if "fork" not in multiprocessing.get_all_start_methods() or not BUILD_READ_AHEAD.read(settings):
        return None
    minimum = BUILD_READ_AHEAD_MIN_FILES.read(settings)
    paths = reading_order(settings, [suffix for suffix, cls in reader_classes.items() if cls])
    if len(paths) < minimum:
        return None
    work = []
    for path in paths:
        cls = reader_classes.get(os.path.splitext(path)[1].lstrip("."))
        if cls is None:
            continue
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            continue
        if read_cache.includes_other_files(data):
            continue
        key = read_cache.file_key(cls.__name__, path, data, reading_of(cls))
        if key not in stored:
            work.append((path, cls, key))
    if len(work) < minimum:
        return None
    _mine, theirs = shares(work)
    # Fork, not spawn: the child has the build's reader classes, plugins and settings
    # as they are now, and nothing (not the settings, not the classes) is pickled.
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(
        target=_read_for_parent, args=(settings, theirs, sending), name="read-ahead", daemon=True
    )
    process.start()
    sending.close()  # the child's end: the build only reads
    return ReadAhead(process, receiving, {key for _path, _cls, key in theirs})


def _read_for_parent(settings, work, connection) -> None:
    """In the child: read `work` in order and send (key, value) for each file."""
    messages = _Messages()
    root = logging.getLogger()
    root.handlers = [messages]  # nothing printed twice: the build reports
    for logger in logging.Logger.manager.loggerDict.values():
        if isinstance(logger, logging.Logger):
            logger.handlers = []
            logger.propagate = True
    instances = {}
    for path, cls, key in work:
        messages.seen = False
        value = None
        try:
            reader = instances.get(cls) or instances.setdefault(cls, cls(settings))
            html, metadata = cls.read(reader, path)
            frozen = read_cache.freeze_metadata(metadata)
            if frozen is not None and not messages.seen:
                value = (html, frozen, ())
        except Exception:  # the build reads it and reports
            value = None
        try:
            connection.send((key, value))
        except (BrokenPipeError, OSError):  # the build stopped listening
            return
    connection.close()
