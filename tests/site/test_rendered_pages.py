"""Post and page files whose inputs did not change are not rendered again
(plugins/bilingual/engine/rendered.py, writer.py): after an edit, only the files that show
something of the edited post are rendered, and the site equals a cold build's."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sitebuild import FIXTURES, ROOT, SERIES_SETTING, run_pelican
from test_warm_builds import assert_same_site, set_field


def counts(cache: Path) -> dict[str, tuple[int, int]]:
    """{lang: (rendered, skipped)} from the last build's records."""
    found = {}
    for path in cache.rglob("bilingual-rendered-*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        found[path.stem.rsplit("-", 1)[1]] = (data["rendered"], data["skipped"])
    return found


def setup(tmp_path, *more):
    content, cache = tmp_path / "content", tmp_path / "cache"
    shutil.copytree(FIXTURES / "series", content)
    extra = ["-e", SERIES_SETTING, "BUILD_CHECK_SKIPPED_PAGES=true", f'CACHE_PATH="{cache}"', *more]
    first = run_pelican(content, tmp_path / "out", *extra)
    assert first.returncode == 0, first.log
    return content, cache, extra


def test_an_edited_post_alone_is_rendered_again(tmp_path):
    content, cache, extra = setup(tmp_path)
    rendered, skipped = counts(cache)["en"]
    assert rendered > 5 and skipped == 0
    post = content / "loose.en.md"  # no series, no translation
    post.write_text(post.read_text(encoding="utf-8") + "\nA later line.\n", "utf-8")
    again = run_pelican(content, tmp_path / "out", *extra)
    assert again.returncode == 0, again.log
    assert counts(cache) == {"en": (1, rendered - 1), "ko": (0, counts(cache)["ko"][1])}
    page = tmp_path / "out" / "posts" / "loose" / "index.html"
    assert "A later line." in page.read_text(encoding="utf-8")


SCENARIOS = {
    # Another episode's title shows in this episode's series box.
    "series title": lambda c: set_field(c / "build-3.en.md", "Title", "Build three, renamed"),
    # A translation's new title and its status show in the language switch and notes.
    "translation draft": lambda c: set_field(c / "build-2.ko.md", "Status", "draft"),
    "translation added": lambda c: (c / "loose.ko.md").write_text(
        "Title: 시리즈 밖\nDate: 2026-03-13 12:00\n\n느슨한 글.\n", encoding="utf-8"
    ),
    # A linked post's new slug is the link's new URL.
    "linked slug": lambda c: (
        (c / "note-a.en.md").write_text(
            (c / "note-a.en.md").read_text(encoding="utf-8") + "\n[Loose]({filename}loose.en.md)\n",
            encoding="utf-8",
        ),
        None,
    ),
    "episode moved": lambda c: set_field(c / "build-3.en.md", "Series_index", "7"),
}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_after_an_edit_the_site_equals_a_cold_build(tmp_path, scenario):
    content, _cache, extra = setup(tmp_path)
    SCENARIOS[scenario](content)
    if scenario == "linked slug":  # the link is built once, then its target moves
        assert run_pelican(content, tmp_path / "out", *extra).returncode == 0
        set_field(content / "loose.en.md", "Slug", "not-so-loose")
    warm = run_pelican(content, tmp_path / "out", *extra)
    cold = run_pelican(content, tmp_path / "cold", *extra[:2], "BUILD_READ_CACHE=false")
    assert warm.returncode == cold.returncode == 0, warm.log
    assert "came out different" not in warm.log
    assert_same_site(tmp_path / "cold", tmp_path / "out", extra_allowed=True)


def test_a_post_template_that_lists_other_posts_is_always_rendered(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    article = theme / "templates" / "article.html"
    # A "latest posts" list: every post's page shows other posts' titles.
    article.write_text(
        article.read_text(encoding="utf-8").replace(
            "</article>",
            '</article>\n<ul class="latest">{% for a in articles[:3] %}<li>{{ a.title }}</li>'
            "{% endfor %}</ul>",
        ),
        encoding="utf-8",
    )
    content, cache, extra = setup(tmp_path, f'THEME="{theme}"')
    set_field(content / "zed-2.en.md", "Date", "2026-12-01 10:00")
    warm = run_pelican(content, tmp_path / "out", *extra)
    assert warm.returncode == 0, warm.log
    assert "came out different" not in warm.log
    page = (tmp_path / "out" / "posts" / "loose" / "index.html").read_text(encoding="utf-8")
    zed_title = next(
        line.split(":", 1)[1].strip()
        for line in (content / "zed-2.en.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("Title:")
    )
    assert zed_title in page.split('class="latest"')[1]
    rendered, skipped = counts(cache)["en"]
    assert skipped == 0 and rendered > 5  # every post file rendered, and counted


def test_an_episode_edited_renders_itself_and_its_translation_not_the_series(tmp_path):
    content, cache, extra = setup(tmp_path)
    post = content / "build-2.en.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nMore of episode two.\n", "utf-8")
    again = run_pelican(content, tmp_path / "out", *extra)
    assert again.returncode == 0, again.log
    assert counts(cache)["en"][0] == 1  # posts/build-2/
    assert counts(cache)["ko"][0] == 1  # its Korean version names it in the language switch
    set_field(post, "Title", "Build two, retitled")  # shown in every episode's series box
    retitled = run_pelican(content, tmp_path / "out", *extra)
    assert retitled.returncode == 0, retitled.log
    episodes = [p for p in content.glob("build-*.en.md")]
    assert counts(cache)["en"][0] >= len(episodes)
    for other in ("build-1", "build-3"):
        page = tmp_path / "out" / "posts" / other / "index.html"
        if page.exists():
            assert "Build two, retitled" in page.read_text(encoding="utf-8")


def test_a_draft_s_tag_link_follows_whether_its_tag_page_is_still_written(tmp_path):
    content, cache = tmp_path / "content", tmp_path / "cache"
    shutil.copytree(FIXTURES / "series", content)
    set_field(content / "build-3.en.md", "Tags", "solo")  # a draft
    set_field(content / "loose.en.md", "Tags", "solo")  # the only published post with it
    extra = ["-e", SERIES_SETTING, "BUILD_CHECK_SKIPPED_PAGES=true", f'CACHE_PATH="{cache}"']
    assert run_pelican(content, tmp_path / "out", *extra).returncode == 0
    draft = tmp_path / "out" / "drafts" / "build-3" / "index.html"
    assert 'rel="tag"' in draft.read_text(encoding="utf-8")
    set_field(content / "loose.en.md", "Tags", None)  # no published post has the tag now
    warm = run_pelican(content, tmp_path / "out", *extra)
    assert warm.returncode == 0, warm.log
    assert "came out different" not in warm.log
    assert 'rel="tag"' not in draft.read_text(encoding="utf-8")


def test_a_link_in_a_summary_follows_its_target(tmp_path):
    content, _cache, extra = setup(tmp_path)
    (content / "linker.en.md").write_text(
        "Title: Linker\nDate: 2026-03-20 10:00\nSummary: See [it]({filename}loose.en.md).\n\n"
        "Body.\n",
        encoding="utf-8",
    )
    assert run_pelican(content, tmp_path / "out", *extra).returncode == 0
    page = tmp_path / "out" / "posts" / "linker" / "index.html"
    assert 'href="/posts/loose/"' in page.read_text(encoding="utf-8")
    for slug in ("moved-once", "moved-twice"):
        set_field(content / "loose.en.md", "Slug", slug)
        warm = run_pelican(content, tmp_path / "out", *extra)
        assert warm.returncode == 0, warm.log
        assert f'href="/posts/{slug}/"' in page.read_text(encoding="utf-8")


def test_turning_the_check_on_or_off_keeps_the_record(tmp_path):
    content, cache, extra = setup(tmp_path)  # built with BUILD_CHECK_SKIPPED_PAGES on
    unchecked = [e for e in extra if e != "BUILD_CHECK_SKIPPED_PAGES=true"]
    assert run_pelican(content, tmp_path / "out", *unchecked, "BUILD_RECORD=false").returncode == 0
    rendered, skipped = counts(cache)["en"]
    assert rendered == 0 and skipped > 5


def test_restructuredtext_words_follow_each_site_s_language(tmp_path):
    content, cache = tmp_path / "content", tmp_path / "cache"
    shutil.copytree(FIXTURES / "rst-site", content)
    for name in ("checksums.en.rst", "checksums.ko.rst"):
        path = content / name
        path.write_text(
            path.read_text(encoding="utf-8") + "\n.. note::\n\n   x\n", encoding="utf-8"
        )
    extra = ["-e", f'CACHE_PATH="{cache}"']
    for output in ("warm", "warm", "cold"):
        run = run_pelican(content, tmp_path / output, *extra)
        assert run.returncode == 0, run.log
        extra = ["-e", f'CACHE_PATH="{tmp_path / "other"}"'] if output == "warm" else extra
    for output in ("warm", "cold"):
        english = (tmp_path / output / "posts" / "checksums" / "index.html").read_text()
        korean = (tmp_path / output / "ko" / "posts" / "checksums" / "index.html").read_text()
        assert 'admonition-title">Note<' in english
        assert 'admonition-title">Note<' not in korean and "admonition-title" in korean


def test_relative_urls_in_summaries_work_from_every_list_page(tmp_path):
    import posixpath

    from bs4 import BeautifulSoup

    content, cache = tmp_path / "content", tmp_path / "cache"
    shutil.copytree(FIXTURES / "series", content)
    (content / "linker.en.md").write_text(
        "Title: Linker\nDate: 2026-03-20 10:00\nTags: build\n\nSee [loose]({filename}loose.en.md)"
        " first.\n",
        encoding="utf-8",
    )
    extra = ["-e", SERIES_SETTING, "RELATIVE_URLS=true", f'CACHE_PATH="{cache}"']
    out = tmp_path / "out"
    assert run_pelican(content, out, *extra).returncode == 0
    checked = 0
    for page in out.rglob("index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        folder = page.parent.relative_to(out).as_posix()
        for summary in soup.select(".post-row__summary"):
            for link in summary.select("a[href]"):
                # Resolved as a browser would, without forgiving a climb above the root.
                target = posixpath.normpath(posixpath.join(folder, link["href"]))
                assert not target.startswith(".."), (page, link["href"])
                assert (out / target / "index.html").is_file(), (page, link["href"])
                checked += 1
    assert checked >= 2  # the home page and the tag page at least


def test_an_existing_blog_with_three_languages_rst_and_dated_names_stays_exact(tmp_path):
    from sitebuild import run_settings

    settings = FIXTURES / "third-party" / "settings.py"
    content, cache = tmp_path / "content", tmp_path / "cache"
    shutil.copytree(FIXTURES / "third-party" / "content", content)
    extra = [str(content), "-e", "BUILD_CHECK_SKIPPED_PAGES=true", f'CACHE_PATH="{cache}"']
    assert run_settings(settings, tmp_path / "warm", *extra).returncode == 0
    posts = content / "posts"
    edits = [
        lambda: set_field(
            content / "pages" / "about.en.md", "Title", "About — a long & <odd> title"
        ),
        lambda: (posts / "2026-03-09_compost.ja.rst").write_text(
            (posts / "2026-03-09_compost.ja.rst").read_text(encoding="utf-8") + "\n追記。\n",
            encoding="utf-8",
        ),
        lambda: (posts / "2026-03-20_notes-to-self.ja.md").rename(
            posts / "2026-03-21_notes-to-self.ja.md"
        ),
        lambda: shutil.copy(
            posts / "2026-03-02_soil-test.en.md", posts / "2026-03-02_soil-test.ja.md"
        ),
    ]
    for edit in edits:
        edit()
        warm = run_settings(settings, tmp_path / "warm", *extra)
        assert warm.returncode == 0, warm.log
        assert "came out different" not in warm.log
    cold = run_settings(settings, tmp_path / "cold", str(content), "-e", "BUILD_READ_CACHE=false")
    assert cold.returncode == 0, cold.log
    assert_same_site(tmp_path / "cold", tmp_path / "warm", extra_allowed=True)
