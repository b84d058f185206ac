"""schema.org `BlogPosting` for a post, as a plain dict for JSON-LD.

Pure: takes a content-like post (`title`, `summary`, `date`, optional `modified`,
`counterparts`, `series`) and plain values. Vocabulary: https://schema.org/BlogPosting,
`workTranslation` / `translationOfWork` (https://schema.org/workTranslation).
"""

from __future__ import annotations

import re

from markupsafe import Markup

from ..core.math_text import formulas_as_text


def plain_text(value) -> str:
    """The text of an escaped title or a string, spaces kept as typed."""
    return value.unescape() if hasattr(value, "unescape") else str(value)


# The end of a block element, after which text reads as a new sentence.
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|div|blockquote|dd|dt|td|th|tr|figcaption|pre)>|<br\s*/?>")


def description_of(summary, fallback: str) -> str:
    """A summary (HTML) as plain text for meta tags, or `fallback` when there is none.

    Markup is stripped the way Jinja's `striptags` does (white space folded), formulas
    become their plain text (`core.math_text`); a block's
    end (a paragraph, a list item, a heading) reads as a space, so two paragraphs do not
    run together ("cheap.The").
    """
    if not summary:
        return fallback or ""
    # A formula reads as plain-text math ("A⁻¹", "(a+b)/c"): not its LaTeX source, nor
    # MathML's letters run together ("A−1").
    text = formulas_as_text(str(summary))
    text = BLOCK_END.sub(lambda m: m.group(0) + " ", text)
    return Markup(text).striptags()


def blog_posting(post, *, url: str, lang: str, main_lang: str, author: str, description: str):
    """The JSON-LD object of `post` on `lang`'s site at `url` (its canonical URL).

    The source version (`post.source_lang`, else the main language) names its
    translations (`workTranslation`); a translation names its source
    (`translationOfWork`). The series appears as `isPartOf` when this site lists the
    post in it.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "@id": url,
        "url": url,
        "headline": plain_text(post.title),
        "description": description,
        "inLanguage": lang,
        "datePublished": post.date.isoformat(),
        "dateModified": (getattr(post, "modified", None) or post.date).isoformat(),
        "author": {"@type": "Person", "name": author},
    }
    series = getattr(post, "series", None)
    if series is not None and series.all:
        data["isPartOf"] = {
            "@type": "CreativeWorkSeries",
            "name": str(series.name),
            "url": series.url,
        }
    counterparts = list(getattr(post, "counterparts", []))
    source = getattr(post, "source_lang", main_lang)
    originals = [c for c in counterparts if c.lang == source]
    if lang == source and counterparts:
        data["workTranslation"] = [{"@id": c.url} for c in counterparts]
    elif originals:
        data["translationOfWork"] = {"@id": originals[0].url}
    return data
