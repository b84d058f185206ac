"""The settings a feature reads, declared once: name, default, accepted values, effect.

Each feature module that reads settings of its own declares them in a module-level
tuple `SETTINGS` of `Setting` values and reads each through `Setting.read`, so the
default a build uses is the one the settings reference (`docs/settings.md`, written by
`pelican.plugins.bilingual.settings_reference`) prints. A test reads the package's
source and fails when a setting is read without a declaration, or with a default of
its own.

Settings are Pelican's: upper-case names in `pelicanconf.py` / `publishconf.py`, or
`-e NAME=value` on the command line (Pelican's `--extra-settings`, values as JSON).

Names: a feature's settings share one prefix, its own (`SERIES_`, `ARCHIVE_`,
`SEARCH_`, `CONTENTS_`, `READING_`, `THEME_`, `PUBLISH_`, `BUILD_`, `PROGRESS_`), or
`BILINGUAL_` for what concerns the bundle as a whole; a page's address follows
Pelican's own pattern (`<PAGE>_URL`, `<PAGE>_SAVE_AS`), and a few extend a Pelican
family (`SLUGIFY_HANGUL` beside `SLUGIFY_SOURCE`, `TAG_TRANSLATIONS` beside
`ARTICLE_TRANSLATION_ID`). A renamed setting keeps its old name in `was`: the old name
still works for one release (`renamed` copies it to the new one, and the build warns).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    """One setting a feature reads.

    `name` (upper case), `default` (the value when it is not set), `values` (what it
    accepts, in words: "a whole number, at least 1"), `effect` (one or two sentences:
    what it changes on the site or in the build), `was` (its name before a rename, or
    empty).
    """

    name: str
    default: Any
    values: str
    effect: str
    was: str = ""

    def read(self, settings: Mapping[str, Any]) -> Any:
        """The setting's value in `settings` (under its old name too), or its default."""
        if self.was and self.name not in settings:
            return settings.get(self.was, self.default)
        return settings.get(self.name, self.default)


def defaults(declared: tuple[Setting, ...]) -> dict[str, Any]:
    """{name: default} of `declared` (a new dict)."""
    return {setting.name: setting.default for setting in declared}


def renamed(
    settings: MutableMapping[str, Any], declared: Iterable[Setting]
) -> list[tuple[str, str]]:
    """Give each setting set under its old name (`Setting.was`) its new name, in place.

    `settings`: a site's settings, and each language's overrides in `I18N_SUBSITES`.
    A value under the new name wins; the old key goes (so that what the build record
    digests is the same either way). Returns the (old, new) pairs found, for one warning
    each. The old names work for one release after the rename, then they are read no
    more.
    """
    found = []
    places = [settings, *((settings.get("I18N_SUBSITES") or {}).values())]
    for setting in declared:
        if not setting.was:
            continue
        for place in places:
            if isinstance(place, MutableMapping) and setting.was in place:
                place.setdefault(setting.name, place.pop(setting.was))
                if (setting.was, setting.name) not in found:
                    found.append((setting.was, setting.name))
    return found
