"""pelican-bilingual: series blogs in two (or more) languages, as one Pelican plugin.

`PLUGINS = ["bilingual"]` in a blog's settings turns on everything below; the
languages come from Pelican's `DEFAULT_LANG` and pelican-i18n-subsites' `I18N_SUBSITES`
(each key a language at `/<lang>/`), which this package loads itself.

Inside the package a feature is found by its name:
- `core`: the vocabulary every feature shares (findings, language sites, ...);
- `subsites`: the one adapter for pelican-i18n-subsites (its contract in its docstring);
- `engine`: the build engine (reader cache, rendered-page record, in-place rewrites,
  parallel work);
- one subpackage per feature, registered below in the order the build runs them;
- `theme/`: the templates, CSS, scripts and UI catalogs (`THEME_PATH`), used unless the
  writer set a `THEME` of their own (`THEME_TEMPLATES_OVERRIDES` still overrides
  single templates);
- `tasks`: the invoke tasks (`invoke build`, `serve`, `publish`, `new`, ...) a blog's
  `tasks.py` takes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals
from pelican.plugins import i18n_subsites
from pelican.settings import DEFAULT_CONFIG

from . import (
    archive,
    attachments,
    content_checks,
    contents,
    engine,
    figures,
    front_matter,
    localization,
    mathml,
    pairing,
    progress,
    publishing,
    reading_time,
    search,
    series_threads,
    site_links,
    subsites,
    theme_support,
)
from .core.build_state import build_state
from .core.settings import renamed

log = logging.getLogger(__name__)

# The theme shipped in this package: templates/, css/, static/, translations/.
THEME_PATH = Path(__file__).parent / "theme"

__all__ = ["THEME_PATH", "register", "use_theme"]


def use_theme(pelican) -> None:
    """Make the package's theme the site's when the writer left Pelican's default `THEME`.

    Pelican's default is its `notmyidea` theme (`pelican.settings.DEFAULT_CONFIG`); any
    other `THEME` the writer set is kept as it is.
    """
    if pelican.settings.get("THEME") == DEFAULT_CONFIG["THEME"]:
        pelican.settings["THEME"] = str(THEME_PATH)
        pelican.theme = pelican.settings["THEME"]


def use_new_setting_names(pelican) -> None:
    """`initialized`, first: a setting set under its old name gets its new one.

    Once per build (the language sites copy the main site's renamed settings); the
    names are in `docs/settings.md` ("Renamed settings"). `warn_old_setting_names`
    says which, once the build counts and prints warnings as its own.
    """
    from . import settings_reference  # it imports every feature: not at import time

    state = build_state(pelican.settings)
    if "settings.renamed" in state:
        return
    state["settings.renamed"] = renamed(pelican.settings, settings_reference.declared())
    state["settings.renamed.told"] = False


def warn_old_setting_names(pelican) -> None:
    """`initialized`, last: one warning per setting still set under its old name.

    After the content checks count warnings (a strict build stops on these too) and
    the progress feature prints log lines plainly.
    """
    state = build_state(pelican.settings)
    if state.get("settings.renamed.told", True):
        return
    state["settings.renamed.told"] = True
    for old, new in state.get("settings.renamed", ()):
        log.warning(
            "settings: %s is now called %s; the old name works in this release only "
            "(rename it in pelicanconf.py / publishconf.py)",
            old,
            new,
        )


def register():
    """Connect every part, in the order the build runs them.

    pelican-i18n-subsites first (connecting it again is harmless when a writer also
    lists it in `PLUGINS`), then the theme and the adapter's settings for every
    language's site, the build engine, and the features.
    """
    i18n_subsites.register()
    signals.initialized.connect(use_new_setting_names)
    signals.initialized.connect(use_theme)
    subsites.register()
    engine.register()
    pairing.register()
    localization.register()
    theme_support.register()
    front_matter.register()
    site_links.register()
    reading_time.register()
    contents.register()
    figures.register()
    mathml.register()
    attachments.register()
    series_threads.register()
    archive.register()
    content_checks.register()
    search.register()
    publishing.register()
    engine.register_last()
    progress.register()
    signals.initialized.connect(warn_old_setting_names)
