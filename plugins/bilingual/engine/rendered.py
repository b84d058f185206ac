"""Which post and page files need rendering again: the rendered-page record.

After an edit to one post, most pages of a big site would come out byte for byte as
they are. A *post or page file* (Pelican's `article.html` / `page.html`, one per post or
page and language) is a function of:

- what every page of the site may show (`site_digest`): the settings, theme, plugins,
  installed libraries and the content folder's other files (images, attachments:
  `build_inputs(settings, sources=False)`), the list of every source file, the source
  files of the site's pages (the menu), the tags, categories and authors it writes a
  page for (a post links only those), and what features add to every page
  (`core.dependencies.SITE_SHOWS`: the header's list of series);
- the item's own source file and its translations' (the same slug in any language:
  the language switch and the translation note), and the files its text links to
  with Pelican's `{filename}` syntax (a link shows the target's URL), each known by
  (path, size, modification time) as in `build_inputs`;
- what features add to its page, as they declare it (`core.dependencies.PAGE_SHOWS`:
  the series plugin gives the *values* of the series box: every episode's title,
  number, date, status and URL): an edit to one episode's text leaves the other
  episodes' files alone, a new title or number renders the whole series again.
  `Dependencies` computes these. The engine knows no feature: a context name a
  template reads is covered when a feature vouches for it (`CONTEXT_NAMES`).

The record keeps, per output file, the signature of those inputs and the file's size and
modification time when it was written; a file whose signature and stat are unchanged
is not rendered again. A source that includes other files (reStructuredText
`include`, snippets) is rendered every time, as the reader cache reads it every time.

That is true of a template only if it reads nothing else: `template_reads` lists the
context names a template and everything it imports, includes or extends read, and
`uncovered` says which of those the signature does not cover (Pelican's `articles`,
`dates`, `tags`, `all_articles`...). A theme whose post template reads one of those
(a "recent posts" sidebar) is rendered every time.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import jinja2
from jinja2 import meta, nodes

from ..core import dependencies
from .read_cache import includes_other_files

FORMAT = 1
# Context names a post or page file may read: what the signature covers. Upper-case
# names (settings) and the environment's globals are covered too.
COVERED = frozenset(
    {
        "article",
        "page",
        "category",
        "output_file",
        "pages",  # the menu: every page's source is in the site digest
        "articles_page",  # read only to see whether the page is a list
        "noindex",
        "blog",
        "url",
        "localsiteurl",
    }
)
# What `template_reads` reports for an include, import or extends named at render time.
DYNAMIC = "(a template named at render time)"
# Pelican's intrasite links to content (`{filename}post.md`, `|filename|post.md`): the path.
# In Markdown `[text]({filename}a.md)`, in rst `` `text <{filename}a.rst>`_ ``, in HTML an
# attribute: the path ends at a quote, space, `#`, `?`, `<`, `>`, `(`, `)`, `[` or `]`.
TARGET = re.compile(r"[{|]filename[|}]([^\"'\s#?<>()\[\]]+)")


@dataclass
class RenderedPages:
    """One language site's record: `kept` from the last build, `now` from this one.

    Both map an output file's absolute path to [signature, size, mtime_ns];
    `rendered` / `skipped` count this build's post and page files; `stale`: files
    skipped that came out different when checked (`BUILD_CHECK_SKIPPED_PAGES`).
    """

    path: Path | None
    kept: dict = field(default_factory=dict)
    now: dict = field(default_factory=dict)
    rendered: int = 0
    skipped: int = 0
    stale: list = field(default_factory=list)


def template_reads(env: jinja2.Environment, name: str) -> set[str]:
    """The context names template `name` reads, with what it extends, includes, imports.

    Names bound by `{% import %}` / `{% from ... import %}` are left out; a template
    named by a variable (`{% include side %}`) adds `DYNAMIC`, which nothing covers.
    Raises jinja2's errors for a template it cannot load or parse.
    """
    seen: set[str] = set()
    reads: set[str] = set()
    bound: set[str] = set()  # a parent's imports are visible in its children's blocks
    queue = [name]
    while queue:
        current = queue.pop()
        if current in seen:
            continue
        seen.add(current)
        source = env.loader.get_source(env, current)[0]
        tree = env.parse(source, current)
        bound |= {n.target for n in tree.find_all(nodes.Import)}
        for node in tree.find_all(nodes.FromImport):
            bound |= {alias if isinstance(alias, str) else alias[-1] for alias in node.names}
        reads |= meta.find_undeclared_variables(tree)
        for ref in meta.find_referenced_templates(tree):
            if ref is None:  # named at render time: whatever it reads is unknown here
                reads.add(DYNAMIC)
            else:
                queue.append(ref)
    return reads - bound


def uncovered(reads: Iterable[str], env_globals: Mapping) -> set[str]:
    """The names in `reads` that the signature does not cover (see `COVERED`)."""
    vouched = COVERED | dependencies.context_names()
    return {n for n in reads if not (n.isupper() or n in vouched or n in env_globals)}


def stat_entry(path: str, root: str) -> tuple[str, int, int]:
    """(path relative to `root`, size, mtime_ns) of a source file; size -1 when missing."""
    relative = os.path.relpath(path, root).replace(os.sep, "/")
    try:
        stat = os.stat(path)
    except OSError:
        return relative, -1, 0
    return relative, stat.st_size, stat.st_mtime_ns


def site_digest(
    base: str, contents: Iterable, root: str, page_kinds: tuple = (), terms: Mapping | None = None
) -> str:
    """What every post and page file of a language site depends on, as a hex digest.

    `base`: `build_inputs(settings, sources=False)`; `contents`: every content object
    the site read (`generated_content` values; None for a file that failed); `root`:
    the content folder; `terms`: {kind: names} of the tag, category and author pages
    the site writes (a post links its tags only where they have a page). The digest
    covers those, the source paths, the full (size, mtime) of the items of
    `page_kinds` (classes: the menu's pages) and what features add to every page
    (`core.dependencies.SITE_SHOWS`: the header's list of series).
    """
    digest = hashlib.sha256(f"rendered {FORMAT}; {base}\n".encode())
    for kind, names in sorted((terms or {}).items()):
        digest.update(f"{kind}: {sorted(names)!r}\n".encode())
    contents = [item for item in contents if item is not None]
    paths, menu = [], []
    for item in contents:
        if item is None:
            continue
        source = getattr(item, "source_path", None)
        if not source:
            continue
        paths.append(os.path.relpath(source, root))
        if page_kinds and isinstance(item, page_kinds):
            menu.append(stat_entry(source, root))
    digest.update("\n".join(sorted(paths)).encode())
    digest.update(repr(sorted(menu)).encode())
    for text in dependencies.site_texts(contents):
        digest.update(f"\n{text}".encode())
    return digest.hexdigest()


def related_groups(contents: Iterable) -> tuple[dict, dict]:
    """({slug: [sources]}, {source: slug}) over a site's content."""
    by_slug: dict[str, list[str]] = {}
    slug_of: dict[str, str] = {}
    for item in contents:
        source = getattr(item, "source_path", None)
        if item is None or not source:
            continue
        slug = getattr(item, "slug", None)
        if slug is not None:
            by_slug.setdefault(str(slug), []).append(source)
            slug_of[source] = str(slug)
    return by_slug, slug_of


def link_targets(text: str, source: str, root: str) -> set[str]:
    """The absolute paths that Pelican's `{filename}` links in `text` point to.

    A link is relative to the folder of `source`, or to the content folder `root`
    when it starts with `/`; `#fragment` and `?query` are left out, `%xx` decoded (as
    Pelican reads them).
    """
    found = set()
    for value in TARGET.findall(text):
        value = unquote(value)
        base = root if value.startswith("/") else os.path.dirname(source)
        found.add(os.path.normpath(os.path.join(base, value.lstrip("/"))))
    return found


class Dependencies:
    """What each post or page file of one language site shows of the site's sources.

    `contents`: every content object the site read; `root`: the content folder;
    `entry`: (source path) -> (relative path, size, mtime_ns), `stat_entry` by default;
    `read`: (source path) -> its bytes, or None when it cannot be read (the file's own
    bytes by default). `of(item)` gives a tuple of texts that changes whenever one of
    those files does.
    """

    def __init__(self, contents: Iterable, root: str, entry=None, read=None):
        """Group the contents by slug once."""
        self.by_slug, self.slug_of = related_groups(contents)
        self.root = root
        self._stat = entry or (lambda source: stat_entry(source, root))
        self._read = read or read_bytes
        self._entries: dict[str, tuple] = {}
        self._shared: dict = {}  # `core.dependencies.plain_text`'s memo, for this site

    def entry(self, source: str) -> tuple:
        """A source file's (relative path, size, mtime_ns), looked up once."""
        if source not in self._entries:
            self._entries[source] = self._stat(source)
        return self._entries[source]

    def versions(self, source: str) -> list[str]:
        """The source and its translations' sources (the same slug)."""
        slug = self.slug_of.get(source)
        return self.by_slug.get(slug, [source]) if slug is not None else [source]

    def of(self, item) -> tuple[str, str, str] | None:
        """(translations, what features add to its page, link targets) of one item, as texts.

        None when the item's file must be rendered every time: its source includes
        other files (`read_cache.includes_other_files`) or cannot be read. Links are
        looked for in the source text itself (body and metadata such as `Summary:`),
        as Pelican resolves them later, at different times for different fields.
        """
        data = self._read(item.source_path)
        if data is None or includes_other_files(data):
            return None
        versions = sorted(
            self.entry(s) for s in {item.source_path, *self.versions(item.source_path)}
        )
        # The series box and the like, as the features that add them declare them.
        shown = "\n".join(dependencies.page_texts(item, self._shared))
        text = data.decode("utf-8", "replace")
        linked = sorted(self.entry(p) for p in link_targets(text, item.source_path, self.root))
        return repr(versions), shown, repr(linked)


def read_bytes(path: str) -> bytes | None:
    """A file's bytes, or None when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def signature(site: str, template: str, output: str, flags: tuple, parts: Iterable[str]) -> str:
    """The signature of one post or page file's inputs (hex): `parts` from `Dependencies`."""
    digest = hashlib.sha256(f"{site}\n{template}\n{output}\n{flags!r}\n".encode())
    for part in parts:
        digest.update(part.encode())
        digest.update(b"\n")
    return digest.hexdigest()


def unchanged(kept: Mapping, path: str, sig: str) -> bool:
    """Whether the file at `path` is still what a render with signature `sig` wrote."""
    entry = kept.get(path)
    if entry is None or entry[0] != sig:
        return False
    try:
        stat = os.stat(path)
    except OSError:
        return False
    return [stat.st_size, stat.st_mtime_ns] == list(entry[1:])


def file_entry(path: str, sig: str) -> list | None:
    """[signature, size, mtime_ns] of a file just written or kept, or None if missing."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return [sig, stat.st_size, stat.st_mtime_ns]


def load(path: Path) -> dict:
    """A kept record's pages ({} when missing, damaged or of another format)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or not isinstance(data.get("pages"), dict):
            return {}
        return data["pages"]
    except (OSError, ValueError, AttributeError):
        return {}


def save(record: RenderedPages) -> None:
    """Write this build's record (atomically). Raises OSError when it cannot."""
    if record.path is None:
        return
    record.path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "format": FORMAT,
        "rendered": record.rendered,
        "skipped": record.skipped,
        "pages": {**record.kept, **record.now},
    }
    handle, temporary = tempfile.mkstemp(dir=record.path.parent, prefix=".rendered-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, separators=(",", ":"))
        os.replace(temporary, record.path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
