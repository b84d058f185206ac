"""The peak memory of a process and every process below it (Linux), sampled.

Used by `build_speed.py` inside each build's own process: `Peak.watch` runs in a thread
and, every `interval` seconds, adds up the proportional set size of the process and its
descendants (their forks, Pagefind) and keeps the largest sum. Proportional set size
(`Pss` in `/proc/PID/smaps_rollup`, Linux 4.14+) counts a page shared by n processes as
1/n in each, so a fork's copy-on-write pages are not counted twice. Where `/proc` does
not tell (another system), the peak stays 0: "unknown".
"""

from __future__ import annotations

import os
import time
from pathlib import Path

PROC = Path("/proc")


def descendants(root: int) -> list[int]:
    """`root` and every process below it, from each process's parent in `/proc/PID/stat`."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        # "pid (name) state ppid ...": the name may hold spaces and parentheses.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, waiting = [], [root]
    while waiting:
        pid = waiting.pop()
        found.append(pid)
        waiting.extend(children.get(pid, ()))
    return found


def pss_kib(pid: int) -> int:
    """A process's proportional set size in KiB; 0 when it cannot be read."""
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


class Peak:
    """The largest tree-wide PSS seen so far, in KiB (`kib`; 0: none seen)."""

    def __init__(self, root: int | None = None):
        self.root = os.getpid() if root is None else root
        self.kib = 0

    def sample(self) -> int:
        """Add up the tree's PSS now; keep it if it is the largest; return it."""
        total = sum(pss_kib(pid) for pid in descendants(self.root)) if PROC.is_dir() else 0
        self.kib = max(self.kib, total)
        return total

    def watch(self, interval: float) -> None:
        """Sample every `interval` seconds, for as long as the process runs."""
        while True:
            self.sample()
            time.sleep(interval)
