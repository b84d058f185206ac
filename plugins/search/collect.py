"""Which written pages go into which language's search index. Pure: paths in, values out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# The theme marks the main content of an indexable post or page with Pagefind's
# `data-pagefind-body`; a page without it is not searchable. Matched inside a tag, so a
# post that writes the attribute's name in its text (escaped) does not count.
BODY_MARK = re.compile(rb"<[a-zA-Z][^<>]*\sdata-pagefind-body[\s>=]")

# Characters with a meaning in Pagefind's globs (the `wax` crate's syntax).
GLOB_SPECIAL = re.compile(r"([\\{}\[\]()*?!<>,:#$])")


@dataclass(frozen=True)
class SiteRoot:
    """One language's site in the output.

    `lang` is its language, `folder` its output folder, `nested` the names of the
    entries right inside `folder` that hold other language sites (`("ko",)` for the
    main site of an English/Korean blog), which its index must leave out.
    """

    lang: str
    folder: Path
    nested: tuple[str, ...] = ()


def site_roots(output: Path, lang_paths: Iterable[tuple[str, str]]) -> list[SiteRoot]:
    """The output folder of each language site.

    `lang_paths`: [(lang, path of its site below the main site's, "" for the main
    site)], e.g. `[("en", ""), ("ko", "ko")]` → output/ (leaving out ko/) and output/ko/.
    """
    pairs = [(lang, rel.strip("/")) for lang, rel in lang_paths]
    roots = []
    for lang, rel in pairs:
        prefix = rel + "/" if rel else ""
        nested = sorted(
            {
                other[len(prefix) :].split("/")[0]
                for _lang, other in pairs
                if other != rel and other.startswith(prefix)
            }
        )
        roots.append(SiteRoot(lang, output / rel if rel else output, tuple(nested)))
    return roots


def glob_escape(name: str) -> str:
    """A file or folder name as a literal in a Pagefind glob (backslash escapes)."""
    return GLOB_SPECIAL.sub(r"\\\1", name)


def site_glob(entries: Iterable[str], skip: Iterable[str]) -> str:
    """A glob for the HTML files of one site, given the names of the entries at its root.

    `entries` are file and folder names in the site's folder; `skip` the ones that are
    not this site's (other language sites, the search bundle). Pagefind's globs cannot
    exclude, so the glob names what to include: `{*.html,posts/**/*.html,...}`.
    """
    skipped = set(skip)
    parts = ["*.html"]
    parts += [f"{glob_escape(name)}/**/*.html" for name in sorted(entries) if name not in skipped]
    return "{" + ",".join(parts) + "}"


def marked_pages(folder: Path, skip: Iterable[str]) -> list[Path]:
    """The HTML files under `folder` (but not under the entries `skip`) marked for search.

    Sorted by path. Used to check that the index holds every page it should.
    """
    skipped = set(skip)
    found = []
    for path in sorted(folder.rglob("*.html")):
        if path.relative_to(folder).parts[0] in skipped:
            continue
        with path.open("rb") as handle:
            if BODY_MARK.search(handle.read()):
                found.append(path)
    return found
