"""Automatic summaries that count words the way each language writes them.

Pelican's truncation (`pelican.utils.truncate_html_words`) counts every CJK
character as a word, Hangul included. That suits Chinese and Japanese, which do not
separate words; Korean does, with spaces, so 40 "words" came out as 40 syllables
(about 14 words). Here a language that writes spaces between words has its words
counted as runs of letters, as English has; Chinese and Japanese keep Pelican's rule.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString
from pelican.utils import (
    _HTMLWordTruncator,
    strip_toc_elements_from_html,
    truncate_html_paragraphs,
    truncate_html_words,
)

# Languages written without spaces between words: Pelican's per-character rule fits.
UNSPACED = {"zh", "ja"}


class _SpacedWordTruncator(_HTMLWordTruncator):
    """Pelican's HTML-aware truncator with a word as a run of letters, in any script."""

    _word_regex = re.compile(r"\w[\w'-]*", re.UNICODE)


def separates_words(lang: str) -> bool:
    """Whether `lang` (a language tag) writes spaces between words (`ko` yes, `ja` no)."""
    return lang.replace("_", "-").split("-")[0].lower() not in UNSPACED


def truncate_words(html: str, count: int, lang: str, end_text: str = "…") -> str:
    """`html` cut after `count` words of `lang`, open tags closed, `end_text` appended.

    Returns `html` unchanged when it has no more words than that; "" for `count` <= 0.
    """
    if not separates_words(lang):
        return truncate_html_words(html, count, end_text)
    if count <= 0:
        return ""
    truncator = _SpacedWordTruncator(count)
    truncator.feed(html)
    if truncator.truncate_at is None:
        return html
    out = html[: truncator.truncate_at] + (" " + end_text if end_text else "")
    return out + "".join(f"</{tag}>" for tag in truncator.open_tags)


def automatic_summary(
    html: str, lang: str, max_length: int | None, max_paragraphs=None, end_text="…"
) -> str:
    """The summary Pelican would make of a post's HTML, with `lang`'s word count.

    `max_paragraphs` (`SUMMARY_MAX_PARAGRAPHS`) first, then `max_length` words
    (`SUMMARY_MAX_LENGTH`; None keeps every word); contents boxes are left out.
    """
    if max_paragraphs is not None:
        html = truncate_html_paragraphs(html, max_paragraphs)
    if max_length is not None:
        html = truncate_words(html, max_length, lang, end_text)
    return listable(strip_toc_elements_from_html(html))


def listable(html: str) -> str:
    """An excerpt fit for a list page.

    Headings become paragraphs; heading anchors, footnote and citation references and
    the footnotes themselves go (Markdown's `div.footnote`, reStructuredText's
    footnote and citation tables); a link to a place in the post (`href="#..."`) keeps
    its text only, as that place is not on the list page; and no element keeps an
    `id` (the page it came from keeps them; a list holding several excerpts would
    repeat them).
    """
    if "<h" not in html and " id=" not in html and 'href="#' not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for anchor in soup.select("a.heading-anchor, a.headerlink"):
        anchor.decompose()
    for reference in soup.select("a.footnote-ref, a.footnote-reference"):
        marker = reference.parent if reference.parent.name == "sup" else reference
        before, after = marker.previous_sibling, marker.next_sibling
        spaced = isinstance(before, NavigableString) and isinstance(after, NavigableString)
        if spaced and before.endswith(" ") and after[:1] in (" ", "."):
            before.replace_with(before.rstrip(" "))  # "a claim [1] and" -> "a claim and"
        marker.decompose()
    for notes in soup.select("div.footnote, table.footnote, table.citation, aside.footnote"):
        notes.decompose()
    for link in soup.select('a[href^="#"]'):  # a citation keeps its label: "[CIT2002]"
        link.unwrap()
    for heading in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        heading.name = "p"
    for tag in soup.find_all(id=True):
        del tag["id"]
    return soup.decode(formatter="minimal")
