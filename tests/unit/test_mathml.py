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
