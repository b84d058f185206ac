"""contents: a contents box for long posts, linking to their sections.

Template API
------------
`article.contents`: list of `headings.Section(level, id, text)` (h2 and h3 with an
id) on every article and page; the theme shows a collapsible "Contents" / "목차" box
(`<details>`, no JavaScript) when a post has at least `CONTENTS_MIN_HEADINGS`, unless
the writer put a contents list in the text (`.. contents::`, Markdown's `[TOC]`): theirs
wins.
Headings carry a permalink (`a.heading-anchor`) from Markdown's `toc` extension as
the bundle's `MARKDOWN` setting configures it; reStructuredText section headings get
the same link here (`link_headings`), to their section's id.

Settings (defaults)
-------------------
- `CONTENTS_MIN_HEADINGS` (3): fewer headings, no box. A bad value stops the build.
- `MARKDOWN`: Markdown's `toc` extension is added (`TOC`: Hangul-friendly ids, a `#`
  link) when the writer's `MARKDOWN` does not configure `toc` itself.
"""

from __future__ import annotations

import re

from markdown.extensions.toc import slugify_unicode
from pelican import signals
from pelican.contents import Content, Static

from .. import compat, subsites
from ..core import BuildStopped
from ..core.markdown_settings import with_extension
from ..core.settings import Setting
from .headings import docutils_anchors, sections

MIN_HEADINGS = Setting(
    "CONTENTS_MIN_HEADINGS",
    3,
    "a whole number, at least 1",
    "A post with fewer headings than this gets no contents box.",
)
SETTINGS = (MIN_HEADINGS,)


def minimum(settings) -> int:
    """`CONTENTS_MIN_HEADINGS`, checked (a whole number, at least 1)."""
    value = MIN_HEADINGS.read(settings)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise BuildStopped(
            f"contents: invalid CONTENTS_MIN_HEADINGS {value!r}: a whole number, at least 1"
        )
    return value


# Heading ids that keep Hangul readable, and a "#" link a reader can copy.
TOC = {
    "slugify": slugify_unicode,
    "permalink": "#",
    "permalink_class": "heading-anchor",
    "permalink_title": "",
}


def check_settings(pelican):
    """`initialized`: stop on a bad setting; give Markdown heading ids and links.

    Markdown's `toc` extension (`TOC`) joins the `MARKDOWN` setting unless the writer
    configured it (Pelican's default has none: no ids, so no contents box).
    """
    minimum(pelican.settings)
    markdown = pelican.settings.get("MARKDOWN") or {}
    pelican.settings["MARKDOWN"] = with_extension(markdown, "markdown.extensions.toc", TOC)


def link_headings(instance):
    """`content_object_init`: reStructuredText headings get the `#` link Markdown's have.

    Once per build for each HTML (`subsites.shared_result`).
    """
    html = compat.content_html(instance)
    if 'class="section"' in html:
        anchored = subsites.shared_result(
            instance.settings, f"{__name__}.anchors", html, lambda: docutils_anchors(html)
        )
        compat.set_content_html(instance, anchored)


def collect(instance):
    """`content_object_init`: `contents` when the post has enough sections.

    Found once per build for each HTML (`subsites.shared_result`): every language's
    site makes the posts of every language.
    """
    if not isinstance(instance, Content) or isinstance(instance, Static):
        return  # a post or page only
    html = compat.content_html(instance)
    if has_own_contents(html):  # the writer's own contents box wins
        instance.contents = []
        return
    found = subsites.shared_result(instance.settings, __name__, html, lambda: tuple(sections(html)))
    instance.contents = list(found) if len(found) >= minimum(instance.settings) else []


# The contents a writer put in the text: reStructuredText's `.. contents::` (docutils'
# HTML 4 and HTML5 writers) and Markdown's `[TOC]` marker (the `toc` extension's div).
OWN_CONTENTS = re.compile(
    r"""<(?:div|nav)\b[^>]*\bclass=["'](?:[^"']*\s)?(?:contents|toc)(?:\s[^"']*)?["']"""
)


def has_own_contents(html: str) -> bool:
    """Whether the post's HTML holds a contents list the writer asked for."""
    return bool(OWN_CONTENTS.search(html))


def register():
    """Connect the handlers, in the order they fire."""
    signals.initialized.connect(check_settings)
    signals.content_object_init.connect(link_headings)
    signals.content_object_init.connect(collect)
