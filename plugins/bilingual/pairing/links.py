"""Pure functions behind `pairing`: no Pelican imports, no I/O.

They take content-like objects (anything with `slug`, `lang`, `status`, `title`,
`url`, `source_path`) and plain values, and return new values.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from ..core import LanguageSites


@dataclass(frozen=True)
class Counterpart:
    """Another language's version of a post or page, as a template shows it.

    `url` is root-relative or absolute, on the counterpart's own language's site.
    """

    lang: str
    title: object  # str or escaped Markup, as the post has it
    url: str
    status: str
    source_path: str


@dataclass(frozen=True)
class PageLinks:
    """How one page links to its versions: what `<head>` and the language switch need.

    `alternates` is ((lang, url), ...) in site order, this page's own language included
    when it exists: the hreflang set, which search engines need to be reciprocal;
    `canonical` is this language's URL (None when the page has no version here);
    `x_default` the main language's URL, else the first alternate. `switch` is
    {lang: url} of every version a reader may go to (a draft's published translation
    too, though the translation does not name the draft back).
    """

    alternates: tuple[tuple[str, str], ...]
    canonical: str | None
    x_default: str | None
    switch: dict = field(default_factory=dict)

    @property
    def by_lang(self) -> dict[str, str]:
        """{lang: url} of the alternates."""
        return dict(self.alternates)


def filename_lang(path: str, pattern: str) -> str | None:
    """The language a file name gives (`ep1.ko.md` -> "ko") by `pattern`, or None."""
    stem = posixpath.splitext(posixpath.basename(path.replace("\\", "/")))[0]
    match = re.match(pattern, stem)
    if match is None:
        return None
    return match.groupdict().get("lang")


def counterparts(item, group: dict, sites: LanguageSites, url_of=None) -> list[Counterpart]:
    """The other-language versions of `item` in `group` ({lang: item}), in site order.

    A published item only gets published counterparts; a draft gets any.
    `url_of(other)` gives the other item's site-relative URL (default: `.url`).
    """
    url_of = url_of or (lambda other: other.url)
    found = []
    for lang in sites.langs:
        other = group.get(lang)
        if other is None or other is item or lang == item.lang:
            continue
        if item.status == "published" and other.status != "published":
            continue
        found.append(
            Counterpart(
                lang=lang,
                title=other.title,
                url=sites.url(lang, url_of(other)),
                status=other.status,
                source_path=other.source_path,
            )
        )
    return found


# The metadata fields that give an attribute when a file sets it (else a setting does).
GIVEN_BY = {"authors": ("author", "authors"), "category": ("category",), "tags": ("tags",)}


def taxonomy_langs(items, attr: str, defaults: dict | None = None) -> dict[str, set[str]]:
    """For `tags`, `category` or `authors`: slug -> languages with a published post in it.

    `defaults` ({lang: slug}) is the slug a post of that language takes when its file
    does not set the field: its own language's site's `AUTHOR` / `DEFAULT_CATEGORY`,
    which `I18N_SUBSITES` may set per language (the post objects of this site carry
    this site's default instead).
    """
    found: dict[str, set[str]] = {}
    for item in items:
        if item.status != "published":
            continue
        metadata = getattr(item, "metadata", {}) or {}
        if defaults and item.lang in defaults and not any(f in metadata for f in GIVEN_BY[attr]):
            found.setdefault(defaults[item.lang], set()).add(item.lang)
            continue
        value = getattr(item, attr, None)
        if value is None:
            continue
        for entry in value if isinstance(value, (list, tuple)) else [value]:
            found.setdefault(entry.slug, set()).add(item.lang)
    return found


def taxonomy_pages(
    items, save_as: dict[str, str], defaults: dict[str, dict] | None = None
) -> dict[str, set[str]]:
    """Output file of each tag/category/author page -> the languages that write it.

    `save_as` maps an attribute (`tags`, `category`, `authors`) to its `*_SAVE_AS`
    pattern with `{slug}`; an empty pattern writes no pages. `defaults`: {attribute:
    {lang: slug}} (see `taxonomy_langs`).
    """
    pages = {}
    for attr, pattern in save_as.items():
        if not pattern:
            continue
        for slug, langs in taxonomy_langs(items, attr, (defaults or {}).get(attr)).items():
            pages[pattern.format(slug=slug)] = langs
    return pages


def page_path(output_file: str) -> str:
    """A written file's site-relative URL path: `tags/x/index.html` -> `tags/x/`."""
    if output_file == "index.html":
        return ""
    if output_file.endswith("/index.html"):
        return output_file[: -len("index.html")]
    return output_file


def page_links(
    sites: LanguageSites,
    lang: str,
    output_file: str,
    content=None,
    page_langs: set[str] | None = None,
    elsewhere: dict[str, str] | None = None,
    replaces_theme_page: bool = False,
) -> PageLinks:
    """The versions of the page written to `output_file` on `lang`'s site.

    For a post or page (`content`, with `url`, `status` and `counterparts`): its own
    URL and its counterparts'; a draft or hidden one names only itself in hreflang
    (its translations do not name it back) but still offers them in `switch`. For any
    other page: the same path on every language's site that writes it (`page_langs`;
    None means every language), or, for a page whose translations live at other paths
    (a tag named per language), `elsewhere`: {lang: output file}. A published page
    without translations that takes the place of a theme page (`replaces_theme_page`:
    Pelican's documented custom home, `Save_as: index.html`) is that page's version in
    its language, so it pairs as the theme page would: with the same path on the other
    languages' sites.
    """
    if content is not None and not (replaces_theme_page and _alone(content)):
        urls = {lang: sites.url(lang, content.url)}
        versions = {**urls, **{c.lang: c.url for c in getattr(content, "counterparts", [])}}
        if content.status == "published":
            urls = versions
        switch = {other: versions[other] for other in sites.langs if other in versions}
        alternates = tuple((other, urls[other]) for other in sites.langs if other in urls)
        return PageLinks(alternates, urls.get(lang), _x_default(sites, urls, alternates), switch)
    paths = elsewhere or {
        other: output_file for other in sites.langs if page_langs is None or other in page_langs
    }
    urls = {other: sites.url(other, page_path(path)) for other, path in paths.items()}
    alternates = tuple((other, urls[other]) for other in sites.langs if other in urls)
    return PageLinks(alternates, urls.get(lang), _x_default(sites, urls, alternates), urls)


def translated_tags(groups, slugs: dict, save_as: str, taxonomy: dict) -> dict:
    """Tag pages that are translations of each other (the `TAG_TRANSLATIONS` setting).

    `groups`: [{lang: tag name}]; `slugs`: {(lang, tag name casefolded): slug} of the
    tags published posts use; `save_as`: `TAG_SAVE_AS`; `taxonomy`: {output file:
    languages that write it}. Returns {(lang, output file): {lang: output file}} for
    every tag page with translations, each language's page where that language writes
    it, so their hreflang and language switch lead to each other.
    """
    found = {}
    for group in groups:
        files = {}
        for lang, name in group.items():
            slug = slugs.get((lang, str(name).casefold()))
            path = save_as.format(slug=slug) if slug and save_as else None
            if path and lang in taxonomy.get(path, ()):
                files[lang] = path
        if len(files) > 1:
            for lang, path in files.items():
                found[(lang, path)] = files
    return found


def _alone(content) -> bool:
    """A published item with no version in another language."""
    return content.status == "published" and not getattr(content, "counterparts", None)


def _x_default(sites: LanguageSites, urls: dict, alternates: tuple) -> str | None:
    return urls.get(sites.main_lang) or (alternates[0][1] if alternates else None)


def direct_files(settings_get, templates) -> frozenset[str]:
    """The output files of the pages Pelican writes from `DIRECT_TEMPLATES` (normalized)."""
    files = (settings_get(f"{name.upper()}_SAVE_AS", f"{name}.html") for name in templates)
    return frozenset(posixpath.normpath(save_as) for save_as in files if save_as)


def direct_pages(settings_get, templates) -> dict[str, str]:
    """{template: site-relative URL} of the pages Pelican writes from `DIRECT_TEMPLATES`.

    `<NAME>_URL` when the settings give one, else the path of `<NAME>_SAVE_AS`
    (Pelican's default `<name>.html`). `settings_get(key, default)` reads a setting.
    """
    pages = {}
    for name in templates:
        save_as = settings_get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            pages[name] = settings_get(f"{name.upper()}_URL", None) or page_path(save_as)
    return pages
