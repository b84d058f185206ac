"""site_links: root-relative links to the site's own files work under a sub-path too.

A post that links an image or a file of the content folder from the site's root
(`![chart](/images/chart.svg)`, `<a href="/files/a.pdf">`) means the site's copy of
it. Under a `SITEURL` with a path (`https://example.org/blog`) that address leaves
the site, and the publishing checks stop on it. Such a link becomes Pelican's own
`{static}` link to the same file, which Pelican resolves against `SITEURL` and
`STATIC_URL` on every language's site; the image then also gets its width and height
(`figures`) and the file its size (`attachments`).

Only links to a file that exists in the content folder, inside `STATIC_PATHS` (what
Pelican publishes), change; any other root-relative link is left as written.

Settings: none (reads `PATH`, `STATIC_PATHS`).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Iterable

from pelican import signals

from .. import compat

# `src="/..."` or `href="/..."`, not `//host/...`: (attribute and quote, path, rest).
ROOT_LINK = re.compile(r"""(\b(?:src|href)\s*=\s*(["']))/(?!/)([^"'#?]*)([^"']*)\2""")


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
    if "=" not in content or not ROOT_LINK.search(content):
        return
    root = instance.settings["PATH"]
    static_paths = tuple(instance.settings.get("STATIC_PATHS") or ())

    def is_site_file(path: str) -> bool:
        return is_static(path, static_paths) and os.path.isfile(os.path.join(root, path))

    compat.set_content_html(instance, as_static_links(content, is_site_file))


def register():
    """Connect the handler."""
    signals.content_object_init.connect(static_links)
