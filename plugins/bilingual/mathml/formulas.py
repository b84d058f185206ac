r"""LaTeX formulas in a post's HTML, rendered to MathML at build time. Pure, no Pelican.

Markdown's formulas come from pymdown-extensions' arithmatex in its generic mode:
`<span class="arithmatex">\(…\)</span>` (from `$…$` or `\(…\)`) and
`<div class="arithmatex">\[…\]</div>` (from `$$…$$` or `\[…\]`); reStructuredText's
from docutils with `math_output = "LaTeX"`: `<tt class="math">…</tt>` (`:math:`) and
`<pre class="math">…</pre>` (`.. math::`). `render` replaces each with MathML from
`convert(latex, display)` (Temml in the plugin: `engine`), keeping the LaTeX as
`alttext` for assistive technology; a display formula sits in a block that scrolls
sideways on a narrow screen. Money is not math: an inline formula followed directly by
a digit (`$5 and US$10`) is put back as the text it was (Pandoc's rule).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from bs4 import BeautifulSoup

INLINE = re.compile(r"^\\\((.*)\\\)$", re.S)
DISPLAY = re.compile(r"^\\\[(.*)\\\]$", re.S)
# Where a formula's MathML goes, put in the parsed page and replaced in its text.
MARK = "bilingual-formula-"
MARKED = re.compile(re.escape(MARK) + r"(\d+)\.")


def has_formulas(html: str) -> bool:
    """Whether `html` may hold a formula `render` reads (a quick test on the text)."""
    return "arithmatex" in html or 'class="math"' in html


def render(text: str, convert: Callable) -> tuple[str, list[tuple[str, str]]]:
    """(the HTML with MathML, [(latex, problem)] for formulas that could not be read).

    `convert(latex, display)` returns `<math>…</math>` (`display`: a block formula) or
    raises; a formula that fails keeps its LaTeX text in the page. The page is parsed
    once; each formula's MathML goes into its text as the converter wrote it (not
    parsed again: 0.5 ms a formula instead of 3).
    """
    if not has_formulas(text):
        return text, []
    soup = BeautifulSoup(text, "html.parser")
    problems = []
    rendered: list[str] = []
    mark = MARK
    while mark in text:
        mark += "x"
    for node in soup.select(".arithmatex, tt.math, span.math, code.math, pre.math, div.math"):
        source = node.get_text()
        if "arithmatex" in (node.get("class") or ()):
            display = node.name == "div"
            found = (DISPLAY if display else INLINE).match(source.strip())
            if not found:
                continue
            latex = found.group(1).strip()
            following = node.next_sibling
            if not display and isinstance(following, str) and following[:1].isdigit():
                node.replace_with(f"${found.group(1)}$")
                continue
        else:  # docutils' LaTeX output: the formula as written
            display = node.name in ("pre", "div")
            latex = source.strip()
            if not latex:
                continue
        if not balanced(latex):
            problems.append((latex, "unbalanced braces { }"))
            continue
        try:
            mathml = convert(latex, display).strip()
        except Exception as bad:  # the converter's own words, for the writer
            problems.append((latex, str(bad) or type(bad).__name__))
            continue
        if not mathml.startswith("<math"):
            problems.append((latex, "no MathML"))
            continue
        mathml = with_attributes(mathml, latex, display)
        if display:
            mathml = f'<div class="math-display" tabindex="0">{mathml}</div>'
        node.replace_with(f"{mark}{len(rendered)}.")
        rendered.append(mathml)
    page = soup.decode(formatter="minimal")
    if not rendered:
        return page, problems
    marked = MARKED if mark == MARK else re.compile(re.escape(mark) + r"(\d+)\.")
    return marked.sub(lambda found: rendered[int(found.group(1))], page), problems


def with_attributes(mathml: str, latex: str, display: bool) -> str:
    """`mathml` with `alttext` (the LaTeX) and, for an inline formula, `display="inline"`."""
    end = mathml.index(">")
    extra = f' alttext="{html.escape(latex, quote=True)}"'
    if not display and "display=" not in mathml[:end]:
        extra = ' display="inline"' + extra
    return f"{mathml[:end]}{extra}{mathml[end:]}"


def balanced(latex: str) -> bool:
    r"""Whether every `{` has its `}` (escaped `\{` and `\}` aside).

    Said before the engine's own message ("Unexpected end of input"), which a writer
    reads less easily.
    """
    depth = 0
    for token in re.findall(r"\\.|[{}]", latex):
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def line_of(source: str, latex: str) -> int | None:
    """The 1-based line where `latex` (or its first line) appears in the source text."""
    first = latex.splitlines()[0] if latex else ""
    for number, line in enumerate(source.splitlines(), start=1):
        if first and first in line:
            return number
    return None
