"""progress: a long build says how far it is, on a terminal only.

After about two seconds, a build run in a terminal keeps one status line up to date:
"reading 1,250 files · writing 3,400 pages". In CI logs and pipes (standard error not a
terminal) it prints nothing. The counters live in the build's settings, which every
language's site shares (see `subsites`), never in the module.

Settings (defaults): `PROGRESS_AFTER` (2.0): seconds before the first status line.
"""

from __future__ import annotations

import sys
import time

from pelican import signals

from .. import subsites
from ..core import BuildStopped
from ..core.settings import Setting

KEY = "bundle_progress"


AFTER = Setting(
    "PROGRESS_AFTER",
    2.0,
    "seconds, 0 or more",
    "How long a build runs before a status line (files read, pages written) appears; "
    "on a terminal only.",
)
SETTINGS = (AFTER,)


def start(pelican):
    """`initialized`: start counting (the main site; subsites share its counters)."""
    settings = pelican.settings
    if KEY not in settings and sys.stderr.isatty():
        after = AFTER.read(settings)
        if isinstance(after, bool) or not isinstance(after, (int, float)) or after < 0:
            raise BuildStopped(f"progress: invalid PROGRESS_AFTER {after!r}: seconds, 0 or more")
        settings[KEY] = {
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
    state = getattr(instance, "settings", {}).get(KEY)
    if state is not None:
        state["read"] += 1
        _show(state)


def count_written(path, context):
    """`content_written`: one more page written."""
    state = (context or {}).get(KEY)
    if state is not None:
        state["written"] += 1
        _show(state)


def finish(pelican):
    """`finalized`: end the status line (the main site finishes last)."""
    state = pelican.settings.get(KEY)
    if state is not None and state["shown"] and subsites.is_main_site(pelican.settings):
        sys.stderr.write("\n")
        state["shown"] = 0.0


def register():
    """Connect the handlers, in the order they fire."""
    signals.initialized.connect(start)
    signals.content_object_init.connect(count_read)
    signals.content_written.connect(count_written)
    signals.finalized.connect(finish)
