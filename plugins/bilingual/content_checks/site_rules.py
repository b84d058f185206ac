"""Rules across a site's content: languages, translations, duplicates, tags, templates.

Pure functions, no Pelican: each takes content-like objects (with `slug`, `lang`,
`source_path`, `tags`) and returns a list of `core.Finding`; `name(item)` gives the
path a message shows for an item.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from ..core import MISSING_TRANSLATION_ID, Finding, error, warning
from ..core.sites import COUNTRY_NOT_LANGUAGE

# Longest tag slug that still makes a page address (file names stop at 255 bytes).
MAX_SLUG = 150


def language_errors(items: Iterable, langs, lang_of_name: Callable, name: Callable) -> list:
    """Errors for items whose `lang` is not a site language or contradicts the file name.

    `lang_of_name(source_path)` is the language the file name gives, or None.
    """
    errors = []
    known = set(langs)
    for item in items:
        named = lang_of_name(item.source_path)
        if named and named.lower() != str(item.lang).lower():  # tags ignore case
            errors.append(
                error(
                    name(item),
                    "Lang",
                    f"field 'Lang' says '{item.lang}' but the file name says '{named}'",
                    "make them agree",
                )
            )
        elif item.lang not in known:
            meant = COUNTRY_NOT_LANGUAGE.get(str(item.lang).lower())
            errors.append(
                error(
                    name(item),
                    "Lang",
                    f"field 'Lang' is '{item.lang}', which this site does not have "
                    f"(languages: {', '.join(langs)})"
                    + (f"; '{item.lang}' is a country code" if meant else ""),
                    f"write 'Lang: {meant}'"
                    if meant in known
                    else "use one of the site's languages, or add the language to I18N_SUBSITES",
                )
            )
    return errors


# The end of a file name (without extension) shaped like a language tag: `.fr`, `.pt-BR`.
TAG_SUFFIX = re.compile(r"\.([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)$")


def foreign_suffixes(items: Iterable, langs, is_language: Callable, name: Callable) -> list:
    """Warnings for file names ending in a language that is not one of the site's.

    Only the site's languages count as a file name's language (`notes.v2.en.md` is
    English, `using.the.api.md` a main-language post): `post.fr.md` on an English and
    Korean site is a main-language post named `post.fr`, which the writer likely did
    not mean. `is_language(code)` tells a language tag (`fr`) from other words (`api`).
    """
    known = {lang.lower() for lang in langs}
    warnings = []
    for item in items:
        stem = posixpath.splitext(posixpath.basename(item.source_path.replace("\\", "/")))[0]
        found = TAG_SUFFIX.search(stem)
        if not found or found.group(1).lower() in known:
            continue
        code = found.group(1)
        meant = COUNTRY_NOT_LANGUAGE.get(code.lower())
        if meant in known:
            # `.kr.md`, `.jp.md`: the country, where the writer meant the language.
            renamed = stem[: found.start()] + f".{meant}"
            warnings.append(
                warning(
                    name(item),
                    "Lang",
                    f"the file name ends in '.{code}', a country code, so it is part of the "
                    f"name and the post is in '{item.lang}'",
                    f"rename the file to {renamed}{posixpath.splitext(item.source_path)[1]} "
                    f"for '{meant}'",
                )
            )
            continue
        if not is_language(code):
            continue
        warnings.append(
            warning(
                name(item),
                "Lang",
                f"the file name ends in '.{code}', a language this site does not have "
                f"(languages: {', '.join(langs)}), so it is part of the name and the "
                f"post is in '{item.lang}'",
                f"rename the file, or add '{code}' to I18N_SUBSITES",
            )
        )
    return warnings


def missing_translation_ids(items: Iterable, ids: tuple, kind: str, name: Callable) -> list:
    """Errors for posts (`kind` "ARTICLE") or pages ("PAGE") without their translation id.

    Pelican stops with an AttributeError ("there appear to be items without these
    metadata attributes") when `ARTICLE_TRANSLATION_ID` names a field some posts do not
    have; the adapter gives them `MISSING_TRANSLATION_ID` instead, and each is named here.
    """
    errors = []
    for item in items:
        for field_name in ids:
            if getattr(item, field_name, None) == MISSING_TRANSLATION_ID:
                shown = field_name.capitalize()
                errors.append(
                    error(
                        name(item),
                        shown,
                        f"no '{shown}:' field, which {kind}_TRANSLATION_ID "
                        f"({field_name!r}) pairs the versions of a "
                        f"{'post' if kind == 'ARTICLE' else 'page'} by",
                        f"add '{shown}: …' with the value its other versions have, or "
                        f"set {kind}_TRANSLATION_ID = 'slug'",
                    )
                )
    return errors


def unpaired_versions(items: Iterable, lang_of_name: Callable, name: Callable) -> list:
    """Warnings for files named as versions of one post whose slugs differ.

    `notes.md` and `notes.ko.md` (or `2026-02-01_notes.de.md` beside
    `2026-02-01_notes.md`) look like one post in two languages; when their slugs
    differ (one from its title, one from its file name) they are not paired, silently.
    """
    groups: dict = {}
    for item in items:
        folder, base = posixpath.split(item.source_path.replace("\\", "/"))
        stem = posixpath.splitext(base)[0]
        lang = lang_of_name(item.source_path)
        if lang and stem.endswith(f".{lang}"):
            stem = stem[: -len(lang) - 1]
        groups.setdefault((folder, stem), []).append(item)
    findings = []
    for _key, versions in sorted(groups.items()):
        slugs = sorted({item.slug for item in versions})
        named = any(lang_of_name(item.source_path) for item in versions)
        if len(slugs) > 1 and named:
            paths = sorted(name(item) for item in versions)
            findings.append(
                warning(
                    paths[0],
                    "Slug",
                    "these files are named as versions of one post but their slugs differ "
                    f"({', '.join(repr(s) for s in slugs)}), so they are not paired",
                    "give them the same 'Slug:'",
                    others=tuple(paths[1:]),
                )
            )
    return findings


def duplicate_errors(items: Iterable, name: Callable) -> list:
    """Errors for two or more files with the same slug and language (naming them all)."""
    seen: dict[tuple[str, str], list[str]] = {}
    for item in items:
        seen.setdefault((item.slug, item.lang), []).append(name(item))
    return [
        error(
            sorted(paths)[0],
            "Slug",
            f"same field 'Slug' '{slug}' and 'Lang' '{lang}'",
            "give one of them another slug",
            others=tuple(sorted(paths)[1:]),
        )
        for (slug, lang), paths in sorted(seen.items())
        if len(paths) > 1
    ]


def same_file_errors(items: Iterable, name: Callable) -> list:
    """Errors for two or more posts or pages that would be written to one file.

    Each language's site writes its own posts and pages; two of one language with the
    same output file (`save_as`: from `Save_as:`, or from URL settings that leave out
    the slug) would make Pelican stop halfway through writing the site. Two with the
    same slug are left to `duplicate_errors`. The field named is `Save_as` when one of
    them sets it, else `Slug`.
    """
    groups: dict[tuple[str, str], list] = {}
    for item in items:
        save_as = getattr(item, "save_as", "") or ""
        if save_as:
            groups.setdefault((item.lang, posixpath.normpath(save_as)), []).append(item)
    findings = []
    for (lang, save_as), group in sorted(groups.items()):
        if len(group) < 2 or len({(type(item), item.slug) for item in group}) == 1:
            continue
        paths = sorted(name(item) for item in group)
        set_here = any("save_as" in getattr(item, "metadata", {}) for item in group)
        field = "Save_as" if set_here else "Slug"
        findings.append(
            error(
                paths[0],
                field,
                f"field '{field}' gives these files one output file, '{save_as}' "
                f"(language '{lang}')",
                f"give each its own '{field}:'",
                others=tuple(paths[1:]),
            )
        )
    return findings


def theme_page_errors(
    items: Iterable, theme_pages: Mapping, is_page: Callable, name: Callable
) -> list:
    """Errors for posts and pages written where one of the site's own pages goes.

    `theme_pages`: {(lang, save_as): (what it is, whether a page may take its place)}.
    Pelican writes a post's or page's `Save_as:` first and then silently skips the
    list page with the same file (the archive, a tag's page...). A page may replace a
    direct template's page (Pelican's documented custom 404 or home page:
    `theme_support`); anything else is an error naming the page it would hide.
    """
    findings = []
    for item in items:
        save_as = getattr(item, "save_as", "") or ""
        found = theme_pages.get((item.lang, posixpath.normpath(save_as))) if save_as else None
        if found is None or (found[1] and is_page(item)):
            continue
        field = "Save_as" if "save_as" in getattr(item, "metadata", {}) else "Slug"
        findings.append(
            error(
                name(item),
                field,
                f"field '{field}' writes it over {found[0]} ('{save_as}', language "
                f"'{item.lang}'), which would be lost",
                f"give it another '{field}:'",
            )
        )
    return findings


def tag_problems(items: Iterable, name: Callable) -> list[Finding]:
    """Tags whose page could not be written: nothing to make an address of, or too long."""
    findings = []
    for item in items:
        for tag in getattr(item, "tags", []):
            if not tag.slug:
                findings.append(
                    error(
                        name(item),
                        "Tags",
                        f"tag '{tag}' has no letter or digit to make its page's address of",
                        "add a word to the tag, or remove it",
                    )
                )
            elif len(tag.slug) > MAX_SLUG:
                findings.append(
                    error(
                        name(item),
                        "Tags",
                        f"tag '{str(tag)[:40]}…' is too long for its page's address",
                        f"keep tags under {MAX_SLUG} characters",
                    )
                )
    return findings


def tag_address_clashes(items: Iterable, name: Callable) -> list[Finding]:
    """Warnings for different tags that get one address in one language (`c#`, `C++`).

    Pelican treats tags with one slug as one tag: the page shows the first name and
    the other disappears from the tag list. Names that differ only in case or spacing
    are the same tag and pass. One warning per other name, on its first file.
    """
    first: dict = {}
    told: set = set()
    findings = []
    for item in sorted(items, key=name):
        for tag in getattr(item, "tags", None) or []:
            if not tag.slug:
                continue
            key = (getattr(item, "lang", None), tag.slug)
            text = " ".join(str(tag).split())
            seen = first.setdefault(key, (text, name(item)))
            if seen[0].casefold() == text.casefold() or (key, text.casefold()) in told:
                continue
            told.add((key, text.casefold()))
            findings.append(
                replace(
                    warning(
                        name(item),
                        "Tags",
                        f"tag '{text}' gets the same address as tag '{seen[0]}' "
                        f"({tag.slug}), so Pelican shows them as one tag",
                        "rename one of them, or give one its own address with Pelican's "
                        "TAG_REGEX_SUBSTITUTIONS setting",
                    ),
                    others=(seen[1],) if seen[1] != name(item) else (),
                )
            )
    return findings


def missing_templates(items: Iterable, has_template: Callable, name: Callable) -> list:
    """Errors for posts and pages whose `Template:` names a template the theme lacks.

    `has_template(name)` says whether the theme (or Pelican's fallback) can render it;
    without the check the build stops halfway, after writing part of the site.
    """
    errors = []
    for item in items:
        template = getattr(item, "template", None)
        if template and not has_template(template):
            errors.append(
                error(
                    name(item),
                    "Template",
                    f"field 'Template' names '{template}', which the theme does not have",
                    f"add templates/{template}.html to the theme, or remove the field",
                )
            )
    return errors
