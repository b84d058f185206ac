"""The code highlighting colours, generated from Pygments styles for light and dark.

Pure functions, no Pelican. Colours come from a Pygments style (`THEME_CODE_STYLE`,
`THEME_CODE_STYLE_DARK`); any token colour that would read below WCAG 2.1 AA against the
theme's code background (4.5:1, success criterion 1.4.3) is moved toward the text
colour until it passes, so the generated rules stay accessible whatever the style.
Backgrounds come from `--code-bg` in the theme's tokens.css, light and dark.
"""

from __future__ import annotations

import re

from pygments.formatters import HtmlFormatter
from pygments.styles import get_style_by_name
from pygments.util import ClassNotFound

HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
CODE_BG = re.compile(r"--code-bg:\s*(#[0-9a-fA-F]{3,6})\s*;")
AA = 4.5
COMMENT = re.compile(r"/\*.*?\*/")
RULE = re.compile(r"^([^{]+)\{([^}]*)\}$")


def _rgb(color: str) -> tuple[float, float, float]:
    value = color.lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    return tuple(int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))


def luminance(color: str) -> float:
    """Relative luminance of a `#rrggbb` colour (WCAG 2.1, "relative luminance")."""

    def linear(channel):
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(color: str, background: str, minimum: float = AA) -> str:
    """`color`, or the nearest mix of it with black or white reading at `minimum`."""
    if contrast(color, background) >= minimum:
        return color
    target = (0.0, 0.0, 0.0) if luminance(background) > 0.18 else (1.0, 1.0, 1.0)
    start = _rgb(color)
    for step in range(1, 21):
        mix = tuple(c + (t - c) * step / 20 for c, t in zip(start, target, strict=True))
        found = "#" + "".join(f"{round(channel * 255):02x}" for channel in mix)
        if contrast(found, background) >= minimum:
            return found
    return "#000000" if target == (0.0, 0.0, 0.0) else "#ffffff"


def code_backgrounds(tokens_css: str) -> tuple[str, str]:
    """(light, dark) `--code-bg` of the theme's tokens.css; ValueError without both."""
    found = CODE_BG.findall(tokens_css)
    if len(found) < 2:
        raise ValueError("tokens.css must set --code-bg for light and for dark mode")
    return found[0], found[1]


def token_rules(style: str, background: str, selector: str = ".highlight") -> str:
    """The Pygments style's token rules for `selector`, colours made readable.

    Raises ValueError naming a style Pygments does not have.
    """
    try:
        get_style_by_name(style)
    except ClassNotFound:
        raise ValueError(f"Pygments has no style {style!r}") from None
    lines = HtmlFormatter(style=style).get_token_style_defs(selector)
    # Token names as comments and background rules (the theme's own) are left out;
    # tokens styled alike share one rule (a span has one token class, so order is moot).
    grouped: dict[str, list[str]] = {}
    for line in lines:
        found = RULE.match(COMMENT.sub("", line).strip())
        if found and "background" not in found.group(2):
            declarations = HEX.sub(
                lambda m: readable("#" + m.group(1), background), found.group(2).strip()
            )
            grouped.setdefault(declarations, []).append(found.group(1).strip())
    return "\n".join(f"{', '.join(sels)} {{ {decl} }}" for decl, sels in grouped.items())


def code_css(light: str, dark: str, tokens_css: str) -> str:
    """Light rules, then dark ones under `prefers-color-scheme: dark`."""
    light_bg, dark_bg = code_backgrounds(tokens_css)
    return (
        f"/* Code: Pygments style {light!r} (light) and {dark!r} (dark), AA on --code-bg. */\n"
        f"{token_rules(light, light_bg)}\n"
        "@media (prefers-color-scheme: dark) {\n"
        f"{token_rules(dark, dark_bg)}\n"
        "}\n"
    )
