"""search: a static search page per language, indexed by Pagefind after the build.

After every language's site is written (the main site's `finalized`, which runs last),
Pagefind (PyPI `pagefind[extended]`; the binary comes in the wheel, nothing is
downloaded) indexes each language site into its own bundle: `pagefind/` on the main
site, `ko/pagefind/` on the Korean one. Only pages whose main content the theme marks
with `data-pagefind-body` are indexed: published posts and pages. Drafts, hidden
content, lists, the archive and the search page itself carry no mark. The build then
checks that each bundle holds every marked page of its language; a missing package, a
Pagefind failure or a short index stops the build (so `invoke publish` never deploys a
broken search) with a message that says what to do.

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

Errors: "search: Pagefind is not installed" (install `pagefind[extended]` or take
"search" out of `PLUGINS`), "search: Pagefind failed on <folder>: <its message>",
"search: the <lang> index holds N of M pages".
"""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from common import BuildStopped, subsites
from pelican import signals

from . import pagefind_run
from .collect import marked_pages, site_glob, site_roots

log = logging.getLogger(__name__)

DEFAULTS = {
    "SEARCH_URL": "search/",
    "SEARCH_SAVE_AS": "search/index.html",
    "SEARCH_BUNDLE": "pagefind",
}


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
        bundle = settings.get("SEARCH_BUNDLE", DEFAULTS["SEARCH_BUNDLE"])
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
            output=Path(settings["OUTPUT_PATH"]),
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
    subsites.add_direct_template(settings, "search")
    if subsites.is_main_site(settings) and not pagefind_run.executable() is not None:
        raise BuildStopped(
            "search: Pagefind is not installed; run "
            "`pip install 'pagefind[extended]'`, or take \"search\" out of PLUGINS"
        )


def jobs_for(config: SearchSettings) -> tuple[list[pagefind_run.IndexJob], dict[str, int]]:
    """One index job per language site, and how many marked pages each site has."""
    jobs, expected = [], {}
    for root in site_roots(config.output, config.lang_paths):
        if not root.folder.is_dir():
            continue
        skip = (*root.nested, config.bundle)
        folders = [path.name for path in root.folder.iterdir() if path.is_dir()]
        expected[root.lang] = len(marked_pages(root.folder, skip))
        if not expected[root.lang]:
            # Nothing published in this language yet: no index (Pagefind would fail),
            # and none left over from an earlier build.
            shutil.rmtree(root.folder / config.bundle, ignore_errors=True)
            continue
        jobs.append(
            pagefind_run.IndexJob(
                lang=root.lang,
                folder=root.folder,
                glob=site_glob(folders, skip),
                bundle=root.folder / config.bundle,
            )
        )
    return jobs, expected


def index_sites(pelican):
    """`finalized`: index every language site, once all are written (main site only)."""
    if not subsites.is_main_site(pelican.settings):
        return
    config = SearchSettings.from_settings(pelican.settings)
    if not config.enabled:
        return
    started = time.monotonic()
    jobs, expected = jobs_for(config)
    if not jobs:
        return
    try:
        results = pagefind_run.run(jobs)
    except pagefind_run.PagefindMissing as exc:
        raise BuildStopped(f"search: {exc}; run `pip install 'pagefind[extended]'`") from exc
    except RuntimeError as exc:
        raise BuildStopped(f"search: Pagefind failed on {config.output}: {exc}") from exc
    short = [
        f"search: the {result.lang} index holds {result.pages} of "
        f"{expected[result.lang]} pages marked for search"
        for result in results
        if result.pages != expected[result.lang]
    ]
    if short:
        raise BuildStopped("\n".join(short))
    log.info(
        "search: indexed %s in %.1f s (%s KB of index)",
        ", ".join(f"{result.pages} {result.lang} pages" for result in results),
        time.monotonic() - started,
        ", ".join(f"{result.lang} {result.size / 1024:.0f}" for result in results),
    )


def register():
    """Connect the handlers, in the order they fire."""
    signals.initialized.connect(set_defaults)
    signals.finalized.connect(index_sites)
