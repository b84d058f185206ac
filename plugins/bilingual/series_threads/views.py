"""The series as templates show them: pure functions from entries to view values.

No Pelican imports, no I/O. Entries come from `grouping.collect_entries`; URLs are
made with a `core.LanguageSites`, each post's on its own language's site.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core import LanguageSites
from .grouping import Entry, SeriesConfig
from .ordering import order_threads, representatives, versions_by_slug, window


@dataclass(frozen=True)
class EpisodeView:
    """One post of a series as a list shows it.

    `url` is on the post's own language's site; `versions` is ((lang, url, status),
    ...) in site-language order.
    """

    slug: str
    label: str
    index: int | None
    number: str  # as typed: `02`
    subseries: str | None
    title: object  # escaped Markup, or str
    lang: str
    date: object
    status: str
    url: str
    versions: tuple


@dataclass(frozen=True)
class ThreadView:
    """A sub-series and its episodes in reading order.

    `key` and the localized `name` are empty for a series without sub-series;
    `episodes` are EpisodeViews.
    """

    key: str | None
    name: str
    episodes: tuple


@dataclass(frozen=True)
class SeriesView:
    """One series on one language's site: its page, feed and threads.

    `threads` lists every post of the series in any language (one row per post, this
    language's version where there is one); `langs` the languages it has; `count` its
    posts; `latest` the newest post's date.
    """

    id: str
    name: str
    description: str
    url: str
    feed_url: str | None
    threads: tuple
    langs: tuple
    count: int
    latest: object


@dataclass(frozen=True)
class PostSeries:
    """`article.series`: the series of one post, and where the post sits in it.

    `id`, `name` (in the site's language), `url` (the series page, "" when this site
    lists no post of it), `label` (`KAL-2`, `3`, or ""), `number` (`Series_index` as
    typed, `02`; None without one) and
    `subseries` always; the names pelican-series uses keep its meaning: `index` is the
    post's 1-based place in its thread, `all` the thread's episodes in reading order,
    `previous` / `next` the neighbours across sub-series (None at the ends). `total`
    is the thread's length (or its highest number), `nearby` the episodes to list
    around this one (None marks a gap), `thread` the `ThreadView` and `view` the
    `SeriesView`. Navigation is empty (`all == ()`) for posts this site does not list.
    """

    id: str
    name: str
    url: str
    label: str
    number: str | None
    subseries: str | None
    index: int | None = None
    total: int | None = None
    all: tuple = ()
    previous: EpisodeView | None = None
    next: EpisodeView | None = None
    nearby: tuple = ()
    thread: ThreadView | None = None
    view: SeriesView | None = None

    @property
    def episode(self) -> EpisodeView | None:
        """This post's own row in `all`."""
        return self.all[self.index - 1] if self.index else None


@dataclass(frozen=True)
class SeriesLinks:
    """The URL patterns of the series pages and feeds (`{id}` in each)."""

    page: str
    feed: str | None


def episode_view(entry: Entry, sites: LanguageSites, versions: dict) -> EpisodeView:
    """The list row of `entry`; `versions` is {lang: entry} of the same post."""
    item = entry.item
    return EpisodeView(
        slug=item.slug,
        label=entry.label,
        index=entry.index,
        number=entry.number,
        subseries=entry.subseries,
        title=item.title,
        lang=item.lang,
        date=item.date,
        status=item.status,
        url=sites.url(item.lang, item.url),
        versions=tuple(
            (lang, sites.url(lang, versions[lang].item.url), versions[lang].item.status)
            for lang in sites.langs
            if lang in versions
        ),
    )


def thread_views(threads, config: SeriesConfig, lang: str, sites, versions) -> tuple:
    """ThreadViews of `threads` (Threads) in `lang`; `versions` is {slug: {lang: entry}}."""
    return tuple(
        ThreadView(
            key=thread.key,
            name=config.subseries_name(thread.key, lang) if thread.key else "",
            episodes=tuple(episode_view(e, sites, versions[e.slug]) for e in thread.entries),
        )
        for thread in threads
    )


def series_view(members, config, lang, sites, links: SeriesLinks) -> SeriesView:
    """The SeriesView of one series' visible entries (`members`, any language)."""
    own = [e for e in members if e.lang == lang]
    # Without a configured name, the name the first post (by date, then file) gives it:
    # the same in every build, whatever order the files were read in.
    first = min(own or members, key=lambda e: (e.item.date, e.item.source_path or ""))
    fallback_name = str(first.item.metadata["series"]).strip()
    versions = versions_by_slug(members)
    series_id = config.id
    has_feed = bool(links.feed) and any(e.item.status == "published" for e in own)
    return SeriesView(
        id=series_id,
        name=config.name(lang, fallback_name),
        description=config.descriptions.get(lang, ""),
        url=sites.url(lang, links.page.format(id=series_id)),
        feed_url=sites.url(lang, links.feed.format(id=series_id)) if has_feed else None,
        threads=thread_views(
            order_threads(representatives(members, lang, sites.langs)),
            config,
            lang,
            sites,
            versions,
        ),
        langs=tuple(x for x in sites.langs if any(e.lang == x for e in members)),
        count=len(versions),
        latest=max(e.item.date for e in members),
    )


def navigation(view: SeriesView, lang: str) -> dict:
    """{(slug, lang): PostSeries} for this language's posts in one series' view.

    A post's thread lists every episode, in this language where it exists, else in
    another (marked by its `lang`), so numbers and totals agree on every language's
    site. `previous` / `next` are this language's neighbours in reading order, across
    sub-series (the last episode of one leads to the first of the next).
    """
    places = [
        (thread, at)
        for thread in view.threads
        for at, episode in enumerate(thread.episodes)
        if episode.lang == lang
    ]
    found = {}
    for position, (thread, at) in enumerate(places):
        episodes = thread.episodes
        own = episodes[at]
        numbered = [ev.index for ev in episodes if ev.index is not None]
        found[(own.slug, lang)] = PostSeries(
            id=view.id,
            name=view.name,
            url=view.url,
            label=own.label,
            number=own.number or None,
            subseries=own.subseries,
            index=at + 1,
            total=max([len(episodes), *numbered]),
            all=episodes,
            previous=_episode_at(places[position - 1]) if position > 0 else None,
            next=_episode_at(places[position + 1]) if position + 1 < len(places) else None,
            nearby=tuple(None if i is None else episodes[i] for i in window(len(episodes), at)),
            thread=thread,
            view=view,
        )
    return found


def _episode_at(place) -> EpisodeView:
    thread, at = place
    return thread.episodes[at]


def build_views(visible, configs: dict, lang: str, sites: LanguageSites, links: SeriesLinks):
    """({series_id: SeriesView}, {(slug, lang): PostSeries}) for `lang`'s site.

    `visible` are the entries this build lists (any language); `configs` the `SERIES`
    setting as {id: SeriesConfig} (a series without one gets a bare config).
    """
    views, posts = {}, {}
    by_series: dict = {}
    for entry in visible:
        by_series.setdefault(entry.series_id, []).append(entry)
    for series_id, members in by_series.items():
        config = configs.get(series_id) or SeriesConfig(series_id)
        view = series_view(members, config, lang, sites, links)
        views[series_id] = view
        posts.update(navigation(view, lang))
    return views, posts


def post_series(entry: Entry, views: dict, posts: dict) -> PostSeries:
    """`article.series` for any entry: with navigation where this site lists the post.

    `posts` is `build_views`' {(slug, lang): PostSeries}.
    """
    found = posts.get((entry.slug, entry.lang))
    if found is not None:
        return found
    view = views.get(entry.series_id)
    return PostSeries(
        id=entry.series_id,
        name=view.name if view else str(entry.item.metadata["series"]),
        url=view.url if view else "",
        label=entry.label,
        number=entry.number or None,
        subseries=entry.subseries,
        view=view,
    )
