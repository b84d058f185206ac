"""progress: what a build says on the console while it runs and when it ends.

- After about two seconds, a build run in a terminal keeps one status line up to date:
  "reading 1,250 files · writing 3,400 pages". In CI logs and pipes (standard error not
  a terminal) it prints nothing.
- One closing line for the whole build, every language labelled: "Done in 1.12 s: en
  13 posts, 1 page, 1 draft; ko 13 posts, 1 page." Pelican's own "Done: Processed ..."
  line, which pelican-i18n-subsites makes Pelican print once per language (each with
  that language's counts only), is left out: a one-time rich render hook on Pelican's
  console, pushed by each site's last `finalized` receiver, drops the next plain-text
  print, which is that line (log records are tables, never dropped).
- Log records carry the time and level but not the plugin's file and line (Pelican's
  default handler adds them in a right-hand column that wraps on an 80-column
  terminal): the handler is replaced by one without that column, on the same console.

The counters live in the build's settings, which every language's site shares (see
`subsites`), never in the module. This plugin goes after `up_to_date` in `PLUGINS`: its
`finalized` must be the last one before Pelican's line.

Settings (defaults): `PROGRESS_AFTER` (2.0): seconds before the first status line.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Mapping, Sequence

from pelican import signals
from rich.logging import RichHandler
from rich.text import Text

from .. import compat, subsites
from ..core import BuildStopped, Visibility
from ..core.build_state import build_state
from ..core.settings import Setting

KEY = "progress.status"
# The whole build's counts: {"start": monotonic seconds, "counts": {lang: {kind: n}}}.
DONE_KEY = "progress.done"
# What the closing line counts, in its order: (generator attribute, singular, plural).
KINDS = (
    ("articles", "post", "posts"),
    ("pages", "page", "pages"),
    ("drafts", "draft", "drafts"),
    ("draft_pages", "draft page", "draft pages"),
    ("hidden_articles", "hidden post", "hidden posts"),
    ("hidden_pages", "hidden page", "hidden pages"),
)


AFTER = Setting(
    "PROGRESS_AFTER",
    2.0,
    "seconds, 0 or more",
    "How long a build runs before a status line (files read, pages written) appears; "
    "on a terminal only.",
)
SETTINGS = (AFTER,)


def done_line(counts: Mapping[str, Mapping[str, int]], langs: Sequence[str], seconds: float) -> str:
    """The build's closing line: each language's counts (zeros left out), then the time.

    `counts`: {lang: {generator attribute: number}} (see `KINDS`); `langs` in the order
    the line names them; `seconds` the build's wall time.
    """
    parts = []
    for lang in langs:
        found = counts.get(lang, {})
        words = [
            f"{found[kind]} {one if found[kind] == 1 else many}"
            for kind, one, many in KINDS
            if found.get(kind)
        ]
        parts.append(f"{lang} {', '.join(words) if words else 'nothing'}")
    return f"Done in {seconds:.2f} s: {'; '.join(parts)}."


class DropNextText:
    """A rich render hook that drops the plain text of the next print that has any.

    Pelican prints its "Done: Processed ..." line as text right after `finalized`. Log
    records are rendered as tables and go through untouched, and so does what another
    hook adds (the "Generating..." spinner's live display on a terminal).
    """

    def __init__(self, console):
        """A hook for `console`, which it pops from that console's stack once it dropped."""
        self.console = console
        self.done = False

    def process_renderables(self, renderables):
        """`renderables` without their `Text` items, for the first print that has one."""
        if self.done or not any(isinstance(r, Text) for r in renderables):
            return renderables
        self.done = True
        self.console.pop_render_hook()
        return [r for r in renderables if not isinstance(r, Text)]


def without_source_column() -> None:
    """Replace Pelican's default log handler with one that shows no file:line column.

    On a terminal, rich's handler without that column (time, level, the message wrapped
    to the terminal). Elsewhere (CI logs, pipes, files), one plain line per record,
    "WARNING  message", with no wrapping and no padding to the console's width.
    """
    default = compat.pelican_log_handler()
    root = logging.getLogger()
    if default not in root.handlers:
        return  # a handler of the writer's own, or already replaced
    if default.console.is_terminal:
        plain = RichHandler(console=default.console, show_path=False, level=default.level)
        plain.setFormatter(default.formatter)
    else:
        plain = logging.StreamHandler(default.console.file)
        plain.setLevel(default.level)
        plain.setFormatter(logging.Formatter("%(levelname)-8s %(message)s"))
    for each in default.filters:
        plain.addFilter(each)
    root.handlers[root.handlers.index(default)] = plain


def start(pelican):
    """`initialized`: start counting (the main site; subsites share its counters)."""
    settings = pelican.settings
    state = build_state(settings)
    if DONE_KEY not in state:
        without_source_column()
        state[DONE_KEY] = {"start": time.monotonic(), "counts": {}}
    if KEY not in state and sys.stderr.isatty():
        after = AFTER.read(settings)
        if isinstance(after, bool) or not isinstance(after, (int, float)) or after < 0:
            raise BuildStopped(f"progress: invalid PROGRESS_AFTER {after!r}: seconds, 0 or more")
        state[KEY] = {
            "start": time.monotonic(),
            "after": float(after),
            "read": 0,
            "written": 0,
            "shown": 0.0,
        }


def _show(state: dict) -> None:
    now = time.monotonic()
    after = state.get("after", 2.0)
    if now - state["start"] < after or now - state["shown"] < 0.2:
        return
    state["shown"] = now
    sys.stderr.write(f"\r  reading {state['read']:,} files · writing {state['written']:,} pages")
    sys.stderr.flush()


def count_read(instance):
    """`content_object_init`: one more file read."""
    state = build_state(getattr(instance, "settings", {})).get(KEY)
    if state is not None:
        state["read"] += 1
        _show(state)


def count_written(path, context):
    """`content_written`: one more page written."""
    state = build_state(context or {}).get(KEY)
    if state is not None:
        state["written"] += 1
        _show(state)


def count_contents(generator):
    """`article_generator_finalized` / `page_generator_finalized`: this site's counts."""
    done = build_state(generator.settings).get(DONE_KEY)
    if done is not None:
        counts = done["counts"].setdefault(generator.settings["DEFAULT_LANG"], {})
        # Drafts count only where they are written (a publishing build reads, not writes them).
        writes_drafts = Visibility.from_settings(generator.settings).drafts
        for kind, _, _ in KINDS:
            if hasattr(generator, kind) and (writes_drafts or not kind.startswith("draft")):
                counts[kind] = len(getattr(generator, kind))


def finish(pelican):
    """`finalized`: end the status line; the closing line instead of Pelican's.

    Every site (each language's, the main one last) leaves out Pelican's line; the main
    site prints the build's own.
    """
    settings = pelican.settings
    main = subsites.is_main_site(settings)
    state = build_state(settings).get(KEY)
    if state is not None and state["shown"] and main:
        sys.stderr.write("\n")
        state["shown"] = 0.0
    done = build_state(settings).get(DONE_KEY)
    if done is None:
        return
    console = compat.pelican_console()
    if main:
        langs = subsites.language_sites(settings).langs
        seconds = time.monotonic() - done["start"]
        console.print(done_line(done["counts"], langs, seconds), markup=False, highlight=False)
    console.push_render_hook(DropNextText(console))


def register():
    """Connect the handlers, in the order they fire."""
    signals.initialized.connect(start)
    signals.content_object_init.connect(count_read)
    signals.content_written.connect(count_written)
    signals.article_generator_finalized.connect(count_contents)
    signals.page_generator_finalized.connect(count_contents)
    signals.finalized.connect(finish)
