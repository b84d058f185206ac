r"""LaTeX formulas in a post's HTML, rendered to MathML at build time. Pure, no Pelican.

Markdown's formulas come from pymdown-extensions' arithmatex in its generic mode:
`<span class="arithmatex">\(…\)</span>` (from `$…$` or `\(…\)`) and
`<div class="arithmatex">\[…\]</div>` (from `$$…$$` or `\[…\]`); reStructuredText's
from docutils with `math_output = "LaTeX"`: `<tt class="math">…</tt>` (`:math:`) and
`<pre class="math">…</pre>` (`.. math::`). `render` replaces each with MathML from
`convert(latex, display)` (Temml in the plugin: `engine`), keeping the LaTeX as
`alttext` for assistive technology; a display formula sits in a block that scrolls
sideways on a narrow screen. Money is not math: an inline formula followed directly by
a digit (`$5 and US$10`, Pandoc's rule), or starting with a digit and followed by a space
and a digit or holding prose (`$5 an hour, or US$ 10 a day`), is put back as the text it
was (`is_money`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

INLINE = re.compile(r"^\\\((.*)\\\)$", re.S)
DISPLAY = re.compile(r"^\\\[(.*)\\\]$", re.S)
# Where a formula's MathML goes, put in the parsed page and replaced in its text.
MARK = "bilingual-formula-"


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
    from bs4 import BeautifulSoup  # imported here: most builds parse no page

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
            if not display and is_money(latex, node.next_sibling):
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
    marked = re.compile(re.escape(mark) + r"(\d+)\.")
    return marked.sub(lambda found: rendered[int(found.group(1))], page), problems


# Words of prose (two in a row, not commands): "5 an hour, or US" is not a formula.
PROSE = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{2,}\s+[A-Za-z]{2,}\b")
TEXT_COMMAND = re.compile(r"\\(?:text\w*|mbox|operatorname\*?)\s*\{[^{}]*\}")


def is_money(latex: str, following) -> bool:
    r"""Whether an inline "formula" is prose between two dollar signs of money.

    Pandoc's rule: the closing `$` followed by a digit (`$5 and US$10`). And for prose
    (`$5 an hour, or US$ 10 a day`): the text starts with a digit and is followed by a
    space and a digit, or has two words of prose in a row outside `\text{}`.
    """
    after = following if isinstance(following, str) else ""
    if after[:1].isdigit():
        return True
    if not latex[:1].isdigit():
        return False
    return bool(re.match(r"\s\d", after) or PROSE.search(TEXT_COMMAND.sub("", latex)))


def with_attributes(mathml: str, latex: str, display: bool) -> str:
    """`mathml` with `alttext` (the LaTeX) and, for an inline formula, `display="inline"`."""
    end = mathml.index(">")
    extra = f' alttext="{html.escape(latex, quote=True)}"'
    if not display and "display=" not in mathml[:end]:
        extra = ' display="inline"' + extra
    return f"{mathml[:end]}{extra}{mathml[end:]}"


NOT_PROSE = {"code", "pre", "kbd", "samp", "script", "style", "math", "textarea"}


def unrendered_display(text: str) -> list[str]:
    """The `$$` formulas left as text in `text` (HTML), each by its first two lines.

    Markdown starts a display formula only at the start of a paragraph (a blank line
    before `$$`); one written right after a line of text, in a list item or a quote's
    running text stays text with its dollars. Code is not looked at.
    """
    if "$$" not in text:
        return []
    found = []
    from bs4 import BeautifulSoup  # imported here: most builds parse no page

    for string in BeautifulSoup(text, "html.parser").find_all(string=True):
        if "$$" in string and not any(p.name in NOT_PROSE for p in string.parents):
            start = string.index("$$")
            lines = [line.strip() for line in string[start:].splitlines() if line.strip()]
            found.append(" ".join(lines[:2])[:60])
    return found


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
    r"""The 1-based line where the formula `latex` is written in the source text.

    A line holding it with its delimiters (`$…$`, `$$…`, `\(…`, `` `…` `` for rst's
    `:math:`) first, so that `$\frac{1}$` is not placed where an earlier formula holds
    `\frac{1}{2}`; then any line holding its first line.
    """
    first = latex.splitlines()[0] if latex else ""
    if not first:
        return None
    lines = source.splitlines()
    for marked in (f"${first}$", f"$${first}", f"\\({first}", f"\\[{first}", f"`{first}`"):
        for number, line in enumerate(lines, start=1):
            if marked in line:
                return number
    for number, line in enumerate(lines, start=1):
        if first in line:
            return number
    return None


def stray_display_lines(source: str) -> list[int]:
    """The 1-based lines of a Markdown source where `$$` does not start a formula.

    A `$$` line that opens a formula follows a blank line (or starts the text); its
    closing `$$` is not counted; code fences are skipped. Every other line with `$$`
    (after a line of text, in a quote's or a list's running text, inside a sentence)
    is where Markdown left the formula as text (`unrendered_display`).
    """
    found, inside, fenced = [], False, False
    lines = source.splitlines()
    for number, line in enumerate(lines, start=1):
        text = line.strip().lstrip(">").strip()  # a quote's line as its text
        if text.startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced or "$$" not in text:
            continue
        opens = text.startswith("$$") and not (text.endswith("$$") and len(text) > 2)
        if inside:
            inside = not text.endswith("$$")
            continue
        previous = lines[number - 2].strip().lstrip(">").strip() if number > 1 else ""
        if previous:
            found.append(number)
        inside = opens  # its closing `$$` is not another one
    return found
