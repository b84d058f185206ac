"""Root-relative links to the site's own files become Pelican's `{static}` links."""

import pytest
from pelican.plugins.bilingual.site_links.site_links import as_static_links, is_static

FILES = {"images/a.svg", "files/b.pdf"}


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<img src="/images/a.svg">', '<img src="{static}/images/a.svg">'),
        ("<a href='/files/b.pdf#p2'>", "<a href='{static}/files/b.pdf#p2'>"),
        ('<a href="/files/b.pdf?v=1">', '<a href="{static}/files/b.pdf?v=1">'),
        ('<a href="/posts/x/">', '<a href="/posts/x/">'),  # not a file of the content
        ('<img src="//cdn.example/images/a.svg">', '<img src="//cdn.example/images/a.svg">'),
        ('<img src="{static}/images/a.svg">', '<img src="{static}/images/a.svg">'),
        ('<a href="/">home</a>', '<a href="/">home</a>'),
    ],
)
def test_only_links_to_site_files_change(html, expected):
    assert as_static_links(html, FILES.__contains__) == expected


def test_static_paths_as_pelican_reads_them():
    assert is_static("images/a.svg", ["images"])
    assert is_static("images/sub/a.svg", ["images/"])
    assert is_static("robots.txt", ["robots.txt"])
    assert is_static("anything.txt", [""])
    assert not is_static("imagesX/a.svg", ["images"])
    assert not is_static("files/b.pdf", ["images"])


def test_a_root_link_to_a_posts_address_becomes_a_filename_link():
    from types import SimpleNamespace

    from pelican.plugins.bilingual.site_links.site_links import (
        as_content_links,
        page_addresses,
        page_key,
    )

    posts = [
        SimpleNamespace(url="posts/chart/", lang="en", relative_source_path="chart.en.md"),
        SimpleNamespace(url="posts/chart/", lang="ko", relative_source_path="chart.ko.md"),
        SimpleNamespace(url="about/", lang="en", relative_source_path="pages/about.md"),
    ]
    addresses = page_addresses(posts, {"en": "", "ko": "ko"})
    assert addresses == {
        "posts/chart": "chart.en.md",
        "ko/posts/chart": "chart.ko.md",
        "about": "pages/about.md",
    }
    assert page_key("posts/chart/index.html#top") == "posts/chart"
    html = (
        '<a href="/posts/chart/">a</a> <a href="/ko/posts/chart/#data">b</a> '
        '<a href="/tags/charts/">c</a> <a href="//cdn.example/x">d</a> <a href="/about">e</a>'
    )
    assert as_content_links(html, lambda path: addresses.get(page_key(path))) == (
        '<a href="{filename}/chart.en.md">a</a> <a href="{filename}/chart.ko.md#data">b</a> '
        '<a href="/tags/charts/">c</a> <a href="//cdn.example/x">d</a> '
        '<a href="{filename}/pages/about.md">e</a>'
    )


@pytest.mark.parametrize(
    "html",
    [
        '<img src="/images/a.svg">',
        "<a href = '/files/b.pdf'>",
        '<a\nhref=\n"/posts/x/">',
        '<a href="/">home</a>',
        '<a href="//cdn.example/x"> and <a href="/posts/x/">',
    ],
)
def test_the_quick_look_finds_every_root_link(html):
    # `MAYBE_ROOT_LINK` gates the slower `ROOT_LINK`: it must find whatever that finds.
    from pelican.plugins.bilingual.site_links.site_links import MAYBE_ROOT_LINK, ROOT_LINK

    assert ROOT_LINK.search(html)
    assert MAYBE_ROOT_LINK.search(html)


@pytest.mark.parametrize(
    "html",
    ['<a href="//cdn.example/x">', '<img src="{static}/a.svg">', '<a href="posts/x/">', "a=/b"],
)
def test_the_quick_look_passes_html_without_root_links(html):
    from pelican.plugins.bilingual.site_links.site_links import MAYBE_ROOT_LINK, ROOT_LINK

    assert not ROOT_LINK.search(html)
    assert not MAYBE_ROOT_LINK.search(html)
