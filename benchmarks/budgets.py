"""Page-weight budgets of the published demo site, measured on the built files.

For home, an article and the archive in both languages: bytes transferred with gzip
(the page plus every stylesheet, script, icon and image it loads) and the number of
requests; then all CSS and JavaScript raw, requests to other hosts, web fonts, and the
archive's bytes per entry. Exits non-zero when a budget is exceeded.

    python benchmarks/budgets.py
"""

from __future__ import annotations

import gzip
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
}
BUDGET_PAGE_KB = 10.0  # home, gzip, everything the page loads
# The article is the math-heavy Kalman episode (formulas, contents box, figure, note,
# footnote, code): what it loads beyond its own text (the post body), gzip (issue 15).
BUDGET_BEYOND_TEXT_KB = 10.0
BODY = re.compile(rb'<div class="post__body prose">.*?</div>\s*(?=<aside|</article>)', re.S)
BUDGET_ARCHIVE_PER_ENTRY = 1024  # bytes transferred (gzip) per archive entry, calendar included
# One stylesheet: the theme's components plus the generated code colours, raw.
BUDGET_CSS = 24 * 1024
BUDGET_JS = 5 * 1024  # all JavaScript, raw


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
            for url in parser.urls:
                target = local(url)
                if target is None:
                    foreign += 1
                    continue
                requests += 1
                total += gz((out / target).read_bytes())
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
        css = sum(p.stat().st_size for p in out.rglob("*.css"))
        js = sum(p.stat().st_size for p in out.rglob("*.js"))
        fonts = [p for p in out.rglob("*") if p.suffix in (".woff", ".woff2", ".ttf", ".otf")]
        font_faces = sum(p.read_bytes().count(b"@font-face") for p in out.rglob("*.css"))
        print(
            f"all CSS: {css / 1024:.1f} KB raw; all JS: {js / 1024:.1f} KB; "
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
