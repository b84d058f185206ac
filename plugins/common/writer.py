"""A Pelican writer that leaves output files alone when their bytes would not change.

Pelican rewrites every page on every build. This writer renders each page as Pelican
does, into `<file>.writing`, and then either removes that (the file already holds the
same bytes: it keeps its modification time, so `rsync`, `make`-style tools and browser
caches see no change) or renames it over the file. Pelican's own checks on writing one
file twice (`override`) apply unchanged: they see the `.writing` name, one per file.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from pelican.writers import Writer

SUFFIX = ".writing"


class _KeptIfSame(io.StringIO):
    """Text written to memory, put on disk at `close()` only if it differs."""

    def __init__(self, handle, target: str, encoding: str):
        super().__init__()
        self._handle = handle  # Pelican's open `<target>.writing`, empty
        self._target = target
        self._encoding = encoding

    def close(self):
        if self.closed:
            return
        data = self.getvalue().encode(self._encoding)
        staging = self._handle.name
        self._handle.close()
        super().close()
        if staging == os.devnull:
            return  # Pelican skipped this write
        if same_bytes(self._target, data):
            os.remove(staging)
            return
        with open(staging, "wb") as out:
            out.write(data)
        os.replace(staging, self._target)


def same_bytes(path: str, data: bytes) -> bool:
    """Whether the file at `path` exists and holds exactly `data`."""
    try:
        if os.path.getsize(path) != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def sync_tree(source: Path, target: Path, keep: Iterable[str] = ()) -> tuple[int, int]:
    """Move `source`'s files into `target`, leaving files with equal bytes untouched.

    `target` ends up holding exactly `source`'s files, but for the entries right inside
    it named in `keep` (Pelican's `OUTPUT_RETENTION`: a `.git` folder), which are left
    alone. `source` is used up. Returns (files written, files removed). Unchanged files
    keep their bytes and their modification time, so a deploy uploads only what
    changed. Both folders must be on one file system (files are renamed, not copied).
    """
    wanted = {path.relative_to(source) for path in source.rglob("*") if path.is_file()}
    if not target.exists():
        os.replace(source, target)
        return len(wanted), 0
    kept = set(keep)
    written = removed = 0
    for path in sorted(target.rglob("*"), reverse=True):
        relative = path.relative_to(target)
        if relative.parts[0] in kept:
            continue
        if (path.is_file() or path.is_symlink()) and relative not in wanted:
            path.unlink()
            removed += 1
        elif path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
            path.rmdir()
    for relative in sorted(wanted):
        new, old = source / relative, target / relative
        if same_bytes(str(old), new.read_bytes()):
            continue
        if old.is_dir():
            shutil.rmtree(old)
        old.parent.mkdir(parents=True, exist_ok=True)
        os.replace(new, old)
        written += 1
    return written, removed


class KeepUnchangedWriter(Writer):
    """Pelican's `Writer`, writing a file only when its bytes change."""

    def _open_w(self, filename, encoding, override=False):
        handle = super()._open_w(filename + SUFFIX, encoding, override=override)
        return _KeptIfSame(handle, filename, encoding)


def writer_class(pelican):
    """`get_writer`: the writer every language's site uses."""
    return KeepUnchangedWriter
