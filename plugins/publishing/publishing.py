"""publishing: what a public site needs besides its pages, and a last look before release.

After the main site (and with it every language's site) is written, it reads the
output back and writes:
- `sitemap.xml` (`SITEMAP_SAVE_AS`) listing every indexable page of every language
  with its `xhtml:link` hreflang alternates, and `robots.txt` pointing to it, when
  `SITEURL` is absolute (search engines need absolute URLs);
- `.nojekyll` when `NOJEKYLL` is true (GitHub Pages serves the files as they are);
- `CNAME` with the `CNAME` setting's domain, when set.
With `PUBLISH_CHECKS` true it then checks the whole output: every internal link,
asset and #fragment resolves, hreflang pairs are reciprocal, no draft anywhere;
any problem stops the build with a non-zero exit and a list of what failed.

Settings (defaults): `SITEMAP_SAVE_AS` ("sitemap.xml"), `NOJEKYLL` (False),
`CNAME` (None), `PUBLISH_CHECKS` (False). `publishconf.py` turns them on.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from .sitecheck import (
    broken_refs,
    draft_problems,
    hreflang_problems,
    read_page,
    robots_txt,
    sitemap_xml,
)

log = logging.getLogger(__name__)


class PublishCheckError(SystemExit):
    """The built site failed its own checks; the message lists every problem."""


def is_main_site(settings) -> bool:
    sites = settings.get("BILINGUAL_SITES") or {settings["DEFAULT_LANG"]: ""}
    return settings["DEFAULT_LANG"] == next(iter(sites))


def read_output(output: Path):
    files = {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}
    pages = {
        name: read_page((output / name).read_text(encoding="utf-8"))
        for name in sorted(files)
        if name.endswith(".html")
    }
    return files, pages


def finish(pelican):
    """finalized: extra files, then the checks; the main site only (it runs last)."""
    settings = pelican.settings
    if not is_main_site(settings):
        return
    output = Path(settings["OUTPUT_PATH"])
    siteurl = settings["SITEURL"].rstrip("/")
    sitemap = settings.get("SITEMAP_SAVE_AS", "sitemap.xml")
    if not siteurl.startswith(("http://", "https://")):
        sitemap = None
    if sitemap or settings.get("PUBLISH_CHECKS"):
        files, pages = read_output(output)
    if sitemap:
        (output / sitemap).write_text(sitemap_xml(pages), encoding="utf-8")
        (output / "robots.txt").write_text(robots_txt(f"{siteurl}/{sitemap}"), encoding="utf-8")
        files |= {sitemap, "robots.txt"}
    if settings.get("NOJEKYLL"):
        (output / ".nojekyll").write_text("", encoding="utf-8")
    if settings.get("CNAME"):
        (output / "CNAME").write_text(settings["CNAME"].strip() + "\n", encoding="utf-8")

    if settings.get("PUBLISH_CHECKS"):
        problems = (
            broken_refs(pages, files, siteurl)
            + hreflang_problems(pages, siteurl)
            + draft_problems(pages)
        )
        if problems:
            raise PublishCheckError(
                "\n".join([f"publishing: {len(problems)} problem(s) in {output}:", *problems])
            )
        log.info("publishing: %d pages checked, no problem", len(pages))


def register():
    signals.finalized.connect(finish)
