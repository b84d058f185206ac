r"""Markdown's patterns that first look for the one string every match of theirs holds.

Python-Markdown tries each inline pattern on each run of text it converts
(`InlineProcessor`: `getCompiledRegExp().finditer(text, start)`; see
https://python-markdown.github.io/extensions/api/#inlineprocessors), and each block
processor's test on each block (`BlockProcessor.test`, most as `self.RE.search(block)`).
A regular expression that begins with a look-behind, `(?:^|\n)` or another alternation
cannot use the quick scan for a first character that Python's `re` makes for others: it
is tried at every position. Code spans (a backtick), links (`[`) and Arithmatex's formulas
(`$…$`, `\(…\)`) take 30, 7 and 65 µs on a paragraph of prose with none of those
characters, about a third of a long post's conversion; headings, quotations, definition
lists and notes (admonitions) another tenth, block by block.

Every match of each holds a known string: a backtick; `[`; `$` or `\(`; `#`; `>`; `:`;
`!!!`. Where the rest of the text holds none of them there is no match, and `str.find`
says so in well under a microsecond. `guard_patterns` wraps such an expression in
`Guarded`, which looks first; the HTML is the same.

Only expressions whose text is one checked here are wrapped (`known_needs`, made from
the libraries' own constants): another version's pattern, or a writer's own pattern
under the same name, keeps searching as it did.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown import Markdown, blockprocessors, inlinepatterns
from markdown.inlinepatterns import InlineProcessor


class Guarded:
    """A compiled expression that searches only where a string it needs occurs.

    `compiled`: the `re.Pattern`; `needs`: strings, one of which every match contains.
    Everything but `finditer` and `search` is the expression's own.
    """

    def __init__(self, compiled: re.Pattern, needs: tuple[str, ...]):
        """Wrap `compiled`; `needs` as above."""
        self.compiled = compiled
        self.needs = needs

    def finditer(self, text: str, pos: int = 0, *args) -> Iterator[re.Match]:
        """`re.Pattern.finditer`, without searching when `text[pos:]` holds nothing needed."""
        if self.may_match(text, pos):
            return self.compiled.finditer(text, pos, *args)
        return iter(())

    def search(self, text: str, pos: int = 0, *args) -> re.Match | None:
        """`re.Pattern.search`, without searching when `text[pos:]` holds nothing needed."""
        if self.may_match(text, pos):
            return self.compiled.search(text, pos, *args)
        return None

    def may_match(self, text: str, pos: int) -> bool:
        """Whether `text[pos:]` holds one of the strings a match needs."""
        return any(text.find(needed, pos) >= 0 for needed in self.needs)

    def __getattr__(self, name):
        """The expression's own attributes (`pattern`, `match`, `sub`...)."""
        return getattr(self.compiled, name)


def arithmatex_needs() -> dict[str, tuple[str, ...]]:
    r"""{Arithmatex's inline expression: what each match holds}, for each syntax choice.

    Arithmatex joins its dollar form (smart or not) and its `\(…\)` form, as configured
    (`inline_syntax`, `smart_dollar`), into `(?:a|b)`. {} without pymdown-extensions.
    """
    try:
        from pymdownx import arithmatex
    except ImportError:
        return {}
    dollar, round_ = ("$",), ("\\(",)
    forms = [
        ((arithmatex.RE_SMART_DOLLAR_INLINE,), dollar),
        ((arithmatex.RE_DOLLAR_INLINE,), dollar),
        ((arithmatex.RE_BRACKET_INLINE,), round_),
        ((arithmatex.RE_SMART_DOLLAR_INLINE, arithmatex.RE_BRACKET_INLINE), dollar + round_),
        ((arithmatex.RE_DOLLAR_INLINE, arithmatex.RE_BRACKET_INLINE), dollar + round_),
    ]
    return {"(?:{})".format("|".join(parts)): needs for parts, needs in forms}


def known_needs() -> dict[str, tuple[str, ...]]:
    """{a pattern's expression text: strings one of which each match holds}.

    Inline: Python-Markdown's code spans (`BACKTICK_RE`: a run of backslashes counts
    only before a backtick), links and references (`LINK_RE`, `REFERENCE_RE`: a `[`),
    Arithmatex's formulas (`arithmatex_needs`). Blocks: `#` headings, `>` quotations,
    `:` definitions, `!!!` notes.
    """
    from markdown.extensions import admonition, def_list

    needs = {
        inlinepatterns.BACKTICK_RE: ("`",),
        inlinepatterns.LINK_RE: ("[",),
        inlinepatterns.REFERENCE_RE: ("[",),
        blockprocessors.HashHeaderProcessor.RE.pattern: ("#",),
        blockprocessors.BlockQuoteProcessor.RE.pattern: (">",),
        def_list.DefListProcessor.RE.pattern: (":",),
        admonition.AdmonitionProcessor.RE.pattern: ("!!!",),
    }
    needs.update(arithmatex_needs())
    return needs


def guard_patterns(md: Markdown) -> Markdown:
    """`md`, changed in place: each known pattern's expression `Guarded`.

    An inline pattern's `compiled_re` (what `getCompiledRegExp` gives), a block
    processor's `RE`.
    """
    needs = known_needs()
    found = [(p, "compiled_re") for p in md.inlinePatterns if isinstance(p, InlineProcessor)]
    found += [(p, "RE") for p in md.parser.blockprocessors]
    for processor, name in found:
        compiled = getattr(processor, name, None)
        if isinstance(compiled, re.Pattern) and compiled.pattern in needs:
            setattr(processor, name, Guarded(compiled, needs[compiled.pattern]))
    return md
