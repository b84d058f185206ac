"""localization: the theme's UI text and dates in each site's language.

Template API
------------
- `_()` / `gettext` / `ngettext`: UI text from
  `<BILINGUAL_LOCALEDIR>/<lang>/LC_MESSAGES/messages.po`, compiled in memory at every
  build (no `.mo` file to keep in sync). A language without a catalog uses the main
  language's text and the build logs one warning.
- `gettext_in(lang, message, **variables)`: UI text in another language than the
  page's (bilingual headings, the 404 page).
- `UI_LANG`: the language the page's UI text is in: the site's, or the one its
  text falls back to; name languages inside UI sentences in it
  (`lang|language_name(UI_LANG)`), so a sentence never mixes two languages.
- `UI_OTHERS`: [(lang, UI language)] of the other languages whose UI text differs
  from the page's, for bilingual headings (no block repeats the page's language).
- Filters: `localdate(fmt="long", lang=<site>)` (a Babel format name, `month`, or a
  CLDR skeleton such as `yMMMM`; shown in the site's `TIMEZONE`), `isodate` (the
  exact instant), `language_name(in_lang=None)` (`ko` ->
  `한국어`; in English: `Korean`), `og_locale` (`ko` -> `ko_KR`), `summary_of` (a
  post's summary in its own language's terms: the written `Summary:`, links resolved,
  or the first `SUMMARY_MAX_LENGTH` words of that language, Korean counted by words).
Dates come from Babel's CLDR data, so no system locale is needed.

Settings (defaults)
-------------------
- `BILINGUAL_TEMPLATES_LANG` (`"en"`): the language the templates' msgids are in.
- `BILINGUAL_LOCALEDIR` (None): a folder of the writer's own catalogs, looked in before
  the theme's `translations/`.
See `subsites` for how this sits beside pelican-i18n-subsites' own gettext.
"""

from __future__ import annotations

import datetime
import logging
import os
from dataclasses import dataclass

from pelican import signals

from .. import compat, subsites
from ..core import BuildStopped, LanguageSites, dependencies, site_timezone
from ..core.build_state import build_state
from ..core.settings import Setting
from .l10n import choose_translations, make_filters
from .summaries import automatic_summary

TEMPLATES_LANG = Setting(
    "BILINGUAL_TEMPLATES_LANG",
    "en",
    "a language tag",
    "The language the theme's UI strings (gettext msgids) are written in.",
)
LOCALEDIR = Setting(
    "BILINGUAL_LOCALEDIR",
    None,
    "a folder, or None",
    "A folder of UI catalogs of your own (`<lang>/LC_MESSAGES/messages.po`), looked in "
    "before the theme's `translations/` (English, Korean, Japanese, Spanish, Chinese in "
    "Simplified and Traditional): add a language, or reword one.",
)
SETTINGS = (TEMPLATES_LANG, LOCALEDIR)

log = logging.getLogger(__name__)

# In the build state: {site language: its `summary_of` filter's memo}.
SUMMARIES_KEY = "localization.summaries"


@dataclass(frozen=True)
class LocalizationSettings:
    """What localization reads from one site's settings."""

    lang: str
    sites: LanguageSites
    templates_lang: str
    localedir: tuple[str, ...]  # looked in in order
    tz: datetime.tzinfo

    @classmethod
    def from_settings(cls, settings) -> LocalizationSettings:
        """Read and check one site's settings; BuildStopped names a bad one."""
        templates_lang = TEMPLATES_LANG.read(settings)
        if not isinstance(templates_lang, str) or not templates_lang:
            raise BuildStopped(
                f"localization: invalid BILINGUAL_TEMPLATES_LANG {templates_lang!r}: "
                "give a language code such as 'en'"
            )
        # The writer's catalogs first, then the theme's (a language either lacks is English).
        theme = os.path.join(settings["THEME"], "translations")
        localedir = tuple(dict.fromkeys(d for d in (LOCALEDIR.read(settings), theme) if d))
        tz = site_timezone(settings)
        return cls(
            settings["DEFAULT_LANG"],
            subsites.language_sites(settings),
            templates_lang,
            localedir,
            tz,
        )


def check_settings(pelican):
    """`initialized`: stop on a bad setting; footnote links without English titles.

    Python-Markdown's footnotes give every back link the title "Jump back to footnote
    N in the text", in English on every language's pages; where the writer's `MARKDOWN`
    uses footnotes (`extra` or `footnotes`) without a `BACKLINK_TITLE`, it is emptied.
    """
    LocalizationSettings.from_settings(pelican.settings)
    markdown = pelican.settings.get("MARKDOWN")
    if markdown:
        pelican.settings["MARKDOWN"] = untitled_footnote_links(markdown)


def untitled_footnote_links(markdown: dict) -> dict:
    """`MARKDOWN` with `BACKLINK_TITLE: ""` for footnotes that set none (a new dict)."""
    configs = dict(markdown.get("extension_configs") or {})
    for name in ("markdown.extensions.extra", "markdown.extensions.footnotes"):
        if name not in configs:
            continue
        config = dict(configs[name] or {})
        if name.endswith("extra"):
            footnotes = dict(config.get("footnotes") or {})
            footnotes.setdefault("BACKLINK_TITLE", "")
            config["footnotes"] = footnotes
        else:
            config.setdefault("BACKLINK_TITLE", "")
        configs[name] = config
    return {**markdown, "extension_configs": configs}


def summary_filter(settings, config: LocalizationSettings):
    """The `summary_of` filter: a post's summary, written or automatic, for any language.

    A written `Summary:` gets its `{filename}` links resolved on this site (Pelican
    resolves them only for this site's own language); an automatic one counts words
    the way the post's language writes them, up to that language's
    `SUMMARY_MAX_LENGTH` (an `I18N_SUBSITES` value wins over the main one).
    The filter remembers each summary (`summary_of.memo`) until the engine puts a
    post's new text in place (`forget_summaries`).
    """
    done: dict = {}

    def summary_of(item):
        # Per page URL base too: with RELATIVE_URLS a summary's links depend on the
        # page that shows it (Pelican's `localsiteurl`).
        key = (id(item), compat.content_context(item).get("localsiteurl"))
        if key not in done:
            if "summary" in item.metadata:
                # From the text as written: Pelican resolved its links before
                # i18n-subsites moved other languages' URLs (subsites).
                if hasattr(item, "summary_source"):
                    item.metadata["summary"] = item.summary_source
                    compat.forget_summary(item)
                item.refresh_metadata_intersite_links()
                done[key] = item.summary
            else:
                done[key] = automatic_summary(
                    item.content,
                    item.lang,
                    subsites.language_setting(settings, item.lang, "SUMMARY_MAX_LENGTH"),
                    subsites.language_setting(settings, item.lang, "SUMMARY_MAX_PARAGRAPHS"),
                    settings.get("SUMMARY_END_SUFFIX", "…"),
                )
        return done[key]

    summary_of.memo = done
    return summary_of


def forget_summaries(generator) -> None:
    """`core.dependencies.TEXT_REPLACED`: a post's text changed; its summary may too."""
    summary_of = getattr(generator, "env", None) and generator.env.filters.get("summary_of")
    memo = getattr(summary_of, "memo", None)
    if isinstance(memo, dict):
        memo.clear()


def other_ui_langs(others, ui_langs: dict, own_ui: str) -> list[tuple[str, str]]:
    """[(lang, its UI language)] for the other languages whose UI text is new to a page.

    A language that falls back to another's text (or to this page's) adds nothing to a
    bilingual heading.
    """
    seen, found = {own_ui}, []
    for lang in others:
        if ui_langs[lang] not in seen:
            seen.add(ui_langs[lang])
            found.append((lang, ui_langs[lang]))
    return found


def site_locale(settings, lang: str) -> str:
    """The first of `lang`'s site's `LOCALE` values (Pelican's setting: str or list)."""
    found = subsites.language_setting(settings, lang, "LOCALE") or ""
    return str(found if isinstance(found, str) else next(iter(found), ""))


def install(generators):
    """`all_generators_finalized`: catalogs, `gettext_in` and filters in every template env."""
    config = LocalizationSettings.from_settings(generators[0].settings)
    catalogs, ui_langs = {}, {}
    for lang in config.sites.langs:
        catalogs[lang], ui_langs[lang], warning = choose_translations(
            config.localedir,
            lang,
            config.sites.main_lang,
            config.templates_lang,
            locale_hint=site_locale(generators[0].settings, lang),
        )
        # Once per build, from the main site, which reads (and `invoke check` checks)
        # before any other language's site is built; only for the bundle's theme (a
        # writer's own theme has UI text of its own, not these catalogs' strings).
        settings = generators[0].settings
        if warning and subsites.is_main_site(settings) and subsites.uses_bundle_theme(settings):
            log.warning(warning)

    def gettext_in(lang, message, **variables):
        text = catalogs[lang].gettext(message) if lang in catalogs else message
        return text % variables if variables else text

    filters = make_filters(config.lang, config.tz)
    filters["summary_of"] = summary_filter(generators[0].settings, config)
    # Where the engine's second process finds this site's summaries (`summaries_made`).
    memos = build_state(generators[0].settings).setdefault(SUMMARIES_KEY, {})
    memos[config.lang] = filters["summary_of"].memo
    for generator in generators:
        env = getattr(generator, "env", None)
        if env is None:
            continue
        subsites.install_gettext(env, catalogs[config.lang])
        env.filters.update(filters)
        env.globals["gettext_in"] = gettext_in
        env.globals["UI_LANG"] = ui_langs[config.lang]
        env.globals["UI_OTHERS"] = other_ui_langs(
            config.sites.others(config.lang), ui_langs, ui_langs[config.lang]
        )


def summaries_made(settings):
    """`core.dependencies.CHILD_RESULTS`: the summaries the engine's second process made.

    It wrote every other post page of the site, each with its post's summary (the
    page's description); the build's lists need them all again. Keyed by the post
    object's `id`, which the forked process shares with the build.
    """
    memo = (build_state(settings).get(SUMMARIES_KEY) or {}).get(settings["DEFAULT_LANG"])
    return (__name__, dict(memo)) if memo else None


def take_summaries(settings, results):
    """`core.dependencies.CHILD_RESULTS_TAKEN`: the second process's summaries, kept."""
    memo = (build_state(settings).get(SUMMARIES_KEY) or {}).get(settings["DEFAULT_LANG"])
    made = results.get(__name__)
    if memo is not None and isinstance(made, dict):
        for key, summary in made.items():
            memo.setdefault(key, summary)


def catalog_folders(settings):
    """`core.dependencies.INPUT_FOLDERS`: the writer's own UI catalogs (`BILINGUAL_LOCALEDIR`)."""
    folder = LOCALEDIR.read(settings)
    return [folder] if folder else []


def register():
    """Connect the handlers, in the order they fire."""
    dependencies.INPUT_FOLDERS.connect(catalog_folders)
    dependencies.TEXT_REPLACED.connect(forget_summaries)
    dependencies.CHILD_RESULTS.connect(summaries_made)
    dependencies.CHILD_RESULTS_TAKEN.connect(take_summaries)
    signals.initialized.connect(check_settings)
    signals.all_generators_finalized.connect(install)
