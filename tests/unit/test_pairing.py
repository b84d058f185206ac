import pytest
from pelican.plugins.bilingual.core import LanguageSites, group_by_slug
from pelican.plugins.bilingual.pairing.links import (
    counterparts,
    page_links,
    taxonomy_langs,
    taxonomy_pages,
    translated_tags,
)
from standins import Post, Tag

SITES = LanguageSites((("en", ""), ("ko", "/ko")))


def test_counterparts_link_the_other_site_in_site_order():
    en, ko, ja = Post("s", "en", title="Hi"), Post("s", "ko", title="안녕"), Post("s", "ja")
    sites = LanguageSites((("en", ""), ("ko", "/ko"), ("ja", "/ja")))
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


def test_taxonomy_langs_ignores_drafts():
    posts = [
        Post("a", "en", tags=[Tag("x"), Tag("y")]),
        Post("a", "ko", tags=[Tag("x")]),
        Post("b", "ko", tags=[Tag("z")], status="draft"),
    ]
    assert taxonomy_langs(posts, "tags") == {"x": {"en", "ko"}, "y": {"en"}}


def test_taxonomy_pages_name_the_written_file_and_skip_unwritten_kinds():
    posts = [Post("a", "en", tags=[Tag("x")]), Post("a", "ko", tags=[Tag("x")])]
    pages = taxonomy_pages(posts, {"tags": "tags/{slug}/index.html", "category": ""})
    assert pages == {"tags/x/index.html": {"en", "ko"}}


def test_post_links_give_every_version_canonical_and_x_default():
    en = Post("s", "en")
    ko = Post("s", "ko")
    ko.counterparts = counterparts(ko, group_by_slug([en, ko])["s"], SITES)
    links = page_links(SITES, "ko", "posts/s/index.html", ko)
    assert links.alternates == (("en", "/posts/s/"), ("ko", "/ko/posts/s/"))
    assert links.canonical == "/ko/posts/s/"
    assert links.x_default == "/posts/s/"
    assert links.by_lang == {"en": "/posts/s/", "ko": "/ko/posts/s/"}


def test_untranslated_post_links_only_itself_and_is_its_own_x_default():
    alone = Post("only", "ko")
    alone.counterparts = []
    links = page_links(SITES, "ko", "posts/only/index.html", alone)
    assert links.alternates == (("ko", "/ko/posts/only/"),)
    assert links.x_default == "/ko/posts/only/"


@pytest.mark.parametrize(
    ("output_file", "page_langs", "expected"),
    [
        ("index.html", None, (("en", "/"), ("ko", "/ko/"))),
        ("tags/x/index.html", {"ko"}, (("ko", "/ko/tags/x/"),)),
        ("404.html", None, (("en", "/404.html"), ("ko", "/ko/404.html"))),
    ],
)
def test_list_pages_link_the_languages_that_write_them(output_file, page_langs, expected):
    links = page_links(SITES, "ko", output_file, None, page_langs)
    assert links.alternates == expected
    assert links.canonical == dict(expected).get("ko")
    assert links.x_default == expected[0][1]


def test_a_list_page_missing_here_has_no_canonical():
    links = page_links(SITES, "en", "tags/x/index.html", None, {"ko"})
    assert links.canonical is None
    assert links.x_default == "/ko/tags/x/"


def test_a_draft_names_only_itself_in_hreflang_but_offers_its_translation():
    en = Post("s", "en")
    draft = Post("s", "ko", status="draft", url="drafts/s/")
    draft.counterparts = counterparts(draft, group_by_slug([en, draft])["s"], SITES)
    links = page_links(SITES, "ko", "drafts/s/index.html", draft)
    assert links.alternates == (("ko", "/ko/drafts/s/"),)
    assert links.switch == {"en": "/posts/s/", "ko": "/ko/drafts/s/"}
    en.counterparts = counterparts(en, group_by_slug([en, draft])["s"], SITES)
    assert page_links(SITES, "en", "posts/s/index.html", en).alternates == (("en", "/posts/s/"),)


def test_translated_tags_name_each_others_pages_where_written():
    groups = ({"en": "Security", "ko": "보안"}, {"en": "unused", "ko": "없음"})
    slugs = {("en", "security"): "security", ("ko", "보안"): "보안"}
    taxonomy = {"tags/security/": {"en"}, "tags/보안/": {"ko"}}
    found = translated_tags(groups, slugs, "tags/{slug}/", taxonomy)
    both = {"en": "tags/security/", "ko": "tags/보안/"}
    assert found == {("en", "tags/security/"): both, ("ko", "tags/보안/"): both}
    links = page_links(SITES, "ko", "tags/보안/", None, None, found[("ko", "tags/보안/")])
    assert links.alternates == (("en", "/tags/security/"), ("ko", "/ko/tags/보안/"))
    assert links.canonical == "/ko/tags/보안/"
