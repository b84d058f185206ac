"""The theme's CSS sources and the one stylesheet bundled from them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pelican.plugins.bilingual.theme_support.stylesheet import bundle, stylesheet_sources

ROOT = Path(__file__).resolve().parents[2]
THEME = ROOT / "theme"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.fixture
def css_dir(tmp_path) -> Path:
    """A small source tree: components written out of name order, plus files to ignore."""
    css = tmp_path / "theme" / "css"
    write(css / "tokens.css", ":root { --a: 1; }\n")
    write(css / "base.css", "body { margin: 0; }\n")
    write(css / "components" / "series_box.css", ".series-box { color: red; }\n")
    write(css / "components" / "archive.css", ".archive { color: blue; }\n")
    write(css / "components" / "post_row.css", ".post-row { color: green; }\n")
    write(css / "components" / "post.css", ".post { color: gray; }\n")
    write(css / "components" / "notes.txt", "not css\n")
    write(css / "extra.css", ".not-in-components {}\n")
    return css


def test_sources_are_tokens_base_then_components_by_name(css_dir):
    names = [p.relative_to(css_dir).as_posix() for p in stylesheet_sources(css_dir)]
    assert names == [
        "tokens.css",
        "base.css",
        "components/archive.css",
        "components/post.css",
        "components/post_row.css",
        "components/series_box.css",
    ]


def test_sources_without_components_folder(tmp_path):
    write(tmp_path / "tokens.css", "")
    write(tmp_path / "base.css", "")
    assert stylesheet_sources(tmp_path) == [tmp_path / "tokens.css", tmp_path / "base.css"]


@pytest.mark.parametrize("missing", ["tokens.css", "base.css"])
def test_a_missing_first_file_is_named(css_dir, missing):
    (css_dir / missing).unlink()
    with pytest.raises(FileNotFoundError, match=re.escape(missing)):
        stylesheet_sources(css_dir)


def test_bundle_puts_a_path_comment_before_each_file(css_dir):
    root = css_dir.parent.parent
    text = bundle(stylesheet_sources(css_dir), root)
    assert text == (
        "/* theme/css/tokens.css */\n:root { --a: 1; }\n"
        "/* theme/css/base.css */\nbody { margin: 0; }\n"
        "/* theme/css/components/archive.css */\n.archive { color: blue; }\n"
        "/* theme/css/components/post.css */\n.post { color: gray; }\n"
        "/* theme/css/components/post_row.css */\n.post-row { color: green; }\n"
        "/* theme/css/components/series_box.css */\n.series-box { color: red; }\n"
    )


@pytest.mark.parametrize(
    "body",
    ["a {}", "a {}\n", "a {}\n\n\n", "\ufeffa {}\n"],
    ids=["no-newline", "one-newline", "blank-lines", "byte-order-mark"],
)
def test_each_file_ends_with_exactly_one_newline(tmp_path, body):
    one = write(tmp_path / "one.css", body)
    two = write(tmp_path / "two.css", "b {}")
    assert bundle([one, two], tmp_path) == "/* one.css */\na {}\n/* two.css */\nb {}\n"


def test_bundle_reads_utf8(tmp_path):
    source = write(tmp_path / "ko.css", '.note::before { content: "번역 없음 — "; }\n')
    assert '"번역 없음 — "' in bundle([source], tmp_path)


def test_bundle_keeps_the_given_order(css_dir):
    root = css_dir.parent.parent
    sources = stylesheet_sources(css_dir)
    text = bundle(list(reversed(sources)), root)
    assert text.index("series_box.css") < text.index("tokens.css")


def test_bundle_is_deterministic(css_dir):
    root = css_dir.parent.parent
    first = bundle(stylesheet_sources(css_dir), root).encode("utf-8")
    second = bundle(stylesheet_sources(css_dir), root).encode("utf-8")
    assert first == second
    write(css_dir / "components" / "post.css", ".post { color: black; }\n")
    assert bundle(stylesheet_sources(css_dir), root).encode("utf-8") != first


def test_a_source_outside_root_is_refused(tmp_path):
    source = write(tmp_path / "elsewhere" / "a.css", "a {}\n")
    with pytest.raises(ValueError):
        bundle([source], tmp_path / "theme")


def rules(css: str) -> list[str]:
    """Top-level rules and at-rule blocks, comments dropped, whitespace collapsed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found, depth, start = [], 0, 0
    for i, char in enumerate(css):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                found.append(" ".join(css[start : i + 1].split()))
                start = i + 1
    return found


def test_the_theme_bundle_holds_every_source_rule_once():
    sources = stylesheet_sources(THEME / "css")
    text = bundle(sources, ROOT)
    components = [p for p in sources if p.parent.name == "components"]
    assert len(components) >= 10
    bundled = rules(text)
    for source in sources:
        header = f"/* {source.relative_to(ROOT).as_posix()} */"
        assert text.count(header) == 1, header
        own = rules(source.read_text(encoding="utf-8"))
        assert own, f"{source} has no rules"
        for rule in own:
            assert bundled.count(rule) == 1, (source.name, rule)
    assert len(bundled) == sum(len(rules(p.read_text(encoding="utf-8"))) for p in sources)


def test_no_css_is_published_from_theme_static():
    assert not list((THEME / "static").rglob("*.css"))


def test_generated_code_colours_read_at_wcag_aa_in_both_modes():
    import re

    from pelican.plugins.bilingual.theme_support.code_style import (
        code_backgrounds,
        code_css,
        contrast,
        readable,
    )

    tokens = (ROOT / "theme" / "css" / "tokens.css").read_text(encoding="utf-8")
    light_bg, dark_bg = code_backgrounds(tokens)
    css = code_css("default", "github-dark", tokens)
    light, dark = css.split("@media (prefers-color-scheme: dark)")
    for part, background in ((light, light_bg), (dark, dark_bg)):
        colours = re.findall(r"(?<![-\w])color: (#[0-9a-fA-F]{3,6})", part)
        assert colours
        assert all(contrast(colour, background) >= 4.5 for colour in colours)
    keyword = re.compile(r"\.highlight \.k[,\s{]")  # keywords, alone or grouped
    assert keyword.search(light) and keyword.search(dark)
    moved = readable("#ffffff", "#ffffff")  # white on white: moved toward black
    assert contrast(moved, "#ffffff") >= 4.5 and moved != "#000000"
    assert readable("#1d1f1c", "#ffffff") == "#1d1f1c"
