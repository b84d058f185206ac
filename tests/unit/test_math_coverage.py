"""Every command and environment of the coverage list renders: tests/fixtures/math-coverage.

`commands.tsv`: 595 rows, one command or environment of KaTeX's support table each, in a
formula that uses it (written for this project and checked with KaTeX and pdflatex).
"""

import csv
from pathlib import Path

from bs4 import BeautifulSoup
from pelican.plugins.bilingual.mathml.engine import Temml
from pelican.plugins.bilingual.mathml.formulas import render

ROWS = Path(__file__).resolve().parent.parent / "fixtures" / "math-coverage" / "commands.tsv"


def rows() -> list[dict]:
    with ROWS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_the_list_covers_at_least_300_commands_in_every_group():
    listed = rows()
    assert len(listed) >= 300 and len({row["command"] for row in listed}) == len(listed)
    groups = {row["group"] for row in listed}
    assert {"environments", "fonts", "big-operators", "log-like", "arrows", "accents"} <= groups


# amsmath's display environments and equation tags (LaTeX allows them only in display
# math): inline, the engine says so ("{align} can be used only in display mode.").
DISPLAY_ONLY = {"align", "align*", "alignat", "alignat*", "gather", "gather*", "equation",
                "equation*", "split", "CD", "\\tag", "\\tag*", "\\notag", "\\nonumber"}  # fmt: skip


def test_every_command_of_the_list_renders_as_mathml_in_both_modes():
    engine = Temml()
    failed = []
    inline_only_in_display = set()
    for row in rows():
        for display in (False, True):
            try:
                mathml = engine.convert(row["formula"], display)
            except Exception as problem:
                if not display and "only in display mode" in str(problem):
                    inline_only_in_display.add(row["command"])
                else:
                    failed.append((row["command"], display, str(problem)))
                continue
            math = BeautifulSoup(mathml, "html.parser").find("math")
            if math is None or math.find(class_="tml-error") or math.find("merror"):
                failed.append((row["command"], display, mathml[:80]))
    assert failed == []
    assert inline_only_in_display == DISPLAY_ONLY


def test_the_real_formulas_render_through_the_page_pass():
    engine = Temml()
    real = [
        "\\underset{\\theta}{\\arg\\max}\\ P(y \\vert x; \\theta)",
        "\\prod\\limits_{i=1}^{m} p_i",
        "\\sum_{j=m+1}^n |a_j| \\ldots",
        "\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}",
    ]
    html = "".join(f'<div class="arithmatex">\\[{latex}\\]</div>' for latex in real)
    out, problems = render(html.replace("&", "&amp;"), engine.convert)
    assert problems == []
    assert [m["alttext"] for m in BeautifulSoup(out, "html.parser").find_all("math")] == real
