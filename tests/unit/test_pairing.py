from dataclasses import dataclass, field

import pytest
from bilingual.pairing import (
    counterparts,
    duplicate_errors,
    filename_lang,
    group_by_slug,
    join_url,
    language_errors,
    site_urls,
    summarize,
    taxonomy_langs,
)


@dataclass
class Post:
    slug: str
    lang: str
    source_path: str = ""
    status: str = "published"
    title: str = "t"
    url: str = ""
    tags: list = field(default_factory=list)

    def __post_init__(self):
        self.source_path = self.source_path or f"content/{self.slug}.{self.lang}.md"
        self.url = self.url or f"posts/{self.slug}/"


@dataclass(frozen=True)
class Tag:
    slug: str


SITES = {"en": "", "ko": "/ko"}


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        ("content/ep1-premise.en.md", "en"),
        ("content/ep1-premise.ko.md", "ko"),
        ("content/series/v1.2-notes.ko.md", "ko"),
        ("content/pt.pt-BR.md", "pt-BR"),
        ("content/zh.zh_Hant.md", "zh_Hant"),
        ("content/plain.md", None),
        ("content/pid-2-tuning-ko.md", None),
        ("content/release.notes.md", None),
        ("C:\\blog\\content\\a.ko.md", "ko"),
    ],
)
def test_filename_lang(path, lang):
    assert filename_lang(path) == lang


def test_site_urls_follow_i18n_subsites_layout():
    assert site_urls("en", "", {"ko": {}}) == {"en": "", "ko": "/ko"}
    assert site_urls("en", "https://u.github.io/blog/", {"ko": {}, "ja": None}) == {
        "en": "https://u.github.io/blog",
        "ko": "https://u.github.io/blog/ko",
        "ja": "https://u.github.io/blog/ja",
    }
    assert site_urls("ko", "", {"en": {"SITEURL": "https://en.example.org/"}}) == {
        "ko": "",
        "en": "https://en.example.org",
    }


@pytest.mark.parametrize(
    ("base", "path", "expected"),
    [
        ("", "posts/a/", "/posts/a/"),
        ("/ko", "posts/a/", "/ko/posts/a/"),
        ("/ko", "", "/ko/"),
        ("", "", "/"),
        ("https://x.org/blog", "../theme/css/a.css", "https://x.org/blog/theme/css/a.css"),
        ("/ko/", "/tags//a/", "/ko/tags/a/"),
        ("", "404.html", "/404.html"),
    ],
)
def test_join_url_never_leaves_dots_or_double_slashes(base, path, expected):
    assert join_url(base, path) == expected


def test_language_errors_name_the_file_and_field():
    good = Post("a", "en")
    unknown = Post("b", "fr", source_path="content/b.md")
    mismatch = Post("c", "en", source_path="content/c.ko.md")
    errors = language_errors([good, unknown, mismatch], ["en", "ko"])
    assert [(e.path, e.field) for e in errors] == [
        ("content/b.md", "Lang"),
        ("content/c.ko.md", "Lang"),
    ]
    assert [str(e) for e in errors] == [
        "content/b.md: field 'Lang' is 'fr', which this site does not have (languages: en, ko); "
        "use one of the site's languages, or add the language to I18N_SUBSITES",
        "content/c.ko.md: field 'Lang' says 'en' but the file name says 'ko'; make them agree",
    ]


def test_duplicate_errors_name_both_files():
    a = Post("same", "en", source_path="content/x.en.md")
    b = Post("same", "en", source_path="content/y.md")
    c = Post("same", "ko")
    errors = duplicate_errors([a, b, c])
    assert len(errors) == 1
    assert (errors[0].path, errors[0].others, errors[0].field) == (
        "content/x.en.md",
        ("content/y.md",),
        "Slug",
    )
    assert str(errors[0]) == (
        "content/x.en.md and content/y.md: same field 'Slug' 'same' and 'Lang' 'en'; "
        "give one of them another slug"
    )


def test_no_duplicates_across_languages():
    assert duplicate_errors([Post("s", "en"), Post("s", "ko")]) == []


def test_counterparts_link_the_other_site_in_site_order():
    en, ko, ja = Post("s", "en", title="Hi"), Post("s", "ko", title="안녕"), Post("s", "ja")
    sites = {"en": "", "ko": "/ko", "ja": "/ja"}
    group = group_by_slug([ja, ko, en])["s"]
    found = counterparts(en, group, sites)
    assert [(c.lang, c.url, c.title) for c in found] == [
        ("ko", "/ko/posts/s/", "안녕"),
        ("ja", "/ja/posts/s/", "t"),
    ]
    assert [c.url for c in counterparts(ko, group, sites)] == ["/posts/s/", "/ja/posts/s/"]


def test_published_post_never_links_a_draft_translation():
    en = Post("s", "en")
    ko = Post("s", "ko", status="draft", url="drafts/s/")
    group = group_by_slug([en, ko])["s"]
    assert counterparts(en, group, SITES) == []
    # ...while the draft may point at its published original.
    assert [c.url for c in counterparts(ko, group, SITES)] == ["/posts/s/"]


def test_untranslated_post_has_no_counterpart():
    alone = Post("only", "ko")
    assert counterparts(alone, group_by_slug([alone])["only"], SITES) == []


def test_summary_counts_languages_pairs_and_names_the_missing():
    posts = [
        Post("a", "en"),
        Post("a", "ko"),
        Post("b", "en"),
        Post("c", "ko"),
        Post("d", "en", status="draft"),
    ]
    summary = summarize(posts, ["en", "ko"])
    assert summary.per_lang == {"en": 2, "ko": 2}
    assert summary.pairs == 1
    assert summary.missing == (
        ("content/b.en.md", "en", ("ko",)),
        ("content/c.ko.md", "ko", ("en",)),
    )
    text = "\n".join(summary.lines())
    assert "en: 2, ko: 2" in text and "complete pairs: 1" in text
    assert "missing ko: content/b.en.md (en)" in text


def test_summary_of_complete_site_says_so():
    summary = summarize([Post("a", "en"), Post("a", "ko")], ["en", "ko"])
    assert summary.missing == ()
    assert "every post has all its translations" in summary.lines()[-1]


def test_taxonomy_langs_ignores_drafts():
    posts = [
        Post("a", "en", tags=[Tag("x"), Tag("y")]),
        Post("a", "ko", tags=[Tag("x")]),
        Post("b", "ko", tags=[Tag("z")], status="draft"),
    ]
    assert taxonomy_langs(posts, "tags") == {"x": {"en", "ko"}, "y": {"en"}}
