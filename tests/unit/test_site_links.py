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
