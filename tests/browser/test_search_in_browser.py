"""Search in a real browser: queries in both languages, filters, keyboard, no JavaScript,
a sub-path SITEURL, accessibility."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from serving import serve
from sitebuild import PUBLISH_SETTINGS, PUBLISH_SITEURL, ROOT, run_pelican

pytestmark = pytest.mark.browser

CONTENT = ROOT / "content"


def source_text(path: Path) -> tuple[dict, str]:
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    fields = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip().lower()] = value.strip()
    return fields, fields.get("title", "") + "\n" + body


def expected_urls(lang: str, word: re.Pattern) -> set[str]:
    """The demo's published posts and pages in `lang` with a word that `word` matches."""
    prefix = "" if lang == "en" else f"/{lang}"
    urls = set()
    for path in CONTENT.rglob("*.md"):
        fields, text = source_text(path)
        parts = path.name.split(".")
        source_lang = fields.get("lang") or (parts[-2] if len(parts) > 2 else "en")
        if source_lang != lang or fields.get("status", "published") != "published":
            continue
        if not word.search(text):
            continue
        slug = fields.get("slug", parts[0])
        is_page = "pages" in path.relative_to(CONTENT).parts
        urls.add(f"{prefix}/{slug}/" if is_page else f"{prefix}/posts/{slug}/")
    return urls


def results(page) -> list[tuple[str, str]]:
    """(path, language) of each result shown, once the status line has a count."""
    page.wait_for_function(
        "document.querySelector('[data-search-status]').textContent.match(/\\d/)"
        " || !document.querySelector('[data-search-none]').hidden"
    )
    items = page.locator(".search-result__title")
    return [
        (items.nth(i).locator("a").get_attribute("href"), items.nth(i).get_attribute("lang"))
        for i in range(items.count())
    ]


def test_an_english_query_finds_the_posts_with_the_word_and_only_those(page, served_demo):
    page.goto(f"{served_demo}/search/")
    page.fill("#search-q", "kalman")
    page.press("#search-q", "Enter")
    found = results(page)
    assert {href for href, _ in found} == expected_urls("en", re.compile(r"\bkalman", re.I))
    assert {lang for _, lang in found} == {"en"}
    assert page.locator("[data-search-status]").inner_text() == (
        f"{len(found)} posts found for “kalman”"
    )
    assert page.locator(".search-result__excerpt mark").count() > 0
    assert page.url.endswith("/search/?q=kalman")
    assert page.console_errors == []


def test_a_korean_query_with_a_particle_finds_the_word_without_it(page, served_demo):
    page.goto(f"{served_demo}/ko/search/?q=필터를")
    found = results(page)
    # Posts with a word that begins with 필터 (필터, 필터를, 필터링...), and only those.
    expected = expected_urls("ko", re.compile(r"(?<![가-힣])필터"))
    assert expected and {href for href, _ in found} == expected
    assert page.locator("[data-search-status]").inner_text() == f"“필터를” 검색 결과 {len(found)}건"
    marks = page.locator(".search-result__excerpt mark").all_inner_texts()
    assert marks and all(mark.startswith("필터") for mark in marks)


def test_a_partial_korean_word_and_a_mixed_query(page, served_demo):
    page.goto(f"{served_demo}/ko/search/?q=칼만")
    assert {h for h, _ in results(page)} == expected_urls("ko", re.compile(r"(?<![가-힣])칼만"))
    page.goto(f"{served_demo}/ko/search/?q=PID 튜닝은")
    both = re.compile(r"(?s)(?=.*\bPID)(?=.*(?<![가-힣])튜닝)")
    assert {h for h, _ in results(page)} == expected_urls("ko", both)


def test_a_korean_dictionary_form_finds_the_word_conjugated(page, served_demo):
    # 고르다 stands as 고른, 골라, 골라서, 골랐을 (르 irregular), 덥다 as 더운, 덥거나 (ㅂ).
    page.goto(f"{served_demo}/ko/search/?q=고르다")
    expected = expected_urls("ko", re.compile(r"(?<![가-힣])(고르|고른|골라|골랐)"))
    assert expected and {h for h, _ in results(page)} == expected
    page.goto(f"{served_demo}/ko/search/?q=덥다")
    expected = expected_urls("ko", re.compile(r"(?<![가-힣])(덥|더운|더워|더웠)"))
    assert expected and {h for h, _ in results(page)} == expected
    assert page.locator(".search-result__excerpt mark").count() > 0
    assert page.console_errors == []


def test_a_one_syllable_korean_word_finds_the_word_not_words_beginning_like_it(page, served_demo):
    # 비 (rain): 비가, 비 온 뒤; not 비닐하우스, 비교, 비례.
    page.goto(f"{served_demo}/ko/search/?q=비")
    expected = expected_urls(
        "ko", re.compile(r"(?<![가-힣])비(?:가|는|를|에|의|도|와|로)?(?![가-힣])")
    )
    assert expected and {h for h, _ in results(page)} == expected


def test_other_languages_come_after_the_pages_own(page, served_demo):
    page.goto(f"{served_demo}/ko/search/?q=kalman")
    own = results(page)
    assert own and {lang for _, lang in own} == {"ko"}
    page.check("input[name=all]")
    page.wait_for_function(
        "document.querySelectorAll('.search-result__title[lang=en]').length > 0"
        " || !document.querySelector('[data-search-more]').hidden"
    )
    both = results(page)
    langs = [lang for _, lang in both]
    assert langs == sorted(langs, key=lambda lang: lang != "ko")  # Korean first
    assert "all=1" in page.url
    # The English page opens with the same query.
    assert page.get_attribute(".lang-switch a[hreflang=en]", "href").endswith("?q=kalman&all=1")


def test_more_results_come_by_keyboard_and_take_the_focus(page, served_demo):
    page.goto(f"{served_demo}/search/?q=kalman&all=1")
    results(page)
    more = page.locator("[data-search-more]")
    assert more.is_visible()
    assert page.locator(".search-result").count() == 10
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('.search-result').length > 10")
    focused = page.evaluate("document.activeElement.closest('.search-result') !== null")
    assert focused
    total = len(expected_urls("en", re.compile(r"\bkalman", re.I))) + len(
        expected_urls("ko", re.compile(r"kalman", re.I))
    )
    assert page.locator(".search-result").count() == total
    assert more.is_hidden()


def test_the_series_filter_keeps_one_series(page, served_demo):
    page.goto(f"{served_demo}/search/?q=kalman")
    everything = results(page)
    page.select_option("select[name=series]", "greenhouse-build")
    page.wait_for_function("location.search.includes('series=greenhouse-build')")
    filtered = results(page)
    assert 0 < len(filtered) < len(everything)
    labels = page.locator(".search-result__meta span").all_inner_texts()
    assert labels and all(label.startswith("Greenhouse Build") for label in labels)


def test_no_result_says_what_to_do_next(page, served_demo):
    page.goto(f"{served_demo}/ko/search/?q=xylophone")
    results(page)
    assert page.locator(".search-result").count() == 0
    assert page.locator("[data-search-status]").inner_text() == "“xylophone”에 맞는 글이 없습니다."
    hint = page.locator("[data-search-none]")
    assert hint.is_visible()
    assert hint.locator("a").first.get_attribute("href") == "/ko/archives/"


def test_without_javascript_the_page_says_so_and_links_the_archive(browser, served_demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_demo}/ko/search/")
    assert page.locator("form.search-form").is_hidden()
    note = page.locator("main").inner_text()
    assert "자바스크립트가 필요" in note
    link = page.locator("main a:visible", has_text="아카이브")
    assert link.get_attribute("href") == "/ko/archives/"
    context.close()


def test_only_the_search_page_requests_javascript_before_a_query(page, served_demo):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{served_demo}/search/")
    page.wait_for_load_state("networkidle")
    scripts = [url for url in requested if url.endswith(".js")]
    assert [url.rsplit("/", 1)[1] for url in scripts] == ["search.js", "query.js"]
    assert not [url for url in requested if "pagefind" in url]  # the index loads on demand
    assert all(url.startswith(served_demo) for url in requested)


@pytest.mark.parametrize("path", ["/search/?q=kalman&all=1", "/ko/search/?q=필터를&all=1"])
def test_search_pages_have_no_axe_violations(page, served_demo, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{served_demo}{path}")
    results(page)
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], v["impact"]) for v in violations] == []
    assert page.console_errors == []


@pytest.fixture(scope="module")
def served_subpath(tmp_path_factory):
    """The basic fixture's publishing build, served under /blog/ like a project site."""
    root = tmp_path_factory.mktemp("subpath")
    build = run_pelican(
        ROOT / "tests" / "fixtures" / "basic",
        root / "blog",
        settings=PUBLISH_SETTINGS,
        env={**os.environ, "SITEURL": PUBLISH_SITEURL},
    )
    assert build.returncode == 0, build.log
    server = serve(root)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_search_works_under_a_sub_path(browser, served_subpath):
    """The publishing build of a project site (SITEURL https://example.org/blog), its
    host answered by the local server."""
    context = browser.new_context()
    host = PUBLISH_SITEURL.rsplit("/blog", 1)[0]

    def from_local_server(route):
        local = route.request.url.replace(host, served_subpath, 1)
        route.fulfill(response=route.fetch(url=local))

    context.route(f"{host}/**", from_local_server)
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{PUBLISH_SITEURL}/ko/search/?q=한국어")
    found = results(page)
    assert found and all(href.startswith("/blog/ko/posts/") for href, _ in found)
    assert any("/blog/ko/pagefind/" in url for url in requested)
    page.click(".search-result__title a >> nth=0")
    assert page.get_attribute("html", "lang") == "ko"
    assert all(url.startswith(host) for url in requested)
    assert errors == []
    page.wait_for_load_state("networkidle")
    # A request still in flight (the icon) must not outlive the context's route.
    context.unroute_all(behavior="ignoreErrors")
    context.close()


def built_fixture(root: Path, fixture: str, *settings: str) -> Path:
    """`tests/fixtures/<fixture>` built into `root/out` with `-e` `settings`; the folder."""
    build = run_pelican(ROOT / "tests" / "fixtures" / fixture, root / "out", "-e", *settings)
    assert build.returncode == 0, build.log
    return root / "out"


def served_folder(folder: Path):
    """Serve `folder` for the length of a fixture: yields its address."""
    server = serve(folder)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def served_with_empty_language(tmp_path_factory):
    """The basic fixture with a third language that has nothing published (no index)."""
    root = tmp_path_factory.mktemp("empty-language")
    output = built_fixture(root, "basic", 'I18N_SUBSITES={"ko": {}, "ja": {}}')
    assert not (output / "ja" / "pagefind").exists()
    yield from served_folder(output)


def test_a_language_without_an_index_is_left_out_not_an_error(page, served_with_empty_language):
    base = served_with_empty_language
    page.goto(f"{base}/ko/search/?q=한국어&all=1")
    found = results(page)
    assert found and page.locator("[data-search-failed]").is_hidden()
    page.goto(f"{base}/ja/search/?q=paragraph")
    results(page)
    assert page.locator("[data-search-none]").is_visible()
    assert page.locator("[data-search-failed]").is_hidden()
    page.goto(f"{base}/ja/search/?q=paragraph&all=1")
    assert {lang for _, lang in results(page)} == {"en"}
    errors = [e for e in page.console_errors if "404" not in e]
    assert errors == []


def test_a_series_alone_lists_its_posts_oldest_first(page, served_demo):
    page.goto(f"{served_demo}/search/?series=control-study")
    results(page)
    dates = page.locator(".search-result__meta time").evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('datetime'))"
    )
    assert len(dates) > 2 and dates == sorted(dates)


def test_results_arriving_do_not_move_the_page(browser, served_demo):
    """Cumulative layout shift while a query in the address loads (Lighthouse counts it)."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    page.add_init_script(
        "window.__shift = 0; new PerformanceObserver(list => { for (const e of list.getEntries())"
        " if (!e.hadRecentInput) window.__shift += e.value; })"
        ".observe({type: 'layout-shift', buffered: true});"
    )
    page.goto(f"{served_demo}/search/?q=kalman")
    results(page)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shift") < 0.1
    context.close()


@pytest.fixture(scope="module")
def served_cjk(tmp_path_factory):
    """English, Japanese and Traditional Chinese posts (tests/fixtures/cjk-search)."""
    root = tmp_path_factory.mktemp("cjk")
    output = built_fixture(
        root, "cjk-search", 'I18N_SUBSITES={"ja": {}, "zh-Hant": {}}', "SERIES={}"
    )
    yield from served_folder(output)


@pytest.mark.parametrize(
    ("path", "word", "found"),
    [
        # Words from the middle of sentences written without spaces.
        ("/ja/search/", "障害", "/ja/posts/outage/"),
        ("/ja/search/", "料金", "/ja/posts/outage/"),
        ("/zh-Hant/search/", "溫室", "/zh-Hant/posts/greenhouse/"),
    ],
)
def test_japanese_and_chinese_words_are_found_in_the_middle_of_a_sentence(
    page, served_cjk, path, word, found
):
    page.goto(f"{served_cjk}{path}?q={word}")
    assert (found, path.split("/")[1]) in results(page)
    assert page.locator("[data-search-none]").is_hidden()


def test_each_cjk_language_draws_with_its_own_fonts(page, served_cjk):
    stacks = {}
    for lang, path in (("ja", "/ja/"), ("zh-Hant", "/zh-Hant/"), ("en", "/")):
        page.goto(f"{served_cjk}{path}")
        stacks[lang] = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Noto Sans CJK JP" in stacks["ja"] and "Noto Sans CJK KR" not in stacks["ja"]
    assert "Noto Sans CJK TC" in stacks["zh-Hant"] and "Noto Sans CJK JP" not in stacks["zh-Hant"]
    assert "Noto Sans CJK KR" in stacks["en"]
