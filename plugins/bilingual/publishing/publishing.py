"""publishing: what a public site needs besides its pages, and a last look before release.

Template API
------------
- `blog_posting(article, url)` (a Jinja global): the post's schema.org JSON-LD object
  (`structured_data.blog_posting`), to print with `|tojson`;
  `description_of(summary, fallback)`: a summary as plain text for meta tags.
- Every feed is marked with its site's language (`xml:lang`); its links and entry ids
  are percent-encoded ASCII.

After the main site (and with it every language's site) is written, it reads the
output back and writes:
- `sitemap.xml` (`SITEMAP_SAVE_AS`) listing every indexable page of every language
  with its `xhtml:link` hreflang alternates, when `SITEURL` is absolute (search
  engines need absolute URLs), and `robots.txt` pointing to it when the site is at
  the root of its domain (crawlers read it nowhere else; under a path the build
  says which line to add to the domain's own);
- `.nojekyll` when `PUBLISH_NOJEKYLL` is true (GitHub Pages serves the files as they are);
- `CNAME` with the `PUBLISH_CNAME` setting's domain, when set.
With `PUBLISH_CHECKS` true it then checks the whole output (`sitecheck`): every
internal link, asset and #fragment resolves, hreflang pairs are reciprocal, no draft
anywhere; any problem stops with a non-zero exit and a list of what failed.

Settings (defaults): `SITEMAP_SAVE_AS` ("sitemap.xml"), `PUBLISH_NOJEKYLL` (False),
`PUBLISH_CNAME` (None), `PUBLISH_CHECKS` (False). `publishconf.py` turns them on.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

from feedgenerator.django.utils.encoding import iri_to_uri
from pelican import signals

from .. import subsites
from ..core import BuildStopped, display_path
from ..core.build_state import build_state
from ..core.settings import Setting
from .sitecheck import read_output, robots_txt, site_problems, sitemap_xml
from .structured_data import blog_posting, description_of

log = logging.getLogger(__name__)

# Main site settings key: {output page: its content file} (`note_sources`).
SOURCES_KEY = "publishing.sources"  # in the build state (core.build_state)


SITEMAP_SAVE_AS = Setting(
    "SITEMAP_SAVE_AS",
    "sitemap.xml",
    "a path in the output folder",
    "Where the sitemap (every page of every language, with hreflang alternates) is written; "
    "only when `SITEURL` is absolute (a publishing build).",
)
NOJEKYLL = Setting(
    "PUBLISH_NOJEKYLL",
    False,
    "True or False",
    "Write an empty `.nojekyll` so GitHub Pages serves the files as they are "
    "(`publishconf.py` sets it).",
    was="NOJEKYLL",
)
CNAME = Setting(
    "PUBLISH_CNAME",
    None,
    "a bare domain name, or None",
    "Write a `CNAME` file for GitHub Pages' custom domain (`invoke publish` takes it from the "
    "`CNAME` environment variable too).",
    was="CNAME",
)
PUBLISH_CHECKS = Setting(
    "PUBLISH_CHECKS",
    False,
    "True or False",
    "After writing, check the whole output: every internal link, asset and #fragment "
    "resolves, hreflang pairs point at each other, no draft anywhere (`invoke publish` sets it).",
)
SETTINGS = (SITEMAP_SAVE_AS, NOJEKYLL, CNAME, PUBLISH_CHECKS)

HEADING_ANCHOR = re.compile(r'<a class="heading-anchor"[^>]*>[^<]*</a>')


@dataclass(frozen=True)
class PublishingSettings:
    """What publishing reads from one site's settings."""

    lang: str
    main_lang: str
    author: str
    output: Path
    siteurl: str
    sitemap: str | None  # None: no sitemap (SITEURL is not absolute)
    nojekyll: bool
    cname: str | None
    checks: bool

    @classmethod
    def from_settings(cls, settings) -> PublishingSettings:
        """Read and check one site's settings; BuildStopped names a bad one."""
        siteurl = settings["SITEURL"].rstrip("/")
        sitemap = SITEMAP_SAVE_AS.read(settings)
        cname = CNAME.read(settings)
        if cname is not None and (not isinstance(cname, str) or "/" in cname):
            raise BuildStopped(
                f"publishing: invalid PUBLISH_CNAME {cname!r}: give a bare domain name"
            )
        return cls(
            lang=settings["DEFAULT_LANG"],
            main_lang=subsites.language_sites(settings).main_lang,
            author=str(settings.get("AUTHOR") or ""),
            output=Path(settings["OUTPUT_PATH"]),
            siteurl=siteurl,
            sitemap=sitemap if siteurl.startswith(("http://", "https://")) else None,
            nojekyll=bool(NOJEKYLL.read(settings)),
            cname=cname.strip() if cname else None,
            checks=bool(PUBLISH_CHECKS.read(settings)),
        )


def check_settings(pelican):
    """`initialized`: stop on a bad setting before anything is read or written."""
    PublishingSettings.from_settings(pelican.settings)


def install(generators):
    """`all_generators_finalized`: the JSON-LD and description helpers for templates."""
    config = PublishingSettings.from_settings(generators[0].settings)

    def posting(article, url, description):
        return blog_posting(
            article,
            url=url,
            lang=config.lang,
            main_lang=config.main_lang,
            author=config.author,
            description=description,
        )

    for generator in generators:
        env = getattr(generator, "env", None)
        if env is not None:
            env.globals["blog_posting"] = posting
            env.globals["description_of"] = description_of


def note_sources(generators):
    """`all_generators_finalized` of the main site: which content file made which page.

    {output path of a post or page in any language: its file as the writer typed it},
    so that a problem the checks find on a post's page names the post's file too. Kept
    in the build state for the main site's `finalized` (`finish`), read-only.
    """
    settings, context = generators[0].settings, generators[0].context
    if not subsites.is_main_site(settings):
        return
    main = subsites.site_output(settings, settings["DEFAULT_LANG"])
    sources = {}
    for item in context.get("generated_content", {}).values():
        save_as, lang = getattr(item, "save_as", ""), getattr(item, "lang", None)
        if not save_as or not save_as.endswith(".html") or lang is None:
            continue
        written = os.path.join(subsites.site_output(settings, lang), save_as)
        sources[os.path.relpath(written, main).replace(os.sep, "/")] = display_path(item)
    build_state(settings)[SOURCES_KEY] = MappingProxyType(sources)


def grouped_problems(problems: list[str], sources) -> list[str]:
    """Problem lines (`page: message`), named by the posts they come from.

    A link in a post's text shows on its own page and again on every list that shows
    its summary (the home page, archives, tags...). Such a message is given once per
    post page that has it, with the post's content file (`sources`: {page: file}), and
    the pages without a content file that show it too are counted on the first of those
    lines instead of repeated. Lines keep the order of the problems' first pages.
    """
    by_message: dict[str, list[str]] = {}
    for problem in problems:
        page, separator, message = problem.partition(": ")
        by_message.setdefault(message if separator else problem, []).append(
            page if separator else ""
        )
    lines = []
    for message, pages in by_message.items():
        if pages == [""]:
            lines.append(message)
            continue
        own = [page for page in pages if sources.get(page)]
        lists = [page for page in pages if not sources.get(page)]
        if not own:
            own, lists = lists[:1], lists[1:]
        for number, page in enumerate(own):
            shown = f"{page} ({sources[page]})" if sources.get(page) else page
            more = ""
            if number == 0 and lists:
                listed = ", ".join(lists[:3]) + (", …" if len(lists) > 3 else "")
                more = f" (also on {len(lists)} other page(s) that show it: {listed})"
            lines.append(f"{shown}: {message}{more}")
    return lines


def mark_feed_language(context, feed):
    """`feed_generated`: `xml:lang` on the feed, ASCII addresses in it.

    Every entry carries the feed's language. Links and ids are percent-encoded
    (RFC 3987's IRI-to-URI mapping), so a Hangul slug makes a valid Atom `<link>` and
    a valid tag URI id (RFC 4151 allows no raw non-ASCII).
    """
    feed.feed["language"] = context.get("DEFAULT_LANG")
    for key in ("link", "feed_url", "id"):
        if feed.feed.get(key):
            feed.feed[key] = iri_to_uri(feed.feed[key])
    for item in feed.items:
        for key in ("link", "unique_id"):
            if item.get(key):
                item[key] = iri_to_uri(item[key])
        for key in ("description", "content"):
            if item.get(key) and "heading-anchor" in item[key]:
                # A "#" after every heading means nothing in a feed reader.
                item[key] = HEADING_ANCHOR.sub("", item[key])


def robots_with_sitemap(path: Path, sitemap_url: str, own: bool) -> set[str]:
    """Point crawlers at the sitemap: the names of the files written ({"robots.txt"} or none).

    The writer's own `robots.txt` (`own`) is kept as written, rules and all, with a
    `Sitemap:` line added when it has none; otherwise the bundle writes one that allows
    everything (`robots_txt`). RFC 9309 (Robots Exclusion Protocol) lets `Sitemap:`
    lines stand anywhere in the file.
    """
    if not own:
        path.write_text(robots_txt(sitemap_url), encoding="utf-8")
        return {"robots.txt"}
    text = path.read_text(encoding="utf-8", errors="replace")
    if any(line.strip().lower().startswith("sitemap:") for line in text.splitlines()):
        return set()
    path.write_text(text.rstrip("\n") + f"\n\nSitemap: {sitemap_url}\n", encoding="utf-8")
    return {"robots.txt"}


def write_extras(config: PublishingSettings, pages: dict, files: set) -> set:
    """Write the sitemap, robots.txt, .nojekyll and CNAME; return the files written."""
    output, written = config.output, set()
    if config.sitemap:
        (output / config.sitemap).write_text(sitemap_xml(pages), encoding="utf-8")
        written.add(config.sitemap)
        sitemap_url = f"{config.siteurl}/{config.sitemap}"
        path = urlsplit(config.siteurl).path.rstrip("/")
        own = "robots.txt" in files  # the writer's own, copied as a static file
        if not path:
            written |= robots_with_sitemap(output / "robots.txt", sitemap_url, own)
        else:
            # Crawlers read robots.txt at the domain root only, never below a path.
            where = (
                f"your robots.txt is published at {path}/robots.txt, where crawlers do not read it"
                if own
                else f"no robots.txt for a site under {path}/"
            )
            print(
                f"publishing: {where}; add 'Sitemap: {sitemap_url}' to the robots.txt at the "
                "root of the domain"
            )
    elif config.checks and not config.siteurl.startswith(("http://", "https://")):
        # A publishing build without an address: the pages are fine, crawlers need one.
        print(
            f"publishing: no sitemap: SITEURL {config.siteurl!r} is not an http(s) address; "
            "publish with SITEURL=https://… invoke publish (the deploy workflow sets it)"
        )
    if config.nojekyll:
        (output / ".nojekyll").write_text("", encoding="utf-8")
    if config.cname:
        (output / "CNAME").write_text(config.cname + "\n", encoding="utf-8")
    return written


def finish(pelican):
    """`finalized`: extra files, then the checks; the main site only (it runs last)."""
    if not subsites.is_main_site(pelican.settings):
        return
    config = PublishingSettings.from_settings(pelican.settings)
    files, pages = set(), {}
    if config.sitemap or config.checks:
        # The checks need whole pages; a sitemap alone, their heads.
        files, pages = read_output(config.output, whole=config.checks)
    files |= write_extras(config, pages, files)
    if config.checks:
        sources = build_state(pelican.settings).get(SOURCES_KEY) or {}
        found = site_problems(pages, files, config.siteurl)
        problems = grouped_problems(found, sources)
        if problems:
            raise BuildStopped(
                "\n".join([f"publishing: {len(found)} problem(s) in {config.output}:", *problems])
            )
        log.info("publishing: %d pages checked, no problem", len(pages))


def register():
    """Connect the handlers, in the order they fire."""
    signals.initialized.connect(check_settings)
    signals.all_generators_finalized.connect(install)
    signals.all_generators_finalized.connect(note_sources)
    signals.feed_generated.connect(mark_feed_language)
    signals.finalized.connect(finish)
