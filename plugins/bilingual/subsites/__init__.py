"""The adapter for pelican-i18n-subsites: everything the bundle does because of it.

pelican-i18n-subsites (the design keeps it) builds one site per language inside one
process. This package is the only place that knows how it does that; plugins ask it.

Its modules, by what they do: `sites` (the language sites, their URLs, settings and
output folders; what the theme has), `names` (a file name's slug and language; language
tags checked), `configure` (the settings every language's site needs, below), `reading`
(each file read once; the reader and template caches), `statics` (static files and
attachments written once), `run` (Pelican in a process of its own). Every name is
imported here, so features use `subsites.<name>`.

The contract
------------
Settings (`configure`, on `initialized` of the main site, before i18n-subsites reads
`I18N_SUBSITES` at `get_generators`):
- each language's site writes only its own language's content, whatever its status:
  `I18N_UNTRANSLATED_ARTICLES` / `_PAGES` are "remove", and `I18N_GENERATORS_INFO`
  makes i18n-subsites filter drafts and hidden posts and pages too (by itself it
  leaves another language's drafts and hidden content on every site, where they are
  written under this site's language or overwrite its own version);
- `FILENAME_METADATA` becomes `filename_pattern(settings)`: a file named
  `[YYYY-MM-DD-]<slug>.<lang>.md` gives its date (as Pelican's default does), slug and
  language; a file without a language suffix gets Pelican's usual treatment (date
  from a date prefix, slug from the title). A writer's own `FILENAME_METADATA` is
  kept: applied as it is when it names `lang` itself; when it names `slug`, the
  language still comes from the `.<lang>` suffix (and leaves the slug); otherwise it is
  combined with the `<slug>.<lang>` suffix. `DEFAULT_METADATA["lang"]` becomes the
  main language, so a file that names no language belongs to the main site;
- every `*_LANG_URL` / `*_LANG_SAVE_AS` equals `*_URL` / `*_SAVE_AS`: each language has
  its own site, so a translation keeps its path there;
- each subsite gets the main site's `STATIC_PATHS` and `THEME_STATIC_DIR` and no
  `THEME_STATIC_PATHS` (the theme's files are published once, by the main site; so
  are images and other static files: `share_static_files`), and
  its own site URL as `FEED_DOMAIN` unless the writer set one (feeds' self links);
- Pelican's "all articles" feeds (`FEED_ALL_ATOM`, `FEED_ALL_RSS`; Pelican's default
  writes `feeds/all.atom.xml`) would mix every translation into each language's feed:
  when the writer set no `FEED_ATOM` / `FEED_RSS` of their own (or the same file), the
  feed becomes the language's own (`FEED_ATOM` at the same address) and the "all"
  feed is dropped (`language_feeds`);
- `OUTPUT_PATH` is made absolute (Pelican's default, `output`, is relative to the
  folder the build runs in), so plugins can compare it with the paths written;
- the bundle's theme is autoescaped (`JINJA_ENVIRONMENT["autoescape"]`; Pelican's
  default environment does not escape, and titles and tags are plain text); a writer's
  own theme keeps Pelican's unescaped environment, which it is written for; both with
  `trim_blocks` and `lstrip_blocks` as Pelican's default has them unless set;
- the language sites are kept in the build state (`core.build_state`), which every
  subsite shares; read them with `language_sites(settings)`. The main site's own
  settings are kept there too (`language_setting(settings, lang, key)` gives any
  language's value of a setting). They follow the layout
  i18n-subsites gives its `lang_siteurls`: a subsite's `SITEURL` override, else the
  main `SITEURL` + `/<lang>`.

Run order (what the plugins rely on):
1. The main site reads every content file and runs `all_generators_finalized`; the
   content checks run here, once, for every language (`is_main_site`).
2. At the main site's `get_writer`, i18n-subsites builds each subsite in turn, whole:
   settings, reading, `all_generators_finalized`, writing, `finalized`.
3. After the last subsite's contexts are ready, i18n-subsites rewrites the `url` of
   content in another language into a relative `../` form and puts `lang_siteurls`
   and `main_lang` in every context. So a plugin that needs an item's URL on its own
   language's site takes it at `all_generators_finalized` (`capture_site_urls`: the
   `href` attribute).
4. The main site writes last, and its `finalized` runs after every subsite's: the
   place for work on the whole output (`is_main_site`).

Reading: each language's site reads every content file; `read_once` makes the
second and later reads of a file in one build reuse the first (and, with `BUILD_READ_CACHE`,
a later build reuse what an earlier one read: `read_cache`), and a
`SharedBytecodeCache` in `JINJA_ENVIRONMENT` compiles each template once per build
(no module state: both caches live in the build's settings).

Pelican's `Translation: true` marks the translated version of a post; Pelican then
treats the other version as the original on every site, and i18n-subsites removes a
site's own-language version from it (and fails to link it). `prepare_metadata` takes
the flag out of the metadata before Pelican sees it and keeps it as `is_translation`
(the content checks use it to tell the source from its translations), so each site
lists its own language's version.

Gettext: i18n-subsites installs catalogs from `.mo` files when `JINJA_ENVIRONMENT`
lists the extension by its short name `jinja2.ext.i18n`. The bundle names it by class
(`jinja2.ext.InternationalizationExtension`, in a writer's `JINJA_ENVIRONMENT` too), which
it ignores, and the
bundle's `localization` plugin installs catalogs compiled from `.po` files
(`install_gettext`).

i18n-subsites keeps its state at module level, so a build runs in a process of its
own: `run_pelican` is the one way tasks, tests and benchmarks start one.
"""

from __future__ import annotations

from pelican import signals

from .configure import (  # noqa: F401 (the adapter's names, for the features)
    NUMBER_SETTINGS,
    URL_KINDS,
    _whole,
    capture_site_urls,
    check_numbers,
    configure,
    content_cache_off,
    date_formats_without_locales,
    jinja_environment,
    language_feeds,
    same_address,
    unused_lang_urls,
    uses_bundle_theme,
)
from .names import (  # noqa: F401 (the adapter's names, for the features)
    FILENAME_PATTERN,
    FILENAME_PATTERN_SETTING,
    LANG_SUFFIX,
    PELICAN_FILENAME_METADATA,
    SETTINGS,
    SLUG_LANG,
    apply_language_tags,
    as_it_is,
    check_languages,
    default_pattern,
    filename_pattern,
    generators_info,
    lang_suffix,
    language_tag_problem,
    metadata_as_written,
    prepare_metadata,
    slug_lang,
)
from .reading import (  # noqa: F401 (the adapter's names, for the features)
    CONTENT_LISTS,
    READ_CACHE_KEY,
    SharedBytecodeCache,
    _read_kept,
    _reading_once,
    install_gettext,
    open_read_cache,
    read_once,
    release_read_cache,
    release_subsite,
    save_read_cache,
    share_texts,
    shared_result,
    template_cache,
)
from .run import (  # noqa: F401 (the adapter's names, for the features)
    EXTRA_SETTINGS_FLAGS,
    merge_extra_settings,
    run_pelican,
)
from .sites import (  # noqa: F401 (the adapter's names, for the features)
    I18N_EXTENSION,
    MAIN_SETTINGS_KEY,
    SITES_KEY,
    add_direct_template,
    is_main_site,
    language_setting,
    language_sites,
    remove_direct_template,
    site_output,
    site_urls,
    theme_has_template,
    without_template,
)
from .statics import (  # noqa: F401 (the adapter's names, for the features)
    ATTACHED_KEY,
    MAIN_STATICS_KEY,
    attach_on_main_site,
    copy_statics_once,
    share_static_files,
)


def register():
    """Connect the adapter's steps, in the order they fire (see the contract above)."""
    signals.initialized.connect(configure)
    signals.readers_init.connect(read_once)
    signals.finalized.connect(save_read_cache)
    signals.all_generators_finalized.connect(release_read_cache)
    signals.finalized.connect(release_subsite)
    signals.article_generator_context.connect(prepare_metadata)
    signals.page_generator_context.connect(prepare_metadata)
    signals.static_generator_finalized.connect(share_static_files)
    signals.page_writer_finalized.connect(copy_statics_once)
    signals.article_generator_finalized.connect(share_texts)
    signals.page_generator_finalized.connect(share_texts)
