"""A post's sections, from its HTML: pure functions, no Pelican.

Markdown's `toc` extension gives headings their ids (the bundle's settings use
`slugify_unicode`, so Hangul headings keep readable ids); reStructuredText puts the id
on the section around the heading. Both are read here.
"""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup


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
    soup = BeautifulSoup(html or "", "html.parser")
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
