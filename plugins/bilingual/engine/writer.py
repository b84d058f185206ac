"""A Pelican writer that leaves output files alone when their bytes would not change.

Pelican rewrites every page on every build. This writer renders each page as Pelican
does, into `<file>.writing`, and then either removes that (the file already holds the
same bytes: it keeps its modification time, so `rsync`, `make`-style tools and browser
caches see no change) or renames it over the file. Pelican's own checks on writing one
file twice (`override`) apply unchanged: they see the `.writing` name, one per file.

A post or page file whose inputs have not changed since the last build is not even
rendered (`rendered` says what its inputs are and when a template allows it); listeners
of Pelican's `content_written` still hear of it, as the file is part of this build.

On a first or cold build, a site's post files are rendered by two processes
(`parallel_pages`, `BUILD_PARALLEL_PAGES`).

Settings (defaults): `BUILD_SKIP_UNCHANGED_PAGES` (True): keep the rendered-page record in
`CACHE_PATH` and skip rendering what it shows unchanged. `BUILD_CHECK_SKIPPED_PAGES`
(False): render those files anyway and stop the build, naming them, if one would differ
(for tests of the record itself).
"""

from __future__ import annotations

import gc
import logging
import os
import traceback
from pathlib import Path

import jinja2
from pelican import signals
from pelican.contents import Page
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from .. import compat
from ..core import dependencies
from ..core.build_state import build_state
from ..core.findings import BuildStopped
from ..subsites import is_main_site
from . import build_inputs, parallel_pages, rendered
from .settings import (
    BUILD_CHECK_SKIPPED_PAGES,
    BUILD_PARALLEL_PAGES,
    BUILD_PARALLEL_PAGES_MIN,
    BUILD_SKIP_UNCHANGED_PAGES,
)
from .streaming import SUFFIX, KeptIfSame, StreamingTemplate

log = logging.getLogger(__name__)

# Settings key: {lang: rendered.RenderedPages}, shared by every language's site of a build.
RENDERED_KEY = "engine.rendered"  # in the build state (core.build_state)
READS_KEY = "engine.template_reads"  # {(template name, file): the names it reads}


def term_names(terms) -> list[str]:
    """The names in Pelican's `tags` / `categories` / `authors` context (pairs or a dict)."""
    if not terms:
        return []
    if isinstance(terms, dict):
        return sorted(str(term) for term in terms)
    return sorted(str(pair[0]) for pair in terms)


class _SiteState:
    """What one language site's writer knows once its contents are read."""

    def __init__(self, writer: Writer, context: dict):
        settings = writer.settings
        shared = build_state(settings).get(RENDERED_KEY)
        lang = settings["DEFAULT_LANG"]
        if lang not in shared:
            folder = Path(settings.get("CACHE_PATH") or "cache")
            path = folder / f"bilingual-rendered-{lang}.json"
            shared[lang] = rendered.RenderedPages(path, kept=rendered.load(path))
        self.record: rendered.RenderedPages = shared[lang]
        self.root = os.path.abspath(settings["PATH"])
        contents = [c for c in context.get("generated_content", {}).values() if c is not None]
        base = build_inputs.build_inputs(settings, sources=False)
        terms = {kind: term_names(context.get(kind)) for kind in ("tags", "categories", "authors")}
        self.digest = rendered.site_digest(base, contents, self.root, (Page,), terms)
        self.dependencies = rendered.Dependencies(contents, self.root)
        self.check = bool(BUILD_CHECK_SKIPPED_PAGES.read(settings))
        self.templates: dict[str, bool] = {}
        # One analysis of a template file for every language site that renders it.
        self.reads: dict = build_state(settings).setdefault(READS_KEY, {})

    def covers(self, template) -> bool:
        """Whether `template` reads nothing the signature leaves out (cached per name)."""
        if template.name not in self.templates:
            env = template.environment
            try:
                key = (template.name, template.filename)
                if key not in self.reads:
                    self.reads[key] = rendered.template_reads(env, template.name)
                missing = rendered.uncovered(self.reads[key], env.globals)
            except Exception:  # a template that cannot be analysed: render it
                missing = {"?"}
            if missing:
                log.debug("common: %s is always rendered (it reads %s)", template.name, missing)
            self.templates[template.name] = not missing
        return self.templates[template.name]


class KeepUnchangedWriter(Writer):
    """Pelican's `Writer`: a file written only when its bytes change.

    A post or page file is rendered only when its inputs change.
    """

    def __init__(self, output_path, settings=None, *, collect: bool = True, record: bool = True):
        """Pelican's writer; the site's rendered-page state is made at its first post.

        Pelican makes the main site's writer once every subsite has been built and
        written (`get_writer` runs them): their content, let go by
        `subsites.release_subsite`, is held in reference cycles (posts and their
        translations), which Python frees only at a full collection, so one is run
        here (`collect`), before the main site writes into that memory. A writer made
        for something else (`engine.live`'s rewrites) passes `collect=False`, and
        `record=False` when it must not change the rendered-page record.
        """
        super().__init__(output_path, settings=settings)
        if collect and settings and is_main_site(settings) and settings.get("I18N_SUBSITES"):
            gc.collect()
        self.record = record
        self._site: _SiteState | None = None
        self._split: parallel_pages.Split | None = None
        self._may_split = True

    def end_split(self) -> None:
        """The site's posts are written: the child stops, the build takes its results."""
        split, self._split = self._split, None
        if split is None or not split.active:
            return
        if split.child:
            results = dependencies.CHILD_RESULTS.send(self.settings)
            split.send_results(dict(value for _receiver, value in results if value))
            split.finish_child()
        record = self._site.record
        if split.join():
            dependencies.CHILD_RESULTS_TAKEN.send(self.settings, results=split.results)
            for path, sig, _call in split.deferred:
                entry = rendered.file_entry(path, sig) if sig is not None else None
                if entry is not None:
                    record.now[path] = entry
            return
        log.debug("common: the second process did not finish; rendering its files here")
        for path, sig, (name, template, context, relative_urls, kwargs) in split.deferred:
            compat.written_files(self).discard(path + SUFFIX)
            self._overridden_files.discard(path + SUFFIX)
            super().write_file(name, template, context, relative_urls, **kwargs)
            entry = rendered.file_entry(path, sig) if sig is not None else None
            if entry is not None:
                record.now[path] = entry

    def _render(self, path, sig, name, template, context, relative_urls, kwargs) -> None:
        """Render one post or page file here, or leave it to the child (`parallel_pages`)."""
        site = self._site
        if self._split is None and self._may_split:
            self._may_split = False
            settings = self.settings
            if (
                BUILD_PARALLEL_PAGES.read(settings)
                and not site.record.kept
                and not site.check
                and len(context.get("articles") or ()) >= BUILD_PARALLEL_PAGES_MIN.read(settings)
            ):
                self._split = parallel_pages.Split.start()
        split = self._split
        if split is not None and split.active:
            theirs = split.turn() != split.child  # the other process renders this one
            if theirs:
                # What rendering does besides the template, so that both processes go
                # on from the same state: Pelican's page URL base and the post's content
                # (its `{attach}` links move files), and in the build Pelican's checks
                # on writing a file twice and `content_written` for the listeners.
                local = _local_context(context, name, relative_urls, kwargs)
                if local["localsiteurl"]:
                    context["localsiteurl"] = local["localsiteurl"]
                _ = kwargs.get("article", kwargs.get("page")).content
                if not split.child:
                    compat.written_files(self).add(path + SUFFIX)
                    if kwargs.get("override_output"):
                        self._overridden_files.add(path + SUFFIX)
                    signals.content_written.send(path, context=local)
                    split.deferred.append(
                        (path, sig, (name, template, context, relative_urls, kwargs))
                    )
                    site.record.rendered += 1
                return
            if split.child:
                try:
                    super().write_file(name, template, context, relative_urls, **kwargs)
                except BaseException as problem:
                    split.child_failed(problem)
                return
        try:
            super().write_file(name, template, context, relative_urls, **kwargs)
        except BaseException:
            if split is not None and split.active:
                split.abort()
                self._split = None
            raise
        site.record.rendered += 1
        if sig is not None:
            entry = rendered.file_entry(path, sig)
            if entry is not None:
                site.record.now[path] = entry

    # Pelican's `write_file` opens every page through `_open_w` (compat.OPEN_OUTPUT).
    def _open_w(self, filename, encoding, override=False):
        try:
            handle = compat.open_output(self, filename + SUFFIX, encoding, override)
        except RuntimeError as problem:  # two files with one name: say the real one
            raise RuntimeError(str(problem).replace(filename + SUFFIX, filename)) from None
        return KeptIfSame(handle, filename, encoding)

    def write_file(self, name, template, context, relative_urls=False, **kwargs):
        """Pelican's `write_file`, skipping a post or page file whose inputs are unchanged.

        The page is rendered straight into its file (`StreamingTemplate`). A page that
        cannot be written stops the build with `BuildStopped`, naming the page and the
        template file and line (`page_error`), not a bare exception.
        """
        try:
            return self._write_file(name, template, context, relative_urls, **kwargs)
        except Exception as problem:
            page = _shown(sanitised_join(self.output_path, name))
            raise BuildStopped(page_error(page, problem)) from problem

    def _write_file(self, name, template, context, relative_urls=False, **kwargs):
        if not isinstance(template, StreamingTemplate):
            template = StreamingTemplate(template)
        item = kwargs.get("article", kwargs.get("page"))
        if item is None and self._split is not None:
            self.end_split()  # the lists come next: the site's posts are all written
        if (
            item is None
            or not name
            or not getattr(item, "source_path", None)
            or not self.record
            or build_state(self.settings).get(RENDERED_KEY) is None
        ):
            return super().write_file(name, template, context, relative_urls, **kwargs)
        if self._site is None:
            self._site = _SiteState(self, context)
        site = self._site
        path = sanitised_join(self.output_path, name)
        parts = None
        if path + SUFFIX not in compat.written_files(self) and site.covers(template):
            parts = site.dependencies.of(item)
        if parts is None:  # rendered every time (see `rendered`): counted as rendered
            return self._render(path, None, name, template, context, relative_urls, kwargs)
        flags = (relative_urls, bool(kwargs.get("override_output")), bool(kwargs.get("blog")))
        sig = rendered.signature(site.digest, template.name, name, flags, parts)
        record = site.record
        if rendered.unchanged(record.kept, path, sig):
            if site.check:
                super().write_file(name, template, context, relative_urls, **kwargs)
                if not rendered.unchanged(record.kept, path, sig):
                    record.stale.append(name)
                    log.error("common: %s changed although its inputs did not", path)
            else:
                compat.written_files(self).add(path + SUFFIX)  # as Pelican's own check counts it
                if kwargs.get("override_output"):
                    self._overridden_files.add(path + SUFFIX)
                local = {**context, "output_file": name, **kwargs}
                signals.content_written.send(path, context=local)
            record.now[path] = record.kept[path]
            record.skipped += 1
            return None
        return self._render(path, sig, name, template, context, relative_urls, kwargs)


def page_error(name: str, problem: BaseException) -> str:
    """The message for a page that could not be written: the page, the cause, where.

    `name`: the page's file as shown (with its language site's folder); where: the
    innermost template file and line in the exception's traceback (Jinja puts
    template frames in it), or a syntax error's own file and line. The output folder
    then holds the pages written before this one, new, and the others unchanged
    (`invoke publish` builds in a folder of its own and changes nothing on failure).
    """
    where = ""
    lineno = getattr(problem, "lineno", None)
    filename = getattr(problem, "filename", None) or getattr(problem, "name", None)
    if isinstance(problem, jinja2.TemplateSyntaxError) and filename and lineno:
        where = f"{_shown(filename)}, line {lineno}"
    else:
        frames = [
            frame
            for frame in traceback.extract_tb(problem.__traceback__)
            if frame.filename.endswith((".html", ".htm", ".xml", ".j2", ".jinja"))
        ]
        if frames:
            where = f"{_shown(frames[-1].filename)}, line {frames[-1].lineno}"
    kind = type(problem).__name__
    return (
        f"common: could not write {name}: {kind}: {problem}"
        + (f" ({where})" if where else "")
        + "; the pages written before it are new, the others unchanged"
    )


def _shown(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith(os.pardir) else relative


def _local_context(context, name: str, relative_urls: bool, kwargs) -> dict:
    """The context Pelican's `Writer.write_file` renders a file with (4.12's rules)."""
    local = context.copy()
    local["localsiteurl"] = local.get("localsiteurl", None)
    if relative_urls:
        relative = path_to_url(get_relative_path(name))
        local["SITEURL"] = relative
        local["localsiteurl"] = relative
    local["output_file"] = name
    local.update(kwargs)
    return local


def end_split(generator, writer=None) -> None:
    """`article_writer_finalized`: a site's posts are written (`parallel_pages`)."""
    if isinstance(writer, KeepUnchangedWriter):
        writer.end_split()


def start_rendered_record(pelican) -> None:
    """`initialized` (main site): an empty set of site records every site shares."""
    settings = pelican.settings
    if (
        RENDERED_KEY not in build_state(settings)
        and BUILD_SKIP_UNCHANGED_PAGES.read(settings)
        and not settings.get("WRITE_SELECTED")  # Pelican writes only some files then
    ):
        build_state(settings)[RENDERED_KEY] = {}


def save_rendered_record(pelican) -> None:
    """`finalized` (main site, after every site wrote): keep each site's record.

    Stops the build (`BUILD_CHECK_SKIPPED_PAGES`) when a skipped file would have changed.
    """
    shared = build_state(pelican.settings).get(RENDERED_KEY)
    if not shared or not is_main_site(pelican.settings):
        return
    stale = [name for record in shared.values() for name in record.stale]
    if stale:
        raise BuildStopped(
            "common: pages whose inputs did not change came out different "
            f"(the rendered-page record misses a dependency): {', '.join(stale)}"
        )
    for record in shared.values():
        try:
            rendered.save(record)
        except OSError as problem:
            log.warning("common: the rendered-page record was not kept: %s", problem)
    log.info(
        "common: %d post and page files rendered, %d unchanged since the last build",
        sum(r.rendered for r in shared.values()),
        sum(r.skipped for r in shared.values()),
    )


def writer_class(pelican):
    """`get_writer`: the writer every language's site uses."""
    return KeepUnchangedWriter
