"""`invoke check`, the strict builds, and input that is malformed but must not break a build."""

import hashlib
import os
import re
import subprocess
import sys

import pytest
from sitebuild import FIXTURES, PUBLISH_SETTINGS, ROOT, run_pelican

PROBLEMS = FIXTURES / "check-problems"


def invoke_check(content, output, *flags):
    return subprocess.run(
        [sys.executable, "-m", "invoke", "check", *flags, "--", str(content), "-o", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "400"},
    )


@pytest.fixture(scope="module")
def problems_report(tmp_path_factory):
    output = tmp_path_factory.mktemp("check") / "out"
    result = invoke_check(PROBLEMS, output)
    assert not output.exists(), "invoke check must not write a site"
    return result


@pytest.mark.parametrize(
    ("where", "field", "message"),
    [
        ("check-problems/empty.en.md", "-", "the file is empty"),
        ("check-problems/latin1.en.md", "-", "the file is not UTF-8 text (byte 0xe9 at offset 10)"),
        ("check-problems/no-meta.en.md:1", "Title", "the file has no metadata block"),
        ("check-problems/no-title.en.md:1", "Title", "the post has no title"),
        ("check-problems/bad-date.en.md:2", "Date", "'someday' is not a date"),
        ("check-problems/bad-status.en.md:3", "Status", "'secret' is not a status"),
        (
            "check-problems/links.en.md:4",
            "body",
            "{filename}/gone.en.md links to a post or page that does not exist",
        ),
        (
            "check-problems/links.en.md:4",
            "body",
            "{static}/images/missing.svg links to an image or file that does not exist",
        ),
        ("check-problems/stale.ko.md", "Modified", "translation is older than its source"),
    ],
)
def test_check_reports_each_problem_with_file_line_field_and_fix(
    problems_report, where, field, message
):
    lines = problems_report.stdout.splitlines()
    heads = [
        i
        for i, line in enumerate(lines)
        if line.split()[1:2] and line.split()[1].endswith(where) and line.endswith(f"  [{field}]")
    ]
    assert heads, problems_report.stdout
    assert any(message in lines[i + 1] and lines[i + 2].strip().startswith("fix: ") for i in heads)


def test_check_exits_non_zero_with_a_summary(problems_report):
    assert problems_report.returncode == 1
    out = problems_report.stdout
    assert "  errors                     8" in out and "  warnings                   1" in out
    assert "check failed" in out
    assert "Traceback" not in problems_report.stdout + problems_report.stderr


def test_check_lists_translation_status(problems_report):
    table, todo = problems_report.stdout.split("Translate next")
    rows = {
        line.split()[0]: line.split()[1:]
        for line in table.split("Translations (")[1].splitlines()
        if line.startswith("  ") and len(line.split()) == 3
    }
    assert rows["stale"] == ["source", "stale"]
    assert rows["tags"] == ["source", "ok"]
    assert rows["links"] == ["source", "missing"]
    # What to translate next: missing first, then stale.
    kinds = [line.split()[0] for line in todo.splitlines() if line.startswith("  ")]
    assert kinds == ["missing", "stale"]


def test_clean_content_passes_even_strict(tmp_path):
    result = invoke_check(FIXTURES / "basic", tmp_path / "out", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "check passed (strict: warnings count)" in result.stdout


def test_strict_check_fails_on_warnings_only(tmp_path):
    lenient = invoke_check(FIXTURES / "series-warnings", tmp_path / "a")
    assert lenient.returncode == 0 and "check passed" in lenient.stdout
    strict = invoke_check(FIXTURES / "series-warnings", tmp_path / "b", "--strict")
    assert strict.returncode == 1 and "check failed" in strict.stdout


def test_the_build_stops_on_the_same_findings(tmp_path):
    build = run_pelican(PROBLEMS, tmp_path / "out")
    assert build.returncode == 1
    assert "bilingual: stopped before writing anything:" in build.stderr
    assert "check-problems/bad-date.en.md:2: 'someday' is not a date" in build.stderr
    assert "check-problems/empty.en.md: the file is empty" in build.stderr
    assert not (tmp_path / "out").exists()


def test_warnings_inform_a_publishing_build_and_stop_it_only_when_strict(tmp_path):
    env = {**os.environ, "SITEURL": "https://example.org", "GITHUB_ACTIONS": "true"}
    build = run_pelican(
        FIXTURES / "series-warnings", tmp_path / "out", settings=PUBLISH_SETTINGS, env=env
    )
    assert build.returncode == 0, build.log
    assert "translations disagree on 'Series_index' (4 vs 3)" in build.log
    assert "2 warning(s) above; none stops the build" in build.stdout
    assert "::warning file=tests/fixtures/series-warnings/c.ko.md,line=4," in build.stdout
    command = ["publish", "--strict", "--output", str(tmp_path / "s"), "--"]
    strict = subprocess.run(
        [sys.executable, "-m", "invoke", *command, str(FIXTURES / "series-warnings")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "SITEURL": "https://example.org", "COLUMNS": "400"},
    )
    assert strict.returncode == 1
    assert "stopped before writing anything (strict: warnings fail)" in strict.stderr
    assert not (tmp_path / "s").exists()


def test_tags_that_differ_between_translations_are_normal(problems_report):
    assert "tags.ko.md" not in problems_report.stdout.split("Summary")[0]


def test_bom_and_crlf_files_are_read_correctly(tmp_path):
    build = run_pelican(FIXTURES / "encodings", tmp_path / "out")
    assert build.returncode == 0, build.log
    assert build.soup("posts/windows/").h1.get_text() == "BOM and CRLF"
    assert build.soup("ko/posts/windows/").h1.get_text() == "윈도 줄바꿈"
    assert "\ufeff" not in (build.output / "posts/windows/index.html").read_text(encoding="utf-8")


def test_empty_content_builds_friendly_empty_states(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.log
    assert "Nothing has been published here yet." in build.soup("").get_text()
    assert "아직 게시된 글이 없습니다." in build.soup("ko/").get_text()
    assert "아직 게시된 글이 없습니다." in build.soup("ko/archives/").get_text()
    assert build.soup("ko/archives/").select_one(".archive-all__counts").get_text() == (
        "항목 0개 · 초안 0개"
    )


def digest(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_build_never_changes_the_content_folder(tmp_path):
    before = digest(ROOT / "content")
    build = run_pelican(ROOT / "content", tmp_path / "out")
    assert build.returncode == 0, build.log
    assert digest(ROOT / "content") == before


def test_translation_status_page_in_development_builds_only(basic_site, basic_publish):
    soup = basic_site.soup("translations/")
    states = {
        row["data-slug"]: [td["data-state"] for td in row.select("td")]
        for row in soup.select("tbody tr")
    }
    assert states["first-light"] == ["source", "ok"]
    assert states["english-only"] == ["source", "missing"]
    assert states["korean-only"] == ["missing", "source"]
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
    assert not (basic_publish.output / "translations").exists()


def test_a_tag_without_letters_stops_the_build(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "p.en.md").write_text("Title: P\nDate: 2026-04-19\nTags: 🌱\n\nx\n", "utf-8")
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 1
    assert "p.en.md:3: tag '🌱' has no letter or digit" in build.stderr


def test_the_summary_counts_pelicans_own_warnings_too(tmp_path):
    # A field given twice: Pelican warns while reading, and the summary's count says so.
    import shutil

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "series-warnings", content)
    post = next(iter(sorted(content.glob("*.en.md"))))
    head, _, body = post.read_text(encoding="utf-8").partition("\n\n")
    post.write_text(f"{head}\nStatus: published\nStatus: published\n\n{body}", encoding="utf-8")
    build = run_pelican(content, tmp_path / "out", "-e", f'CACHE_PATH="{tmp_path / "c1"}"')
    assert build.returncode == 0, build.log
    assert "Duplicate definition of `status`" in build.log
    assert "3 warning(s) above; none stops the build" in build.stdout
    # `invoke check` counts it too, beside its own findings.
    check = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--", str(content), "-o", str(tmp_path / "x"),
         "-e", f'CACHE_PATH="{tmp_path / "c2"}"'],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "COLUMNS": "400"},
    )  # fmt: skip
    assert "Duplicate definition of `status`" in check.stdout + check.stderr
    assert re.search(r"other warnings above\s+1\n", check.stdout), check.stdout


def test_a_filename_link_to_an_image_is_one_warning_in_every_build_and_strict_stops(tmp_path):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "kit.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', encoding="utf-8"
    )
    post = "Title: {t}\nDate: 2026-04-01\n\n![kit]({{filename}}/images/kit.svg)\n"
    (content / "a.en.md").write_text(post.format(t="A"), encoding="utf-8")
    (content / "a.ko.md").write_text(post.format(t="가"), encoding="utf-8")
    cache = ("-e", f'CACHE_PATH="{tmp_path / "cache"}"')
    for extra in ((), ("BUILD_SKIP_UNCHANGED_PAGES=true",), ("BUILD_RECORD=false",)):
        # Cold; nothing changed (the whole build skipped); every page kept as it was.
        build = run_pelican(content, tmp_path / "out", *cache, *extra)
        assert build.returncode == 0, build.log
        for name in ("a.en.md", "a.ko.md"):
            assert (
                f"{name}:4: {{filename}}/images/kit.svg links to a file that is not a post or page"
            ) in build.log
        assert "Use {static} instead" not in build.log  # Pelican's own line: told once
        if "up to date" not in build.log:
            assert "2 warning(s) above; none stops the build" in build.stdout
    strict = run_pelican(content, tmp_path / "strict", *cache, "BILINGUAL_STRICT=true")
    assert strict.returncode == 1
    assert "stopped before writing anything (strict: warnings fail)" in strict.stderr
    assert not (tmp_path / "strict").exists()


def test_a_strict_build_stops_on_pelicans_own_reading_warnings(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    post = "Title: {t}\nDate: 2026-04-01\nStatus: published\nStatus: published\n\nText.\n"
    (content / "a.en.md").write_text(post.format(t="A"), encoding="utf-8")
    (content / "a.ko.md").write_text(post.format(t="가"), encoding="utf-8")
    lenient = run_pelican(content, tmp_path / "out")
    assert lenient.returncode == 0, lenient.log
    assert "Duplicate definition of `status`" in lenient.log
    strict = run_pelican(content, tmp_path / "strict", "-e", "BILINGUAL_STRICT=true")
    assert strict.returncode == 1, strict.log
    assert "2 warning(s) from Pelican or another plugin, above" in strict.stderr
    assert not (tmp_path / "strict").exists()


def test_a_build_for_a_public_address_that_writes_drafts_warns(tmp_path):
    public = run_pelican(
        FIXTURES / "statuses", tmp_path / "out", "-e", 'SITEURL="https://example.org"'
    )
    assert public.returncode == 0, public.log
    assert "a draft is written and listed in this build for https://example.org" in public.log
    local = run_pelican(FIXTURES / "statuses", tmp_path / "dev")
    assert "a draft is written and listed" not in local.log


def test_check_counts_a_language_without_ui_text_as_the_build_does(tmp_path):
    # The warning comes from the main site, before any other language's site is built,
    # so `invoke check` (which stops there) reports it too.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "invoke",
            "check",
            "--",
            str(FIXTURES / "regional-languages"),
            "-o",
            str(tmp_path / "out"),
            "-e",
            'I18N_SUBSITES={"pt-BR": {}, "zh-Hant": {}}',
            "SERIES={}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    log = result.stdout + result.stderr
    assert log.count("no UI catalog for language 'pt-BR'") == 1, log
    assert "no UI catalog for language 'zh-Hant'" not in log  # the theme has its text
    assert "warnings 0" not in log


LINKS_TO_UNPUBLISHED = (
    "Title: Links ahead\nDate: 2026-04-20 10:00\nSlug: links-ahead\n\n"
    "See [the draft]({filename}work-in-progress.en.md) and\n"
    "[a heading that is not there]({filename}first-light.en.md#no-such-part).\n"
)


def test_check_predicts_what_publish_stops_on_named_by_file_and_line(tmp_path):
    # A link into a draft and one to a #fragment the post lacks: the build writes them (a
    # development site has drafts), `invoke publish` stops on them, and `invoke check`
    # said "check passed". Now check fails, naming the file and line of each.
    content = tmp_path / "content"
    import shutil

    shutil.copytree(FIXTURES / "basic", content)
    (content / "posts" / "links-ahead.en.md").write_text(LINKS_TO_UNPUBLISHED, encoding="utf-8")
    checked = invoke_check(content, tmp_path / "unused")
    log = " ".join((checked.stdout + checked.stderr).split())
    assert checked.returncode == 1, log
    assert "links-ahead.en.md:5 [body] {filename}work-in-progress.en.md links to a draft" in log
    assert (
        "links-ahead.en.md:6 [body] {filename}first-light.en.md#no-such-part links to an anchor"
        in log
    )
    # A development build writes the draft: the same findings are warnings there.
    built = run_pelican(content, tmp_path / "dev")
    assert built.returncode == 0 and "links to a draft" in built.log
    published = run_pelican(
        content,
        tmp_path / "pub",
        settings=PUBLISH_SETTINGS,
        env={**os.environ, "SITEURL": "https://example.org/blog"},
    )
    assert published.returncode != 0 and not (tmp_path / "pub").exists()
    assert "links-ahead.en.md:5: {filename}work-in-progress.en.md links to a draft" in " ".join(
        published.log.split()
    )
