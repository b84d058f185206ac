"""The order of a series: threads, episodes, one version per post, long threads.

Pure functions on `grouping.Entry` values; no Pelican, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable

from .grouping import Entry, Thread


def feed_order(entries: Iterable[Entry]) -> list:
    """The posts of `entries` as a series' feed lists them: newest first.

    Posts of the same moment: the later in the series first, then by source file, so a
    build repeats exactly (Pelican reads the content folder as a set, in no fixed order).
    """
    ordered = sorted(
        entries,
        key=lambda e: (e.item.date, -1 if e.index is None else e.index, e.item.source_path),
        reverse=True,
    )
    return [entry.item for entry in ordered]


def order_threads(entries: Iterable) -> list[Thread]:
    """Sub-series by their first episode's date; episodes by index, or by date without one."""
    groups: dict = {}
    for entry in entries:
        groups.setdefault(entry.subseries, []).append(entry)
    threads = []
    for key, members in groups.items():
        members.sort(
            key=lambda e: (
                e.index is None,
                e.index or 0,
                e.item.date,
                e.item.source_path,
            )
        )
        threads.append(Thread(key, tuple(members)))
    threads.sort(key=lambda t: (min(e.item.date for e in t.entries), t.key or ""))
    return threads


def representatives(entries: Iterable, lang: str, langs: list[str]) -> list:
    """One entry per post (slug): the `lang` version if there is one, else the first by `langs`."""
    by_slug: dict = {}
    for entry in entries:
        by_slug.setdefault(entry.slug, {})[entry.lang] = entry
    chosen = []
    for versions in by_slug.values():
        ordered = [versions[x] for x in langs if x in versions] or list(versions.values())
        pick = versions.get(lang) or ordered[0]
        chosen.append(pick)
    return chosen


def versions_by_slug(entries: Iterable) -> dict[str, dict[str, Entry]]:
    """{slug: {lang: entry}}."""
    found: dict = {}
    for entry in entries:
        found.setdefault(entry.slug, {})[entry.lang] = entry
    return found


def window(count: int, current: int, radius: int = 3) -> list[int | None]:
    """Positions (0-based) to list around `current`, with None where a run is left out.

    Short lists come whole; long ones keep the first, the last and `radius` either side.
    """
    if count <= 2 * radius + 3:
        return list(range(count))
    keep = {0, count - 1, *range(max(0, current - radius), min(count, current + radius + 1))}
    shown: list[int | None] = []
    for position in sorted(keep):
        if shown and shown[-1] is not None and position != shown[-1] + 1:
            shown.append(None)
        shown.append(position)
    return shown
