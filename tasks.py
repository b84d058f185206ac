"""Tasks for writing, building and checking the site: `invoke --list` shows them.

Site tasks run Pelican with this project's settings, theme and plugins, in a process
of its own (`common.subsites.run_pelican`). Anything after `--` goes to Pelican as
typed, quotes included, so `invoke build -- other/content -o /tmp/site` builds another
content folder the same way, and `-e KEY=VALUE` settings add to the task's own.
"""

import datetime
import itertools
import json
import os
import re
import shlex
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
CACHE = ROOT / "cache"
THEME = ROOT / "theme"
DEV_SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
TRANSLATIONS = THEME / "translations"
WORKFLOWS = ROOT / ".github" / "workflows"
HOST = "127.0.0.1"
PORT = 8000

sys.path.insert(0, str(ROOT / "plugins"))
from common.build_inputs import is_source  # noqa: E402
from common.subsites import run_pelican  # noqa: E402
from common.writer import sync_tree  # noqa: E402

# A metadata line of a Markdown post (`Key: value`) or of a reStructuredText one (`:key: v`).
MD_FIELD = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*)$")
RST_FIELD = re.compile(r"^:([A-Za-z][A-Za-z0-9_-]*):\s*(.*)$")
# The language a file name gives: `<slug>.<lang>.md`.
NAME_LANG = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)$")


def passthrough(c) -> list[str]:
    """The arguments after `--`, as the shell gave them to this process."""
    if "--" in sys.argv:
        return sys.argv[sys.argv.index("--") + 1 :]
    return shlex.split(c.remainder or "")


def pelican(c, settings, *, output=None, overrides=None, fail=True):
    """Run Pelican on `settings` with the pass-through arguments; Exit on failure."""
    args = passthrough(c) + (["-o", str(output)] if output is not None else [])
    env = dict(os.environ)
    if not sys.stdout.isatty():
        # In CI logs and pipes Pelican's messages would wrap at 80 columns, mid-path.
        env.setdefault("COLUMNS", "250")
    result = run_pelican(settings, args, overrides=overrides, cwd=ROOT, env=env)
    if fail and result.returncode != 0:
        raise Exit(code=result.returncode)
    return result


@task
def clean(c):
    """Remove the generated site and the caches (nothing else)."""
    for folder in (OUTPUT, *cache_folders()):
        if folder.is_dir():
            shutil.rmtree(folder)
            print(f"removed {folder.relative_to(ROOT)}/")


def cache_folders() -> list[Path]:
    """cache/ and the settings' `CACHE_PATH`, when it is a folder of its own in the project.

    A `CACHE_PATH` outside the project, or one that is the project, its content, theme or
    plugins, is never removed.
    """
    folders = [CACHE]
    configured = Path(site_settings().get("CACHE_PATH") or CACHE).resolve()
    protected = {ROOT, ROOT / "content", ROOT / "theme", ROOT / "plugins", ROOT / "tests"}
    if configured.is_relative_to(ROOT) and not any(
        configured == p or p.is_relative_to(configured) for p in protected
    ):
        folders.append(configured)
    return list(dict.fromkeys(folders))


STRICT = {"BILINGUAL_STRICT": "true"}
# Pelican's draft settings: empty, nothing is written for a draft.
DRAFT_SETTINGS = (
    "DRAFT_SAVE_AS",
    "DRAFT_LANG_SAVE_AS",
    "DRAFT_PAGE_SAVE_AS",
    "DRAFT_PAGE_LANG_SAVE_AS",
)


def publishing(environ) -> dict[str, str]:
    """What every `invoke publish` and `preview` is, whatever publishconf.py says.

    A writer's own publishconf.py (pelican-quickstart's) writes drafts and runs no
    checks: here no draft is written or listed, the built site must pass its checks
    (`PUBLISH_CHECKS`), and `SITEURL` comes from the environment when set there.
    Values are JSON, as Pelican's `-e` reads them.
    """
    values = {key: '""' for key in DRAFT_SETTINGS}
    values["PUBLISH_CHECKS"] = "true"
    if environ.get("SITEURL"):
        values["SITEURL"] = json.dumps(environ["SITEURL"].rstrip("/"))
    return values


@task(help={"strict": "fail on warnings as well as errors"})
def build(c, strict=False):
    """Build the development site (drafts visible) into output/."""
    pelican(c, DEV_SETTINGS, overrides=STRICT if strict else None)


@task(help={"strict": "fail on warnings as well as errors"})
def check(c, strict=False):
    """Validate the content without writing a site: findings, summary, translation status."""
    overrides = {"BILINGUAL_CHECK_ONLY": "true", **(STRICT if strict else {})}
    pelican(c, DEV_SETTINGS, overrides=overrides)


@task(clean, build)
def rebuild(c):
    """Clean, then build."""


@task
def preview(c):
    """Build with the publishing settings into output/ (SITEURL from the environment)."""
    pelican(c, PUBLISH_SETTINGS, overrides=publishing(os.environ))


@task(
    help={
        "output": "folder to publish into (default: output/)",
        "strict": "fail on warnings as well as errors",
    }
)
def publish(c, output=str(OUTPUT), strict=False):
    """Build the production site in a temporary folder, check it, then move it into output/."""
    target = Path(output).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".publish-", dir=target.parent) as tmp:
        staged = Path(tmp) / "site"
        overrides = {**publishing(os.environ), **(STRICT if strict else {})}
        result = pelican(c, PUBLISH_SETTINGS, output=staged, overrides=overrides, fail=False)
        if result.returncode != 0:
            raise Exit(f"publish failed: {target} was left as it was", code=result.returncode)
        # Into place file by file: files whose bytes did not change keep their time (a
        # deploy uploads what changed), and OUTPUT_RETENTION entries (.git) are kept.
        written, removed = sync_tree(staged, target, keep=publish_retention())
    print(f"published into {target} ({written} files written, {removed} removed)")


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
    from localization.l10n import load_catalog

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(THEME / "templates")),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
    )
    catalog = load_catalog(str(TRANSLATIONS), lang)
    if catalog is not None:
        env.install_gettext_translations(catalog, newstyle=True)
    else:
        env.install_null_translations(newstyle=True)
    return env.get_template("build_error.html").render(lang=lang, problems=problems)


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
    build is alive (`common.prepared.LiveSite`), their pages are rewritten in place
    and the browser reloaded at once; in every case a full build then runs in the
    background (`PreparedPelican.start(keep=True)`), whose process is kept for the next
    edit. Changes during a full build are rewritten in place at once, then again by the
    build that ended, and another full build follows. The browser reloads when a full
    build changed an HTML file, failed, recovered, or followed a change that could not
    be rewritten in place (a theme, settings or metadata change).

    `failed` holds the last build's report while it is failing (the server shows it).
    """

    def __init__(self, prepared, args, env, *, content, watched, ignores, output, reload):
        """`watched`: folders and files; `reload(path)`: tell the browser to reload."""
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
        from common.build_inputs import tree_listing

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
        from common.build_inputs import tree_listing

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
        shown_path = shown(Path(first).absolute())
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
    """Build, then serve output/ on 127.0.0.1 with live reload on content, theme and settings.

    A saved post whose metadata did not change has its pages rewritten in place at once
    (a few milliseconds); the rest of the site follows from a full build in the
    background (`DevelopmentBuilds`). While the content cannot be built, every page
    shows the build's report (in the page's language) instead of the last good site,
    which comes back on the next successful build.
    """
    from common.prepared import PreparedPelican
    from livereload import Server
    from livereload.handlers import LiveReloadHandler, StaticFileHandler
    from livereload.watcher import Watcher

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
    settings = site_settings()
    langs = [settings["DEFAULT_LANG"], *settings.get("I18N_SUBSITES", {})]
    # Pelican and the plugins imported once; each rebuild runs in a fork of this process.
    prepared = PreparedPelican(DEV_SETTINGS, ROOT)

    env = dict(os.environ)
    if not sys.stdout.isatty():
        env.setdefault("COLUMNS", "250")  # as `invoke build`: no wrapping mid-path in logs
    args = passthrough(c)
    output = next(
        (Path(args[i + 1]) for i, arg in enumerate(args[:-1]) if arg in ("-o", "--output")),
        OUTPUT,
    )
    # The content folder given after `--` (`invoke serve -- mysite`), else content/.
    folders = [Path(arg) for arg in args if not arg.startswith("-") and Path(arg) != output]
    content = next((folder for folder in folders if folder.is_dir()), CONTENT)

    def reload(path):
        LiveReloadHandler.reload_waiters(path)

    builds = DevelopmentBuilds(
        prepared,
        args,
        env,
        content=content,
        watched=[content, THEME, DEV_SETTINGS, ROOT / "plugins"],
        ignores=settings.get("IGNORE_FILES") or (),
        output=output,
        reload=reload,
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
            return super().get(path, include_body)

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
    print(f"serving http://{HOST}:{port}/ (Korean: http://{HOST}:{port}/ko/)")
    try:
        server.serve(host=HOST, port=int(port), root=str(output), open_url_delay=None)
    finally:
        builds.close()


@task
def test(c):
    """Run the test suite (arguments after -- go to pytest)."""
    c.run(shlex.join([sys.executable, "-m", "pytest", *passthrough(c)]), pty=False)


def tool(name: str) -> str:
    """A command installed beside this Python (bin/ or Scripts/), else on PATH."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise Exit(f"{name} is not installed: pip install -r requirements-dev.txt", code=1)
    return found


@task
def lint(c):
    """ruff (code and format), then actionlint (with ShellCheck) and zizmor on the workflows."""
    c.run(f"{sys.executable} -m ruff check .", pty=False)
    c.run(f"{sys.executable} -m ruff format --check .", pty=False)
    workflows = [str(path) for path in sorted(WORKFLOWS.glob("*.yml"))]
    # ShellCheck is named explicitly: actionlint silently skips `run:` scripts without it.
    c.run(
        shlex.join([tool("actionlint"), "-shellcheck", tool("shellcheck"), *workflows]),
        pty=False,
    )
    # Offline, no config, no ignore comments: every finding counts. Tokens are dropped so
    # that zizmor never goes online.
    env = {k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN")}
    zizmor = [tool("zizmor"), "--offline", "--no-config", "--no-ignores", "--persona=pedantic"]
    c.run(
        shlex.join([*zizmor, *workflows]),
        pty=False,
        env=env,
        replace_env=True,
    )


def read_fields(path: Path) -> dict[str, str]:
    """A post's metadata fields as typed (lowercased keys), Markdown or rst; no Pelican."""
    fields: dict[str, str] = {}
    pattern = RST_FIELD if path.suffix == ".rst" else MD_FIELD
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines()):
        match = pattern.match(line)
        if match:
            fields.setdefault(match.group(1).lower(), match.group(2).strip())
        elif path.suffix != ".rst" and (not line.strip() or number == 0):
            break
    return fields


def next_series_index(posts, series_id: str, subseries: str | None, resolve) -> int:
    """The number after the highest `Series_index` of a (sub-)series in any language.

    `posts` is [(path, fields)]; `resolve(name)` gives a `Series:` name's id.
    """
    numbers = [
        int(fields["series_index"])
        for _path, fields in posts
        if fields.get("series")
        and resolve(fields["series"]) == series_id
        and (fields.get("subseries") or None) == subseries
        and fields.get("series_index", "").isdigit()
    ]
    return max(numbers, default=0) + 1


def post_text(fields: dict[str, str], body: str) -> str:
    """A Markdown post: the metadata block in `fields`' order, a blank line, the body."""
    head = "\n".join(f"{key}: {value}" for key, value in fields.items() if value)
    return f"{head}\n\n{body.rstrip()}\n"


def shown(path: Path) -> Path:
    """A path as the writer would type it: relative to the project when inside it."""
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def publish_retention() -> list[str]:
    """`OUTPUT_RETENTION` of the publishing settings: entries of output/ left in place."""
    from pelican.settings import read_settings

    return list(read_settings(str(PUBLISH_SETTINGS)).get("OUTPUT_RETENTION") or [])


def site_settings() -> dict:
    """The development settings as Pelican reads them."""
    from pelican.settings import read_settings

    return read_settings(str(DEV_SETTINGS))


def content_posts(content: Path) -> list:
    """[(path, fields)] of every Markdown and rst file under `content`."""
    return [
        (path, read_fields(path))
        for path in sorted(content.rglob("*"))
        if path.suffix in (".md", ".rst") and path.is_file()
    ]


@task(
    help={
        "series": "the series the post belongs to (a name, alias or id from SERIES)",
        "subseries": "its sub-series (KAL, PID, ...)",
        "lang": "write this language only (default: every language)",
        "slug": "the slug (default: from the title)",
        "content": "the content folder (default: PATH in pelicanconf.py)",
    }
)
def new(c, title, series=None, subseries=None, lang=None, slug=None, content=None):
    """Start a post: a draft per language, with slug, date, series and next episode number."""
    from pelican.utils import slugify
    from series_threads.grouping import normalize_config, resolve_series_id

    settings = site_settings()
    langs = [settings["DEFAULT_LANG"], *settings.get("I18N_SUBSITES", {})]
    if lang and lang not in langs:
        raise Exit(f"new: --lang {lang} is not one of the site's languages ({', '.join(langs)})")
    slug = slug or slugify(title, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
    if not slug:
        raise Exit(f"new: the title {title!r} has no letters to make a slug of; give --slug")
    content = Path(content or settings["PATH"]).resolve()
    configs = normalize_config(settings.get("SERIES"))
    subs = settings.get("SLUG_REGEX_SUBSTITUTIONS", [])

    def slug_of(name):
        return slugify(name, regex_subs=subs)

    fields = {"Title": title, "Date": "", "Slug": "", "Tags": ""}
    folder = content
    if series:
        series_id = resolve_series_id(series, configs, slug_of)
        index = next_series_index(
            content_posts(content),
            series_id,
            subseries,
            lambda name: resolve_series_id(name, configs, slug_of),
        )
        folder = content / series_id
        fields.update(Series="", Subseries=subseries or "", Series_index=str(index))
    now = datetime.datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC"))
    written = []
    for each in [lang] if lang else langs:
        path = folder / f"{slug}.{each}.md"
        if path.exists():
            raise Exit(f"new: {shown(path)} exists; nothing was written", code=1)
        name = series
        if series and series_id in configs:
            name = configs[series_id].name(each, series)
        post = {**fields, "Date": f"{now:%Y-%m-%d %H:%M}", "Series": name or ""}
        written.append((path, post_text({**post, "Status": "draft"}, "")))
    for path, text in written:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {shown(path)}")


SHARED_FIELDS = ("date", "slug", "tags", "category", "series", "subseries", "series_index")


RST_UNDERLINE = re.compile(r"^([#=\-~^*+`'\"])\1{2,}\s*$")


def translate_rst(source: Path, stem: str, source_lang: str, targets: list[str]) -> None:
    """`invoke translate` for a reStructuredText post: the same format, fields as `:key:`."""
    lines = source.read_text(encoding="utf-8-sig").splitlines()
    title = next(
        (line for line, under in itertools.pairwise(lines) if RST_UNDERLINE.match(under)),
        "",
    )
    fields = read_fields(source)
    body_start = max(
        (number + 1 for number, line in enumerate(lines) if RST_FIELD.match(line)), default=0
    )
    for target in targets:
        path = source.with_name(f"{stem}.{target}{source.suffix}")
        if path.exists():
            print(f"{path.name} exists; left as it is")
            continue
        shared = [f":{key}: {fields[key]}" for key in SHARED_FIELDS if fields.get(key)]
        shared += [] if fields.get("slug") else [f":slug: {stem}"]
        text = "\n".join(
            [
                title,
                "#" * max(len(title), 3),
                "",
                *shared,
                f":lang: {target}",
                ":status: draft",
                ":translation: true",
                "",
                f".. Translate this post from {shown(source)} ({source_lang}) into {target},",
                "   then delete this comment and set the status.",
                "",
                *lines[body_start:],
            ]
        )
        path.write_text(text.rstrip() + "\n", encoding="utf-8")
        print(f"wrote {shown(path)}")


@task(help={"lang": "the language to translate into (default: every missing one)"})
def translate(c, path, lang=None):
    """Create the missing translation of a post as a draft, its text marked to translate."""
    source = Path(path).resolve()
    if not source.is_file():
        raise Exit(f"translate: {path} does not exist", code=1)
    settings = site_settings()
    langs = [settings["DEFAULT_LANG"], *settings.get("I18N_SUBSITES", {})]
    named = NAME_LANG.match(source.stem)
    fields = read_fields(source)
    source_lang = fields.get("lang") or (named.group("lang") if named else langs[0])
    stem = named.group("stem") if named else source.stem
    targets = [lang] if lang else [x for x in langs if x != source_lang]
    if source.suffix == ".rst":
        translate_rst(source, stem, source_lang, targets)
        return
    body = source.read_text(encoding="utf-8-sig").split("\n\n", 1)
    written = 0
    for target in targets:
        path = source.with_name(f"{stem}.{target}{source.suffix}")
        if path.exists():
            print(f"{path.name} exists; left as it is")
            continue
        shared = {k.capitalize(): fields[k] for k in SHARED_FIELDS if fields.get(k)}
        shared.setdefault("Slug", stem)
        post = {
            "Title": fields.get("title", ""),
            **shared,
            "Status": "draft",
            "Translation": "true",
        }
        text = (
            f"<!-- Translate this post from {shown(source)} ({source_lang}) into {target}, "
            "then delete this line and set the Status. -->\n\n" + (body[1] if len(body) > 1 else "")
        )
        path.write_text(post_text(post, text), encoding="utf-8")
        written += 1
        print(f"wrote {shown(path)}")
    if not written:
        print("nothing to translate: every language has this post")


@task(name="i18n-extract")
def i18n_extract(c):
    """Extract the theme's UI strings into theme/translations/messages.pot."""
    c.run(
        f"{sys.executable} -m babel.messages.frontend extract "
        f"-F {TRANSLATIONS / 'babel.cfg'} -o {TRANSLATIONS / 'messages.pot'} "
        f"--no-location --sort-output --project bilingual-series-theme {THEME}",
        pty=False,
    )


@task(i18n_extract, name="i18n-update")
def i18n_update(c):
    """Merge new UI strings into every language's messages.po."""
    c.run(
        f"{sys.executable} -m babel.messages.frontend update "
        f"-i {TRANSLATIONS / 'messages.pot'} -d {TRANSLATIONS} --ignore-obsolete",
        pty=False,
    )
