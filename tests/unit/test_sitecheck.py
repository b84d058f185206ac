import xml.etree.ElementTree as ET

import pytest
from pelican.plugins.bilingual.publishing.sitecheck import (
    broken_refs,
    draft_problems,
    hreflang_problems,
    local_path,
    read_page,
    robots_txt,
    sitemap_xml,
)

SITE = "https://example.org/blog"


def page(lang, own, others=(), refs=(), ids=(), extra=""):
    links = "".join(
        f'<link rel="alternate" hreflang="{code}" href="{href}">' for code, href in [*others]
    )
    anchors = "".join(f'<a href="{r}">x</a>' for r in refs)
    idtags = "".join(f'<p id="{i}"></p>' for i in ids)
    return read_page(
        f'<html lang="{lang}"><head><link rel="canonical" href="{own}">'
        f'<link rel="alternate" hreflang="{lang}" href="{own}">{links}{extra}</head>'
        f"<body>{anchors}{idtags}</body></html>"
    )


@pytest.mark.parametrize(
    ("url", "page_path", "expected"),
    [
        (f"{SITE}/posts/a/", "", "posts/a/index.html"),
        (f"{SITE}/", "", "index.html"),
        (f"{SITE}", "", "index.html"),
        ("/blog/ko/tags/x/", "", "ko/tags/x/index.html"),
        ("/blog/theme/css/base.css", "", "theme/css/base.css"),
        ("https://other.org/blog/a/", "", None),
        ("/elsewhere/a/", "", None),
        ("mailto:me@example.org", "", None),
        ("#top", "posts/a/index.html", "posts/a/index.html"),
        ("img/x.png", "posts/a/index.html", "posts/a/img/x.png"),
        (f"{SITE}/%ED%95%9C/", "", "한/index.html"),
    ],
)
def test_local_path(url, page_path, expected):
    assert local_path(url, SITE, page_path) == expected


def test_broken_links_assets_and_fragments_are_named():
    pages = {
        "index.html": page(
            "en",
            f"{SITE}/",
            refs=[
                f"{SITE}/posts/a/",
                f"{SITE}/posts/gone/",
                f"{SITE}/posts/a/#there",
                f"{SITE}/posts/a/#nowhere",
                f"{SITE}/posts/a/#top",  # the top of any page (HTML), as docutils links it
                f"{SITE}/posts/a/#Top",
                "https://elsewhere.org/x",
            ],
        ),
        "posts/a/index.html": page("en", f"{SITE}/posts/a/", ids=["there"]),
    }
    files = set(pages)
    assert broken_refs(pages, files, SITE) == [
        f"index.html: link to {SITE}/posts/gone/ leads nowhere",
        f"index.html: link to {SITE}/posts/a/#nowhere has no #nowhere on that page",
    ]


def test_hreflang_must_be_reciprocal():
    en = f"{SITE}/posts/a/"
    ko = f"{SITE}/ko/posts/a/"
    good = {
        "posts/a/index.html": page("en", en, [("ko", ko)]),
        "ko/posts/a/index.html": page("ko", ko, [("en", en)]),
    }
    assert hreflang_problems(good, SITE) == []
    one_way = {
        "posts/a/index.html": page("en", en, [("ko", ko)]),
        "ko/posts/a/index.html": page("ko", ko),
    }
    assert hreflang_problems(one_way, SITE) == [
        f"posts/a/index.html: hreflang 'ko' page {ko} does not link back"
    ]
    missing = {"posts/a/index.html": page("en", en, [("ko", ko)])}
    assert hreflang_problems(missing, SITE) == [
        f"posts/a/index.html: hreflang 'ko' points to {ko}, which is missing"
    ]


def test_drafts_are_found_by_path_and_by_row():
    pages = {
        "drafts/x/index.html": page("en", f"{SITE}/drafts/x/"),
        "archives/index.html": page("en", f"{SITE}/archives/", extra='<p data-status="draft"></p>'),
        "index.html": page("en", f"{SITE}/"),
    }
    found = draft_problems(pages)
    assert [problem.split(" (")[0] for problem in found] == [
        "archives/index.html: shows a draft",
        "drafts/x/index.html: shows a draft",
    ]
    assert "DRAFT_SAVE_AS = ''" in found[0]


def test_sitemap_lists_indexable_pages_with_alternates():
    en, ko = f"{SITE}/posts/a/", f"{SITE}/ko/posts/a/"
    pages = {
        "posts/a/index.html": page("en", en, [("ko", ko), ("x-default", en)]),
        "ko/posts/a/index.html": page("ko", ko, [("en", en), ("x-default", en)]),
        "404.html": page("en", f"{SITE}/404.html", extra='<meta name="robots" content="noindex">'),
    }
    root = ET.fromstring(sitemap_xml(pages))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locs = [u.find("s:loc", ns).text for u in root.findall("s:url", ns)]
    assert locs == [ko, en]
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in root.find("s:url", ns).findall("x:link", ns)
    }
    assert alternates == {"en": en, "ko": ko, "x-default": en}


def test_robots_points_to_the_sitemap():
    assert robots_txt(f"{SITE}/sitemap.xml").endswith(f"Sitemap: {SITE}/sitemap.xml\n")


def test_sitemap_addresses_are_percent_encoded_ascii():
    ko = f"{SITE}/ko/posts/일상-기록/"
    pages = {"ko/posts/일상-기록/index.html": page("ko", ko, [("ko", ko), ("x-default", ko)])}
    text = sitemap_xml(pages)
    assert text.isascii()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(text)
    assert root.find("s:url/s:loc", ns).text == (
        f"{SITE}/ko/posts/%EC%9D%BC%EC%83%81-%EA%B8%B0%EB%A1%9D/"
    )


def test_extensionless_addresses_resolve_as_github_pages_serves_them():
    # `Url: spring` with `Save_as: spring.html` (servicedenuages.fr): GitHub Pages serves
    # /blog/spring from spring.html, so links and hreflang to it are fine.
    pages = {
        "index.html": page("fr", f"{SITE}/", refs=[f"{SITE}/spring", f"{SITE}/autumn"]),
        "spring.html": page("fr", f"{SITE}/spring", others=[("en", f"{SITE}/en/spring")]),
        "en/spring.html": page("en", f"{SITE}/en/spring", others=[("fr", f"{SITE}/spring")]),
    }
    files = set(pages)
    assert broken_refs(pages, files, SITE) == [f"index.html: link to {SITE}/autumn leads nowhere"]
    assert hreflang_problems(pages, SITE) == []


def test_a_sitemap_reads_only_each_page_s_head(tmp_path):
    from pelican.plugins.bilingual.publishing.sitecheck import read_output

    page = (
        '<!doctype html><html lang="ko"><head><link rel="canonical" href="https://x.org/ko/p/">'
        '<link rel="alternate" hreflang="en" href="https://x.org/p/">'
        '<meta name="robots" content="noindex"></head>'
        '<body><a href="/elsewhere/" id="top">x</a><tr data-status="draft"></tr></body></html>'
    )
    (tmp_path / "ko" / "p").mkdir(parents=True)
    (tmp_path / "ko" / "p" / "index.html").write_text(page, encoding="utf-8")
    whole = read_output(tmp_path)[1]["ko/p/index.html"]
    head = read_output(tmp_path, whole=False)[1]["ko/p/index.html"]
    for facts in (whole, head):
        assert (facts.lang, facts.canonical, facts.noindex) == ("ko", "https://x.org/ko/p/", True)
        assert facts.alternates == {"en": "https://x.org/p/"}
    assert whole.refs and whole.ids and whole.draft_rows
    assert "/elsewhere/" in whole.refs and "/elsewhere/" not in head.refs  # body not read
    assert not head.ids and not head.draft_rows


HEADS = [
    '<!doctype html><html lang="ko"><head><link rel="canonical" href="https://ex.org/ko/">'
    '<link rel="alternate" hreflang="en" href="https://ex.org/"></head>',
    # Commented out, inside a script or a style: not the page's.
    '<html lang="en"><head><!-- <link rel="canonical" href="/old/"> -->'
    '<script>document.head.append(\'<link rel="canonical" href="/js/">\')</script>'
    '<style>/* <meta name="robots" content="noindex"> */</style>'
    '<link rel="canonical" href="/a/?x=1&amp;y=2"></head>',
    # Upper case, single quotes, unquoted values, `>` inside a value, entities.
    "<HTML LANG=ja><HEAD><META NAME='robots' CONTENT='noindex, follow'>"
    '<LINK REL=alternate HREFLANG="zh-Hant" HREF="/zh/?q=a>b">'
    "<link rel='alternate canonical' hreflang=x-default href='/caf&eacute;/'></HEAD>",
    # A boolean attribute, an empty value, a meta that is not robots.
    '<html lang=""><head><link rel="canonical" href="" data-x>'
    '<meta name="description" content="robots and canonical, mentioned">'
    '<link rel="stylesheet" href="/site.css"></head>',
    "<html><head><title>No language, no links</title></head>",
]


@pytest.mark.parametrize("head", HEADS)
def test_a_pages_head_is_read_as_the_html_parser_reads_it(head):
    from pelican.plugins.bilingual.publishing.sitecheck import read_head, read_page

    quick, full = read_head(head), read_page(head)
    assert (quick.lang, quick.canonical, quick.alternates, quick.noindex) == (
        full.lang,
        full.canonical,
        full.alternates,
        full.noindex,
    )


def test_the_head_reader_skips_what_is_not_the_pages_own():
    from pelican.plugins.bilingual.publishing.sitecheck import read_head

    facts = read_head(HEADS[1])
    assert facts.canonical == "/a/?x=1&y=2" and not facts.noindex
    third = read_head(HEADS[2])
    assert third.lang == "ja" and third.noindex
    assert third.alternates == {"zh-Hant": "/zh/?q=a>b", "x-default": "/café/"}
