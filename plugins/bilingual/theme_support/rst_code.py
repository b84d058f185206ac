"""reStructuredText's HTML as a site's page needs it: `<code>`, and no link to `#top`.

Pelican writes reStructuredText with docutils' HTML 4 writer, which gives ``literal``
text as `<tt class="docutils literal">`. `<tt>` is not part of HTML (the WHATWG HTML
standard, "Obsolete features": use `code`), and the Nu Html Checker reports it on every
page that shows such a post or its summary. Pelican's `RstReader` documents its
`writer_class` and `field_body_translator_class` attributes as the place to change its
HTML; `RstReader` here sets both to translators that write the same element as `<code>`
(same class, same content), for the post's body and for its fields (`:summary:`), and
leave out the `#top` link docutils puts on a `.. contents::` box's title (`NoTopLink`).
"""

from __future__ import annotations

from pelican import readers


def code_not_tt(body: list[str], start: int) -> None:
    """Rename the `tt` elements docutils appended to `body` from index `start` on."""
    for index in range(start, len(body)):
        part = body[index]
        if part.startswith("<tt ") or part == "<tt>":
            body[index] = "<code" + part[3:]
        elif part == "</tt>":
            body[index] = "</code>"


class CodeLiterals:
    """Translator mix-in: `visit_literal` as docutils writes it, with `code` for `tt`."""

    def visit_literal(self, node):
        """The literal as docutils writes it, renamed (its `SkipNode` passes on)."""
        start = len(self.body)
        try:
            super().visit_literal(node)
        finally:
            code_not_tt(self.body, start)


TOP_LINK = '<a class="reference internal" href="#top">'


class NoTopLink:
    """Translator mix-in: the title of a `.. contents::` box without docutils' `#top` link.

    docutils links that title to `#top`, an anchor of its own standalone documents;
    Pelican takes the body only, where nothing has that id, so every such link led
    nowhere (and the publishing checks failed on each post with a contents box).
    """

    def visit_title(self, node):
        """The title as docutils writes it, less the `#top` link and its end tag."""
        super().visit_title(node)
        if self.body and self.body[-1] == TOP_LINK and self.context[-1].startswith("</a>"):
            self.body.pop()
            self.context[-1] = self.context[-1][len("</a>") :]


class Translator(NoTopLink, CodeLiterals, readers.PelicanHTMLTranslator):
    """Pelican's body translator: inline literals as `<code>`, no `#top` link."""


class FieldBodyTranslator(CodeLiterals, readers._FieldBodyTranslator):
    """Pelican's translator for fields (`:summary:`), with inline literals as `<code>`."""


class Writer(readers.PelicanHTMLWriter):
    """Pelican's HTML writer with `Translator`."""

    def __init__(self):
        """Pelican's writer, translating with `Translator`."""
        super().__init__()
        self.translator_class = Translator


class RstReader(readers.RstReader):
    """Pelican's reStructuredText reader (same name: the `reader` metadata stays `rst`)."""

    writer_class = Writer
    field_body_translator_class = FieldBodyTranslator


def use_rst_reader(pelican) -> None:
    """`initialized`: read `.rst` files with `RstReader`, unless `READERS` names another.

    `READERS` is replaced, not changed in place (Pelican's default is one shared dict).
    """
    settings = pelican.settings
    chosen = dict(settings.get("READERS") or {})
    if "rst" not in chosen:
        chosen["rst"] = RstReader
        settings["READERS"] = chosen
