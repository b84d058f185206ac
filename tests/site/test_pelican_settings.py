"""Pelican's own metadata and settings keep their meaning under the bundle."""

import os
import xml.etree.ElementTree as ET

import pytest
from sitebuild import FIXTURES, PUBLISH_SETTINGS, PUBLISH_SITEURL, link_problems, run_pelican

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def paginated(tmp_path_factory):
    """The basic fixture published with one post per page."""
    build = run_pelican(
        FIXTURES / "basic",
        tmp_path_factory.mktemp("paginated") / "out",
        "-e",
        "DEFAULT_PAGINATION=1",
        settings=PUBLISH_SETTINGS,
        env={**os.environ, "SITEURL": PUBLISH_SITEURL},
    )
    assert build.returncode == 0, build.log
    return build


def rows(soup):
    return soup.select("article.post-row")


@pytest.mark.parametrize("prefix", ["", "ko/"])
def test_each_page_of_the_home_lists_its_own_posts(paginated, prefix):
    pages = sorted((paginated.output / prefix).glob("index*.html"))
    assert len(pages) >= 2
    seen = []
    for path in pages:
        soup = paginated.soup(str(path.relative_to(paginated.output)))
        assert len(rows(soup)) == 1
        seen.append(rows(soup)[0].select_one(".post-row__title a")["href"])
    assert len(set(seen)) == len(seen)  # no page repeats another


def test_pages_link_newer_and_older_in_the_page_language(paginated):
    second = paginated.soup("index2.html")
    nav = second.select_one("nav.pagination")
    assert nav.select_one("[rel=prev]")["href"] == f"{PUBLISH_SITEURL}/"
    assert nav.select_one("[rel=prev]").get_text() == "Newer posts"
    korean = paginated.soup("ko/index.html").select_one("nav.pagination")
    assert korean.select_one("[rel=next]").get_text() == "이전 글"
    assert korean.select_one("[rel=next]")["href"] == f"{PUBLISH_SITEURL}/ko/index2.html"
    assert "쪽 중 1쪽" in korean.get_text()


def test_each_page_of_a_list_has_its_own_title_in_its_language(paginated):
    titles = [
        paginated.soup(str(path.relative_to(paginated.output))).title.get_text()
        for path in sorted(paginated.output.glob("index*.html"))
    ]
    assert len(titles) > 2 and len(set(titles)) == len(titles)
    assert "Page" not in titles[0]  # index.html: the first page is the home page's title
    second = paginated.soup("ko/index2.html").title.get_text()
    assert second.endswith("쪽 중 2쪽") and "Page" not in second


def test_later_pages_are_their_own_language_only_and_in_the_sitemap_once(paginated):
    problems, pages = link_problems(paginated, PUBLISH_SITEURL)
    assert problems == []
    assert pages["index2.html"].alternates == {
        "en": f"{PUBLISH_SITEURL}/index2.html",
        "x-default": f"{PUBLISH_SITEURL}/index2.html",
    }
    root = ET.parse(paginated.output / "sitemap.xml").getroot()
    locs = [loc.text for loc in root.findall("s:url/s:loc", SITEMAP)]
    assert len(locs) == len(set(locs))
    assert f"{PUBLISH_SITEURL}/index2.html" in locs


def test_tag_pages_paginate_too(paginated):
    assert (paginated.output / "tags/alpha/index2.html").is_file()
    assert len(rows(paginated.soup("tags/alpha/index2.html"))) == 1


def test_tags_named_per_language_can_be_joined(tmp_path):
    build = run_pelican(
        FIXTURES / "basic",
        tmp_path / "out",
        "-e",
        'TAG_TRANSLATIONS=[{"en": "solo", "ko": "gamma"}]',
        settings=PUBLISH_SETTINGS,
        env={**os.environ, "SITEURL": PUBLISH_SITEURL},
    )
    assert build.returncode == 0, build.log
    problems, pages = link_problems(build, PUBLISH_SITEURL)
    assert problems == []  # hreflang reciprocal, every link resolves
    assert pages["tags/solo/index.html"].alternates["ko"] == f"{PUBLISH_SITEURL}/ko/tags/gamma/"
    switch = build.soup("ko/tags/gamma/").select_one("nav.lang-switch a")
    assert switch["href"] == f"{PUBLISH_SITEURL}/tags/solo/"


def test_a_bad_tag_translation_names_the_setting(tmp_path):
    build = run_pelican(
        FIXTURES / "basic", tmp_path / "out", "-e", 'TAG_TRANSLATIONS=[{"fr": "x"}]'
    )
    assert build.returncode == 1
    assert "invalid TAG_TRANSLATIONS[0]: language 'fr'" in build.stderr


def test_pelicans_menu_and_footer_settings_are_honoured(tmp_path):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    post = "Title: {t}\nDate: 2026-04-01\nCategory: {c}\n\nWords.\n"
    (content / "a.en.md").write_text(post.format(t="A", c="Garden"), encoding="utf-8")
    (content / "a.ko.md").write_text(post.format(t="가", c="정원"), encoding="utf-8")
    (content / "pages" / "about.en.md").write_text("Title: About\n\nMe.\n", encoding="utf-8")
    (content / "pages" / "home.en.md").write_text(
        "Title: Welcome\nURL:\nSave_as: index.html\n\nHello.\n", encoding="utf-8"
    )
    (content / "pages" / "home.ko.md").write_text(
        "Title: 환영합니다\nURL:\nSave_as: index.html\nSlug: welcome-home\n\n안녕하세요.\n",
        encoding="utf-8",
    )
    menu = '[["Old blog", "https://old.example.org/"]]'
    links = '[["Pelican", "https://getpelican.com/"]]'
    social = '[["Mastodon", "https://example.social/@me"]]'
    build = run_pelican(
        content,
        tmp_path / "out",
        "-e",
        "DISPLAY_CATEGORIES_ON_MENU=true",
        f"MENUITEMS={menu}",
        f"LINKS={links}",
        f"SOCIAL={social}",
    )
    assert build.returncode == 0, build.log
    nav = [(a.get_text(), a["href"]) for a in build.soup("posts/a/").select(".site-nav a")]
    assert ("Garden", "/categories/garden/") in nav
    assert ("About", "/about/") in nav
    assert ("Old blog", "https://old.example.org/") in nav
    assert "Welcome" not in [text for text, _href in nav]  # it replaces the home page
    korean_nav = [a.get_text() for a in build.soup("ko/posts/a/").select(".site-nav a")]
    assert "정원" in korean_nav and "Garden" not in korean_nav
    assert "환영합니다" not in korean_nav  # the Korean home page, replaced
    footer = build.soup("ko/posts/a/").select_one(".site-footer")
    lists = {ul["aria-label"]: [a["href"] for a in ul.select("a")] for ul in footer.select("ul")}
    assert lists["링크"] == ["https://getpelican.com/"]
    assert lists["소셜"] == ["https://example.social/@me"]
    hidden = run_pelican(content, tmp_path / "hidden", "-e", "DISPLAY_PAGES_ON_MENU=false")
    assert hidden.returncode == 0, hidden.log
    texts = [a.get_text() for a in hidden.soup("posts/a/").select(".site-nav a")]
    assert "About" not in texts and "Garden" not in texts


def test_pelicans_content_cache_setting_builds_and_a_broken_cache_file_is_ignored(tmp_path):
    # Older blogs turn on Pelican's content cache; it pickled each post with settings
    # that cannot be pickled, and the file it left cut short failed every later build.
    cache = tmp_path / "cache"
    cache.mkdir()
    for name in ("ArticlesGenerator-Readers", "PagesGenerator-Readers"):
        (cache / name).write_bytes(b"")  # what a failed save leaves
    extra = ["-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", f'CACHE_PATH="{cache}"']
    for run in ("first", "second"):
        build = run_pelican(FIXTURES / "basic", tmp_path / run, *extra)
        assert build.returncode == 0, build.log
        assert "Traceback" not in build.log and "pickle" not in build.log, build.log
        assert (tmp_path / run / "posts" / "first-light" / "index.html").is_file()


def test_a_writers_lang_url_settings_are_named_as_unused_with_the_new_address(tmp_path):
    build = run_pelican(
        FIXTURES / "basic",
        tmp_path / "out",
        "-e",
        'ARTICLE_LANG_URL="translations/{slug}-{lang}.html"',
        'ARTICLE_LANG_SAVE_AS="translations/{slug}-{lang}.html"',
    )
    assert build.returncode == 0, build.log
    log = " ".join(build.log.split())
    assert (
        "ARTICLE_LANG_URL 'translations/{slug}-{lang}.html' is not used: each language has "
        "its own site, where a translation is written at ARTICLE_URL (/ko/posts/{slug}/ for ko)"
    ) in log
    assert "ARTICLE_LANG_SAVE_AS 'translations/{slug}-{lang}.html' is not used" in log
    assert (tmp_path / "out" / "ko" / "posts" / "first-light" / "index.html").is_file()
    assert not list((tmp_path / "out").rglob("*-ko.html"))


def test_a_series_name_in_a_language_the_site_lacks_is_a_warning_said_once(tmp_path):
    series = '{"demo": {"name": {"en": "Demo", "fr": "Démo"}}}'
    build = run_pelican(FIXTURES / "basic", tmp_path / "out", "-e", f"SERIES={series}")
    assert build.returncode == 0, build.log
    log = " ".join(build.log.split())
    warning = "SERIES['demo']['name'] has a text in 'fr', which is not one of the site's"
    assert log.count(warning) == 1


def test_translations_pair_by_pelicans_translation_id_setting(tmp_path):
    # ARTICLE_TRANSLATION_ID = "tid": `one.md` and `hana.md` (different slugs) are one post.
    build = run_pelican(
        FIXTURES / "translation-id", tmp_path / "out", "-e", 'ARTICLE_TRANSLATION_ID="tid"'
    )
    assert build.returncode == 0, build.log
    english, korean = build.soup("posts/one/"), build.soup("ko/posts/hana/")
    assert {a["hreflang"]: a["href"] for a in english.select("link[hreflang]")}["ko"] == (
        "/ko/posts/hana/"
    )
    assert {a["hreflang"]: a["href"] for a in korean.select("link[hreflang]")}["en"] == (
        "/posts/one/"
    )
    assert "complete pairs: 1" in build.log


def test_a_post_without_the_translation_id_field_is_named(tmp_path):
    # Pelican itself stops with "Cannot use {'tid'} as 'translation_id'" and a traceback.
    import shutil

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "translation-id", content)
    (content / "three.md").write_text("Title: Three\nDate: 2026-01-03\n\nNo tid.\n", "utf-8")
    output = tmp_path / "out"
    build = run_pelican(content, output, "-e", 'ARTICLE_TRANSLATION_ID="tid"')
    assert build.returncode == 1 and "Traceback" not in build.log
    log = " ".join(build.log.split())
    assert (
        "three.md: no 'Tid:' field, which ARTICLE_TRANSLATION_ID ('tid') pairs the versions "
        "of a post by; add 'Tid: …' with the value its other versions have"
    ) in log
    assert not output.exists()


def test_lang_url_settings_that_change_nothing_say_nothing(tmp_path):
    # `{lang}/{slug}/` beside `{slug}/` is the address the language's site writes anyway,
    # and publishing's empty draft settings write nothing at all.
    build = run_pelican(
        FIXTURES / "basic",
        tmp_path / "out",
        "-e",
        'ARTICLE_URL="{slug}/"',
        'ARTICLE_SAVE_AS="{slug}/index.html"',
        'ARTICLE_LANG_URL="{lang}/{slug}/"',
        'ARTICLE_LANG_SAVE_AS="{lang}/{slug}/index.html"',
        'DRAFT_SAVE_AS=""',
        'DRAFT_LANG_SAVE_AS=""',
        'DRAFT_PAGE_LANG_SAVE_AS=""',
        settings=PUBLISH_SETTINGS,
        env={**os.environ, "SITEURL": PUBLISH_SITEURL},
    )
    assert build.returncode == 0, build.log
    assert "is not used" not in build.log
    assert (tmp_path / "out" / "ko" / "first-light" / "index.html").is_file()


def test_jinjas_i18n_extension_by_its_short_name_leaves_the_catalogs_to_the_bundle(tmp_path):
    # i18n-subsites then looked for .mo files in the theme: an ERROR with a traceback per
    # page kind and language, in a build that succeeded.
    build = run_pelican(
        FIXTURES / "basic",
        tmp_path / "out",
        "-e",
        'JINJA_ENVIRONMENT={"extensions": ["jinja2.ext.i18n"]}',
    )
    assert build.returncode == 0, build.log
    assert "ERROR" not in build.log and "Cannot find translations" not in build.log
    korean = (tmp_path / "out" / "ko" / "index.html").read_text("utf-8")
    assert "아카이브" in korean


def test_date_formats_naming_a_locale_the_system_lacks_still_build(tmp_path):
    # Pelican switched to the locale for every post and stopped reading each one.
    formats = '{"en": ["xx_NOPE.UTF-8", "%d %B %Y"], "ko": ["yy_NONE.UTF-8", "%Y-%m-%d"]}'
    build = run_pelican(FIXTURES / "basic", tmp_path / "out", "-e", f"DATE_FORMATS={formats}")
    assert build.returncode == 0, build.log
    assert "locale" not in build.log.lower()
    assert (tmp_path / "out" / "ko" / "posts" / "first-light" / "index.html").is_file()
