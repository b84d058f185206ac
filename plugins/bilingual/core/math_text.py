r"""The plain text of a MathML formula, for places that cannot show MathML. Pure.

Meta descriptions, OpenGraph and Twitter cards, JSON-LD and the like are plain text. A
formula there should read as a person types it in plain text, not as its LaTeX source
(`$\cos\theta = \frac{a+b}{c}$`) nor as MathML's letters run together (`cosθ=a+bc`):

    cos θ = (a+b)/c      A⁻¹      ∑ᵢ₌₁ⁿ xᵢ²      x̂ₖ      √2      lim_(x→0) f(x)

The rules are those of linear plain-text math (Unicode Technical Note 28, "UnicodeMath",
in its simplest part): a fraction is `numerator/denominator`, with parentheses around
a part of more than one symbol; a script is written with Unicode's superscript and
subscript characters when it has them all, else as `^(…)` / `_(…)`; an accent over one
letter is its combining mark (x̂, x̄, x⃗); a root is `√`; a table's rows are separated by
`; `. Relations and binary operators get spaces around them outside scripts and
fractions.

Input: a `bs4.Tag` (`<math>`) as Temml (`mathml.engine`) writes it; element names may carry a
namespace prefix (`m:mi`). Output: one line of text.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

# Beautiful Soup is imported where a page is first parsed (most builds parse none):
# its import is 60 ms of every build's start.
if TYPE_CHECKING:
    from bs4 import Tag

SUPERSCRIPTS = dict(zip("0123456789+-−=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ", strict=True))
SUBSCRIPTS = dict(
    zip("0123456789+-−=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ", strict=True)
)
# Accents over one letter, as combining marks (Unicode's Combining Diacritical Marks).
ACCENTS = {
    "^": "\u0302", "ˆ": "\u0302", "¯": "\u0304", "_": "\u0332",
    "~": "\u0303", "˜": "\u0303", "˙": "\u0307", "¨": "\u0308", "→": "\u20d7",
    "⃗": "\u20d7", "˘": "\u0306", "ˇ": "\u030c", "´": "\u0301", "`": "\u0300",
    "―": "\u0305", "‾": "\u0304",
}  # fmt: skip
# Marks that go over (or under) every letter of a longer base: A̅B̅.
LINES = {"\u0305", "\u0304", "\u0332"}
# Large operators: a space after them and their limits (∑ᵢ xᵢ, lim_(x→0) f(x)).
LARGE = set("∑∏∐∫∬∭∮⋃⋂⨁⨂⋁⋀")
RELATIONS = set("=<>≤≥≠≈≡∼≃≅∝→←↔⇒⇐⇔↦∈∉∋⊂⊃⊆⊇⊥∣∥≪≫≺≻⪯⪰⊢⊨:")
BINARY = set("+−-±∓×÷·⋅∘∗⋆⊕⊗⊖∪∩∧∨∖")
# Invisible operators (function application, invisible times, separator, plus).
INVISIBLE = dict.fromkeys(map(ord, "\u2061\u2062\u2063\u2064"))
# After these a sign is unary.
OPENING = RELATIONS | BINARY | set("([{,;|∣")
# Names of the elements whose children are read in order, as one row.
ROWS = {"math", "mrow", "mstyle", "mpadded", "menclose", "mtd", "merror", "mlabeledtr"}
# One symbol: a number, a word, or a single character (parentheses not needed).
ATOM = re.compile(r"[\w.,]+|\S")


def formula_text(math: Tag) -> str:
    """One line of plain text for the `<math>` element `math` (see the module's rules)."""
    return " ".join(_text(math, tight=False).split())


MATH_ELEMENT = re.compile(r"<math\b.*?</math>", re.S)


def formulas_as_text(html: str) -> str:
    """`html` with each `<math>…</math>` replaced by its plain text (HTML-escaped)."""
    if "<math" not in html:
        return html

    from bs4 import BeautifulSoup

    def text(found: re.Match) -> str:
        math = BeautifulSoup(found.group(0), "html.parser").find("math")
        return escape(formula_text(math)) if math else ""

    return MATH_ELEMENT.sub(text, html)


def _name(node: Tag) -> str:
    return node.name.rsplit(":", 1)[-1].lower()


def _children(node: Tag) -> list[Tag]:
    from bs4 import Tag

    return [child for child in node.children if isinstance(child, Tag)]


def _text(node, tight: bool) -> str:
    """`node`'s text; `tight`: inside a script or fraction (no spaces around operators)."""
    from bs4 import NavigableString

    if isinstance(node, NavigableString):
        return ""
    name, parts = _name(node), _children(node)
    if name in ("mi", "mn", "mtext", "ms", "mo"):
        text = node.get_text().replace("\u00a0", " ").translate(INVISIBLE)
        return "" if text == "&" else _token(name, text, tight)  # an alignment mark
    if name == "mspace":
        return "; " if node.get("linebreak") == "newline" else " "
    if name in ("mphantom", "annotation", "annotation-xml", "none", "mprescripts"):
        return ""
    if name == "semantics":
        return _text(parts[0], tight) if parts else ""
    if name == "mfrac" and len(parts) == 2 and node.get("linethickness") in ("0", "0px"):
        return f"{_text(parts[0], True)} {_text(parts[1], True)}"  # (n k): \\binom
    if name == "mfrac" and len(parts) == 2:
        return f"{_group(_text(parts[0], True))}/{_group(_text(parts[1], True))}"
    if name == "msqrt":
        return "√" + _group("".join(_text(part, True) for part in parts))
    if name == "mroot" and len(parts) == 2:
        index = _script(_text(parts[1], True), SUPERSCRIPTS, "^")
        return f"{index}√{_group(_text(parts[0], True))}"
    if name in ("msup", "msub", "msubsup", "munder", "mover", "munderover") and parts:
        return _scripted(name, node, parts, tight)
    if name == "menclose" and "top" in (node.get("notation") or "").split():
        return "".join(char + "\u0305" for char in _row(parts, tight))  # \\overline: A̅B̅
    if name == "mtable":
        return "; ".join(_text(row, tight) for row in parts)
    if name == "mtr":
        return " ".join(_text(cell, tight) for cell in parts)
    return _row(parts, tight)


def _row(parts: list[Tag], tight: bool) -> str:
    """Children in order; a sign with nothing before it is unary (−x, a = −b)."""
    text = ""
    for part in parts:
        piece = _text(part, tight)
        before = text.rstrip()
        if piece.strip() in BINARY and (not before or before[-1] in OPENING):
            piece = piece.strip()
        text += piece
    return text


def _token(name: str, text: str, tight: bool) -> str:
    if name == "mi" and len(text) > 1:  # a function's name: cos θ, log x
        return f"{text} "
    if name != "mo" or tight:
        return text
    if text in RELATIONS or text in BINARY:
        return f" {text} "
    return f"{text} " if len(text) > 1 and text.isalpha() else text  # max, lim, arg


def _group(text: str) -> str:
    """A fraction's or root's part, in parentheses when it is more than one symbol."""
    text = text.strip()
    return text if ATOM.fullmatch(text) else f"({text})"


def _script(text: str, table: dict, mark: str) -> str:
    """`text` as superscript or subscript characters, or `^(…)` / `_(…)`."""
    text = text.strip()
    if text and all(char in table for char in text):
        return "".join(table[char] for char in text)
    return mark + _group(text)


def _scripted(name: str, node: Tag, parts: list[Tag], tight: bool) -> str:
    base = _text(parts[0], tight).strip()
    rest = [_text(part, True) for part in parts[1:]]
    mark = ACCENTS.get(rest[0].strip()) if name in ("mover", "munder") and rest else None
    if mark and (len(base) == 1 or mark in LINES):
        return "".join(char + mark for char in base) if mark in LINES else base + mark
    if mark:  # a wide accent over several letters: the letters
        return base
    below = rest[0] if name in ("msub", "msubsup", "munder", "munderover") else None
    above = rest[-1] if name in ("msup", "msubsup", "mover", "munderover") else None
    text = base
    if below is not None:
        text += _script(below, SUBSCRIPTS, "_")
    if above is not None:
        text += _script(above, SUPERSCRIPTS, "^")
    # An operator with limits reads as an operator: a space before its operand.
    operator = _name(parts[0]) == "mo" and (base in LARGE or base.isalpha())
    return f"{text} " if operator else text
