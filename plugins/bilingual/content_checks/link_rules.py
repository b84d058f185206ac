"""Rules on what a post links to: images, content files, static files, drafts.

Pure functions, no Pelican: each takes paths and HTML and returns a list of
`core.Finding`.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import unquote, urlsplit

from ..core import error, warning

# Pelican's links to content files: `{filename}a.md`, `{static}b.png`, `{attach}c.pdf`, and
# the legacy `|filename|a.md` it still reads (its INTRASITE_LINK_REGEX: `[{|]what[|}]`).
CONTENT_LINK = re.compile(
    r"""(?:href|src)\s*=\s*(["'])[{|](filename|static|attach)[|}]([^"'#?]+)[^"']*\1"""
)

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


# `CONTENT_LINK` from its `=` on, as a look-ahead (candidates may overlap): it begins with
# a character, which `re` looks for quickly, where `(?:href|src)` is tried at every `h` and
# `s` of the text.
CONTENT_LINK_AFTER = re.compile(
    r"""=(?=(\s*(["'])[{|](filename|static|attach)[|}]([^"'#?]+)[^"']*\2))"""
)


def content_links(html: str) -> list[tuple[str, str]]:
    """(kind, target) of every `{filename}`, `{static}` and `{attach}` link in a post's HTML.

    The matches of `CONTENT_LINK`, in order: each `=` that `CONTENT_LINK_AFTER` finds,
    with `href` or `src` (and any spaces) before it, and not inside the last match.
    """
    found, end = [], 0
    for match in CONTENT_LINK_AFTER.finditer(html):
        name = match.start() - 1
        while name >= 0 and html[name].isspace():
            name -= 1
        if html.startswith("href", name - 3, name + 1):
            start = name - 3
        elif html.startswith("src", name - 2, name + 1):
            start = name - 2
        else:
            continue
        if start >= end:
            found.append((match.group(3), match.group(4)))
            end = match.end(1)
    return found


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


# A `{filename}` link with a fragment: (quote, target, fragment).
# `href(?<=\bhref)` is `\bhref`, written to begin with a character, which Python's
# `re` looks for quickly (a pattern that begins with `\b` is tried at every position).
FRAGMENT_LINK = re.compile(
    r"""href(?<=\bhref)\s*=\s*(["'])[{|]filename[|}]([^"'#?]+)[^"'#]*#([^"']+)\1"""
)
ELEMENT_ID = re.compile(r"""id(?<=\bid)\s*=\s*(["'])([^"']+)\1""")
# Ids the bundle's theme puts on every post page besides the post's own.
THEME_IDS = frozenset({"main", "series-box-title"})


def element_ids(html: str) -> set[str]:
    """The `id` attributes in `html` (a post's text as its reader made it)."""
    return {match.group(2) for match in ELEMENT_ID.finditer(html)}


def unpublishable_links(
    path: str, source_dir: str, html: str, target_of: Callable, finding: Callable
) -> list:
    """Links the published site cannot follow: into a draft, or to a missing #fragment.

    `target_of(relative)` gives the post or page a content file became (with `status`
    and `html`, its text), or None; `finding` is `error` or `warning` (the caller
    knows whether this build publishes). A link to a draft counts only from a post
    that is itself published (`path`'s own status is the caller's to weigh).
    """
    findings = []
    for kind, target in content_links(html):
        item = target_of(linked_file(source_dir, target)) if kind == "filename" else None
        if item is not None and item.status == "draft":
            findings.append(
                finding(
                    path,
                    "body",
                    f"{{filename}}{target} links to a draft, which the published site does "
                    "not have (invoke publish stops on it)",
                    "publish that post first, or add the link once it is published",
                )
            )
    for _quote, target, fragment in FRAGMENT_LINK.findall(html):
        item = target_of(linked_file(source_dir, target))
        if item is None or item.status == "draft":
            continue
        ids = element_ids(item.html)
        # `#top` is the top of any page (HTML's "indicated part of the document").
        if unquote(fragment) in ids | THEME_IDS or fragment in ids or fragment.lower() == "top":
            continue
        known = ", ".join(sorted(ids)[:6]) or "none"
        findings.append(
            finding(
                path,
                "body",
                f"{{filename}}{target}#{fragment} links to an anchor that post does not have "
                "(invoke publish stops on it)",
                f"link one of its anchors ({known})",
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
