"""Links to attached files, with their type and size: pure functions, no Pelican.

`annotate(html, size_of, lang)` adds "(PDF, 2.4 MB)" after every link to a file that is
not a page or an image (`{attach}` or `{static}`), so a reader knows what a click will
download. Sizes are decimal (1 MB = 1,000,000 bytes) and numbers are written the
language's way (Babel).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from babel.numbers import format_decimal

LINKED = ("{attach}", "{static}")
NOT_FILES = {"", "html", "htm", "md", "rst", "png", "jpg", "jpeg", "gif", "svg", "webp", "avif"}
UNITS = ((1_000_000_000, "GB"), (1_000_000, "MB"), (1_000, "KB"))
# A link to an attached or static file, its extension captured ("" for none).
FILE_LINK = re.compile(
    r"""href=["']\{(?:attach|static)\}[^"'?#]*?(?:\.(\w+))?(?:[?#][^"']*)?["']"""
)


def links_files(html: str) -> bool:
    """Whether `html` links an attached or static file that is not a page or an image.

    The quick test before the page is parsed: a long post that only shows images (as
    `{static}` too) is not parsed for nothing.
    """
    return any(
        (found.group(1) or "").lower() not in NOT_FILES for found in FILE_LINK.finditer(html)
    )


def file_size(size: int, lang: str) -> str:
    """`2.4 MB`, `950 KB`, `12 bytes`: one decimal above a thousand, the language's digits."""
    for unit, name in UNITS:
        if size >= unit:
            return f"{format_decimal(round(size / unit, 1), format='#,##0.#', locale=lang)} {name}"
    return f"{size} bytes"


def annotate(html: str, size_of: Callable, lang: str) -> str:
    """The HTML with "(TYPE, size)" after links to attached files (see above).

    `size_of(target)` gives a linked file's size in bytes, or None when unknown (then
    the link is left as it is).
    """
    if not links_files(html):
        return html
    from bs4 import BeautifulSoup  # imported here: most builds parse no page

    soup = BeautifulSoup(html, "html.parser")
    for link in soup.find_all("a", href=True):
        href = link["href"]
        if not href.startswith(LINKED):
            continue
        ext = posixpath.splitext(href.split("?", 1)[0])[1].lstrip(".").lower()
        size = size_of(href) if ext not in NOT_FILES else None
        if size is None:
            continue
        meta = soup.new_tag("span", attrs={"class": "attachment-meta"})
        meta.string = f"({ext.upper()}, {file_size(size, lang)})"
        link.insert_after(meta)
        link.insert_after(" ")
    return soup.decode(formatter="minimal")
