"""Language sites: their addresses, settings and output folders, what the theme has."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence

from ..core.build_state import build_state
from ..core.sites import LanguageSites

log = logging.getLogger(__name__)


# Build-state names (core.build_state): the language sites; the main site's settings.
SITES_KEY = "subsites.sites"


MAIN_SETTINGS_KEY = "subsites.main_settings"


I18N_EXTENSION = "jinja2.ext.InternationalizationExtension"


def site_urls(
    main_lang: str, main_siteurl: str, subsites: Mapping, aliases: tuple = ()
) -> LanguageSites:
    """The language sites as i18n-subsites lays them out (see the module docstring).

    `subsites` is `I18N_SUBSITES` ({lang: overrides or None}); URLs lose a trailing `/`.
    `aliases`: ((name, tag), ...), other names of the languages (`LanguageSites`).
    """
    base = main_siteurl.rstrip("/")
    urls = [(main_lang, base)]
    for lang, overrides in subsites.items():
        url = (overrides or {}).get("SITEURL")
        urls.append((lang, url.rstrip("/") if url is not None else f"{base}/{lang}"))
    return LanguageSites(tuple(urls), tuple(aliases))


def language_sites(settings: Mapping) -> LanguageSites:
    """The language sites of this build, from any site's settings."""
    stored = build_state(settings).get(SITES_KEY)
    if stored is not None:
        return stored
    return site_urls(settings["DEFAULT_LANG"], settings["SITEURL"], {})


def language_setting(settings: Mapping, lang: str, key: str, default=None):
    """A setting as `lang`'s site has it, from any site's settings.

    `I18N_SUBSITES[lang][key]` when the writer set one, else the main site's value
    (kept by `configure`), else `default`. For per-language values that a site needs
    for another language's content (`SUMMARY_MAX_LENGTH` on the archive).
    """
    overrides = settings.get("I18N_SUBSITES", {}).get(lang) or {}
    if key in overrides:
        return overrides[key]
    return build_state(settings).get(MAIN_SETTINGS_KEY, settings).get(key, default)


def site_output(settings: Mapping, lang: str) -> str:
    """The folder `lang`'s site writes into, as i18n-subsites lays them out.

    The main site's `OUTPUT_PATH`; a subsite's own `OUTPUT_PATH` from `I18N_SUBSITES`,
    else the main one's `<lang>` folder.
    """
    main = language_setting(settings, language_sites(settings).main_lang, "OUTPUT_PATH")
    if lang == language_sites(settings).main_lang:
        return main
    overrides = settings.get("I18N_SUBSITES", {}).get(lang) or {}
    return overrides.get("OUTPUT_PATH") or os.path.join(main, lang)


def theme_has_template(settings: Mapping, name: str) -> bool:
    """Whether the theme in use (or `THEME_TEMPLATES_OVERRIDES`) has the template `name`.

    The bundle's theme has every template its features need; a writer's own `THEME`
    may not, and Pelican stops on a page whose template is missing.
    """
    folders = [*(settings.get("THEME_TEMPLATES_OVERRIDES") or ())]
    if settings.get("THEME"):
        folders.append(os.path.join(settings["THEME"], "templates"))
    extensions = settings.get("TEMPLATE_EXTENSIONS") or [".html"]
    return any(
        os.path.isfile(os.path.join(folder, name + extension))
        for folder in folders
        for extension in extensions
    )


def without_template(settings: Mapping, feature: str, names: Sequence[str], what: str) -> bool:
    """Whether the theme lacks one of the templates `names`; the main site says so, once.

    A writer's own theme keeps working: the feature leaves out `what` (its pages),
    and the warning says which templates to copy from the bundle's theme to have them.
    """
    missing = [name for name in names if not theme_has_template(settings, name)]
    if missing and SITES_KEY in build_state(settings) and is_main_site(settings):
        log.warning(
            "%s: the theme has no %s, so %s not written; copy %s from the bundle's theme "
            "(pelican.plugins.bilingual.THEME_PATH) into the theme or a "
            "THEME_TEMPLATES_OVERRIDES folder to have them",
            feature,
            " or ".join(f"{name}.html" for name in missing),
            what,
            " and ".join(f"templates/{name}.html" for name in missing),
        )
    return bool(missing)


def add_direct_template(settings: dict, name: str, feature: str = "bilingual") -> None:
    """Add the direct template `name` to `DIRECT_TEMPLATES`, for every language's site.

    A plugin's own page (the search page). It goes into this site's settings and into
    the main site's kept settings, which `language_setting` reads (the main site's
    `DIRECT_TEMPLATES` as i18n-subsites gives it to every subsite). A theme without
    that template does without the page (`without_template` says so).
    """
    if without_template(settings, feature, [name], f"the '{name}' pages are"):
        return
    for target in (settings, build_state(settings).get(MAIN_SETTINGS_KEY)):
        if target is not None:
            templates = list(target.get("DIRECT_TEMPLATES", []))
            if name not in templates:
                target["DIRECT_TEMPLATES"] = [*templates, name]


def remove_direct_template(settings: dict, name: str) -> None:
    """Take the direct template `name` out of `DIRECT_TEMPLATES`, for every language's site.

    This site's settings and the main site's kept ones, as `add_direct_template`.
    """
    for target in (settings, build_state(settings).get(MAIN_SETTINGS_KEY)):
        if target is not None and name in (target.get("DIRECT_TEMPLATES") or ()):
            target["DIRECT_TEMPLATES"] = [t for t in target["DIRECT_TEMPLATES"] if t != name]


def is_main_site(settings: Mapping) -> bool:
    """Whether these settings are the main language's site (it reads first, writes last)."""
    return settings["DEFAULT_LANG"] == language_sites(settings).main_lang
