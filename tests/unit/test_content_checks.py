import datetime
from dataclasses import dataclass, field

import pytest
from pelican.plugins.bilingual.content_checks.content_checks import filename_lang
from pelican.plugins.bilingual.content_checks.link_rules import (
    broken_content_links,
    drafts_for_the_public,
    static_files_by_filename,
)
from pelican.plugins.bilingual.content_checks.site_rules import (
    duplicate_errors,
    foreign_suffixes,
    language_errors,
    same_file_errors,
    tag_address_clashes,
    tag_problems,
    theme_page_errors,
)
from pelican.plugins.bilingual.content_checks.source_rules import (
    diagnose_source,
    field_line,
    split_metadata,
)
from pelican.plugins.bilingual.content_checks.status import (
    report,
    stale_findings,
    summarize,
    translation_status,
)
from standins import Post as Version

PATTERN = r"(?P<slug>.+)\.(?P<lang>[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)$"


def parse_date(value):
    return datetime.datetime.fromisoformat(value)


def diagnose(data: bytes):
    return [(f.field, f.message, f.line) for f in diagnose_source("p.md", data, parse_date)]


def test_split_metadata_and_field_line():
    text = "Title: Hi\nDate: 2026-04-19\nSeries_index: two\n\nBody: not metadata\n"
    assert split_metadata(text) == {
        "title": (1, "Hi"),
        "date": (2, "2026-04-19"),
        "series_index": (3, "two"),
    }
    assert field_line(text, "Series_index") == 3
    assert field_line(text, "Body") is None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", [("-", "the file is empty", None)]),
        (b"  \n\n", [("-", "the file is empty", None)]),
        (b"Title: caf\xe9\n", [("-", "the file is not UTF-8 text (byte 0xe9 at offset 10)", None)]),
        (b"Just a paragraph.\n", [("Title", "the file has no metadata block", 1)]),
        (b"Date: 2026-04-19\n\nx", [("Title", "the post has no title", 1)]),
        (b"Title: A\n\nx", [("Date", "the post has no date", 1)]),
        (b"Title: A\nDate: someday\n\nx", [("Date", "'someday' is not a date", 2)]),
        (
            b"Title: A\nDate: 2026-02-30\n\nx",
            [("Date", "'2026-02-30' is not a date; 2026-02 has days 1 to 28", 2)],
        ),
        (
            b"Title: A\nDate: 2026-04-19\nStatus: secret\n",
            [("Status", "'secret' is not a status", 3)],
        ),
        (b"\xef\xbb\xbfTitle: A\r\nDate: soon\r\n\r\nx", [("Date", "'soon' is not a date", 2)]),
    ],
)
def test_diagnose_source_explains_why_a_file_was_not_read(data, expected):
    assert diagnose(data) == expected


def test_a_readable_file_gets_a_generic_message():
    assert diagnose(b"Title: A\nDate: 2026-04-19\n\nfine") == [
        ("-", "Pelican could not read this file", None)
    ]


@dataclass
class Post:
    slug: str
    lang: str
    date: datetime.datetime = datetime.datetime(2026, 4, 1)
    modified: datetime.datetime | None = None
    tags: list = field(default_factory=list)
    status: str = "published"

    @property
    def source_path(self):
        return f"{self.slug}.{self.lang}.md"


def name(item):
    return item.source_path


def test_broken_content_links():
    html = (
        '<a href="{filename}/posts/ep2.en.md">ok</a> '
        '<a href="{filename}ep9.en.md">gone</a> '
        '<img src="{static}/images/chart.svg"> <img src="{static}../images/none.svg" alt="">'
    )
    existing = {"posts/ep2.en.md", "images/chart.svg"}
    found = broken_content_links("posts/ep3.en.md", "posts", html, existing.__contains__)
    assert [f.message for f in found] == [
        "{filename}ep9.en.md links to a post or page that does not exist",
        "{static}../images/none.svg links to an image or file that does not exist",
    ]
    assert "posts/ep9.en.md" in found[0].fix and "images/none.svg" in found[1].fix


def test_pelicans_legacy_link_syntax_is_a_content_link_too():
    from pelican.plugins.bilingual.content_checks.link_rules import plain_images

    html = (
        '<a href="|filename|/posts/ep2.en.md">ok</a> <img src="|static|/images/chart.svg"> '
        '<a href="|filename|ep9.en.md">gone</a> <a href="|tag|garden">tag</a>'
    )
    existing = {"posts/ep2.en.md", "images/chart.svg"}
    found = broken_content_links("posts/ep3.en.md", "posts", html, existing.__contains__)
    assert [f.message for f in found] == [
        "{filename}ep9.en.md links to a post or page that does not exist"
    ]
    assert plain_images("posts/ep3.en.md", "posts", html, existing.__contains__) == []


def test_filename_links_to_images_and_files_are_warned_about():
    html = (
        '<a href="{filename}/posts/ep2.en.md">a post</a> <img src="{filename}../images/a.svg">'
        ' <a href="{filename}notes.pdf">notes</a> <img src="{static}/images/b.svg">'
        ' <a href="{filename}gone.png">gone</a>'
    )
    existing = {"posts/ep2.en.md", "images/a.svg", "posts/notes.pdf", "images/b.svg"}
    found = static_files_by_filename(
        "posts/ep3.en.md", "posts", html, existing.__contains__, {"posts/ep2.en.md"}.__contains__
    )
    assert [(f.severity, f.message) for f in found] == [
        ("warning", "{filename}../images/a.svg links to a file that is not a post or page"),
        ("warning", "{filename}notes.pdf links to a file that is not a post or page"),
    ]
    assert found[0].fix.startswith("write {static}../images/a.svg")


def test_translation_status_finds_missing_and_stale():
    rows = translation_status(
        [
            Post("a", "en", modified=datetime.datetime(2026, 5, 1)),
            Post("a", "ko", date=datetime.datetime(2026, 4, 2)),
            Post("b", "en"),
            Post("b", "ko", modified=datetime.datetime(2026, 4, 3)),
            Post("c", "ko"),
            Post("d", "en", modified=datetime.datetime(2026, 5, 1)),
            Post("d", "ko", modified=datetime.datetime(2026, 5, 2)),
        ],
        ["en", "ko"],
        name,
    )
    assert [(r.slug, r.states) for r in rows] == [
        ("a", {"en": "source", "ko": "stale"}),
        ("b", {"en": "source", "ko": "ok"}),
        ("c", {"en": "missing", "ko": "source"}),
        ("d", {"en": "source", "ko": "ok"}),
    ]
    stale = stale_findings(rows)
    assert [(f.path, f.field) for f in stale] == [("a.ko.md", "Modified")]
    assert "older than its source a.en.md" in stale[0].message


def test_report_has_findings_a_summary_and_the_status_table():
    rows = translation_status([Post("a", "en"), Post("b", "ko")], ["en", "ko"], name)
    findings = diagnose_source("bad.md", b"", parse_date)
    text = report(findings, rows, ["en", "ko"], files=3)
    assert "ERROR    bad.md  [-]" in text and "fix: write a metadata block" in text
    assert "  errors                     1" in text and "  warnings                   0" in text
    assert "  a" in text and "source    missing" in text
    long = "buffer-overflow-broken-destructor-debugging-part-two"
    text = report([], translation_status([Post(long, "en")], ["en"], name), ["en"], files=1)
    assert f"  {long[:38]}… source" in text and long not in text


@dataclass(frozen=True)
class Tag:
    name: str
    slug: str

    def __str__(self):
        return self.name


def test_tags_that_cannot_have_a_page_are_errors():
    post = Post("a", "en", tags=[Tag("🌱", ""), Tag("x" * 200, "x" * 200), Tag("ok", "ok")])
    found = tag_problems([post], name)
    assert [(f.severity, f.field) for f in found] == [("error", "Tags"), ("error", "Tags")]
    assert "has no letter or digit" in found[0].message
    assert "too long" in found[1].message


def test_different_tags_with_one_address_are_a_warning():
    posts = [
        Post("a", "en", tags=[Tag("c#", "c"), Tag("Python", "python")]),
        Post("b", "en", tags=[Tag("C++", "c"), Tag("python", "python")]),
        Post("c", "ko", tags=[Tag("C++", "c")]),  # another language's site: its own page
        Post("d", "en", tags=[Tag("C++", "c")]),  # told once
    ]
    found = tag_address_clashes(posts, name)
    assert [(f.severity, f.path, f.others) for f in found] == [
        ("warning", name(posts[1]), (name(posts[0]),))
    ]
    assert "tag 'C++' gets the same address as tag 'c#' (c)" in found[0].message
    assert "TAG_REGEX_SUBSTITUTIONS" in found[0].fix


def by_path(item):
    return item.source_path


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
    assert filename_lang(PATTERN, path) == lang


def test_language_errors_name_the_file_and_field():
    good = Version("a", "en")
    unknown = Version("b", "fr", source_path="content/b.md")
    mismatch = Version("c", "en", source_path="content/c.ko.md")
    errors = language_errors(
        [good, unknown, mismatch], ["en", "ko"], lambda p: filename_lang(PATTERN, p), by_path
    )
    assert [(e.path, e.field) for e in errors] == [
        ("content/b.md", "Lang"),
        ("content/c.ko.md", "Lang"),
    ]
    assert [str(e) for e in errors] == [
        "content/b.md: field 'Lang' is 'fr', which this site does not have (languages: en, ko); "
        "use one of the site's languages, or add the language to I18N_SUBSITES",
        "content/c.ko.md: field 'Lang' says 'en' but the file name says 'ko'; make them agree",
    ]


def test_a_language_typed_in_capitals_is_the_same_language():
    shouting = Version("s", "ko", source_path="content/s.KO.md")
    pattern = r"(?P<slug>.+)\.(?P<lang>(?i:en|ko))$"
    assert (
        language_errors([shouting], ["en", "ko"], lambda p: filename_lang(pattern, p), by_path)
        == []
    )


def test_a_file_named_in_a_language_the_site_lacks_is_a_warning():
    def is_language(code):
        return code.lower() in {"fr", "de", "pt-br"}

    items = [
        Version("recipe.fr", "en", source_path="content/recipe.fr.md"),
        Version("using.the.api", "en", source_path="content/using.the.api.md"),
        Version("notes", "ko", source_path="content/notes.KO.md"),
        Version("x", "en", source_path="content/x.md"),
    ]
    (found,) = foreign_suffixes(items, ["en", "ko"], is_language, by_path)
    assert (found.severity, found.path, found.field) == ("warning", "content/recipe.fr.md", "Lang")
    assert "'.fr'" in found.message and "post is in 'en'" in found.message
    assert "add 'fr' to I18N_SUBSITES" in found.fix


def test_duplicate_errors_name_both_files():
    a = Version("same", "en", source_path="content/x.en.md")
    b = Version("same", "en", source_path="content/y.md")
    c = Version("same", "ko")
    errors = duplicate_errors([a, b, c], by_path)
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
    assert duplicate_errors([Version("s", "en"), Version("s", "ko")], by_path) == []


def test_summary_counts_languages_pairs_and_names_the_missing():
    posts = [
        Version("a", "en"),
        Version("a", "ko"),
        Version("b", "en"),
        Version("c", "ko"),
        Version("d", "en", status="draft"),
    ]
    summary = summarize(translation_status(posts, ["en", "ko"], by_path), ["en", "ko"], 2)
    assert summary.per_lang == {"en": 2, "ko": 2}
    assert summary.pairs == 1
    # A post that is only a draft lacks nothing a reader could miss.
    assert summary.missing == (
        ("content/b.en.md", "en", ("ko",)),
        ("content/c.ko.md", "ko", ("en",)),
    )
    text = "\n".join(summary.lines())
    assert "en: 2, ko: 2" in text and "complete pairs: 1" in text
    assert "missing ko: content/b.en.md (en)" in text
    assert "2 warning(s) above; none stops the build" in text
    # Three languages make no pairs: complete means in every language.
    three = summarize(translation_status(posts, ["en", "ko", "th"], by_path), ["en", "ko", "th"])
    assert "; in every language: 0" in "\n".join(three.lines())


def test_summary_counts_untranslated_posts_and_names_only_a_few():
    posts = [Version(f"p{n:02d}", "en") for n in range(12)]
    lines = summarize(translation_status(posts, ["en", "ko"], by_path), ["en", "ko"]).lines()
    assert "12 post(s) without every translation, for example:" in lines
    assert sum(1 for line in lines if line.startswith("  missing ko:")) == 5
    assert "  … and 7 more" in lines
    assert any("invoke check" in line for line in lines)


def test_unpublished_versions_show_their_status_and_the_source_follows_translation_flags():
    marked = Version("k", "en")
    marked.is_translation = True
    rows = translation_status(
        [
            Version("a", "en", status="hidden"),
            Version("a", "ko"),
            Version("f", "en"),
            Version("f", "ko", status="draft"),
            marked,
            Version("k", "ko"),
        ],
        ["en", "ko"],
        by_path,
    )
    assert [(r.slug, r.states) for r in rows] == [
        ("a", {"en": "hidden", "ko": "source"}),
        ("f", {"en": "source", "ko": "draft"}),
        ("k", {"en": "ok", "ko": "source"}),
    ]
    assert [r.complete for r in rows] == [False, False, True]


def test_summary_of_complete_site_says_so():
    rows = translation_status([Version("a", "en"), Version("a", "ko")], ["en", "ko"], by_path)
    summary = summarize(rows, ["en", "ko"])
    assert summary.missing == ()
    assert "every post has all its translations" in summary.lines()[-1]


def test_summary_of_a_blog_in_one_language_counts_its_posts_only():
    rows = translation_status([Version("a", "en"), Version("b", "en")], ["en"], by_path)
    assert summarize(rows, ["en"]).lines() == ["posts: 2 (en)"]
    assert summarize(rows, ["en"], warnings=1).lines()[-1].startswith("1 warning(s) above")


def test_findings_become_github_annotations_with_escaped_properties():
    from pelican.plugins.bilingual.content_checks.report import annotation
    from pelican.plugins.bilingual.core import warning

    found = warning("content/a, b.md", "Modified", "older: 50%", "update it", line=4)
    assert annotation(found) == (
        "::warning file=content/a%2C b.md,line=4,title=Modified%3A older%3A 50%25::"
        "content/a, b.md:4: older: 50%25; update it"
    )


def test_files_named_as_one_post_with_different_slugs_are_a_warning():
    from pelican.plugins.bilingual.content_checks.site_rules import unpaired_versions

    plain = Version("hand-plane-notes", "en", source_path="c/hand-plane.md")
    german = Version("hand-plane", "de", source_path="c/hand-plane.de.md")
    paired = Version("x", "ko", source_path="c/other.ko.md")
    also = Version("x", "en", source_path="c/other.md")
    found = unpaired_versions(
        [plain, german, paired, also], lambda p: filename_lang(PATTERN, p), by_path
    )
    assert [(f.path, f.others, f.field) for f in found] == [
        ("c/hand-plane.de.md", ("c/hand-plane.md",), "Slug")
    ]
    assert "'hand-plane', 'hand-plane-notes'" in found[0].message


@dataclass
class Written:
    slug: str
    lang: str
    save_as: str
    metadata: dict = field(default_factory=dict)
    source_path: str = ""

    def __post_init__(self):
        self.source_path = self.source_path or f"content/{self.slug}.{self.lang}.md"


def test_two_posts_one_language_writes_to_one_file_is_an_error_naming_both():
    one = Written("one", "en", "clash/index.html", {"save_as": "clash/index.html"})
    two = Written("two", "en", "clash/./index.html", {"save_as": "clash/./index.html"})
    other_language = Written("three", "ko", "clash/index.html", {"save_as": "clash/index.html"})
    errors = same_file_errors([one, two, other_language], by_path)
    assert [str(e) for e in errors] == [
        "content/one.en.md and content/two.en.md: field 'Save_as' gives these files one "
        "output file, 'clash/index.html' (language 'en'); give each its own 'Save_as:'"
    ]


def test_same_file_from_url_settings_names_the_slug_and_same_slug_is_left_to_duplicates():
    # ARTICLE_SAVE_AS without {slug}: every post of a day writes one file.
    a, b = Written("a", "en", "2026/01/02.html"), Written("b", "en", "2026/01/02.html")
    assert [e.field for e in same_file_errors([a, b], by_path)] == ["Slug"]
    twin = Written("a", "en", "2026/01/02.html", source_path="content/a-copy.md")
    assert same_file_errors([a, twin], by_path) == []  # duplicate_errors reports those
    unsaved = [Written("c", "en", ""), Written("d", "en", "")]  # e.g. DRAFT_SAVE_AS = ""
    assert same_file_errors(unsaved, by_path) == []


def test_a_post_written_over_a_list_page_is_an_error_a_page_may_replace_a_theme_page():
    theme = {
        ("en", "archives/index.html"): ("the site's archives page", True),
        ("en", "tags/garden/index.html"): ("the page of tag 'garden'", False),
    }
    post = Written("steal", "en", "archives/index.html", {"save_as": "archives/index.html"})
    page = Written("about", "en", "archives/index.html", {"save_as": "archives/index.html"})
    tag_page = Written("tagged", "en", "tags/garden/./index.html", {"save_as": "x"})
    korean = Written("steal", "ko", "archives/index.html", {"save_as": "archives/index.html"})
    errors = theme_page_errors(
        [post, page, tag_page, korean], theme, lambda item: item.slug == "about", by_path
    )
    assert [str(e) for e in errors] == [
        "content/steal.en.md: field 'Save_as' writes it over the site's archives page "
        "('archives/index.html', language 'en'), which would be lost; give it another "
        "'Save_as:'",
        "content/tagged.en.md: field 'Save_as' writes it over the page of tag 'garden' "
        "('tags/garden/./index.html', language 'en'), which would be lost; give it another "
        "'Save_as:'",
    ]


def test_drafts_in_a_build_for_a_public_address_are_one_warning():
    drafts = [Post("b", "en"), Post("a", "ko")]
    found = drafts_for_the_public(drafts, "https://jane.example.com", name)
    assert len(found) == 1 and found[0].severity == "warning" and found[0].field == "Status"
    assert found[0].path == name(drafts[1]) and found[0].others == (name(drafts[0]),)
    assert "https://jane.example.com (2 drafts)" in found[0].message
    assert "DRAFT_SAVE_AS" in found[0].fix and "invoke publish" in found[0].fix
    for siteurl in ("", "http://localhost:8000", "http://127.0.0.1:8000", "/blog"):
        assert drafts_for_the_public(drafts, siteurl, name) == []
    assert drafts_for_the_public([], "https://jane.example.com", name) == []


def test_a_plain_image_link_gets_the_fix_that_matches_where_the_file_is():
    from pelican.plugins.bilingual.content_checks.link_rules import plain_images

    files = {"notes/img/a.png", "images/jars.png"}
    html = '<img src="img/a.png"><img src="images/jars.png"><img src="nowhere.png">'
    found = plain_images("content/notes/p.en.md", "notes", html, files.__contains__)
    assert [(f.message, f.fix) for f in found] == [
        (
            "image img/a.png is next to the post but not published by a plain link",
            "link it as {attach}img/a.png (or {static}/notes/img/a.png)",
        ),
        (
            "image images/jars.png is not next to the post; the content folder has "
            "images/jars.png, which a plain link does not publish",
            "link it as {static}/images/jars.png",
        ),
        (
            "image nowhere.png does not exist (notes/nowhere.png in the content folder)",
            "put the image at notes/nowhere.png, or correct the path",
        ),
    ]


def test_a_plain_image_finding_points_at_the_line_that_links_the_image(tmp_path):
    """Not at the first line that says "image" (a sentence, another image's folder)."""
    from pelican.plugins.bilingual.content_checks.link_rules import plain_images
    from pelican.plugins.bilingual.content_checks.report import with_line

    post = tmp_path / "notes" / "buoys.en.md"
    post.parent.mkdir()
    post.write_text(
        "Title: Buoys\n\nThis image shows the harbour.\n\n"
        "![wave]({static}/images/wave.svg)\n\n![buoy](buoy.png)\n",
        encoding="utf-8",
    )
    (finding,) = plain_images(
        "notes/buoys.en.md", "notes", '<img src="buoy.png">', {"notes/buoy.png"}.__contains__
    )
    assert with_line(finding, str(tmp_path)).line == 7


def test_country_codes_in_file_names_and_lang_fields_name_the_language_meant():
    from types import SimpleNamespace

    from pelican.plugins.bilingual.content_checks.site_rules import (
        foreign_suffixes,
        language_errors,
    )

    post = SimpleNamespace(source_path="content/notes/three-jars.kr.md", lang="en")
    (found,) = foreign_suffixes([post], ["en", "ko"], lambda code: False, lambda i: i.source_path)
    assert found.severity == "warning"
    assert "'.kr', a country code" in found.message and "post is in 'en'" in found.message
    assert found.fix == "rename the file to three-jars.ko.md for 'ko'"
    japan = SimpleNamespace(source_path="content/japan.md", lang="jp")
    (bad,) = language_errors([japan], ["en", "ja"], lambda path: None, lambda i: i.source_path)
    assert "'jp' is a country code" in bad.message and bad.fix == "write 'Lang: ja'"


def test_a_reader_error_without_a_line_is_placed_where_the_quoted_source_starts():
    from pelican.plugins.bilingual.content_checks.source_rules import diagnose_with_reader

    source = "Title\n#####\n\n:date: 2024-01-02\n\n=====  =====\na      b\n=====  =====\n"

    def read():  # docutils' shape for a message with no line: the source quoted after it
        raise ValueError("<string>:: (ERROR/3) Malformed table.\n\n=====  =====\na      b\n")

    (finding,) = diagnose_with_reader("post.rst", read, "reStructuredText", source)
    assert finding.line == 6 and finding.message.endswith(
        "could not read this file: Malformed table"
    )
    assert "at that line" in finding.fix

    def vague():
        raise ValueError("something went wrong")

    (finding,) = diagnose_with_reader("post.rst", vague, "reStructuredText", source)
    assert finding.line is None and "in this file" in finding.fix


def test_links_the_published_site_cannot_follow():
    from types import SimpleNamespace

    from pelican.plugins.bilingual.content_checks.link_rules import unpublishable_links
    from pelican.plugins.bilingual.core import error, warning

    posts = {
        "notes/draft.md": SimpleNamespace(status="draft", html="<p>soon</p>"),
        "notes/done.md": SimpleNamespace(status="published", html='<h2 id="setup">Set-up</h2>'),
    }
    html = (
        '<a href="{filename}draft.md">a</a> <a href="{filename}done.md#setup">b</a> '
        '<a href="{filename}done.md#main">c</a> <a href="{filename}done.md#gone">d</a> '
        '<a href="{filename}/notes/draft.md#x">e</a> <a href="{static}img.png">f</a>'
    )
    found = unpublishable_links("a.md", "notes", html, posts.get, error)
    assert [(f.severity, f.message.split(" links")[0]) for f in found] == [
        ("error", "{filename}draft.md"),
        ("error", "{filename}/notes/draft.md"),
        ("error", "{filename}done.md#gone"),
    ]
    assert "(setup)" in found[-1].fix  # the anchors it has
    assert unpublishable_links("a.md", "notes", html, posts.get, warning)[0].severity == "warning"


def test_a_large_blogs_check_report_lists_the_posts_with_work_to_do():
    from pelican.plugins.bilingual.content_checks.status import LIST_LIMIT, report

    posts = [Version(f"post-{n:04}", lang) for n in range(200) for lang in ("en", "ko")]
    posts += [Version(f"only-{n:03}", "en") for n in range(70)]
    for number, post in enumerate(posts):
        post.date = datetime.datetime(2026, 1, 1) + datetime.timedelta(hours=number)
    rows = translation_status(posts, ["en", "ko"], by_path)
    lines = report([], rows, ["en", "ko"], len(posts)).splitlines()
    table = [line for line in lines if line.startswith("  post-") or line.startswith("  only-")]
    assert table and all(line.startswith("  only-") for line in table)  # complete ones left out
    assert len(table) == LIST_LIMIT
    assert "  … and 210 more (200 of them in every language); the translation" in "\n".join(lines)
    assert "  … and 10 more" in lines


def test_link_patterns_keep_their_word_boundaries():
    # The patterns begin with a character (quick for `re`) and still need a word's start.
    from pelican.plugins.bilingual.content_checks.link_rules import (
        content_links,
        element_ids,
        unpublishable_links,
    )

    html = (
        "<a href = '{filename}a.md'>a</a> <img\nsrc=\"|static|b.png\"> "
        '<a data-href="{filename}c.md">c</a>'
    )
    assert content_links(html) == [("filename", "a.md"), ("static", "b.png"), ("filename", "c.md")]
    assert content_links("<p>no links = {here}</p>") == []
    assert element_ids('<h2 id="a">A</h2><p pid="c" id = \'d\'>') == {"a", "d"}

    from types import SimpleNamespace

    from pelican.plugins.bilingual.core import error

    posts = {"x.md": SimpleNamespace(status="published", html='<h2 id="here">H</h2>')}
    linked = '<a xhref="{filename}x.md#gone">a</a> <a href="{filename}x.md#gone">b</a>'
    assert len(unpublishable_links("a.md", "", linked, posts.get, error)) == 1


def test_content_links_are_what_the_link_expression_finds():
    """`content_links` (a quick scan from each `=`) gives `CONTENT_LINK`'s matches, in
    order, on random text made of the pieces that matter: attribute names, spaces,
    quotes, Pelican's `{filename}` / `|attach|` markers, fragments."""
    import random

    from pelican.plugins.bilingual.content_checks.link_rules import CONTENT_LINK, content_links

    pieces = ["href", "src", " =", "= ", " ", "\n", '"{filename}', "'{static}", '"|attach|']
    pieces += ["a.md", "#f", '"', "'", "x", "xhref=", "s"]
    chance = random.Random(29)
    found = 0
    for _ in range(50000):
        html = "".join(chance.choice(pieces) for _ in range(chance.randint(1, 10)))
        expected = [(m.group(2), m.group(3)) for m in CONTENT_LINK.finditer(html)]
        assert content_links(html) == expected, html
        found += bool(expected)
    assert found > 200
