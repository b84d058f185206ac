"""Bundle the theme's CSS sources into the one stylesheet a page loads.

The theme's CSS is written as one file per concern under ``theme/css/``: ``tokens.css`` (custom
properties, light and dark), ``base.css`` (element defaults, layout, shared helpers) and
``components/<name>.css``, one per partial or page template. A page should still make one
request for its styles, so these functions join the sources into a single stylesheet, in the
order the cascade relies on: tokens, base, then the components sorted by file name.

The sources live outside ``theme/static/`` on purpose: Pelican copies everything under
``static/`` to the output, and only the bundle is meant to be published.

Pure functions: they read files and return values; they do not write anything or import Pelican.
"""

from __future__ import annotations

from pathlib import Path

FIRST = ("tokens.css", "base.css")
COMPONENTS = "components"


def stylesheet_sources(css_dir: Path) -> list[Path]:
    """The CSS files under `css_dir`, in bundle order.

    Returns ``[css_dir/tokens.css, css_dir/base.css, *sorted(css_dir/components/*.css)]``;
    components are sorted by file name, and a missing ``components/`` folder gives none.
    Raises ``FileNotFoundError`` naming the file when ``tokens.css`` or ``base.css`` is absent.
    """
    first = [css_dir / name for name in FIRST]
    for path in first:
        if not path.is_file():
            raise FileNotFoundError(f"stylesheet: missing {path}")
    components = sorted((css_dir / COMPONENTS).glob("*.css"), key=lambda path: path.name)
    return [*first, *(path for path in components if path.is_file())]


def bundle(sources: list[Path], root: Path) -> str:
    """The text of `sources` joined in the given order, as one stylesheet.

    Each file is read as UTF-8 and preceded by a one-line comment naming it relative to `root`
    in POSIX form, e.g. ``/* theme/css/base.css */``; each file's text ends with exactly one
    newline. A leading byte-order mark is dropped: inside the bundle it would become part of the
    next selector. Identical inputs give identical bytes.

    Raises ``ValueError`` when a source is not under `root`, ``OSError`` (``FileNotFoundError``
    and the like) when it cannot be read, ``UnicodeDecodeError`` when it is not UTF-8.
    """
    parts = []
    for path in sources:
        name = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8-sig").rstrip("\n")
        parts.append(f"/* {name} */\n{text}\n")
    return "".join(parts)
