"""Teasers: the first words of a post's text, counted the way its language writes them."""

from __future__ import annotations

import markdown
import pytest
from pelican.plugins.bilingual.localization.summaries import (
    automatic_summary,
    separates_words,
    teaser,
)
from pelican.readers import RstReader
from pelican.settings import DEFAULT_CONFIG

KOREAN = (
    "<p>온실 컨트롤러를 처음 만들 때 가장 먼저 부딪힌 문제는 습도 센서가 아침마다 "
    "엉뚱한 값을 보낸다는 것이었다. 원인은 결로였다.</p>"
)

# A post as people write them: an image, code, a table and a list before the first words.
MARKDOWN_POST = """\
![A wiring diagram](wiring.png)

```rust
let text = fs::read_to_string("a-very-long-path/that/would/overflow/a/phone.txt")?;
```

| pin | sensor |
|-----|--------|
| 4   | DHT22  |

- solder the header
- flash the board

## Why a second board

The first board *kept* resetting when the `fan` started[^1], so the sensor loop moved to a
[second one](/posts/second-board/). See [the wiring](#why-a-second-board) above.

!!! note "Parts"
    Two boards, one relay.

> A quotation the writer did not write.

Power came from the same supply $V_{cc}$ as before.

[^1]: The inrush current.
"""


def markdown_html(source: str) -> str:
    return markdown.Markdown(
        extensions=["extra", "codehilite", "toc", "admonition"],
        extension_configs={"codehilite": {"guess_lang": False}},
    ).convert(source)


def rst_html(tmp_path, source: str) -> str:
    path = tmp_path / "post.rst"
    path.write_text(source, encoding="utf-8")
    settings = {**DEFAULT_CONFIG, "DOCUTILS_SETTINGS": {"math_output": "MathML"}}
    content, _ = RstReader(settings).read(str(path))
    return content


@pytest.mark.parametrize(
    ("lang", "spaced"), [("ko", True), ("en", True), ("ja", False), ("zh-Hant", False)]
)
def test_which_languages_separate_words(lang, spaced):
    assert separates_words(lang) is spaced


def test_korean_counts_words_not_syllables_and_cuts_at_a_space():
    assert teaser(KOREAN, "ko", 5) == "<p>온실 컨트롤러를 처음 만들 때 …</p>"


def test_english_cuts_inside_inline_formatting_and_closes_it():
    html = "<p>The sensor loop reads <em>humidity</em> every minute and logs it.</p>"
    assert teaser(html, "en", 4) == "<p>The sensor loop reads …</p>"
    assert teaser(html, "en", 5) == "<p>The sensor loop reads <em>humidity …</em></p>"


def test_japanese_and_chinese_count_characters_and_cut_without_a_space():
    assert teaser("<p>温室の記録です</p>", "ja", 2) == "<p>温室…</p>"
    assert teaser("<p>溫室紀錄。</p>", "zh-Hant", 3) == "<p>溫室紀…</p>"


def test_short_text_is_whole_and_zero_gives_nothing():
    assert teaser("<p>짧은 글.</p>", "ko", 40) == "<p>짧은 글.</p>"
    assert teaser("<p>x</p>", "ko", 0) == ""


def test_paragraphs_then_words():
    html = "<p>첫 문단 입니다.</p><p>둘째 문단.</p>"
    assert teaser(html, "ko", None, 1) == "<p>첫 문단 입니다.</p>"
    assert teaser(html, "ko", 2) == "<p>첫 문단 …</p>"
    assert teaser(html, "ko", None) == html
    # Exactly as many words as the limit: nothing is cut, no "…".
    assert teaser(html, "ko", 5) == html


def test_markdown_teaser_leaves_code_images_tables_lists_headings_notes_quotes_behind():
    out = teaser(markdown_html(MARKDOWN_POST), "en", 200)
    assert out.startswith("<p>The first board <em>kept</em> resetting when the <code>fan</code>")
    for absent in (
        "<img",
        "<pre",
        "<table",
        "<li",
        "<h2",
        "fs::read",
        "DHT22",
        "solder",
        "Parts",
        "quotation",
        "inrush",
        "footnote",
        "id=",
        'href="#',
    ):
        assert absent not in out, absent
    assert '<a href="/posts/second-board/">second one</a>' in out
    assert "See the wiring above." in out
    assert "same supply" in out


def test_markdown_teaser_cut_after_a_few_words():
    out = teaser(markdown_html(MARKDOWN_POST), "en", 6)
    assert out == "<p>The first board <em>kept</em> resetting when …</p>"


def test_a_post_with_no_paragraph_has_no_teaser():
    assert teaser(markdown_html("```\ncode only\n```\n\n- a list\n"), "en", 40) == ""
    assert teaser('<p><img src="a.png" alt="only an image"></p>', "en", 40) == ""


def test_restructuredtext_teaser(tmp_path):
    source = """\
Title
#####

:date: 2026-01-01

.. image:: wiring.png

.. code-block:: python

   print("code first")

* a list item

Background
==========

The loop reads :math:`T_{air}` every minute [#n]_ and logs it, see `the page
<https://example.org/>`_.

.. note:: A note.

.. [#n] A footnote.
"""
    out = teaser(rst_html(tmp_path, source), "en", 40)
    assert out.startswith("<p>The loop reads <math")
    for absent in (
        "<img",
        "<pre",
        "print",
        "list item",
        "Background",
        "A note",
        "A footnote",
        "id=",
    ):
        assert absent not in out, absent
    assert '<a class="reference external" href="https://example.org/">the page</a>' in out
    cut = teaser(rst_html(tmp_path, source), "en", 4)
    assert cut.startswith("<p>The loop reads <math") and cut.endswith("</math> …</p>")


def test_footnote_and_citation_references_leave_their_labels_behind_or_text():
    rst = (
        '<p>A claim <a class="footnote-reference" href="#f1" id="footnote-reference-1">'
        '[1]</a> and <a class="citation-reference" href="#cit" id="citation-reference-1">'
        "[CIT]</a>.</p>\n"
        '<table class="docutils footnote" frame="void" id="f1" rules="none"><tbody><tr>'
        "<td>The source.</td></tr></tbody></table>"
    )
    assert teaser(rst, "en", 55) == "<p>A claim and [CIT].</p>"


def test_automatic_summary_is_the_teaser():
    assert automatic_summary(KOREAN, "ko", 5) == teaser(KOREAN, "ko", 5)


def test_a_long_post_s_teaser_is_read_from_its_beginning_and_is_the_same():
    # Only the first paragraphs are parsed when they hold the teaser; when they end
    # before it does (short paragraphs, a list, code), more of the post is read.
    from pelican.plugins.bilingual.localization.summaries import leading_parts, teaser, teaser_of

    long_words = " ".join(f"word{n}" for n in range(120))
    many = "".join(f"<h2>S{n}</h2><p>{long_words}</p><pre><code>x</code></pre>" for n in range(40))
    short = "<p>One.</p><ul><li><p>listed</p></li></ul>" * 10 + f"<p>{long_words}</p>" * 30
    for html in (many, short):
        parts = list(leading_parts(html))
        assert parts and all(html.startswith(part) and len(part) < len(html) for part in parts)
        for limit, paragraphs in ((55, None), (10, 2), (400, None), (None, 3)):
            whole = teaser_of(html, "en", limit, paragraphs, "…")[0]
            assert teaser(html, "en", limit, paragraphs) == whole
    assert teaser(short, "en", 55).startswith("<p>One.</p><p>One.</p>")
