"""The language sites of one build and what each site lists."""

from __future__ import annotations

import datetime
import posixpath
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .findings import BuildStopped


def join_url(siteurl: str, path: str) -> str:
    """Join a site URL and a site-relative path, without `..` or doubled slashes.

    `("https://x.org/blog", "../theme/a.css")` -> `"https://x.org/blog/theme/a.css"`;
    a trailing slash on `path` is kept; `""` gives `siteurl + "/"`.
    """
    path = posixpath.normpath("/" + path.lstrip("/")) + ("/" if path.endswith("/") else "")
    path = path.replace("//", "/")
    if path in ("/./", "/."):
        path = "/"
    return siteurl.rstrip("/") + path


@dataclass(frozen=True)
class LanguageSites:
    """Every language's site and its URL.

    `urls` is ((lang, site URL without a trailing slash), ...), the main language
    first, then `I18N_SUBSITES` in its order; each lang is a language tag. `aliases` is
    ((name, tag), ...): the other names a language goes by in content (`Lang: jp`, a
    `.jp.md` file name), the site keys `BILINGUAL_LANGUAGE_TAGS` gives a tag.
    """

    urls: tuple[tuple[str, str], ...]
    aliases: tuple[tuple[str, str], ...] = ()

    @property
    def main_lang(self) -> str:
        """The language of the site at `/`."""
        return self.urls[0][0]

    @property
    def langs(self) -> list[str]:
        """Every language, main first."""
        return [lang for lang, _url in self.urls]

    def siteurl(self, lang: str) -> str:
        """The site URL of `lang` (KeyError for a language without a site)."""
        return dict(self.urls)[lang]

    def url(self, lang: str, path: str = "") -> str:
        """A site-relative `path` on `lang`'s site, as a root-relative or absolute URL."""
        return join_url(self.siteurl(lang), path)

    def others(self, lang: str) -> list[str]:
        """Every language but `lang`, in site order."""
        return [other for other in self.langs if other != lang]

    def spelled(self, lang: str) -> str:
        """`lang` as the settings spell it (`pt-br` -> `pt-BR`); tags ignore case (BCP 47).

        An alias gives its tag (`jp` -> `ja`); a language without a site is returned as
        it is.
        """
        lowered = str(lang).lower()
        for alias, tag in self.aliases:
            if alias.lower() == lowered:
                return tag
        return next((own for own in self.langs if own.lower() == lowered), lang)


@dataclass(frozen=True)
class Visibility:
    """What a build lists: published content, and drafts where drafts are written.

    `drafts` is true when the settings write drafts (`DRAFT_SAVE_AS` not empty), as
    development builds do; a publishing build sets it empty (Pelican's docs,
    "Publishing drafts").
    """

    drafts: bool

    @classmethod
    def from_settings(cls, settings) -> Visibility:
        """Read `DRAFT_SAVE_AS` from Pelican settings."""
        return cls(drafts=bool(settings.get("DRAFT_SAVE_AS")))

    def listed(self, item) -> bool:
        """Whether lists (archive, series, feeds) show `item` (anything with `status`)."""
        return item.status == "published" or (self.drafts and item.status == "draft")


# What the adapter gives a post that lacks the field its translation id names (Pelican
# would stop with an AttributeError); the content checks report each such post.
MISSING_TRANSLATION_ID = "\x00no translation id"
# Attributes Pelican gives every post itself: a translation id naming one is never missing.
COMPUTED_ATTRIBUTES = frozenset(
    {"slug", "lang", "title", "date", "category", "author", "authors", "status", "url"}
)


def translation_ids(settings, kind: str = "ARTICLE") -> tuple[str, ...]:
    """The attributes that make posts (`kind` "ARTICLE") or pages ("PAGE") versions of one.

    Pelican's `ARTICLE_TRANSLATION_ID` / `PAGE_TRANSLATION_ID` (default "slug"): a
    metadata name or a list of them. Falsy (Pelican then pairs nothing) gives ("slug",):
    each language has its own site, and the slug still names the versions of a post.
    """
    value = settings.get(f"{kind}_TRANSLATION_ID", "slug")
    if not value:
        return ("slug",)
    return (value,) if isinstance(value, str) else tuple(str(v) for v in value)


def translation_key(item, ids: tuple[str, ...] = ("slug",)) -> str:
    """The value that the versions of one post share: the slug, or the `ids`' values."""
    if ids == ("slug",):
        return item.slug
    return "\x1f".join(str(getattr(item, name, MISSING_TRANSLATION_ID)) for name in ids)


def group_by_slug(items, ids: tuple[str, ...] = ("slug",)) -> dict[str, dict[str, object]]:
    """The versions of each post or page: {translation key: {lang: item}}.

    The key is the slug, as Pelican's default translation id, or the values of `ids`
    (`translation_ids(settings)`). Of two items with one key and language the later one
    wins (the content checks report them).
    """
    groups: dict[str, dict[str, object]] = {}
    for item in items:
        groups.setdefault(translation_key(item, ids), {})[item.lang] = item
    return groups


def source_lang(group: dict, langs) -> str:
    """Which version of a post is the source the others translate: its language.

    `group` is {lang: item}. The first version in site-language order (`langs`) that
    is published and not marked `Translation: true` (`is_translation`), else the first
    published, else the first not marked, else the first present. Pelican's docs,
    "Translations": the translation flag marks the translated version.
    """
    present = [lang for lang in langs if lang in group] + [
        lang for lang in group if lang not in langs
    ]

    def published(lang):
        return group[lang].status == "published"

    def original(lang):
        return not getattr(group[lang], "is_translation", False)

    for test in (
        lambda lang: published(lang) and original(lang),
        published,
        original,
        lambda lang: True,
    ):
        found = [lang for lang in present if test(lang)]
        if found:
            return found[0]
    raise ValueError("source_lang needs at least one version")


def site_timezone(settings) -> datetime.tzinfo:
    """The site's `TIMEZONE` (Pelican's setting; UTC when unset) as a tzinfo.

    Raises BuildStopped naming the setting when the tz database has no such zone.
    """
    try:
        return ZoneInfo(settings.get("TIMEZONE") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        raise BuildStopped(
            f"invalid TIMEZONE {settings.get('TIMEZONE')!r}: "
            "use a tz database name such as 'Asia/Seoul'"
        ) from None


# Country codes often typed for a language: the language tag they most likely mean.
COUNTRY_NOT_LANGUAGE = {
    "jp": "ja",
    "kr": "ko",
    "cn": "zh",
    "gr": "el",
    "cz": "cs",
    "dk": "da",
    "ua": "uk",
    "vn": "vi",
    "se": "sv",
    "rs": "sr",
    "il": "he",
}
