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

import os
import subprocess
import sys
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path

from . import read_cache
from .subsites import merge_extra_settings, run_pelican


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
        argv = ["-s", self.settings_file, *merge_extra_settings(args, {})]
        if not self.current():
            result = run_pelican(self.settings_file, args, env=env, cwd=self.cwd, capture=True)
            return subprocess.CompletedProcess(
                result.args, result.returncode, result.stdout + result.stderr, ""
            )
        sys.stdout.flush()
        sys.stderr.flush()
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: build, then leave without running the parent's cleanup
            os.close(read_end)
            _build_here(argv, write_end, self.cwd, env)
        os.close(write_end)
        chunks = []
        with os.fdopen(read_end, "rb") as output:
            while chunk := output.read(65536):
                chunks.append(chunk)
        _, status = os.waitpid(pid, 0)
        text = b"".join(chunks).decode("utf-8", "replace")
        return subprocess.CompletedProcess(argv, os.waitstatus_to_exitcode(status), text, "")


def _build_here(argv: list[str], output_fd: int, cwd: Path, env) -> None:
    """In the forked child: run Pelican's command line, write its output to `output_fd`."""
    code = 1
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
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)
