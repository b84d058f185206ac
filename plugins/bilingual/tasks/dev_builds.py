"""`invoke serve`'s builds: what each saved file needs, and the builds that do it.

A saved post whose metadata did not change has its pages rewritten in place by the kept
process of the last build (`engine.prepared.LiveSite`), then the whole site is built in
the background; any other change starts a full build. A failing build's report replaces
every page until the next good build.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from ..engine.build_inputs import is_source
from .project import Project

STOP_LINE = "stopped before writing anything"


def build_problems(log: str) -> list[str]:
    """The report lines of a failed build's log (file:line: message; fix), else its end."""
    lines = [line.rstrip() for line in log.splitlines() if line.strip()]
    for number, line in enumerate(lines):
        if STOP_LINE in line:
            return lines[number + 1 :] or lines[-5:]
    return lines[-10:]


class DevelopmentBuilds:
    """`invoke serve`'s builds: a saved post rewritten in place, then the site built in full.

    Files matching `ignores` (the settings' `IGNORE_FILES`: editors' own files in the
    project's settings) start nothing, as the build never reads or copies them.

    `poll()` (called by the server's watcher) compares the watched files with what it
    saw last. When only existing source files of the content folder changed and a kept
    build is alive (`engine.prepared.LiveSite`), their pages are rewritten in place
    and the browser reloaded at once; in every case a full build then runs in the
    background (`PreparedPelican.start(keep=True)`), whose process is kept for the next
    edit. Changes during a full build are rewritten in place at once, then again by the
    build that ended, and another full build follows. The browser reloads when a full
    build changed an HTML file, failed, recovered, or followed a change that could not
    be rewritten in place (a theme, settings or metadata change).

    `failed` holds the last build's report while it is failing (the server shows it).
    """

    def __init__(
        self, prepared, args, env, *, content, watched, ignores, output, reload, root=None
    ):
        """Watch `watched` (folders and files); `reload(path)` tells the browser to reload.

        `root`: the blog's folder, paths inside it are shown relative to it (default: the
        current folder).
        """
        self.project = Project(Path(root or os.getcwd()).resolve())
        self.prepared = prepared
        self.args = args
        self.env = env
        self.content = Path(content).resolve()
        self.watched = [Path(p).resolve() for p in watched]
        self.ignores = tuple(ignores)  # the build's IGNORE_FILES: what it never reads
        self.output = Path(output)
        self.reload = reload
        self.failed: dict[str, list[str]] = {}
        self.live = None
        self.running = None
        self.pending: set[str] = set()
        self.told_new_code = False
        self.keeping = False  # the running build is the first poll's, kept for rewrites
        self.started = 0.0
        self.seen = self.listing()
        self.output_before: list = []
        # Reload after the running build only if it changed a page: it follows edits
        # already rewritten in place (or nothing).
        self.only_if_changed = False

    def listing(self) -> dict[str, tuple[int, int]]:
        """{absolute path: (size, mtime_ns)} of every watched file."""
        from ..engine.build_inputs import tree_listing

        found = {}
        for place in self.watched:
            if place.is_file():
                stat = place.stat()
                found[str(place)] = (stat.st_size, stat.st_mtime_ns)
            else:
                for name, size, mtime in tree_listing(place, self.ignores):
                    found[str(place / name)] = (size, mtime)
        return found

    def output_pages(self) -> list:
        """The output's HTML files with sizes and times (the writer keeps unchanged ones)."""
        from ..engine.build_inputs import tree_listing

        return [entry for entry in tree_listing(self.output) if entry[0].endswith(".html")]

    def poll(self) -> None:
        """Look for changes; rewrite and build as the class says."""
        if self.live is None and self.running is None and not self.failed and self.started == 0:
            self.start_full(only_if_changed=True)  # the first poll: a build to keep
            self.keeping = True
        now = self.listing()
        if now == self.seen:
            return
        changed = {p for p in now.keys() | self.seen.keys() if now.get(p) != self.seen.get(p)}
        in_place = all(
            p in now and p in self.seen and self.in_content(p) and is_source(p) for p in changed
        )
        if not in_place or self.live is None:
            print(f"{self.describe(changed, now)}: building the site")
        self.seen = now
        rewritten = (
            in_place
            and self.live is not None
            and not self.failed
            and self.rewrite(self.live, changed, quiet=False)
        )
        if self.running is not None:
            self.pending |= changed
            self.only_if_changed = self.only_if_changed and rewritten
        else:
            self.start_full(only_if_changed=rewritten)

    def describe(self, changed: set[str], now: dict) -> str:
        """What changed, for the log: the first path (as `shown`) and how."""
        first = sorted(changed)[0]
        how = "added" if first not in self.seen else "removed" if first not in now else "saved"
        shown_path = self.project.shown(Path(first).absolute())
        more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
        return f"{shown_path} {how}{more}"

    def in_content(self, path: str) -> bool:
        """Whether `path` lies in the content folder."""
        return Path(path).is_relative_to(self.content)

    def rewrite(self, live, changed, *, quiet: bool) -> bool:
        """Ask `live` to rewrite the pages of `changed`; reload the browser if it did."""
        answer = live.rewrite(sorted(changed))
        if "written" not in answer:
            if not quiet:
                reason = answer.get("declined", "").strip().splitlines() or ["?"]
                print(f"a full build is needed: {reason[-1]}")
            return False
        shown = [os.path.relpath(path, self.output) for path in answer["written"]]
        if not quiet:
            done = ", ".join(shown) if shown else "no page (the text shows nowhere new)"
            print(f"rewrote {done} in {answer['seconds']:.2f} s")
        if shown:
            self.reload(shown[0])
        return True

    def start_full(self, *, only_if_changed=False) -> None:
        """Start a full build in the background (or at once in a new process)."""
        from tornado.ioloop import IOLoop

        self.only_if_changed = only_if_changed
        self.output_before = self.output_pages()
        self.started = time.perf_counter()
        self.running = self.prepared.start(self.args, env=self.env, keep=True)
        if self.running.fileno() < 0:  # run in a new process: already done
            self.finished()
            return
        IOLoop.current().add_handler(self.running.fileno(), self.readable, IOLoop.READ)

    def readable(self, fd, events) -> None:
        """The event loop's call when the running build printed something or ended."""
        from tornado.ioloop import IOLoop

        if self.running.read():
            return
        IOLoop.current().remove_handler(fd)
        self.finished()

    def finished(self) -> None:
        """A full build ended: report it, keep its process, catch up, reload."""
        result, live = self.running.finish()
        self.running = None
        keeping, self.keeping = self.keeping, False
        if not (keeping and result.returncode == 0):
            # The first poll's build repeats the first build's report: said once.
            print(result.stdout, end="")
        seconds = time.perf_counter() - self.started
        was_failing = bool(self.failed)
        self.failed.clear()
        if self.live is not None:
            self.live.close()
        self.live = live
        if result.returncode != 0:
            self.failed["problems"] = build_problems(result.stdout)
            print(f"build failed after {seconds:.2f} s: the browser shows the report")
        elif keeping and live is not None:  # the first poll's build, kept for rewrites
            print(f"ready: a saved post's pages are rewritten in place ({seconds:.2f} s)")
        else:
            print(f"rebuilt in {seconds:.2f} s")
            if live is None and not self.told_new_code:
                self.told_new_code = True
                print(
                    "a plugin file or an installed package changed: every save is now a "
                    "full build in a new process; restart `invoke serve` to have saved "
                    "posts rewritten in place again"
                )
        if self.pending:  # saved while it ran: bring those pages back, build again
            changed, self.pending = self.pending, set()
            followed = self.only_if_changed
            if live is not None and all(
                p in self.seen and self.in_content(p) and is_source(p) for p in changed
            ):
                followed = self.rewrite(live, changed, quiet=True) and followed
            self.start_full(only_if_changed=followed)
            return
        if (
            self.failed
            or was_failing
            or not self.only_if_changed
            or self.output_pages() != self.output_before
        ):
            self.reload("*")

    def close(self) -> None:
        """End the kept build's process."""
        if self.live is not None:
            self.live.close()
            self.live = None
