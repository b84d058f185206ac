"""Inline patterns that look for what every match holds before searching: same HTML."""

import random
import re

import markdown
import pytest
from pelican.plugins.bilingual.front_matter.quick_patterns import (
    Guarded,
    guard_patterns,
    known_needs,
)

OURS = {
    "extensions": [
        "markdown.extensions.extra",
        "markdown.extensions.toc",
        "pymdownx.arithmatex",
        "markdown.extensions.codehilite",
        "markdown.extensions.admonition",
    ],
    "extension_configs": {
        "pymdownx.arithmatex": {"generic": True},
        "markdown.extensions.codehilite": {"css_class": "highlight"},
    },
    "output_format": "html5",
}


def compiled_expressions() -> dict:
    """{expression text: the compiled expression} of a blog's Markdown, unguarded."""
    md = markdown.Markdown(**OURS)
    expressions = [getattr(p, "compiled_re", None) for p in md.inlinePatterns]
    expressions += [getattr(p, "RE", None) for p in md.parser.blockprocessors]
    return {e.pattern: e for e in expressions if isinstance(e, re.Pattern)}


@pytest.mark.parametrize("expression", sorted(known_needs()))
def test_every_match_holds_what_the_guard_looks_for(expression):
    """Random text over the characters these patterns care about: wherever the library's
    own expression finds a match from a position, one of the guard's strings occurs
    there or after it, and the guarded expression finds the same. A guard that looked
    for the wrong string fails here."""
    # Arithmatex's other syntax choices are compiled as Python-Markdown compiles them.
    compiled = compiled_expressions().get(expression) or re.compile(expression, re.S | re.U)
    needs = known_needs()[expression]
    guarded = Guarded(compiled, needs)
    alphabet = ["a", " ", "$", "\\", "\\(", "\\)", "(", ")", "`", "[", "]", "!", "!!!", "\n"]
    alphabet += ["\x02", "#", ">", ":", '"', "!!! a", ": a"]
    chance = random.Random(29)
    matched = 0
    for _ in range(20000):
        text = "".join(chance.choice(alphabet) for _ in range(chance.randint(1, 14)))
        pos = chance.randint(0, len(text))
        found = [(m.span(), m.groups()) for m in compiled.finditer(text, pos)]
        if found:
            matched += 1
            assert any(text.find(needed, pos) >= 0 for needed in needs), (text, pos)
        assert [(m.span(), m.groups()) for m in guarded.finditer(text, pos)] == found
        first = compiled.search(text, pos)
        again = guarded.search(text, pos)
        assert (again and (again.span(), again.groups())) == (first and found[0])
    assert matched > 40  # the random text did exercise the expression


def test_the_known_patterns_of_a_blogs_markdown_are_guarded():
    md = guard_patterns(markdown.Markdown(**OURS))
    blocks = md.parser.blockprocessors
    kinds = ("hashheader", "quote", "deflist", "admonition")
    assert all(isinstance(blocks[kind].RE, Guarded) for kind in kinds)
    guarded = sorted(
        name
        for name in ("backtick", "link", "reference", "short_reference", "arithmatex-inline")
        if isinstance(md.inlinePatterns[name].getCompiledRegExp(), Guarded)
    )
    assert guarded == ["arithmatex-inline", "backtick", "link", "reference", "short_reference"]
    # A pattern not checked here (emphasis) is left as it is.
    assert not isinstance(md.inlinePatterns["em_strong"].getCompiledRegExp(), Guarded)


def test_a_pattern_of_the_same_name_with_another_expression_is_left_alone():
    md = markdown.Markdown()
    own = markdown.inlinepatterns.BacktickInlineProcessor(r"(?<!\\)(`+)")
    md.inlinePatterns.register(own, "backtick", 190)
    guard_patterns(md)
    assert not isinstance(own.getCompiledRegExp(), Guarded)


TRICKY = [
    "Plain prose with no marks at all, only words, commas, and a full stop.",
    "Code `x = 1` and ``a ` tick`` and \\`not code\\` and \\\\`code after two`.",
    "Escaped \\\\\\`three` and a lone ` backtick.",
    "Money: it costs $5 and $10, a formula $x^2$, an escaped \\$ and \\\\$y$.",
    "Round \\(a + b\\), escaped \\\\(c\\\\) and \\\\\\(d\\).",
    "$$\nx = 1\n$$\n\nAfter the block, \\[ y \\] inline.",
    "[a link](https://example.org) and [ref][r] and [r] and ![img](a.png) and ![r].\n\n"
    "[r]: https://example.org/r",
    "Footnote[^1] and [^missing].\n\n[^1]: The note with `code` and $z$.",
    "| a | b |\n|---|---|\n| `x` | $y$ |\n",
    "*emphasis* and **strong** with <span>html `not code`</span> and &amp; entity.",
    "# Heading with `code` and $m$\n\nText\n\n- list `item`\n- [link](b)",
    "\\\\\\\\`four backslashes then tick` and a trailing backslash \\",
]


@pytest.mark.parametrize("text", TRICKY)
def test_the_html_is_the_same_guarded_or_not(text):
    plain = markdown.Markdown(**OURS)
    guarded = guard_patterns(markdown.Markdown(**OURS))
    assert guarded.convert(text) == plain.convert(text)


def test_the_bundles_reader_converts_with_guarded_patterns(tmp_path):
    from pelican.plugins.bilingual.front_matter.front_matter import MarkdownReader
    from pelican.settings import DEFAULT_CONFIG

    reader = MarkdownReader({**DEFAULT_CONFIG, "MARKDOWN": OURS})
    path = tmp_path / "a.md"
    path.write_text("Title: A\n\nCode `x` and $y$ and [l](b).\n", encoding="utf-8")
    html, _ = reader.read(str(path))
    assert "<code>x</code>" in html and 'href="b"' in html and "arithmatex" in html
    assert isinstance(reader._md.inlinePatterns["backtick"].getCompiledRegExp(), Guarded)
