"""The build engine's settings (see `core.settings`): each turns one speed-up off.

None of them changes what a build writes: a test builds the demo with the engine on and
off (`BUILD_ENGINE = False`, every speed-up at once) and compares the output byte for
byte. `CACHE_PATH` (Pelican's) is where the caches live.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..core.settings import Setting

ENGINE = Setting(
    "BUILD_ENGINE",
    True,
    "True or False",
    "The build engine: caches between builds, work on a second core, pages not rendered "
    "again when nothing they show changed, nothing done when nothing changed. False turns "
    "every one off at once (the site is the same; builds are slower): BUILD_READ_CACHE, "
    "BUILD_READ_AHEAD, BUILD_PARALLEL_PAGES, BUILD_SKIP_UNCHANGED_PAGES and BUILD_RECORD "
    "read as False.",
)


@dataclass(frozen=True)
class EngineSwitch(Setting):
    """A speed-up of the engine's: its own value, or False when `BUILD_ENGINE` is off."""

    def read(self, settings: Mapping[str, Any]) -> Any:
        """False with the engine off, else the setting's value or default."""
        if not ENGINE.read(settings):
            return False
        return super().read(settings)


BUILD_READ_CACHE = EngineSwitch(
    "BUILD_READ_CACHE",
    True,
    "True or False",
    "Keep what the readers made of each content file in `CACHE_PATH`, keyed by the file's "
    "bytes, and the compiled templates: the next build parses only what changed.",
    was="READ_CACHE",
)
BUILD_READ_AHEAD = EngineSwitch(
    "BUILD_READ_AHEAD",
    True,
    "True or False",
    "On a build with many files to parse, a second process parses every other one "
    "(needs `BUILD_READ_CACHE`; not on systems without `fork`).",
    was="READ_AHEAD",
)
BUILD_READ_AHEAD_MIN_FILES = Setting(
    "BUILD_READ_AHEAD_MIN_FILES",
    40,
    "a whole number",
    "Files to parse below which `BUILD_READ_AHEAD` is not used (a second process costs more).",
    was="READ_AHEAD_MIN_FILES",
)
BUILD_PARALLEL_PAGES = EngineSwitch(
    "BUILD_PARALLEL_PAGES",
    True,
    "True or False",
    "On a first build, a second process renders every other post page.",
    was="PARALLEL_PAGES",
)
BUILD_PARALLEL_PAGES_MIN = Setting(
    "BUILD_PARALLEL_PAGES_MIN",
    100,
    "a whole number",
    "Posts in a language's lists below which `BUILD_PARALLEL_PAGES` is not used.",
    was="PARALLEL_PAGES_MIN",
)
BUILD_SKIP_UNCHANGED_PAGES = EngineSwitch(
    "BUILD_SKIP_UNCHANGED_PAGES",
    True,
    "True or False",
    "Keep a record of what each post page showed (in `CACHE_PATH`) and do not render a "
    "page again when nothing it shows changed.",
    was="SKIP_UNCHANGED_PAGES",
)
BUILD_CHECK_SKIPPED_PAGES = Setting(
    "BUILD_CHECK_SKIPPED_PAGES",
    False,
    "True or False",
    "Render the pages `BUILD_SKIP_UNCHANGED_PAGES` would skip anyway, and stop the build naming "
    "any that would differ (for testing the record).",
    was="CHECK_SKIPPED_PAGES",
)
SETTINGS = (
    ENGINE,
    BUILD_READ_CACHE,
    BUILD_READ_AHEAD,
    BUILD_READ_AHEAD_MIN_FILES,
    BUILD_PARALLEL_PAGES,
    BUILD_PARALLEL_PAGES_MIN,
    BUILD_SKIP_UNCHANGED_PAGES,
    BUILD_CHECK_SKIPPED_PAGES,
)
