"""The settings a feature reads, declared once: name, default, accepted values, effect.

Each feature module that reads settings of its own declares them in a module-level
tuple `SETTINGS` of `Setting` values and reads each through `Setting.read`, so the
default a build uses is the one the settings reference (`docs/settings.md`, written by
`pelican.plugins.bilingual.settings_reference`) prints. A test reads the package's
source and fails when a setting is read without a declaration, or with a default of
its own.

Settings are Pelican's: upper-case names in `pelicanconf.py` / `publishconf.py`, or
`-e NAME=value` on the command line (Pelican's `--extra-settings`, values as JSON).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    """One setting a feature reads.

    `name` (upper case), `default` (the value when it is not set), `values` (what it
    accepts, in words: "a whole number, at least 1"), `effect` (one or two sentences:
    what it changes on the site or in the build).
    """

    name: str
    default: Any
    values: str
    effect: str

    def read(self, settings: Mapping[str, Any]) -> Any:
        """The setting's value in `settings`, or its default when it is not set."""
        return settings.get(self.name, self.default)


def defaults(declared: tuple[Setting, ...]) -> dict[str, Any]:
    """{name: default} of `declared` (a new dict)."""
    return {setting.name: setting.default for setting in declared}
