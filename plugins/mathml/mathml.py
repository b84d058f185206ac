r"""mathml: formulas rendered at build time to MathML: no JavaScript, no web font.

Markdown: inline `$…$` or `\(…\)`, display `$$…$$` or `\[…\]` (pymdown-extensions'
arithmatex, generic mode, which the bundle's `MARKDOWN` setting enables); dollars in
code and money (`$5`, `US$10`) stay text. reStructuredText: `:math:` and `.. math::`,
rendered by docutils itself (`DOCUTILS_SETTINGS = {"math_output": "MathML"}`).
Each formula keeps its LaTeX as `alttext`; a display formula scrolls sideways on a
narrow screen. A formula the converter (latex2mathml) cannot read is an error naming
the file, line and formula, reported with the other content checks before anything is
written.

Settings: none of its own.
"""

from __future__ import annotations

import latex2mathml.converter
from common import add_findings, display_path, error
from pelican import signals

from .formulas import line_of, render


def convert(latex: str, display: str) -> str:
    """MathML for one formula (latex2mathml); raises on LaTeX it cannot read."""
    return latex2mathml.converter.convert(latex, display=display)


def render_formulas(instance):
    """`content_object_init`: MathML for the post's formulas; problems to the checks."""
    content = getattr(instance, "_content", None)
    if not content or "arithmatex" not in content:
        return
    instance._content, problems = render(content, convert)
    if not problems:
        return
    try:
        with open(instance.source_path, encoding="utf-8-sig") as handle:
            source = handle.read()
    except OSError:
        source = ""
    add_findings(
        instance._context,
        [
            error(
                display_path(instance),
                "body",
                f"the formula ${latex}$ cannot be rendered ({problem})",
                "fix the LaTeX (latex2mathml reads standard LaTeX math)",
                line=line_of(source, latex),
            )
            for latex, problem in problems
        ],
    )


def register():
    """Connect the handlers."""
    signals.content_object_init.connect(render_formulas)
