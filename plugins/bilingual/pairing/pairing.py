"""pairing: pair translations across the language sites and feed the language switch.

Posts and pages pair by Pelican's translation id, the slug. Slug and language come
from the metadata (`Slug:`, `Lang:`) or, when it does not give them, from a file name
`<slug>.<lang>.md` (see `subsites` for the settings that make that so).

Template API
------------
- `article.counterparts`, `page.counterparts` (this site's language only): list of
  `links.Counterpart(lang, title, url, status, source_path)`, the other languages'
  versions in site order, with URLs on their own language's site. A published post
  lists only published counterparts.
- `source_lang` on the same: the language of the version the others translate
  (`core.source_lang`: the first published one not marked `Translation: true`).
- `href` on every article, draft and page this site read, in any language: its URL on
  its own language's site (use it, not `url`, for other languages' posts: i18n-subsites
  rewrites their `url` into a relative `../` form).
- Context `languages`, a `SiteLanguages`: `lang` (this site), `main_lang`, `langs`,
  `others`, `url(lang, path)`, `theme_url` (the theme's files, published once by the
  main site) and `links(output_file, content=None)` -> `links.PageLinks`
  (`alternates`, `canonical`, `x_default`, `by_lang`) for hreflang, the canonical URL
  and the language switch. A tag, category or author page links only to the
  languages that write it (those with a published post in it);
  `writes(output_file, lang)` says whether `lang`'s site writes such a page;
  `page(template)` is the URL of a direct template's page (`archives`, `tags`; from
  `<NAME>_URL` or `<NAME>_SAVE_AS`), None when the build does not write it;
  `replaces(output_file)` says whether a file is a direct template's page (a page
  saved there, such as a custom home, takes its place and pairs as it would);
  `categories` is ((name, URL), ...) of the categories of this site's published
  posts, by name (the menu's, with `DISPLAY_CATEGORIES_ON_MENU`).

Settings (defaults)
-------------------
- `TAG_TRANSLATIONS` ([]): tags that are translations of each other, as
  [{"en": "security", "ko": "보안"}, ...]; their tag pages name each other in hreflang
  and the language switch. A tag in one language only, or named differently without
  an entry here, is normal: its page simply has no translation.
It also reads `DEFAULT_LANG`, the language sites, `THEME_STATIC_DIR`, `TAG_SAVE_AS` /
`CATEGORY_SAVE_AS` / `AUTHOR_SAVE_AS` and `DIRECT_TEMPLATES`.
Needs `core` and `subsites`. Problems with pairs (unknown languages, duplicates) are
reported by `content_checks`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from pelican import signals
from pelican.contents import Article, Page
from pelican.utils import slugify

from .. import subsites
from ..core import (
    BuildStopped,
    LanguageSites,
    dependencies,
    group_by_slug,
    source_lang,
    translation_ids,
)
from ..core.romanize import has_hangul, romanized, romanizes
from ..core.settings import Setting
from ..core.sites import translation_key
from .links import (
    PageLinks,
    counterparts,
    direct_files,
    direct_pages,
    page_links,
    taxonomy_pages,
    translated_tags,
)

TAG_TRANSLATIONS = Setting(
    "TAG_TRANSLATIONS",
    (),
    '[{"en": "security", "ko": "보안"}, ...]',
    "Tags that translate each other: their tag pages link to each other (hreflang, the "
    "language switch). A tag in one language only needs no entry.",
)
SETTINGS = (TAG_TRANSLATIONS,)


@dataclass(frozen=True)
class PairingSettings:
    """What pairing reads from one site's settings."""

    lang: str
    sites: LanguageSites
    theme_dir: str
    taxonomy_save_as: dict = field(default_factory=dict)
    direct: dict = field(default_factory=dict)
    direct_files: frozenset = frozenset()
    tag_groups: tuple = ()

    @classmethod
    def from_settings(cls, settings) -> PairingSettings:
        """Read one site's Pelican settings."""
        sites = subsites.language_sites(settings)
        # As the settings were written: a page that replaces a theme page takes it out
        # of this site's DIRECT_TEMPLATES (theme_support), but the page is still there.
        lang = settings["DEFAULT_LANG"]
        templates = subsites.language_setting(settings, lang, "DIRECT_TEMPLATES", [])
        return cls(
            lang=settings["DEFAULT_LANG"],
            sites=sites,
            theme_dir=settings["THEME_STATIC_DIR"],
            taxonomy_save_as={
                "tags": settings.get("TAG_SAVE_AS", ""),
                "category": settings.get("CATEGORY_SAVE_AS", ""),
                "authors": settings.get("AUTHOR_SAVE_AS", ""),
            },
            direct=direct_pages(settings.get, templates),
            direct_files=direct_files(settings.get, templates),
            tag_groups=tag_groups(TAG_TRANSLATIONS.read(settings), sites),
        )


def tag_groups(setting, sites: LanguageSites) -> tuple:
    """`TAG_TRANSLATIONS` as a tuple of {lang: tag name}; BuildStopped names a bad one."""
    groups = []
    for number, group in enumerate(setting or ()):
        where = f"pairing: invalid TAG_TRANSLATIONS[{number}]"
        if not isinstance(group, dict) or not all(isinstance(v, str) for v in group.values()):
            raise BuildStopped(f"{where}: expected {{language: tag name}}, got {group!r}")
        unknown = sorted(set(group) - set(sites.langs))
        if unknown:
            raise BuildStopped(
                f"{where}: language '{unknown[0]}' is not one of the site's languages "
                f"({', '.join(sites.langs)})"
            )
        groups.append(dict(group))
    return tuple(groups)


@dataclass(frozen=True)
class SiteLanguages:
    """The languages as one language's site sees them (the `languages` context value)."""

    lang: str
    sites: LanguageSites
    theme_url: str
    taxonomy: dict = field(default_factory=dict)  # output file -> languages that write it
    direct: dict = field(default_factory=dict)  # direct template -> site-relative URL
    direct_files: frozenset = frozenset()  # the direct templates' output files
    categories: tuple = ()  # ((name, site-relative URL), ...) of this site's published posts
    tag_translations: dict = field(default_factory=dict)  # (lang, file) -> {lang: file}

    @property
    def main_lang(self) -> str:
        """The language of the site at `/`."""
        return self.sites.main_lang

    @property
    def langs(self) -> list[str]:
        """Every language, main first."""
        return self.sites.langs

    @property
    def others(self) -> list[str]:
        """Every language but this site's."""
        return self.sites.others(self.lang)

    def url(self, lang: str, path: str = "") -> str:
        """A site-relative path on `lang`'s site."""
        return self.sites.url(lang, path)

    def page(self, template: str) -> str | None:
        """The site-relative URL of a direct template's page (`archives`, `tags`).

        None when this build does not write it.
        """
        return self.direct.get(template)

    def replaces(self, output_file: str) -> bool:
        """Whether `output_file` is a direct template's page (a page saved there replaces it)."""
        return bool(output_file) and posixpath.normpath(output_file) in self.direct_files

    def writes(self, output_file: str, lang: str) -> bool:
        """Whether `lang`'s site writes the tag, category or author page `output_file`."""
        return lang in self.taxonomy.get(output_file, ())

    def links(self, output_file: str, content=None, page_number: int = 1) -> PageLinks:
        """The versions of the page being written to `output_file`.

        Page 2 and later of a paginated list link to themselves only: another language
        has its own number of pages.
        """
        if page_number > 1:
            return page_links(self.sites, self.lang, output_file, content, {self.lang})
        elsewhere = self.tag_translations.get((self.lang, output_file))
        langs = self.taxonomy.get(output_file)
        replaces = self.replaces(output_file)
        return page_links(self.sites, self.lang, output_file, content, langs, elsewhere, replaces)


def pair(items, sites: LanguageSites, lang: str, ids: tuple = ("slug",)) -> None:
    """Give this language's items `counterparts` and `source_lang` (posts or pages).

    `ids`: what makes items versions of one (`translation_ids`: the slug by default).
    """
    groups = group_by_slug(items, ids)
    for item in items:
        if item.lang == lang:
            group = groups[translation_key(item, ids)]
            item.counterparts = counterparts(item, group, sites)
            item.source_lang = source_lang(group, sites.langs)


def check_settings(pelican):
    """`initialized`: stop on a bad setting before anything is read or written."""
    PairingSettings.from_settings(pelican.settings)


def site_defaults(settings) -> dict[str, dict[str, str]]:
    """Each language site's `AUTHOR` and `DEFAULT_CATEGORY`, as Pelican slugs them.

    {"authors" / "category": {lang: slug}}; an `I18N_SUBSITES` override wins.
    """
    from pelican.urlwrappers import Author, Category

    found: dict[str, dict[str, str]] = {"authors": {}, "category": {}}
    for lang in subsites.language_sites(settings).langs:
        author = subsites.language_setting(settings, lang, "AUTHOR")
        if author:
            found["authors"][lang] = Author(author, settings).slug
        category = subsites.language_setting(settings, lang, "DEFAULT_CATEGORY")
        if category:
            found["category"][lang] = Category(category, settings).slug
    return found


def collect(generators):
    """`all_generators_finalized`: site URLs, counterparts, the `languages` context."""
    settings, context = generators[0].settings, generators[0].context
    config = PairingSettings.from_settings(settings)
    contents = list(context.get("generated_content", {}).values())
    articles = [c for c in contents if isinstance(c, Article)]
    pages = [c for c in contents if isinstance(c, Page)]
    subsites.capture_site_urls(articles + pages, config.sites, config.lang)
    pair(articles, config.sites, config.lang, translation_ids(settings, "ARTICLE"))
    pair(pages, config.sites, config.lang, translation_ids(settings, "PAGE"))
    taxonomy = taxonomy_pages(articles, config.taxonomy_save_as, site_defaults(settings))
    context["languages"] = SiteLanguages(
        lang=config.lang,
        sites=config.sites,
        theme_url=config.sites.url(config.sites.main_lang, config.theme_dir),
        taxonomy=taxonomy,
        direct=config.direct,
        direct_files=config.direct_files,
        categories=tuple(
            sorted(
                {
                    (str(item.category), item.category.url)
                    for item in articles
                    if item.lang == config.lang
                    and item.status == "published"
                    and getattr(item, "category", None) is not None
                }
            )
        ),
        tag_translations=translated_tags(
            config.tag_groups,
            {
                (item.lang, str(tag).casefold()): tag.slug
                for item in articles
                if item.status == "published"
                for tag in getattr(item, "tags", ())
            },
            config.taxonomy_save_as["tags"],
            taxonomy,
        ),
    )


def romanize_terms(instance):
    """`content_object_init`: Hangul tags, categories and authors get romanized slugs.

    The Revised Romanization (`core.romanize`; `SLUGIFY_HANGUL`), set before Pelican
    groups posts by the term (its slug is the term's identity there).
    """
    settings = instance.settings
    if not romanizes(settings):
        return
    terms = [*getattr(instance, "tags", ()), getattr(instance, "category", None)]
    terms += list(getattr(instance, "authors", ()))
    for term in terms:
        if term is None or not has_hangul(term.name):
            continue
        kind = type(term).__name__.upper()
        subs = settings.get(
            f"{kind}_REGEX_SUBSTITUTIONS", settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
        )
        term.slug = slugify(
            romanized(term.name),
            regex_subs=subs,
            preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        )


def context_names(sender):
    """`core.dependencies.CONTEXT_NAMES`: `languages`.

    It comes from the settings and the post's translations, whose sources the
    rendered-page record follows already.
    """
    return {"languages"}


def register():
    """Connect the handlers."""
    dependencies.CONTEXT_NAMES.connect(context_names)
    signals.initialized.connect(check_settings)
    signals.content_object_init.connect(romanize_terms)
    signals.all_generators_finalized.connect(collect)
