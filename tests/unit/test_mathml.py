def test_what_latex2mathml_lacks_is_said_in_what_it_reads():
    # Formulas every other renderer draws, from a machine-learning blog: the build
    # stopped on `\arg` ("unknown command"), and `\operatorname{arg\,max}` came out empty.
    from pelican.plugins.bilingual.mathml.formulas import gaps_filled, render
    from pelican.plugins.bilingual.mathml.mathml import convert

    assert gaps_filled(r"\arg\max_x f") == r"\operatorname{arg}\max_x f"
    assert gaps_filled(r"\operatorname{arg\,max}_x") == r"\operatorname{arg}\,\operatorname{max}_x"
    assert gaps_filled(r"\argument") == r"\argument"  # not the command
    html = (
        '<div class="arithmatex">'
        "\\[\\underset{\\theta}{\\arg\\max}\\ P(y \\vert x; \\theta)\\]</div>"
        '<p><span class="arithmatex">\\(\\operatorname*{arg\\,min}_x g\\)</span></p>'
        '<p><span class="arithmatex">\\(\\prod\\limits_{i=1}^{m} x_i\\)</span></p>'
    )
    out, problems = render(html, convert)
    assert problems == []
    assert (
        "<mo>arg</mo>" in out
        and "<munder>" in out
        and "<mo>min</mo>" in out.replace(' movablelimits="true"', "")
    )
    # The writer's LaTeX stays the formula's text alternative.
    assert 'alttext="\\underset{\\theta}{\\arg\\max}\\ P(y \\vert x; \\theta)"' in out


def test_restructuredtext_formulas_go_through_the_same_converter():
    # docutils' own MathML converter (the bundle's earlier choice) lacked `\dots` and
    # crashed on `\\` ("'NoneType' object has no attribute 'close'", no line, no formula)
    # on a real blog's posts; with `math_output = "LaTeX"` docutils hands over the LaTeX.
    from docutils.core import publish_parts
    from pelican.plugins.bilingual.mathml.formulas import render
    from pelican.plugins.bilingual.mathml.mathml import convert

    source = (
        "Dots :math:`1, \\dots, n`, rows :math:`a \\\\ b` and :math:`|x - y|`.\n\n"
        ".. math::\n\n   \\int_0^1 x\\,dx\n"
    )
    html = publish_parts(source, writer="html4", settings_overrides={"math_output": "LaTeX"})
    out, problems = render(html["body"], convert)
    assert problems == []
    assert out.count("<math") == 4 and 'class="math"' not in out.replace("math-display", "")
    assert 'alttext="1, \\dots, n"' in out and 'display="block"' in out
    _out, problems = render('<p><tt class="math">\\frac{a}{b</tt></p>', convert)
    assert problems == [("\\frac{a}{b", "unbalanced braces { }")]
