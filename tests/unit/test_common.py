import re

import pytest
from pelican.plugins.bilingual.core import (
    BuildStopped,
    Finding,
    LanguageSites,
    Visibility,
    error,
    join_url,
    warning,
)
from pelican.plugins.bilingual.subsites import (
    PELICAN_FILENAME_METADATA as PELICAN_DEFAULT,
)
from pelican.plugins.bilingual.subsites import (
    filename_pattern,
    language_tag_problem,
    merge_extra_settings,
    site_urls,
)
from standins import Post


def test_site_urls_follow_i18n_subsites_layout():
    assert site_urls("en", "", {"ko": {}}).urls == (("en", ""), ("ko", "/ko"))
    assert site_urls("en", "https://u.github.io/blog/", {"ko": {}, "ja": None}).urls == (
        ("en", "https://u.github.io/blog"),
        ("ko", "https://u.github.io/blog/ko"),
        ("ja", "https://u.github.io/blog/ja"),
    )
    assert site_urls("ko", "", {"en": {"SITEURL": "https://en.example.org/"}}).urls == (
        ("ko", ""),
        ("en", "https://en.example.org"),
    )


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


def test_language_sites_know_main_others_and_urls():
    sites = LanguageSites((("ko", "https://x.org"), ("en", "https://x.org/en"), ("ja", "/ja")))
    assert sites.main_lang == "ko"
    assert sites.langs == ["ko", "en", "ja"]
    assert sites.others("en") == ["ko", "ja"]
    assert sites.url("en", "posts/a/") == "https://x.org/en/posts/a/"
    with pytest.raises(KeyError):
        sites.url("fr", "")


@pytest.mark.parametrize(
    ("status", "drafts", "listed"),
    [
        ("published", False, True),
        ("published", True, True),
        ("draft", True, True),
        ("draft", False, False),
        ("hidden", True, False),
        ("hidden", False, False),
    ],
)
def test_visibility_lists_published_and_drafts_only_where_written(status, drafts, listed):
    assert Visibility(drafts).listed(Post("a", "en", status=status)) is listed
    settings = {"DRAFT_SAVE_AS": "drafts/{slug}/index.html" if drafts else ""}
    assert Visibility.from_settings(settings).listed(Post("a", "en", status=status)) is listed


def test_finding_is_one_line_with_line_and_other_files():
    found = error("a.md", "Slug", "same slug", "rename one", line=3, others=("b.md",))
    assert found == Finding("error", "a.md", "Slug", "same slug", "rename one", 3, ("b.md",))
    assert str(found) == "a.md:3 and b.md: same slug; rename one"
    assert str(warning("a.md", "Tags", "differ", "align them")) == "a.md: differ; align them"


@pytest.mark.parametrize(
    ("args", "overrides", "expected"),
    [
        ([], {}, []),
        (["content", "-o", "out"], {}, ["content", "-o", "out"]),
        (
            ["-e", 'DEFAULT_LANG="ko"', 'I18N_SUBSITES={"ja": {}}', "content"],
            {},
            ["content", "-e", 'DEFAULT_LANG="ko"', 'I18N_SUBSITES={"ja": {}}'],
        ),
        (
            ["-e", "A=1", "-o", "out", "--extra-settings", "B=2", "A=3"],
            {"C": "true"},
            ["-o", "out", "-e", "A=3", "B=2", "C=true"],
        ),
        (
            ["-e", "BILINGUAL_STRICT=false"],
            {"BILINGUAL_STRICT": "true"},
            ["-e", "BILINGUAL_STRICT=true"],
        ),
        (["-e", 'TITLE="a b {c}"'], {"X": "1"}, ["-e", 'TITLE="a b {c}"', "X=1"]),
    ],
)
def test_extra_settings_merge_into_one_group_last(args, overrides, expected):
    assert merge_extra_settings(args, overrides) == expected


@pytest.mark.parametrize("code", ["en", "ko", "ja", "pt-BR", "zh_Hant", "sr-Latn"])
def test_language_tags_are_accepted(code):
    assert language_tag_problem(code) is None


@pytest.mark.parametrize(
    ("code", "hint"),
    [("jp", "did you mean 'ja'?"), ("kr", "did you mean 'ko'?"), ("geopolitics", "CLDR"), ("", "")],
)
def test_codes_that_are_not_language_tags_are_named(code, hint):
    assert hint in language_tag_problem(code)


def match(pattern, stem):
    found = re.match(pattern, stem)
    return {k: v for k, v in found.groupdict().items() if v} if found else {}


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("2026-04-19-seed-trays.en", {"date": "2026-04-19", "slug": "seed-trays", "lang": "en"}),
        ("seed-trays.ko", {"slug": "seed-trays", "lang": "ko"}),
        ("2026-04-19-seed-trays", {"date": "2026-04-19"}),  # Pelican's default, as before
        ("plain", {}),  # slug from the title, as Pelican does
        ("2026-04-19.ko", {"slug": "2026-04-19", "lang": "ko"}),
        ("release.notes", {}),
        ("pt.pt-BR", {"slug": "pt", "lang": "pt-BR"}),
    ],
)
def test_default_file_names_give_date_slug_and_language(stem, expected):
    assert match(filename_pattern({}), stem) == expected
    assert match(filename_pattern({"FILENAME_METADATA": PELICAN_DEFAULT}), stem) == expected


def test_a_writers_own_file_name_pattern_is_kept_and_combined():
    own = r"(?P<category>[a-z]+)_(?P<date>\d{4}-\d{2}-\d{2})_.*"
    pattern = filename_pattern({"FILENAME_METADATA": own})
    assert match(pattern, "garden_2026-04-19_beds.ko") == {
        "category": "garden",
        "date": "2026-04-19",
        "slug": "garden_2026-04-19_beds",
        "lang": "ko",
    }
    naming = r"(?P<slug>[^.]+)\.(?P<lang>\w+)"  # names the language itself: used as it is
    assert filename_pattern({"FILENAME_METADATA": naming}) == naming
    slugged = filename_pattern({"FILENAME_METADATA": r"(?P<date>\d{4}-\d{2}-\d{2})_(?P<slug>.*)"})
    assert match(slugged, "2026-02-01_hand-plane.de") == {
        "date": "2026-02-01",
        "slug": "hand-plane.de",  # prepare_metadata takes the suffix off
        "lang": "de",
    }
    assert match(slugged, "2026-02-01_hand-plane") == {"date": "2026-02-01", "slug": "hand-plane"}
    assert filename_pattern({"BILINGUAL_FILENAME_PATTERN": "x"}) == "x"
    with pytest.raises(BuildStopped, match="invalid FILENAME_METADATA"):
        filename_pattern({"FILENAME_METADATA": "(?P<date"})


def test_the_source_is_the_first_published_original_in_site_order():
    from pelican.plugins.bilingual.core import source_lang

    en, ko = Post("a", "en"), Post("a", "ko")
    assert source_lang({"ko": ko, "en": en}, ["en", "ko"]) == "en"
    en.is_translation = True
    assert source_lang({"en": en, "ko": ko}, ["en", "ko"]) == "ko"
    ko.status = "draft"
    assert source_lang({"en": en, "ko": ko}, ["en", "ko"]) == "en"  # what is published
    assert source_lang({"ja": Post("a", "ja")}, ["en", "ko"]) == "ja"


def test_metadata_is_prepared_for_pairing_and_for_summaries():
    from pelican.plugins.bilingual.subsites import prepare_metadata

    metadata = {"slug": "hand-plane.de", "lang": "de", "translation": "True", "summary": "<p>s</p>"}
    prepare_metadata(None, metadata)
    assert metadata == {
        "slug": "hand-plane",
        "lang": "de",
        "is_translation": True,
        "summary": "<p>s</p>",
        "summary_source": "<p>s</p>",
    }
    kept = {"slug": "v1.0", "lang": "en", "translation": "false"}
    prepare_metadata(None, kept)
    assert kept == {"slug": "v1.0", "lang": "en"}
    # A language typed in another case is spelled as the settings spell it.
    from types import SimpleNamespace

    from pelican.plugins.bilingual.core.build_state import STATE_KEY, BuildState
    from pelican.plugins.bilingual.subsites import SITES_KEY, site_urls

    state = BuildState({SITES_KEY: site_urls("en", "", {"ko": {}, "pt-BR": {}})})
    site = SimpleNamespace(settings={STATE_KEY: state})
    for typed, spelled in (("KO", "ko"), ("pt-br", "pt-BR"), ("fr", "fr")):
        shouting = {"slug": "s", "lang": typed}
        prepare_metadata(site, shouting)
        assert shouting["lang"] == spelled


def test_a_plugins_markdown_extension_joins_unless_the_writer_configured_it():
    from markdown.extensions.toc import TocExtension
    from pelican.plugins.bilingual.core.markdown_settings import has_extension, with_extension
    from pelican.settings import DEFAULT_CONFIG

    default = DEFAULT_CONFIG["MARKDOWN"]
    added = with_extension(default, "markdown.extensions.toc", {"permalink": "#"})
    assert added["extension_configs"]["markdown.extensions.toc"] == {"permalink": "#"}
    assert "markdown.extensions.toc" not in default["extension_configs"]  # left as it was
    for own in (
        {"extension_configs": {"markdown.extensions.toc": {"permalink": False}}},
        {"extensions": ["toc"]},
        {"extensions": ["markdown.extensions.toc:TocExtension"]},
        {"extensions": [TocExtension()]},
    ):
        assert has_extension(own, "markdown.extensions.toc"), own
        assert with_extension(own, "markdown.extensions.toc", {"permalink": "#"}) == own
    assert not has_extension({"extensions": ["tables"]}, "markdown.extensions.toc")


def test_footnote_back_links_lose_their_english_title_where_unset():
    from pelican.plugins.bilingual.localization.localization import untitled_footnote_links

    extra = untitled_footnote_links({"extension_configs": {"markdown.extensions.extra": {}}})
    assert extra["extension_configs"]["markdown.extensions.extra"] == {
        "footnotes": {"BACKLINK_TITLE": ""}
    }
    own = {"markdown.extensions.footnotes": {"BACKLINK_TITLE": "Back"}}
    assert untitled_footnote_links({"extension_configs": own})["extension_configs"] == own


SITE = {"DEFAULT_LANG": "en", "I18N_SUBSITES": {"ko": {}, "pt-BR": {}}}


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("notes.v2.en", {"slug": "notes.v2", "lang": "en"}),
        ("using.the.api", {}),  # `api` is not a site language: slug from the title
        ("recipe.fr", {}),  # nor is `fr` here (the content checks warn)
        ("shouting.KO", {"slug": "shouting", "lang": "KO"}),  # spelled as the settings later
        ("pt.pt-br", {"slug": "pt", "lang": "pt-br"}),
        ("2026-04-19-seed-trays.ko", {"date": "2026-04-19", "slug": "seed-trays", "lang": "ko"}),
    ],
)
def test_only_the_sites_languages_are_a_file_names_language(stem, expected):
    assert match(filename_pattern(SITE), stem) == expected
    own = r"(?P<date>\d{4}-\d{2}-\d{2})_(?P<slug>.*)"
    assert match(filename_pattern({**SITE, "FILENAME_METADATA": own}), "2026-02-01_a.b.api") == {
        "date": "2026-02-01",
        "slug": "a.b.api",
    }


def test_versions_pair_by_the_settings_translation_id():
    from types import SimpleNamespace

    from pelican.plugins.bilingual.core import group_by_slug, translation_ids

    assert translation_ids({}) == ("slug",)
    assert translation_ids({"ARTICLE_TRANSLATION_ID": None}) == ("slug",)  # Pelican: none
    assert translation_ids({"PAGE_TRANSLATION_ID": ["series", "part"]}, "PAGE") == (
        "series",
        "part",
    )
    one = SimpleNamespace(slug="one", lang="en", tid="1")
    hana = SimpleNamespace(slug="hana", lang="ko", tid="1")
    assert list(group_by_slug([one, hana]).values()) == [{"en": one}, {"ko": hana}]
    assert list(group_by_slug([one, hana], ("tid",)).values()) == [{"en": one, "ko": hana}]


def test_only_the_bundles_theme_is_autoescaped(tmp_path):
    # The bundle's templates are written for escaping (titles are plain text); a writer's
    # theme writes `{{ article.content }}` as Pelican's own themes do, unescaped.
    from types import SimpleNamespace

    from pelican.plugins.bilingual import THEME_PATH
    from pelican.plugins.bilingual.subsites import configure
    from pelican.settings import DEFAULT_CONFIG

    def environment(theme, given=None):
        settings = {
            **DEFAULT_CONFIG,
            "PATH": str(tmp_path),
            "OUTPUT_PATH": str(tmp_path.parent / "out"),
            "CACHE_PATH": str(tmp_path.parent / "cache"),
            "THEME": str(theme),
            "JINJA_ENVIRONMENT": dict(given or {}),
        }
        configure(SimpleNamespace(settings=settings, output_path="output"))
        return settings["JINJA_ENVIRONMENT"]

    assert environment(THEME_PATH)["autoescape"] is True
    assert "autoescape" not in environment(DEFAULT_CONFIG["THEME"])
    # Templates are not looked at again during a build, unless the writer asks for it.
    assert environment(THEME_PATH)["auto_reload"] is False
    assert environment(THEME_PATH, {"auto_reload": True})["auto_reload"] is True


def test_a_content_folder_that_holds_the_project_or_the_output_stops_the_build(tmp_path):
    import pytest
    from pelican.plugins.bilingual.core import BuildStopped
    from pelican.plugins.bilingual.subsites.configure import check_output_outside_content

    (tmp_path / "content").mkdir()
    (tmp_path / "pelicanconf.py").write_text("AUTHOR = 'x'\n")
    base = {"ARTICLE_EXCLUDES": ["pages"], "PAGE_EXCLUDES": []}
    # PATH at the project's root (Pelican's default "."): a real blog's Makefile passed
    # `content`; the build read plugins' READMEs and an old output/ as posts, then crashed.
    with pytest.raises(BuildStopped, match='Set PATH = "content"'):
        check_output_outside_content({**base, "PATH": str(tmp_path), "OUTPUT_PATH": "/tmp/o"})
    inside = {**base, "PATH": str(tmp_path / "content")}
    with pytest.raises(BuildStopped, match="holds OUTPUT_PATH"):
        check_output_outside_content({**inside, "OUTPUT_PATH": str(tmp_path / "content" / "o")})
    check_output_outside_content({**inside, "OUTPUT_PATH": str(tmp_path / "output")})
    excluded = {"ARTICLE_EXCLUDES": ["o"], "PAGE_EXCLUDES": ["o/"], "PATH": inside["PATH"]}
    check_output_outside_content({**excluded, "OUTPUT_PATH": str(tmp_path / "content" / "o")})
