"""A post's sections, from its HTML: pure functions, no Pelican.

Markdown's `toc` extension gives headings their ids (the bundle's settings use
`slugify_unicode`, so Hangul headings keep readable ids); reStructuredText puts the id
on the section around the heading. Both are read here.
"""

from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass

HEADING = re.compile(r'<h([1-6])\b[^>]*?\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
# docutils: `<div class="section" id="...">` right around each section's heading.
SECTION_HEADING = re.compile(
    r'<div class="section" id="([^"]+)">\s*<h([1-6])\b([^>]*)>(.*?)</h\2>', re.S
)
ANY_HEADING = re.compile(r"<h[1-6]\b")
OWN_ID = re.compile(r'\bid="([^"]+)"')
ANCHOR = re.compile(r'<a class="(?:heading-anchor|headerlink)"[^>]*>.*?</a>', re.S)
TAG = re.compile(r"<[^>]+>")


def text_of(fragment: str) -> str:
    """A heading's text: permalinks out, tags out, entities as characters."""
    return html_module.unescape(TAG.sub("", ANCHOR.sub("", fragment)))


@dataclass(frozen=True)
class Section:
    """One heading of a post: its level (2 or 3), the id to link to, its text."""

    level: int
    id: str
    text: str


def sections(html: str, levels: tuple[int, ...] = (2, 3)) -> list[Section]:
    """The headings at `levels` that have an id to link to, in document order.

    A heading's own `id` wins, else its parent section's (docutils). The text leaves
    out a heading's permalink (`a.heading-anchor`, `a.headerlink`).
    """
    html = html or ""
    # Most posts: a regular expression finds Markdown's headings with their ids, much
    # faster than a parser (this runs for every post on every language's site).
    if 'class="section"' not in html:
        return [
            Section(int(level), anchor, " ".join(text_of(body).split()))
            for level, anchor, body in HEADING.findall(html)
            if int(level) in levels and " ".join(text_of(body).split())
        ]
    found = docutils_sections(html, levels)
    if found is not None:
        return found
    from bs4 import BeautifulSoup  # imported here: most builds parse no page

    soup = BeautifulSoup(html, "html.parser")
    found = []
    for heading in soup.find_all([f"h{level}" for level in levels]):
        anchor = heading.get("id") or (heading.parent.get("id") if heading.parent else None)
        if not anchor:
            continue
        for link in heading.select("a.heading-anchor, a.headerlink"):
            link.decompose()
        text = " ".join(heading.get_text(" ").split())
        if text:
            found.append(Section(int(heading.name[1]), anchor, text))
    return found


def docutils_sections(html: str, levels: tuple[int, ...] = (2, 3)) -> list[Section] | None:
    """`sections` for docutils' usual HTML, with regular expressions; None otherwise.

    Every heading must be the first thing in its `<div class="section">` (as docutils
    writes them); when one is not (raw HTML in the post), None: the parser decides.
    """
    found, matched = [], 0
    for anchor, level, attributes, body in SECTION_HEADING.findall(html):
        matched += 1
        own = OWN_ID.search(attributes)
        text = " ".join(text_of(body).split())
        if int(level) in levels and text:
            found.append(Section(int(level), own.group(1) if own else anchor, text))
    return found if matched == len(ANY_HEADING.findall(html)) else None


def docutils_anchors(html: str) -> str:
    """Section headings as docutils writes them, with the `#` link Markdown headings get.

    `<div class="section" id="s"><h2>Title</h2>` -> `<h2>Title<a class="heading-anchor"
    href="#s">#</a></h2>` (the markup of the bundle's `toc` setting for Markdown); a
    heading that has a permalink already is left as it is.
    """

    def add(match: re.Match) -> str:
        anchor, level, attributes, body = match.groups()
        if ANCHOR.search(body):
            return match.group(0)
        own = OWN_ID.search(attributes)
        target = html_module.escape(own.group(1) if own else anchor)
        whole = match.group(0)
        closing = f"</h{level}>"
        return f'{whole[: -len(closing)]}<a class="heading-anchor" href="#{target}">#</a>{closing}'

    return SECTION_HEADING.sub(add, html) if 'class="section"' in html else html
