"""series_threads: series, sub-series, episode navigation and series pages per language.

Metadata (Pelican's and pelican-series' names)
----------------------------------------------
- `Series:` the series, by its name (the same in every language) or by any name or
  alias that the `SERIES` setting gives it. Its identity is a stable id: the key in
  `SERIES`, or the slug of the name.
- `Series_index:` the episode number, shown as given (a positive whole number).
- `Subseries:` an optional sub-thread of the series (`KAL`, `PID`).

Template API
------------
On every article and draft of every language that this site parsed:
`series_id`, `series_name` (in this site's language), `series_url`, `series_label`
(`3`, `KAL-2` or ``). On this language's posts, `series_nav` (a `SeriesNav`:
`series`, `thread` (its sub-series, this language only), `entry`, `position`,
`total`, `prev`, `next`, `nearby`: the episodes to list, the first and last and three
either side in a long thread, None where a run is left out), or None.
Context: `series_threads`, this site's list of `SeriesView` (newest first), each
with `id`, `name`, `description`, `url`, `feed_url` (None without a feed),
`threads` (every post of the series in any language, one row per post with its
`versions`), `langs`, `count`, `latest`.
Pages: `series_list.html` at `SERIES_INDEX_SAVE_AS`, `series.html` at
`SERIES_SAVE_AS` per series, and an Atom feed per series and language.

Settings (defaults)
-------------------
- `SERIES` ({}): {id: {"name": {lang: str}, "description": {lang: str},
  "aliases": [str], "subseries": {key: {"name": {lang: str}}}}}; optional.
- `SERIES_INDEX_URL` / `SERIES_INDEX_SAVE_AS` (`series/`, `series/index.html`).
- `SERIES_URL` / `SERIES_SAVE_AS` (`series/{id}/`, `series/{id}/index.html`).
- `SERIES_FEED_ATOM` (`series/{id}/atom.xml`; None writes no feeds).
Drafts count as episodes only where drafts are written (`DRAFT_SAVE_AS` not empty),
marked `status == "draft"`; a publishing build never lists or links one.

Problems go to the context's `content_findings`, which `bilingual` reports with
the rest before anything is written: errors (a `Series_index` that is not a
positive whole number, two episodes with one number, `Subseries` without `Series`)
stop the build; translations that disagree and gaps in the numbering are warnings.
Needs the `bilingual` plugin, listed before it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from markupsafe import escape
from pelican import signals
from pelican.contents import Article
from pelican.generators import Generator
from pelican.utils import slugify

from .grouping import (
    SeriesConfig,
    check_entries,
    collect_entries,
    normalize_config,
    order_threads,
    representatives,
    versions_by_slug,
    window,
)

DEFAULTS = {
    "SERIES_INDEX_URL": "series/",
    "SERIES_INDEX_SAVE_AS": "series/index.html",
    "SERIES_URL": "series/{id}/",
    "SERIES_SAVE_AS": "series/{id}/index.html",
    "SERIES_FEED_ATOM": "series/{id}/atom.xml",
}


class SeriesError(SystemExit):
    """A `SERIES` setting the build cannot go on with."""


@dataclass(frozen=True)
class EpisodeView:
    """One post of a series as a list shows it; `url` is on its own language's site."""

    slug: str
    label: str
    index: int | None
    subseries: str | None
    title: object  # escaped Markup from `bilingual`, or str
    lang: str
    date: object
    status: str
    url: str
    versions: tuple  # ((lang, url, status), ...) in site-language order


@dataclass(frozen=True)
class ThreadView:
    key: str | None
    name: str
    episodes: tuple


@dataclass(frozen=True)
class SeriesView:
    id: str
    name: str
    description: str
    url: str
    feed_url: str | None
    threads: tuple
    langs: tuple
    count: int
    latest: object

    @property
    def episodes(self) -> list:
        return [episode for thread in self.threads for episode in thread.episodes]


@dataclass(frozen=True)
class SeriesNav:
    series: SeriesView
    thread: ThreadView
    entry: EpisodeView
    position: int
    total: int
    prev: EpisodeView | None
    next: EpisodeView | None
    nearby: tuple = ()  # the thread's episodes around this one; None marks a gap


def site_url(sites: dict, lang: str, path: str) -> str:
    return sites.get(lang, "").rstrip("/") + "/" + path.lstrip("/")


def display_path(item) -> str:
    return os.path.relpath(item.source_path)


def episode_view(entry, sites, versions) -> EpisodeView:
    item = entry.item
    return EpisodeView(
        slug=item.slug,
        label=entry.label,
        index=entry.index,
        subseries=entry.subseries,
        title=item.title,
        lang=item.lang,
        date=item.date,
        status=item.status,
        url=site_url(sites, item.lang, item.url),
        versions=tuple(
            (lang, site_url(sites, lang, versions[lang].item.url), versions[lang].item.status)
            for lang in sites
            if lang in versions
        ),
    )


def thread_views(threads, config, lang, sites, versions) -> tuple:
    return tuple(
        ThreadView(
            key=thread.key,
            name=config.subseries_name(thread.key, lang) if thread.key else "",
            episodes=tuple(episode_view(e, sites, versions[e.slug]) for e in thread.entries),
        )
        for thread in threads
    )


class SeriesGenerator(Generator):
    """Builds the series data after the articles are read, and writes the series pages."""

    def generate_context(self):
        settings, context = self.settings, self.context
        try:
            configs = normalize_config(settings.get("SERIES"))
        except ValueError as bad:
            raise SeriesError(str(bad)) from None
        lang = settings["DEFAULT_LANG"]
        sites = dict(settings.get("BILINGUAL_SITES") or {lang: settings["SITEURL"]})
        show_drafts = bool(settings.get("DRAFT_SAVE_AS"))

        def make_slug(name):
            return slugify(name, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))

        items = [c for c in context.get("generated_content", {}).values() if isinstance(c, Article)]
        entries, errors = collect_entries(items, configs, make_slug, display_path)
        problems = check_entries(entries, display_path)
        # Reported, with every other content problem, by `bilingual` before anything is written.
        context.setdefault("content_findings", []).extend(
            [*errors, *problems.errors, *problems.warnings]
        )

        visible = [
            e
            for e in entries
            if e.item.status == "published" or (show_drafts and e.item.status == "draft")
        ]
        views, navs = build_views(visible, configs, lang, sites, settings)
        for entry in entries:
            view = views.get(entry.series_id)
            entry.item.series_id = entry.series_id
            entry.item.series_name = view.name if view else entry.item.metadata["series"]
            entry.item.series_url = view.url if view else ""
            entry.item.series_label = entry.label
            entry.item.series_nav = navs.get(id(entry.item))
        context["series_threads"] = sorted(views.values(), key=lambda v: v.latest, reverse=True)
        self.series_threads = context["series_threads"]
        self.feed_items = {
            series_id: sorted(
                (
                    e.item
                    for e in visible
                    if e.series_id == series_id and e.lang == lang and e.item.status == "published"
                ),
                key=lambda item: item.date,
                reverse=True,
            )
            for series_id in views
        }

    def generate_output(self, writer):
        settings = self.settings
        writer.write_file(
            settings["SERIES_INDEX_SAVE_AS"],
            self.get_template("series_list"),
            self.context,
            relative_urls=settings["RELATIVE_URLS"],
            url=settings["SERIES_INDEX_URL"],
            series_list=self.series_threads,
        )
        for view in self.series_threads:
            writer.write_file(
                settings["SERIES_SAVE_AS"].format(id=view.id),
                self.get_template("series"),
                self.context,
                relative_urls=settings["RELATIVE_URLS"],
                url=settings["SERIES_URL"].format(id=view.id),
                series=view,
            )
            feed = settings.get("SERIES_FEED_ATOM")
            if feed and self.feed_items.get(view.id):
                writer.write_feed(
                    self.feed_items[view.id],
                    self.context,
                    feed.format(id=view.id),
                    view.feed_url,
                    # Markup: Pelican strips tags from feed titles, which unescapes it.
                    feed_title=escape(view.name),
                )


def build_views(visible, configs, lang, sites, settings):
    """({series_id: SeriesView}, {id(item): SeriesNav}) for this site's language."""
    langs = list(sites)
    views, navs = {}, {}
    by_series: dict = {}
    for entry in visible:
        by_series.setdefault(entry.series_id, []).append(entry)
    for series_id, members in by_series.items():
        config = configs.get(series_id) or SeriesConfig(series_id)
        own = [e for e in members if e.lang == lang]
        fallback_name = str((own or members)[0].item.metadata["series"]).strip()
        versions = versions_by_slug(members)
        has_feed = bool(settings.get("SERIES_FEED_ATOM")) and any(
            e.item.status == "published" for e in own
        )
        view = SeriesView(
            id=series_id,
            name=config.name(lang, fallback_name),
            description=config.descriptions.get(lang, ""),
            url=site_url(sites, lang, settings["SERIES_URL"].format(id=series_id)),
            feed_url=(
                site_url(sites, lang, settings["SERIES_FEED_ATOM"].format(id=series_id))
                if has_feed
                else None
            ),
            threads=thread_views(
                order_threads(representatives(members, lang, langs)), config, lang, sites, versions
            ),
            langs=tuple(x for x in langs if any(e.lang == x for e in members)),
            count=len(versions),
            latest=max(e.item.date for e in members),
        )
        views[series_id] = view
        own_threads = order_threads(own)
        own_views = thread_views(own_threads, config, lang, sites, versions)
        # (entry, its thread's view, its place in the thread), in reading order.
        places = [
            (entry, thread_view, at)
            for thread, thread_view in zip(own_threads, own_views, strict=True)
            for at, entry in enumerate(thread.entries)
        ]
        for position, (entry, thread, at) in enumerate(places):
            episodes = thread.episodes
            numbered = [ev.index for ev in episodes if ev.index is not None]
            navs[id(entry.item)] = SeriesNav(
                series=view,
                thread=thread,
                entry=episodes[at],
                position=at + 1,
                total=max([len(episodes), *numbered]),
                prev=episode_at(places[position - 1]) if position > 0 else None,
                next=episode_at(places[position + 1]) if position + 1 < len(places) else None,
                nearby=tuple(None if i is None else episodes[i] for i in window(len(episodes), at)),
            )
    return views, navs


def episode_at(place) -> EpisodeView:
    _entry, thread, at = place
    return thread.episodes[at]


def set_defaults(pelican):
    """initialized: the URL settings, before Pelican copies settings into the context."""
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def add_generator(pelican):
    return SeriesGenerator


def register():
    signals.initialized.connect(set_defaults)
    signals.get_generators.connect(add_generator)
