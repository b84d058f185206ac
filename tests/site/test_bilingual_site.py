"""The `basic` fixture built with the real settings, theme and plugins, read as a user would."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from sitebuild import PUBLISH_SITEURL, link_problems

ROOT = Path(__file__).resolve().parents[2]
THEME = ROOT / "theme"
PAGE_TEMPLATES = [
    "index",
    "article",
    "page",
    "archives",
    "period_archives",
    "tags",
    "tag",
    "categories",
    "category",
    "authors",
    "author",
    "404",
]


def page_lang(relative: Path) -> str:
    return "ko" if relative.parts[0] == "ko" else "en"


def alternates(soup) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"]
        for link in soup.select('head link[rel="alternate"][hreflang]')
    }


@pytest.mark.parametrize("name", PAGE_TEMPLATES)
def test_theme_has_every_template_pelican_renders(name):
    assert (THEME / "templates" / f"{name}.html").is_file()


def test_html_lang_matches_site_language(basic_site):
    files = basic_site.html_files()
    assert len(files) > 20
    for path in files:
        relative = path.relative_to(basic_site.output)
        soup = basic_site.soup(str(relative))
        assert soup.html["lang"] == page_lang(relative), relative


def test_every_internal_link_and_asset_resolves_without_dots(basic_site):
    problems, pages = link_problems(basic_site)
    assert problems == []
    assert len(pages) > 20
    for page, facts in pages.items():
        for ref in facts.refs:
            if ref.startswith(("http://", "https://", "mailto:", "#")):
                continue
            assert ".." not in ref and ref.startswith("/"), (page, ref)


def test_both_sites_load_their_stylesheets(basic_site):
    for page in ("index.html", "ko/index.html", "ko/posts/first-light/index.html"):
        sheets = basic_site.soup(page).select('link[rel="stylesheet"]')
        assert len(sheets) >= 1, page
        for sheet in sheets:
            href = sheet["href"]
            assert href.endswith(".css"), (page, href)
            target = basic_site.resolve(href)
            assert target is not None and target.stat().st_size > 500, (page, href)


def test_hreflang_is_complete_and_reciprocal(basic_site):
    problems, pages = link_problems(basic_site)
    assert problems == []
    for page, facts in pages.items():
        # Every page, drafts and the 404 included, names itself and an x-default.
        assert facts.alternates.get(page_lang(Path(page))) == "/" + page.removesuffix(
            "index.html"
        ), (page, facts.alternates)
        assert "x-default" in facts.alternates, page


def test_x_default_points_to_english_when_it_exists(basic_site):
    paired = alternates(basic_site.soup("ko/posts/first-light/"))
    assert paired["x-default"] == "/posts/first-light/"
    assert alternates(basic_site.soup("ko/posts/korean-only/"))["x-default"] == (
        "/ko/posts/korean-only/"
    )


def switcher(soup):
    return soup.select_one("nav.lang-switch")


def test_switcher_on_a_post_leads_to_its_translation(basic_site):
    link = switcher(basic_site.soup("posts/first-light/")).find("a")
    assert link["href"] == "/ko/posts/first-light/"
    assert link["hreflang"] == "ko" and link.get_text(strip=True) == "한국어"
    back = switcher(basic_site.soup("ko/posts/first-light/")).find("a")
    assert back["href"] == "/posts/first-light/" and back.get_text(strip=True) == "English"


def test_switcher_pairs_posts_by_explicit_slug_and_lang(basic_site):
    link = switcher(basic_site.soup("posts/explicit-pair/")).find("a")
    assert link["href"] == "/ko/posts/explicit-pair/"
    assert "명시적 메타데이터" in basic_site.soup("ko/posts/explicit-pair/").h1.get_text()


@pytest.mark.parametrize(
    ("page", "target", "note"),
    [
        ("posts/english-only/", "/ko/", "Not translated into Korean"),
        ("ko/posts/korean-only/", "/", "영어 번역이 없어"),
    ],
)
def test_switcher_on_an_untranslated_post_says_so(basic_site, page, target, note):
    nav = switcher(basic_site.soup(page))
    link = nav.find("a")
    assert link["href"] == target
    described = nav.find(id=link["aria-describedby"])
    assert note in described.get_text()
    assert basic_site.resolve(target)


@pytest.mark.parametrize(
    ("page", "target"),
    [
        ("index.html", "/ko/"),
        ("archives/", "/ko/archives/"),
        ("tags/", "/ko/tags/"),
        ("tags/alpha/", "/ko/tags/alpha/"),
        ("ko/tags/alpha/", "/tags/alpha/"),
        ("about/", "/ko/about/"),
        ("404.html", "/ko/404.html"),
    ],
)
def test_switcher_on_a_list_page_leads_to_the_same_page(basic_site, page, target):
    link = switcher(basic_site.soup(page)).find("a")
    assert link["href"] == target
    assert not link.has_attr("aria-describedby")
    assert basic_site.resolve(target)


def test_switcher_on_a_tag_missing_in_the_other_language(basic_site):
    nav = switcher(basic_site.soup("tags/solo/"))
    assert nav.find("a")["href"] == "/ko/"
    assert "no Korean version" in nav.get_text()


def test_untranslated_posts_are_published_once(basic_site):
    out = basic_site.output
    assert (out / "posts/english-only/index.html").is_file()
    assert (out / "ko/posts/korean-only/index.html").is_file()
    for ghost in (
        "ko/posts/english-only",
        "ko/drafts/english-only",
        "drafts/english-only",
        "posts/korean-only",
        "drafts/korean-only",
        "ko/drafts/korean-only",
    ):
        assert not (out / ghost).exists(), ghost
    english_home = [
        a.get_text(strip=True) for a in basic_site.soup("").select(".post-row__title a")
    ]
    assert "Only in English" in english_home and "한국어로만" not in english_home
    korean_home = [
        a.get_text(strip=True) for a in basic_site.soup("ko/").select(".post-row__title a")
    ]
    assert "한국어로만" in korean_home and "Only in English" not in korean_home
    # The archive lists every language, each post once, linked on its own site.
    archive = basic_site.soup("archives/").select(".post-row__title a")
    assert [a["href"] for a in archive if a.get_text() == "한국어로만"] == [
        "/ko/posts/korean-only/"
    ]


def test_article_page_shows_title_date_tags_summary_body(basic_site):
    soup = basic_site.soup("ko/posts/first-light/")
    assert soup.h1.get_text() == '첫 불빛 & "따옴표"'
    time = soup.select_one(".post__meta time")
    assert time.get_text() == "2026년 4월 19일"
    assert time["datetime"].startswith("2026-04-19T12:00")
    assert [a.get_text() for a in soup.select(".post__header .tags a")] == ["alpha", "beta"]
    assert "픽스처의 첫 글" in soup.select_one(".post__summary").get_text()
    assert "한국어 문단이다." in soup.select_one(".post__body").get_text()
    assert soup.title.get_text().startswith('첫 불빛 & "따옴표"')


def test_english_dates_read_naturally(basic_site):
    time = basic_site.soup("posts/first-light/").select_one(".post__meta time")
    assert time.get_text() == "April 19, 2026"


def test_plain_text_metadata_is_escaped(basic_site):
    soup = basic_site.soup("posts/first-light/")
    assert soup.h1.find("b") is None
    assert soup.h1.get_text() == 'First light & "quotes" <b>not bold</b>'
    raw = (basic_site.output / "posts/first-light/index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;not bold&lt;/b&gt;" in raw


def english_ui_strings() -> set[str]:
    with open(THEME / "translations/messages.pot", "rb") as handle:
        catalog = read_po(handle)
    found = set()
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in ids:
            if text and "%(" not in text and len(text) > 3:
                found.add(text)
    return found


def test_korean_pages_carry_no_english_ui_text(basic_site):
    english = english_ui_strings()
    assert {"Archive", "Recent posts", "Skip to content"} <= english
    for path in sorted((basic_site.output / "ko").rglob("*.html")):
        soup = basic_site.soup(str(path.relative_to(basic_site.output)))
        for foreign in soup.select("[lang]:not(html)"):
            if not foreign["lang"].startswith("ko"):
                foreign.decompose()
        texts = {t.strip() for t in soup.find_all(string=True)} | {
            tag[attr].strip()
            for attr in ("aria-label", "title")
            for tag in soup.find_all(attrs={attr: True})
        }
        leftovers = texts & english
        assert not leftovers, (path, leftovers)


def test_korean_ui_text_is_present(basic_site):
    soup = basic_site.soup("ko/index.html")
    assert soup.select_one(".skip-link").get_text() == "본문으로 건너뛰기"
    assert "최근 글" in soup.get_text()
    assert soup.select_one("nav.site-nav")["aria-label"] == "주 메뉴"


def test_build_logs_no_catalog_error_and_prints_a_summary(basic_site):
    assert "Cannot find translations" not in basic_site.log
    assert "no UI catalog" not in basic_site.log
    assert "posts per language: en: 3, ko: 3; complete pairs: 2" in basic_site.log
    assert "missing ko: tests/fixtures/basic/posts/english-only.en.md (en)" in basic_site.log
    assert "missing en: tests/fixtures/basic/posts/korean-only.ko.md (ko)" in basic_site.log


def test_dev_build_writes_drafts_publish_build_does_not(basic_site, basic_publish):
    assert (basic_site.output / "drafts/work-in-progress/index.html").is_file()
    assert (basic_site.output / "ko/drafts/work-in-progress/index.html").is_file()
    assert not list(basic_publish.output.rglob("drafts"))
    for path in basic_publish.html_files():
        assert "work-in-progress" not in path.read_text(encoding="utf-8"), path


def test_publish_build_uses_absolute_urls_under_the_project_path(basic_publish):
    base = "https://example.org/blog"
    soup = basic_publish.soup("ko/posts/first-light/")
    alts = alternates(soup)
    assert alts == {
        "en": f"{base}/posts/first-light/",
        "ko": f"{base}/ko/posts/first-light/",
        "x-default": f"{base}/posts/first-light/",
    }
    assert switcher(soup).find("a")["href"] == f"{base}/posts/first-light/"
    for sheet in soup.select('link[rel="stylesheet"]'):
        assert sheet["href"].startswith(f"{base}/theme/css/")
        assert basic_publish.resolve(sheet["href"])
    problems, pages = link_problems(basic_publish, PUBLISH_SITEURL)
    assert problems == []
    assert not [(page, ref) for page, facts in pages.items() for ref in facts.refs if ".." in ref]
