"""Files written only when their bytes change, and a folder moved into another file by file.

Pelican rewrites every file at every build; a deploy (GitHub Pages, rsync) then uploads
them all, and a file watcher sees them all change. These helpers leave a file whose
bytes are the same untouched, modification time included.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path


def same_bytes(path: str, data: bytes) -> bool:
    """Whether the file at `path` exists and holds exactly `data`."""
    try:
        if os.path.getsize(path) != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def same_files(path: str, other: str, block: int = 1 << 16) -> bool:
    """Whether the files at `path` and `other` both exist and hold the same bytes.

    Read `block` bytes at a time. (`filecmp.cmp` keeps results by size and time stamp
    in a module-level cache, which a staging file rewritten within one time stamp
    would fool.)
    """
    try:
        if os.path.getsize(path) != os.path.getsize(other):
            return False
        with open(path, "rb") as one, open(other, "rb") as two:
            while True:
                a, b = one.read(block), two.read(block)
                if a != b:
                    return False
                if not a:
                    return True
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
