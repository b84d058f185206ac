"""Property tests: any plain text in titles, tags and series names comes out as that text.

A title's HTML character references (`&amp;`) are resolved first, as Pelican's own
themes show them (they print the title as HTML): `Tips &amp; tricks` reads "Tips & tricks".

Each example builds a small EN/KO site with the publishing settings and reads back the
HTML, the Atom feeds, the JSON-LD and the sitemap.
"""

import html
import json
import os
import xml.etree.ElementTree as ET

import feedparser
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from sitebuild import PUBLISH_SETTINGS, run_pelican

SITE = "https://example.org"
# Anything a writer can type on one metadata line: no control characters, no line breaks.
CHARS = st.characters(
    blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
    blacklist_characters="\ufeff\x85",
)
NASTY = st.sampled_from(
    [
        '<script>alert("x")</script>',
        "Vec<T>",
        "say \"hi\" & 'bye'",
        "</script><b>",
        "🌱 온실 🌱",
        "עברית and العربية",
        "a" * 300,
        "{filename}/x.md",
        "&amp; &lt;",
    ]
)


def plain(max_size):
    return (
        st.one_of(NASTY, st.text(CHARS, min_size=1, max_size=max_size)).map(str.strip).filter(bool)
    )


# Tags are split on commas and need a letter or digit, and a reasonable length, for their
# page's address (the check refuses others: tests/unit/test_checks.py).
TAG = (
    plain(40)
    .map(lambda s: s.replace(",", " ").replace(";", " ").strip())
    .filter(lambda s: any(c.isascii() and c.isalnum() for c in Markup(s).striptags()))
    .filter(lambda s: len(s) <= 100)
)
POST = st.tuples(plain(120), TAG, plain(60))


def write_post(folder, slug, lang, day, title, tag, series):
    text = (
        f"Title: {title}\nDate: 2026-04-{day:02d} 10:00\nTags: {tag}\nSeries: {series}\n\nBody.\n"
    )
    (folder / f"{slug}.{lang}.md").write_text(text, encoding="utf-8")


@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(POST, min_size=2, max_size=4, unique_by=lambda p: p[1].casefold()))
def test_plain_text_metadata_round_trips_everywhere(tmp_path_factory, posts):
    root = tmp_path_factory.mktemp("hostile")
    content = root / "content"
    content.mkdir()
    for number, (title, tag, series) in enumerate(posts, start=1):
        for lang in ("en", "ko"):
            write_post(content, f"p{number}", lang, number, title, tag, series)
    build = run_pelican(
        content, root / "out", settings=PUBLISH_SETTINGS, env={**os.environ, "SITEURL": SITE}
    )
    assert build.returncode == 0, build.log

    for number, (title, tag, series) in enumerate(posts, start=1):
        for prefix in ("", "ko/"):
            raw = (build.output / f"{prefix}posts/p{number}/index.html").read_text("utf-8")
            soup = BeautifulSoup(raw, "html.parser")
            shown = html.unescape(title)
            assert soup.h1.get_text() == shown
            assert soup.title.get_text().startswith(shown)
            assert soup.select_one('meta[property="og:title"]')["content"] == shown
            assert [a.get_text() for a in soup.select(".post__header .tags a")] == [tag]
            assert soup.select_one(".series-box__title a").get_text() == series
            scripts = soup.find_all("script")
            assert len(scripts) == 1, "a title must not open or close a script element"
            data = json.loads(scripts[0].string)
            assert data["headline"] == shown
            assert data["isPartOf"]["name"] == series
            assert "<script>" not in raw.replace('<script type="application/ld+json">', "")

    for feed in ("feeds/all.atom.xml", "ko/feeds/all.atom.xml"):
        parsed = feedparser.parse((build.output / feed).read_bytes())
        assert not parsed.bozo, parsed.bozo_exception
        # Pelican's feed writer folds runs of white space, as feed readers do.
        assert sorted(e.title for e in parsed.entries) == sorted(
            " ".join(html.unescape(p[0]).split()) for p in posts
        )
    ET.fromstring((build.output / "sitemap.xml").read_bytes())
    series_page = BeautifulSoup(
        (build.output / "series/index.html").read_text("utf-8"), "html.parser"
    )
    assert sorted(h.get_text() for h in series_page.select(".series-card h2 a")) == sorted(
        {p[2] for p in posts}
    )
