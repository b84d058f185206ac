"""What only a browser shows: the filter, the calendar links, the switcher, accessibility."""

from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/ko/",
    "/archives/",
    "/ko/archives/",
    "/posts/first-light/",
    "/ko/posts/first-light/",
    "/tags/alpha/",
]
DEMO_PAGES = [
    "/",
    "/ko/",
    "/posts/kal-2-one-dimensional/",
    "/ko/posts/kal-2-one-dimensional/",
    "/posts/kal-3-tuning-q-and-r/",
    "/ko/posts/kal-3-tuning-q-and-r/",
    "/archives/",
    "/ko/archives/",
    "/series/control-study/",
    "/ko/series/control-study/",
    "/series/",
    "/ko/translations/",
    "/search/",
    "/ko/search/",
]


STRESS_PAGES = [
    "/",
    "/ko/",
    "/archives/",
    "/ko/archives/",
    "/posts/ep-30/",
    "/ko/posts/ep-30/",
    "/series/stress-test-thread-with-a-rather-long-name/",
    "/ko/series/stress-test-thread-with-a-rather-long-name/",
    "/tags/",
]


def visible_langs(page):
    return page.eval_on_selector_all(
        ".archive-all .post-row",
        "rows => rows.filter(r => r.offsetParent !== null).map(r => r.dataset.lang)",
    )


def test_language_filter_works_without_javascript(browser, served):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served}/archives/")
    assert sorted(set(visible_langs(page))) == ["en", "ko"]
    page.click("label[for=filter-ko]")
    assert set(visible_langs(page)) == {"ko"}
    assert len(visible_langs(page)) == 4
    page.click("label[for=filter-en]")
    assert set(visible_langs(page)) == {"en"}
    page.click("label[for=filter-all]")
    assert len(visible_langs(page)) == 8
    context.close()


def test_calendar_month_picker_works_without_javascript(browser, served):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served}/archives/")
    assert page.is_visible('section.calendar[data-month="2026-04"]')
    assert not page.is_visible('section.calendar[data-month="2026-03"]')
    page.click('label[for="cal-2026-03"]')
    assert page.is_visible('section.calendar[data-month="2026-03"]')
    assert not page.is_visible('section.calendar[data-month="2026-04"]')
    page.keyboard.press("ArrowLeft")
    assert page.is_visible('section.calendar[data-month="2026-04"]')
    context.close()


def test_filter_is_usable_from_the_keyboard(page, served):
    page.goto(f"{served}/ko/archives/")
    page.focus("#filter-all")
    page.keyboard.press("ArrowRight")
    assert page.is_checked("#filter-en")
    assert set(visible_langs(page)) == {"en"}


def test_calendar_day_links_reach_their_entries(page, served):
    page.goto(f"{served}/archives/")
    page.click('td[data-date="2026-04-21"] a')
    assert page.url.endswith("#d-2026-04-21")
    day = page.locator("#d-2026-04-21")
    assert day.is_visible()
    box = day.bounding_box()
    assert 0 <= box["y"] < 900
    assert day.locator(".post-row").first.get_attribute("data-lang") == "ko"


def test_switching_language_on_a_post_lands_on_its_translation(page, served):
    page.goto(f"{served}/posts/first-light/")
    page.click("nav.lang-switch a")
    assert page.url == f"{served}/ko/posts/first-light/"
    assert page.get_attribute("html", "lang") == "ko"
    assert page.locator("h1").inner_text() == '첫 불빛 & "따옴표"'


def axe_check(page, url):
    from axe_playwright_python.sync_playwright import Axe

    response = page.goto(url)
    assert response.status == 200
    results = Axe().run(page)
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert page.console_errors == []


@pytest.mark.parametrize("path", PAGES)
def test_no_console_errors_and_no_serious_axe_violations(page, served, path):
    axe_check(page, f"{served}{path}")


@pytest.mark.parametrize("path", DEMO_PAGES)
def test_demo_pages_have_no_console_errors_or_serious_axe_violations(page, served_demo, path):
    axe_check(page, f"{served_demo}{path}")


def check_layout(browser, base, paths, prefix, width, scheme):
    """No horizontal overflow at `width`; a full-page screenshot of each path."""
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    for path in paths:
        page.goto(f"{base}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, width, overflow)
        name = prefix + (path.strip("/").replace("/", "_") or "home")
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{scheme}.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360, 320])
def test_demo_screenshots_without_horizontal_overflow(browser, served_demo, scheme, width):
    check_layout(browser, served_demo, DEMO_PAGES, "demo-", width, scheme)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_no_horizontal_overflow_and_screenshots(browser, served, scheme, width):
    paths = ("/archives/", "/ko/archives/", "/ko/posts/first-light/")
    check_layout(browser, served, paths, "", width, scheme)


@pytest.mark.parametrize("path", STRESS_PAGES)
def test_stress_pages_have_no_serious_axe_violations(page, served_stress, path):
    axe_check(page, f"{served_stress}{path}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 360])
def test_long_messy_content_never_overflows(browser, served_stress, scheme, width):
    check_layout(browser, served_stress, STRESS_PAGES, "stress-", width, scheme)


WRITERS_PAGES = (
    "/",
    "/ko/",
    "/archives/",
    "/ko/archives/",
    "/tags/",
    "/ko/tags/",
    "/series/rust-notes/",
    "/ko/series/rust-notes/",
    "/posts/ep1-reading-files/",
    "/ko/posts/ep1-reading-files/",
    "/translations/",
    "/ko/translations/",
)


@pytest.mark.parametrize("width", [320, 360, 390])
def test_a_writers_own_posts_never_scroll_sideways_on_a_phone(browser, served_writers, width):
    # Code, an image, a table and a list at the top of posts, a 35-word title, no summaries.
    check_layout(browser, served_writers, WRITERS_PAGES, "writers-", width, "light")


@pytest.mark.parametrize("width", [320, 360, 390, 768, 1280])
def test_calendar_headers_and_caption_lines_fit_at_every_width(browser, served_writers, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in ("/archives/", "/ko/archives/"):
        page.goto(f"{served_writers}{path}")
        heights = page.evaluate(
            """() => [...document.querySelectorAll('.calendar.is-current thead th')]
                 .map(th => [th.getBoundingClientRect().height,
                             parseFloat(getComputedStyle(th).lineHeight)])"""
        )
        assert len(heights) == 7
        # One line each: a header never breaks inside ("Su/n").
        assert all(height < 2 * line for height, line in heights), (path, width, heights)
        months = (
            ".calendar.is-current .calendar__month, .calendar.is-current .calendar__month-other"
        )
        lines = page.evaluate(
            "(s) => [...document.querySelectorAll(s)].map(e => e.getClientRects().length)", months
        )
        assert lines and all(count == 1 for count in lines), (path, width, lines)
    context.close()


def test_phone_screenshots_of_a_writers_blog(browser, served_writers):
    # For the closing note: home, archive and a post at 390 px in both languages.
    paths = (
        "/",
        "/ko/",
        "/archives/",
        "/ko/archives/",
        "/posts/ep1-reading-files/",
        "/ko/posts/ep1-reading-files/",
    )
    check_layout(browser, served_writers, paths, "writers-phone-", 390, "dark")
