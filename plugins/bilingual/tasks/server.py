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

from .dev_builds import DevelopmentBuilds, build_problems
from .project import HOST, PORT, Project, output_argument, passthrough

# The package's own folder: its code and theme are watched like the blog's files.
PACKAGE = Path(__file__).parent.parent
THEME = PACKAGE / "theme"


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


def check_port(port) -> int:
    """`port` as a number, free on `HOST`; raises invoke's `Exit` naming the problem.

    Checked as the server will bind it (`SO_REUSEADDR`), before a long first build.
    """
    if not str(port).isdigit() or not 0 < int(port) < 65536:
        raise Exit(f"--port {port}: give a port number from 1 to 65535", code=1)
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, int(port)))
        except OSError as problem:
            raise Exit(
                f"port {port} on {HOST} is taken ({problem.strerror}): stop the other "
                f"server, or serve on another port: invoke serve --port {int(port) + 1}",
                code=1,
            ) from None
    return int(port)


def first_build(prepared, args, env, builds) -> None:
    """The build before serving (an unchanged site is not built again); its report."""
    started = time.perf_counter()
    result = prepared.build(args, env=env)
    print(result.stdout, end="")
    if result.returncode != 0:
        builds.failed["problems"] = build_problems(result.stdout)
        print("build failed: the browser shows the report")
    else:
        print(f"built in {time.perf_counter() - started:.2f} s")


def server_parts(builds, output: Path, content: Path, langs: list[str]):
    """(static file handler class, watcher class) for livereload's `Server`.

    The handler serves `output` without `.html` in addresses, a failing build's report
    for every page while `builds.failed`, and the site's own 404 page in the path's
    language; the watcher polls `builds` every quarter second.
    """
    from livereload.handlers import StaticFileHandler
    from livereload.watcher import Watcher

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

    return ReportingHandler, BuildingWatcher


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
    from livereload.handlers import LiveReloadHandler

    from ..engine.prepared import PreparedPelican

    port = check_port(port)
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
    builds = DevelopmentBuilds(
        prepared,
        args,
        env,
        content=content,
        watched=[content, *code_folders(settings), project.dev_settings],
        ignores=settings.get("IGNORE_FILES") or (),
        output=output,
        reload=LiveReloadHandler.reload_waiters,
        root=project.root,
    )
    first_build(prepared, args, env, builds)
    handler, watcher = server_parts(builds, output, content, langs)
    server = Server(watcher=watcher())
    server.SFH = handler  # livereload's hook for its static file handler
    print(f"serving {serving_line(f'http://{HOST}:{port}', langs)}")
    try:
        server.serve(host=HOST, port=port, root=str(output), open_url_delay=None)
    finally:
        builds.close()
