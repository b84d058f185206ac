"""Names of Pelican's and pelican-i18n-subsites' that they do not document as API.

Every use of such a name in the package goes through a function here, and each has a
test in `tests/unit/test_compat.py` that fails, saying what changed, when a release of
Pelican or pelican-i18n-subsites (1.0) moves or reshapes it. Nothing else in the package
reads these names. `pyproject.toml` allows Pelican 4.10 to 4.12: the suite runs on the
newest, and `tests/site/test_pelican_versions.py` builds the demo with the oldest and
compares the sites byte for byte (4.9 lacks `pelican.log.DEFAULT_LOG_HANDLER`).

Pelican
-------
- `content_html(item)` / `set_content_html(item, html)`: a post's or page's HTML as its
  reader made it, before Pelican resolves `{filename}` links (`Content._content`, which
  plugins change at `content_object_init`, as Pelican's own plugin docs show).
- `content_context(item)`: the build context a post or page was made with
  (`Content._context`: `localsiteurl`, `generated_content`, `static_content`...).
- `forget_rendered(item)`: drop what Pelican remembers of a post's HTML and summary
  (`Content.get_content` / `get_summary` are `pelican.utils.memoized`, a dict keyed by
  (item, siteurl) on the class), so the next read uses new text; `forget_summary(item)`:
  drop the summary Pelican resolved from `Summary:` (`Content._summary`).
- `forget_site(settings)`: drop those memos for every post of one language's site.
- `open_output(writer, path, encoding, override)`, `written_files(writer)`: the file
  Pelican's `Writer` opens for a page, and the set it keeps to warn about a file written
  twice (`Writer._open_w`, `Writer._written_files`). `engine.writer` overrides the
  method named `OPEN_OUTPUT` (Pelican's `write_file` opens every page through it).
- `wrap_run(pelican, wrapper)` / `unwrap_run(pelican)`: run `wrapper(original)` in place
  of `Pelican.run` for one build object (the nothing-changed build skips the run).
- `pelican_console()`, `pelican_log_handler()`: the rich `Console` Pelican prints its log
  and its "Done: Processed ..." line on (`pelican.log.console`), and the handler its
  `init` installs by default (`pelican.log.DEFAULT_LOG_HANDLER`).

pelican-i18n-subsites
---------------------
- `forget_subsite_generators(settings)`: let go of the generators i18n-subsites keeps
  for one language's site (`i18n_subsites._GENERATOR_DB`, a module-level dict), so
  a site's posts can be freed once it is written.
"""

from __future__ import annotations

from collections.abc import Callable

from pelican import Pelican
from pelican.contents import Content
from pelican.writers import Writer
from rich.console import Console
from rich.logging import RichHandler

MEMOIZED = ("get_content", "get_summary")
OPEN_OUTPUT = "_open_w"


def content_html(item) -> str:
    """The HTML the reader made of `item`'s text ("" for none, or for a static file)."""
    return getattr(item, "_content", None) or ""


def set_content_html(item, html: str) -> None:
    """Replace `item`'s HTML (Pelican resolves its links and writes it later)."""
    item._content = html


def content_context(item) -> dict:
    """The build context `item` was made with ({} when it has none)."""
    return getattr(item, "_context", None) or {}


def forget_rendered(item) -> None:
    """Drop Pelican's remembered HTML and summary of `item`."""
    for method in MEMOIZED:
        memo = getattr(Content.__dict__.get(method), "cache", None)
        if isinstance(memo, dict):
            for key in [k for k in memo if k and k[0] is item]:
                del memo[key]


def forget_summary(item) -> None:
    """Drop the summary Pelican made of `item`'s `Summary:` (it is made again on use)."""
    item.__dict__.pop("_summary", None)


def forget_site(settings) -> None:
    """Drop Pelican's remembered HTML and summaries of the posts of the site `settings`."""
    for method in MEMOIZED:
        memo = getattr(Content.__dict__.get(method), "cache", None)
        if isinstance(memo, dict):
            for key in [k for k in memo if k and getattr(k[0], "settings", None) is settings]:
                del memo[key]


def open_output(writer: Writer, path: str, encoding: str, override: bool):
    """The file `writer` opens for a page at `path` (a context manager, as Pelican's)."""
    return Writer._open_w(writer, path, encoding, override=override)


def written_files(writer: Writer) -> set:
    """The paths `writer` wrote in this build (Pelican warns when one comes again)."""
    return writer._written_files


def wrap_run(pelican: Pelican, wrapper: Callable[[Callable[[], None]], None]) -> None:
    """Make `pelican.run()` call `wrapper(original run)` for this build object only."""
    original = pelican.run
    pelican.run = lambda: wrapper(original)


def unwrap_run(pelican: Pelican) -> None:
    """Give `pelican` its own `run` back."""
    pelican.__dict__.pop("run", None)


def forget_subsite_generators(settings) -> None:
    """Drop the generators pelican-i18n-subsites keeps for the site `settings`."""
    from pelican.plugins.i18n_subsites import i18n_subsites

    generators = getattr(i18n_subsites, "_GENERATOR_DB", None)
    if isinstance(generators, dict):
        for generator in [g for g in generators if getattr(g, "settings", None) is settings]:
            del generators[generator]


def pelican_console() -> Console:
    """The console Pelican writes its log and its closing "Done: ..." line to."""
    from pelican import log

    return log.console


def pelican_log_handler() -> RichHandler:
    """The log handler Pelican installs on the root logger unless told otherwise."""
    from pelican import log

    return log.DEFAULT_LOG_HANDLER
