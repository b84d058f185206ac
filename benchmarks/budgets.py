"""Page-weight budgets of the published demo site, measured on the built files.

For home, an article, the archive and the search page in both languages: bytes
transferred with gzip (the page plus every stylesheet, script, icon and image it loads)
and the number of requests; then all CSS and the theme's JavaScript raw, requests to
other hosts, web fonts, the archive's bytes per entry, and the search index's size per
100 pages. Exits non-zero when a budget is exceeded.

    python benchmarks/budgets.py
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from urllib.parse import urlsplit

from corpus import publish_demo

ROOT = Path(__file__).resolve().parent.parent
SITE = "https://example.org/blog"
PAGES = {
    "home": "index.html",
    "home (ko)": "ko/index.html",
    "article": "posts/kal-2-one-dimensional/index.html",
    "article (ko)": "ko/posts/kal-2-one-dimensional/index.html",
    "archive": "archives/index.html",
    "archive (ko)": "ko/archives/index.html",
    "search": "search/index.html",
    "search (ko)": "ko/search/index.html",
}
BUDGET_PAGE_KB = 10.0  # home, gzip, everything the page loads
# The article is the math-heavy Kalman episode (formulas, contents box, figure, note,
# footnote, code): what it loads beyond its own text (the post body), gzip (issue 15).
BUDGET_BEYOND_TEXT_KB = 10.0
BODY = re.compile(rb'<div class="post__body prose">.*?</div>\s*(?=<aside|</article>)', re.S)
BUDGET_ARCHIVE_PER_ENTRY = 1024  # bytes transferred (gzip) per archive entry, calendar included
# One stylesheet: the theme's components plus the generated code colours, raw.
BUDGET_CSS = 24 * 1024
BUDGET_JS = 16 * 1024  # the theme's JavaScript (the search page's), raw
# The search page before the first query: the page, its stylesheet and its scripts
# (modules they import included), gzip; the index loads at the first query (issue 14).
BUDGET_SEARCH_FIRST_KB = 60.0
IMPORT = re.compile(rb'^import .* from "(\./[^"]+)";', re.M)


class Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").split()
        if tag == "link" and ({"stylesheet", "icon"} & set(rel)):
            self.urls.append(attrs.get("href"))
        elif tag in ("script", "img", "source") and attrs.get("src"):
            self.urls.append(attrs["src"])


def local(url: str) -> Path | None:
    if url.startswith(SITE):
        return Path(url[len(SITE) :].lstrip("/"))
    return None


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = publish_demo(Path(tmp) / "site", SITE)
        failures = []
        print(f"{'page':<14}{'requests':>9}{'gzip KB':>9}{'other hosts':>13}")
        for name, path in PAGES.items():
            html = (out / path).read_bytes()
            parser = Assets()
            parser.feed(html.decode("utf-8"))
            total, requests, foreign = gz(html), 1, 0
            queue = list(parser.urls)
            while queue:
                url = queue.pop()
                target = local(url)
                if target is None:
                    foreign += 1
                    continue
                requests += 1
                data = (out / target).read_bytes()
                total += gz(data)
                if target.suffix == ".js":  # the modules it imports load with it
                    base = url.rsplit("/", 1)[0]
                    queue += [f"{base}/{m.decode()[2:]}" for m in IMPORT.findall(data)]
            beyond = ""
            if name.startswith("article"):
                body = BODY.search(html)
                text = gz(body.group(0)) if body else 0
                beyond = f"  ({(total - text) / 1024:.1f} KB beyond its text)"
                if (total - text) / 1024 > BUDGET_BEYOND_TEXT_KB:
                    failures.append(f"{name}: {(total - text) / 1024:.1f} KB beyond its text")
            print(f"{name:<14}{requests:>9}{total / 1024:>9.1f}{foreign:>13}{beyond}")
            if foreign:
                failures.append(f"{name}: {foreign} request(s) to other hosts")
            if name.startswith("home") and total / 1024 > BUDGET_PAGE_KB:
                failures.append(f"{name}: {total / 1024:.1f} KB > {BUDGET_PAGE_KB} KB")
            if name.startswith("search") and total / 1024 > BUDGET_SEARCH_FIRST_KB:
                failures.append(f"{name}: {total / 1024:.1f} KB > {BUDGET_SEARCH_FIRST_KB} KB")
            if not name.startswith("search") and b"<script src" in html:
                failures.append(f"{name}: loads JavaScript")
        for lang, path in (("en", "archives/index.html"), ("ko", "ko/archives/index.html")):
            html = (out / path).read_bytes()
            entries = html.count(b'<article class="post-row')
            per_entry = len(html) / entries
            print(
                f"archive ({lang}): {entries} entries, {per_entry:.0f} B raw and "
                f"{gz(html) / entries:.0f} B gzip per entry"
            )
            if gz(html) / entries > BUDGET_ARCHIVE_PER_ENTRY:
                failures.append(f"archive ({lang}): {gz(html) / entries:.0f} B gzip per entry")
        for lang, bundle in (("en", out / "pagefind"), ("ko", out / "ko" / "pagefind")):
            entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
            pages = sum(v["page_count"] for v in entry["languages"].values())
            wasm = bundle / f"wasm.{entry['languages'][lang]['wasm'] or 'unknown'}.pagefind"
            size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
            index = sum(p.stat().st_size for p in bundle.rglob("*.pf_*"))
            first = sum(
                gz(p.read_bytes()) if p.suffix == ".js" else p.stat().st_size
                for p in [bundle / "pagefind.js", *bundle.glob("*.pf_meta"), wasm]
            )
            print(
                f"search index ({lang}): {pages} pages, {size / 1024:.0f} KB on disk, "
                f"{index / 1024 / pages * 100:.0f} KB of index per 100 pages; the first query "
                f"loads about {first / 1024:.0f} KB before its index chunk and fragments"
            )
        css = sum(p.stat().st_size for p in out.rglob("*.css"))
        js = sum(p.stat().st_size for p in (out / "theme").rglob("*.js"))
        fonts = [p for p in out.rglob("*") if p.suffix in (".woff", ".woff2", ".ttf", ".otf")]
        font_faces = sum(p.read_bytes().count(b"@font-face") for p in out.rglob("*.css"))
        print(
            f"all CSS: {css / 1024:.1f} KB raw; the theme's JS: {js / 1024:.1f} KB; "
            f"font files: {len(fonts)}; @font-face rules: {font_faces}"
        )
        if css > BUDGET_CSS:
            failures.append(f"CSS {css} B > {BUDGET_CSS} B")
        if js > BUDGET_JS:
            failures.append(f"JavaScript {js} B > {BUDGET_JS} B")
        if fonts or font_faces:
            failures.append("web fonts found")
        hosts = {urlsplit(u).netloc for u in parser.urls if u and local(u) is None}
        if hosts:
            print("other hosts:", ", ".join(sorted(hosts)))
    for failure in failures:
        print("OVER BUDGET:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
