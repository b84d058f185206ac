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
