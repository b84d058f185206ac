"""Post and page files rewritten in place, for `invoke serve`: an edited body in milliseconds.

A build that `prepared.PreparedPelican` runs with `keep=True` stays alive once it has
written the site, holding every language site's content generators (`BuiltSites`). When
the writer saves a post, `rewrite(sites, paths)` reads the changed files again, and if
only their text changed (the metadata as read is the same: title, date, slug, status,
tags, series...), it puts the new text into the objects the build made and renders the
files that show it: the post's own file in each language site that writes it and the
files of its translations (they link to it). It never touches list pages, feeds, the
archive or the search index: `invoke serve` runs a full build right after, which brings
those up to date and replaces this process with its own.

What a page shows of a post is, by the rendered-page record's rule (`rendered`), its
own source, its translations' sources, its series' values and the targets of its links;
with the metadata unchanged only the first two can differ, and both are re-rendered.
Features whose templates remember per-post results drop them on
`core.dependencies.TEXT_REPLACED`, sent before and after the files are rendered;
Pelican's memoized `get_content` / `get_summary` are dropped for the posts updated.

`rewrite` raises `NotInPlace` (with the reason) when an edit needs a full build: a file
that no site made a post or page of (new, deleted, static, theme, settings), metadata
that changed, a reader error, a problem the build would stop on (what plugins report
while the file is read, and the checks of a post's own text, `core.add_item_check`),
or a new link to a file the build did not copy.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

from pelican import signals
from pelican.contents import Article, Content, Page
from pelican.generators import ArticlesGenerator, PagesGenerator

from .. import compat
from ..core import dependencies
from ..core.findings import FINDINGS_KEY, item_checks
from ..subsites import metadata_as_written

log = logging.getLogger(__name__)

# The lists each generator writes a file for (Pelican 4.12's generate_articles,
# generate_drafts and PagesGenerator.generate_output).
WRITTEN_LISTS = {
    ArticlesGenerator: (
        "translations",
        "articles",
        "hidden_translations",
        "hidden_articles",
        "drafts_translations",
        "drafts",
    ),
    PagesGenerator: (
        "translations",
        "pages",
        "hidden_translations",
        "hidden_pages",
        "draft_translations",
        "draft_pages",
    ),
}

# Attributes Pelican or i18n-subsites set on a post after reading it (translations
# paired, status changed for an untranslated post, URLs moved to the native site), and
# the ones a new read shares by reference: never taken from the new read.
SET_AFTER_READING = frozenset(
    {"translations", "status", "override_url", "_context", "settings", "metadata"}
)


class NotInPlace(Exception):
    """An edit that only a full build can show; `str()` says why."""


@dataclass
class BuiltSites:
    """Every language site's post and page generators, as a build finished writing them.

    `connect()` listens to Pelican's `article_writer_finalized` and
    `page_writer_finalized` (strong references: the build may drop its own).
    `generators` holds (generator, output folder) pairs, subsites first.
    """

    generators: list = field(default_factory=list)

    def connect(self) -> None:
        """Start collecting (call before the build)."""
        signals.article_writer_finalized.connect(self.keep, weak=False)
        signals.page_writer_finalized.connect(self.keep, weak=False)

    def keep(self, generator, writer=None) -> None:
        """A language site's generator has written its files."""
        output = getattr(writer, "output_path", None) or generator.output_path
        self.generators.append((generator, output))


def written_items(generator) -> list:
    """The posts or pages `generator` writes a file for, in Pelican's order."""
    for kind, names in WRITTEN_LISTS.items():
        if isinstance(generator, kind):
            return [item for name in names for item in getattr(generator, name, ())]
    return []


def _same(a, b) -> bool:
    try:
        return bool(a == b)
    except Exception:  # values that cannot be compared count as different
        return False


def take_text(old: Content, new: Content) -> list[str]:
    """Copy what reading gave `new` and differs from `old` into `old`; the names copied.

    Leaves what was set after reading (`SET_AFTER_READING`) and the attributes Pelican
    makes of the metadata (the caller checked it is the same; plugins may have replaced
    them since, as `series_threads` does `series`), and forgets Pelican's memoized
    content and summary of `old`.
    """
    taken = []
    from_metadata = {key.lower() for key in new.metadata}
    for name, value in new.__dict__.items():
        if name in SET_AFTER_READING or name in from_metadata:
            continue
        if name in old.__dict__ and _same(old.__dict__[name], value):
            continue
        old.__dict__[name] = value
        taken.append(name)
    compat.forget_rendered(old)
    return taken


def _read_again(generator, item) -> Content:
    """A new content object from `item`'s file, read as `generator` read it."""
    if isinstance(generator, PagesGenerator):
        cls, preread, context = Page, signals.page_generator_preread, signals.page_generator_context
    else:
        cls = Article
        preread, context = signals.article_generator_preread, signals.article_generator_context
    return generator.readers.read_file(
        base_path=generator.path,
        path=os.path.relpath(item.source_path, generator.path),
        content_class=cls,
        context=generator.context,
        preread_signal=preread,
        preread_sender=generator,
        context_signal=context,
        context_sender=generator,
    )


def _read_checked(generator, item, source: str) -> Content:
    """`item`'s file read again; NotInPlace when the build would stop on it.

    What plugins report while it is read (`core.add_findings`: a formula that cannot
    be rendered) and the checks of a post's own text (`core.add_item_check`: a link to
    a missing file) are taken back out of the kept build's context; an error among them
    means the full build, which stops and shows the report.
    """
    kept = generator.context.get(FINDINGS_KEY)
    before = len(kept) if kept is not None else 0
    try:
        new = _read_again(generator, item)
    except Exception as problem:
        raise NotInPlace(f"{source} could not be read: {problem}") from problem
    finally:
        reported = generator.context.get(FINDINGS_KEY, [])
        added = reported[before:]
        del reported[before:]
    if new is None:
        raise NotInPlace(f"{source} is no longer read as a post")
    problems = [*added, *(f for check in item_checks(generator.context) for f in check(new))]
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors:
        raise NotInPlace(str(errors[0]))
    return new


def _files_not_copied(old: Content, new: Content, context) -> list[str]:
    """Files `new` links with `{static}` / `{attach}` that `old` did not and that need a build.

    A `{static}` file the build already copies is fine; an `{attach}` one moves next to
    the post, so any new one needs the full build.
    """
    added = sorted(new.get_static_links() - old.get_static_links())
    text = compat.content_html(new)
    if added and ("{attach}" in text or "|attach|" in text):
        return added
    copied = context.get("static_content", {})
    return [path for path in added if path not in copied]


def _clear_template_memos(generator) -> None:
    """What the features remember of posts for `generator`'s templates, dropped."""
    dependencies.TEXT_REPLACED.send(generator)


class _Only:
    """A writer that passes on only the files of the posts in `targets` (by identity).

    `written`: the files whose bytes changed.
    """

    def __init__(self, writer, targets: set[int]):
        self.writer = writer
        self.targets = targets
        self.output_path = writer.output_path
        self.settings = writer.settings
        self.written: list[str] = []

    def write_file(self, name, template, context, relative_urls=False, **kwargs):
        item = kwargs.get("article", kwargs.get("page"))
        if item is None or id(item) not in self.targets:
            return None
        path = os.path.join(self.output_path, name)
        before = _stat(path)
        self.writer.write_file(name, template, context, relative_urls, **kwargs)
        if _stat(path) != before:  # the writer leaves a file whose bytes are the same
            self.written.append(path)
        return None


def _stat(path: str):
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


def _writer(generator, output: str):
    from .writer import KeepUnchangedWriter

    # No rendered-page record: the full build that follows keeps it.
    return KeepUnchangedWriter(output, settings=generator.settings, collect=False, record=False)


def _reads_in_place(generator, items, wanted: set[str]) -> dict:
    """{source: (its versions among `items`, its new read)} for the files `wanted`.

    Raises `NotInPlace` when a file's metadata changed or it links a file the build
    did not copy: then only a full build gives the right site.
    """
    by_path: dict[str, list] = {}
    for item in items:
        for version in (item, *getattr(item, "translations", ())):
            source = os.path.abspath(getattr(version, "source_path", "") or "")
            if source in wanted and all(v is not version for v in by_path.get(source, ())):
                by_path.setdefault(source, []).append(version)
    reads = {}
    for source, versions in by_path.items():
        new = _read_checked(generator, versions[0], source)
        for old in versions:
            if metadata_as_written(old.metadata) != metadata_as_written(new.metadata):
                raise NotInPlace(f"{source}: its metadata changed")
            uncopied = _files_not_copied(old, new, generator.context)
            if uncopied:
                raise NotInPlace(f"{source} links {uncopied[0]}, which the build did not copy")
        reads[source] = (versions, new)
    return reads


def rewrite(sites: BuiltSites, paths: Iterable[str]) -> list[str]:
    """Put the new text of the content files `paths` into `sites`; the files rendered.

    Returns the output files rewritten (absolute or relative to the working folder, as
    the build's output path was given); a file rendered to the bytes it holds is left
    alone and not listed. Raises `NotInPlace` when the edit needs a full build (nothing is
    rendered then, though posts read before the problem may hold their new text).
    """
    wanted = {os.path.abspath(path) for path in paths}
    found: set[str] = set()
    checked = []  # (generator, output, items, {source: (versions, new read)})
    for generator, output in sites.generators:
        items = written_items(generator)
        reads = _reads_in_place(generator, items, wanted)
        found.update(reads)
        checked.append((generator, output, items, reads))
    missing = wanted - found
    if missing:
        raise NotInPlace(f"{sorted(missing)[0]} is not a post or page of this build")
    # Every file qualifies in every site: take the new text, render what shows it.
    written = []
    for generator, output, items, reads in checked:
        updated: set[int] = set()
        for versions, new in reads.values():
            for old in versions:
                take_text(old, new)
                updated.add(id(old))
        targets = {
            id(item)
            for item in items
            if id(item) in updated
            or any(id(t) in updated for t in getattr(item, "translations", ()))
        }
        if not targets:
            continue
        _clear_template_memos(generator)
        only = _Only(_writer(generator, output), targets)
        if isinstance(generator, PagesGenerator):
            generator.generate_output(only)
        else:
            write = partial(only.write_file, relative_urls=generator.settings["RELATIVE_URLS"])
            generator.generate_articles(write)
            generator.generate_drafts(write)
        _clear_template_memos(generator)
        written += only.written
    return written
