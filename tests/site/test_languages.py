"""Languages are configuration: another set of languages works by settings alone."""

import json

import pytest
from sitebuild import FIXTURES, run_pelican


@pytest.fixture(scope="module")
def trilingual(tmp_path_factory):
    build = run_pelican(
        FIXTURES / "trilingual",
        tmp_path_factory.mktemp("tri") / "out",
        *("-e", 'I18N_SUBSITES={"ko": {}, "ja": {}}'),
    )
    assert build.returncode == 0, build.log
    return build


def test_a_third_language_gets_its_own_site(trilingual):
    soup = trilingual.soup("ja/posts/hello/")
    assert soup.html["lang"] == "ja"
    links = {
        link["hreflang"]: link["href"]
        for link in soup.select('head link[rel="alternate"][hreflang]')
    }
    assert links == {
        "en": "/posts/hello/",
        "ko": "/ko/posts/hello/",
        "ja": "/ja/posts/hello/",
        "x-default": "/posts/hello/",
    }
    switch = [a["href"] for a in soup.select("nav.lang-switch a")]
    assert switch == ["/posts/hello/", "/ko/posts/hello/"]


def test_each_language_shows_its_own_ui_text(trilingual):
    # The theme's catalogs: Korean, Japanese (and Spanish, Chinese in both scripts).
    assert "no UI catalog" not in trilingual.log
    assert trilingual.returncode == 0
    assert trilingual.soup("ko/").select_one(".skip-link").get_text() == "본문으로 건너뛰기"
    assert trilingual.soup("ja/").select_one(".skip-link").get_text() == "本文へ移動"
    assert trilingual.soup("ja/").select_one("#recent-heading").get_text() == "最近の記事"


def test_language_without_catalog_falls_back_with_one_warning(tmp_path):
    # Portuguese has no catalog in the theme: English UI text, one warning. A regional
    # Chinese tag takes the theme's Traditional Chinese catalog.
    build = run_pelican(FIXTURES / "regional-languages", tmp_path / "out", *REGIONAL)
    assert build.log.count("no UI catalog for language 'pt-BR'") == 1
    assert "Cannot find translations" not in build.log and build.returncode == 0
    assert build.soup("pt-BR/").select_one(".skip-link").get_text() == "Skip to content"
    assert build.soup("zh-Hant/").select_one(".skip-link").get_text() == "跳到內文"


def test_japanese_only_post_is_published_once(trilingual):
    assert (trilingual.output / "ja/posts/only-ja/index.html").is_file()
    assert not (trilingual.output / "posts/only-ja").exists()
    assert not (trilingual.output / "ko/posts/only-ja").exists()


def test_another_language_pair_with_korean_main(tmp_path):
    build = run_pelican(
        FIXTURES / "trilingual",
        tmp_path / "out",
        *("-e", 'DEFAULT_LANG="ko"', 'I18N_SUBSITES={"ja": {}, "en": {}}'),
    )
    assert build.returncode == 0, build.log
    home = build.soup("")
    assert home.html["lang"] == "ko"
    assert home.select_one(".skip-link").get_text() == "본문으로 건너뛰기"
    assert build.soup("en/").html["lang"] == "en"
    assert build.soup("en/").select_one(".skip-link").get_text() == "Skip to content"
    assert build.soup("ja/").select_one(".skip-link").get_text() == "本文へ移動"
    alts = {
        link["hreflang"]: link["href"]
        for link in build.soup("posts/hello/").select('head link[rel="alternate"]')
    }
    assert alts["x-default"] == "/posts/hello/" and alts["en"] == "/en/posts/hello/"


def test_the_404_page_speaks_every_ui_language_once(trilingual, tmp_path):
    def others(build, page):
        return [block["lang"] for block in build.soup(page).select(".not-found__other")]

    assert others(trilingual, "ja/404.html") == ["en", "ko"]
    assert others(trilingual, "404.html") == ["ko", "ja"]
    # Portuguese pages show English UI text (no catalog): their 404 adds Chinese only,
    # not English again, and the English 404 does not add Portuguese's English.
    regional = run_pelican(FIXTURES / "regional-languages", tmp_path / "out", *REGIONAL)
    assert others(regional, "pt-BR/404.html") == ["zh-Hant"]
    assert others(regional, "404.html") == ["zh-Hant"]


def test_an_attached_file_is_published_once_with_three_languages(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "trilingual", content)
    folder = content / "2024"
    folder.mkdir()
    posts = {
        "both.en.md": "Title: Both\nDate: 2024-05-04 10:00\n\n[data]({attach}both.csv)\n",
        "both.ko.md": "Title: 둘 다\nDate: 2024-05-04 10:00\n\n[자료]({attach}both.csv)\n",
        "korean.ko.md": "Title: 한국어만\nDate: 2024-05-05 10:00\n\n[자료]({attach}korean.csv)\n",
    }
    for name, text in posts.items():
        (folder / name).write_text(text, encoding="utf-8")
    for name in ("both.csv", "korean.csv"):
        (folder / name).write_text("a,b\n", encoding="utf-8")
    output = tmp_path / "out"
    build = run_pelican(content, output, *("-e", 'I18N_SUBSITES={"ko": {}, "ja": {}}'))
    assert build.returncode == 0, build.log
    copies = sorted(str(p.relative_to(output)) for p in output.rglob("*.csv"))
    assert copies == ["posts/both/both.csv", "posts/korean/korean.csv"]


def test_only_the_sites_languages_name_a_files_language(tmp_path):
    # `notes.v2.en.md` is English, `using.the.api.md` a main-language post; `recipe.fr.md`
    # on an English and Korean site is an English post, with a warning; `.KO` is Korean.
    build = run_pelican(FIXTURES / "dotted-names", tmp_path / "out")
    assert build.returncode == 0, build.log
    for page in ("posts/notes.v2/", "ko/posts/notes.v2/", "posts/using-the-api/"):
        assert build.resolve("/" + page) is not None, page
    assert build.resolve("/posts/tarte-aux-pommes/") is not None
    assert "recipe.fr.md" in build.log and "add 'fr' to I18N_SUBSITES" in " ".join(
        build.log.split()
    )
    english, korean = build.soup("posts/shouting/"), build.soup("ko/posts/shouting/")
    assert korean.html["lang"] == "ko" and english.html["lang"] == "en"
    links = {a["hreflang"]: a["href"] for a in english.select("link[rel=alternate][hreflang]")}
    assert links["ko"].endswith("/ko/posts/shouting/")


REGIONAL = ("-e", 'I18N_SUBSITES={"pt-BR": {}, "zh-Hant": {}}', "SERIES={}")


def test_language_tags_keep_their_case_and_match_in_any(tmp_path):
    # `pt-BR` and `zh-Hant` (docs/languages.md's own example): Pelican lowercases a site's
    # DEFAULT_LANG, and every lookup by it failed (KeyError: 'pt-br'). The file
    # `hello.zh-hant.md` names its language in another case: the same language.
    build = run_pelican(FIXTURES / "regional-languages", tmp_path / "out", *REGIONAL)
    assert build.returncode == 0, build.log
    assert "Traceback" not in build.log
    pages = {
        "en": build.soup("posts/hello/"),
        "pt-BR": build.soup("pt-BR/posts/hello/"),
        "zh-Hant": build.soup("zh-Hant/posts/hello/"),
    }
    for lang, page in pages.items():
        assert page.html["lang"] == lang
        links = {a["hreflang"]: a["href"] for a in page.select("link[rel=alternate][hreflang]")}
        assert links == {
            "en": "/posts/hello/",
            "pt-BR": "/pt-BR/posts/hello/",
            "zh-Hant": "/zh-Hant/posts/hello/",
            "x-default": "/posts/hello/",
        }
    assert "de janeiro de 2026" in pages["pt-BR"].select_one("time").get_text()
    assert "2026年1月1日" in pages["zh-Hant"].select_one("time").get_text()


FOLDER_NAMES = (
    "-e",
    'I18N_SUBSITES={"jp": {"SITENAME": "工房ノート"}}',
    'BILINGUAL_LANGUAGE_TAGS={"jp": "ja"}',
    "SERIES={}",
)


def test_a_subsite_folder_that_is_not_a_language_tag_keeps_its_urls(tmp_path):
    # An existing blog's Japanese site is `jp` (a country code): its URLs stay under /jp/,
    # and the pages say `ja`. Posts name the language either way: `hello.jp.md`,
    # `Lang: jp`, `notes.ja.md`.
    build = run_pelican(FIXTURES / "folder-names", tmp_path / "out", *FOLDER_NAMES)
    assert build.returncode == 0, build.log
    assert not (tmp_path / "out" / "ja").exists()
    for slug in ("hello", "tools", "notes"):
        page = build.soup(f"jp/posts/{slug}/")
        assert page.html["lang"] == "ja"
        links = {a["hreflang"]: a["href"] for a in page.select("link[rel=alternate][hreflang]")}
        assert links["ja"] == f"/jp/posts/{slug}/", links
        assert "年" in page.select_one("time").get_text()
    english = build.soup("posts/hello/")
    switch = {a["hreflang"]: a["href"] for a in english.select("link[rel=alternate][hreflang]")}
    assert switch == {"en": "/posts/hello/", "ja": "/jp/posts/hello/", "x-default": "/posts/hello/"}
    entry = json.loads((tmp_path / "out" / "jp" / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["ja"]
    assert "posts per language: en: 2, ja: 3" in build.log


def test_a_folder_name_without_its_tag_is_stopped_with_the_setting_to_write(tmp_path):
    build = run_pelican(
        FIXTURES / "folder-names", tmp_path / "out", "-e", 'I18N_SUBSITES={"jp": {}}', "SERIES={}"
    )
    assert build.returncode != 0 and not (tmp_path / "out").exists()
    assert 'BILINGUAL_LANGUAGE_TAGS = {"jp": "ja"}' in " ".join(build.log.split())
    bad = run_pelican(
        FIXTURES / "folder-names",
        tmp_path / "bad",
        "-e",
        'I18N_SUBSITES={"jp": {}}',
        'BILINGUAL_LANGUAGE_TAGS={"jp": "japanese"}',
        "SERIES={}",
    )
    assert bad.returncode != 0 and "invalid BILINGUAL_LANGUAGE_TAGS['jp']" in bad.log


def test_an_author_named_per_language_links_only_pages_that_exist(tmp_path):
    # I18N_SUBSITES gives each language its own AUTHOR: the English author page named a
    # Chinese one at the same address, which no site writes (publish stopped on it).
    content = tmp_path / "content"
    content.mkdir()
    posts = {
        "hello.en.md": "Title: Hello\nDate: 2026-01-01 10:00\nSlug: hello\n\nHi.\n",
        "hello.zh-Hant.md": "Title: 你好\nDate: 2026-01-01 10:00\nSlug: hello\n\n嗨。\n",
    }
    for name, text in posts.items():
        (content / name).write_text(text, encoding="utf-8")
    build = run_pelican(
        content,
        tmp_path / "out",
        "-e",
        'AUTHOR="Mina Lee"',
        'I18N_SUBSITES={"zh-Hant": {"AUTHOR": "王小明"}}',
        "SERIES={}",
    )
    assert build.returncode == 0, build.log
    for page, own in (
        ("authors/mina-lee/", "en"),
        ("zh-Hant/authors/wang-xiao-ming/", "zh-Hant"),
    ):
        links = build.soup(page).select("link[rel=alternate][hreflang]")
        assert {a["hreflang"] for a in links} == {own, "x-default"}, page
        assert all(build.resolve(a["href"]) is not None for a in links)


def test_a_blog_in_one_language_has_nothing_about_translations(tmp_path):
    """No `I18N_SUBSITES`: one site, its posts counted, no translation status page and
    no language switch (there is no other language to offer)."""
    content = tmp_path / "content"
    content.mkdir()
    for number in (1, 2):
        (content / f"note-{number}.md").write_text(
            f"Title: Note {number}\nDate: 2026-03-0{number}\n\nA note in English only.\n",
            encoding="utf-8",
        )
    build = run_pelican(content, tmp_path / "out", "-e", "I18N_SUBSITES={}")
    assert build.returncode == 0, build.log
    assert "posts: 2 (en)" in build.log
    assert "translation" not in build.log.lower()
    assert not (build.output / "translations").exists() and not (build.output / "ko").exists()
    home = build.soup("")
    assert [a.get_text(strip=True) for a in home.select("main h2 a, main h3 a")][:2] == [
        "Note 2",
        "Note 1",
    ]
    assert not home.select("nav.lang-switch a")
    post = build.soup("posts/note-1/")
    assert post.select_one("h1").get_text(strip=True) == "Note 1"
    assert not post.select(".translation-note")  # no "available in English only"
