"""Pure functions behind `series_threads`: no Pelican imports, no I/O, no globals.

They take content-like objects (with `slug`, `lang`, `status`, `date`, `title`,
`url`, `source_path` and a `metadata` dict) and return new values.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..core import error

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
        """The series' name in `lang`, else `fallback` (the name as the posts give it)."""
        return self.names.get(lang) or fallback

    def subseries_name(self, key: str, lang: str) -> str:
        """A sub-series' name in `lang`, else its key (`KAL`)."""
        return (self.subseries.get(key) or {}).get(lang) or key

    def subseries_key(self, typed: str) -> str | None:
        """The `subseries` key a post's `Subseries:` means, or None for none of them.

        The key as typed, in any case (`kal` is `KAL`), or any language's name of it
        (`칼만 필터`), as series names and aliases match.
        """
        wanted = typed.casefold()
        for key, names in self.subseries.items():
            if key.casefold() == wanted or any(
                str(name).casefold() == wanted for name in (names or {}).values()
            ):
                return key
        return None


@dataclass(frozen=True)
class Entry:
    """A post that belongs to a series, with its place in it."""

    item: object
    series_id: str
    subseries: str | None
    index: int | None
    written: str = ""  # `Series_index` as the writer typed it (`02`)

    @property
    def lang(self) -> str:
        """The post's language."""
        return self.item.lang

    @property
    def slug(self) -> str:
        """The post's slug (shared by its translations)."""
        return self.item.slug

    @property
    def number(self) -> str:
        """The episode number as the writer typed it (`02`), or "" without one."""
        if self.index is None:
            return ""
        return self.written or str(self.index)

    @property
    def label(self) -> str:
        """`KAL-2`, `3`, `02` (as typed), or "" for a series without numbers."""
        if self.index is None:
            return ""
        return f"{self.subseries}-{self.number}" if self.subseries else self.number


@dataclass(frozen=True)
class Thread:
    """A sub-series (or the whole series when it has none) in reading order."""

    key: str | None
    entries: tuple


def simple_slugify(value: str) -> str:
    """A lowercase slug of word characters and hyphens (tests; the plugin uses Pelican's)."""
    return re.sub(r"[^\w]+", "-", value.casefold()).strip("-")


def normalize_config(setting: dict | None) -> dict[str, SeriesConfig]:
    """The `SERIES` setting as {id: SeriesConfig}.

    Raises ValueError naming the entry when an entry is not a dict, or its `name` or
    `description` is not a {lang: text} dict.
    """
    configs = {}
    for series_id, entry in (setting or {}).items():
        where = f"series_threads: invalid SERIES['{series_id}']"
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: expected a dict")
        for key in ("name", "description"):
            texts = entry.get(key) or {}
            if not isinstance(texts, dict):
                raise ValueError(f"{where}['{key}']: expected {{language: text}}")
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


def unknown_languages(setting: dict | None, langs) -> list[str]:
    """What `SERIES` names in languages the site does not have: one line each.

    Not wrong (a language may come later, or went): the texts are simply not shown.
    Language tags ignore case. Entries that are not dicts are `normalize_config`'s to
    report.
    """
    known = {lang.lower() for lang in langs}
    lines = []
    for series_id, entry in (setting or {}).items():
        if not isinstance(entry, dict):
            continue
        for key in ("name", "description"):
            texts = entry.get(key)
            if not isinstance(texts, dict):
                continue
            for lang in sorted(str(code) for code in texts if str(code).lower() not in known):
                lines.append(
                    f"series_threads: SERIES['{series_id}']['{key}'] has a text in '{lang}', "
                    f"which is not one of the site's languages ({', '.join(langs)}); "
                    "it is not shown"
                )
    return lines


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
                    error(
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
                error(
                    name(item),
                    "Series_index",
                    f"field 'Series_index' is '{bad}'",
                    "it must be a positive whole number (1, 2, 3 …)",
                )
            )
            continue
        series_id = resolve_series_id(series, configs, slugify)
        config = configs.get(series_id)
        if subseries and config is not None and config.subseries:
            # `ml` or `머신러닝` is the sub-series SERIES defines as `ML`.
            subseries = config.subseries_key(subseries) or subseries
        written = str(meta.get("series_index") or "").strip()
        entries.append(Entry(item, series_id, subseries, index, written))
    return entries, errors
