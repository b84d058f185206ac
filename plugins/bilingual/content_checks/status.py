"""Where each post's translations stand, for the summary, the check and the status page.

One set of rows feeds the build summary, the report of `invoke check` and the
writer's status page, so they always agree.

Pure functions on content-like objects (`slug`, `lang`, `status`, `date`, optional
`modified` and `is_translation`, `source_path`); no Pelican, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..core import (
    Finding,
    group_by_slug,
    source_lang,
    warning,
)

# States of one language's version; the first three are published versions.
PUBLISHED_STATES = ("source", "ok", "stale")
# How many posts without a translation the build summary names; the rest are counted.
SUMMARY_EXAMPLES = 5


@dataclass(frozen=True)
class StatusRow:
    """One post and where each language's version stands.

    `states` is {lang: "source" | "ok" | "stale" | "draft" | "hidden" | "missing"}:
    a published version is the source, up to date or stale; an unpublished one is
    its status. `paths` and `items` are {lang: display path} and {lang: the post}
    for the versions that exist.
    """

    slug: str
    states: dict
    paths: dict
    items: dict

    @property
    def published_langs(self) -> list[str]:
        """The languages with a published version."""
        return [lang for lang, state in self.states.items() if state in PUBLISHED_STATES]

    @property
    def complete(self) -> bool:
        """Every language has a published version (stale or not)."""
        return len(self.published_langs) == len(self.states)

    @property
    def lacking(self) -> list[str]:
        """The languages without a published version, when some other has one."""
        if not self.published_langs:
            return []
        return [lang for lang in self.states if lang not in self.published_langs]


@dataclass(frozen=True)
class Summary:
    """What a build holds, from the status rows.

    Published posts per language, complete pairs, posts lacking a translation, and
    the warnings reported.
    """

    langs: tuple[str, ...]
    per_lang: dict[str, int]
    pairs: int
    missing: tuple  # ((path, lang, (languages it lacks)), ...), sorted
    warnings: int = 0
    untranslated: int = 0  # posts (not files) without every translation
    status_page: str = ""  # the translation status page's URL, "" when not written

    def lines(self) -> list[str]:
        """The summary as lines of text for the end of a build: counts, a few examples."""
        if len(self.langs) == 1:  # a blog in one language: nothing to pair
            (lang,) = self.langs
            out = [f"posts: {self.per_lang.get(lang, 0)} ({lang})"]
            if self.warnings:
                out.append(f"{self.warnings} warning(s) above; none stops the build")
            return out
        counts = ", ".join(f"{lang}: {self.per_lang.get(lang, 0)}" for lang in self.langs)
        # Two languages make pairs; with more, a post is complete in every language.
        complete = "complete pairs" if len(self.langs) == 2 else "in every language"
        out = [f"posts per language: {counts}; {complete}: {self.pairs}"]
        if not self.missing:
            out.append("every post has all its translations")
        else:
            count = self.untranslated or len(self.missing)
            out.append(f"{count} post(s) without every translation, for example:")
            for path, lang, absent in self.missing[:SUMMARY_EXAMPLES]:
                out.append(f"  missing {', '.join(absent)}: {path} ({lang})")
            if len(self.missing) > SUMMARY_EXAMPLES:
                out.append(f"  … and {len(self.missing) - SUMMARY_EXAMPLES} more")
            where = f", or {self.status_page}" if self.status_page else ""
            out.append(f"the whole list: invoke check{where}")
        if self.warnings:
            out.append(f"{self.warnings} warning(s) above; none stops the build")
        return out


def freshness(item):
    """When a version was last changed: its `modified`, else its `date`."""
    return getattr(item, "modified", None) or item.date


def state_of(item, lang: str, source, source_lang_: str) -> str:
    """One version's state next to the source version (see `StatusRow`)."""
    if item is None:
        return "missing"
    if item.status != "published":
        return item.status
    if lang == source_lang_:
        return "source"
    changed = getattr(source, "modified", None)
    return "stale" if changed is not None and freshness(item) < changed else "ok"


def translation_status(
    items: Iterable, langs: list[str], name: Callable, ids: tuple = ("slug",)
) -> list[StatusRow]:
    """Every post (any status) with its versions, sorted by slug.

    `ids`: what makes items versions of one post (`translation_ids`: the slug by
    default); a row is named by its source version's slug.

    The source is `core.source_lang` (the first published version not marked
    `Translation: true`). A translation is stale when its `Modified` (or `Date`) is
    older than the source's `Modified`.
    """
    rows = []
    groups = group_by_slug(items, ids).values()
    for group in sorted(groups, key=lambda group: group[source_lang(group, langs)].slug):
        src = source_lang(group, langs)
        slug = group[src].slug
        states = {lang: state_of(group.get(lang), lang, group[src], src) for lang in langs}
        paths = {lang: name(item) for lang, item in group.items()}
        rows.append(StatusRow(slug, states, paths, dict(group)))
    return rows


def stale_findings(rows: list[StatusRow]) -> list[Finding]:
    """A warning for every stale translation, naming its source."""
    findings = []
    for row in rows:
        source = next((row.paths[lang] for lang, s in row.states.items() if s == "source"), "")
        for lang, state in row.states.items():
            if state == "stale":
                findings.append(
                    warning(
                        row.paths[lang],
                        "Modified",
                        f"translation is older than its source {source}, which was modified since",
                        "update the translation and give it a 'Modified:' date",
                        others=(source,),
                    )
                )
    return findings


def summarize(rows: list[StatusRow], langs, warnings: int = 0, status_page: str = "") -> Summary:
    """The build summary of the status rows; `status_page`: the status page's URL or ""."""
    per_lang = {lang: sum(1 for row in rows if lang in row.published_langs) for lang in langs}
    missing = sorted(
        (row.paths[lang], lang, tuple(row.lacking))
        for row in rows
        if row.lacking
        for lang in row.published_langs
    )
    return Summary(
        tuple(langs),
        per_lang,
        sum(1 for row in rows if row.complete),
        tuple(missing),
        warnings,
        sum(1 for row in rows if row.lacking),
        status_page,
    )


def translate_next(rows: list[StatusRow]) -> list[tuple[str, str, tuple[str, ...]]]:
    """What to translate next: [(kind, the file to work on, languages)].

    Kinds in this order, each oldest source first: "missing" (no file yet: the source's
    path, for `invoke translate PATH`), "draft" (a draft or hidden version to finish and
    publish: that version's file), "stale" (a translation older than its source's last
    change: that translation's file).
    """
    found = {"missing": [], "draft": [], "stale": []}
    for row in rows:
        source_lang = next((lang for lang, state in row.states.items() if state == "source"), None)
        if source_lang is None:
            continue
        date, path = row.items[source_lang].date, row.paths[source_lang]
        missing = tuple(lang for lang in row.lacking if row.states[lang] == "missing")
        if missing:
            found["missing"].append((date, path, missing))
        for lang in row.lacking:
            if row.states[lang] != "missing":
                found["draft"].append((date, row.paths[lang], (lang,)))
        for lang, state in row.states.items():
            if state == "stale":
                found["stale"].append((date, row.paths[lang], (lang,)))
    return [(kind, path, langs) for kind, todo in found.items() for _d, path, langs in sorted(todo)]


# `invoke check` lists every post up to this many; above, the posts with work to do.
WHOLE_TABLE = 60
# At most this many rows in each of its lists (a blog of 1,200 posts printed 2,585 lines).
LIST_LIMIT = 60


def report(
    findings: list[Finding], rows: list[StatusRow], langs: list[str], files: int, logged: int = 0
) -> str:
    """What `invoke check` prints: findings, a summary table, the translation status.

    `logged`: the warnings something else printed above (Pelican's readers...).
    """
    out = []
    for finding in sorted(findings, key=lambda f: (f.severity != "error", f.path, f.line or 0)):
        where = " and ".join((finding.where, *finding.others))
        out.append(f"{finding.severity.upper():8} {where}  [{finding.field}]")
        out.append(f"         {finding.message}")
        out.append(f"         fix: {finding.fix}")
    errors = sum(1 for f in findings if f.severity == "error")
    out += [
        "",
        "Summary",
        f"  {'files read':<22}{files:>6}",
        f"  {'errors':<22}{errors:>6}",
        f"  {'warnings':<22}{len(findings) - errors:>6}",
        *([f"  {'other warnings above':<22}{logged:>6}"] if logged else []),
        f"  {'posts':<22}{len(rows):>6}",
        f"  {'in every language':<22}{sum(1 for row in rows if row.complete):>6}",
        f"  {'stale translations':<22}"
        f"{sum(1 for row in rows for s in row.states.values() if s == 'stale'):>6}",
        "",
        "Translations (source · ok · stale · draft · hidden · missing)",
        "  " + f"{'post':<40}" + "".join(f"{lang:<10}" for lang in langs),
    ]
    # A small blog sees every post; a large one the posts with something to do.
    shown = rows if len(rows) <= WHOLE_TABLE else [row for row in rows if not row.complete]
    for row in shown[:LIST_LIMIT]:
        slug = row.slug if len(row.slug) <= 39 else row.slug[:38] + "…"  # cut, and says so
        out.append("  " + f"{slug:<40}" + "".join(f"{row.states[x]:<10}" for x in langs))
    left = len(rows) - min(len(shown), LIST_LIMIT)
    if left:
        out.append(
            f"  … and {left} more ({len(rows) - len(shown)} of them in every language); "
            "the translation status page lists every post"
        )
    todo = translate_next(rows)
    if todo:
        out += [
            "",
            "Translate next (missing: invoke translate PATH; then drafts to finish; then stale"
            " translations to update; oldest first)",
        ]
        out += [f"  {kind:<8} {', '.join(to):<10} {path}" for kind, path, to in todo[:LIST_LIMIT]]
        if len(todo) > LIST_LIMIT:
            out.append(f"  … and {len(todo) - LIST_LIMIT} more")
    return "\n".join(out)
