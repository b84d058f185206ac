"""In-place rewrites' pure parts (plugins/bilingual/engine/live.py): what counts as the same
metadata, what is taken from a new read, and which posts a generator writes."""

from __future__ import annotations

from types import SimpleNamespace

from pelican.contents import Article
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.plugins.bilingual.engine import live
from pelican.plugins.bilingual.subsites import metadata_as_written
from pelican.settings import DEFAULT_CONFIG

SETTINGS = {**DEFAULT_CONFIG, "PATH": "/c", "SUMMARY_MAX_LENGTH": 50}


def article(text: str, **metadata) -> Article:
    values = {"title": "A post", "slug": "a-post", **metadata}
    return Article(text, metadata=values, settings=dict(SETTINGS), source_path="/c/a-post.md")


def test_a_written_summary_is_compared_as_written():
    # localization puts the text as written back into `summary` when a page shows it.
    read = {"title": "T", "summary": "<p>resolved</p>", "summary_source": "as written"}
    shown = {"title": "T", "summary": "as written", "summary_source": "as written"}
    assert metadata_as_written(read) == metadata_as_written(shown)
    changed = {**read, "summary_source": "new words"}
    assert metadata_as_written(changed) != metadata_as_written(read)
    # Without a written summary, `summary` is compared like any field.
    assert metadata_as_written({"summary": "a"}) != metadata_as_written({"summary": "b"})


def test_the_new_text_is_taken_and_what_plugins_set_since_is_kept():
    old = article("<p>old text</p>", series="build-log")
    assert old.summary == "<p>old text</p>"  # memoized by Pelican from here on
    old.series = SimpleNamespace(all=["a view a plugin made"])  # as series_threads does
    old.translations = ["a translation"]
    old.reading_minutes = 1  # what a content_object_init handler made of the text
    new = article("<p>new text, longer</p>", series="build-log")
    new.reading_minutes = 2
    taken = live.take_text(old, new)
    assert "_content" in taken and "reading_minutes" in taken
    assert old.content == "<p>new text, longer</p>"
    assert old.summary == "<p>new text, longer</p>"  # the memo was dropped
    assert old.reading_minutes == 2
    assert old.series.all == ["a view a plugin made"]  # made of metadata: kept
    assert old.translations == ["a translation"]
    assert old.metadata is not new.metadata


def test_the_same_text_takes_nothing():
    old, new = article("<p>same</p>"), article("<p>same</p>")
    assert live.take_text(old, new) == []


def test_the_files_a_generator_writes_follow_pelicans_lists():
    articles = ArticlesGenerator.__new__(ArticlesGenerator)
    for name in live.WRITTEN_LISTS[ArticlesGenerator]:
        setattr(articles, name, [name])
    articles.pages = ["not an article list"]
    assert live.written_items(articles) == list(live.WRITTEN_LISTS[ArticlesGenerator])
    pages = PagesGenerator.__new__(PagesGenerator)
    for name in live.WRITTEN_LISTS[PagesGenerator]:
        setattr(pages, name, [f"page {name}"])
    assert live.written_items(pages)[1] == "page pages"
    assert live.written_items(object()) == []


def test_a_site_without_the_edited_file_declines():
    sites = live.BuiltSites()
    try:
        live.rewrite(sites, ["/nowhere/post.md"])
    except live.NotInPlace as why:
        assert "not a post or page" in str(why)
    else:
        raise AssertionError("a file no site has was rewritten")
