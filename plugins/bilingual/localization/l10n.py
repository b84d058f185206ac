"""UI catalogs and locale-aware dates for the theme, without system locales.

Catalogs are read from `<theme>/translations/<lang>/LC_MESSAGES/messages.po` and
compiled in memory at every build, so a build never runs on a stale `.mo` file.
Dates are formatted by Babel from CLDR data, so `2026년 4월 19일` comes out right
on a machine that has no Korean system locale.
"""

from __future__ import annotations

import datetime
import gettext
import os
import unicodedata
from io import BytesIO

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

NAMED_FORMATS = ("short", "medium", "long", "full")
# Full month name on its own ("November", "11월"); CLDR's skeleton "MMMM" abbreviates.
PATTERNS = {"month": "LLLL"}


def catalog_path(localedir: str, lang: str, domain: str = "messages") -> str:
    """`<localedir>/<lang>/LC_MESSAGES/<domain>.po`."""
    return os.path.join(localedir, lang, "LC_MESSAGES", f"{domain}.po")


def load_catalog(localedir: str, lang: str, domain: str = "messages"):
    """The catalog for `lang` compiled in memory, or None when the theme has none.

    Returns a Babel `Translations`; a malformed `.po` file raises Babel's `PoFileError`.
    """
    path = catalog_path(localedir, lang, domain)
    if not os.path.isfile(path):
        return None
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=lang.replace("-", "_"), domain=domain)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=domain)


def catalog_names(lang: str, locale_hint: str = "") -> list[str]:
    """The catalog folders to try for `lang`, most specific first.

    The tag as written, then its language (`es-MX` -> `es`, `pt-BR` -> `pt`); Chinese
    by script, as CLDR's likely subtags give it: `zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant`
    -> `zh-Hant`; `zh`, `zh-CN`, `zh-SG`, `zh-Hans` -> `zh-Hans`. A bare `zh` takes the
    region or script of `locale_hint` (the site's `LOCALE`, `zh_TW.UTF-8`) first.
    """
    tag = lang.replace("_", "-")
    parts = tag.split("-")
    names = [lang, tag]
    if parts[0].lower() == "zh":
        if len(parts) == 1 and locale_hint:
            parts += locale_hint.split(".")[0].replace("_", "-").split("-")[1:]
        lowered = [part.lower() for part in parts[1:]]
        traditional = "hant" in lowered or any(p in ("tw", "hk", "mo") for p in lowered)
        names.append("zh-Hant" if traditional else "zh-Hans")
    names.append(parts[0].lower())
    return list(dict.fromkeys(names))


def first_catalog(localedirs, lang: str, domain: str = "messages", locale_hint: str = ""):
    """The catalog for `lang` in the first of `localedirs` that has one, or None.

    Each folder is asked for every name of `catalog_names(lang)` before the next folder,
    so a writer's own `es-MX` or `es` catalog wins over the theme's `es`.
    """
    for folder in [localedirs] if isinstance(localedirs, str) else localedirs:
        for name in catalog_names(lang, locale_hint):
            found = load_catalog(folder, name, domain)
            if found is not None:
                return found
    return None


def choose_translations(
    localedir, lang, fallback_lang, source_lang, domain="messages", locale_hint=""
):
    """(translations, ui_lang, warning) for a site in `lang`.

    `localedir`: a folder of catalogs, or folders looked in in order (the writer's own,
    then the theme's). The templates are written in `source_lang`, so that language
    needs no catalog. A language without a catalog falls back to `fallback_lang` (the
    main site's) when that one has a catalog, else to the templates' own text;
    `ui_lang` is the language the UI text is then in (language names inside it are
    given in that language too), and `warning` says so, once, naming the file to write.
    """
    if lang == source_lang:
        return gettext.NullTranslations(), lang, None
    found = first_catalog(localedir, lang, domain, locale_hint)
    if found is not None:
        return found, lang, None
    fallback = None if fallback_lang == source_lang else first_catalog(localedir, fallback_lang)
    ui_lang = fallback_lang if fallback is not None else source_lang
    folders = [localedir] if isinstance(localedir, str) else list(localedir)
    template = os.path.join(folders[-1], f"{domain}.pot")  # the theme's, in the package
    where = folders[0] if len(folders) > 1 else "translations"
    warning = (
        f"localization: no UI catalog for language '{lang}'; pages in '{lang}' show the "
        f"UI in '{ui_lang}'. To translate it, copy {template} to "
        f"{catalog_path(where, lang, domain)}, translate it, and set BILINGUAL_LOCALEDIR = "
        f"\"{where}\" (the guide's Languages page: adding a language's UI text)"
    )
    return (fallback or gettext.NullTranslations()), ui_lang, warning


def babel_locale(lang: str, fallback: str = "en") -> Locale:
    """Babel's locale for a language code (`ko`, `pt-BR`), or `fallback`'s if unknown."""
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(fallback)


def format_in(value, fmt: str, locale: Locale) -> str:
    """A date (or datetime) in the locale's own form.

    `fmt` is a Babel format name (`short`, `medium`, `long`, `full`), `month` (the
    month's full name alone), or a CLDR skeleton (`yMMMM`, `MMMd`): CLDR's
    "Date Field Symbol Table" (https://unicode.org/reports/tr35/tr35-dates.html).
    """
    if fmt in NAMED_FORMATS:
        return format_date(value, fmt, locale=locale)
    if fmt in PATTERNS:
        return format_date(value, PATTERNS[fmt], locale=locale)
    return format_skeleton(fmt, value, locale=locale)


def language_name(code: str, in_lang: str | None = None) -> str:
    """A language's name, in itself by default: `ko` -> `한국어`; in English: `Korean`."""
    locale = babel_locale(code)
    if locale.language != code.replace("-", "_").split("_")[0]:
        return code
    name = locale.get_display_name(babel_locale(in_lang)) if in_lang else locale.display_name
    name = name or code
    return name[:1].upper() + name[1:]


def og_locale(lang: str) -> str:
    """OpenGraph's `language_TERRITORY` form, by the likeliest region: `ko` -> `ko_KR`."""
    code = lang.replace("-", "_")
    likely = get_global("likely_subtags").get(code, code)
    try:
        locale = Locale.parse(likely)
    except (UnknownLocaleError, ValueError):
        return code
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def in_zone(value, tz):
    """An aware datetime seen in `tz` (the site's time zone); other values unchanged."""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None and tz is not None:
        return value.astimezone(tz)
    return value


def name_order(name: str) -> tuple[str, str]:
    """A sort key that orders names as a reader looks them up: letters before case and accents.

    Accents and other combining marks are set aside (`Éclair` sorts with `eclair`, after
    `Dune`), case is folded, and Hangul syllables fall into 가나다 order (their
    decomposition into jamo keeps the dictionary's order: 가, 가나, 각, 나). The name itself
    breaks ties, so the order is total. CLDR's full collation (ICU) would also order
    other scripts' special letters (Spanish ñ after n, Turkish ç after c); this key puts
    them after z.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    base = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return base.casefold(), name


def by_name(terms):
    """`terms` ((term, posts) pairs, or terms) sorted by the name shown (`name_order`)."""
    return sorted(
        terms, key=lambda item: name_order(str(item[0] if isinstance(item, tuple) else item))
    )


def make_filters(lang: str, tz: datetime.tzinfo | None = None) -> dict:
    """Jinja filters bound to one site's language and time zone.

    `localdate` shows a date as the reader's calendar has it in `tz` (a post dated
    16:30 UTC on July 31 is August 1 in Asia/Seoul); `isodate` keeps the exact instant.
    Locale look-ups are slow in Babel, so each filter remembers its answers for the
    length of one site's build (the dicts live in these closures, not in the module).
    """
    locales: dict = {}
    names: dict = {}
    og: dict = {}

    def locale_of(code):
        if code not in locales:
            locales[code] = babel_locale(code)
        return locales[code]

    def date_filter(value, fmt="long", lang=lang):
        return format_in(in_zone(value, tz), fmt, locale_of(lang))

    def name_filter(code, in_lang=None):
        if (code, in_lang) not in names:
            names[(code, in_lang)] = language_name(code, in_lang)
        return names[(code, in_lang)]

    def og_filter(code):
        if code not in og:
            og[code] = og_locale(code)
        return og[code]

    return {
        "localdate": date_filter,
        "isodate": lambda value: value.isoformat(),
        "language_name": name_filter,
        "og_locale": og_filter,
        "by_name": by_name,
    }
