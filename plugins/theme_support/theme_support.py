"""theme_support: what the theme needs from content and from its own files.

- Titles are plain text: every title becomes escaped `Markup` (reStructuredText's
  are escaped already, by docutils), so templates print it
  safely as it is, and Pelican's feed writer, which strips tags from titles, unescapes
  it back to the writer's text (`Vec<T>` stays `Vec<T>`). In Python, `str(title)` is
  the escaped form; `title.unescape()` the text.
- Code blocks (`<pre>`) in posts and pages get `tabindex="0"`: they scroll sideways,
  and a keyboard must be able to reach a scrolling region (axe `scrollable-region-
  focusable`, WCAG 2.1.1).
- One stylesheet: the theme's CSS sources (`<THEME>/css/`: tokens.css, base.css, then
  components/*.css by name) are written as one file, `<THEME_STATIC_DIR>/css/site.css`,
  by the main site, so a page loads one stylesheet. The sources live outside
  `static/`, so only the bundle is published.

Settings: none of its own (reads `THEME`, `THEME_STATIC_DIR`, `OUTPUT_PATH`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from common import BuildStopped, subsites
from markupsafe import Markup, escape
from pelican import signals
from pelican.generators import Generator

from .stylesheet import bundle, stylesheet_sources

FOCUSABLE_PRE = re.compile(r"<pre(?![^>]*\btabindex=)([\s>])")
STYLESHEET = "css/site.css"


def focusable_pre(html: str) -> str:
    """`html` with `tabindex="0"` on every `<pre>` that has no tabindex."""
    return FOCUSABLE_PRE.sub(r'<pre tabindex="0"\1', html) if "<pre" in html else html


def plain_text_title(instance):
    """`content_object_init`: keep the title as escaped Markup (see the docstring).

    Markdown gives a title as typed (escape it); reStructuredText gives it as HTML
    that docutils already escaped (`Tips &amp; tricks`): mark it safe as it is.
    """
    title = getattr(instance, "title", None)
    if isinstance(title, str) and not isinstance(title, Markup):
        is_html = getattr(instance, "metadata", {}).get("reader") == "rst"
        instance.title = Markup(title) if is_html else escape(title)


def focusable_code(instance):
    """`content_object_init`: `tabindex="0"` on the content's code blocks."""
    content = getattr(instance, "_content", None)
    if content:
        instance._content = focusable_pre(content)


class StylesheetGenerator(Generator):
    """Writes the theme's one stylesheet (main site only: subsites share it)."""

    def generate_output(self, writer):
        """Bundle the CSS sources into `<OUTPUT>/<THEME_STATIC_DIR>/css/site.css`."""
        if not subsites.is_main_site(self.settings):
            return
        source_dir = Path(self.theme) / "css"
        try:
            text = bundle(stylesheet_sources(source_dir), Path(self.theme))
        except FileNotFoundError as missing:
            raise BuildStopped(
                f"theme_support: the theme's stylesheet is incomplete: {missing}"
            ) from None
        target = Path(self.output_path) / self.settings["THEME_STATIC_DIR"] / STYLESHEET
        os.makedirs(target.parent, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def add_generator(pelican):
    """`get_generators`: the stylesheet's generator."""
    return StylesheetGenerator


def register():
    """Connect the handlers, in the order they fire."""
    signals.get_generators.connect(add_generator)
    signals.content_object_init.connect(plain_text_title)
    signals.content_object_init.connect(focusable_code)
