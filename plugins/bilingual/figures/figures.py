"""figures: images that do not shift the page, load when needed, and carry captions.

Every `<img>` in a post or page gets its file's `width`/`height`, images after the
first load lazily, and an image alone in its paragraph with a Markdown title
(`![alt](src "caption")`) becomes a `<figure>` with that `<figcaption>` (`images.py`).
Sizes are read with `imagesize` from the content folder, for `{static}`, `{attach}`
and relative links; an address elsewhere is left as it is.

Settings: none (reads `PATH`).
"""

from __future__ import annotations

import functools
import os
import posixpath

import imagesize
from pelican import signals

from .. import compat, subsites
from .images import enhance

# Pelican's link prefixes, and the legacy `|static|` form it still reads.
LINK_PREFIXES = ("{static}", "{attach}", "{filename}", "|static|", "|attach|", "|filename|")


def image_size(content_root: str, source_dir: str, src: str):
    """(width, height) of an image in the content folder, or None when unknown.

    `src` as written in the post: `{static}/images/a.svg`, `{attach}b.png`, `c.png`.
    """
    for prefix in LINK_PREFIXES:
        if src.startswith(prefix):
            src = src[len(prefix) :]
            break
    else:
        if "://" in src or src.startswith(("/", "data:", "#")):
            return None
    path = src.split("?", 1)[0].split("#", 1)[0]
    relative = path.lstrip("/") if path.startswith("/") else posixpath.join(source_dir, path)
    full = os.path.join(content_root, posixpath.normpath(relative))
    try:
        width, height = imagesize.get(full)
    except (OSError, ValueError):
        return None
    return (width, height) if width > 0 and height > 0 else None


def add_sizes(instance):
    """`content_object_init`: sizes, lazy loading and figures in a post's HTML."""
    content = compat.content_html(instance)
    if "<img" not in content:
        return
    source_dir = os.path.dirname(instance.get_relative_source_path()).replace(os.sep, "/")
    root = instance.settings["PATH"]
    size_of = functools.partial(image_size, root, source_dir)
    # Once per build for each post (every language's site makes every post).
    html = subsites.shared_result(
        instance.settings, __name__, (root, source_dir, content), lambda: enhance(content, size_of)
    )
    compat.set_content_html(instance, html)


def register():
    """Connect the handlers."""
    signals.content_object_init.connect(add_sizes)
