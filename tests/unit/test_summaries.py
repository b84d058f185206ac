"""Automatic summaries count words the way each language writes them."""

import pytest
from pelican.plugins.bilingual.localization.summaries import (
    automatic_summary,
    separates_words,
    truncate_words,
)

KOREAN = (
    "<p>온실 컨트롤러를 처음 만들 때 가장 먼저 부딪힌 문제는 습도 센서가 아침마다 "
    "엉뚱한 값을 보낸다는 것이었다. 원인은 결로였다.</p>"
)


@pytest.mark.parametrize(
    ("lang", "spaced"), [("ko", True), ("en", True), ("ja", False), ("zh-Hant", False)]
)
def test_which_languages_separate_words(lang, spaced):
    assert separates_words(lang) is spaced


def test_korean_counts_words_not_syllables():
    cut = truncate_words(KOREAN, 5, "ko")
    assert cut == "<p>온실 컨트롤러를 처음 만들 때 …</p>"


def test_english_is_counted_as_pelican_does():
    html = "<p>The sensor loop reads <em>humidity</em> every minute and logs it.</p>"
    assert truncate_words(html, 4, "en") == "<p>The sensor loop reads …</p>"
    assert truncate_words(html, 5, "en") == "<p>The sensor loop reads <em>humidity …</em></p>"


def test_japanese_keeps_one_character_one_word():
    assert truncate_words("<p>温室の記録</p>", 2, "ja") == "<p>温室 …</p>"


def test_short_text_is_kept_whole_and_zero_gives_nothing():
    assert truncate_words("<p>짧은 글.</p>", 40, "ko") == "<p>짧은 글.</p>"
    assert truncate_words("<p>x</p>", 0, "ko") == ""


def test_automatic_summary_applies_paragraphs_then_words():
    html = "<p>첫 문단 입니다.</p><p>둘째 문단.</p>"
    assert automatic_summary(html, "ko", None, 1) == "<p>첫 문단 입니다.</p>"
    assert automatic_summary(html, "ko", 2, None) == "<p>첫 문단 …</p>"
    assert automatic_summary(html, "ko", None, None) == html


def test_an_excerpt_has_no_headings_anchors_footnotes_or_ids():
    html = (
        '<h2 id="background">Background<a class="heading-anchor" href="#background">#</a></h2>'
        '<p>Words.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
    )
    out = automatic_summary(html, "en", 40)
    assert out == "<p>Background</p><p>Words.</p>"


def test_a_whole_short_post_leaves_its_footnotes_and_in_page_links_behind():
    # Markdown's footnotes (python-markdown's footnotes extension, as Pelican runs it).
    markdown = (
        '<p>A claim<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>, '
        'see <a href="#method">the method</a> and <a href="/about/">about</a>.</p>\n'
        '<div class="footnote">\n<hr />\n<ol>\n<li id="fn:1">\n<p>The source.&#160;'
        '<a class="footnote-backref" href="#fnref:1">&#8617;</a></p>\n</li>\n</ol>\n</div>'
    )
    out = automatic_summary(markdown, "en", 55)
    assert out.strip() == ('<p>A claim, see the method and <a href="/about/">about</a>.</p>')
    # reStructuredText's (docutils' HTML 4 writer, as Pelican runs it).
    rst = (
        '<p>A claim <a class="footnote-reference" href="#f1" id="footnote-reference-1">'
        '[1]</a> and <a class="citation-reference" href="#cit" id="citation-reference-1">'
        "[CIT]</a>.</p>\n"
        '<table class="docutils footnote" frame="void" id="f1" rules="none"><tbody><tr>'
        '<td class="label"><a class="fn-backref" href="#footnote-reference-1">[1]</a></td>'
        "<td>The source.</td></tr></tbody></table>\n"
        '<table class="docutils citation" frame="void" id="cit" rules="none"><tbody><tr>'
        "<td>A book.</td></tr></tbody></table>"
    )
    out = automatic_summary(rst, "en", 55)
    assert "href" not in out and "[1]" not in out and "source" not in out
    assert out.strip() == "<p>A claim and [CIT].</p>"
