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

from collections.abc import Callable

from bs4 import BeautifulSoup


def enhance(html: str, size_of: Callable) -> str:
    """The HTML with sized, lazily loaded images and captioned figures (see above)."""
    if "<img" not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for number, img in enumerate(soup.find_all("img")):
        size = size_of(img.get("src", "")) if not img.get("width") else None
        if size:
            img["width"], img["height"] = (str(round(value)) for value in size)
        if number > 0 and not img.get("loading"):
            img["loading"] = "lazy"
            img["decoding"] = "async"
        caption = img.get("title")
        parent = img.parent
        alone = (
            parent is not None
            and parent.name == "p"
            and len([child for child in parent.contents if str(child).strip()]) == 1
        )
        if caption and alone:
            del img["title"]
            figure = soup.new_tag("figure")
            figcaption = soup.new_tag("figcaption")
            figcaption.string = caption
            parent.replace_with(figure)
            figure.append(img)
            figure.append(figcaption)
    return soup.decode(formatter="minimal")
