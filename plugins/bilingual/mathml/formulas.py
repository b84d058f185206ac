r"""LaTeX formulas in a post's HTML, rendered to MathML at build time. Pure, no Pelican.

Markdown's formulas come from pymdown-extensions' arithmatex in its generic mode:
`<span class="arithmatex">\(…\)</span>` (from `$…$` or `\(…\)`) and
`<div class="arithmatex">\[…\]</div>` (from `$$…$$` or `\[…\]`); reStructuredText's
from docutils with `math_output = "LaTeX"`: `<tt class="math">…</tt>` (`:math:`) and
`<pre class="math">…</pre>` (`.. math::`). `render` replaces each with MathML from
`convert(latex, display)` (latex2mathml in the plugin), keeping the LaTeX as `alttext`
for assistive technology; a display formula sits in a block that scrolls sideways on a
narrow screen. Money is not math: an inline formula followed directly by a digit
(`$5 and US$10`) is put back as the text it was (Pandoc's rule).

`gaps_filled` rewrites, before conversion, what latex2mathml (3.81) cannot read into
what it can: `\arg` (the one standard log-like operator it lacks; amsmath's list) and
`\operatorname{arg\,max}` (a spacing command inside the name empties it).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bs4 import BeautifulSoup

INLINE = re.compile(r"^\\\((.*)\\\)$", re.S)
DISPLAY = re.compile(r"^\\\[(.*)\\\]$", re.S)
# A command latex2mathml did not know stays in the output as its own text.
LEFT_COMMAND = re.compile(r"\\[A-Za-z]+")


# `\arg` as a command of its own (not `\argument`).
ARG = re.compile(r"\\arg(?![A-Za-z])")
# `\operatorname{…}` / `\operatorname*{…}` with a spacing command inside the name.
SPACED_OPERATOR = re.compile(r"\\operatorname(\*?)\{([^{}]*\\[,;:! ][^{}]*)\}")
SPACING = re.compile(r"\\[,;:! ]")


def gaps_filled(latex: str) -> str:
    r"""`latex` with what latex2mathml cannot read said in what it can; the same math.

    `\arg x` -> `\operatorname{arg} x`; `\operatorname{arg\,max}` ->
    `\operatorname{arg}\,\operatorname{max}` (each word an operator, the space kept).
    """

    def split(match: re.Match) -> str:
        star, name = match.groups()
        words = [word.strip() for word in SPACING.split(name) if word.strip()]
        return r"\,".join(f"\\operatorname{star}{{{word}}}" for word in words)

    return SPACED_OPERATOR.sub(split, ARG.sub(r"\\operatorname{arg}", latex))


def has_formulas(html: str) -> bool:
    """Whether `html` may hold a formula `render` reads (a quick test on the text)."""
    return "arithmatex" in html or 'class="math"' in html


def render(html: str, convert: Callable) -> tuple[str, list[tuple[str, str]]]:
    """(the HTML with MathML, [(latex, problem)] for formulas that could not be read).

    `convert(latex, display)` returns MathML (`display` is "inline" or "block") or
    raises; a formula that fails keeps its LaTeX text in the page.
    """
    if not has_formulas(html):
        return html, []
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    for node in soup.select(".arithmatex, tt.math, span.math, code.math, pre.math, div.math"):
        text = node.get_text()
        if "arithmatex" in (node.get("class") or ()):
            display = node.name == "div"
            found = (DISPLAY if display else INLINE).match(text.strip())
            if not found:
                continue
            latex = found.group(1).strip()
            following = node.next_sibling
            if not display and isinstance(following, str) and following[:1].isdigit():
                node.replace_with(f"${found.group(1)}$")
                continue
        else:  # docutils' LaTeX output: the formula as written
            display = node.name in ("pre", "div")
            latex = text.strip()
            if not latex:
                continue
        if not balanced(latex):
            problems.append((latex, "unbalanced braces { }"))
            continue
        try:
            mathml = convert(gaps_filled(latex), "block" if display else "inline")
        except Exception as bad:  # the converter's own error, for the writer
            problems.append((latex, f"{type(bad).__name__}: {bad}".rstrip(": ")))
            continue
        math = BeautifulSoup(mathml, "html.parser").find("math")
        unknown = [
            token.get_text()
            for token in (math.find_all(["mi", "mo", "mtext"]) if math else [])
            if LEFT_COMMAND.match(token.get_text())
        ]
        if math is None or unknown:
            problems.append((latex, f"unknown command {unknown[0]}" if unknown else "no MathML"))
            continue
        math["alttext"] = latex
        if display:
            block = soup.new_tag("div", attrs={"class": "math-display", "tabindex": "0"})
            block.append(math)
            node.replace_with(block)
        else:
            node.replace_with(math)
    return soup.decode(formatter="minimal"), problems


def balanced(latex: str) -> bool:
    r"""Whether every `{` has its `}` (escaped `\{` and `\}` aside).

    latex2mathml accepts `\frac{a}{b` without a word; a writer would not.
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
