"""Content rules shared by every build and by `invoke check`: pure functions, no Pelican.

Each rule takes plain values (paths, text, content-like objects with `slug`, `lang`,
`source_path`, `tags`) and returns a list of `core.Finding`. `name(item)` gives the
path a message shows for an item (`core.display_path` in the plugin).
"""

from __future__ import annotations

import calendar
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from urllib.parse import urlsplit

from ..core import MISSING_TRANSLATION_ID, Finding, error, warning
from ..core.sites import COUNTRY_NOT_LANGUAGE

STATUSES = ("published", "draft", "hidden", "skip")
METADATA_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*)$")
# Pelican's links to content files: `{filename}a.md`, `{static}b.png`, `{attach}c.pdf`, and
# the legacy `|filename|a.md` it still reads (its INTRASITE_LINK_REGEX: `[{|]what[|}]`).
CONTENT_LINK = re.compile(
    r"""(?:href|src)\s*=\s*(["'])[{|](filename|static|attach)[|}]([^"'#?]+)[^"']*\1"""
)
# Longest tag slug that still makes a page address (file names stop at 255 bytes).
MAX_SLUG = 150


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


RST_FIELD_LINE = re.compile(r"^:([A-Za-z][A-Za-z0-9_-]*):")


def field_line(text: str, field: str) -> int | None:
    """The 1-based line of a metadata field in a source file's text, or None.

    Markdown's `Field: value` block, or reStructuredText's `:field: value` lines.
    """
    entry = split_metadata(text).get(field.lower())
    if entry:
        return entry[0]
    for number, line in enumerate(text.splitlines(), start=1):
        found = RST_FIELD_LINE.match(line)
        if found and found.group(1).lower() == field.lower():
            return number
    return None


def diagnose_source(
    path: str, data: bytes, parse_date: Callable, dated: bool = False
) -> list[Finding]:
    """Why Pelican could not read a file, from its raw `data`.

    Empty, not UTF-8, no metadata, no or a bad title, date or status.
    `parse_date(text)` raises ValueError or OverflowError for text that is not a date
    (Pelican's `utils.get_date`). `dated`: the date comes from elsewhere (the file
    name, `DEFAULT_DATE`), so a missing `Date:` is no problem.
    """
    if not data.strip():
        return [
            error(
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
            error(
                path,
                "-",
                f"the file is not UTF-8 text (byte 0x{data[bad.start]:02x} at offset {bad.start})",
                "save the file with UTF-8 encoding",
            )
        ]
    meta = split_metadata(text.replace("\r\n", "\n"))
    if not meta:
        return [
            error(
                path,
                "Title",
                "the file has no metadata block",
                "start the file with 'Title: …' and 'Date: …' lines, then a blank line",
                line=1,
            )
        ]
    return metadata_problems(path, meta, parse_date, dated) or [
        error(
            path, "-", "Pelican could not read this file", "run the build with --debug to see why"
        )
    ]


READER_MESSAGE = re.compile(r"^(?:.*?):(\d+): \((?:ERROR|WARNING|SEVERE|INFO)/\d\) (.*)$", re.S)


def diagnose_with_reader(path: str, read: Callable, syntax: str) -> list[Finding]:
    """Why a file was not read, in its reader's own words (not Markdown's `Key:` lines).

    `read()` runs the file's Pelican reader (returning (html, metadata) or raising);
    `syntax` names the format ("reStructuredText"). A reader's error is reported with
    its line (docutils' message's, or the exception's `line` attribute); a file the
    reader accepts lacks a title or a date, named with the format's own field syntax
    (`:date:` for reStructuredText).
    """
    try:
        _html, meta = read()
    except Exception as bad:  # any reader error is the writer's to see
        text = str(bad).strip()
        found = READER_MESSAGE.match(text)
        line, message = (int(found.group(1)), found.group(2)) if found else (None, text)
        if line is None and isinstance(getattr(bad, "line", None), int):
            line = bad.line  # a reader's own error that knows its line
        message = message.split("\n\n")[0].strip().rstrip(".")
        return [
            error(
                path,
                "-",
                f"{syntax} could not read this file: {message}",
                f"fix the {syntax} at that line (Pelican stops on warnings as well)",
                line=line,
            )
        ]
    field = ":{}:" if syntax == "reStructuredText" else "{}:"
    findings = []
    if not meta.get("title"):
        findings.append(
            error(path, "Title", "the post has no title", f"add {field.format('title')} …")
        )
    if not meta.get("date"):
        findings.append(
            error(
                path,
                "Date",
                "the post has no date",
                f"add {field.format('date')} YYYY-MM-DD HH:MM",
            )
        )
    return findings or [
        error(
            path, "-", "Pelican could not read this file", "run the build with --debug to see why"
        )
    ]


def metadata_problems(
    path: str, meta: dict, parse_date: Callable, dated: bool = False
) -> list[Finding]:
    """A missing title or date (unless `dated`), a bad date, an unknown status."""
    findings = []
    if not meta.get("title", (0, ""))[1]:
        findings.append(
            error(
                path, "Title", "the post has no title", "add a line 'Title: …' at the top", line=1
            )
        )
    if "date" not in meta and not dated:
        findings.append(
            error(
                path, "Date", "the post has no date", "add a line 'Date: YYYY-MM-DD HH:MM'", line=1
            )
        )
    else:
        line, value = meta["date"]
        try:
            parse_date(value)
        except (ValueError, OverflowError):
            findings.append(
                error(
                    path,
                    "Date",
                    f"'{value}' is not a date{why_not_a_date(value)}",
                    "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM",
                    line=line,
                )
            )
    if "status" in meta and meta["status"][1].lower() not in STATUSES:
        line, value = meta["status"]
        findings.append(
            error(
                path,
                "Status",
                f"'{value}' is not a status",
                "use published, draft or hidden",
                line=line,
            )
        )
    return findings


def untitled(items: Iterable, name: Callable) -> list[Finding]:
    """An error for every post or page that was read with an empty title.

    Pelican skips a file with no `Title:` line at all (reported with the file it could
    not read), but it builds one whose `Title:` is blank, or a reStructuredText file
    without a heading over its text (it only warns), into a page with an empty heading.
    """
    return [
        error(
            name(item),
            "Title",
            "the post has no title",
            "write one after 'Title:' (reStructuredText: a heading over the text)",
        )
        for item in items
        if not str(getattr(item, "title", "") or "").strip()
    ]


def why_not_a_date(value: str) -> str:
    """Why `value`, shaped like YYYY-MM-DD, names no day ("; 2026-02 has no day 30"), or ""."""
    shaped = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\b", value)
    if not shaped:
        return ""
    year, month, day = (int(part) for part in shaped.groups())
    if not 1 <= month <= 12:
        return f"; there is no month {month}"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"; {year}-{month:02d} has days 1 to {last}"
    return ""


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


PLAIN_IMG = re.compile(r"""<img\b[^>]*?\ssrc\s*=\s*(["'])(?![{|]\w+[|}])([^"'{}]+)\1""")


def plain_images(path: str, source_dir: str, html: str, exists: Callable) -> list:
    """Errors for `<img>` linked by a plain relative path (`img/a.svg`).

    Pelican publishes only files it is told about, so such an image is missing from the
    site even when it sits next to the post; `{attach}` (or `{static}`) publishes it.
    """
    findings = []
    for match in PLAIN_IMG.finditer(html):
        target = match.group(2)
        if "://" in target or target.startswith(("/", "data:", "#")):
            continue
        bare = target.split("?")[0]
        relative = posixpath.normpath(posixpath.join(source_dir, bare))
        from_root = posixpath.normpath(bare)
        if exists(relative):
            message = f"image {target} is next to the post but not published by a plain link"
            fix = f"link it as {{attach}}{target} (or {{static}}/{relative})"
        elif exists(from_root) and not from_root.startswith(".."):
            # `images/a.png` meant from the content folder's root, where the file is.
            message = (
                f"image {target} is not next to the post; the content folder has "
                f"{from_root}, which a plain link does not publish"
            )
            fix = f"link it as {{static}}/{from_root}"
        else:
            message = f"image {target} does not exist ({relative} in the content folder)"
            fix = f"put the image at {relative}, or correct the path"
        findings.append(error(path, "body", message, fix))
    return findings


def content_links(html: str) -> list[tuple[str, str]]:
    """(kind, target) of every `{filename}`, `{static}` and `{attach}` link in a post's HTML."""
    return [(m.group(2), m.group(3)) for m in CONTENT_LINK.finditer(html)]


def linked_file(source_dir: str, target: str) -> str:
    """A content link's file relative to the content folder (Pelican's rule).

    `/images/a.svg` from the content folder's root, `b.md` from the post's folder
    (`source_dir`, relative to the root): `("posts", "../images/a.svg")` -> `images/a.svg`.
    """
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(source_dir, target))


def static_files_by_filename(
    path: str, source_dir: str, html: str, exists: Callable, is_content: Callable
) -> list:
    """Warnings for `{filename}` links to files that are not posts or pages.

    Pelican resolves them and logs "Use {static} instead" each time it renders the
    post, so an incremental build that skips the post would not tell; this rule tells
    every build and `invoke check`. `exists(relative)` and `is_content(relative)` say
    whether the content folder has that file and whether it is a post or page.
    """
    findings = []
    for kind, target in content_links(html):
        if kind != "filename":
            continue
        relative = linked_file(source_dir, target)
        if exists(relative) and not is_content(relative):
            findings.append(
                warning(
                    path,
                    "body",
                    f"{{filename}}{target} links to a file that is not a post or page",
                    f"write {{static}}{target} (Pelican's link for images and other files)",
                )
            )
    return findings


def broken_content_links(path: str, source_dir: str, html: str, exists: Callable) -> list:
    """Errors for links and images that point at files the content folder does not have.

    `source_dir` is the post's folder relative to the content root; `exists(relative)`
    says whether the content root has that file.
    """
    findings = []
    for kind, target in content_links(html):
        relative = linked_file(source_dir, target)
        if not exists(relative):
            what = "an image or file" if kind != "filename" else "a post or page"
            findings.append(
                error(
                    path,
                    "body",
                    f"{{{kind}}}{target} links to {what} that does not exist",
                    f"fix the path; it is looked up as {relative} in the content folder",
                )
            )
    return findings


LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0"})


def drafts_for_the_public(drafts: list, siteurl: str, shown: Callable) -> list:
    """A warning when a build for a public address writes and lists drafts.

    Pelican writes drafts unless `DRAFT_SAVE_AS` is empty (its documented default is
    `drafts/{slug}.html`), and a development build lists them in the archive; a
    publishconf.py from pelican-quickstart keeps that. `drafts`: the draft posts and
    pages of the build; `siteurl`: `SITEURL` (a public address is http(s) to a host other
    than this machine). One finding, on the first draft, naming the others.
    """
    address = urlsplit(siteurl)
    if not drafts or address.scheme not in ("http", "https") or address.hostname in LOCAL_HOSTS:
        return []
    paths = sorted(shown(item) for item in drafts)
    finding = warning(
        paths[0],
        "Status",
        f"a draft is written and listed in this build for {siteurl}"
        + (f" ({len(paths)} drafts)" if len(paths) > 1 else ""),
        "publish with `invoke publish` (it writes no drafts), or set DRAFT_SAVE_AS, "
        'DRAFT_LANG_SAVE_AS, DRAFT_PAGE_SAVE_AS and DRAFT_PAGE_LANG_SAVE_AS to "" in '
        "the publishing settings",
    )
    return [replace(finding, others=tuple(paths[1:]))]
