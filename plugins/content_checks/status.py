"""Where each post's translations stand, the build summary and `invoke check`'s report.

Pure functions on content-like objects (`slug`, `lang`, `status`, `date`, optional
`modified`, `source_path`); no Pelican, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from common import Finding, group_by_slug, warning


@dataclass(frozen=True)
class StatusRow:
    """One post and where each language's version stands.

    `states` is {lang: "source" | "ok" | "stale" | "missing"}; `paths` and `items` are
    {lang: display path} and {lang: the post} for the versions that exist.
    """

    slug: str
    states: dict
    paths: dict
    items: dict

    @property
    def complete(self) -> bool:
        """Every language has an up-to-date version."""
        return all(state in ("ok", "source") for state in self.states.values())


@dataclass(frozen=True)
class Summary:
    """What a build holds: published posts per language and complete pairs.

    `missing` is ((path, lang, (languages it lacks)), ...), sorted.
    """

    langs: tuple[str, ...]
    per_lang: dict[str, int]
    pairs: int
    missing: tuple[tuple[str, str, tuple[str, ...]], ...] = field(default=())

    def lines(self) -> list[str]:
        """The summary as lines of text, for the end of a build."""
        counts = ", ".join(f"{lang}: {self.per_lang.get(lang, 0)}" for lang in self.langs)
        out = [f"posts per language: {counts}; complete pairs: {self.pairs}"]
        if not self.missing:
            out.append("every post has all its translations")
        for path, lang, absent in self.missing:
            out.append(f"missing {', '.join(absent)}: {path} ({lang})")
        return out


def freshness(item):
    """When a version was last changed: its `modified`, else its `date`."""
    return getattr(item, "modified", None) or item.date


def translation_status(items: Iterable, langs: list[str], name: Callable) -> list[StatusRow]:
    """Every post with its versions: the source, up-to-date, stale or missing translations.

    The source is the first version in site-language order that is not marked
    `Translation: true` (`is_translation`), else the first present. A translation is
    stale when its `Modified` (or `Date`) is older than the source's `Modified`.
    """
    rows = []
    for slug, group in sorted(group_by_slug(items).items()):
        present = [lang for lang in langs if lang in group] or list(group)
        originals = [lang for lang in present if not getattr(group[lang], "is_translation", False)]
        source_lang = (originals or present)[0]
        changed = getattr(group[source_lang], "modified", None)
        states = {}
        for lang in langs:
            item = group.get(lang)
            if item is None:
                states[lang] = "missing"
            elif lang == source_lang:
                states[lang] = "source"
            elif changed is not None and freshness(item) < changed:
                states[lang] = "stale"
            else:
                states[lang] = "ok"
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


def summarize(items, langs, name: Callable) -> Summary:
    """Published posts per language, complete pairs, and posts lacking a translation."""
    published = [i for i in items if i.status == "published"]
    per_lang = {lang: 0 for lang in langs}
    for item in published:
        per_lang[item.lang] = per_lang.get(item.lang, 0) + 1
    groups = group_by_slug(published)
    pairs = sum(1 for g in groups.values() if all(lang in g for lang in langs))
    missing = []
    for _slug, group in sorted(groups.items()):
        absent = tuple(lang for lang in langs if lang not in group)
        if absent:
            for lang, item in group.items():
                missing.append((name(item), lang, absent))
    return Summary(tuple(langs), per_lang, pairs, tuple(sorted(missing)))


def report(findings: list[Finding], rows: list[StatusRow], langs: list[str], files: int) -> str:
    """What `invoke check` prints: findings, a summary table, the translation status."""
    out = []
    for finding in sorted(findings, key=lambda f: (f.severity != "error", f.path, f.line or 0)):
        out.append(f"{finding.severity.upper():8} {finding.where}  [{finding.field}]")
        out.append(f"         {finding.message}")
        out.append(f"         fix: {finding.fix}")
    errors = sum(1 for f in findings if f.severity == "error")
    complete = sum(1 for row in rows if row.complete)
    out += [
        "",
        "Summary",
        f"  {'files read':<22}{files:>6}",
        f"  {'errors':<22}{errors:>6}",
        f"  {'warnings':<22}{len(findings) - errors:>6}",
        f"  {'posts':<22}{len(rows):>6}",
        f"  {'fully translated':<22}{complete:>6}",
        "",
        "Translations (source · ok · stale · missing)",
        "  " + f"{'post':<40}" + "".join(f"{lang:<10}" for lang in langs),
    ]
    for row in rows:
        out.append("  " + f"{row.slug[:39]:<40}" + "".join(f"{row.states[x]:<10}" for x in langs))
    return "\n".join(out)
