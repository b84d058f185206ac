"""File names and languages: a post's slug and language from its name; tags checked."""

from __future__ import annotations

import logging
import os
import posixpath
import re
from collections.abc import Mapping

from babel import Locale, UnknownLocaleError

from ..core.build_state import build_state
from ..core.findings import BuildStopped
from ..core.settings import Setting
from ..core.sites import (
    COMPUTED_ATTRIBUTES,
    COUNTRY_NOT_LANGUAGE,
    MISSING_TRANSLATION_ID,
    translation_ids,
)
from .sites import SITES_KEY, language_sites

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


LANGUAGE_TAGS = Setting(
    "BILINGUAL_LANGUAGE_TAGS",
    {},
    '{"DEFAULT_LANG or I18N_SUBSITES key": "language tag"}',
    "The language tag (BCP 47) of a site whose `I18N_SUBSITES` key or `DEFAULT_LANG` is "
    'not one, such as a folder named after a country: `{"jp": "ja", "zht": "zh-Hant"}` '
    "keeps `/jp/` and every URL under it, while pages say `ja` in `<html lang>`, hreflang, "
    "feeds, dates, fonts and search. Posts may give either name in `Lang:` and file names.",
)
SETTINGS = (FILENAME_PATTERN_SETTING, LANGUAGE_TAGS)


PELICAN_FILENAME_METADATA = r"(?P<date>\d{4}-\d{2}-\d{2}).*"


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
    if isinstance(lang, str) and SITES_KEY in build_state(settings):
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


# Names blogs give Chinese sites that are not tags, with the tag they mean.
SCRIPT_NAMES = {"zhs": "zh-Hans", "zht": "zh-Hant", "chs": "zh-Hans", "cht": "zh-Hant"}


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
    problems, suggested = [], {}
    for where, code in [("DEFAULT_LANG", settings["DEFAULT_LANG"])] + [
        ("I18N_SUBSITES key", key) for key in settings.get("I18N_SUBSITES", {})
    ]:
        problem = language_tag_problem(code)
        if problem:
            problems.append(f"common: invalid {where}: {problem}")
            lowered = str(code).lower()
            meant = COUNTRY_NOT_LANGUAGE.get(lowered) or SCRIPT_NAMES.get(lowered)
            suggested[code] = meant or "<tag>"
    if problems:
        # Every one at once: a blog with `jp` and `zhs` learns of both in one build.
        given = ", ".join(f'"{code}": "{tag}"' for code, tag in suggested.items())
        raise BuildStopped(
            "\n".join(problems)
            + "\nA language becomes <html lang> and hreflang, so it must be a language tag "
            "(BCP 47). To keep a folder and its URLs as they are, give its tag in the "
            f"settings: BILINGUAL_LANGUAGE_TAGS = {{{given}}}"
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


def apply_language_tags(settings: dict) -> tuple[tuple[str, str], ...]:
    """Give the sites `BILINGUAL_LANGUAGE_TAGS` names their language tags, in place.

    `DEFAULT_LANG` becomes its tag; an `I18N_SUBSITES` key becomes its tag, and its
    overrides keep the folder and addresses the key gave, as pelican-i18n-subsites lays
    them out (`OUTPUT_PATH` `<output>/<key>`, `SITEURL` `<SITEURL>/<key>`, unless set).
    Returns the ((key, tag), ...) pairs, the aliases content may still use. A key no
    site has is a warning (and left alone); a value that is not a language tag, or a tag
    two sites would share, stops the build (BuildStopped names the setting).
    """
    tags = LANGUAGE_TAGS.read(settings)
    if not tags:
        return ()
    if not isinstance(tags, Mapping):
        raise BuildStopped(
            f"common: invalid BILINGUAL_LANGUAGE_TAGS {tags!r}: give a dict, "
            '{"site key": "language tag"} ({"jp": "ja"})'
        )
    subsites = dict(settings.get("I18N_SUBSITES") or {})
    names = [settings["DEFAULT_LANG"], *subsites]
    aliases = []
    for key, tag in tags.items():
        if key not in names:
            log.warning(
                "settings: BILINGUAL_LANGUAGE_TAGS names %r, which is neither DEFAULT_LANG nor "
                "an I18N_SUBSITES key (%s); it is left out",
                key,
                ", ".join(names),
            )
            continue
        problem = language_tag_problem(tag)
        if problem:
            raise BuildStopped(f"common: invalid BILINGUAL_LANGUAGE_TAGS[{key!r}]: {problem}")
        aliases.append((key, tag))
    given = dict(aliases)
    final = [given.get(name, name) for name in names]
    twice = sorted({tag for tag in final if [t.lower() for t in final].count(tag.lower()) > 1})
    if twice:
        raise BuildStopped(
            f"common: invalid BILINGUAL_LANGUAGE_TAGS: two sites would have the language "
            f"'{twice[0]}'; each site needs its own"
        )
    base = settings.get("SITEURL") or ""
    output = os.path.abspath(settings["OUTPUT_PATH"])
    tagged = {}
    for key, overrides in subsites.items():
        if key not in given:
            tagged[key] = overrides
            continue
        kept = dict(overrides or {})
        kept.setdefault("SITEURL", posixpath.join(base or "/", key))
        kept.setdefault("OUTPUT_PATH", os.path.join(output, key))
        tagged[given[key]] = kept
    settings["I18N_SUBSITES"] = tagged
    settings["DEFAULT_LANG"] = given.get(settings["DEFAULT_LANG"], settings["DEFAULT_LANG"])
    return tuple(aliases)


def lang_suffix(settings: Mapping) -> str:
    """The language part of a file name: one of the site's languages, in any case.

    `notes.v2.en.md` is English and `using.the.api.md` a main-language post named
    `using.the.api`, as Pelican would read it (`api` is not a site language). Without
    languages in `settings` (no `DEFAULT_LANG`), any language tag's shape.
    """
    if not settings.get("DEFAULT_LANG"):
        return LANG_SUFFIX
    langs = {settings["DEFAULT_LANG"], *(settings.get("I18N_SUBSITES") or {})}
    tags = LANGUAGE_TAGS.read(settings)
    langs |= set(tags) if isinstance(tags, Mapping) else set()  # `.jp.md` on a `jp` site
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


def metadata_as_written(metadata: Mapping) -> dict:
    """A post's metadata as its file gives it, for comparing two reads of the file.

    A written `Summary:` counts as written (`summary_source`, which `prepare_metadata`
    keeps): the `localization` plugin puts that text back into `summary` when a page
    shows it, so `summary` itself may differ between a fresh read and a shown post.
    """
    values = dict(metadata)
    if "summary_source" in values:
        values.pop("summary", None)
    return values
