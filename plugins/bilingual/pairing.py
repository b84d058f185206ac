"""Pure functions behind the `bilingual` plugin: no Pelican imports, no I/O.

They take plain lists of content-like objects (anything with `slug`, `lang`,
`source_path`, `status`, `title` and `url` attributes) and return new values.
"""

from __future__ import annotations

import posixpath
import re
from collections import OrderedDict
from dataclasses import dataclass, field

# `<slug>.<lang>` (file name without extension); the plugin installs it as
# Pelican's FILENAME_METADATA unless the settings give another pattern.
FILENAME_PATTERN = r"(?P<slug>.+)\.(?P<lang>[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)$"


class ContentError(SystemExit):
    """Content the build cannot go on with; the message names the file and field.

    A SystemExit, so that Pelican stops with the message and exit status 1
    instead of a traceback, before anything is written.
    """


@dataclass(frozen=True)
class Finding:
    """A problem in the content: where, which field, what is wrong and how to fix it."""

    severity: str  # "error" or "warning"
    path: str
    field: str
    message: str
    fix: str
    line: int | None = None
    others: tuple = ()

    def __str__(self) -> str:
        where = " and ".join((self.path, *self.others))
        return f"{where}: {self.message}; {self.fix}"


@dataclass(frozen=True)
class Counterpart:
    """Another language's version of a post or page, as a template shows it."""

    lang: str
    title: object  # str or escaped Markup, as the post has it
    url: str
    status: str
    source_path: str


@dataclass(frozen=True)
class Summary:
    """What a build holds, per language."""

    langs: tuple[str, ...]
    per_lang: dict[str, int]
    pairs: int
    missing: tuple[tuple[str, str, tuple[str, ...]], ...] = field(default=())

    def lines(self) -> list[str]:
        counts = ", ".join(f"{lang}: {self.per_lang.get(lang, 0)}" for lang in self.langs)
        out = [f"posts per language: {counts}; complete pairs: {self.pairs}"]
        if not self.missing:
            out.append("every post has all its translations")
        for path, lang, absent in self.missing:
            out.append(f"missing {', '.join(absent)}: {path} ({lang})")
        return out


def filename_lang(path: str, pattern: str = FILENAME_PATTERN) -> str | None:
    """The language a file name gives (`ep1.ko.md` -> "ko"), or None."""
    stem = posixpath.splitext(posixpath.basename(path.replace("\\", "/")))[0]
    match = re.match(pattern, stem)
    if match is None:
        return None
    return match.groupdict().get("lang")


def site_urls(main_lang: str, main_siteurl: str, subsites: dict) -> OrderedDict:
    """Language -> site URL, main language first, as pelican-i18n-subsites lays them out."""
    sites = OrderedDict([(main_lang, main_siteurl.rstrip("/"))])
    base = main_siteurl.rstrip("/")
    for lang, overrides in subsites.items():
        url = (overrides or {}).get("SITEURL")
        sites[lang] = url.rstrip("/") if url is not None else f"{base}/{lang}"
    return sites


def join_url(siteurl: str, path: str) -> str:
    """Join a site URL and a site-relative path without `..` or doubled slashes."""
    path = posixpath.normpath("/" + path.lstrip("/")) + ("/" if path.endswith("/") else "")
    path = path.replace("//", "/")
    if path == "/./" or path == "/.":
        path = "/"
    return siteurl.rstrip("/") + path


def source_name(item) -> str:
    return item.source_path


def language_errors(items, langs, pattern: str = FILENAME_PATTERN, name=source_name) -> list:
    """Findings for posts whose language is unknown or contradicts their file name."""
    errors = []
    known = set(langs)
    for item in items:
        named = filename_lang(item.source_path, pattern)
        if named and named != item.lang:
            errors.append(
                Finding(
                    "error",
                    name(item),
                    "Lang",
                    f"field 'Lang' says '{item.lang}' but the file name says '{named}'",
                    "make them agree",
                )
            )
        elif item.lang not in known:
            errors.append(
                Finding(
                    "error",
                    name(item),
                    "Lang",
                    f"field 'Lang' is '{item.lang}', which this site does not have "
                    f"(languages: {', '.join(langs)})",
                    "use one of the site's languages, or add the language to I18N_SUBSITES",
                )
            )
    return errors


def duplicate_errors(items, name=source_name) -> list:
    """Findings for two or more files with the same slug and language."""
    seen: dict[tuple[str, str], list[str]] = {}
    for item in items:
        seen.setdefault((item.slug, item.lang), []).append(name(item))
    return [
        Finding(
            "error",
            sorted(paths)[0],
            "Slug",
            f"same field 'Slug' '{slug}' and 'Lang' '{lang}'",
            "give one of them another slug",
            others=tuple(sorted(paths)[1:]),
        )
        for (slug, lang), paths in sorted(seen.items())
        if len(paths) > 1
    ]


def group_by_slug(items) -> dict[str, dict[str, object]]:
    """slug -> {lang -> item}; assumes duplicates were rejected."""
    groups: dict[str, dict[str, object]] = {}
    for item in items:
        groups.setdefault(item.slug, {})[item.lang] = item
    return groups


def counterparts(item, group: dict, sites: dict, url_of=None) -> list[Counterpart]:
    """The other-language versions of `item`, in site-language order.

    A published item only gets published counterparts; a draft gets any.
    `url_of(other)` gives the other item's site-relative URL (default: `.url`).
    """
    url_of = url_of or (lambda other: other.url)
    found = []
    for lang in sites:
        other = group.get(lang)
        if other is None or other is item or lang == item.lang:
            continue
        if item.status == "published" and other.status != "published":
            continue
        found.append(
            Counterpart(
                lang=lang,
                title=other.title,
                url=join_url(sites[lang], url_of(other)),
                status=other.status,
                source_path=other.source_path,
            )
        )
    return found


def summarize(items, langs, name=source_name) -> Summary:
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


def taxonomy_langs(items, attr: str) -> dict[str, set[str]]:
    """For `tags`, `category` or `authors`: slug -> languages with a published post in it."""
    found: dict[str, set[str]] = {}
    for item in items:
        if item.status != "published":
            continue
        value = getattr(item, attr, None)
        if value is None:
            continue
        for entry in value if isinstance(value, (list, tuple)) else [value]:
            found.setdefault(entry.slug, set()).add(item.lang)
    return found
