"""Development settings: drafts visible, root-relative URLs, no feeds.

`publishconf.py` imports everything from here and changes what publishing needs.
Languages are configuration: `DEFAULT_LANG` is the main site at `/`, every key of
`I18N_SUBSITES` is another language at `/<lang>/`. Nothing else in the bundle names
a language; the theme's UI text comes from `theme/translations/<lang>/`.
"""

from markdown.extensions.toc import slugify_unicode

AUTHOR = "Hana Seo"
SITENAME = "Greenhouse Notes"
SITESUBTITLE = "A build log, a study thread and field notes"
SITEURL = ""

PATH = "content"
OUTPUT_PATH = "output"
# Files in content/ that are never read or copied (Pelican's default is [".#*"]): editors'
# and systems' own files beside the ones you write. `invoke serve` ignores them too.
IGNORE_FILES = [
    ".#*",  # Emacs locks
    "#*#",  # Emacs auto-save
    "*~",  # backups
    "*.sw?",  # Vim swap files
    "4913",  # Vim's write test
    ".goutputstream-*",  # gedit
    "*___jb_tmp___",  # JetBrains
    "*___jb_old___",
    ".*.tmp*",  # editors that save through a hidden temporary file
    ".DS_Store",  # macOS
    "._*",
]
TIMEZONE = "Asia/Seoul"

DEFAULT_LANG = "en"
I18N_SUBSITES = {
    "ko": {
        "SITENAME": "온실 노트",
        "SITESUBTITLE": "개발기, 공부 스레드, 현장 메모",
    },
}
# A post written in one language only is published once, on its own site (the bundle
# sees to that, whatever its status: published, draft or hidden).

# The whole bundle: pelican-i18n-subsites, every feature and the theme (pip install
# pelican-bilingual; this repository installs itself with `pip install -e .`).
PLUGINS = ["bilingual"]

# Series threads: optional names and descriptions per language (ids are the keys).
SERIES = {
    "greenhouse-build": {
        "name": {"en": "Greenhouse Build", "ko": "온실 개발기"},
        "description": {
            "en": "Building an automated greenhouse controller, one episode at a time.",
            "ko": "자동 온실 컨트롤러를 만드는 과정을 한 편씩 기록한다.",
        },
        "aliases": ["온실 개발기"],
    },
    "control-study": {
        "name": {"en": "Control Study", "ko": "제어 공부"},
        "description": {
            "en": "Study notes on estimation and control, in two sub-threads.",
            "ko": "추정과 제어를 공부하며 남긴 노트. 두 갈래로 나뉜다.",
        },
        "subseries": {
            "KAL": {"name": {"en": "Kalman filter", "ko": "칼만 필터"}},
            "PID": {"name": {"en": "PID control", "ko": "PID 제어"}},
        },
    },
    "field-notes": {
        "name": {"en": "Field Notes", "ko": "현장 메모"},
        "description": {
            "en": "Short commentary from working on the greenhouse.",
            "ko": "온실에서 일하며 떠오른 짧은 생각들.",
        },
    },
}

JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    # Templates do not change during a build; skip a file check on every include.
    "auto_reload": False,
    # Named by class so that i18n_subsites leaves the catalogs to `localization`.
    "extensions": ["jinja2.ext.InternationalizationExtension"],
}


ARTICLE_PATHS = [""]
ARTICLE_EXCLUDES = ["pages", "images", "extra"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
STATIC_CREATE_LINKS = True

ARTICLE_URL = "posts/{slug}/"
ARTICLE_SAVE_AS = "posts/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/pages/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
CATEGORY_URL = "categories/{slug}/"
CATEGORY_SAVE_AS = "categories/{slug}/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
AUTHOR_URL = "authors/{slug}/"
AUTHOR_SAVE_AS = "authors/{slug}/index.html"
AUTHORS_URL = "authors/"
AUTHORS_SAVE_AS = "authors/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
# "translation_status": the writer's translation status page (development builds only).
DIRECT_TEMPLATES = [
    "index",
    "tags",
    "categories",
    "authors",
    "archives",
    "404",
    "translation_status",
]
TRANSLATION_STATUS_SAVE_AS = "translations/index.html"
TRANSLATION_STATUS_URL = "translations/"

# reStructuredText's :math: and .. math:: as LaTeX, which the bundle renders to MathML
# with Markdown's formulas (its default when DOCUTILS_SETTINGS does not say).
DOCUTILS_SETTINGS = {"math_output": "LaTeX"}

DEFAULT_PAGINATION = False
THEME_HOME_RECENT_POSTS = 8
# Pelican's menu settings work as in its own themes (MENUITEMS, DISPLAY_PAGES_ON_MENU, and
# LINKS / SOCIAL in the footer); the demo files its posts in series, not categories.
DISPLAY_CATEGORIES_ON_MENU = False
SUMMARY_MAX_LENGTH = 40

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight", "guess_lang": False},
        # Footnotes, definition lists, tables...; the footnotes' back links carry no
        # English title (the same HTML serves every language).
        "markdown.extensions.extra": {"footnotes": {"BACKLINK_TITLE": ""}},
        # Notes and warnings: `!!! note "Title in the post's language"`.
        "markdown.extensions.admonition": {},
        # Formulas ($…$, $$…$$, \(…\), \[…\]) for the mathml plugin to render.
        "pymdownx.arithmatex": {"generic": True},
        # Heading ids that keep Hangul readable, and a "#" link a reader can copy.
        "markdown.extensions.toc": {
            "slugify": slugify_unicode,
            "permalink": "#",
            "permalink_class": "heading-anchor",
            "permalink_title": "",
        },
    },
    "output_format": "html5",
}

# Development builds write no feeds; publishconf.py turns them on.
FEED_ATOM = None
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

RELATIVE_URLS = False

# What the readers made of each file is kept in CACHE_PATH for the next build, keyed by
# the file's bytes and the reading settings (plugins/bilingual/engine/read_cache.py).
BUILD_READ_CACHE = True
