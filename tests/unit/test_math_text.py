"""Formulas as plain text for meta descriptions and JSON-LD (core.math_text)."""

import pytest
from bs4 import BeautifulSoup
from pelican.plugins.bilingual.core.math_text import formula_text, formulas_as_text
from pelican.plugins.bilingual.mathml.engine import Temml

ENGINE = Temml()


def text_of(latex: str) -> str:
    mathml = ENGINE.convert(latex, False)
    return formula_text(BeautifulSoup(mathml, "html.parser").find("math"))


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"\cos\theta = \frac{a+b}{c}", "cos θ = (a+b)/c"),
        (r"\frac{1}{2}", "1/2"),
        (r"A^{-1}", "A⁻¹"),
        (r"\sum_{i=1}^{n} x_i^2", "∑ᵢ₌₁ⁿ xᵢ²"),
        (r"\prod\limits_{i=1}^{m} p_i", "∏ᵢ₌₁^m pᵢ"),
        (r"\lim_{x\to 0} f(x)", "lim_(x→0) f(x)"),
        (r"\int_0^\infty e^{-x^2}\,dx", "∫₀^∞ e^(−x²) dx"),
        (r"\hat{x}_k", "x̂ₖ"),
        (r"\hat{x}_{k|k-1}", "x̂_(k|k−1)"),
        (r"\vec{v}\cdot\bar{w}", "v⃗ ⋅ w̄"),
        (r"\overline{AB}", "A̅B̅"),
        (r"\sqrt{2} + \sqrt[3]{x+1}", "√2 + ³√(x+1)"),
        (r"\mathbb{R}^n", "ℝⁿ"),
        (r"-x + (-y) = a - b", "−x + (−y) = a − b"),
        (
            r"\underset{\theta}{\operatorname{arg}\,\operatorname{max}}\ P(y \vert x)",
            "arg max_θ P(y|x)",
        ),
        (r"\begin{pmatrix}a&b\\c&d\end{pmatrix}", "(a b; c d)"),
        (r"\binom{n}{k}", "(n k)"),
        (r"x_{t+1} = F x_t + w_t", "xₜ₊₁ = Fxₜ + wₜ"),
    ],
)
def test_a_formula_reads_as_plain_text_math(latex, text):
    assert text_of(latex) == text


def test_formulas_in_html_become_text_and_the_rest_stays():
    math = ENGINE.convert(r"a<b", False)
    html = f"<p>When {math} holds &amp; more.</p>"
    assert formulas_as_text(html) == "<p>When a &lt; b holds &amp; more.</p>"
    assert formulas_as_text("<p>No formula.</p>") == "<p>No formula.</p>"
