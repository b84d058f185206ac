"""Formulas to MathML (plugins/bilingual/mathml): the engine, the page pass, rst and Markdown."""

from bs4 import BeautifulSoup
from pelican.plugins.bilingual.mathml.engine import FormulaError, Temml
from pelican.plugins.bilingual.mathml.formulas import render

ENGINE = Temml()


def test_formulas_from_a_machine_learning_blog_render():
    # The build stopped on `\arg` with latex2mathml ("unknown command"), and
    # `\operatorname{arg\,max}` came out empty.
    html = (
        '<div class="arithmatex">'
        "\\[\\underset{\\theta}{\\arg\\max}\\ P(y \\vert x; \\theta)\\]</div>"
        '<p><span class="arithmatex">\\(\\operatorname*{arg\\,min}_x g\\)</span></p>'
        '<p><span class="arithmatex">\\(\\prod\\limits_{i=1}^{m} x_i\\)</span></p>'
        '<div class="arithmatex">'
        "\\[\\begin{aligned} a &amp;= b \\\\ c &amp;= d \\end{aligned}\\]</div>"
    )
    out, problems = render(html, ENGINE.convert)
    assert problems == []
    assert "<mi>arg</mi>" in out and "<munder>" in out
    inline = BeautifulSoup(out, "html.parser").select("p math")[0].get_text()
    assert inline.startswith("arg") and "min" in inline
    # `aligned` is a table of two rows, not one line with `&` in it (latex2mathml's).
    assert out.count("<mtr>") == 2 and "<mi>&amp;</mi>" not in out
    # The writer's LaTeX stays the formula's text alternative.
    assert 'alttext="\\underset{\\theta}{\\arg\\max}\\ P(y \\vert x; \\theta)"' in out


def test_unreadable_latex_is_temml_s_error_in_words():
    for latex, words in (("\\nosuch{y}", "Unsupported function name: \\nosuch"), ("\\left( x", "")):
        try:
            ENGINE.convert(latex, False)
        except FormulaError as problem:
            assert words in str(problem) and "\n" not in str(problem)
        else:
            raise AssertionError(f"{latex} was read")


def test_restructuredtext_formulas_go_through_the_same_engine():
    # docutils' own MathML converter (the bundle's earlier choice) lacked `\dots` and
    # crashed on `\\` ("'NoneType' object has no attribute 'close'", no line, no formula)
    # on a real blog's posts; with `math_output = "LaTeX"` docutils hands over the LaTeX.
    from docutils.core import publish_parts

    source = (
        "Dots :math:`1, \\dots, n`, rows :math:`a \\\\ b` and :math:`|x - y|`.\n\n"
        ".. math::\n\n   \\int_0^1 x\\,dx\n"
    )
    html = publish_parts(source, writer="html4", settings_overrides={"math_output": "LaTeX"})
    out, problems = render(html["body"], ENGINE.convert)
    assert problems == []
    assert out.count("<math") == 4 and 'class="math"' not in out.replace("math-display", "")
    assert 'alttext="1, \\dots, n"' in out and 'display="block"' in out
    _out, problems = render('<p><tt class="math">\\frac{a}{b</tt></p>', ENGINE.convert)
    assert problems == [("\\frac{a}{b", "unbalanced braces { }")]


def test_a_page_s_text_around_formulas_is_kept_as_it_was():
    html = '<p>Before &amp; <span class="arithmatex">\\(x\\)</span> bilingual-formula-0. after</p>'
    out, problems = render(html, ENGINE.convert)
    assert problems == [] and out.startswith('<p>Before &amp; <math display="inline" alttext="x">')
    assert out.endswith("</math> bilingual-formula-0. after</p>")


def test_money_stays_money():
    from pelican.plugins.bilingual.mathml.formulas import is_money

    assert is_money("5 and US", "10, says Pandoc's rule")
    assert is_money("5 an hour, or US", " 10 a day")  # a space before the amount
    assert is_money("5 an hour, or US", ".")  # prose between the dollars
    assert not is_money("2x + y", " is the line")
    assert not is_money("3 \\text{apples and pears}", "")
    assert not is_money("10 \\cdot 3", " m/s")
    html = '<p>A GPU costs <span class="arithmatex">\\(5 an hour, or US\\)</span> 10 a day.</p>'
    out, problems = render(html, ENGINE.convert)
    assert problems == [] and out == "<p>A GPU costs $5 an hour, or US$ 10 a day.</p>"


def test_a_display_formula_markdown_left_as_text_is_found_with_its_line():
    import markdown
    from pelican.plugins.bilingual.mathml.formulas import stray_display_lines, unrendered_display

    source = (
        "Title: T\n\nThe loss is\n$$\nL = \\frac{1}{n}\n$$\nand more.\n\n"
        "$$\nx^2\n$$\n\n```\n$$ in code\n```\n\n> quoted\n> $$\n> y\n> $$\n"
    )
    html = markdown.markdown(
        source.split("\n\n", 1)[1],
        extensions=["pymdownx.arithmatex", "fenced_code"],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    assert unrendered_display(html) == ["$$ L = \\frac{1}{n}", "$$ y"]
    assert stray_display_lines(source) == [4, 18]  # not the good block, not the code


def test_a_broken_formula_is_placed_on_its_own_line():
    from pelican.plugins.bilingual.mathml.formulas import line_of

    source = "Title: T\n\nHalf is $\\frac{1}{2}$.\n\nBroken $\\frac{1}$ here.\n"
    assert line_of(source, "\\frac{1}") == 5
    assert line_of(source, "\\frac{1}{2}") == 3
