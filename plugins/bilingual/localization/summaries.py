"""Teasers: what a list page shows of a post without a written `Summary:`.

A teaser is the first words of the post's *text*: its paragraphs, in order, with their
inline formatting (links, emphasis, inline code, formulas), cut after a number of words
(`SUMMARY_MAX_LENGTH`) at a word boundary, with "…". Everything that is not running
text stays on the post's page: code blocks, images and figures, tables, lists, headings,
quotations, notes (admonitions), contents boxes, footnotes and display formulas. So a
post that opens with a code block, an image or a list still shows its first sentences,
and a list page never holds a block wider than a phone. A post with no paragraph at all
has no teaser (the list shows its title and date).

Words are counted the way the post's language writes them: a language that puts spaces
between words (English, Korean, Spanish...) counts runs of letters, so a Korean word
with its particle is one word and the cut falls at a space; Chinese and Japanese count
each character (as Pelican does for them), and the cut falls between characters. A
formula counts as one word.

The teaser is made from the post's HTML, the one form Markdown and reStructuredText
posts share, with one parse per post and language site (the `summary_of` filter keeps
it for the build).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

# Beautiful Soup is imported where a page is first parsed (most builds parse none):
# its import is 60 ms of every build's start.
if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

# Languages written without spaces between words: one character, one word.
UNSPACED = {"zh", "ja"}
# Han, kana and compatibility ideographs: each is a word in an unspaced language.
CJK_CHARACTER = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u31f0-\u31ff]"
SPACED_WORD = re.compile(r"\w[\w'’-]*")
UNSPACED_WORD = re.compile(rf"{CJK_CHARACTER}|\w[\w'’-]*")

# Containers whose paragraphs are running text (reStructuredText wraps sections in divs).
TEXT_CONTAINERS = {"div", "section", "article", "main", "span"}
# Classes of containers whose paragraphs are not: notes, contents, footnotes, code...
NOT_TEXT = {
    "admonition",
    "toc",
    "contents",
    "topic",
    "sidebar",
    "footnote",
    "footnotes",
    "citation",
    "highlight",
    "codehilite",
    "highlighttable",
    "math",
    "arithmatex",
    "figure",
    "caption",
    "line-block",
    "series-box",
}
# Elements a teaser leaves out, with what they hold.
IMAGES = frozenset({"img", "picture", "svg", "video", "audio", "iframe"})
# Classes of the links a teaser leaves out: heading anchors (the `headings` feature's,
# docutils'), footnote references (Python-Markdown's, docutils').
HEADING_ANCHOR = frozenset({"heading-anchor", "headerlink"})
FOOTNOTE_REFERENCE = frozenset({"footnote-ref", "footnote-reference"})
# Inline elements a teaser keeps (with their attributes, `id` aside); others keep their text.
INLINE = {
    "a",
    "abbr",
    "b",
    "bdi",
    "cite",
    "code",
    "data",
    "del",
    "dfn",
    "em",
    "i",
    "ins",
    "kbd",
    "mark",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
    "var",
}


def separates_words(lang: str) -> bool:
    """Whether `lang` (a language tag) writes spaces between words (`ko` yes, `ja` no)."""
    return lang.replace("_", "-").split("-")[0].lower() not in UNSPACED


def text_paragraphs(soup: BeautifulSoup) -> Iterator[Tag]:
    """The fragment's `<p>` elements that are running text, in document order."""
    for paragraph in soup.find_all("p"):
        if all(is_text_container(parent) for parent in paragraph.parents if parent is not soup):
            yield paragraph


def is_text_container(element: Tag) -> bool:
    """Whether paragraphs inside `element` are the post's running text."""
    if element.name not in TEXT_CONTAINERS:
        return False
    return not NOT_TEXT.intersection(element.get("class") or ())


def cleaned(paragraph: Tag) -> Tag:
    """`paragraph` as a teaser shows it, changed in place.

    Inline formatting only; nothing that points into the post's page (footnote
    references, `#` links, ids); no images.
    """
    from bs4 import NavigableString

    # One walk over the paragraph's elements for what goes (a `find_all` or a CSS
    # `select` per kind took longer than the parse).
    images, heading_anchors, references, breaks = [], [], [], []
    for element in elements_in(paragraph):
        if element.name in IMAGES:
            images.append(element)
        elif element.name == "br":
            breaks.append(element)
        elif element.name == "a":
            classes = element.get("class") or ()
            if HEADING_ANCHOR.intersection(classes):
                heading_anchors.append(element)
            if FOOTNOTE_REFERENCE.intersection(classes):
                references.append(element)
    for image in images:
        image.decompose()
    for anchor in heading_anchors:
        if not anchor.decomposed:
            anchor.decompose()
    for reference in references:
        if reference.decomposed:
            continue
        marker = reference.parent if reference.parent.name == "sup" else reference
        before, after = marker.previous_sibling, marker.next_sibling
        spaced = isinstance(before, NavigableString) and isinstance(after, NavigableString)
        if spaced and before.endswith(" ") and after[:1] in (" ", ".", ","):
            before.replace_with(before.rstrip(" "))  # "a claim [1] and" -> "a claim and"
        marker.decompose()
    for br in breaks:
        if not br.decomposed:
            br.replace_with(" ")
    for element in elements_in(paragraph):
        if element.decomposed or any(parent.name == "math" for parent in element.parents):
            continue
        if element.name == "math":
            continue
        if element.name not in INLINE or (
            element.name == "a" and element.get("href", "").startswith("#")
        ):
            element.unwrap()
    for element in [paragraph, *elements_in(paragraph)]:
        if element.name != "math" and not any(p.name == "math" for p in element.parents):
            element.attrs.pop("id", None)
    return paragraph


def elements_in(element: Tag) -> list[Tag]:
    """The elements inside `element`, in document order (`find_all(True)`, quicker)."""
    from bs4 import Tag

    return [node for node in element.descendants if isinstance(node, Tag)]


def words_in(text: str, spaced: bool) -> list[re.Match]:
    """The words of `text` (see the module docstring), as regex matches."""
    return list((SPACED_WORD if spaced else UNSPACED_WORD).finditer(text))


def inside_math(node) -> bool:
    """Whether `node` is part of a formula (its MathML, not the `<math>` element)."""
    return any(parent.name == "math" for parent in node.parents)


def words(
    paragraphs: list[Tag], spaced: bool, most: int | None = None
) -> list[tuple[int, object, re.Match | None]]:
    """[(paragraph number, text node or `<math>`, the word's match or None)], in order.

    With `most`, the list may stop once it holds more than `most` words (a teaser
    needs to know only whether there are more than it keeps).
    """
    from bs4 import Tag

    found = []
    for number, paragraph in enumerate(paragraphs):
        for node in paragraph.descendants:
            if isinstance(node, Tag):
                if node.name == "math" and not inside_math(node):
                    found.append((number, node, None))
            elif not inside_math(node):
                found += [(number, node, match) for match in words_in(str(node), spaced)]
            if most is not None and len(found) > most:
                return found
    return found


def remove_following(node, paragraph: Tag) -> None:
    """Remove everything after `node` inside `paragraph`."""
    current = node
    while current is not paragraph:
        for sibling in list(current.next_siblings):
            sibling.extract()
        current = current.parent


def cut(paragraphs: list[Tag], limit: int, spaced: bool, end_text: str) -> bool:
    """Cut `paragraphs` (in place) after `limit` words; whether anything was cut off."""
    found = words(paragraphs, spaced, most=limit)
    if len(found) <= limit:
        return False
    number, node, match = found[limit - 1]
    remove_following(node, paragraphs[number])
    mark = (" " if spaced else "") + end_text if end_text else ""
    if match is None:
        node.insert_after(mark)
    else:
        node.replace_with(str(node)[: match.end()] + mark)
    del paragraphs[number + 1 :]
    return True


def teaser(
    html: str,
    lang: str,
    max_length: int | None,
    max_paragraphs: int | None = None,
    end_text: str = "…",
) -> str:
    """The teaser of a post's `html` in `lang` (see the module docstring); "" for none.

    `max_length`: words (None: the whole text of the paragraphs kept); `max_paragraphs`:
    at most that many paragraphs (Pelican's `SUMMARY_MAX_PARAGRAPHS`; None: no limit);
    `end_text`: what marks the cut (Pelican's `SUMMARY_END_SUFFIX`).

    The teaser comes from the post's first paragraphs, so the beginning of the HTML is
    read first (up to its 3rd, 12th, then 64th `</p>`) and the whole only when that
    ends before the teaser does: a long post is not parsed to its end for 55 words.
    """
    if max_length is not None and max_length <= 0:
        return ""
    for part in leading_parts(html) if max_length or max_paragraphs else ():
        kept, complete = teaser_of(part, lang, max_length, max_paragraphs, end_text)
        if complete:
            return kept
    return teaser_of(html, lang, max_length, max_paragraphs, end_text)[0]


PARAGRAPH_END = "</p>"


def leading_parts(html: str, counts=(3, 12, 64)):
    """The beginnings of `html` that end after its 3rd, 12th, 64th `</p>` (if it has more)."""
    end, seen = 0, 0
    for count in counts:
        while seen < count:
            found = html.find(PARAGRAPH_END, end)
            if found < 0:
                return
            end, seen = found + len(PARAGRAPH_END), seen + 1
        if end < len(html):
            yield html[:end]


def teaser_of(html, lang, max_length, max_paragraphs, end_text) -> tuple[str, bool]:
    """(the teaser of `html`, whether it ended before `html` did: cut, or enough paragraphs)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    paragraphs = []
    for paragraph in text_paragraphs(soup):
        kept = cleaned(paragraph)
        if kept.get_text().strip() or kept.find("math"):
            paragraphs.append(kept)
            if max_paragraphs is not None and len(paragraphs) >= max_paragraphs:
                break
    complete = max_paragraphs is not None and len(paragraphs) >= max_paragraphs
    if max_length is not None:
        complete = cut(paragraphs, max_length, separates_words(lang), end_text) or complete
    return "".join(str(p) for p in paragraphs), complete


def automatic_summary(
    html: str, lang: str, max_length: int | None, max_paragraphs=None, end_text="…"
) -> str:
    """A post's teaser for lists and metadata (`teaser`, under Pelican's old name)."""
    return teaser(html, lang, max_length, max_paragraphs, end_text)
