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
- `article.series` on every article and draft of every language this site read that
  declares a series: a `views.PostSeries` (`id`, `name`, `url`, `label`, `number`,
  `subseries`, and for this language's listed posts the navigation: `index`, `total`,
  `all`, `previous`, `next`, `nearby`, `thread`, `view`; `all` is empty elsewhere).
- Context `series_list`: this site's `views.SeriesView`s, newest first (`id`, `name`,
  `description`, `url`, `feed_url` (None without a feed), `threads` -> `ThreadView`
  (`key`, `name`, `episodes` -> `EpisodeView`), `langs`, `count`, `latest`).
- Pages: `series_list.html` at `SERIES_INDEX_SAVE_AS`, `series.html` (with `series`,
  a SeriesView) at `SERIES_SAVE_AS` per series, an Atom feed per series and language.

Settings (defaults)
-------------------
- `SERIES` ({}): {id: {"name": {lang: str}, "description": {lang: str},
  "aliases": [str], "subseries": {key: {"name": {lang: str}}}}}; optional. A
  malformed entry or a language the site does not have stops the build.
- `SERIES_INDEX_URL` / `SERIES_INDEX_SAVE_AS` (`series/`, `series/index.html`).
- `SERIES_URL` / `SERIES_SAVE_AS` (`series/{id}/`, `series/{id}/index.html`).
- `SERIES_FEED_ATOM` (`series/{id}/atom.xml`; None writes no feeds). Feeds are
  written only when `SITEURL` is absolute (a publishing build): their ids need it.
Drafts count as episodes only where drafts are written (`core.Visibility`),
marked `status == "draft"`; a publishing build never lists or links one.

Problems go to the content checks (`core.add_findings`), which report them before
anything is written: errors (a `Series_index` that is not a positive whole number,
two listed episodes with one number, `Subseries` without `Series`) stop the build;
listed translations that disagree, and numbers that no language has, are warnings.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from markupsafe import escape
from pelican import signals
from pelican.contents import Article
from pelican.generators import Generator
from pelican.utils import slugify

from .. import subsites
from ..core import (
    BuildStopped,
    LanguageSites,
    Visibility,
    add_findings,
    dependencies,
    display_path,
)
from ..core.romanize import has_hangul, romanized, romanizes
from ..core.settings import Setting, defaults
from .grouping import collect_entries, normalize_config, unknown_languages
from .ordering import feed_order
from .problems import check_entries
from .views import PostSeries, SeriesLinks, build_views, post_series

log = logging.getLogger(__name__)

SERIES = Setting(
    "SERIES",
    {},
    '{id: {"name": {lang: str}, "description": {lang: str}, "aliases": [str], '
    '"subseries": {key: {"name": {lang: str}}}}}',
    "Optional names, descriptions and aliases of each series per language (so `Series: 온실 "
    "개발기` and `Series: Greenhouse Build` are one series). Without an entry a series' id is "
    "the slug of its name.",
)
ADDRESSES = (
    Setting("SERIES_INDEX_URL", "series/", "a URL path", "The list of series' address."),
    Setting("SERIES_INDEX_SAVE_AS", "series/index.html", "a path", "Where it is written."),
    Setting("SERIES_URL", "series/{id}/", "a URL path with {id}", "A series page's address."),
    Setting("SERIES_SAVE_AS", "series/{id}/index.html", "a path with {id}", "Where it is written."),
    Setting(
        "SERIES_FEED_ATOM",
        "series/{id}/atom.xml",
        "a path with {id}, or None",
        "Each series' Atom feed per language (None: no series feeds). Written only when "
        "`SITEURL` is absolute (a publishing build).",
    ),
)
SETTINGS = (SERIES, *ADDRESSES)
DEFAULTS = defaults(ADDRESSES)


@dataclass(frozen=True)
class SeriesSettings:
    """What the series plugin reads from one site's settings."""

    lang: str
    sites: LanguageSites
    configs: dict
    index_url: str
    index_save_as: str
    url: str
    save_as: str
    feed_atom: str | None
    visibility: Visibility
    slug_substitutions: tuple
    romanize_hangul: bool = True  # `core.romanize.romanizes`

    @classmethod
    def from_settings(cls, settings) -> SeriesSettings:
        """Read and check one site's settings; BuildStopped names a bad one."""
        sites = subsites.language_sites(settings)
        try:
            configs = normalize_config(SERIES.read(settings))
        except ValueError as bad:
            raise BuildStopped(str(bad)) from None
        values = {setting.name: setting.read(settings) for setting in ADDRESSES}
        for key in ("SERIES_URL", "SERIES_SAVE_AS"):
            if "{id}" not in str(values[key]):
                raise BuildStopped(
                    f"series_threads: invalid {key} {values[key]!r}: it needs {{id}}"
                )
        return cls(
            lang=settings["DEFAULT_LANG"],
            sites=sites,
            configs=configs,
            index_url=values["SERIES_INDEX_URL"],
            index_save_as=values["SERIES_INDEX_SAVE_AS"],
            url=values["SERIES_URL"],
            save_as=values["SERIES_SAVE_AS"],
            feed_atom=values["SERIES_FEED_ATOM"] or None,
            visibility=Visibility.from_settings(settings),
            slug_substitutions=tuple(settings.get("SLUG_REGEX_SUBSTITUTIONS", [])),
            romanize_hangul=romanizes(settings),
        )

    def slugify(self, name: str) -> str:
        """A series name's slug, by Pelican's rules and this site's substitutions.

        Hangul is romanized first (`core.romanize`, `SLUGIFY_HANGUL`).
        """
        source = romanized(name) if self.romanize_hangul and has_hangul(name) else name
        return slugify(source, regex_subs=list(self.slug_substitutions))


class SeriesGenerator(Generator):
    """Builds the series data after the articles are read, and writes the series pages."""

    def generate_context(self):
        """Group this site's posts into series and attach `article.series`."""
        config = SeriesSettings.from_settings(self.settings)
        items = [
            c for c in self.context.get("generated_content", {}).values() if isinstance(c, Article)
        ]
        entries, errors = collect_entries(items, config.configs, config.slugify, display_path)
        # A post in a language without a site is the content checks' error to report.
        entries = [e for e in entries if e.lang in config.sites.langs]
        visible = [e for e in entries if config.visibility.listed(e.item)]
        # Only what this build lists is compared: a draft left out of a publishing
        # build cannot clash with anything.
        problems = check_entries(visible, display_path)
        add_findings(self.context, [*errors, *problems.errors, *problems.warnings])

        # A feed needs absolute addresses (its entry ids are tag URIs with the domain):
        # none in a development build with a root-relative SITEURL.
        absolute = self.settings["SITEURL"].startswith(("http://", "https://"))
        links = SeriesLinks(page=config.url, feed=config.feed_atom if absolute else None)
        views, posts = build_views(visible, config.configs, config.lang, config.sites, links)
        for entry in entries:
            entry.item.series = post_series(entry, views, posts)
        # Newest first; series with the same latest date by id, so builds repeat exactly.
        ordered = sorted(views.values(), key=lambda v: v.id)
        self.context["series_list"] = sorted(ordered, key=lambda v: v.latest, reverse=True)
        self.config = config
        self.feed_items = {
            series_id: feed_order(
                e
                for e in visible
                if e.series_id == series_id
                and e.lang == config.lang
                and e.item.status == "published"
            )
            for series_id in views
        }

    def generate_output(self, writer):
        """Write the series index, each series' page and its Atom feed.

        A writer's own theme without `series_list.html` / `series.html` gets no series
        pages (the main site's build says which templates to copy).
        """
        templates = ("series_list", "series")
        has_templates = all(subsites.theme_has_template(self.settings, t) for t in templates)
        if not has_templates and not self.context.get("series_list"):
            return  # a writer's theme and no series: nothing missing to speak of
        if subsites.without_template(
            self.settings, "series_threads", templates, "series pages are"
        ):
            return
        config, relative = self.config, self.settings["RELATIVE_URLS"]
        writer.write_file(
            config.index_save_as,
            self.get_template("series_list"),
            self.context,
            relative_urls=relative,
            url=config.index_url,
        )
        for view in self.context["series_list"]:
            writer.write_file(
                config.save_as.format(id=view.id),
                self.get_template("series"),
                self.context,
                relative_urls=relative,
                url=config.url.format(id=view.id),
                series=view,
            )
            if view.feed_url and self.feed_items.get(view.id):
                writer.write_feed(
                    self.feed_items[view.id],
                    self.context,
                    config.feed_atom.format(id=view.id),
                    view.feed_url,
                    # Markup: Pelican strips tags from feed titles, which unescapes it.
                    feed_title=escape(view.name),
                )


def set_defaults(pelican):
    """`initialized`: the URL settings, then a check of every series setting.

    It runs before Pelican copies the settings into the template context.
    """
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    config = SeriesSettings.from_settings(pelican.settings)
    if subsites.is_main_site(pelican.settings):  # once per build
        for line in unknown_languages(pelican.settings.get("SERIES"), config.sites.langs):
            log.warning("%s", line)


def add_generator(pelican):
    """`get_generators`: the series pages' generator."""
    return SeriesGenerator


def page_shows(item, memo):
    """`core.dependencies.PAGE_SHOWS`: the values of `item`'s series box, or None."""
    series = getattr(item, "series", None)
    return dependencies.plain_text(series, memo) if isinstance(series, PostSeries) else None


def site_shows(contents):
    """`core.dependencies.SITE_SHOWS`: the series every page's header links (ids, names)."""
    shown = {
        (item.series.id, str(item.series.name))
        for item in contents
        if isinstance(getattr(item, "series", None), PostSeries)
    }
    return repr(sorted(shown))


def context_names(sender):
    """`core.dependencies.CONTEXT_NAMES`: `series_list`, covered by `site_shows`."""
    return {"series_list"}


def register():
    """Connect the handlers, in the order they fire."""
    dependencies.PAGE_SHOWS.connect(page_shows)
    dependencies.SITE_SHOWS.connect(site_shows)
    dependencies.CONTEXT_NAMES.connect(context_names)
    signals.initialized.connect(set_defaults)
    signals.get_generators.connect(add_generator)
