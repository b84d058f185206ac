"""What a page shows, as the features that put it there declare it.

The build engine does not render a post or page file again when nothing it shows has
changed (`engine.rendered`). It knows the post's own sources and Pelican's context;
what a feature adds to a page (the series box, the language links) only the feature
knows. So a feature connects to these signals, as plugins connect to Pelican's, and
the engine, when it runs, asks them:

- `PAGE_SHOWS`: sent with a post or page (and `memo`, a dict the engine keeps for one
  language site's build); each receiver returns a text that changes whenever what it
  adds to that item's page changes (None: nothing). `plain_text` makes one of the
  values a feature holds.
- `SITE_SHOWS`: sent with the site's contents (a list); each receiver returns a text of
  what it adds to every page of the site (the header's list of series), or None.
- `CONTEXT_NAMES`: sent with no sender; each receiver returns the template context
  names it puts on every page and vouches for through the two signals above
  (`languages`, `series_list`). A template that reads a name nobody vouches for is
  rendered every time.
- `INPUT_FOLDERS`: sent with a site's settings; each receiver returns the folders its
  feature reads besides the content, the theme and the plugins (the UI catalogs of
  `BILINGUAL_LOCALEDIR`), so that a change there makes the next build a full one.
- `TEXT_REPLACED`: sent with a language site's generator when the engine puts a saved
  post's new text into a finished build (`invoke serve`'s in-place rewrite), before and
  after it renders that post's pages again; each receiver drops what its feature
  remembers of posts for that generator's templates (rendered blocks, summaries).
- `CHILD_RESULTS`: sent with a language site's settings in the engine's second process
  (`engine.parallel_pages`, which renders every other post page of a cold build) once
  its share is written; each receiver returns `(name, value)`, what its feature worked
  out there that the build would otherwise work out again for the site's lists (post
  summaries), picklable, or None.
- `CHILD_RESULTS_TAKEN`: sent with the site's settings and `results` ({name: value}) in
  the build, once that process has finished well; each receiver takes its own name's.

Without the engine (`BUILD_ENGINE = False`) nothing sends them. Receivers must be
module-level functions (blinker keeps weak references).
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from collections.abc import Iterable

from blinker import signal

PAGE_SHOWS = signal("bilingual.page-shows")
SITE_SHOWS = signal("bilingual.site-shows")
CONTEXT_NAMES = signal("bilingual.context-names")
INPUT_FOLDERS = signal("bilingual.input-folders")
TEXT_REPLACED = signal("bilingual.text-replaced")
CHILD_RESULTS = signal("bilingual.child-results")
CHILD_RESULTS_TAKEN = signal("bilingual.child-results-taken")

PLAIN = (str, int, float, bool, type(None), datetime.date, datetime.datetime)


def _ordered(results) -> list:
    """Signal results in a stable order (by the receiver's module and name)."""
    return sorted(
        results, key=lambda pair: (getattr(pair[0], "__module__", ""), pair[0].__qualname__)
    )


def page_texts(item, memo: dict) -> list[str]:
    """What every feature adds to `item`'s page, as texts, in a stable order."""
    results = PAGE_SHOWS.send(item, memo=memo)
    return [text for _, text in _ordered(results) if text is not None]


def site_texts(contents: list) -> list[str]:
    """What every feature adds to every page of a site with `contents`, as texts."""
    return [text for _, text in _ordered(SITE_SHOWS.send(contents)) if text is not None]


def context_names() -> set[str]:
    """The context names features vouch for."""
    names: set[str] = set()
    for _, given in CONTEXT_NAMES.send(None):
        names.update(given or ())
    return names


def input_folders(settings) -> list[str]:
    """The folders features read besides the content, theme and plugins (sorted, unique)."""
    found: set[str] = set()
    for _, folders in INPUT_FOLDERS.send(settings):
        found.update(str(folder) for folder in folders or ())
    return sorted(found)


def plain_text(value, memo: dict | None = None) -> str:
    """A stable text of `value`; a tuple, list or dataclass as the digest of its parts.

    Composites are taken part by part (a dataclass field by field) and given as the
    SHA-256 digest of their parts' texts. Plain values are str, numbers, None and
    dates. Raises TypeError for anything else (a post object, whose text would say
    nothing of its content): a feature must give the values its page shows, not the
    objects they came from. A digest keeps the text short however many pages share a
    value (a series' episode list in every episode's box: full texts took 180 MiB at
    1,000 posts); `memo` keeps each composite's digest by identity (and the value alive,
    so that its identity is not reused).
    """
    if isinstance(value, PLAIN):
        return repr(value)
    if isinstance(value, (tuple, list)):
        return _shared(value, memo, lambda: "(" + ", ".join(plain_text(v, memo) for v in value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _shared(value, memo, lambda: _fields_text(value, memo))
    raise TypeError(
        f"plain_text: a {type(value).__name__} is not a value a page shows; give its fields"
    )


def _fields_text(value, memo) -> str:
    fields = (
        f"{item.name}={plain_text(getattr(value, item.name), memo)}"
        for item in dataclasses.fields(value)
    )
    return f"{type(value).__name__}({', '.join(fields)})"


def _shared(value, memo, make) -> str:
    """The digest of `make()` for the composite `value`, made once per `memo`."""
    if memo is not None:
        key = ("plain_text", id(value))
        if key not in memo:
            memo[key] = (value, _digest(make()))
        return memo[key][1]
    return _digest(make())


def _digest(text: str) -> str:
    return "#" + hashlib.sha256(text.encode()).hexdigest()


def names(values: Iterable[str]) -> str:
    """A stable text of a set of names."""
    return repr(sorted(values))
