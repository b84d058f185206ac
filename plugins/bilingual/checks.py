"""Content rules shared by every build and by `invoke check`: pure functions, no Pelican.

Each rule takes plain values (paths, text, content-like objects) and returns
`Finding`s; `report()` turns findings and the translation status into the text that
`invoke check` prints.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .pairing import Finding, group_by_slug

STATUSES = ("published", "draft", "hidden", "skip")
METADATA_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*)$")
CONTENT_LINK = re.compile(
    r"""(?:href|src)\s*=\s*(["'])\{(filename|static|attach)\}([^"'#?]+)[^"']*\1"""
)


def split_metadata(text: str) -> dict[str, tuple[int, str]]:
    """Pelican-Markdown metadata: {lowercased key: (line number, value)} up to the first blank."""
    found = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break
        match = METADATA_LINE.match(line)
        if match is None:
            if number == 1:
                return {}
            continue
        found[match.group(1).lower()] = (number, match.group(2).strip())
    return found


def field_line(text: str, field: str) -> int | None:
    """The line of a metadata field in a source file's text, for messages."""
    entry = split_metadata(text).get(field.lower())
    return entry[0] if entry else None


def diagnose_source(path: str, data: bytes, parse_date: Callable) -> list[Finding]:
    """Why Pelican could not read a file: empty, not UTF-8, no metadata, no title or date."""
    if not data.strip():
        return [
            Finding(
                "error",
                path,
                "-",
                "the file is empty",
                "write a metadata block (Title:, Date:) and the post, or delete the file",
            )
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as bad:
        return [
            Finding(
                "error",
                path,
                "-",
                f"the file is not UTF-8 text (byte 0x{data[bad.start]:02x} at offset {bad.start})",
                "save the file with UTF-8 encoding",
            )
        ]
    meta = split_metadata(text.replace("\r\n", "\n"))
    if not meta:
        return [
            Finding(
                "error",
                path,
                "Title",
                "the file has no metadata block",
                "start the file with 'Title: …' and 'Date: …' lines, then a blank line",
                line=1,
            )
        ]
    findings = []
    if not meta.get("title", (0, ""))[1]:
        findings.append(
            Finding(
                "error",
                path,
                "Title",
                "the post has no title",
                "add a line 'Title: …' at the top",
                line=1,
            )
        )
    if "date" not in meta:
        findings.append(
            Finding(
                "error",
                path,
                "Date",
                "the post has no date",
                "add a line 'Date: YYYY-MM-DD HH:MM'",
                line=1,
            )
        )
    else:
        line, value = meta["date"]
        try:
            parse_date(value)
        except (ValueError, OverflowError):
            findings.append(
                Finding(
                    "error",
                    path,
                    "Date",
                    f"'{value}' is not a date",
                    "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM",
                    line=line,
                )
            )
    if "status" in meta and meta["status"][1].lower() not in STATUSES:
        line, value = meta["status"]
        findings.append(
            Finding(
                "error",
                path,
                "Status",
                f"'{value}' is not a status",
                "use published, draft or hidden",
                line=line,
            )
        )
    return findings or [
        Finding(
            "error",
            path,
            "-",
            "Pelican could not read this file",
            "run the build with --debug to see why",
        )
    ]


def tag_mismatches(items: Iterable, name: Callable) -> list[Finding]:
    """Warnings for translations whose tags differ."""
    findings = []
    for _slug, group in sorted(group_by_slug(items).items()):
        versions = sorted(group.values(), key=lambda item: item.lang)
        first = versions[0]
        first_tags = sorted(str(tag) for tag in getattr(first, "tags", []))
        for other in versions[1:]:
            other_tags = sorted(str(tag) for tag in getattr(other, "tags", []))
            if other_tags != first_tags:
                findings.append(
                    Finding(
                        "warning",
                        name(other),
                        "Tags",
                        f"tags differ from {name(first)} ({', '.join(first_tags) or 'none'} vs "
                        f"{', '.join(other_tags) or 'none'})",
                        "give both versions the same tags",
                        others=(name(first),),
                    )
                )
    return findings


MAX_SLUG = 150


def tag_problems(items: Iterable, name: Callable) -> list[Finding]:
    """Tags whose page could not be written: nothing to make an address of, or too long."""
    findings = []
    for item in items:
        for tag in getattr(item, "tags", []):
            if not tag.slug:
                findings.append(
                    Finding(
                        "error",
                        name(item),
                        "Tags",
                        f"tag '{tag}' has no letter or digit to make its page's address of",
                        "add a word to the tag, or remove it",
                    )
                )
            elif len(tag.slug) > MAX_SLUG:
                findings.append(
                    Finding(
                        "error",
                        name(item),
                        "Tags",
                        f"tag '{str(tag)[:40]}…' is too long for its page's address",
                        f"keep tags under {MAX_SLUG} characters",
                    )
                )
    return findings


def content_links(html: str) -> list[tuple[str, str]]:
    """(kind, target) of every `{filename}`, `{static}` and `{attach}` link in a post's HTML."""
    return [(m.group(2), m.group(3)) for m in CONTENT_LINK.finditer(html)]


def broken_content_links(path: str, source_dir: str, html: str, exists: Callable) -> list:
    """Errors for links and images that point at files the content folder does not have.

    `source_dir` is the post's folder relative to the content root; `exists(relative)`
    says whether the content root has that file.
    """
    findings = []
    for kind, target in content_links(html):
        relative = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(source_dir, target))
        )
        if not exists(relative):
            what = "an image or file" if kind != "filename" else "a post or page"
            findings.append(
                Finding(
                    "error",
                    path,
                    "body",
                    f"{{{kind}}}{target} links to {what} that does not exist",
                    f"fix the path; it is looked up as {relative} in the content folder",
                )
            )
    return findings


@dataclass(frozen=True)
class StatusRow:
    """One post and where each language's version stands."""

    slug: str
    states: dict  # lang -> "ok" | "missing" | "stale" | "source"
    paths: dict  # lang -> path
    items: dict  # lang -> the post

    @property
    def complete(self) -> bool:
        return all(state in ("ok", "source") for state in self.states.values())


def freshness(item):
    return getattr(item, "modified", None) or item.date


def translation_status(items: Iterable, langs: list[str], name: Callable) -> list[StatusRow]:
    """Every post with its versions: the source, up-to-date, stale or missing translations.

    The source is the main language's version (else the first language present). A
    translation is stale when its `Modified` (or `Date`) is older than the source's
    `Modified`.
    """
    rows = []
    for slug, group in sorted(group_by_slug(items).items()):
        source_lang = (
            next(lang for lang in langs if lang in group)
            if any(lang in group for lang in langs)
            else next(iter(group))
        )
        source = group[source_lang]
        changed = getattr(source, "modified", None)
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
    findings = []
    for row in rows:
        source = next((row.paths[lang] for lang, s in row.states.items() if s == "source"), "")
        for lang, state in row.states.items():
            if state == "stale":
                findings.append(
                    Finding(
                        "warning",
                        row.paths[lang],
                        "Modified",
                        f"translation is older than its source {source}, which was modified since",
                        "update the translation and give it a 'Modified:' date",
                        others=(source,),
                    )
                )
    return findings


def report(findings: list[Finding], rows: list[StatusRow], langs: list[str], files: int) -> str:
    """What `invoke check` prints: findings, a summary table, the translation status."""
    out = []
    for finding in sorted(findings, key=lambda f: (f.severity != "error", f.path, f.line or 0)):
        where = f"{finding.path}:{finding.line}" if finding.line else finding.path
        out.append(f"{finding.severity.upper():8} {where}  [{finding.field}]")
        out.append(f"         {finding.message}")
        out.append(f"         fix: {finding.fix}")
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    complete = sum(1 for row in rows if row.complete)
    out += [
        "",
        "Summary",
        f"  {'files read':<22}{files:>6}",
        f"  {'errors':<22}{errors:>6}",
        f"  {'warnings':<22}{warnings:>6}",
        f"  {'posts':<22}{len(rows):>6}",
        f"  {'fully translated':<22}{complete:>6}",
        "",
        "Translations (source · ok · stale · missing)",
        "  " + f"{'post':<40}" + "".join(f"{lang:<10}" for lang in langs),
    ]
    for row in rows:
        out.append("  " + f"{row.slug[:39]:<40}" + "".join(f"{row.states[x]:<10}" for x in langs))
    return "\n".join(out)
