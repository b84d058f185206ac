"""The writer's commands: pass-through arguments and a `clean` that touches only its folders."""

import json
import os
import subprocess
import sys

from bs4 import BeautifulSoup
from invoke import Config, Context
from pelican.plugins.bilingual.tasks import dev_builds, server, site
from pelican.plugins.bilingual.tasks.project import Project
from sitebuild import FIXTURES, ROOT


def test_build_passes_arguments_through_to_pelican(tmp_path):
    output = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "build", "--", str(FIXTURES / "basic"), "-o", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "400"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (output / "posts/first-light/index.html").is_file()
    assert (output / "ko/posts/first-light/index.html").is_file()
    assert "complete pairs: 2" in result.stdout


def blog_context(root, cache_path=None) -> Context:
    """An invoke context for the blog in `root`, as its tasks.py would give (`blog_tasks`)."""
    settings = "AUTHOR = 'A'\nSITENAME = 'S'\n"
    if cache_path is not None:
        settings += f"CACHE_PATH = {str(cache_path)!r}\n"
    (root / "pelicanconf.py").write_text(settings, encoding="utf-8")
    return Context(Config(overrides={"bilingual": {"root": str(root)}}))


def test_clean_removes_only_output_and_cache(tmp_path):
    output, cache, content = tmp_path / "output", tmp_path / "cache", tmp_path / "content"
    for folder in (output, cache, content):
        (folder / "sub").mkdir(parents=True)
        (folder / "sub" / "file.txt").write_text("x", encoding="utf-8")
    site.clean(blog_context(tmp_path, cache))
    assert not output.exists() and not cache.exists()
    assert (content / "sub" / "file.txt").read_text(encoding="utf-8") == "x"


def test_clean_removes_the_cache_path_the_settings_name_and_nothing_else(tmp_path):
    own, content = tmp_path / ".pelican-cache", tmp_path / "content"
    for folder in (own, content):
        folder.mkdir()
        (folder / "file.txt").write_text("x", encoding="utf-8")
    site.clean(blog_context(tmp_path, own))
    assert not own.exists()
    # A CACHE_PATH pointing at the content (or the project) is never removed.
    for dangerous in (content, tmp_path, tmp_path.parent):
        site.clean(blog_context(tmp_path, dangerous))
        assert (content / "file.txt").is_file()


def invoke(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "400"},
    )


def test_pass_through_keeps_quotes_braces_and_spaces(tmp_path):
    # The README's own example, plus a value with quotes, braces and spaces.
    output = tmp_path / "site"
    subtitle = 'Notes "quoted" {braced} & spaced'
    result = invoke(
        "build",
        "--",
        str(FIXTURES / "trilingual"),
        "-o",
        str(output),
        "-e",
        'DEFAULT_LANG="ko"',
        'I18N_SUBSITES={"ja": {}, "en": {}}',
        f"SITESUBTITLE={json.dumps(subtitle)}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    home = BeautifulSoup((output / "index.html").read_text("utf-8"), "html.parser")
    assert home.html["lang"] == "ko"
    assert home.select_one('meta[name="description"]')["content"] == subtitle
    assert (output / "ja/index.html").is_file() and (output / "en/index.html").is_file()


def test_check_keeps_the_writers_extra_settings(tmp_path):
    # series-warnings passes a lenient check; the writer's own -e makes it strict.
    lenient = invoke("check", "--", str(FIXTURES / "series-warnings"), "-o", str(tmp_path / "a"))
    assert lenient.returncode == 0, lenient.stdout + lenient.stderr
    strict = invoke(
        "check",
        "--",
        str(FIXTURES / "series-warnings"),
        "-o",
        str(tmp_path / "b"),
        "-e",
        "BILINGUAL_STRICT=true",
    )
    assert strict.returncode == 1
    assert "check failed (strict: warnings count)" in strict.stdout
    assert not (tmp_path / "b").exists()


def demo_copy(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    return content


def fields(path):
    return dict(
        line.split(": ", 1) for line in path.read_text("utf-8").split("\n\n")[0].splitlines()
    )


def test_new_starts_the_next_episode_in_every_language(tmp_path):
    content = demo_copy(tmp_path)
    before = {p for p in content.rglob("*.md")}
    result = invoke(
        "new", "Wiring the relays", "--series", "온실 개발기", "--content", str(content)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    made = sorted({p for p in content.rglob("*.md")} - before)
    assert [p.relative_to(content).as_posix() for p in made] == [
        "greenhouse-build/wiring-the-relays.en.md",
        "greenhouse-build/wiring-the-relays.ko.md",
    ]
    en, ko = (fields(p) for p in made)
    highest = max(
        int(fields(p)["Series_index"]) for p in (content / "greenhouse-build").glob("ep*.md")
    )
    assert en["Series_index"] == ko["Series_index"] == str(highest + 1)
    assert (en["Series"], ko["Series"]) == ("Greenhouse Build", "온실 개발기")
    assert en["Status"] == ko["Status"] == "draft"
    assert en["Date"] == ko["Date"] and len(en["Date"]) == len("2026-11-30 12:00")
    again = invoke(
        "new", "Wiring the relays", "--series", "Greenhouse Build", "--content", str(content)
    )
    assert again.returncode == 1 and "exists; nothing was written" in again.stderr
    assert "Traceback" not in again.stderr


def test_new_makes_an_ascii_slug_of_a_hangul_title_and_writes_one_language(tmp_path):
    content = demo_copy(tmp_path)
    result = invoke("new", "칼만 필터 튜닝", "--lang", "ko", "--content", str(content))
    assert result.returncode == 0, result.stderr
    assert (content / "kalman-pilteo-tyuning.ko.md").is_file()
    assert not (content / "kalman-pilteo-tyuning.en.md").exists()
    bad = invoke("new", "x", "--lang", "fr", "--content", str(content))
    assert bad.returncode == 1 and "not one of the site's languages" in bad.stderr


def test_translate_makes_the_missing_version_as_a_draft_and_check_lists_what_is_left(tmp_path):
    content = demo_copy(tmp_path)
    source = content / "field-notes/logging-everything.en.md"
    listed = invoke("check", "--", str(content), "-o", str(tmp_path / "out"))
    todo = listed.stdout.split("Translate next")[1]
    assert "field-notes/logging-everything.en.md" in todo
    result = invoke("translate", str(source))
    assert result.returncode == 0, result.stderr
    made = fields(content / "field-notes/logging-everything.ko.md")
    original = fields(source)
    for key in ("Date", "Tags"):
        assert made[key] == original[key]
    # The series by its Korean name in SERIES, as `invoke new` writes it ("Field Notes").
    assert (original["Series"], made["Series"]) == ("Field Notes", "현장 메모")
    assert (made["Slug"], made["Status"], made["Translation"]) == (
        "logging-everything",
        "draft",
        "true",
    )
    text = (content / "field-notes/logging-everything.ko.md").read_text("utf-8")
    assert "Translate this post from" in text and "into ko" in text
    assert (
        invoke("translate", str(source))
        .stdout.strip()
        .endswith("nothing to translate: every language has this post")
    )
    # check now lists it as a draft to finish, not as missing (translate would do nothing).
    listed = invoke("check", "--", str(content), "-o", str(tmp_path / "out"))
    todo = listed.stdout.split("Translate next")[1].splitlines()
    # The file to finish is the draft translation, not its source.
    (line,) = [line for line in todo if "logging-everything" in line]
    assert line.split()[:2] == ["draft", "ko"]
    assert line.endswith("field-notes/logging-everything.ko.md")
    # The draft builds, paired with its source.
    build = invoke("build", "--", str(content), "-o", str(tmp_path / "site"))
    assert build.returncode == 0, build.stderr
    assert (tmp_path / "site/ko/drafts/logging-everything/index.html").is_file()


def test_serve_shows_a_build_error_in_the_browser_and_the_site_once_fixed(tmp_path):
    import socket
    import time
    import urllib.error
    import urllib.request

    content = demo_copy(tmp_path)
    output = tmp_path / "site"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = ["serve", "--port", str(port), "--", str(content), "-o", str(output)]
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", *command],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "COLUMNS": "400"},
    )

    def fetch(path):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as reply:
                return reply.status, reply.read().decode("utf-8")
        except urllib.error.HTTPError as reply:
            return reply.code, reply.read().decode("utf-8")
        except OSError:
            return None, ""

    def wait_for(path, status, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            got = fetch(path)
            if got[0] == status:
                return got[1]
            time.sleep(0.5)
        raise AssertionError(f"{path} never answered {status}")

    try:
        assert "<html" in wait_for("/", 200)
        # A missing page: the site's own 404 page, in the path's language.
        assert "Page not found" in wait_for("/no-such-post/", 404)
        assert "페이지를 찾을 수 없습니다" in wait_for("/ko/no-such-post/", 404)
        bad = content / "field-notes" / "broken.ko.md"
        bad.write_text("Title: 고장\nDate: 2026-04-01\nLang: fr\n\n본문\n", encoding="utf-8")
        page = wait_for("/ko/", 500)
        assert "사이트를 빌드하지 못했습니다" in page and "broken.ko.md" in page
        assert "Lang" in page
        assert "The site could not be built" in wait_for("/posts/", 500)
        bad.unlink()
        assert "사이트를 빌드하지 못했습니다" not in wait_for("/ko/", 200)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_build_on_a_terminal_shows_progress_and_stays_quiet_in_logs(tmp_path):
    import pty

    main, child = pty.openpty()
    build = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pelican",
            str(FIXTURES / "basic"),
            "-o",
            str(tmp_path / "a"),
            "-s",
            str(ROOT / "pelicanconf.py"),
            "-e",
            "PROGRESS_AFTER=0",
        ],
        cwd=ROOT,
        stdin=child,
        stdout=child,
        stderr=child,
        env={**os.environ, "COLUMNS": "200"},
    )
    os.close(child)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    assert build.wait(timeout=120) == 0
    os.close(main)
    assert b"reading " in seen and b"pages" in seen
    logged = invoke("build", "--", str(FIXTURES / "basic"), "-o", str(tmp_path / "b"))
    assert logged.returncode == 0
    assert "reading " not in logged.stdout + logged.stderr


def test_new_puts_a_new_series_in_a_folder_named_by_its_id(tmp_path):
    content = demo_copy(tmp_path)
    result = invoke(
        "new",
        "Splitting a bill",
        "--series",
        "Kitchen Math",
        "--new-series",
        "--content",
        str(content),
    )
    assert result.returncode == 0, result.stderr
    assert (content / "kitchen-math" / "splitting-a-bill.en.md").is_file()
    assert fields(content / "kitchen-math" / "splitting-a-bill.ko.md")["Series_index"] == "1"


def test_translate_keeps_restructuredtext(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    source = content / "oven.en.rst"
    source.write_text(
        "Oven heat\n#########\n\n:date: 2026-04-01\n:tags: oven\n\nThe oven heats.\n",
        encoding="utf-8",
    )
    assert invoke("translate", str(source)).returncode == 0
    made = (content / "oven.ko.rst").read_text("utf-8")
    assert made.startswith("Oven heat\n#########\n")
    assert ":date: 2026-04-01" in made and ":status: draft" in made and ":lang: ko" in made
    assert "The oven heats." in made
    build = invoke("build", "--", str(content), "-o", str(tmp_path / "site"))
    assert build.returncode == 0, build.stderr
    assert (tmp_path / "site/ko/drafts/oven/index.html").is_file()


def test_serve_names_a_changed_file_from_the_project_or_by_its_full_path(tmp_path, monkeypatch):
    # Run from elsewhere, a content folder outside the project was shown as ../../tmp/...
    monkeypatch.chdir(tmp_path)
    builds = dev_builds.DevelopmentBuilds.__new__(dev_builds.DevelopmentBuilds)
    builds.project = Project(ROOT)
    outside = str(tmp_path / "content" / "post.en.md")
    inside = str(ROOT / "content" / "hello.en.md")
    builds.seen = {outside: 1, inside: 1}
    assert builds.describe({outside}, {outside: 2}) == f"{outside} saved"
    assert builds.describe({inside}, {}) == "content/hello.en.md removed"
    new = str(tmp_path / "content" / "a.md")
    assert builds.describe({new, outside}, {new: 1, outside: 2}) == f"{new} added and 1 more"


def test_publish_writes_no_draft_and_checks_the_site_whatever_the_settings_say(tmp_path):
    # A writer's own publishconf.py (pelican-quickstart's) keeps Pelican's draft settings
    # and runs no checks; given here as the writer's -e values.
    output = tmp_path / "site"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "invoke",
            "publish",
            "--output",
            str(output),
            "--",
            str(FIXTURES / "statuses"),
            "-v",
            "-e",
            'DRAFT_SAVE_AS="drafts/{slug}.html"',
            'DRAFT_LANG_SAVE_AS="drafts/{slug}.html"',
            "PUBLISH_CHECKS=false",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "400", "SITEURL": "https://example.org/notes"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert not list(output.rglob("drafts"))
    archive = (output / "archives" / "index.html").read_text("utf-8")
    assert 'data-status="draft"' not in archive
    assert "https://example.org/notes/posts/" in archive  # SITEURL from the environment
    assert "pages checked, no problem" in result.stdout + result.stderr  # PUBLISH_CHECKS


def test_translate_gives_an_untitled_rst_file_the_slug_of_its_heading(tmp_path):
    # No :slug: and no language in the name: the source's slug comes from its title,
    # which in reStructuredText is the first heading (the draft had an empty :slug:).
    content = tmp_path / "content"
    content.mkdir()
    source = content / "rst-notes.rst"
    source.write_text(
        "Notes in reStructuredText\n#########################\n\n:date: 2026-04-01\n\nText.\n",
        encoding="utf-8",
    )
    assert invoke("translate", str(source)).returncode == 0
    made = (content / "rst-notes.ko.rst").read_text("utf-8")
    assert ":slug: notes-in-restructuredtext\n" in made
    build = invoke("build", "--", str(content), "-o", str(tmp_path / "site"))
    assert build.returncode == 0, build.stdout + build.stderr
    assert "not paired" not in build.stdout + build.stderr
    assert (tmp_path / "site/ko/drafts/notes-in-restructuredtext/index.html").is_file()


def test_translate_reads_a_date_prefixed_name_as_the_build_does(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    source = content / "2026-03-01-morning-walk.en.md"
    source.write_text("Title: Morning walk\n\nA walk.\n", encoding="utf-8")
    assert invoke("translate", str(source)).returncode == 0
    made = content / "2026-03-01-morning-walk.ko.md"
    assert fields(made)["Slug"] == "morning-walk"
    build = invoke("build", "--", str(content), "-o", str(tmp_path / "site"))
    assert build.returncode == 0, build.stdout + build.stderr
    assert (tmp_path / "site/ko/drafts/morning-walk/index.html").is_file()
    assert (tmp_path / "site/posts/morning-walk/index.html").is_file()


def test_serve_names_every_other_language_by_its_address():
    assert server.serving_line("http://127.0.0.1:8000", ["en", "ko"]) == (
        "http://127.0.0.1:8000/ (Korean: http://127.0.0.1:8000/ko/)"
    )
    assert server.serving_line("http://h", ["en", "ja", "pt-BR"]) == (
        "http://h/ (Japanese: http://h/ja/, Portuguese (Brazil): http://h/pt-BR/)"
    )
    assert server.serving_line("http://h", ["en"]) == "http://h/"


def blog_with_its_own_tasks(tmp_path):
    """A blog outside this repository: the demo's settings, two-line tasks.py, no publishconf."""
    import shutil

    blog = tmp_path / "blog"
    shutil.copytree(FIXTURES / "basic", blog / "content")
    shutil.copy(ROOT / "pelicanconf.py", blog / "pelicanconf.py")
    (blog / "tasks.py").write_text(
        "from pelican.plugins.bilingual.tasks import blog_tasks\n\nns = blog_tasks(__file__)\n",
        encoding="utf-8",
    )
    return blog


def test_publish_without_publishconf_uses_the_publishing_rules_and_honours_o(tmp_path):
    blog = blog_with_its_own_tasks(tmp_path)
    target = tmp_path / "public"
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "publish", "--", "-o", str(target)],
        cwd=blog,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "400", "SITEURL": "https://example.org/blog"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "no publishconf.py" in result.stdout
    assert f"published into {target}" in result.stdout
    assert (target / "posts/first-light/index.html").is_file()
    assert not (blog / "output").exists()  # `-o` after `--` is where it goes
    assert not list(target.rglob("drafts"))  # nothing unpublished
    page = (target / "index.html").read_text("utf-8")
    assert "https://example.org/blog/" in page
    two_folders = ["--output", str(tmp_path / "x"), "--", "-o", str(target)]
    both = subprocess.run(
        [sys.executable, "-m", "invoke", "publish", *two_folders],
        cwd=blog,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert both.returncode == 1 and "name two folders" in both.stderr


def test_translate_copies_the_fields_of_yaml_front_matter(tmp_path):
    import shutil

    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(FIXTURES / "yaml-front-matter" / "rust-notes.en.md", content)
    assert invoke("translate", str(content / "rust-notes.en.md"), "--lang", "ko").returncode == 0
    made = fields(content / "rust-notes.ko.md")
    assert made["Title"] == "Rust notes: ownership"  # YAML's quotes are not the title's
    assert (made["Tags"], made["Slug"], made["Status"]) == ("rust, yaml", "rust-notes", "draft")
    text = (content / "rust-notes.ko.md").read_text("utf-8")
    assert "Ownership is how Rust frees memory" in text and "---" not in text
    build = invoke("build", "--", str(content), "-o", str(tmp_path / "site"))
    assert build.returncode == 0, build.stdout + build.stderr
    assert (tmp_path / "site/ko/drafts/rust-notes/index.html").is_file()


def test_preview_after_a_development_build_starts_from_an_empty_output(tmp_path):
    # The development build's drafts stayed in output/ and failed preview's checks.
    blog = blog_with_its_own_tasks(tmp_path)
    (blog / "publishconf.py").write_text(
        "import os, sys\nsys.path.append(os.path.dirname(__file__))\n"
        "from pelicanconf import *\nDELETE_OUTPUT_DIRECTORY = False\n",
        encoding="utf-8",
    )
    run = {"cwd": blog, "capture_output": True, "text": True, "timeout": 300}
    build = subprocess.run([sys.executable, "-m", "invoke", "build"], **run)
    assert build.returncode == 0, build.stdout + build.stderr
    assert list((blog / "output").rglob("drafts"))
    preview = subprocess.run([sys.executable, "-m", "invoke", "preview"], **run)
    assert preview.returncode == 0, preview.stdout + preview.stderr
    assert not list((blog / "output").rglob("drafts"))


def test_serve_answers_an_extensionless_address_with_its_html_file(tmp_path):
    (tmp_path / "spring.html").write_text("<p>spring</p>", encoding="utf-8")
    (tmp_path / "posts").mkdir()
    assert server.extensionless(tmp_path, "spring") == "spring.html"
    assert server.extensionless(tmp_path, "spring.html") == "spring.html"
    assert server.extensionless(tmp_path, "posts") == "posts"  # a folder: its index.html
    assert server.extensionless(tmp_path, "autumn") == "autumn"  # the 404 page answers


def test_new_refuses_a_series_nobody_named_and_suggests_the_close_ones(tmp_path):
    # A typo started a new series silently.
    content = demo_copy(tmp_path)
    before = sorted(content.rglob("*"))
    typo = invoke("new", "Relays", "--series", "Greenhose Build", "--content", str(content))
    assert typo.returncode == 1
    assert "no series is named 'Greenhose Build' yet" in typo.stderr
    assert "did you mean 'Greenhouse Build'" in typo.stderr and "--new-series" in typo.stderr
    assert sorted(content.rglob("*")) == before
    # A Korean name or an alias of a SERIES entry is that series.
    known = invoke("new", "Relays", "--series", "온실 개발기", "--content", str(content))
    assert known.returncode == 0, known.stderr
