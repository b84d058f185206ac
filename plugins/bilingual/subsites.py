"""The adapter for pelican-i18n-subsites: everything the bundle does because of it.

pelican-i18n-subsites (the design keeps it) builds one site per language inside one
process. This module is the only place that knows how it does that; plugins ask it.

The contract
------------
Settings (`configure`, on `initialized` of the main site, before i18n-subsites reads
`I18N_SUBSITES` at `get_generators`):
- each language's site writes only its own language's content, whatever its status:
  `I18N_UNTRANSLATED_ARTICLES` / `_PAGES` are "remove", and `I18N_GENERATORS_INFO`
  makes i18n-subsites filter drafts and hidden posts and pages too (by itself it
  leaves another language's drafts and hidden content on every site, where they are
  written under this site's language or overwrite its own version);
- `FILENAME_METADATA` becomes `filename_pattern(settings)`: a file named
  `[YYYY-MM-DD-]<slug>.<lang>.md` gives its date (as Pelican's default does), slug and
  language; a file without a language suffix gets Pelican's usual treatment (date
  from a date prefix, slug from the title). A writer's own `FILENAME_METADATA` is
  kept: applied as it is when it names `lang` itself; when it names `slug`, the
  language still comes from the `.<lang>` suffix (and leaves the slug); otherwise it is
  combined with the `<slug>.<lang>` suffix. `DEFAULT_METADATA["lang"]` becomes the
  main language, so a file that names no language belongs to the main site;
- every `*_LANG_URL` / `*_LANG_SAVE_AS` equals `*_URL` / `*_SAVE_AS`: each language has
  its own site, so a translation keeps its path there;
- each subsite gets the main site's `STATIC_PATHS` and `THEME_STATIC_DIR` and no
  `THEME_STATIC_PATHS` (the theme's files are published once, by the main site; so
  are images and other static files: `share_static_files`), and
  its own site URL as `FEED_DOMAIN` unless the writer set one (feeds' self links);
- Pelican's "all articles" feeds (`FEED_ALL_ATOM`, `FEED_ALL_RSS`; Pelican's default
  writes `feeds/all.atom.xml`) would mix every translation into each language's feed:
  when the writer set no `FEED_ATOM` / `FEED_RSS` of their own (or the same file), the
  feed becomes the language's own (`FEED_ATOM` at the same address) and the "all"
  feed is dropped (`language_feeds`);
- `OUTPUT_PATH` is made absolute (Pelican's default, `output`, is relative to the
  folder the build runs in), so plugins can compare it with the paths written;
- the templates are always autoescaped (`JINJA_ENVIRONMENT["autoescape"]`; Pelican's
  default environment does not escape, and titles and tags are plain text), with
  `trim_blocks` and `lstrip_blocks` as Pelican's default has them unless set;
- the language sites are stored in the settings under `LANGUAGE_SITES`, which every
  subsite inherits; read them with `language_sites(settings)`. The main site's own
  settings are kept too (`language_setting(settings, lang, key)` gives any
  language's value of a setting). They follow the layout
  i18n-subsites gives its `lang_siteurls`: a subsite's `SITEURL` override, else the
  main `SITEURL` + `/<lang>`.

Run order (what the plugins rely on):
1. The main site reads every content file and runs `all_generators_finalized`; the
   content checks run here, once, for every language (`is_main_site`).
2. At the main site's `get_writer`, i18n-subsites builds each subsite in turn, whole:
   settings, reading, `all_generators_finalized`, writing, `finalized`.
3. After the last subsite's contexts are ready, i18n-subsites rewrites the `url` of
   content in another language into a relative `../` form and puts `lang_siteurls`
   and `main_lang` in every context. So a plugin that needs an item's URL on its own
   language's site takes it at `all_generators_finalized` (`capture_site_urls`: the
   `href` attribute).
4. The main site writes last, and its `finalized` runs after every subsite's: the
   place for work on the whole output (`is_main_site`).

Reading: each language's site reads every content file; `read_once` makes the
second and later reads of a file in one build reuse the first (and, with `READ_CACHE`,
a later build reuse what an earlier one read: `read_cache`), and a
`SharedBytecodeCache` in `JINJA_ENVIRONMENT` compiles each template once per build
(no module state: both caches live in the build's settings).

Pelican's `Translation: true` marks the translated version of a post; Pelican then
treats the other version as the original on every site, and i18n-subsites removes a
site's own-language version from it (and fails to link it). `prepare_metadata` takes
the flag out of the metadata before Pelican sees it and keeps it as `is_translation`
(the content checks use it to tell the source from its translations), so each site
lists its own language's version.

Gettext: i18n-subsites installs catalogs from `.mo` files when `JINJA_ENVIRONMENT`
lists the extension by its short name `jinja2.ext.i18n`. The bundle names it by class
(`jinja2.ext.InternationalizationExtension`, in a writer's `JINJA_ENVIRONMENT` too), which
it ignores, and the
bundle's `localization` plugin installs catalogs compiled from `.po` files
(`install_gettext`).

i18n-subsites keeps its state at module level, so a build runs in a process of its
own: `run_pelican` is the one way tasks, tests and benchmarks start one.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import posixpath
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from babel import Locale, UnknownLocaleError
from pelican import signals
from pelican.readers import RstReader
from pelican.settings import DEFAULT_CONFIG

from . import compat
from .core.findings import BuildStopped
from .core.settings import Setting
from .core.sites import (
    COMPUTED_ATTRIBUTES,
    COUNTRY_NOT_LANGUAGE,
    MISSING_TRANSLATION_ID,
    LanguageSites,
    join_url,
    translation_ids,
)
from .engine import read_ahead, read_cache
from .engine.settings import READ_CACHE

log = logging.getLogger(__name__)

# Any language tag's shape; a build uses the site's own languages (`lang_suffix`).
LANG_SUFFIX = r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?"


def slug_lang(suffix: str) -> str:
    """`<slug>.<lang>` at the end of a file name (without its extension)."""
    return rf"(?:(?P<slug>.+)\.(?P<lang>{suffix})$)?"


def default_pattern(suffix: str) -> str:
    """Pelican's own date prefix (`2026-04-19-`, optional), then `<slug>.<lang>`."""
    return rf"(?:(?P<date>\d{{4}}-\d{{2}}-\d{{2}})[-_])?{slug_lang(suffix)}"


SLUG_LANG = slug_lang(LANG_SUFFIX)
FILENAME_PATTERN = default_pattern(LANG_SUFFIX)
FILENAME_PATTERN_SETTING = Setting(
    "BILINGUAL_FILENAME_PATTERN",
    FILENAME_PATTERN,
    "a regular expression with (?P<slug>) and (?P<lang>) groups",
    "How a file name gives a post's slug and language; replaces the whole rule (by default "
    "`<slug>.<lang>` at the end of the name, after Pelican's date prefix or your "
    "`FILENAME_METADATA`).",
)
SETTINGS = (FILENAME_PATTERN_SETTING,)
PELICAN_FILENAME_METADATA = r"(?P<date>\d{4}-\d{2}-\d{2}).*"
SITES_KEY = "LANGUAGE_SITES"
MAIN_SETTINGS_KEY = "MAIN_SITE_SETTINGS"
URL_KINDS = ("ARTICLE", "DRAFT", "PAGE", "DRAFT_PAGE", "STATIC")
EXTRA_SETTINGS_FLAGS = ("-e", "--extra-settings")
I18N_EXTENSION = "jinja2.ext.InternationalizationExtension"


def site_urls(main_lang: str, main_siteurl: str, subsites: Mapping) -> LanguageSites:
    """The language sites as i18n-subsites lays them out (see the module docstring).

    `subsites` is `I18N_SUBSITES` ({lang: overrides or None}); URLs lose a trailing `/`.
    """
    base = main_siteurl.rstrip("/")
    urls = [(main_lang, base)]
    for lang, overrides in subsites.items():
        url = (overrides or {}).get("SITEURL")
        urls.append((lang, url.rstrip("/") if url is not None else f"{base}/{lang}"))
    return LanguageSites(tuple(urls))


def language_sites(settings: Mapping) -> LanguageSites:
    """The language sites of this build, from any site's settings."""
    stored = settings.get(SITES_KEY)
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
    return settings.get(MAIN_SETTINGS_KEY, settings).get(key, default)


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
    if missing and SITES_KEY in settings and is_main_site(settings):
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
    for target in (settings, settings.get(MAIN_SETTINGS_KEY)):
        if target is not None:
            templates = list(target.get("DIRECT_TEMPLATES", []))
            if name not in templates:
                target["DIRECT_TEMPLATES"] = [*templates, name]


def is_main_site(settings: Mapping) -> bool:
    """Whether these settings are the main language's site (it reads first, writes last)."""
    return settings["DEFAULT_LANG"] == language_sites(settings).main_lang


def as_it_is(item):
    """i18n-subsites' `hiding_func` for content it keeps: the item unchanged."""
    return item


def generators_info() -> dict:
    """`I18N_GENERATORS_INFO`: every status list of posts and pages, filtered by language.

    Each (contents, other) pair loses its other-language items (policy "remove"), and
    records its own-language items' URLs for i18n-subsites' cross-site links.
    """
    from pelican.generators import ArticlesGenerator, PagesGenerator

    return {
        ArticlesGenerator: {
            "translations_lists": ["translations", "drafts_translations", "hidden_translations"],
            "contents_lists": [
                ("articles", "drafts"),
                ("drafts", "hidden_articles"),
                ("hidden_articles", "articles"),
            ],
            "hiding_func": as_it_is,
            "policy": "I18N_UNTRANSLATED_ARTICLES",
        },
        PagesGenerator: {
            "translations_lists": ["translations", "hidden_translations", "draft_translations"],
            "contents_lists": [
                ("pages", "hidden_pages"),
                ("hidden_pages", "draft_pages"),
                ("draft_pages", "pages"),
            ],
            "hiding_func": as_it_is,
            "policy": "I18N_UNTRANSLATED_PAGES",
        },
    }


def prepare_metadata(generator, metadata) -> None:
    """`*_generator_context`: a post's metadata, before Pelican makes the post of it.

    - `Translation: true` becomes `is_translation` (see the module docstring).
    - A slug that a writer's own `FILENAME_METADATA` took with the language suffix
      (`hand-plane.de`) loses the suffix, so the versions pair.
    - A language typed in another case than the settings' (`KO`) is spelled as there.
    - The written `Summary:` is kept as `summary_source`: Pelican resolves its
      `{filename}` links before i18n-subsites moves other languages' URLs, so the
      `localization` plugin resolves them again from this text when it shows it.
    - A field that `ARTICLE_TRANSLATION_ID` / `PAGE_TRANSLATION_ID` names and the file
      lacks becomes `MISSING_TRANSLATION_ID`, which the content checks report.
    """
    flag = metadata.pop("translation", None)
    if flag is not None and str(flag).strip().lower() not in ("false", "no", "0", ""):
        metadata["is_translation"] = True
    slug, lang = metadata.get("slug"), metadata.get("lang")
    if isinstance(slug, str) and isinstance(lang, str) and slug.endswith(f".{lang}"):
        metadata["slug"] = slug[: -len(lang) - 1]
    settings = getattr(generator, "settings", None) or {}
    if isinstance(lang, str) and SITES_KEY in settings:
        # `notes.KO.md`: the language as the settings spell it (tags ignore case).
        metadata["lang"] = language_sites(settings).spelled(lang)
    if "summary" in metadata:
        metadata["summary_source"] = metadata["summary"]
    # A translation id field the file lacks: Pelican would stop with an AttributeError
    # before any check runs; the content checks name the file instead.
    from pelican.generators import PagesGenerator

    kind = "PAGE" if isinstance(generator, PagesGenerator) else "ARTICLE"
    for name in translation_ids(settings, kind):
        if name not in COMPUTED_ATTRIBUTES and name not in metadata:
            metadata[name] = MISSING_TRANSLATION_ID


def language_tag_problem(code) -> str | None:
    """Why `code` is not a language tag (BCP 47, as CLDR knows them), or None.

    `ko`, `en-US`, `zh_Hant` and `pt-BR` are tags; `jp` (a country) and `geopolitics`
    are not.
    """
    if not isinstance(code, str) or not code:
        return f"{code!r} is not a language tag"
    hint = COUNTRY_NOT_LANGUAGE.get(code.lower())
    if hint:
        return f"'{code}' is a country code, not a language tag (did you mean '{hint}'?)"
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return f"'{code}' is not a language tag that CLDR knows (e.g. 'en', 'ko', 'pt-BR')"
    if locale.language != code.replace("-", "_").split("_")[0].lower():
        return f"'{code}' is not a language tag that CLDR knows (e.g. 'en', 'ko', 'pt-BR')"
    return None


def check_languages(settings) -> None:
    """Stop the build on languages it cannot build (BuildStopped names the setting).

    `DEFAULT_LANG` and each `I18N_SUBSITES` key must be a language tag, and
    `DEFAULT_LANG` must not be an `I18N_SUBSITES` key too (one site per language).
    """
    for where, code in [("DEFAULT_LANG", settings["DEFAULT_LANG"])] + [
        ("I18N_SUBSITES key", key) for key in settings.get("I18N_SUBSITES", {})
    ]:
        problem = language_tag_problem(code)
        if problem:
            raise BuildStopped(
                f"common: invalid {where}: {problem}; it becomes <html lang> and hreflang, "
                "so it must be a language tag (BCP 47)"
            )
    main = str(settings["DEFAULT_LANG"]).lower()
    again = [key for key in settings.get("I18N_SUBSITES", {}) if str(key).lower() == main]
    if again:
        # i18n-subsites would build the main language twice, once into output/<lang>/
        # inside the main site's own folder, and the search step fails on it.
        raise BuildStopped(
            f"common: invalid I18N_SUBSITES: '{again[0]}' is DEFAULT_LANG, the main site at /; "
            f"I18N_SUBSITES lists the other languages only. Take '{again[0]}' out of "
            "I18N_SUBSITES (its posts are then at /posts/... instead of "
            f"/{again[0]}/posts/...), or make another language DEFAULT_LANG"
        )


def lang_suffix(settings: Mapping) -> str:
    """The language part of a file name: one of the site's languages, in any case.

    `notes.v2.en.md` is English and `using.the.api.md` a main-language post named
    `using.the.api`, as Pelican would read it (`api` is not a site language). Without
    languages in `settings` (no `DEFAULT_LANG`), any language tag's shape.
    """
    if not settings.get("DEFAULT_LANG"):
        return LANG_SUFFIX
    langs = {settings["DEFAULT_LANG"], *(settings.get("I18N_SUBSITES") or {})}
    # Longest first: `pt-BR` before `pt`.
    ordered = sorted(langs, key=lambda lang: (-len(lang), lang))
    return "(?i:" + "|".join(re.escape(lang) for lang in ordered) + ")"


def filename_pattern(settings: Mapping) -> str:
    """The `FILENAME_METADATA` the bundle installs (see the module docstring).

    `BILINGUAL_FILENAME_PATTERN` wins when set. Raises BuildStopped when the writer's
    `FILENAME_METADATA` is not a regular expression.
    """
    if settings.get(FILENAME_PATTERN_SETTING.name):
        return settings[FILENAME_PATTERN_SETTING.name]
    suffix = lang_suffix(settings)
    own = settings.get("FILENAME_METADATA")
    if not own or own == PELICAN_FILENAME_METADATA:
        return default_pattern(suffix)
    try:
        groups = re.compile(own).groupindex
    except (re.error, TypeError) as bad:
        raise BuildStopped(f"common: invalid FILENAME_METADATA {own!r}: {bad}") from None
    if "lang" in groups:
        return own
    if "slug" in groups:
        # The writer's slug, and the language from the suffix (`prepare_metadata` then
        # takes the suffix off the slug).
        return rf"(?:(?=.*\.(?P<lang>{suffix})$))?{own}"
    ours = slug_lang(suffix) if "date" in groups else default_pattern(suffix)
    # The writer's groups from a look-ahead at the start, then the bundle's suffix.
    return rf"(?:(?=(?:{own})))?{ours}"


# Pelican settings whose wrong type would fail deep inside a build: (name, allowed, text).
NUMBER_SETTINGS = (
    ("DEFAULT_PAGINATION", lambda v: v in (False, None) or _whole(v, 1), "a whole number or False"),
    ("SUMMARY_MAX_LENGTH", lambda v: v is None or _whole(v, 0), "a whole number or None"),
    ("SUMMARY_MAX_PARAGRAPHS", lambda v: v is None or _whole(v, 1), "a whole number or None"),
)


def _whole(value, least: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


def check_numbers(settings) -> None:
    """Stop the build on a Pelican number setting of the wrong type, naming it.

    Checks the main settings and every `I18N_SUBSITES` entry (Pelican itself would
    fail mid-build, after writing part of the site).
    """
    places = [("", settings)] + [
        (f"I18N_SUBSITES['{lang}']", overrides or {})
        for lang, overrides in settings.get("I18N_SUBSITES", {}).items()
    ]
    for where, values in places:
        for name, allowed, text in NUMBER_SETTINGS:
            if name in values and not allowed(values[name]):
                raise BuildStopped(
                    f"common: invalid {where}{'[' + repr(name) + ']' if where else name} "
                    f"{values[name]!r}: {text}"
                )


def configure(pelican) -> None:
    """`initialized`: the settings every language's site needs (main site only)."""
    settings = pelican.settings
    if SITES_KEY in settings:
        # A subsite: it inherits the main site's configured settings. Pelican lowercased
        # its DEFAULT_LANG (`pt-BR` -> `pt-br`); it is spelled as I18N_SUBSITES has it
        # again, as i18n-subsites' own tables and every lookup here are keyed that way.
        settings["DEFAULT_LANG"] = language_sites(settings).spelled(settings["DEFAULT_LANG"])
        return
    check_languages(settings)
    check_numbers(settings)
    content_cache_off(settings)
    date_formats_without_locales(settings)
    settings["OUTPUT_PATH"] = pelican.output_path = os.path.abspath(settings["OUTPUT_PATH"])
    language_feeds(settings)
    settings["BILINGUAL_FILENAME_PATTERN"] = settings["FILENAME_METADATA"] = filename_pattern(
        settings
    )
    settings["I18N_UNTRANSLATED_ARTICLES"] = "remove"
    settings["I18N_UNTRANSLATED_PAGES"] = "remove"
    settings["I18N_GENERATORS_INFO"] = generators_info()
    metadata = dict(settings.get("DEFAULT_METADATA") or {})
    metadata.setdefault("lang", settings["DEFAULT_LANG"])
    settings["DEFAULT_METADATA"] = metadata
    unused_lang_urls(settings)
    for kind in URL_KINDS:
        for suffix in ("URL", "SAVE_AS"):
            if f"{kind}_{suffix}" in settings:
                settings[f"{kind}_LANG_{suffix}"] = settings[f"{kind}_{suffix}"]
    subsites = {lang: dict(over or {}) for lang, over in settings.get("I18N_SUBSITES", {}).items()}
    sites = site_urls(settings["DEFAULT_LANG"], settings["SITEURL"], subsites)
    feed_domain_is_siteurl = settings.get("FEED_DOMAIN", "") in ("", settings["SITEURL"])
    for lang, overrides in subsites.items():
        overrides.setdefault("THEME_STATIC_DIR", settings["THEME_STATIC_DIR"])
        overrides.setdefault("THEME_STATIC_PATHS", [])
        overrides.setdefault("STATIC_PATHS", list(settings["STATIC_PATHS"]))
        if feed_domain_is_siteurl:
            overrides.setdefault("FEED_DOMAIN", sites.siteurl(lang))
    settings["I18N_SUBSITES"] = subsites
    settings[SITES_KEY] = sites
    settings[MAIN_SETTINGS_KEY] = {
        key: value for key, value in settings.items() if key != "I18N_SUBSITES"
    }
    settings[READ_CACHE_KEY] = open_read_cache(settings)
    environment = dict(settings.get("JINJA_ENVIRONMENT") or {})
    # By class: i18n-subsites looks for the short name to install `.mo` catalogs from
    # the theme, which the bundle's theme does not ship (see Gettext above).
    environment["extensions"] = [
        I18N_EXTENSION if extension == "jinja2.ext.i18n" else extension
        for extension in environment.get("extensions") or ()
    ]
    environment.setdefault("bytecode_cache", SharedBytecodeCache(template_cache(settings)))
    environment["autoescape"] = True
    environment.setdefault("trim_blocks", True)
    environment.setdefault("lstrip_blocks", True)
    settings["JINJA_ENVIRONMENT"] = environment


def unused_lang_urls(settings: Mapping) -> None:
    """Warn once for each `*_LANG_URL` / `*_LANG_SAVE_AS` the writer set: it is not used.

    Pelican writes a translation at `ARTICLE_LANG_URL` (`{slug}-{lang}.html`) on the one
    site; here each language has a site of its own, where a translation is written at
    `ARTICLE_URL` under the language's prefix (`/ko/...`), so the writer's addresses for
    translations change. Pelican's own defaults are not the writer's and say nothing.
    """
    other = next(iter(settings.get("I18N_SUBSITES") or {}), None)
    for kind in URL_KINDS:
        for suffix in ("URL", "SAVE_AS"):
            key = f"{kind}_LANG_{suffix}"
            own = settings.get(key)
            now = settings.get(f"{kind}_{suffix}", DEFAULT_CONFIG.get(f"{kind}_{suffix}"))
            if own is None or own == DEFAULT_CONFIG.get(key) or same_address(own, now):
                continue
            example = f"/{other}/{now}" if other else f"/<lang>/{now}"
            log.warning(
                "%s %r is not used: each language has its own site, where a translation "
                "is written at %s_%s (%s for %s); links to the old addresses need "
                "redirects",
                key,
                own,
                kind,
                suffix,
                example,
                other or "another language",
            )


def same_address(lang_pattern: str, pattern) -> bool:
    """Whether a `*_LANG_*` pattern gives what the language's own site writes anyway.

    Empty (nothing written, as publishing sets drafts), the same pattern, or the pattern
    under a `{lang}/` prefix (`{lang}/{slug}/` and `{slug}/`: `/ja/{slug}/` either way).
    """
    own, now = str(lang_pattern).lstrip("/"), str(pattern or "").lstrip("/")
    return own == "" or own == now or own == f"{{lang}}/{now}"


def date_formats_without_locales(settings: dict) -> None:
    """`DATE_FORMATS` entries `(locale, format)` keep their format only.

    Pelican switches the process to that locale (`locale.setlocale`) for each post, and
    a locale the system lacks stops the file from being read ("unsupported locale
    setting"). The theme writes dates with Babel, in each language's own form, with no
    system locale; the format is still there for a writer's own templates.
    """

    def formats(table):
        if not isinstance(table, Mapping):
            return table
        return {
            lang: value[1] if isinstance(value, (tuple, list)) and len(value) == 2 else value
            for lang, value in table.items()
        }

    settings["DATE_FORMATS"] = formats(settings.get("DATE_FORMATS") or {})
    for overrides in (settings.get("I18N_SUBSITES") or {}).values():
        if isinstance(overrides, dict) and "DATE_FORMATS" in overrides:
            overrides["DATE_FORMATS"] = formats(overrides["DATE_FORMATS"])


def content_cache_off(settings: dict) -> None:
    """Turn Pelican's content cache (`CACHE_CONTENT`, `LOAD_CONTENT_CACHE`) off.

    It pickles every post together with its settings, which hold this build's own
    caches and cannot be pickled, and a cache file cut short by that stops every later
    build (`EOFError`). The reader cache (`READ_CACHE`, `engine.read_cache`) keeps what
    the readers made instead, so a blog that had the setting on builds as fast.
    """
    if settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE"):
        log.info(
            "CACHE_CONTENT: Pelican's content cache is off; the bundle's reader cache "
            "(READ_CACHE) keeps what the readers made between builds"
        )
    settings["CACHE_CONTENT"] = settings["LOAD_CONTENT_CACHE"] = False


def language_feeds(settings: dict) -> None:
    """Turn Pelican's "all articles" feeds into each language's own, in place.

    Under i18n-subsites every language's site writes `FEED_ALL_ATOM` with the site's
    posts and all their translations (Pelican's `generate_feeds`), so Pelican's default
    (`feeds/all.atom.xml`) mixes languages. When `FEED_ATOM` is unset or names the same
    file, it takes `FEED_ALL_ATOM`'s address (its readers keep their subscription) and
    `FEED_ALL_ATOM` is dropped; likewise `FEED_RSS` and `FEED_ALL_RSS`. A writer who set
    both to different files keeps both.
    """
    for kind in ("ATOM", "RSS"):
        every, own = settings.get(f"FEED_ALL_{kind}"), settings.get(f"FEED_{kind}")
        if every and (not own or own == every):
            settings[f"FEED_{kind}"] = every
            settings[f"FEED_ALL_{kind}"] = None


def capture_site_urls(items: Iterable, sites: LanguageSites, current_lang: str) -> None:
    """Set `href` on every item: its URL on its own language's site.

    Call at `all_generators_finalized`, before i18n-subsites rewrites `url` (step 3 of
    the run order). An item in a language without a site keeps this site's URL.
    """
    for item in items:
        lang = item.lang if item.lang in sites.langs else current_lang
        item.href = join_url(sites.siteurl(lang), item.url)


def share_static_files(generator) -> None:
    """`static_generator_finalized`: a subsite's static files are the main site's.

    An image that both languages use is written once, where the main site writes it,
    and every language links there: its URL becomes root-relative on the main site
    (Pelican joins it to a subsite's URL with `urljoin`, which keeps the root path),
    its `save_as` points into the main site's folder. A file that a post `{attach}`es
    moves next to that post where the main site has it: the same path, since every
    language's site uses the same URL patterns (`attach_on_main_site`).
    """
    settings = generator.settings
    if is_main_site(settings):
        # What the main site copies, and which files some site attaches next to a post
        # (the subsites' settings, copied from these later, share both).
        settings[MAIN_STATICS_KEY] = {static.source_path for static in generator.staticfiles}
        settings[ATTACHED_KEY] = set()
        return
    attached = settings.get(ATTACHED_KEY)
    sites = language_sites(settings)
    main_path = urlsplit(sites.siteurl(sites.main_lang)).path.rstrip("/")
    main_output = settings.get(MAIN_SETTINGS_KEY, {}).get("OUTPUT_PATH")
    if not main_output:
        return
    to_main = os.path.relpath(main_output, settings["OUTPUT_PATH"]).replace(os.sep, "/")
    for static in generator.staticfiles:
        static.override_url = f"{main_path}/{static.url}"
        static.override_save_as = posixpath.join(to_main, static.save_as)
        static.attach_to = functools.partial(
            attach_on_main_site, static, main_path, to_main, attached
        )


def copy_statics_once(generator, writer=None) -> None:
    """`page_writer_finalized` (before a site copies its static files): each file once.

    Pelican writes an `{attach}`ed file only next to the post that links it. With one
    site per language, a site that does not show that post (its language has no
    version of it) would still copy the file to its own place. So a subsite copies only
    what it attached itself or what the main site does not have (the main site copies
    the rest); the main site, written last, leaves out a file that a subsite attached
    and the main site did not.
    """
    settings = generator.settings
    statics = generator.context.get("staticfiles")
    main_has, attached = settings.get(MAIN_STATICS_KEY), settings.get(ATTACHED_KEY)
    if not statics or main_has is None or attached is None:
        return
    if is_main_site(settings):
        kept = [
            s for s in statics if "override_save_as" in vars(s) or s.source_path not in attached
        ]
    else:
        kept = [
            s
            for s in statics
            if getattr(s, "attached_here", False) or s.source_path not in main_has
        ]
    statics[:] = kept


def attach_on_main_site(static, main_path: str, to_main: str, attached, content) -> None:
    """`Static.attach_to` on a subsite: Pelican's own rule, moved to the main site.

    Pelican puts an `{attach}`ed file next to the post that links it; on a subsite that
    place is under `/<lang>/`. The same relative place on the main site is where the
    main language's version of the post attaches it (or, for a post in this language
    only, a place no other file takes), so the file is written once.
    """
    del static.override_url, static.override_save_as
    static._output_location_referenced = False
    type(static).attach_to(static, content)
    if hasattr(static, "override_save_as"):
        static.override_url = f"{main_path}/{static.override_url}"
        static.override_save_as = posixpath.join(to_main, static.override_save_as)
        static.attached_here = True
        if attached is not None:
            attached.add(static.source_path)


READ_CACHE_KEY = "bundle_read_cache"
# Settings keys: the main site's static source paths; those some site attached.
MAIN_STATICS_KEY = "bundle_main_statics"
ATTACHED_KEY = "bundle_attached_statics"


class SharedBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates, kept in memory for every language's site of a build.

    Each site (and each of its generators) makes its own Jinja environment; without
    this every one of them compiles every template again. Jinja checks the template
    source's checksum before reusing code, so a changed template is compiled anew.
    """

    def __init__(self, kept: jinja2.BytecodeCache | None = None):
        """An empty cache; `kept`: where earlier builds' compiled templates are, if any."""
        self.compiled: dict[str, bytes] = {}
        self.kept = kept

    def load_bytecode(self, bucket) -> None:
        """Jinja's hook: fill `bucket` from the cache when it has this template."""
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])
        elif self.kept is not None:
            self.kept.load_bytecode(bucket)
            if bucket.code is not None:
                self.compiled[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket) -> None:
        """Jinja's hook: keep `bucket`'s compiled code."""
        self.compiled[bucket.key] = bucket.bytecode_to_string()
        if self.kept is not None:
            try:
                self.kept.dump_bytecode(bucket)
            except OSError as problem:  # CACHE_PATH read-only, full...
                log.warning("common: compiled templates not kept: %s", problem)
                self.kept = None


def template_cache(settings: Mapping) -> jinja2.BytecodeCache | None:
    """Jinja's own file cache of compiled templates in `CACHE_PATH/templates`, or None.

    Kept with `READ_CACHE` (default True). Jinja reuses compiled code only while the
    template's source is unchanged (it compares checksums); code compiled with other
    environment options (`JINJA_ENVIRONMENT`, the Jinja version, the plugins' code) is
    not valid, so the folder is emptied when those change.
    """
    if not READ_CACHE.read(settings):
        return None
    folder = Path(settings.get("CACHE_PATH") or "cache") / "templates"
    options = {
        k: v for k, v in (settings.get("JINJA_ENVIRONMENT") or {}).items() if k != "bytecode_cache"
    }
    digest = hashlib.sha256(
        f"{read_cache.stable_repr(options)};jinja2 {jinja2.__version__}".encode()
    )
    for path in read_cache.plugin_sources(settings):
        digest.update(path.read_bytes())
    marker = folder / "environment"
    try:
        if not marker.is_file() or marker.read_text(encoding="utf-8") != digest.hexdigest():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True, exist_ok=True)
            marker.write_text(digest.hexdigest(), encoding="utf-8")
    except OSError as problem:
        log.warning("common: compiled templates not kept in %s: %s", folder, problem)
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def open_read_cache(settings: Mapping) -> read_cache.ReadCache:
    """This build's reader cache, with what earlier builds kept when `READ_CACHE` is on.

    `READ_CACHE` (default True) keeps reader outputs between builds in `CACHE_PATH`
    (`read_cache` says how they are keyed and when they are dropped).
    """
    if not READ_CACHE.read(settings):
        return read_cache.ReadCache()
    path = Path(settings.get("CACHE_PATH") or "cache") / read_cache.FILE_NAME
    expected = read_cache.fingerprint(
        settings, read_cache.library_versions(), read_cache.plugin_sources(settings)
    )
    return read_cache.ReadCache(path, expected, stored=read_cache.load(path, expected))


def save_read_cache(pelican) -> None:
    """`finalized`: keep this build's reader outputs for the next (main site only).

    Only when `release_read_cache` did not already (a site that never read).
    """
    cache = pelican.settings.get(READ_CACHE_KEY)
    if cache is not None and is_main_site(pelican.settings) and not cache.released:
        if cache.ahead:
            cache.ahead.close()
        read_cache.save(cache)


def release_subsite(pelican) -> None:
    """`finalized`: a subsite that has written its files lets its content go.

    i18n-subsites keeps every language site's generators until the next build (it
    links translations with them before any site writes), and Pelican memoizes each
    post's `get_content` and `get_summary` with the post in the key. Both keep a
    written subsite's posts, templates and list memos alive while the main site
    writes, about as much memory again as the main site's own. Once a subsite has
    written, nothing reads them: its generators leave i18n-subsites' list and its
    posts leave Pelican's memos, so the main site writes in the memory they held.
    (Under `invoke serve` the kept build holds the generators it needs itself.)
    """
    settings = pelican.settings
    if is_main_site(settings):
        return
    compat.forget_subsite_generators(settings)
    compat.forget_site(settings)


def release_read_cache(generators) -> None:
    """`all_generators_finalized`: once every language's site has read, save and let go.

    After the last site's contexts are made nothing reads a content file again in
    this build, so the reader outputs are saved for the next build then, and the
    build stops holding them: the posts keep what their sites made of them (their
    HTML after `content_object_init` changed it). At 1,000 EN/KO pairs this frees
    a second copy of every post's HTML before the sites write, where the peak memory
    is. A file read after this (a post `invoke serve` rewrites in place) is read
    and kept in memory again, not saved.
    """
    settings = generators[0].settings
    cache = settings.get(READ_CACHE_KEY)
    if cache is None or cache.released:
        return
    cache.sites_read += 1
    if cache.sites_read < len(language_sites(settings).langs):
        return
    if cache.ahead:
        cache.ahead.close()
    read_cache.save(cache)
    cache.released = True
    for kept in (cache.memory, cache.stored, cache.used, cache.texts, cache.derived):
        kept.clear()


def shared_result(settings: Mapping, name: str, key, make):
    """`make()`, or what it gave for `key` earlier in this build, on any language's site.

    For work on a post's HTML at `content_object_init`, which runs on every language's
    site for the posts of every language (i18n-subsites gives each site all of them):
    the result is kept in the build's `ReadCache` under `name` until every site has
    read (`release_read_cache`), so one HTML is worked on once per build. `key`
    (hashable) must hold every input of `make`; results are shared, so they must not
    be changed (a string, a tuple). Without a read cache, or after the release (a post
    `invoke serve` rewrites), `make()` is called.
    """
    cache = settings.get(READ_CACHE_KEY)
    if cache is None or cache.released:
        return make()
    kept = cache.derived.setdefault(name, {})
    if key not in kept:
        kept[key] = make()
    return kept[key]


def read_once(readers) -> None:
    """`readers_init`: every language's site, and the next build, reuse a reader's work.

    i18n-subsites has each language's site read every content file again; the
    Markdown or docutils output is the same each time. Each reader class is replaced
    by a subclass (of the same name: Pelican records it as the `reader` metadata) whose
    `read` keeps (html, metadata) per (path, size, mtime) in the `ReadCache` that
    `configure` stores in the main site's settings, so the subsites, whose settings are
    copies of it, share it. A file read by no site yet is looked up in what earlier
    builds kept (by its bytes' hash) before it is parsed. Every site still makes its
    own content objects.
    """
    cache = readers.settings.get(READ_CACHE_KEY)
    if cache is None:
        return
    # A language's site with its own MARKDOWN (I18N_SUBSITES) reads for itself.
    reading = read_cache.site_reading(readers.settings)

    def reading_of(cls) -> str:
        # docutils writes its own words ("Note", "비고") in the site's language:
        # Pelican gives it `DEFAULT_LANG` as `language_code`.
        if issubclass(cls, RstReader):
            return f"{reading}:{readers.settings['DEFAULT_LANG']}"
        return reading

    originals = {}
    for ext, cls in list(readers.reader_classes.items()):
        if cls and not getattr(cls, "reads_once", False):
            originals[ext] = cls
            readers.reader_classes[ext] = _reading_once(cls, cache, reading_of(cls))
    if cache.path is not None and cache.ahead is None and is_main_site(readers.settings):
        # The first site to read: a second core parses half of what no cache holds.
        cache.ahead = read_ahead.start(readers, originals, reading_of, cache.stored) or False


# Every list of posts or pages a generator keeps, by status and language.
CONTENT_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
)


def share_texts(generator) -> None:
    """`article_generator_finalized` / `page_generator_finalized`: one copy of each text.

    Every language's site makes its own content object of every file, and each
    `content_object_init` handler that changes the HTML (focusable code blocks, image
    sizes, heading ids) makes a new string: the same text once per site. A post's HTML
    equal to one an earlier site kept becomes that string, and this site's copy is freed
    (at 1,000 EN/KO pairs, several MiB of a build's peak memory).
    """
    cache = generator.settings.get(READ_CACHE_KEY)
    if cache is None:
        return
    texts = cache.texts
    for name in CONTENT_LISTS:
        for item in getattr(generator, name, ()):
            for version in (item, *getattr(item, "translations", ())):
                text = compat.content_html(version)
                if type(text) is str and text:
                    compat.set_content_html(version, texts.setdefault(text, text))


def _reading_once(cls, cache: read_cache.ReadCache, reading: str):
    def read(self, source_path):
        try:
            stat = os.stat(source_path)
        except OSError:  # a linked file that is missing: the reader reports it
            return cls.read(self, source_path)
        path = os.path.abspath(source_path)
        key = (cls, path, stat.st_size, stat.st_mtime_ns, reading)
        if key not in cache.memory:
            cache.memory[key] = _read_kept(self, cls, path, source_path, cache, reading)
        html, metadata = cache.memory[key]
        return html, dict(metadata)

    return type(cls.__name__, (cls,), {"read": read, "reads_once": True})


def _read_kept(reader, cls, path: str, source_path, cache: read_cache.ReadCache, reading: str):
    """A reader's output for one file: kept from an earlier build, or read now."""
    if cache.path is None:
        return cls.read(reader, source_path)
    with open(path, "rb") as handle:
        data = handle.read()
    if read_cache.includes_other_files(data):
        return cls.read(reader, source_path)
    stored_key = read_cache.file_key(cls.__name__, path, data, reading)
    kept = cache.stored.get(stored_key)
    if kept is None and cache.ahead:
        kept = cache.ahead.take(stored_key)  # parsed by the child (read_ahead)
    if kept is not None:
        cache.used[stored_key] = kept
        html, frozen, messages = kept
        # What the reader said about the file is said again: the file still says it.
        for name, level, message in messages:
            logging.getLogger(name).log(level, "%s", message)
        return html, read_cache.thaw_metadata(frozen, reader.settings)
    noted = read_cache.ReaderMessages()
    logging.getLogger().addHandler(noted)
    try:
        html, metadata = cls.read(reader, source_path)
    finally:
        logging.getLogger().removeHandler(noted)
    frozen = read_cache.freeze_metadata(metadata)
    if frozen is not None:
        cache.used[stored_key] = (html, frozen, tuple(noted.kept))
    return html, metadata


def install_gettext(env, translations) -> None:
    """Install a compiled catalog (and the i18n extension, if missing) in a Jinja env."""
    if I18N_EXTENSION not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(translations, newstyle=True)


def merge_extra_settings(args: Sequence[str], overrides: Mapping[str, str]) -> list[str]:
    """`args` for Pelican's command line with every `-e KEY=VALUE` group merged into one.

    Pelican keeps only the last `-e` group, so a task that adds its own settings would
    drop the writer's. The merged group comes last (it takes every value after it);
    `overrides` ({KEY: JSON value}) win over the writer's values for the same key.
    """
    rest: list[str] = []
    values: dict[str, str] = {}
    taking = False
    for arg in args:
        if arg in EXTRA_SETTINGS_FLAGS:
            taking = True
        elif taking and "=" in arg and not arg.startswith("-"):
            key, _sep, value = arg.partition("=")
            values[key] = value
        else:
            taking = False
            rest.append(arg)
    values.update(overrides)
    if not values:
        return rest
    return [*rest, "-e", *(f"{key}={value}" for key, value in values.items())]


def run_pelican(
    settings_file,
    args: Sequence[str] = (),
    *,
    overrides: Mapping[str, str] | None = None,
    env: Mapping[str, str] | None = None,
    cwd=None,
    capture: bool = False,
    timeout: float | None = None,
    launcher: Sequence[str] | None = None,
) -> subprocess.CompletedProcess:
    """Run Pelican in a process of its own and wait for it.

    `args` go to Pelican as they are (a list: no shell, so quotes, braces and spaces
    survive); `overrides` ({KEY: JSON value}) are merged with the writer's `-e` values.
    `capture` keeps stdout/stderr as text. `launcher` replaces `python -m pelican`
    (a benchmark wraps Pelican's `main` to read its peak memory). Returns the finished
    process; raises `subprocess.TimeoutExpired` after `timeout` seconds.
    """
    command = [
        *(launcher or (sys.executable, "-m", "pelican")),
        "-s",
        os.fspath(settings_file),
        *merge_extra_settings(args, overrides or {}),
    ]
    return subprocess.run(
        command,
        cwd=cwd,
        env=None if env is None else dict(env),
        capture_output=capture,
        text=True,
        timeout=timeout,
        check=False,
    )


def register():
    """Connect the adapter's steps, in the order they fire (see the contract above)."""
    signals.initialized.connect(configure)
    signals.readers_init.connect(read_once)
    signals.finalized.connect(save_read_cache)
    signals.all_generators_finalized.connect(release_read_cache)
    signals.finalized.connect(release_subsite)
    signals.article_generator_context.connect(prepare_metadata)
    signals.page_generator_context.connect(prepare_metadata)
    signals.static_generator_finalized.connect(share_static_files)
    signals.page_writer_finalized.connect(copy_statics_once)
    signals.article_generator_finalized.connect(share_texts)
    signals.page_generator_finalized.connect(share_texts)
