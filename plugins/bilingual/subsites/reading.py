"""Each file read once per build (with `BUILD_READ_CACHE`, once across builds).

Also: compiled templates shared between the language sites, gettext installed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

import jinja2
from pelican.readers import RstReader

from .. import compat
from ..core.build_state import build_state
from ..engine import read_ahead, read_cache
from ..engine.settings import BUILD_READ_CACHE
from .sites import I18N_EXTENSION, is_main_site, language_sites

log = logging.getLogger(__name__)


READ_CACHE_KEY = "subsites.read_cache"  # in the build state (core.build_state)


class SharedBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates, kept in memory for every language's site of a build.

    Each site (and each of its generators) makes its own Jinja environment; without
    this every one of them compiles every template again. Jinja checks the template
    source's checksum before reusing code, so a changed template is compiled anew.
    """

    def __init__(self, kept: jinja2.BytecodeCache | None = None):
        """An empty cache; `kept`: where earlier builds' compiled templates are, if any."""
        self.compiled: dict[str, bytes] = {}
        self.kept = kept

    def load_bytecode(self, bucket) -> None:
        """Jinja's hook: fill `bucket` from the cache when it has this template."""
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])
        elif self.kept is not None:
            self.kept.load_bytecode(bucket)
            if bucket.code is not None:
                self.compiled[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket) -> None:
        """Jinja's hook: keep `bucket`'s compiled code."""
        self.compiled[bucket.key] = bucket.bytecode_to_string()
        if self.kept is not None:
            try:
                self.kept.dump_bytecode(bucket)
            except OSError as problem:  # CACHE_PATH read-only, full...
                log.warning("common: compiled templates not kept: %s", problem)
                self.kept = None


def template_cache(settings: Mapping) -> jinja2.BytecodeCache | None:
    """Jinja's own file cache of compiled templates in `CACHE_PATH/templates`, or None.

    Kept with `BUILD_READ_CACHE` (default True). Jinja reuses compiled code only while the
    template's source is unchanged (it compares checksums); code compiled with other
    environment options (`JINJA_ENVIRONMENT`, the Jinja version, the plugins' code) is
    not valid, so the folder is emptied when those change.
    """
    if not BUILD_READ_CACHE.read(settings):
        return None
    folder = Path(settings.get("CACHE_PATH") or "cache") / "templates"
    options = {
        k: v for k, v in (settings.get("JINJA_ENVIRONMENT") or {}).items() if k != "bytecode_cache"
    }
    digest = hashlib.sha256(
        f"{read_cache.stable_repr(options)};jinja2 {jinja2.__version__}".encode()
    )
    for path in read_cache.plugin_sources(settings):
        digest.update(path.read_bytes())
    marker = folder / "environment"
    try:
        if not marker.is_file() or marker.read_text(encoding="utf-8") != digest.hexdigest():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True, exist_ok=True)
            marker.write_text(digest.hexdigest(), encoding="utf-8")
    except OSError as problem:
        log.warning("common: compiled templates not kept in %s: %s", folder, problem)
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def open_read_cache(settings: Mapping) -> read_cache.ReadCache:
    """This build's reader cache, with what earlier builds kept when `BUILD_READ_CACHE` is on.

    `BUILD_READ_CACHE` (default True) keeps reader outputs between builds in `CACHE_PATH`
    (`read_cache` says how they are keyed and when they are dropped).
    """
    if not BUILD_READ_CACHE.read(settings):
        return read_cache.ReadCache()
    path = Path(settings.get("CACHE_PATH") or "cache") / read_cache.FILE_NAME
    expected = read_cache.fingerprint(
        settings, read_cache.library_versions(), read_cache.plugin_sources(settings)
    )
    return read_cache.ReadCache(path, expected, stored=read_cache.load(path, expected))


def save_read_cache(pelican) -> None:
    """`finalized`: keep this build's reader outputs for the next (main site only).

    Only when `release_read_cache` did not already (a site that never read).
    """
    cache = build_state(pelican.settings).get(READ_CACHE_KEY)
    if cache is not None and is_main_site(pelican.settings) and not cache.released:
        if cache.ahead:
            cache.ahead.close()
        read_cache.save(cache)


def release_subsite(pelican) -> None:
    """`finalized`: a subsite that has written its files lets its content go.

    i18n-subsites keeps every language site's generators until the next build (it
    links translations with them before any site writes), and Pelican memoizes each
    post's `get_content` and `get_summary` with the post in the key. Both keep a
    written subsite's posts, templates and list memos alive while the main site
    writes, about as much memory again as the main site's own. Once a subsite has
    written, nothing reads them: its generators leave i18n-subsites' list and its
    posts leave Pelican's memos, so the main site writes in the memory they held.
    (Under `invoke serve` the kept build holds the generators it needs itself.)
    """
    settings = pelican.settings
    if is_main_site(settings):
        return
    compat.forget_subsite_generators(settings)
    compat.forget_site(settings)


def release_read_cache(generators) -> None:
    """`all_generators_finalized`: once every language's site has read, save and let go.

    After the last site's contexts are made nothing reads a content file again in
    this build, so the reader outputs are saved for the next build then, and the
    build stops holding them: the posts keep what their sites made of them (their
    HTML after `content_object_init` changed it). At 1,000 EN/KO pairs this frees
    a second copy of every post's HTML before the sites write, where the peak memory
    is. A file read after this (a post `invoke serve` rewrites in place) is read
    and kept in memory again, not saved.
    """
    settings = generators[0].settings
    cache = build_state(settings).get(READ_CACHE_KEY)
    if cache is None or cache.released:
        return
    cache.sites_read += 1
    if cache.sites_read < len(language_sites(settings).langs):
        return
    if cache.ahead:
        cache.ahead.close()
    read_cache.save(cache)
    cache.released = True
    for kept in (cache.memory, cache.stored, cache.used, cache.texts, cache.derived):
        kept.clear()


def shared_result(settings: Mapping, name: str, key, make):
    """`make()`, or what it gave for `key` earlier in this build, on any language's site.

    For work on a post's HTML at `content_object_init`, which runs on every language's
    site for the posts of every language (i18n-subsites gives each site all of them):
    the result is kept in the build's `ReadCache` under `name` until every site has
    read (`release_read_cache`), so one HTML is worked on once per build. `key`
    (hashable) must hold every input of `make`; results are shared, so they must not
    be changed (a string, a tuple). Without a read cache, or after the release (a post
    `invoke serve` rewrites), `make()` is called.
    """
    cache = build_state(settings).get(READ_CACHE_KEY)
    if cache is None or cache.released:
        return make()
    kept = cache.derived.setdefault(name, {})
    if key not in kept:
        kept[key] = make()
    return kept[key]


def read_once(readers) -> None:
    """`readers_init`: every language's site, and the next build, reuse a reader's work.

    i18n-subsites has each language's site read every content file again; the
    Markdown or docutils output is the same each time. Each reader class is replaced
    by a subclass (of the same name: Pelican records it as the `reader` metadata) whose
    `read` keeps (html, metadata) per (path, size, mtime) in the `ReadCache` that
    `configure` stores in the main site's settings, so the subsites, whose settings are
    copies of it, share it. A file read by no site yet is looked up in what earlier
    builds kept (by its bytes' hash) before it is parsed. Every site still makes its
    own content objects.
    """
    cache = build_state(readers.settings).get(READ_CACHE_KEY)
    if cache is None:
        return
    # A language's site with its own MARKDOWN (I18N_SUBSITES) reads for itself.
    reading = read_cache.site_reading(readers.settings)

    def reading_of(cls) -> str:
        # docutils writes its own words ("Note", "비고") in the site's language:
        # Pelican gives it `DEFAULT_LANG` as `language_code`.
        if issubclass(cls, RstReader):
            return f"{reading}:{readers.settings['DEFAULT_LANG']}"
        return reading

    originals = {}
    for ext, cls in list(readers.reader_classes.items()):
        if cls and not getattr(cls, "reads_once", False):
            originals[ext] = cls
            readers.reader_classes[ext] = _reading_once(cls, cache, reading_of(cls))
    if cache.path is not None and cache.ahead is None and is_main_site(readers.settings):
        # The first site to read: a second core parses half of what no cache holds.
        cache.ahead = read_ahead.start(readers, originals, reading_of, cache.stored) or False


# Every list of posts or pages a generator keeps, by status and language.
CONTENT_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
)


def share_texts(generator) -> None:
    """`article_generator_finalized` / `page_generator_finalized`: one copy of each text.

    Every language's site makes its own content object of every file, and each
    `content_object_init` handler that changes the HTML (focusable code blocks, image
    sizes, heading ids) makes a new string: the same text once per site. A post's HTML
    equal to one an earlier site kept becomes that string, and this site's copy is freed
    (at 1,000 EN/KO pairs, several MiB of a build's peak memory).
    """
    cache = build_state(generator.settings).get(READ_CACHE_KEY)
    if cache is None:
        return
    texts = cache.texts
    for name in CONTENT_LISTS:
        for item in getattr(generator, name, ()):
            for version in (item, *getattr(item, "translations", ())):
                text = compat.content_html(version)
                if type(text) is str and text:
                    compat.set_content_html(version, texts.setdefault(text, text))


def _reading_once(cls, cache: read_cache.ReadCache, reading: str):
    def read(self, source_path):
        try:
            stat = os.stat(source_path)
        except OSError:  # a linked file that is missing: the reader reports it
            return cls.read(self, source_path)
        path = os.path.abspath(source_path)
        key = (cls, path, stat.st_size, stat.st_mtime_ns, reading)
        if key not in cache.memory:
            cache.memory[key] = _read_kept(self, cls, path, source_path, cache, reading)
        html, metadata = cache.memory[key]
        return html, dict(metadata)

    return type(cls.__name__, (cls,), {"read": read, "reads_once": True})


def _read_kept(reader, cls, path: str, source_path, cache: read_cache.ReadCache, reading: str):
    """A reader's output for one file: kept from an earlier build, or read now."""
    if cache.path is None:
        return cls.read(reader, source_path)
    with open(path, "rb") as handle:
        data = handle.read()
    if read_cache.includes_other_files(data):
        return cls.read(reader, source_path)
    stored_key = read_cache.file_key(cls.__name__, path, data, reading)
    kept = cache.stored.get(stored_key)
    if kept is None and cache.ahead:
        kept = cache.ahead.take(stored_key)  # parsed by the child (read_ahead)
    if kept is not None:
        cache.used[stored_key] = kept
        html, frozen, messages = kept
        # What the reader said about the file is said again: the file still says it.
        for name, level, message in messages:
            logging.getLogger(name).log(level, "%s", message)
        return html, read_cache.thaw_metadata(frozen, reader.settings)
    noted = read_cache.ReaderMessages()
    logging.getLogger().addHandler(noted)
    try:
        html, metadata = cls.read(reader, source_path)
    finally:
        logging.getLogger().removeHandler(noted)
    frozen = read_cache.freeze_metadata(metadata)
    if frozen is not None:
        cache.used[stored_key] = (html, frozen, tuple(noted.kept))
    return html, metadata


def install_gettext(env, translations) -> None:
    """Install a compiled catalog (and the i18n extension, if missing) in a Jinja env.

    Jinja's "newstyle" gettext (https://jinja.palletsprojects.com/en/stable/extensions/
    #newstyle-gettext), with each message used without variables translated and
    formatted once per environment (`remembered_gettext`): a page asks for some thirty
    of them, the same ones on every page.
    """
    if I18N_EXTENSION not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(translations, newstyle=True)
    env.globals["gettext"] = remembered_gettext(env.globals["gettext"])


def remembered_gettext(gettext):
    """Jinja's newstyle `gettext`, a message without variables answered once.

    `gettext(context, message, **variables)` -> str or Markup, exactly as Jinja's (it
    formats even a message without variables, so "100%%" is "100%"): the result of a
    call without variables depends only on the message and whether the template
    autoescapes, the key of the dictionary.
    """
    answers: dict[tuple[str, bool], str] = {}

    @jinja2.pass_context
    def remembered(context, message, **variables):
        if variables:
            return gettext(context, message, **variables)
        key = (message, context.eval_ctx.autoescape)
        if key not in answers:
            answers[key] = gettext(context, message)
        return answers[key]

    return remembered
