"""content_checks: every content rule, for each build and for `invoke check`.

The main site checks all content, in every language, before anything is written
(see the run order in `subsites`), together with the findings other plugins
hand over (`core.add_findings`). Errors stop the build with file:line, field and
fix: unreadable files, a missing or bad Title/Date/Status, a `Lang` the site does not
have or that contradicts the file name, two files with one slug and language, two
posts or pages one language's site would write to one file (`Save_as:`), tags
that cannot have a page, links to missing files, a `Template:` the theme lacks.
Warnings (stale translations, `{filename}` links to images and other files, and the
other plugins' warnings) are logged, counted in the build summary, emitted as GitHub
Actions annotations there, and stop only a strict build: before writing for every
warning logged until then (Pelican's readers' too), after writing for one logged
while writing. Tags are not compared between translations: a tag in one language only, or
named differently per language, is normal.

Template API
------------
Context `translation_status`: list of `status.StatusRow` (slug, `states` per
language: source / ok / stale / missing, `paths`, `items`, `complete`), for the
writer's translation status page (`translation_status.html`).
At the end of every build the main site prints a summary: posts per language,
complete pairs, posts that lack a translation.

Settings (defaults)
-------------------
- `BILINGUAL_STRICT` (False): warnings stop the build too, Pelican's own included.
- `BILINGUAL_CHECK_ONLY` (False): print the check report and exit (status 1 on
  failure) before writing anything; what `invoke check` sets.
- `BILINGUAL_FILENAME_PATTERN` (`subsites.FILENAME_PATTERN`): how a file name
  gives a slug and a language.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import replace
from types import SimpleNamespace

from pelican import signals
from pelican.contents import Article, Page
from pelican.utils import get_date

from .. import compat, subsites
from ..core import (
    BuildStopped,
    add_item_check,
    display_path,
    error,
    findings_in,
    translation_ids,
    warning,
)
from ..core import display_path as common_display_path
from ..core.build_state import build_state
from .link_rules import (
    broken_content_links,
    drafts_for_the_public,
    plain_images,
    static_files_by_filename,
    unpublishable_links,
)
from .report import WarningCount, conclude, fold_pelican_messages, with_line
from .settings import TRANSLATION_STATUS_SAVE_AS, TRANSLATION_STATUS_URL, CheckSettings
from .site_rules import (
    duplicate_errors,
    foreign_suffixes,
    language_errors,
    missing_templates,
    missing_translation_ids,
    same_file_errors,
    tag_address_clashes,
    tag_problems,
    theme_page_errors,
    unpaired_versions,
)
from .source_rules import diagnose_source, diagnose_with_reader, untitled
from .status import stale_findings, summarize, translation_status

log = logging.getLogger(__name__)

# Settings key: the build's `WarningCount` (main site; subsites share it).
COUNTER_KEY = "content_checks.warnings"  # in the build state (core.build_state)


def is_language_tag(code: str) -> bool:
    """Whether `code` is a language tag CLDR knows (`fr`, `pt-BR`; not `api`, `jp`)."""
    return subsites.language_tag_problem(code) is None


def filename_lang(pattern: str, path: str, aliases: tuple = ()) -> str | None:
    """The language a file name gives (`ep1.ko.md` -> "ko") by `pattern`, or None.

    `aliases` ((name, tag), ...): a name gives its tag (`ep1.jp.md` -> "ja").
    """
    stem = os.path.splitext(os.path.basename(path))[0]
    match = re.match(pattern, stem)
    lang = match.groupdict().get("lang") if match else None
    return next((tag for name, tag in aliases if lang and name.lower() == lang.lower()), lang)


SYNTAX = {"rst": "reStructuredText", "html": "HTML", "htm": "HTML"}


def source_text(path: str) -> str | None:
    """A content file's text (UTF-8, undecodable bytes replaced), or None if unreadable."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return None


def unreadable_files(config: CheckSettings, generated: dict, readers) -> list:
    """Findings for the files Pelican read but could not turn into content.

    Markdown files are diagnosed from their text; other formats by running their
    Pelican reader (`readers`: Pelican's `Readers`), so its own error is reported.
    """
    findings = []
    for relative, content in sorted(generated.items()):
        if content is not None:
            continue
        path = os.path.join(config.content_root, relative)
        shown = display_path(path, config.content_root)
        ext = os.path.splitext(path)[1].lstrip(".").lower()
        reader = readers.readers.get(ext)
        if ext in SYNTAX and reader is not None:
            read = functools.partial(reader.read, path)
            findings += diagnose_with_reader(shown, read, SYNTAX[ext], source_text(path))
            continue
        if reader is not None and has_front_matter(path):
            # YAML front matter: the reader says what is wrong with it, and where.
            read = functools.partial(reader.read, path)
            findings += diagnose_with_reader(shown, read, "Markdown")
            continue
        named = re.match(config.filename_pattern, os.path.splitext(os.path.basename(path))[0])
        dated = bool(named and named.groupdict().get("date")) or config.default_date
        with open(path, "rb") as handle:
            found = diagnose_source(shown, handle.read(), get_date, dated)
        findings += [read_as_post(f, relative, config) for f in found]
    return findings


def read_as_post(finding, relative: str, config: CheckSettings):
    """A missing date in a file that looks like a page: say why it is read as a post.

    Pelican reads as pages only the files under `PAGE_PATHS` (relative to `PATH`); a
    `pages/` folder elsewhere (`PATH` left at Pelican's default, the project folder, so
    the pages are in `content/pages/`) holds posts, and a post needs a date.
    """
    folders = relative.replace(os.sep, "/").split("/")[:-1]
    names = {posixpath.basename(p.rstrip("/")) for p in config.page_paths}
    if finding.field != "Date" or not names.intersection(folders):
        return finding
    return dataclasses.replace(
        finding,
        message=(
            "the post has no date (it is read as a post: pages are read from PAGE_PATHS "
            f"{list(config.page_paths)} inside PATH {config.content_root!r}, and this "
            "file is not there)"
        ),
        fix=(
            "for a page, move it there or set PATH to the folder that holds 'pages' "
            "(PATH = \"content\"); for a post, add a line 'Date: YYYY-MM-DD HH:MM'"
        ),
    )


def has_front_matter(path: str) -> bool:
    """Whether a Markdown file starts with a `---` line (YAML front matter)."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            first = next((line for line in handle if line.strip()), "")
    except (OSError, UnicodeDecodeError):
        return False
    return first.strip() == "---"


def template_finder(env, extensions) -> Callable:
    """`has_template(name)` for a Jinja environment: Pelican looks up `name + ext`."""
    known = set(env.list_templates())
    return lambda name: any(f"{name}{ext}" in known for ext in extensions)


def validate(config: CheckSettings, generator, articles, pages, rows, has_template) -> list:
    """Every finding about this build's content, with the line of its field."""
    context = generator.context
    shown_paths: dict[str, str] = {}

    def display_path(item) -> str:  # each file's shown path made once (relpath is slow)
        key = item if isinstance(item, str) else item.source_path
        if key not in shown_paths:
            shown_paths[key] = common_display_path(item)
        return shown_paths[key]

    findings = findings_in(context) + unreadable_files(
        config, context["generated_content"], generator.readers
    )
    findings += missing_templates(articles + pages, has_template, display_path)
    findings += untitled(articles + pages, display_path)
    lang_of_name = functools.partial(filename_lang, config.filename_pattern, aliases=config.aliases)
    findings += language_errors(articles + pages, config.langs, lang_of_name, display_path)
    known = config.langs + tuple(name for name, _tag in config.aliases)
    findings += foreign_suffixes(articles + pages, known, is_language_tag, display_path)
    findings += duplicate_errors(articles, display_path) + duplicate_errors(pages, display_path)
    findings += same_file_errors(articles + pages, display_path)
    findings += theme_page_errors(
        articles + pages,
        theme_pages(generator.settings, articles, config.langs),
        lambda item: isinstance(item, Page),
        display_path,
    )
    article_ids = translation_ids(generator.settings, "ARTICLE")
    page_ids = translation_ids(generator.settings, "PAGE")
    if article_ids == page_ids == ("slug",):  # versions named alike but slugs differ
        findings += unpaired_versions(articles + pages, lang_of_name, display_path)
    findings += missing_translation_ids(articles, article_ids, "ARTICLE", display_path)
    findings += missing_translation_ids(pages, page_ids, "PAGE", display_path)
    findings += tag_problems(articles, display_path) + tag_address_clashes(articles, display_path)
    for item in articles + pages:
        findings += text_findings(config, item, display_path(item))
    findings += stale_findings(rows)
    if config.writes_drafts:
        drafts = [item for item in articles + pages if getattr(item, "status", "") == "draft"]
        findings += drafts_for_the_public(drafts, config.siteurl, display_path)
    # By file and line: the same content gives the same report, whatever order Pelican
    # read the files in (its file list is a set).
    return sorted(
        (with_line(finding, config.content_root) for finding in findings),
        key=lambda f: (f.path, f.line or 0, f.field, f.message),
    )


ARCHIVE_SETTINGS = (
    ("YEAR_ARCHIVE_SAVE_AS", "the year's archive page"),
    ("MONTH_ARCHIVE_SAVE_AS", "the month's archive page"),
    ("DAY_ARCHIVE_SAVE_AS", "the day's archive page"),
)


def theme_pages(settings, articles, langs) -> dict:
    """{(lang, save_as): (what, a page may replace it)}: the list pages each site writes.

    The direct templates' pages (`DIRECT_TEMPLATES`, `<NAME>_SAVE_AS`; a page may take
    their place), and for the published posts of each language their tags',
    categories' and authors' pages and Pelican's period archives.
    """
    found = {}

    def add(lang, save_as, what, replaceable=False):
        if save_as:
            found.setdefault((lang, posixpath.normpath(save_as)), (what, replaceable))

    for lang in langs:
        for template in subsites.language_setting(settings, lang, "DIRECT_TEMPLATES", []):
            save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
            add(lang, save_as, f"the site's {template} page", replaceable=True)
    for item in articles:
        if getattr(item, "status", "") != "published":
            continue
        for tag in getattr(item, "tags", None) or ():
            add(item.lang, tag.save_as, f"the page of tag '{tag}'")
        if getattr(item, "category", None) is not None:
            add(item.lang, item.category.save_as, f"the page of category '{item.category}'")
        for author in getattr(item, "authors", None) or ():
            add(item.lang, author.save_as, f"the page of author '{author}'")
        for key, what in ARCHIVE_SETTINGS:
            pattern = settings.get(key)
            if pattern:
                add(item.lang, pattern.format(date=item.date), what)
    return found


def text_findings(config: CheckSettings, item, shown: str | None = None) -> list:
    """The rules on one post's own text: links to missing files, images without size.

    `shown`: the item's file as findings name it (`display_path` when not given).
    """
    shown = shown or display_path(item)
    source_dir = os.path.dirname(item.get_relative_source_path()).replace(os.sep, "/")
    exists = functools.partial(is_content_file, config.content_root)
    html = compat.content_html(item)
    generated = compat.content_context(item)
    sources = generated.get("generated_content") or {}

    def is_content(relative: str) -> bool:
        return relative in sources or relative.replace("/", os.sep) in sources

    def target_of(relative: str):
        found = sources.get(relative) or sources.get(relative.replace("/", os.sep))
        if found is None:
            return None
        return SimpleNamespace(status=found.status, html=compat.content_html(found))

    findings = (
        broken_content_links(shown, source_dir, html, exists)
        + static_files_by_filename(shown, source_dir, html, exists, is_content)
        + plain_images(shown, source_dir, html, exists)
    )
    if getattr(item, "status", "published") != "draft":
        # What `invoke publish` would stop on: an error where this build publishes or
        # only checks (`invoke check` predicts `invoke publish`), else a warning.
        publishing = config.check_only or not config.writes_drafts
        finding = error if publishing else warning
        findings += unpublishable_links(shown, source_dir, html, target_of, finding)
    return findings


def is_content_file(content_root: str, relative: str) -> bool:
    """Whether the content folder has the file at `relative` (a posix path)."""
    return os.path.isfile(os.path.join(content_root, relative))


def check_settings(pelican):
    """`initialized`: stop on a bad setting before anything is read or written.

    Also folds Pelican's messages about unreadable files into the report. A blog in
    one language (no `I18N_SUBSITES`) has no translations to list: its build writes no
    translation status page.
    """
    config = CheckSettings.from_settings(pelican.settings)
    if len(config.langs) == 1:
        subsites.remove_direct_template(pelican.settings, "translation_status")
    fold_pelican_messages()
    state = build_state(pelican.settings)
    if COUNTER_KEY not in state:  # the main site; subsites share its state
        counter = WarningCount()
        logging.getLogger().addHandler(counter)
        state[COUNTER_KEY] = counter


def check(generators):
    """`all_generators_finalized`: the status rows; on the main site, every rule."""
    settings, context = generators[0].settings, generators[0].context
    config = CheckSettings.from_settings(settings)
    contents = list(context.get("generated_content", {}).values())
    articles = [c for c in contents if isinstance(c, Article)]
    pages = [c for c in contents if isinstance(c, Page)]
    ids = translation_ids(settings, "ARTICLE")
    rows = translation_status(articles, list(config.langs), display_path, ids)
    context["translation_status"] = rows
    add_item_check(context, functools.partial(text_findings, config))
    if subsites.is_main_site(settings):
        has_template = template_finder(generators[0].env, settings["TEMPLATE_EXTENSIONS"])
        findings = validate(config, generators[0], articles, pages, rows, has_template)
        counter = build_state(settings).get(COUNTER_KEY)
        logged = counter.count if counter is not None else 0
        warnings = conclude(config, findings, rows, len(contents), logged)
        page = ""
        if "translation_status" in settings.get("DIRECT_TEMPLATES", ()):
            saved = TRANSLATION_STATUS_SAVE_AS.read(settings)
            page = TRANSLATION_STATUS_URL.read(settings) or saved
            page = "/" + page.removesuffix("index.html").lstrip("/") if saved else ""
        context["translation_summary"] = summarize(rows, list(config.langs), warnings, page)


def print_summary(generator, writer):
    """`article_writer_finalized`: the build summary, once, from the main site."""
    summary = generator.context.get("translation_summary")
    counter = build_state(generator.settings).get(COUNTER_KEY)
    if counter is not None and subsites.is_main_site(generator.settings):
        logging.getLogger().removeHandler(counter)
        if summary is not None:
            summary = replace(summary, warnings=summary.warnings + counter.count)
    if summary is not None and subsites.is_main_site(generator.settings):
        if summary.warnings and CheckSettings.from_settings(generator.settings).strict:
            # Warnings logged while writing (templates, other plugins): the checks
            # before writing stopped a strict build on every earlier one.
            raise BuildStopped(
                f"bilingual: {summary.warnings} warning(s) above while writing; "
                "a strict build (BILINGUAL_STRICT, --strict) stops on warnings"
            )
        print("\n".join(f"bilingual: {line}" for line in summary.lines()))


def register():
    """Connect the handlers, in the order they fire."""
    signals.initialized.connect(check_settings)
    signals.all_generators_finalized.connect(check)
    signals.article_writer_finalized.connect(print_summary)
