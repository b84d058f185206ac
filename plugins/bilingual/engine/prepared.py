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
import json
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
        sys.stdout.flush()
        sys.stderr.flush()
        read_end, write_end = os.pipe()
        commands = os.pipe() if keep else None
        replies = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: build, then leave without running the parent's cleanup
            os.close(read_end)
            os.close(replies[0])
            if commands:
                os.close(commands[1])
            _build_here(argv, write_end, self.cwd, env, replies[1], commands and commands[0])
        os.close(write_end)
        os.close(replies[1])
        if commands:
            os.close(commands[0])
        return Build(
            argv, pid=pid, output=read_end, replies=replies[0], commands=commands and commands[1]
        )


class Build:
    """A build in a fork of the prepared process (or one already done in a new process).

    `fileno()` is the descriptor its output arrives on (for an event loop); `read()`
    reads what is there (False at the end); `finish()` waits for the end and returns
    (`subprocess.CompletedProcess`, `LiveSite` or None).
    """

    def __init__(self, argv, *, pid=None, output=None, replies=None, commands=None, done=None):
        """A running build's process and pipes, or `done`: a finished build's result."""
        self.argv = argv
        self.pid = pid
        self._output = output
        self._replies = replies
        self._commands = commands
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
        replies = os.fdopen(self._replies, "rb")
        status = _reply(replies)
        code = status.get("built", 1) if status else 1
        if code == 0 and status.get("kept"):
            live = LiveSite(self.pid, os.fdopen(self._commands, "wb", buffering=0), replies)
        else:
            live = None
            replies.close()
            if self._commands is not None:
                os.close(self._commands)
            _, wait_status = os.waitpid(self.pid, 0)
            code = os.waitstatus_to_exitcode(wait_status)
        self._done = subprocess.CompletedProcess(self.argv, code, text, "")
        return self._done, live


def _reply(stream) -> dict | None:
    line = stream.readline()
    if not line:
        return None
    try:
        return json.loads(line)
    except ValueError:
        return None


class LiveSite:
    """A finished build's process, kept to rewrite posts in place (`live.rewrite`).

    `rewrite(paths)` returns {"written": [output files], "seconds": s} or
    {"declined": reason} (a full build is needed). `close()` ends the process.
    """

    def __init__(self, pid: int, commands, replies):
        """The kept process and its two pipes (requests to it, answers from it)."""
        self.pid = pid
        self._commands = commands
        self._replies = replies

    def rewrite(self, paths: Sequence[str]) -> dict:
        """Ask the kept build to rewrite the pages of the content files `paths`."""
        try:
            self._commands.write(
                json.dumps({"rewrite": [os.fspath(p) for p in paths]}).encode() + b"\n"
            )
        except OSError:
            return {"declined": "the kept build has ended"}
        answer = _reply(self._replies)
        return answer or {"declined": "the kept build has ended"}

    def close(self) -> None:
        """End the kept process (it also ends by itself when this process does)."""
        for stream in (self._commands, self._replies):
            with contextlib.suppress(OSError):
                stream.close()
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def _build_here(argv, output_fd, cwd, env, replies_fd, commands_fd=None) -> None:
    """In the forked child: run Pelican's command line, write its output to `output_fd`.

    Then tell the parent how it ended on `replies_fd`; with `commands_fd` (a kept build)
    and success, stay and answer rewrite requests until that pipe closes.
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

        if commands_fd is not None:
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
        with os.fdopen(replies_fd, "wb", buffering=0) as replies:
            replies.write(json.dumps({"built": code, "kept": kept}).encode() + b"\n")
            if kept:
                _answer(sites, commands_fd, replies)
    finally:
        os._exit(code)


def _answer(sites, commands_fd: int, replies) -> None:
    """The kept build's loop: one JSON request per line, one JSON answer per line."""
    from . import live

    with os.fdopen(commands_fd, "rb") as commands:
        for line in commands:
            try:
                paths = json.loads(line)["rewrite"]
            except (ValueError, KeyError, TypeError):
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
            replies.write(json.dumps(answer).encode() + b"\n")
