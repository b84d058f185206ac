"""site_links: root-relative links to the site's own files work under a sub-path too.

A post that links an image or a file of the content folder from the site's root
(`![chart](/images/chart.svg)`, `<a href="/files/a.pdf">`) means the site's copy of
it. Under a `SITEURL` with a path (`https://example.org/blog`) that address leaves
the site, and the publishing checks stop on it. Such a link becomes Pelican's own
`{static}` link to the same file, which Pelican resolves against `SITEURL` and
`STATIC_URL` on every language's site; the image then also gets its width and height
(`figures`) and the file its size (`attachments`).

Only links to a file that exists in the content folder, inside `STATIC_PATHS` (what
Pelican publishes), change at that point.

A root-relative link to a post's or page's address (`[part two](/posts/part-two/)`,
`/ko/posts/part-two/` for its Korean version) is the same trouble; once every file is
read (`all_generators_finalized`, before the content checks and any writing), such a
link becomes Pelican's `{filename}` link to that post's file, which Pelican resolves on
every language's site and under any `SITEURL`. Any other root-relative link (a tag
page, `/feeds/...`) is left as written.

Settings: none (reads `PATH`, `STATIC_PATHS`, the language sites' addresses).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from pelican import signals

from .. import compat

# `src="/..."` or `href="/..."`, not `//host/...`: (attribute and quote, path, rest).
ROOT_LINK = re.compile(r"""(\b(?:src|href)\s*=\s*(["']))/(?!/)([^"'#?]*)([^"']*)\2""")
# What every `ROOT_LINK` holds. It begins with a character, which Python's `re` looks
# for quickly; `ROOT_LINK` does not, and takes some fifty times longer to find nothing.
MAYBE_ROOT_LINK = re.compile(r"""=\s*["']/(?!/)""")


def is_static(path: str, static_paths: Iterable[str]) -> bool:
    """Whether content-relative `path` lies in one of `STATIC_PATHS` (Pelican's rule)."""
    for folder in static_paths:
        folder = posixpath.normpath(str(folder)).strip("/")
        if folder in ("", ".") or path == folder or path.startswith(folder + "/"):
            return True
    return False


def as_static_links(html: str, is_site_file: Callable[[str], bool]) -> str:
    """`html` with each root-relative link to a site file (`is_site_file(path)`) as `{static}`.

    `<img src="/images/a.svg">` -> `<img src="{static}/images/a.svg">`; a query or
    fragment stays.
    """

    def replace(match: re.Match) -> str:
        attribute, quote, path, rest = match.groups()
        if not path or not is_site_file(posixpath.normpath(path)):
            return match.group(0)
        return f"{attribute}{{static}}/{path}{rest}{quote}"

    return ROOT_LINK.sub(replace, html)


def static_links(instance):
    """`content_object_init`: root-relative links to the site's files become `{static}`."""
    content = compat.content_html(instance)
    if not MAYBE_ROOT_LINK.search(content):
        return
    root = instance.settings["PATH"]
    static_paths = tuple(instance.settings.get("STATIC_PATHS") or ())

    def is_site_file(path: str) -> bool:
        return is_static(path, static_paths) and os.path.isfile(os.path.join(root, path))

    compat.set_content_html(instance, as_static_links(content, is_site_file))


def page_key(path: str) -> str:
    """A site-relative page address as compared: no `index.html`, no slashes at the ends."""
    path = path.split("#", 1)[0].split("?", 1)[0].strip("/")
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path.strip("/")


def as_content_links(html: str, source_of: Callable[[str], str | None]) -> str:
    """`html` with each root-relative link to a post's address as a `{filename}` link.

    `source_of(path)` gives the content file (relative to `PATH`) at the root-relative
    `path` (no leading `/`), or None. A fragment or query stays.
    """

    def replace(match: re.Match) -> str:
        attribute, quote, path, rest = match.groups()
        source = source_of(path) if path else None
        if source is None:
            return match.group(0)
        return f"{attribute}{{filename}}/{source}{rest}{quote}"

    return ROOT_LINK.sub(replace, html)


def page_addresses(contents: Iterable, site_paths: dict[str, str]) -> dict[str, str]:
    """{root-relative address without slashes at the ends: content file} of `contents`.

    `site_paths` is {lang: its site's path, "" for the main site, "ko" for /ko/}; each
    post or page is found at its own language's site path joined with its `url`.
    """
    found = {}
    for item in contents:
        url, lang = getattr(item, "url", None), getattr(item, "lang", None)
        source = getattr(item, "relative_source_path", None)
        if not url or lang not in site_paths or not source:
            continue
        address = page_key(posixpath.join(site_paths[lang], url))
        found.setdefault(address, source.replace(os.sep, "/"))
    return found


def page_links(generators) -> None:
    """`all_generators_finalized`: root-relative links to posts become `{filename}` links."""
    from .. import subsites

    context = generators[0].context
    contents = [c for c in (context.get("generated_content") or {}).values() if c is not None]
    sites = subsites.language_sites(generators[0].settings)
    main_path = urlsplit(sites.siteurl(sites.main_lang)).path.strip("/")
    site_paths = {}
    for lang in sites.langs:
        path = urlsplit(sites.siteurl(lang)).path.strip("/")
        if main_path and (path == main_path or path.startswith(main_path + "/")):
            path = path[len(main_path) :].strip("/")
        site_paths[lang] = path
    addresses = page_addresses(contents, site_paths)
    if not addresses:
        return

    def source_of(path: str) -> str | None:
        # Written from the domain's root (`/blog/posts/x/`) or the site's (`/posts/x/`).
        key = page_key(path)
        if main_path and (key == main_path or key.startswith(main_path + "/")):
            key = key[len(main_path) :].strip("/")
        return addresses.get(key)

    for item in contents:
        html = compat.content_html(item)
        if not MAYBE_ROOT_LINK.search(html):
            continue
        changed = as_content_links(html, source_of)
        if changed != html:
            compat.set_content_html(item, changed)
            compat.forget_rendered(item)


def register():
    """Connect the handlers."""
    signals.content_object_init.connect(static_links)
    signals.all_generators_finalized.connect(page_links)
