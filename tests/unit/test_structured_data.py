"""The JSON-LD object of a post: schema.org BlogPosting with translations and series."""

import datetime
from dataclasses import dataclass, field

from markupsafe import escape
from pelican.plugins.bilingual.pairing.links import Counterpart
from pelican.plugins.bilingual.publishing.structured_data import blog_posting, description_of
from pelican.plugins.bilingual.series_threads.views import PostSeries

WHEN = datetime.datetime(2026, 4, 19, 21, 10, tzinfo=datetime.timezone(datetime.timedelta(hours=9)))


@dataclass
class Post:
    title: object = "Hello"
    date: datetime.datetime = WHEN
    modified: datetime.datetime | None = None
    counterparts: list = field(default_factory=list)
    series: object = None


def other(lang, url):
    return Counterpart(lang, "t", url, "published", f"{lang}.md")


def posting(post, lang="en"):
    return blog_posting(
        post, url="https://x.org/p/", lang=lang, main_lang="en", author="Hana", description="d"
    )


def test_main_language_post_names_its_translations():
    data = posting(Post(counterparts=[other("ko", "https://x.org/ko/p/")]))
    assert data["@type"] == "BlogPosting" and data["@id"] == data["url"] == "https://x.org/p/"
    assert data["inLanguage"] == "en"
    assert data["datePublished"] == data["dateModified"] == "2026-04-19T21:10:00+09:00"
    assert data["author"] == {"@type": "Person", "name": "Hana"}
    assert data["workTranslation"] == [{"@id": "https://x.org/ko/p/"}]
    assert "translationOfWork" not in data


def test_a_translation_names_its_original_and_an_untranslated_post_neither():
    data = posting(Post(counterparts=[other("en", "https://x.org/p/")]), lang="ko")
    assert data["translationOfWork"] == {"@id": "https://x.org/p/"}
    assert "workTranslation" not in data
    alone = posting(Post(), lang="ko")
    assert "workTranslation" not in alone and "translationOfWork" not in alone


def test_headline_is_the_title_as_typed():
    assert posting(Post(title=escape("Vec<T>\xa0& co")))["headline"] == "Vec<T>\xa0& co"


def test_series_is_part_of_only_where_the_site_lists_the_post():
    listed = PostSeries("s", "Study", "https://x.org/series/s/", "1", 1, None, all=("ep",))
    bare = PostSeries("s", "Study", "", "1", 1, None)
    assert posting(Post(series=listed))["isPartOf"] == {
        "@type": "CreativeWorkSeries",
        "name": "Study",
        "url": "https://x.org/series/s/",
    }
    assert "isPartOf" not in posting(Post(series=bare))


def test_description_is_the_summary_without_markup_or_the_fallback():
    assert description_of("<p>One <em>two</em>\n three</p>", "site") == "One two three"
    assert description_of("", "site") == "site"
    # Paragraphs and list items read apart, not as "cheap.The".
    two = "<p>A GPU is cheap.</p><p>The angle.</p><ul><li>one</li><li>two</li></ul>"
    assert description_of(two, "site") == "A GPU is cheap. The angle. one two"
    assert description_of(None, None) == ""


def test_a_korean_source_names_its_english_translation():
    korean = Post(counterparts=[other("en", "https://x.org/p/")])
    korean.source_lang = "ko"
    data = posting(korean, lang="ko")
    assert data["workTranslation"] == [{"@id": "https://x.org/p/"}]
    english = Post(counterparts=[other("ko", "https://x.org/ko/p/")])
    english.source_lang = "ko"
    assert posting(english)["translationOfWork"] == {"@id": "https://x.org/ko/p/"}
