"""Images in a post: sizes, lazy loading, figures with captions. Pure, no Pelican.

`enhance(html, size_of)` returns the post's HTML with every `<img>` given
- `width` and `height` from the image file (`size_of(src)` -> (width, height) or None),
  so the page does not shift while it loads (Lighthouse's "unsized images");
- `loading="lazy"` and `decoding="async"` from the second image on: the first is
  likely on the first screen, where lazy loading only delays it;
- a `<figure>` with a `<figcaption>` when it stands alone in its paragraph and has a
  title (Markdown `![alt](src "caption")`); the title becomes the caption.
"""

from __future__ import annotations

import html as markup
import re
from collections.abc import Callable
from html.parser import HTMLParser

# An image tag, and an image standing alone in its paragraph (Markdown's `![…](…)` line).
IMAGE = re.compile(r"<img\b[^>]*>", re.I)
ALONE = re.compile(r"<p(?:\s[^>]*)?>\s*(<img\b[^>]*>)\s*</p>", re.I)


def enhance(html: str, size_of: Callable) -> str:
    """The HTML with sized, lazily loaded images and captioned figures (see above).

    Only the image tags are read and written again (the rest of the page stays as it
    is, and is not parsed): a long post with one picture costs one tag, not the post.
    """
    if "<img" not in html:
        return html
    number = 0

    def image(found: re.Match) -> str:
        nonlocal number
        attributes = tag_attributes(found.group(0))
        if attributes is None:  # not one well-formed tag: left as written
            return found.group(0)
        size = size_of(attributes.get("src") or "") if not attributes.get("width") else None
        if size:
            attributes["width"], attributes["height"] = (str(round(value)) for value in size)
        if number > 0 and not attributes.get("loading"):
            attributes["loading"] = "lazy"
            attributes["decoding"] = "async"
        number += 1
        return img_tag(attributes)

    def figure(found: re.Match) -> str:
        attributes = tag_attributes(found.group(1))
        caption = attributes.get("title") if attributes else None
        if not caption:
            return found.group(0)
        del attributes["title"]
        return (
            f"<figure>{img_tag(attributes)}<figcaption>{markup.escape(caption, quote=False)}"
            "</figcaption></figure>"
        )

    return ALONE.sub(figure, IMAGE.sub(image, html))


def tag_attributes(tag: str) -> dict[str, str] | None:
    """The attributes of one `<img …>` tag, in order, values unescaped; None if not one."""
    reader = _TagReader()
    reader.feed(tag)
    reader.close()
    return reader.attributes


def img_tag(attributes: dict[str, str]) -> str:
    """`<img …/>` with `attributes` (values escaped), as Beautiful Soup writes an image."""
    written = "".join(
        f' {name}="{markup.escape(value or "", quote=True)}"' for name, value in attributes.items()
    )
    return f"<img{written}/>"


class _TagReader(HTMLParser):
    """Reads the attributes of the one start tag it is fed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str] | None = None
        self.tags = 0

    def handle_starttag(self, tag, attrs):
        self.tags += 1
        self.attributes = dict(attrs) if self.tags == 1 and tag == "img" else None

    handle_startendtag = handle_starttag
