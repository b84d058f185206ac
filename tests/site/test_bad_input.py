"""Bad content stops the build with a message naming the file and field, and writes nothing."""

import pytest
from sitebuild import (
    DEV_SETTINGS,
    FIXTURES,
    assert_stopped_before_writing,
    basic_with,
    build_with_english_404,
    run_pelican,
    run_settings,
)


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        (
            "bad-lang",
            "tests/fixtures/bad-lang/note.md:2: field 'Lang' is 'fr', which this site does not "
            "have (languages: en, ko)",
        ),
        (
            "bad-mismatch",
            "tests/fixtures/bad-mismatch/greeting.ko.md:2: field 'Lang' says 'en' but the file "
            "name says 'ko'; make them agree",
        ),
        (
            "bad-duplicate",
            "tests/fixtures/bad-duplicate/first.en.md:2 and tests/fixtures/bad-duplicate/"
            "second.en.md: same field 'Slug' 'same-slug' and 'Lang' 'en'",
        ),
    ],
)
def test_bad_input_stops_the_build_with_a_clear_message(tmp_path, fixture, message):
    output = tmp_path / "out"
    assert_stopped_before_writing(run_pelican(FIXTURES / fixture, output), output, message)


def test_bad_input_leaves_a_previous_site_untouched(tmp_path):
    output = tmp_path / "out"
    output.mkdir()
    (output / "index.html").write_text("previous site", encoding="utf-8")
    build = run_pelican(FIXTURES / "bad-duplicate", output)
    assert build.returncode == 1
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text(encoding="utf-8") == "previous site"


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("ARCHIVE_CALENDAR_MONTHS=-1", "archive: invalid ARCHIVE_CALENDAR_MONTHS -1"),
        ("ARCHIVE_FIRST_WEEKDAY=9", "archive: invalid ARCHIVE_FIRST_WEEKDAY 9"),
        (
            'SERIES={"s": {"name": "S"}}',
            "series_threads: invalid SERIES['s']['name']: expected {language: text}",
        ),
        ('SERIES_URL="series/"', "series_threads: invalid SERIES_URL 'series/': it needs {id}"),
        (
            'PUBLISH_CNAME="https://example.org/"',
            "publishing: invalid PUBLISH_CNAME 'https://example.org/'",
        ),
        ('BILINGUAL_FILENAME_PATTERN="(?P<slug"', "invalid BILINGUAL_FILENAME_PATTERN"),
        ('SUMMARY_MAX_LENGTH="forty"', "invalid SUMMARY_MAX_LENGTH 'forty': a whole number"),
        (
            'I18N_SUBSITES={"ko": {"SUMMARY_MAX_LENGTH": "8"}}',
            "invalid I18N_SUBSITES['ko']['SUMMARY_MAX_LENGTH'] '8'",
        ),
        ('DEFAULT_PAGINATION="ten"', "invalid DEFAULT_PAGINATION 'ten'"),
        ('THEME_HOME_RECENT_POSTS="8"', "invalid THEME_HOME_RECENT_POSTS '8'"),
    ],
)
def test_a_bad_setting_stops_the_build_naming_it(tmp_path, setting, message):
    output = tmp_path / "out"
    build = run_pelican(FIXTURES / "basic", output, "-e", setting)
    assert_stopped_before_writing(build, output, message)


def test_a_post_with_an_empty_title_stops_the_build(tmp_path):
    # A blank `Title:` and a reStructuredText file without a heading: Pelican builds
    # both (the second with a warning) into pages with an empty heading.
    content = basic_with(
        tmp_path,
        {
            "blank.en.md": "Title:\nDate: 2026-08-01\nLang: en\n\nText.\n",
            "headless.en.rst": (
                ":date: 2026-08-02 10:00\n:lang: en\n:slug: headless\n\nJust a paragraph.\n"
            ),
        },
    )
    output = tmp_path / "out"
    build = run_pelican(content, output)
    assert_stopped_before_writing(build, output, "the post has no title")
    assert "blank.en.md" in build.stderr and "headless.en.rst" in build.stderr


def test_two_posts_saved_as_one_file_are_named_by_that_file(tmp_path):
    content = basic_with(
        tmp_path,
        {
            f"{slug}.en.md": (
                f"Title: {slug}\nDate: 2026-08-01\nLang: en\nSave_as: collide.html\n\nT.\n"
            )
            for slug in ("one", "two")
        },
    )
    output = tmp_path / "out"
    build = run_pelican(content, output)
    # Caught before anything is written (Pelican's own error came halfway through
    # writing, with a traceback), naming both files and the field.
    assert_stopped_before_writing(
        build, output, "field 'Save_as' gives these files one output file, 'collide.html'"
    )
    assert "one.en.md:4 and two.en.md: " in build.stderr
    assert "collide.html.writing" not in build.log


def test_a_template_that_fails_while_writing_names_the_page_template_and_line(tmp_path):
    # A theme template of the writer's own that breaks on one page: the build stops
    # with the page, the template file and its line, not a bare Jinja error.
    build, template = build_with_english_404(tmp_path, "{{ boom.explode() }}")
    assert build.returncode == 1
    assert "Traceback" not in build.log
    log = build.log.replace("\n", "")
    page = tmp_path / "out" / "404.html"  # the English site's: named with its folder
    assert f"common: could not write {page}: UndefinedError: 'boom' is undefined" in log
    assert f"{template}, line 2" in build.log.replace("\n", "")


def test_a_post_saved_over_the_archive_or_a_tag_page_stops_the_build(tmp_path):
    # Pelican wrote the post and silently skipped the archive (or the tag's page).
    head = "Date: 2026-08-01\nTags: garden\nSave_as:"
    content = basic_with(
        tmp_path,
        {
            "steal.en.md": f"Title: Steals\n{head} archives/index.html\n\nF.\n",
            "tagged.en.md": f"Title: Tagged\n{head} tags/garden/index.html\n\nF.\n",
        },
    )
    output = tmp_path / "out"
    build = run_pelican(content, output)
    assert_stopped_before_writing(build, output, "steal.en.md:4: field 'Save_as' writes it over")
    assert "the page of tag 'garden' ('tags/garden/index.html'" in build.stderr


def test_a_page_outside_page_paths_is_told_why_it_needs_a_date(tmp_path):
    # PATH left at Pelican's default (the project folder): content/pages/ holds posts.
    project = tmp_path / "project"
    (project / "content" / "pages").mkdir(parents=True)
    (project / "content" / "pages" / "about.md").write_text("Title: About\n\nMe.\n", "utf-8")
    (project / "content" / "hi.md").write_text("Title: Hi\nDate: 2026-01-01\n\nHi.\n", "utf-8")
    build = run_settings(DEV_SETTINGS, tmp_path / "out", "-e", f'PATH="{project}"')
    assert build.returncode == 1
    log = " ".join(build.log.split())
    assert "content/pages/about.md:1: the post has no date (it is read as a post" in log
    assert "set PATH to the folder that holds 'pages' (PATH = \"content\")" in log
    assert not (tmp_path / "out").exists()
    # With the settings file there too (the project's own folder), or the output inside
    # it, the build stops before reading anything, saying the same.
    (project / "pelicanconf.py").write_text("AUTHOR = 'Me'\n", "utf-8")
    whole = run_settings(DEV_SETTINGS, tmp_path / "out", "-e", f'PATH="{project}"')
    assert whole.returncode == 1 and not (tmp_path / "out").exists()
    assert "is the project's folder, with pelicanconf.py and content/ in it" in whole.log
    inside = run_settings(
        DEV_SETTINGS, project / "content" / "out", "-e", f'PATH="{project / "content"}"'
    )
    assert inside.returncode == 1 and "holds OUTPUT_PATH" in inside.log
