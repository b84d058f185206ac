"""Builds for `invoke serve`: each in a fresh process that starts with Pelican loaded.

A build in a new Python process spends about half a second importing Pelican, the
plugins and the Markdown extensions before it reads a file; on a small site that is a
third of a rebuild. `PreparedPelican` imports them once, in the serving process, and
runs each build in a *fork* of it (POSIX `fork`): the child starts with everything
imported and with the module state of a process that never built anything, so
pelican-i18n-subsites' module-level tables and Pelican's logging filters are as fresh as
in a new process, and nothing a build leaves behind reaches the next one.

When the code a fork would run is no longer the code on disk (a plugin file or the set of
installed distributions changed, or `fork` is not available), `build` runs Pelican in a
new process instead (`subsites.run_pelican`), which always reads the current code.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..core.findings import BuildStopped
from ..subsites import merge_extra_settings, run_pelican
from . import read_cache


def code_state(settings: Mapping) -> tuple:
    """What the loaded code depends on: plugin files (path, size, mtime) and distributions."""
    files = []
    for path in read_cache.plugin_sources(settings, pattern="*.py"):
        try:
            stat = path.stat()
        except OSError:
            continue
        files.append((str(path), stat.st_size, stat.st_mtime_ns))
    distributions = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        distributions += [n for n in names if n.endswith((".dist-info", ".egg-info"))]
    return tuple(files), tuple(sorted(distributions))


class PreparedPelican:
    """Pelican, the plugins in a settings file's `PLUGINS` and its Markdown, imported once.

    `PreparedPelican(settings_file, cwd)`: imports them (raises what Pelican raises on a
    settings file it cannot read). `build(args, env=...)` runs one build and returns a
    `subprocess.CompletedProcess` (stdout: the build's output, stderr: "").
    """

    def __init__(self, settings_file, cwd) -> None:
        """Import Pelican, the plugins and the Markdown extensions the settings name."""
        self.settings_file = os.fspath(settings_file)
        self.cwd = Path(cwd)
        import markdown
        from pelican.plugins._utils import load_plugins
        from pelican.settings import read_settings

        previous = os.getcwd()
        os.chdir(self.cwd)
        try:
            settings = read_settings(self.settings_file)
            load_plugins(settings)
            options = dict(settings.get("MARKDOWN") or {})
            markdown.Markdown(
                extensions=list(options.get("extension_configs", {})),
                extension_configs=options.get("extension_configs", {}),
            )
            self.settings_path = [str(p) for p in settings.get("PLUGIN_PATHS") or []]
            self.loaded = code_state(settings)
            self.plugins = {"PLUGINS": settings.get("PLUGINS"), "PLUGIN_PATHS": self.settings_path}
        finally:
            os.chdir(previous)

    def current(self) -> bool:
        """Whether the imported code is still the code on disk (and `fork` exists)."""
        if not hasattr(os, "fork"):
            return False
        previous = os.getcwd()
        os.chdir(self.cwd)
        try:
            return code_state(self.plugins) == self.loaded
        finally:
            os.chdir(previous)

    def build(
        self, args: Sequence[str] = (), *, env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess:
        """Run one build with `args` (Pelican's command line, after `-s settings`).

        In a fork when the loaded code is current, else in a new process. The build's
        standard output and error come back together as `stdout`.
        """
        return self.start(args, env=env).finish()[0]

    def start(
        self, args: Sequence[str] = (), *, env: Mapping[str, str] | None = None, keep=False
    ) -> Build:
        """Start one build; `Build.finish()` waits for it, `Build.read()` reads as it runs.

        `keep=True`: the build reads every post even when nothing changed
        (`BUILD_RECORD="rebuild"`) and, when it succeeds, its process stays to rewrite
        posts in place (`Build.finish()` returns a `LiveSite`). Not in a fork (the code
        on disk changed), the build runs in a new process to its end, and nothing stays.
        """
        overrides = {"BUILD_RECORD": '"rebuild"'} if keep else {}
        argv = ["-s", self.settings_file, *merge_extra_settings(args, overrides)]
        if not self.current():
            result = run_pelican(self.settings_file, args, env=env, cwd=self.cwd, capture=True)
            done = subprocess.CompletedProcess(
                result.args, result.returncode, result.stdout + result.stderr, ""
            )
            return Build(argv, done=done)
        # `os.fork` rather than a `multiprocessing` process: the kept build must end when
        # this process does (its connection closes), where multiprocessing would wait for
        # it at exit; what goes between them is a `multiprocessing.Pipe`, one object each.
        sys.stdout.flush()
        sys.stderr.flush()
        read_end, write_end = os.pipe()  # the build's stdout and stderr, as raw bytes
        ours, theirs = multiprocessing.Pipe()  # how it ended; then rewrites asked, answered
        pid = os.fork()
        if pid == 0:  # the child: build, then leave without running the parent's cleanup
            os.close(read_end)
            ours.close()
            _build_here(argv, write_end, self.cwd, env, theirs, keep)
        os.close(write_end)
        theirs.close()
        return Build(argv, pid=pid, output=read_end, connection=ours)


class Build:
    """A build in a fork of the prepared process (or one already done in a new process).

    `fileno()` is the descriptor its output arrives on (for an event loop); `read()`
    reads what is there (False at the end); `finish()` waits for the end and returns
    (`subprocess.CompletedProcess`, `LiveSite` or None).
    """

    def __init__(self, argv, *, pid=None, output=None, connection=None, done=None):
        """A running build's process, output pipe and connection, or `done`: a result."""
        self.argv = argv
        self.pid = pid
        self._output = output
        self._connection = connection
        self._chunks: list[bytes] = []
        self._done = done

    def fileno(self) -> int:
        """The descriptor the build's output arrives on (-1 for a build already done)."""
        return -1 if self._output is None else self._output

    def read(self) -> bool:
        """Read what the build has printed (blocks until there is some); False at its end."""
        if self._output is None:
            return False
        chunk = os.read(self._output, 65536)
        if chunk:
            self._chunks.append(chunk)
            return True
        return False

    def finish(self) -> tuple[subprocess.CompletedProcess, LiveSite | None]:
        """Wait for the build's end; its result, and the process kept if it stays."""
        if self._done is not None:
            return self._done, None
        while self.read():
            pass
        os.close(self._output)
        self._output = None
        text = b"".join(self._chunks).decode("utf-8", "replace")
        status = _receive(self._connection)
        code = status.get("built", 1) if status else 1
        if code == 0 and status.get("kept"):
            live = LiveSite(self.pid, self._connection)
        else:
            live = None
            self._connection.close()
            _, wait_status = os.waitpid(self.pid, 0)
            code = os.waitstatus_to_exitcode(wait_status)
        self._done = subprocess.CompletedProcess(self.argv, code, text, "")
        return self._done, live


def _receive(connection) -> dict | None:
    """The next object from `connection`, or None when the other end has closed."""
    try:
        return connection.recv()
    except (EOFError, OSError):
        return None


class LiveSite:
    """A finished build's process, kept to rewrite posts in place (`live.rewrite`).

    `rewrite(paths)` returns {"written": [output files], "seconds": s} or
    {"declined": reason} (a full build is needed). `close()` ends the process.
    """

    def __init__(self, pid: int, connection):
        """The kept process and the connection its requests and answers go through."""
        self.pid = pid
        self._connection = connection

    def rewrite(self, paths: Sequence[str]) -> dict:
        """Ask the kept build to rewrite the pages of the content files `paths`."""
        try:
            self._connection.send({"rewrite": [os.fspath(p) for p in paths]})
        except OSError:
            return {"declined": "the kept build has ended"}
        return _receive(self._connection) or {"declined": "the kept build has ended"}

    def close(self) -> None:
        """End the kept process (it also ends by itself when this process does)."""
        with contextlib.suppress(OSError):
            self._connection.close()  # the kept build's loop ends on this
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def _build_here(argv, output_fd, cwd, env, connection, keep: bool) -> None:
    """In the forked child: run Pelican's command line, write its output to `output_fd`.

    Then send the parent how it ended ({"built": exit code, "kept": bool}) on
    `connection`; when `keep` and the build succeeded, stay and answer rewrite requests
    until the parent closes its end. Exits with the build's exit code.
    """
    code = 1
    sites = None
    try:
        os.dup2(output_fd, 1)
        os.dup2(output_fd, 2)
        os.close(output_fd)
        # The parent may have replaced sys.stdout (a test runner's capture): write to the fds.
        sys.stdout = open(1, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
        os.chdir(cwd)
        if env is not None:
            os.environ.clear()
            os.environ.update(env)
        import pelican

        if keep:
            from . import live

            sites = live.BuiltSites()
            sites.connect()
        sys.argv = ["pelican", *argv]
        try:
            pelican.main(argv)
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
            if isinstance(stop.code, str):
                print(stop.code, file=sys.stderr)
    except BaseException:
        traceback.print_exc()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        kept = code == 0 and sites is not None and bool(sites.generators)
        # The parent reads the output to its end: close it before saying how it went.
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        connection.send({"built": code, "kept": kept})
        if kept:
            _answer(sites, connection)
        connection.close()
    finally:
        os._exit(code)  # not the parent's cleanup (atexit handlers, open files)


def _answer(sites, connection) -> None:
    """The kept build's loop: one request {"rewrite": [paths]} in, one answer out."""
    from . import live

    while (request := _receive(connection)) is not None:
        paths = request.get("rewrite") if isinstance(request, dict) else None
        if not isinstance(paths, list):
            break
        started = time.perf_counter()
        try:
            answer = {"written": live.rewrite(sites, paths)}
        except live.NotInPlace as why:
            answer = {"declined": str(why)}
        except BuildStopped as why:  # a page that cannot be written
            answer = {"declined": str(why)}
        except Exception:  # anything else: the full build that follows will say
            answer = {"declined": traceback.format_exc(limit=-3)}
        answer["seconds"] = round(time.perf_counter() - started, 4)
        connection.send(answer)
