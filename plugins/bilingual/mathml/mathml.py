r"""mathml: formulas rendered at build time to MathML: no script, no web font on the page.

Markdown: inline `$…$` or `\(…\)`, display `$$…$$` or `\[…\]` (pymdown-extensions'
arithmatex, generic mode, which the bundle's `MARKDOWN` setting enables); dollars in
code and money (`$5`, `US$10`) stay text. reStructuredText: `:math:` and `.. math::`,
given as LaTeX by docutils (`DOCUTILS_SETTINGS = {"math_output": "LaTeX"}`) and rendered
by the same engine as Markdown's (docutils' own MathML converter lacked `\dots` and
crashed on `\\` without naming the formula). The engine is Temml (`engine`: the LaTeX
KaTeX reads), loaded once per build at the first formula.
Each formula keeps its LaTeX as `alttext`; a display formula scrolls sideways on a
narrow screen. Formulas in a written `Summary:` are rendered too; a title is plain
text, so `$x$` in a title reads as typed everywhere (`<title>`, feeds, JSON-LD). A
formula the engine cannot read is an error naming the file, line, formula and Temml's
reason, reported with the other content checks before anything is written.

Settings: none of its own. It adds arithmatex to `MARKDOWN` and LaTeX math output to
`DOCUTILS_SETTINGS` where the writer's settings lack them (`enable_formulas`).
"""

from __future__ import annotations

from pelican import signals

from .. import compat, subsites
from ..core import add_findings, display_path, error, warning
from ..core.build_state import build_state
from ..core.markdown_settings import with_extension
from .engine import Temml
from .formulas import has_formulas, line_of, render, stray_display_lines, unrendered_display

ENGINE_KEY = "mathml.engine"


def engine_for(settings) -> Temml:
    """The build's formula engine, loaded at its first formula (`core.build_state`)."""
    state = build_state(settings)
    if ENGINE_KEY not in state:
        state[ENGINE_KEY] = Temml()
    return state[ENGINE_KEY]


def shareable(result: tuple[str, list]) -> tuple[str, tuple]:
    """`render`'s (HTML, problems) with the problems as a tuple: shared, never changed."""
    html, problems = result
    return html, tuple(problems)


def render_formulas(instance):
    """`content_object_init`: MathML for the post's formulas; problems to the checks.

    The body and a written `Summary:` (where lists show it; its text, formulas
    included, is what meta descriptions and feeds strip it to).
    """
    problems = []
    content = compat.content_html(instance)
    metadata = getattr(instance, "metadata", {})
    left = unrendered_display(content)
    if left:
        warn_unrendered(instance, left)
    sources = [content, *(str(metadata.get(key, "")) for key in ("summary", "summary_source"))]
    if not any(has_formulas(source) for source in sources):
        return
    convert = engine_for(instance.settings).convert
    if has_formulas(content):
        # Once per build for each post (every language's site makes every post).
        html, found = subsites.shared_result(
            instance.settings,
            __name__,
            content,
            lambda: shareable(render(content, convert)),
        )
        problems = list(found)
        compat.set_content_html(instance, html)
    for key in ("summary", "summary_source"):
        if has_formulas(str(metadata.get(key, ""))):
            metadata[key], found = render(metadata[key], convert)
            problems += [problem for problem in found if problem not in problems]
            # Pelican copied the metadata onto the post already.
            if key == "summary":
                compat.forget_summary(instance)
            else:
                setattr(instance, key, metadata[key])
    if not problems:
        return
    source = source_text(instance)
    add_findings(
        compat.content_context(instance),
        [
            error(
                display_path(instance),
                "body",
                f"the formula ${latex}$ cannot be rendered ({problem})",
                "fix the LaTeX (formulas are read as KaTeX reads them: "
                "https://temml.org/docs/en/supported)",
                line=line_of(source, latex),
            )
            for latex, problem in problems
        ],
    )


def source_text(instance) -> str:
    """The post's source file's text, "" when it cannot be read."""
    try:
        with open(instance.source_path, encoding="utf-8-sig") as handle:
            return handle.read()
    except OSError:
        return ""


def warn_unrendered(instance, snippets: list[str]) -> None:
    """A warning for each `$$` formula Markdown left as text (`unrendered_display`)."""
    lines = stray_display_lines(source_text(instance))
    add_findings(
        compat.content_context(instance),
        [
            warning(
                display_path(instance),
                "body",
                f"the display formula {snippet!r} is shown as text, not rendered",
                "put a blank line before the $$ line (Markdown starts a display formula "
                "only at the start of a paragraph)",
                line=lines[number] if number < len(lines) else None,
            )
            for number, snippet in enumerate(snippets)
        ],
    )


def enable_formulas(pelican):
    """`initialized`: formulas are read in Markdown and reStructuredText as LaTeX.

    pymdown-extensions' arithmatex (generic mode) joins `MARKDOWN` unless the writer
    configured it; `DOCUTILS_SETTINGS["math_output"]` becomes "LaTeX" unless set (then
    `render_formulas` makes MathML of both).
    """
    settings = pelican.settings
    markdown = settings.get("MARKDOWN") or {}
    settings["MARKDOWN"] = with_extension(markdown, "pymdownx.arithmatex", {"generic": True})
    docutils = dict(settings.get("DOCUTILS_SETTINGS") or {})
    docutils.setdefault("math_output", "LaTeX")
    settings["DOCUTILS_SETTINGS"] = docutils


def register():
    """Connect the handlers."""
    signals.initialized.connect(enable_formulas)
    signals.content_object_init.connect(render_formulas)
