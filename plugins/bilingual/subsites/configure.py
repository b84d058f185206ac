"""The settings every language's site needs, set at the main site's `initialized`.

See the package docstring for what each is and why.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping

from pelican.settings import DEFAULT_CONFIG

from ..core.build_state import build_state
from ..core.findings import BuildStopped
from ..core.sites import (
    LanguageSites,
    join_url,
)
from .names import apply_language_tags, check_languages, filename_pattern, generators_info
from .reading import READ_CACHE_KEY, SharedBytecodeCache, open_read_cache, template_cache
from .sites import I18N_EXTENSION, MAIN_SETTINGS_KEY, SITES_KEY, language_sites, site_urls

log = logging.getLogger(__name__)


URL_KINDS = ("ARTICLE", "DRAFT", "PAGE", "DRAFT_PAGE", "STATIC")


# Pelican settings whose wrong type would fail deep inside a build: (name, allowed, text).
NUMBER_SETTINGS = (
    ("DEFAULT_PAGINATION", lambda v: v in (False, None) or _whole(v, 1), "a whole number or False"),
    ("SUMMARY_MAX_LENGTH", lambda v: v is None or _whole(v, 0), "a whole number or None"),
    ("SUMMARY_MAX_PARAGRAPHS", lambda v: v is None or _whole(v, 1), "a whole number or None"),
)


def _whole(value, least: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


def check_output_outside_content(settings) -> None:
    """Stop when the content folder holds the output folder or the whole project.

    BuildStopped says how to fix it.

    Pelican reads every file of `PATH` its readers know, and does not leave out
    `OUTPUT_PATH`: with `PATH` at the project's root (its default, the folder the build
    runs in, where a Makefile passes `content` on the command line instead), each build
    reads the last one's pages as posts. An output folder that `ARTICLE_EXCLUDES` and
    `PAGE_EXCLUDES` both leave out is fine.
    """
    content = os.path.abspath(settings["PATH"])
    output = os.path.abspath(settings["OUTPUT_PATH"])
    if os.path.isfile(os.path.join(content, "pelicanconf.py")) and os.path.isdir(
        os.path.join(content, "content")
    ):
        # The project's root: its `content/` and everything else in it (an old `output/`,
        # plugins' READMEs, drafts) would be read as posts.
        raise BuildStopped(
            f"common: PATH '{settings['PATH']}' ({content}) is the project's folder, with "
            "pelicanconf.py and content/ in it: everything under it would be read as posts "
            '(an earlier build\'s output too). Set PATH = "content" in pelicanconf.py, or '
            "give the folder on the command line (pelican content)"
        )
    if output != content and not output.startswith(content + os.sep):
        return
    relative = os.path.relpath(output, content).replace(os.sep, "/")
    excluded = all(
        relative in [str(e).strip("/") for e in settings.get(key) or ()]
        for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES")
    )
    if excluded and output != content:
        return
    raise BuildStopped(
        f"common: PATH '{settings['PATH']}' ({content}) holds OUTPUT_PATH ({output}): every "
        "build would read the last one's pages as posts. Set PATH to the content folder "
        '(PATH = "content" in pelicanconf.py, or `pelican content` on the command line)'
    )


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
    state = build_state(settings)  # the main site's, first: every site shares it
    if SITES_KEY in state:
        # A subsite: it inherits the main site's configured settings. Pelican lowercased
        # its DEFAULT_LANG (`pt-BR` -> `pt-br`); it is spelled as I18N_SUBSITES has it
        # again, as i18n-subsites' own tables and every lookup here are keyed that way.
        settings["DEFAULT_LANG"] = language_sites(settings).spelled(settings["DEFAULT_LANG"])
        return
    aliases = apply_language_tags(settings)
    check_languages(settings)
    check_numbers(settings)
    check_output_outside_content(settings)
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
    sites = site_urls(settings["DEFAULT_LANG"], settings["SITEURL"], subsites, aliases)
    feed_domain_is_siteurl = settings.get("FEED_DOMAIN", "") in ("", settings["SITEURL"])
    for lang, overrides in subsites.items():
        overrides.setdefault("THEME_STATIC_DIR", settings["THEME_STATIC_DIR"])
        overrides.setdefault("THEME_STATIC_PATHS", [])
        overrides.setdefault("STATIC_PATHS", list(settings["STATIC_PATHS"]))
        if feed_domain_is_siteurl:
            overrides.setdefault("FEED_DOMAIN", sites.siteurl(lang))
    settings["I18N_SUBSITES"] = subsites
    state[SITES_KEY] = sites
    state[MAIN_SETTINGS_KEY] = {
        key: value for key, value in settings.items() if key != "I18N_SUBSITES"
    }
    state[READ_CACHE_KEY] = open_read_cache(settings)
    settings["JINJA_ENVIRONMENT"] = jinja_environment(settings)


def jinja_environment(settings: Mapping) -> dict:
    """The writer's `JINJA_ENVIRONMENT` with what every language's site needs added.

    Gettext by class (see `configure`), the compiled templates shared between the sites,
    escaping for the bundle's own theme (`uses_bundle_theme`), and Pelican's default
    `trim_blocks` / `lstrip_blocks` and no `auto_reload` unless set.
    """
    environment = dict(settings.get("JINJA_ENVIRONMENT") or {})
    # By class: i18n-subsites looks for the short name to install `.mo` catalogs from
    # the theme, which the bundle's theme does not ship (see Gettext above).
    environment["extensions"] = [
        I18N_EXTENSION if extension == "jinja2.ext.i18n" else extension
        for extension in environment.get("extensions") or ()
    ]
    environment.setdefault("bytecode_cache", SharedBytecodeCache(template_cache(settings)))
    if uses_bundle_theme(settings):
        # The bundle's templates are written for escaping; a writer's own theme (and
        # Pelican's) writes `{{ article.content }}` without `|safe`, as Pelican's default
        # environment does not escape: escaping it would print every post's HTML as text.
        environment["autoescape"] = True
    environment.setdefault("trim_blocks", True)
    environment.setdefault("lstrip_blocks", True)
    # Jinja looks at a template file's time at every use to see whether it changed
    # (`auto_reload`): a page includes some fifteen. Templates do not change during a
    # build, and every build makes new environments (Pelican makes its generators at
    # each run; `invoke serve` starts a new build for a template saved).
    environment.setdefault("auto_reload", False)
    return environment


def uses_bundle_theme(settings: Mapping) -> bool:
    """Whether `THEME` is the bundle's own theme (the default the bundle installs)."""
    from .. import THEME_PATH

    theme = settings.get("THEME")
    return bool(theme) and os.path.realpath(theme) == os.path.realpath(THEME_PATH)


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
    build (`EOFError`). The reader cache (`BUILD_READ_CACHE`, `engine.read_cache`) keeps what
    the readers made instead, so a blog that had the setting on builds as fast.
    """
    if settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE"):
        log.info(
            "CACHE_CONTENT: Pelican's content cache is off; the bundle's reader cache "
            "(BUILD_READ_CACHE) keeps what the readers made between builds"
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
