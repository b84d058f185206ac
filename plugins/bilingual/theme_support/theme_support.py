"""theme_support: what the theme needs from content and from its own files.

- Titles are plain text: every title becomes escaped `Markup` (reStructuredText's
  are escaped already, by docutils), so templates print it
  safely as it is, and Pelican's feed writer, which strips tags from titles, unescapes
  it back to the writer's text (`Vec<T>` stays `Vec<T>`). In Python, `str(title)` is
  the escaped form; `title.unescape()` the text.
- reStructuredText's inline literals are written as `<code>`, not HTML 4's `<tt>`
  (`rst_code`; a `READERS` entry for `rst` of the writer's own wins).
- Code blocks (`<pre>`) in posts and pages get `tabindex="0"`: they scroll sideways,
  and a keyboard must be able to reach a scrolling region (axe `scrollable-region-
  focusable`, WCAG 2.1.1).
- A `Save_as:` without a `URL:` moves the URL along, and a page of the site's
  language saved where a theme page goes (Pelican's documented custom 404:
  `Status: hidden`, `Save_as: 404.html`) replaces the theme's page on that
  language's site; the other languages keep the bundle's multilingual 404.
- One stylesheet: the theme's CSS sources (`<THEME>/css/`: tokens.css, base.css, then
  components/*.css by name) are written as one file, `<THEME_STATIC_DIR>/css/site.css`,
  by the main site, so a page loads one stylesheet. The sources live outside
  `static/`, so only the bundle is published.

- `remembered(*key)` (a template global, used with `{% call %}`): the block's output
  kept per key for the rest of the site's build. A post appears in many lists (home,
  tags, archive); `post_row` renders its row once per set of arguments and page URL
  base (`SITEURL`, which `RELATIVE_URLS` makes per page) instead of once per list.
  `remembered(*key, keep=False)` renders the block without keeping it: a row only
  one page shows (the archive's) would only hold memory until the lists are written.

Settings: `THEME_HOME_RECENT_POSTS` (8): how many posts the home page lists when the site
is not paginated; `THEME_CODE_STYLE` ("default") and `THEME_CODE_STYLE_DARK` ("github-dark"):
the Pygments styles code is highlighted with, light and dark, generated into the
stylesheet with every colour made to read at WCAG AA on the code background
(`code_style.py`). It reads `THEME`, `THEME_STATIC_DIR`, `OUTPUT_PATH`,
`DIRECT_TEMPLATES`.
"""

from __future__ import annotations

import html
import logging
import os
import re
from pathlib import Path

from markupsafe import Markup, escape
from pelican import signals
from pelican.contents import Page
from pelican.generators import Generator
from pygments.styles import get_all_styles

from .. import compat, subsites
from ..core import BuildStopped, dependencies
from ..core.files import same_bytes
from ..core.markdown_settings import with_extension
from ..core.settings import Setting
from . import rst_code
from .code_style import code_css
from .stylesheet import bundle, stylesheet_sources

log = logging.getLogger(__name__)

FOCUSABLE_PRE = re.compile(r"<pre(?![^>]*\btabindex=)([\s>])")
STYLESHEET = "css/site.css"


THEME_HOME_RECENT_POSTS = Setting(
    "THEME_HOME_RECENT_POSTS",
    8,
    "a whole number, at least 1",
    "How many posts the home page lists when the site is not paginated "
    "(`DEFAULT_PAGINATION` unset).",
    was="HOME_RECENT_POSTS",
)
THEME_CODE_STYLE = Setting(
    "THEME_CODE_STYLE",
    "default",
    "a Pygments style name",
    "Code colours in light mode; every colour is adjusted to read at WCAG AA on the code "
    "background.",
    was="CODE_STYLE",
)
THEME_CODE_STYLE_DARK = Setting(
    "THEME_CODE_STYLE_DARK",
    "github-dark",
    "a Pygments style name",
    "Code colours in dark mode (`prefers-color-scheme: dark`), adjusted the same way.",
    was="CODE_STYLE_DARK",
)
SETTINGS = (THEME_HOME_RECENT_POSTS, THEME_CODE_STYLE, THEME_CODE_STYLE_DARK)


def focusable_pre(html: str) -> str:
    """`html` with `tabindex="0"` on every `<pre>` that has no tabindex."""
    return FOCUSABLE_PRE.sub(r'<pre tabindex="0"\1', html) if "<pre" in html else html


def plain_text_title(instance):
    """`content_object_init`: keep the title as escaped Markup (see the docstring).

    Markdown gives a title as typed: its character references are resolved (`Tips
    &amp; tricks` reads "Tips & tricks", as Pelican's own themes show it) and the text
    escaped, so `Vec<T>` stays text. reStructuredText gives it as HTML that docutils
    already escaped (`Tips &amp; tricks`), with elements for inline markup
    (``` ``literal`` ``` → `<code>`): its text is taken (tags dropped, entities
    resolved) and escaped. Either way it is plain text in `<title>`, `content="..."`
    attributes and JSON-LD as well.
    """
    title = getattr(instance, "title", None)
    if isinstance(title, str) and not isinstance(title, Markup):
        is_html = getattr(instance, "metadata", {}).get("reader") == "rst"
        instance.title = escape(Markup(title).striptags() if is_html else html.unescape(title))


def url_follows_save_as(instance):
    """`content_object_init`: a `Save_as:` without a `URL:` moves the URL along.

    Pelican's documented custom 404 page (`Status: hidden`, `Save_as: 404.html`)
    would otherwise keep the `{slug}/` URL, which nothing is written at, and its
    canonical and hreflang links would lead nowhere.
    """
    metadata = getattr(instance, "metadata", {})
    if metadata.get("save_as") and not metadata.get("url"):
        save_as = metadata["save_as"]
        instance.override_url = (
            save_as[: -len("index.html")] if save_as.endswith("index.html") else save_as
        )


def writers_pages_win(generators):
    """`all_generators_finalized`: a page saved where a theme page goes replaces it.

    A page of this site's language whose `Save_as:` is a direct template's file (the
    404 page: `404.html`) is written instead of the theme's, on this language's site
    only; the other languages keep the theme's page.
    """
    settings, context = generators[0].settings, generators[0].context
    taken = {
        item.save_as
        for item in context.get("generated_content", {}).values()
        if isinstance(item, Page) and item.lang == settings["DEFAULT_LANG"]
    }
    kept = []
    # From the main site's settings as written: i18n-subsites copies each subsite's
    # settings from the main site's, changes made here included.
    lang = settings["DEFAULT_LANG"]
    for template in subsites.language_setting(settings, lang, "DIRECT_TEMPLATES", []):
        save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
        if save_as in taken:
            log.info("theme_support: the page saved as %s replaces the theme's", save_as)
        else:
            kept.append(template)
    settings["DIRECT_TEMPLATES"] = kept


class RememberedBlocks:
    """`remembered(*key, caller)` for one Jinja environment (one site's build).

    Keys are compared by value for plain values (str, numbers, None) and by identity
    for objects (a post), which are kept alive with the output so that no other object
    takes their id. A call returns the block's output (Markup) as `caller()` made it
    first; `clear()` lets it all go (the site has written its lists, or the engine puts
    a post's new text in place: `core.dependencies.TEXT_REPLACED`).
    """

    def __init__(self):
        """Nothing kept yet."""
        self.kept: dict[tuple, tuple] = {}

    def __call__(self, *key, caller, keep: bool = True):
        """The block's output for `key`, rendered by `caller` the first time.

        With `keep=False` it is rendered now and not kept (a block that is shown once).
        """
        if not keep:
            return caller()
        marker = tuple(
            part if isinstance(part, (str, int, float, bool, type(None))) else ("id", id(part))
            for part in key
        )
        entry = self.kept.get(marker)
        if entry is None:
            entry = self.kept[marker] = (key, caller())
        return entry[1]

    def clear(self) -> None:
        """Forget every block."""
        self.kept.clear()


def install_block_memo(generators):
    """`all_generators_finalized`: a `remembered` of its own in each generator's templates."""
    for generator in generators:
        env = getattr(generator, "env", None)
        if env is not None:
            env.globals["remembered"] = RememberedBlocks()


def release_block_memo(generator, writer=None):
    """`article_writer_finalized` / `page_writer_finalized`: the lists are written.

    Also `core.dependencies.TEXT_REPLACED`: a post's text changed.
    """
    memo = getattr(generator, "env", None) and generator.env.globals.get("remembered")
    if isinstance(memo, RememberedBlocks):
        memo.clear()


def focusable_code(instance):
    """`content_object_init`: `tabindex="0"` on the content's code blocks."""
    content = compat.content_html(instance)
    if content:
        compat.set_content_html(instance, focusable_pre(content))


class StylesheetGenerator(Generator):
    """Writes the theme's one stylesheet (main site only: subsites share it)."""

    def generate_output(self, writer):
        """Bundle the CSS sources into `<OUTPUT>/<THEME_STATIC_DIR>/css/site.css`."""
        if not subsites.is_main_site(self.settings):
            return
        source_dir = Path(self.theme) / "css"
        if not source_dir.is_dir():
            return  # a writer's own theme, which brings its own stylesheets
        light, dark = code_styles(self.settings)
        try:
            text = bundle(stylesheet_sources(source_dir), Path(self.theme))
            tokens = (source_dir / "tokens.css").read_text(encoding="utf-8")
            text += code_css(light, dark, tokens)
        except (FileNotFoundError, ValueError) as missing:
            raise BuildStopped(
                f"theme_support: the theme's stylesheet is incomplete: {missing}"
            ) from None
        target = Path(self.output_path) / self.settings["THEME_STATIC_DIR"] / STYLESHEET
        os.makedirs(target.parent, exist_ok=True)
        data = text.encode("utf-8")
        if not same_bytes(str(target), data):  # unchanged: keeps its modification time
            target.write_bytes(data)


def code_styles(settings) -> tuple[str, str]:
    """(`THEME_CODE_STYLE`, `THEME_CODE_STYLE_DARK`): Pygments style names, checked.

    Raises BuildStopped naming a style Pygments does not have.
    """
    styles = (THEME_CODE_STYLE.read(settings), THEME_CODE_STYLE_DARK.read(settings))
    known = set(get_all_styles())
    for name, value in zip(("THEME_CODE_STYLE", "THEME_CODE_STYLE_DARK"), styles, strict=True):
        if value not in known:
            raise BuildStopped(
                f"theme_support: invalid {name} {value!r}: a Pygments style name "
                f"({', '.join(sorted(known)[:6])}, …)"
            )
    return styles


def check_settings(pelican):
    """`initialized`: the theme's settings, checked before anything is written.

    `THEME_HOME_RECENT_POSTS` (8) is a whole number; `THEME_CODE_STYLE` and
    `THEME_CODE_STYLE_DARK` are Pygments styles. The theme's `404` joins
    `DIRECT_TEMPLATES` when it is missing, and Markdown's `admonition` extension (the
    `!!! note "Title"` boxes the theme styles) joins `MARKDOWN` unless the writer
    configured it (Pelican's default has none: the box came out as a paragraph).
    """
    code_styles(pelican.settings)
    markdown = pelican.settings.get("MARKDOWN") or {}
    pelican.settings["MARKDOWN"] = with_extension(markdown, "markdown.extensions.admonition", {})
    # The theme's 404 page in every language (Pelican's default DIRECT_TEMPLATES has
    # none); a page of the writer's saved as 404.html still replaces it.
    subsites.add_direct_template(pelican.settings, "404", "theme_support")
    value = THEME_HOME_RECENT_POSTS.read(pelican.settings)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise BuildStopped(
            f"theme_support: invalid THEME_HOME_RECENT_POSTS {value!r}: a whole number, at least 1"
        )


def add_generator(pelican):
    """`get_generators`: the stylesheet's generator."""
    return StylesheetGenerator


class NoCategory:
    """What a post without a category has as one: empty, false in a template's `if`.

    Pelican's URL formatting reads `category.slug` whenever the attribute exists, so
    this stands for "none" where `None` cannot: its slug, name and URL are "".
    """

    slug = name = url = save_as = ""

    def __bool__(self) -> bool:
        """False: `{% if article.category %}` skips it as it skips a missing one."""
        return False

    def __str__(self) -> str:
        """The empty name."""
        return ""


def drafts_without_category(generator):
    """`article_generator_finalized`: a draft with no category gets `NoCategory()`.

    With `CATEGORY_SAVE_AS = ""` (Pelican's documented way to write no category pages,
    which the quickstart uses) Pelican gives posts no `category` at all; it writes a
    published post with `getattr(article, "category", None)` but a draft with
    `draft.category`, and stopped on the first draft with "'Article' object has no
    attribute 'category'" (Pelican 4.11 and 4.12, `ArticlesGenerator.generate_drafts`).
    The draft is written as a published post would be: no category, "" in its URL.
    """
    drafts = [*getattr(generator, "drafts", ()), *getattr(generator, "drafts_translations", ())]
    for draft in drafts:
        if not hasattr(draft, "category"):
            draft.category = NoCategory()


def register():
    """Connect the handlers, in the order they fire."""
    signals.initialized.connect(check_settings)
    signals.initialized.connect(rst_code.use_rst_reader)
    signals.get_generators.connect(add_generator)
    signals.content_object_init.connect(plain_text_title)
    signals.content_object_init.connect(url_follows_save_as)
    signals.content_object_init.connect(focusable_code)
    signals.article_generator_finalized.connect(drafts_without_category)
    signals.all_generators_finalized.connect(writers_pages_win)
    signals.all_generators_finalized.connect(install_block_memo)
    signals.article_writer_finalized.connect(release_block_memo)
    signals.page_writer_finalized.connect(release_block_memo)
    dependencies.TEXT_REPLACED.connect(release_block_memo)
