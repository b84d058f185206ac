"""`invoke serve`: build, serve the output on 127.0.0.1, rebuild and reload on every save.

`DevelopmentBuilds` decides what a change needs (a saved post's pages rewritten in place
by the kept build's process, then a full build in the background); the server is
livereload's, with a handler that shows a failing build's report in every page's
language and the site's own 404 page for a missing one.
"""

from __future__ import annotations

import os
import socket
import sys
import time
from pathlib import Path

from invoke import Exit, task
from pelican.settings import DEFAULT_CONFIG

from ..engine.build_inputs import is_source
from .project import HOST, PORT, Project, output_argument, passthrough

# The package's own folder: its code and theme are watched like the blog's files.
PACKAGE = Path(__file__).parent.parent
THEME = PACKAGE / "theme"


STOP_LINE = "stopped before writing anything"


def build_problems(log: str) -> list[str]:
    """The report lines of a failed build's log (file:line: message; fix), else its end."""
    lines = [line.rstrip() for line in log.splitlines() if line.strip()]
    for number, line in enumerate(lines):
        if STOP_LINE in line:
            return lines[number + 1 :] or lines[-5:]
    return lines[-10:]


def build_error_page(problems: list[str], lang: str) -> str:
    """The browser's page for a failed development build, UI text in `lang`."""
    import jinja2

    from ..localization.l10n import load_catalog

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(THEME / "templates")),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
    )
    catalog = load_catalog(str(THEME / "translations"), lang)
    if catalog is not None:
        env.install_gettext_translations(catalog, newstyle=True)
    else:
        env.install_null_translations(newstyle=True)
    return env.get_template("build_error.html").render(lang=lang, problems=problems)


def code_folders(settings) -> list[Path]:
    """The theme in use, this package, and the plugin folders of `PLUGIN_PATHS`."""
    theme = settings.get("THEME")
    themes = [THEME] if not theme or theme == DEFAULT_CONFIG["THEME"] else [Path(theme)]
    overrides = [Path(p) for p in settings.get("THEME_TEMPLATES_OVERRIDES") or ()]
    plugins = [Path(p) for p in settings.get("PLUGIN_PATHS") or ()]
    return list(dict.fromkeys([*themes, *overrides, PACKAGE, *plugins]))


def serving_line(address: str, langs: list[str]) -> str:
    """The main site's address, then each other language's by its English name.

    `("http://127.0.0.1:8000", ["en", "ko"])` gives
    `"http://127.0.0.1:8000/ (Korean: http://127.0.0.1:8000/ko/)"`.
    """
    from ..localization.l10n import language_name

    others = ", ".join(f"{language_name(lang, 'en')}: {address}/{lang}/" for lang in langs[1:])
    return f"{address}/" + (f" ({others})" if others else "")


def extensionless(output: Path, path: str) -> str:
    """`path`, or `path.html` when only that exists: as GitHub Pages serves `/about`."""
    if path and not (output / path).exists() and (output / f"{path}.html").is_file():
        return f"{path}.html"
    return path


def page_lang(path: str, langs: list[str]) -> str:
    """The language of a requested path: `/ko/...` is Korean, anything else the main one."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in langs[1:] else langs[0]


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


@task(help={"port": f"the port to serve on (default {PORT})"})
def serve(c, port=str(PORT)):
    """Serve the site on 127.0.0.1, rebuilt and reloaded as you save.

    A saved post whose metadata did not change has its pages rewritten in place at once
    (a few milliseconds); the rest of the site follows from a full build in the
    background (`DevelopmentBuilds`). While the content cannot be built, every page
    shows the build's report (in the page's language) instead of the last good site,
    which comes back on the next successful build.
    """
    from livereload import Server
    from livereload.handlers import LiveReloadHandler, StaticFileHandler
    from livereload.watcher import Watcher

    from ..engine.prepared import PreparedPelican

    if not str(port).isdigit() or not 0 < int(port) < 65536:
        raise Exit(f"--port {port}: give a port number from 1 to 65535", code=1)
    with socket.socket() as probe:  # as the server will bind it, before a long build
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, int(port)))
        except OSError as problem:
            raise Exit(
                f"port {port} on {HOST} is taken ({problem.strerror}): stop the other "
                f"server, or serve on another port: invoke serve --port {int(port) + 1}",
                code=1,
            ) from None
    project = Project.of(c)
    settings = project.settings()
    langs = project.langs(settings)
    # Pelican and the plugins imported once; each rebuild runs in a fork of this process.
    prepared = PreparedPelican(project.dev_settings, project.root)

    env = dict(os.environ)
    if not sys.stdout.isatty():
        env.setdefault("COLUMNS", "250")  # as `invoke build`: no wrapping mid-path in logs
    args = passthrough(c)
    given = output_argument(args)[1]
    output = Path(given) if given else project.output
    # The content folder given after `--` (`invoke serve -- mysite`), else the settings' PATH.
    folders = [Path(arg) for arg in args if not arg.startswith("-") and Path(arg) != output]
    content = next((folder for folder in folders if folder.is_dir()), Path(settings["PATH"]))

    def reload(path):
        LiveReloadHandler.reload_waiters(path)

    builds = DevelopmentBuilds(
        prepared,
        args,
        env,
        content=content,
        watched=[content, *code_folders(settings), project.dev_settings],
        ignores=settings.get("IGNORE_FILES") or (),
        output=output,
        reload=reload,
        root=project.root,
    )

    # The first build, before serving: an unchanged site is not built again.
    started = time.perf_counter()
    result = prepared.build(args, env=env)
    print(result.stdout, end="")
    if result.returncode != 0:
        builds.failed["problems"] = build_problems(result.stdout)
        print("build failed: the browser shows the report")
    else:
        print(f"built in {time.perf_counter() - started:.2f} s")

    class ReportingHandler(StaticFileHandler):
        def get(self, path, include_body=True):
            if builds.failed and (path == "" or path.endswith(("/", ".html"))):
                self.set_status(500)
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.finish(build_error_page(builds.failed["problems"], page_lang(path, langs)))
                return None
            return super().get(extensionless(output, path), include_body)

        def write_error(self, status_code, **kwargs):
            # A missing page: the site's own 404 page in the path's language, as a
            # static host serves it (GitHub Pages: the 404.html at the site's root).
            if status_code == 404:
                lang = page_lang(self.request.path, langs)
                page = output / ("404.html" if lang == langs[0] else f"{lang}/404.html")
                if page.is_file():
                    self.set_header("Content-Type", "text/html; charset=utf-8")
                    self.finish(page.read_bytes())
                    return
            super().write_error(status_code, **kwargs)

    class BuildingWatcher(Watcher):
        """livereload's watcher, polling every quarter second; the builds decide reloads."""

        def __init__(self):
            super().__init__()
            self.watch(str(content))  # livereload watches the working folder when empty

        def start(self, callback):
            from tornado.ioloop import PeriodicCallback

            PeriodicCallback(callback, 250).start()
            return True

        def examine(self):
            builds.poll()
            return None, None

    server = Server(watcher=BuildingWatcher())
    server.SFH = ReportingHandler  # livereload's hook for its static file handler
    print(f"serving {serving_line(f'http://{HOST}:{port}', langs)}")
    try:
        server.serve(host=HOST, port=int(port), root=str(output), open_url_delay=None)
    finally:
        builds.close()
