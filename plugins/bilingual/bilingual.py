"""bilingual: pair translations across pelican-i18n-subsites sites and localize the theme.

Posts pair by Pelican's translation id, the slug. Slug and language come from the
metadata (`Slug:`, `Lang:`) or, when it does not give them, from a file name
`<slug>.<lang>.md`. A file that names no language belongs to the main language.

Template API
------------
- `article.counterparts`, `page.counterparts`: list of `Counterpart(lang, title,
  url, status, source_path)`, the other languages' versions in site order, with
  absolute-or-root-relative URLs on their own language's site. A published post
  only lists published counterparts.
- `href` on every article, draft and page this site read, in any language: its URL
  on its own language's site (use it, not `url`, for other languages' posts:
  pelican-i18n-subsites rewrites their `url` into a relative `../` form).
- `bilingual` (context): a `SiteLanguages` with `lang` (this site), `main_lang`,
  `langs`, `others`, `sites` (lang -> site URL), `theme_url`, `url(lang, path)`,
  `page_langs(output_file)`, `alternates(output_file, content)` -> [(lang, url)],
  `gettext_in(lang, message, **vars)` (UI text in another language, for bilingual
  headings), and `summary`.
- `translation_status` (context): `checks.StatusRow`s (slug, states per language:
  source / ok / stale / missing, paths, items), for the translations page.
- Jinja filters: `localdate(fmt="long", lang=site)` (Babel name, `month`, or CLDR
  skeleton), `isodate`, `language_name(in_lang=None)` (`ko` -> `한국어`),
  `og_locale` (`ko` -> `ko_KR`), `ld_ref` (url -> {"@id": url}), `plain_text`.
- Code blocks (`<pre>`) in posts get `tabindex="0"`: they scroll sideways, and a
  keyboard must be able to reach a scrolling region.
- Titles are plain text: `title` is escaped `Markup` (print it as it is; use
  `title|plain_text` for the string itself, e.g. in JSON).
- `_()` / `gettext` / `ngettext` from `<theme>/translations/<lang>/LC_MESSAGES/messages.po`.

Settings (defaults)
-------------------
- `BILINGUAL_FILENAME_PATTERN` (`pairing.FILENAME_PATTERN`): installed as Pelican's
  `FILENAME_METADATA`.
- `BILINGUAL_TEMPLATES_LANG` (`"en"`): the language the templates' msgids are in.
- `BILINGUAL_LOCALEDIR` (`<theme>/translations`).
- `BILINGUAL_STRICT` (False): warnings stop the build too (publishconf.py sets it).
- `BILINGUAL_CHECK_ONLY` (False): print the check report and exit before writing
  (what `invoke check` sets).
It also makes `*_LANG_URL`/`*_LANG_SAVE_AS` equal to `*_URL`/`*_SAVE_AS` (each
language has its own site, so a translation keeps its path), gives every subsite
the main site's `STATIC_PATHS`, no copy of the theme's static files, and (unless
`FEED_DOMAIN` is set) its own site URL as `FEED_DOMAIN`, and marks every feed with
its language (`xml:lang`).

Content rules (`checks.py`, shared by every build and `invoke check`): the main
site validates all content, plus the `content_findings` other plugins leave in the
context, before anything is written. Errors stop the build with file:line, field
and fix (unreadable files, missing or bad Title/Date/Status, a `Lang` the site does
not have or that contradicts the file name, two files with one slug and language,
tags that cannot have a page, links to missing files); warnings (stale
translations, tags that differ between translations) are logged, or stop a strict
build.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field, replace

from markupsafe import Markup, escape
from pelican import signals
from pelican.contents import Article, Page
from pelican.utils import get_date

from .checks import (
    broken_content_links,
    diagnose_source,
    field_line,
    stale_findings,
    tag_mismatches,
    tag_problems,
    translation_status,
)
from .checks import (
    report as check_report,
)
from .l10n import choose_translations, make_filters
from .pairing import (
    FILENAME_PATTERN,
    ContentError,
    counterparts,
    duplicate_errors,
    group_by_slug,
    join_url,
    language_errors,
    site_urls,
    summarize,
    taxonomy_langs,
)

log = logging.getLogger(__name__)

FOCUSABLE_PRE = re.compile(r"<pre(?![^>]*\btabindex=)([\s>])")
URL_KINDS = ("ARTICLE", "DRAFT", "PAGE", "DRAFT_PAGE", "STATIC")


@dataclass(frozen=True)
class SiteLanguages:
    """What templates need to know about the languages of the whole site."""

    lang: str
    sites: dict
    theme_url: str
    lang_pages: dict = field(default_factory=dict)
    summary: object = None
    catalogs: dict = field(default_factory=dict)

    @property
    def main_lang(self) -> str:
        return next(iter(self.sites))

    @property
    def langs(self) -> list[str]:
        return list(self.sites)

    @property
    def others(self) -> list[str]:
        return [lang for lang in self.sites if lang != self.lang]

    def url(self, lang: str, path: str = "") -> str:
        return join_url(self.sites[lang], path)

    def gettext_in(self, lang: str, message: str, **variables) -> str:
        """UI text in another language than the page's (for bilingual headings)."""
        catalog = self.catalogs.get(lang)
        text = catalog.gettext(message) if catalog is not None else message
        return text % variables if variables else text

    def page_langs(self, output_file: str) -> list[str]:
        """Languages that have the list page written to `output_file`."""
        present = self.lang_pages.get(output_file)
        return [lang for lang in self.sites if present is None or lang in present]

    def alternates(self, output_file: str, content=None) -> list[tuple[str, str]]:
        """(lang, url) of this page in every language it exists in, site order."""
        if content is not None:
            urls = {self.lang: self.url(self.lang, content.url)}
            urls.update((c.lang, c.url) for c in getattr(content, "counterparts", []))
            return [(lang, urls[lang]) for lang in self.sites if lang in urls]
        path = page_path(output_file)
        return [(lang, self.url(lang, path)) for lang in self.page_langs(output_file)]


def page_path(output_file: str) -> str:
    """`tags/x/index.html` -> `tags/x/`; `404.html` stays."""
    if output_file == "index.html":
        return ""
    if output_file.endswith("/index.html"):
        return output_file[: -len("index.html")]
    return output_file


def display_path(item) -> str:
    """A content file's path as the writer typed it: relative to where the build runs."""
    return os.path.relpath(item.source_path)


def configure(pelican):
    """initialized: settings every language's site needs; runs for the main site only."""
    settings = pelican.settings
    if "BILINGUAL_SITES" in settings:
        return
    settings["FILENAME_METADATA"] = settings.get("BILINGUAL_FILENAME_PATTERN", FILENAME_PATTERN)
    metadata = dict(settings.get("DEFAULT_METADATA") or {})
    metadata.setdefault("lang", settings["DEFAULT_LANG"])
    settings["DEFAULT_METADATA"] = metadata
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
            # Feeds' self links belong to the language's own site, not the main one.
            overrides.setdefault("FEED_DOMAIN", sites[lang])
    settings["I18N_SUBSITES"] = subsites
    settings["BILINGUAL_SITES"] = sites


def taxonomy_pages(items, settings) -> dict[str, set[str]]:
    """output file of each tag/category/author page -> languages that have it."""
    pages = {}
    for attr, setting in (
        ("tags", "TAG_SAVE_AS"),
        ("category", "CATEGORY_SAVE_AS"),
        ("authors", "AUTHOR_SAVE_AS"),
    ):
        pattern = settings.get(setting)
        if not pattern:
            continue
        for slug, langs in taxonomy_langs(items, attr).items():
            pages[pattern.format(slug=slug)] = langs
    return pages


def status_rows(articles, langs):
    """The translation status of every published or draft post."""
    return translation_status(
        [a for a in articles if a.status in ("published", "draft")], langs, display_path
    )


def validate(settings, context, articles, pages, langs, rows):
    """Every content rule, for the build and `invoke check` alike."""
    root = settings["PATH"]
    pattern = settings.get("BILINGUAL_FILENAME_PATTERN", FILENAME_PATTERN)
    findings = list(context.get("content_findings", []))
    for relative, content in sorted(context.get("generated_content", {}).items()):
        if content is None:  # Pelican could not read it
            path = os.path.join(root, relative)
            with open(path, "rb") as handle:
                findings += diagnose_source(os.path.relpath(path), handle.read(), get_date)
    findings += language_errors(articles + pages, langs, pattern, name=display_path)
    findings += duplicate_errors(articles, display_path) + duplicate_errors(pages, display_path)
    findings += tag_mismatches(articles, display_path) + tag_problems(articles, display_path)
    for item in articles + pages:
        source_dir = os.path.dirname(item.get_relative_source_path()).replace(os.sep, "/")
        findings += broken_content_links(
            display_path(item),
            source_dir,
            item._content or "",
            lambda relative: os.path.isfile(os.path.join(root, relative)),
        )
    findings += stale_findings(rows)
    return [with_line(finding) for finding in findings]


def with_line(finding):
    """The finding with the line of its field in the file, where the file says it."""
    if finding.line is not None or finding.field == "-" or not os.path.isfile(finding.path):
        return finding
    with open(finding.path, encoding="utf-8-sig", errors="replace") as handle:
        return replace(finding, line=field_line(handle.read(), finding.field))


def report_findings(settings, findings, rows, langs, files):
    """Print or log what is wrong; stop the build on errors (and on warnings when strict)."""
    errors = [f for f in findings if f.severity == "error"]
    warnings = [f for f in findings if f.severity != "error"]
    strict = bool(settings.get("BILINGUAL_STRICT"))
    failed = bool(errors) or (strict and bool(warnings))
    if settings.get("BILINGUAL_CHECK_ONLY"):
        print(check_report(findings, rows, langs, files))
        verdict = "failed" if failed else "passed"
        print(f"\ncheck {verdict}{' (strict: warnings count)' if strict else ''}")
        raise SystemExit(1 if failed else 0)
    for warning in warnings:
        log.warning("%s", with_where(warning))
    if failed:
        lines = [with_where(f) for f in (errors or warnings)]
        heading = "bilingual: stopped before writing anything:"
        if not errors:
            heading = "bilingual: stopped before writing anything (strict: warnings fail):"
        raise ContentError("\n".join([heading, *lines]))


def with_where(finding) -> str:
    """One line: `path:line: message; fix`."""
    text = str(finding)
    if finding.line:
        text = text.replace(finding.path, f"{finding.path}:{finding.line}", 1)
    return text


def collect(generators):
    """all_generators_finalized: validate, pair, localize, publish the context."""
    generator = generators[0]
    settings, context = generator.settings, generator.context
    sites = settings.get("BILINGUAL_SITES") or site_urls(
        settings["DEFAULT_LANG"], settings["SITEURL"], {}
    )
    lang = settings["DEFAULT_LANG"]
    contents = list(context.get("generated_content", {}).values())
    articles = [c for c in contents if isinstance(c, Article)]
    pages = [c for c in contents if isinstance(c, Page)]

    rows = status_rows(articles, list(sites))
    context["translation_status"] = rows
    if lang == next(iter(sites)):
        # Every site reads the same files; the main site runs first and speaks for all.
        findings = validate(settings, context, articles, pages, list(sites), rows)
        report_findings(settings, findings, rows, list(sites), len(contents))

    for kind in (articles, pages):
        groups = group_by_slug(kind)
        for item in kind:
            # Taken now: pelican-i18n-subsites later rewrites other languages' `url`.
            item.href = join_url(sites.get(item.lang, sites[lang]), item.url)
            if item.lang == lang:
                item.counterparts = counterparts(item, groups[item.slug], sites)

    main_lang = next(iter(sites))
    catalogs = {}
    for other in sites:
        catalogs[other], warning = choose_translations(
            settings.get("BILINGUAL_LOCALEDIR") or os.path.join(settings["THEME"], "translations"),
            other,
            main_lang,
            settings.get("BILINGUAL_TEMPLATES_LANG", "en"),
        )
        if warning and other == lang:
            log.warning(warning)
    context["bilingual"] = SiteLanguages(
        lang=lang,
        sites=sites,
        theme_url=join_url(sites[main_lang], settings["THEME_STATIC_DIR"]),
        lang_pages=taxonomy_pages(articles, settings),
        summary=summarize(articles, list(sites), display_path),
        catalogs=catalogs,
    )
    install_l10n(generators, catalogs[lang], lang)


def install_l10n(generators, translations, lang):
    """UI catalog and date filters for every template environment of this site."""
    filters = make_filters(lang)
    for generator in generators:
        env = getattr(generator, "env", None)
        if env is None:
            continue
        if "jinja2.ext.InternationalizationExtension" not in env.extensions:
            env.add_extension("jinja2.ext.i18n")
        env.install_gettext_translations(translations, newstyle=True)
        env.filters.update(filters)


def print_summary(generator, writer):
    """article_writer_finalized: the build summary, once, from the main site."""
    site = generator.context.get("bilingual")
    if site is None or site.lang != site.main_lang or site.summary is None:
        return
    print("\n".join(f"bilingual: {line}" for line in site.summary.lines()))


def plain_text_title(instance):
    """content_object_init: the title is plain text; keep it as escaped Markup.

    Templates then print it safely as it is, and Pelican's feed writer, which strips
    tags from titles, unescapes it back to the writer's text (`Vec<T>` stays `Vec<T>`).
    """
    title = getattr(instance, "title", None)
    if isinstance(title, str) and not isinstance(title, Markup):
        instance.title = escape(title)


def focusable_code(instance):
    """content_object_init: code blocks scroll sideways, so keyboards must reach them."""
    content = getattr(instance, "_content", None)
    if content and "<pre" in content:
        instance._content = FOCUSABLE_PRE.sub(r'<pre tabindex="0"\1', content)


def mark_feed_language(context, feed):
    """feed_generated: `xml:lang` on the feed, so every entry carries its language."""
    feed.feed["language"] = context.get("DEFAULT_LANG")


def register():
    signals.initialized.connect(configure)
    signals.content_object_init.connect(plain_text_title)
    signals.content_object_init.connect(focusable_code)
    signals.feed_generated.connect(mark_feed_language)
    signals.all_generators_finalized.connect(collect)
    signals.article_writer_finalized.connect(print_summary)
