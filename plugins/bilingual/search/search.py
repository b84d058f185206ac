"""search: a static search page per language, indexed by Pagefind after the build.

Pagefind (PyPI `pagefind[extended]`; the binary comes in the wheel, nothing is
downloaded) indexes each language's site into its own bundle, `pagefind/` on the main
site, `ko/pagefind/` on the Korean one. Only pages this build wrote (`content_written`)
and whose main content the theme marks with `data-pagefind-body` are indexed:
published posts and pages. Drafts, hidden content, lists, the archive and the search
page itself carry no mark, and a page an earlier build left in the output is not
indexed.

Pagefind reads a site's pages on the second core while Pelican writes the rest: its
service (`pagefind_service`) is handed the site's posts as soon as they are all on disk
(at the first list page the site writes: Pelican writes a site's posts first, and the
build engine's second process has finished its share of them by then), its pages at
`page_writer_finalized`, and anything else marked at the site's `finalized`, where the
bundle is asked for. A subsite's bundle is written while Pelican writes the main site,
which is written last and waits for every index at its own `finalized`. Without the
service (it fails, or a page is written twice), the command line indexes the written
site at `finalized`. The build then checks that each bundle holds every marked page of
its language; a missing package, a Pagefind failure or a short index stops the build
(so `invoke publish` never deploys a broken search) with a message that says what to
do.

Bundle files whose bytes did not change keep their modification time; Pagefind's own
ready-made UIs are not published (the theme's search page uses `pagefind.js` only).

Template API
------------
- The direct template `search` (`search.html`) is added to `DIRECT_TEMPLATES` unless
  `SEARCH_SAVE_AS` is empty; `languages.page("search")` is its URL.
- `SEARCH_BUNDLE` ("pagefind"): the bundle folder, relative to each language site.
- Marks the theme puts in pages (Pagefind's attributes): `data-pagefind-body`,
  `data-pagefind-meta` (title, series, episode, date), `data-pagefind-filter`
  (series id, tag, language), `data-pagefind-ignore`.

Settings (defaults)
-------------------
- `SEARCH_URL` / `SEARCH_SAVE_AS` ("search/", "search/index.html"); an empty
  `SEARCH_SAVE_AS` turns search off (no page, no index).
- `SEARCH_BUNDLE` ("pagefind").

Errors: "search: Pagefind is not installed" (install `pagefind[extended]` or set
`SEARCH_SAVE_AS = ""`), "search: Pagefind failed on <folder>: <its message>",
"search: the <lang> index holds N of M pages".
"""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from pelican import signals

from .. import subsites
from ..core import BuildStopped
from ..core.build_state import build_state
from ..core.settings import Setting, defaults
from . import pagefind_run
from .collect import marked_pages, site_folders
from .pagefind_service import PagefindService, ServiceFailed

log = logging.getLogger(__name__)

# Build-state names (core.build_state)
RUNS_KEY = "search.runs"
WRITTEN_KEY = "search.written"
STREAMS_KEY = "search.streams"

SAVE_AS = Setting(
    "SEARCH_SAVE_AS",
    "search/index.html",
    "a path, or empty",
    "Where each language's search page is written; empty turns search off (no page, no "
    "index, Pagefind not needed).",
)
URL = Setting("SEARCH_URL", "search/", "a URL path", "The search page's address.")
BUNDLE = Setting(
    "SEARCH_BUNDLE",
    "pagefind",
    "one folder name",
    "The folder of each language's search index (`/pagefind/`, `/ko/pagefind/`).",
)
SETTINGS = (SAVE_AS, URL, BUNDLE)
DEFAULTS = defaults(SETTINGS)


@dataclass(frozen=True)
class SearchSettings:
    """What search reads from the main site's settings.

    `lang_paths` is [(lang, its site's path below the main site's)], main first.
    """

    enabled: bool
    output: Path
    bundle: str
    lang_paths: tuple[tuple[str, str], ...]

    @classmethod
    def from_settings(cls, settings) -> SearchSettings:
        """Read and check the settings; a bad `SEARCH_BUNDLE` stops the build."""
        bundle = BUNDLE.read(settings)
        if not isinstance(bundle, str) or not bundle.strip("/") or "/" in bundle.strip("/"):
            raise BuildStopped(
                f"search: invalid SEARCH_BUNDLE {bundle!r}: one folder name, like 'pagefind'"
            )
        sites = subsites.language_sites(settings)
        main_url = sites.siteurl(sites.main_lang)
        lang_paths = tuple(
            (lang, sites.siteurl(lang)[len(main_url) :].strip("/")) for lang in sites.langs
        )
        return cls(
            enabled=bool(settings.get("SEARCH_SAVE_AS")),
            # The main site's output (a subsite's OUTPUT_PATH is its own folder in it).
            output=Path(subsites.language_setting(settings, sites.main_lang, "OUTPUT_PATH")),
            bundle=bundle.strip("/"),
            lang_paths=lang_paths,
        )


def set_defaults(pelican):
    """`initialized`: the search page's settings and direct template; Pagefind present."""
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    config = SearchSettings.from_settings(settings)
    if not config.enabled:
        return
    subsites.add_direct_template(settings, "search", "search")
    if subsites.is_main_site(settings):
        # Shared with every subsite (the build state): each language's running index,
        # for the main site to wait for, and the HTML pages each language's site wrote
        # ({lang: [Path]}).
        state = build_state(settings)
        state[RUNS_KEY] = {}
        state[WRITTEN_KEY] = {}
        state[STREAMS_KEY] = {}
    if subsites.is_main_site(settings) and pagefind_run.executable() is None:
        raise BuildStopped(
            "search: Pagefind is not installed; run "
            "`pip install 'pagefind[extended]'`, or set SEARCH_SAVE_AS = \"\" "
            "to build without search"
        )


@dataclass
class Stream:
    """One language site's marked pages, handed to Pagefind's service as they are on disk.

    `looked_at`: how many of the site's written files were read for the mark; `pages`:
    the marked ones given to the service. `usable` turns False when the site must be
    indexed from the written folder instead (the service did not start, a page was
    written twice, a path no glob can name).
    """

    folder: Path
    looked_at: int = 0
    pages: list = field(default_factory=list)
    service: PagefindService | None = None
    usable: bool = True
    posts_handed: bool = False


def remember_written(path, context):
    """`content_written`: note each HTML page this build writes, by its site's language.

    Only pages written by this build are indexed: a page an earlier build left in the
    output (a post since deleted or made a draft) never is. The first page that is not
    a post or a page (a list) says the site's posts are on disk: they go to Pagefind.
    """
    context = context or {}
    written = build_state(context).get(WRITTEN_KEY)
    if written is None or not str(path).endswith(".html"):
        return
    lang = context["DEFAULT_LANG"]
    written.setdefault(lang, []).append(Path(path))
    if context.get("article") is None and context.get("page") is None:
        stream = _stream(context, lang)
        if stream is not None and not stream.posts_handed:
            stream.posts_handed = True
            hand_over(stream, written[lang])


def pages_written(generator, writer=None):
    """`page_writer_finalized`: the site's pages are on disk: they go to Pagefind."""
    settings = generator.settings
    lang = settings["DEFAULT_LANG"]
    stream = _stream(settings, lang)
    if stream is not None:
        hand_over(stream, build_state(settings)[WRITTEN_KEY].get(lang, []))


def _stream(settings, lang: str) -> Stream | None:
    """The site's `Stream` (made at its first use), or None when search is off."""
    streams = build_state(settings).get(STREAMS_KEY)
    if streams is None or not settings.get("SEARCH_SAVE_AS"):
        return None
    if lang not in streams:
        config = SearchSettings.from_settings(settings)
        streams[lang] = Stream(site_folders(config.output, config.lang_paths)[lang])
    return streams[lang]


def hand_over(stream: Stream, written: list) -> None:
    """Give Pagefind's service the marked pages written since the last call.

    `written`: every file the site wrote so far, in order. The service starts at the
    first marked page.

    Only in the process that makes the build (not in a fork of it); any trouble makes
    the stream unusable and the site is indexed from disk at its `finalized`.
    """
    if not stream.usable or (stream.service is not None and not stream.service.owned_here()):
        return
    if stream.service is not None and stream.service.ended:  # it stopped early: from disk
        drop_stream(stream)
        return
    new, stream.looked_at = written[stream.looked_at :], len(written)
    pages = marked_pages(new)
    if not pages:
        return
    globs = pagefind_run.page_globs(stream.folder, pages)
    if globs is None or not set(pages).isdisjoint(stream.pages):  # no glob; written twice
        drop_stream(stream)
        return
    if stream.service is None:
        try:
            stream.service = PagefindService(
                pagefind_run.executable(), stream.folder, [pagefind_run.EXCLUDE]
            )
        except ServiceFailed as exc:
            log.debug("search: Pagefind's service did not start (%s)", exc)
            drop_stream(stream)
            return
    for glob in globs:
        stream.service.add_pages(glob)
    stream.pages.extend(pages)


def drop_stream(stream: Stream) -> None:
    """Index the stream's site from disk instead: its service (if any) is stopped."""
    stream.usable = False
    if stream.service is not None:
        stream.service.stop()


def start_index(pelican):
    """`finalized` of every site: its index asked for, now that the site is written.

    The marked pages not yet handed to Pagefind's service are, and the service writes
    the bundle; without the service, the command line indexes the written site. A
    subsite's index is written in the background while the next site is written; the
    main site, written last, waits for all of them (`finish_indexes`). A site with no
    page to index gets no index (Pagefind would fail on it) and loses the one an
    earlier build left.
    """
    settings = pelican.settings
    config = SearchSettings.from_settings(settings)
    runs = build_state(settings).get(RUNS_KEY)
    if not config.enabled or runs is None:
        return
    lang = settings["DEFAULT_LANG"]
    folder = site_folders(config.output, config.lang_paths)[lang]
    written = build_state(settings)[WRITTEN_KEY].get(lang, [])
    stream = _stream(settings, lang)
    hand_over(stream, written)
    pages = sorted(stream.pages) if stream.usable else marked_pages(written)
    job = pagefind_run.IndexJob(lang, folder, tuple(pages), folder / config.bundle)
    run = None
    if pages and stream.usable and stream.service is not None:
        run = pagefind_run.streamed(job, stream.service)
    elif pages:
        try:
            run = pagefind_run.start(job)
        except pagefind_run.PagefindMissing as exc:
            raise BuildStopped(f"search: {exc}; run `pip install 'pagefind[extended]'`") from exc
    else:
        shutil.rmtree(job.bundle, ignore_errors=True)
    runs[lang] = (run, len(pages))
    if subsites.is_main_site(settings):
        finish_indexes(config, runs)


def finish_indexes(config: SearchSettings, runs: dict) -> None:
    """Wait for every language's index, put the bundles in place and check them.

    A Pagefind failure stops the build; a bundle that holds fewer pages than its site
    marks for search stops it too (the search would miss posts).
    """
    started = time.monotonic()
    running = [run for run, _expected in runs.values() if run is not None]
    try:
        results = pagefind_run.finish(running)
    except RuntimeError as exc:
        raise BuildStopped(f"search: Pagefind failed on {config.output}: {exc}") from exc
    short = [
        f"search: the {result.lang} index holds {result.pages} of "
        f"{runs[result.lang][1]} pages marked for search"
        for result in results
        if result.pages != runs[result.lang][1]
    ]
    if short:
        raise BuildStopped("\n".join(short))
    # The languages whose pages Pagefind's service read while their site was written.
    early = [
        run.job.lang
        for run in running
        if isinstance(run, pagefind_run.Streamed) and run.again is None
    ]
    log.info(
        "search: indexed %s (%s; waited %.1f s; %s KB of index)",
        ", ".join(f"{result.pages} {result.lang} pages" for result in results) or "nothing",
        f"{', '.join(early)} read while written" if early else "read after writing",
        time.monotonic() - started,
        ", ".join(f"{result.lang} {result.size / 1024:.0f}" for result in results),
    )


def register():
    """Connect the handlers, in the order they fire."""
    signals.initialized.connect(set_defaults)
    signals.content_written.connect(remember_written)
    signals.page_writer_finalized.connect(pages_written)
    signals.finalized.connect(start_index)
