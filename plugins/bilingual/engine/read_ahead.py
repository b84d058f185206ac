"""Parsing on a second core: half of a cold build's content files read by a fork.

Markdown and docutils parsing is most of a cold build's reading, and Pelican does it
in one process. At the main site's `readers_init`, `start` lists the content files that
no earlier build's reader cache holds (`read_cache`), gives every other one to a child
process (`os.fork`: it has the same reader classes and settings) and lets the build go
on; the child parses its files in order and sends (stored key, HTML, frozen metadata)
back through a pipe. When the build comes to one of the child's files, `ReadAhead.take`
gives the child's result, waiting for it if needed; the build parses its own share
meanwhile, so both cores work.

Exactness: the child's result is the reader's own output, frozen and thawed as the
reader cache does between builds (tests compare whole sites). A file the child could
not read cleanly (an exception, a warning or error logged while reading it, metadata
the cache cannot keep) comes back as "read it yourself", and the build reads it as
before, so every message about a file still comes from the build, in order.

Settings: `READ_AHEAD` (default True; needs `READ_CACHE`). Used from
`READ_AHEAD_MIN_FILES` (default 40) files to read; below that a fork costs more than
it saves. Nothing when `fork` is missing.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import select
import struct
from collections.abc import Iterable, Mapping
from functools import partial
from types import SimpleNamespace

from . import read_cache
from .settings import READ_AHEAD, READ_AHEAD_MIN_FILES

log = logging.getLogger(__name__)

HEADER = struct.Struct("!I")


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
    metadata, messages: none), or None (not the child's, or the child could not read it cleanly).
    """

    def __init__(self, pid: int, fd: int, assigned: set):
        """The child process, the read end of its pipe and the keys it reads."""
        self.pid = pid
        self.fd = fd
        self.assigned = assigned
        self.results: dict = {}
        self.buffer = b""
        self.ended = False

    def _read(self, block: bool) -> None:
        if self.ended:
            return
        if not block and not select.select([self.fd], [], [], 0)[0]:
            return
        chunk = os.read(self.fd, 1 << 20)
        if not chunk:
            self.close()
            return
        self.buffer += chunk
        while len(self.buffer) >= HEADER.size:
            (size,) = HEADER.unpack_from(self.buffer)
            if len(self.buffer) < HEADER.size + size:
                break
            key, value = pickle.loads(self.buffer[HEADER.size : HEADER.size + size])
            self.buffer = self.buffer[HEADER.size + size :]
            self.results[key] = value

    def take(self, key):
        """The child's (html, frozen metadata, ()) for `key`, or None."""
        if key not in self.assigned:
            return None
        self._read(block=False)
        while key not in self.results and not self.ended:
            self._read(block=True)
        self.assigned.discard(key)
        return self.results.pop(key, None)

    def close(self) -> None:
        """Stop listening; end and reap the child."""
        if self.ended:
            return
        self.ended = True
        os.close(self.fd)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, 9)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def start(readers, reader_classes: Mapping, reading_of, stored: Mapping) -> ReadAhead | None:
    """Fork a child that reads every other file no cache holds; None when not worth it.

    `reader_classes`: {suffix: reader class} before any wrapping; `reading_of(cls)`:
    the reading digest the cache keys that class's output with; `stored`: the keys
    earlier builds kept.
    """
    settings = readers.settings
    if not hasattr(os, "fork") or not READ_AHEAD.read(settings):
        return None
    minimum = READ_AHEAD_MIN_FILES.read(settings)
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
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read, send, leave without the parent's cleanup
        os.close(read_end)
        _read_for_parent(settings, theirs, write_end)
    os.close(write_end)
    return ReadAhead(pid, read_end, {key for _path, _cls, key in theirs})


def _read_for_parent(settings, work, fd: int) -> None:
    try:
        messages = _Messages()
        root = logging.getLogger()
        root.handlers = [messages]  # nothing printed twice: the build reports
        for logger in logging.Logger.manager.loggerDict.values():
            if isinstance(logger, logging.Logger):
                logger.handlers = []
                logger.propagate = True
        instances = {}
        with os.fdopen(fd, "wb") as out:
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
                data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
                out.write(HEADER.pack(len(data)) + data)
    finally:
        os._exit(0)
