"""Pure functions behind `series_threads`: no Pelican imports, no I/O, no globals.

They take content-like objects (with `slug`, `lang`, `status`, `date`, `title`,
`url`, `source_path` and a `metadata` dict) and return new values.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from bilingual.pairing import Finding

MAX_ID = 64


@dataclass(frozen=True)
class SeriesConfig:
    """One entry of the `SERIES` setting, normalized."""

    id: str
    names: dict = field(default_factory=dict)
    descriptions: dict = field(default_factory=dict)
    aliases: tuple = ()
    subseries: dict = field(default_factory=dict)  # key -> {lang: name}

    def name(self, lang: str, fallback: str) -> str:
        return self.names.get(lang) or fallback

    def subseries_name(self, key: str, lang: str) -> str:
        return (self.subseries.get(key) or {}).get(lang) or key


@dataclass(frozen=True)
class Entry:
    """A post that belongs to a series, with its place in it."""

    item: object
    series_id: str
    subseries: str | None
    index: int | None

    @property
    def lang(self) -> str:
        return self.item.lang

    @property
    def slug(self) -> str:
        return self.item.slug

    @property
    def label(self) -> str:
        """`KAL-2`, `3`, or `` for a series without numbers."""
        if self.index is None:
            return ""
        return f"{self.subseries}-{self.index}" if self.subseries else str(self.index)


@dataclass(frozen=True)
class Thread:
    """A sub-series (or the whole series when it has none) in reading order."""

    key: str | None
    entries: tuple


@dataclass(frozen=True)
class Problems:
    errors: tuple = ()
    warnings: tuple = ()


def simple_slugify(value: str) -> str:
    return re.sub(r"[^\w]+", "-", value.casefold()).strip("-")


def normalize_config(setting: dict | None) -> dict[str, SeriesConfig]:
    """The `SERIES` setting as {id: SeriesConfig}; raises ValueError on a malformed entry."""
    configs = {}
    for series_id, entry in (setting or {}).items():
        if not isinstance(entry, dict):
            raise ValueError(f"series_threads: invalid SERIES['{series_id}']: expected a dict")
        subseries = {
            key: (value.get("name", {}) if isinstance(value, dict) else {})
            for key, value in (entry.get("subseries") or {}).items()
        }
        configs[series_id] = SeriesConfig(
            id=series_id,
            names=dict(entry.get("name") or {}),
            descriptions=dict(entry.get("description") or {}),
            aliases=tuple(entry.get("aliases") or ()),
            subseries=subseries,
        )
    return configs


def resolve_series_id(name: str, configs: dict, slugify: Callable = simple_slugify) -> str:
    """A stable id for a `Series:` value: a SERIES key, a localized name or alias, or a slug.

    A name with nothing to slug (`🌱`, `++`) gets `series-` and a digest of the name;
    a slug longer than `MAX_ID` is cut and given a digest, so that it fits a file name.
    """
    wanted = name.strip().casefold()
    for config in configs.values():
        known = [config.id, *config.names.values(), *config.aliases]
        if wanted in (k.casefold() for k in known):
            return config.id
    digest = hashlib.sha1(wanted.encode()).hexdigest()[:8]
    slug = slugify(name.strip())
    if not slug:
        return f"series-{digest}"
    return slug if len(slug) <= MAX_ID else f"{slug[: MAX_ID - 9].rstrip('-')}-{digest}"


def parse_index(value) -> int | None:
    """`Series_index` as a positive int; None when absent; ValueError otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if not text.isdigit() or int(text) < 1:
        raise ValueError(text)
    return int(text)


def collect_entries(items: Iterable, configs: dict, slugify=simple_slugify, name=None):
    """(entries, errors) for every item that declares a series."""
    name = name or (lambda item: item.source_path)
    entries, errors = [], []
    for item in items:
        meta = item.metadata
        series = str(meta.get("series") or "").strip()
        subseries = str(meta.get("subseries") or "").strip() or None
        if not series:
            if subseries:
                errors.append(
                    Finding(
                        "error",
                        name(item),
                        "Subseries",
                        f"field 'Subseries' is '{subseries}' but the post has no 'Series'",
                        "add the series it belongs to",
                    )
                )
            continue
        try:
            index = parse_index(meta.get("series_index"))
        except ValueError as bad:
            errors.append(
                Finding(
                    "error",
                    name(item),
                    "Series_index",
                    f"field 'Series_index' is '{bad}'",
                    "it must be a positive whole number (1, 2, 3 …)",
                )
            )
            continue
        series_id = resolve_series_id(series, configs, slugify)
        entries.append(Entry(item, series_id, subseries, index))
    return entries, errors


def check_entries(entries: list, name=None) -> Problems:
    """Duplicate numbers (errors); pairs that disagree and numbering gaps (warnings)."""
    name = name or (lambda item: item.source_path)
    errors, warnings = [], []
    by_place: dict = {}
    for entry in entries:
        if entry.index is not None:
            place = (entry.series_id, entry.subseries, entry.lang, entry.index)
            by_place.setdefault(place, []).append(entry)
    for (series_id, subseries, lang, index), same in sorted(by_place.items(), key=_place_key):
        if len(same) > 1:
            files = sorted(name(e.item) for e in same)
            where = f"{series_id}/{subseries}" if subseries else series_id
            errors.append(
                Finding(
                    "error",
                    files[0],
                    "Series_index",
                    f"same 'Series_index' {index} in series '{where}' ({lang})",
                    "give each episode its own number",
                    others=tuple(files[1:]),
                )
            )

    by_slug: dict = {}
    for entry in entries:
        by_slug.setdefault(entry.slug, []).append(entry)
    for slug in sorted(by_slug):
        versions = sorted(by_slug[slug], key=lambda e: e.lang)
        first = versions[0]
        for other in versions[1:]:
            for field_name, a, b in (
                ("Series", first.series_id, other.series_id),
                ("Subseries", first.subseries, other.subseries),
                ("Series_index", first.index, other.index),
            ):
                if a != b:
                    warnings.append(
                        Finding(
                            "warning",
                            name(other.item),
                            field_name,
                            f"translations disagree on '{field_name}' ({a!r} vs {b!r})",
                            "give both versions the same series, sub-series and number",
                            others=(name(first.item),),
                        )
                    )

    numbered: dict = {}
    for entry in entries:
        if entry.index is not None:
            key = (entry.series_id, entry.subseries, entry.lang)
            numbered.setdefault(key, set()).add(entry.index)
    for (series_id, subseries, lang), indices in sorted(numbered.items(), key=_place_key):
        missing = sorted(set(range(1, max(indices) + 1)) - indices)
        if missing:
            where = f"{series_id}/{subseries}" if subseries else series_id
            gaps = ", ".join(str(i) for i in missing)
            first = min(
                (
                    e
                    for e in entries
                    if (e.series_id, e.subseries, e.lang) == (series_id, subseries, lang)
                ),
                key=lambda e: e.index,
            )
            warnings.append(
                Finding(
                    "warning",
                    name(first.item),
                    "Series_index",
                    f"series '{where}' ({lang}) has no episode numbered {gaps}",
                    "number the episodes 1, 2, 3 … without gaps",
                )
            )
    return Problems(tuple(errors), tuple(warnings))


def _place_key(pair):
    key = pair[0]
    return tuple("" if part is None else str(part) for part in key)


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
