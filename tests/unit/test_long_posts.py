"""Reading time per language and the contents box's sections."""

import pytest
from bs4 import BeautifulSoup
from pelican.plugins.bilingual.contents.headings import (
    Section,
    docutils_anchors,
    docutils_sections,
    sections,
)
from pelican.plugins.bilingual.reading_time.counting import reading_minutes, unit_of

ENGLISH = "<p>" + " ".join(["word"] * 460) + "</p>"  # 460 words: 2 minutes at 230/min
KOREAN = "<p>" + "가나다라마 " * 300 + "</p>"  # 1,500 characters: 3 minutes at 500/min


@pytest.mark.parametrize(
    ("lang", "unit"),
    [
        ("en", "words"),
        ("ko", "characters"),
        ("ja", "characters"),
        ("pt-BR", "words"),
        ("zh_Hant", "characters"),
    ],
)
def test_each_language_is_counted_in_its_own_unit(lang, unit):
    assert unit_of(lang) == unit


def test_minutes_follow_the_language():
    assert reading_minutes(ENGLISH, "en") == 2
    assert reading_minutes(KOREAN, "ko") == 3
    # Korean counted in words would be 300 words: about 1 minute, far too short.
    assert reading_minutes(KOREAN, "ko", {"ko": 250}) == 6


def test_code_counts_as_words_and_a_short_post_takes_a_minute():
    code = "<pre><code>" + "x = read()\n" * 230 + "</code></pre>"
    assert reading_minutes("<p>Hi.</p>" + code, "ko") == 2  # 460 words of code at 230/min
    assert reading_minutes("<p>Hi.</p>", "en") == 1
    assert reading_minutes("", "en") == 1


MARKDOWN_HTML = (
    '<h2 id="모델">모델<a class="heading-anchor" href="#모델">#</a></h2><p>x</p>'
    '<h3 id="why-q-r">Why Q &amp; R<a class="heading-anchor" href="#why-q-r">#</a></h3>'
    "<h2>No id</h2>"
    '<h4 id="deep">Too deep</h4>'
)
RST_HTML = '<div class="section" id="first-steps"><h2>First steps</h2><p>x</p></div>'


def test_sections_come_with_their_ids_and_without_permalinks():
    assert sections(MARKDOWN_HTML) == [
        Section(2, "모델", "모델"),
        Section(3, "why-q-r", "Why Q & R"),
    ]
    assert sections(RST_HTML) == [Section(2, "first-steps", "First steps")]
    assert sections("") == []


DOCUTILS_HTML = """<p>Intro.</p>
<div class="section" id="first-steps">
<h2>First <em>steps</em> &amp; more</h2>
<p>Text.</p>
<div class="section" id="deeper">
<h3 id="own-id">Deeper</h3>
<div class="section" id="deepest">
<h4>Deepest</h4>
</div>
</div>
</div>
<div class="section" id="s-2">
<h2>둘째 절</h2>
</div>"""


def test_docutils_headings_get_the_permalink_markdown_headings_get():
    linked = docutils_anchors(DOCUTILS_HTML)
    soup = BeautifulSoup(linked, "html.parser")
    anchors = {a.parent.name: a["href"] for a in soup.select("a.heading-anchor")}
    assert anchors == {"h2": "#s-2", "h3": "#own-id", "h4": "#deepest"}
    assert len(soup.select("a.heading-anchor")) == 4  # every section heading, h2 twice
    assert soup.select_one("#first-steps h2 a.heading-anchor")["href"] == "#first-steps"
    assert docutils_anchors(linked) == linked  # once only
    assert sections(linked) == sections(DOCUTILS_HTML)  # the contents leave the "#" out
    assert docutils_anchors(MARKDOWN_HTML) == MARKDOWN_HTML


def test_docutils_sections_are_read_without_a_parser_and_the_same_as_with_one():
    expected = [
        Section(2, "first-steps", "First steps & more"),
        Section(3, "own-id", "Deeper"),
        Section(2, "s-2", "둘째 절"),
    ]
    assert docutils_sections(DOCUTILS_HTML) == expected
    assert sections(DOCUTILS_HTML) == expected
    # A heading outside docutils' shape (raw HTML): the parser reads the whole post.
    raw = DOCUTILS_HTML + '<div class="note"><h2 id="raw">Raw</h2></div>'
    assert docutils_sections(raw) is None
    assert sections(raw)[-1] == Section(2, "raw", "Raw")


def test_images_get_sizes_lazy_loading_and_captioned_figures():
    from pelican.plugins.bilingual.figures.images import enhance

    html = (
        '<p><img alt="chart" src="{static}/images/a.svg" title="Humidity per month"></p>'
        '<p>See <img alt="icon" src="b.png"> inline.</p>'
        '<p><img alt="far" src="https://example.org/c.png"></p>'
    )
    sizes = {"{static}/images/a.svg": (520.0, 300.0), "b.png": (16, 16)}
    out = BeautifulSoup(enhance(html, sizes.get), "html.parser")
    first, second, third = out.find_all("img")
    assert (first["width"], first["height"]) == ("520", "300")
    assert "loading" not in first.attrs  # the first screen loads at once
    assert second["loading"] == "lazy" and third["loading"] == "lazy"
    assert "width" not in third.attrs  # a size nobody knows is not made up
    figure = out.find("figure")
    assert figure.img is first and figure.figcaption.get_text() == "Humidity per month"
    assert "title" not in first.attrs
    assert second.parent.name == "p"  # not alone in its paragraph: no figure
    assert enhance("<p>No images.</p>", sizes.get) == "<p>No images.</p>"


def test_image_sizes_are_read_from_the_content_folder(tmp_path):
    from pelican.plugins.bilingual.figures.figures import image_size

    (tmp_path / "images").mkdir()
    (tmp_path / "posts").mkdir()
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"></svg>'
    (tmp_path / "images" / "a.svg").write_text(svg, encoding="utf-8")
    (tmp_path / "posts" / "b.svg").write_text(svg, encoding="utf-8")
    assert image_size(str(tmp_path), "posts", "{static}/images/a.svg") == (40, 20)
    assert image_size(str(tmp_path), "posts", "b.svg") == (40, 20)
    assert image_size(str(tmp_path), "posts", "{attach}b.svg") == (40, 20)
    assert image_size(str(tmp_path), "posts", "missing.png") is None
    assert image_size(str(tmp_path), "posts", "https://example.org/x.png") is None


def test_formulas_become_mathml_and_money_stays_text():
    from pelican.plugins.bilingual.mathml.engine import Temml
    from pelican.plugins.bilingual.mathml.formulas import render

    html = (
        '<p>It costs <span class="arithmatex">\\(5 and US\\)</span>10, while '
        '<span class="arithmatex">\\(a^2\\)</span> is math.</p>'
        '<div class="arithmatex">\\[ \\frac{1}{2} \\]</div>'
        "<pre><code>$not math$</code></pre>"
    )
    out, problems = render(html, Temml().convert)
    assert problems == []
    soup = BeautifulSoup(out, "html.parser")
    assert "costs $5 and US$10" in soup.p.get_text()
    inline = soup.select("p math")
    assert len(inline) == 1 and inline[0]["alttext"] == "a^2" and inline[0]["display"] == "inline"
    block = soup.select_one("div.math-display math")
    assert block["display"] == "block" and block["alttext"] == "\\frac{1}{2}"
    assert soup.select_one("div.math-display")["tabindex"] == "0"
    assert soup.pre.get_text() == "$not math$"


def test_a_formula_the_converter_cannot_read_is_reported_with_its_line():
    from pelican.plugins.bilingual.mathml.engine import Temml
    from pelican.plugins.bilingual.mathml.formulas import line_of, render

    html = (
        '<p><span class="arithmatex">\\(\\left( x\\)</span> '
        '<span class="arithmatex">\\(\\nosuch{y}\\)</span></p>'
    )
    out, problems = render(html, Temml().convert)
    assert [latex for latex, _problem in problems] == ["\\left( x", "\\nosuch{y}"]
    assert "Unsupported function name: \\nosuch" in problems[1][1]
    assert "\\left( x" in out  # left as written, not dropped
    assert line_of("Title: A\n\nSee $\\nosuch{y}$ here.\n", "\\nosuch{y}") == 3


@pytest.mark.parametrize(
    ("size", "lang", "text"),
    [
        (2_400_000, "en", "2.4 MB"),
        (9_400, "ko", "9.4 KB"),
        (12, "en", "12 bytes"),
        (1_234_500, "de", "1,2 MB"),
    ],
)
def test_file_sizes_are_written_the_languages_way(size, lang, text):
    from pelican.plugins.bilingual.attachments.files import file_size

    assert file_size(size, lang) == text


def test_links_to_attached_files_say_type_and_size():
    from pelican.plugins.bilingual.attachments.files import annotate

    html = (
        '<p><a href="{attach}paper.pdf">paper</a>, <a href="{static}/images/a.png">a</a>, '
        '<a href="{filename}other.md">post</a>, <a href="{attach}gone.zip">gone</a></p>'
    )
    sizes = {"{attach}paper.pdf": 2_400_000}
    out = BeautifulSoup(annotate(html, sizes.get, "en"), "html.parser")
    metas = out.select(".attachment-meta")
    assert [m.get_text() for m in metas] == ["(PDF, 2.4 MB)"]
    assert metas[0].find_previous_sibling("a")["href"] == "{attach}paper.pdf"


def test_images_are_sized_without_rewriting_the_rest_of_the_post():
    from pelican.plugins.bilingual.figures.images import enhance

    rest = (
        '<p>A &amp; B, <a href="x">link</a> and &#39;quotes&#39;.</p>\n'
        '<pre><code>&lt;img src="no"&gt;</code></pre>'
    )
    html = (
        f'{rest}<p><img alt="a &amp; b" src="one.png" title="Caption &lt;1&gt;" /></p>'
        '<p>Text <img src="two.png"> and more.</p>'
    )
    out = enhance(html, lambda src: (640, 480.4))
    assert out.startswith(rest)  # as written, not parsed and written again
    assert (
        '<figure><img alt="a &amp; b" src="one.png" width="640" height="480"/>'
        "<figcaption>Caption &lt;1&gt;</figcaption></figure>"
    ) in out
    assert '<img src="two.png" width="640" height="480" loading="lazy" decoding="async"/>' in out


def test_only_links_to_files_make_a_post_be_read_for_attachments():
    from pelican.plugins.bilingual.attachments.files import links_files

    assert links_files('<a href="{attach}paper.pdf">x</a>')
    assert links_files('<a href="{static}/data/readings.CSV?x=1">x</a>')
    assert links_files("<a href='{static}/a.tar.gz#top'>x</a>")
    # Images, pages and posts are not downloads: a long post that shows images is not parsed.
    assert not links_files('<img src="{static}/images/a.png"><a href="{filename}b.md">b</a>')
    assert not links_files('<a href="{static}/images/a.png">a</a><a href="{attach}README">r</a>')
