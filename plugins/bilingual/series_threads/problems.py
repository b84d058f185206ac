"""What can be wrong with a series: duplicate numbers, disagreements, gaps.

Pure functions on `grouping.Entry` values returning `core.Finding`s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core import error, warning


@dataclass(frozen=True)
class Problems:
    """The findings about a set of entries: errors and warnings, as tuples."""

    errors: tuple = ()
    warnings: tuple = ()


def check_entries(entries: list, name=None) -> Problems:
    """Duplicate numbers (errors); pairs that disagree and numbering gaps (warnings).

    `name(item)` is the path a message shows (default: `source_path`).
    """
    name = name or (lambda item: item.source_path)
    return Problems(
        tuple(duplicate_numbers(entries, name)),
        (*disagreements(entries, name), *numbering_gaps(entries, name)),
    )


def _where(series_id: str, subseries: str | None) -> str:
    return f"{series_id}/{subseries}" if subseries else series_id


def duplicate_numbers(entries: list, name: Callable) -> list:
    """Errors for two episodes with one number in one (sub-)series and language."""
    by_place: dict = {}
    for entry in entries:
        if entry.index is not None:
            place = (entry.series_id, entry.subseries, entry.lang, entry.index)
            by_place.setdefault(place, []).append(entry)
    errors = []
    for (series_id, subseries, lang, index), same in sorted(by_place.items(), key=_place_key):
        if len(same) > 1:
            files = sorted(name(e.item) for e in same)
            errors.append(
                error(
                    files[0],
                    "Series_index",
                    f"same 'Series_index' {index} in series '{_where(series_id, subseries)}' "
                    f"({lang})",
                    "give each episode its own number",
                    others=tuple(files[1:]),
                )
            )
    return errors


def disagreements(entries: list, name: Callable) -> list:
    """Warnings for translations that disagree on their series, sub-series or number."""
    by_slug: dict = {}
    for entry in entries:
        by_slug.setdefault(entry.slug, []).append(entry)
    warnings = []
    for slug in sorted(by_slug):
        versions = sorted(by_slug[slug], key=lambda e: e.lang)
        first = versions[0]
        for other in versions[1:]:
            if first.series_id != other.series_id:
                # In the order the message names the files: this version, then the first.
                typed = (str(e.item.metadata.get("series", "")).strip() for e in (other, first))
                warnings.append(
                    warning(
                        name(other.item),
                        "Series",
                        "translations name different series ({!r} vs {!r})".format(*typed),
                        "give both the same 'Series:', or join the two names in the SERIES "
                        "setting (a name per language, or 'aliases')",
                        others=(name(first.item),),
                    )
                )
                continue
            for field_name, a, b, same in (
                ("Subseries", first.subseries, other.subseries, first.subseries == other.subseries),
                ("Series_index", first.number, other.number, first.index == other.index),
            ):
                if not same:
                    warnings.append(
                        warning(
                            name(other.item),
                            field_name,
                            f"translations disagree on '{field_name}' "
                            f"({b or 'none'} vs {a or 'none'})",
                            "give both versions the same sub-series and number",
                            others=(name(first.item),),
                        )
                    )
    return warnings


def numbering_gaps(entries: list, name: Callable) -> list:
    """Warnings for numbers that no language has below a (sub-)series' highest.

    An episode that exists in one language only fills its number for every language:
    each site lists it, marked with its language.
    """
    numbered: dict = {}
    for entry in entries:
        if entry.index is not None:
            numbered.setdefault((entry.series_id, entry.subseries), []).append(entry)
    warnings = []
    for (series_id, subseries), members in sorted(numbered.items(), key=_place_key):
        indices = {e.index for e in members}
        missing = sorted(set(range(1, max(indices) + 1)) - indices)
        if missing:
            # Named on the episode right after the first gap: where the number is missed.
            after = min(
                (e for e in members if e.index > missing[0]), key=lambda e: (e.index, e.lang)
            )
            warnings.append(
                warning(
                    name(after.item),
                    "Series_index",
                    f"series '{_where(series_id, subseries)}' has no episode numbered "
                    f"{', '.join(str(i) for i in missing)}",
                    "number the episodes 1, 2, 3 … without gaps",
                )
            )
    return warnings


def _place_key(pair):
    """Sort key for ((series_id, subseries, ...), value) pairs with None parts."""
    key = pair[0]
    return tuple("" if part is None else str(part) for part in key)
