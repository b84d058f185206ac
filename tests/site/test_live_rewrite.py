"""`invoke serve`'s in-place rewrites (engine/live.py, tasks/dev_builds.DevelopmentBuilds):
a saved post's pages come out of the kept build's process at once, byte for byte what a
cold build of the same content writes; anything else waits for the full build."""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from pathlib import Path

import pytest
from pelican.plugins.bilingual.engine.prepared import PreparedPelican
from pelican.plugins.bilingual.tasks import dev_builds
from pelican.plugins.bilingual.tasks.project import Project
from sitebuild import BUILD_EPOCH, DEV_SETTINGS, FIXTURES, ROOT, SERIES_SETTING, run_settings
from test_warm_builds import assert_same_site, set_field

ENV = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "COLUMNS": "400"}


def keep_build(settings: Path, content: Path, output: Path, cache: Path):
    """A full build whose process stays (the state `invoke serve` keeps)."""
    prepared = PreparedPelican(settings, ROOT)
    args = [str(content), "-o", str(output), "-e", f'CACHE_PATH="{cache}"']
    result, live = prepared.start(args, env=ENV, keep=True).finish()
    assert result.returncode == 0, result.stdout
    assert live is not None
    return live


def cold(settings: Path, content: Path, output: Path, cache: Path):
    build = run_settings(settings, output, str(content), "-e", f'CACHE_PATH="{cache}"')
    assert build.returncode == 0, build.log
    return output


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def prepend_to_body(path: Path, text: str) -> None:
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    path.write_text(f"{head}\n\n{text}\n\n{body}", encoding="utf-8")


@pytest.fixture()
def demo(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    live = keep_build(DEV_SETTINGS, content, tmp_path / "out", tmp_path / "cache")
    yield content, tmp_path, live
    live.close()


def test_body_edits_are_rewritten_in_place_as_a_cold_build_writes_them(demo):
    content, tmp_path, live = demo
    study = content / "control-study"
    build = content / "greenhouse-build"
    steps = [
        # A paragraph with a link to another post, at the end of an English post.
        (
            study / "kal-1-why-filter.en.md",
            lambda p: append(
                p, "\nSee also [the next one]({filename}kal-2-one-dimensional.en.md).\n"
            ),
            ["posts/kal-1-why-filter/index.html"],
        ),
        # A new first paragraph: the page's description (automatic summary) changes.
        (
            study / "kal-2-one-dimensional.ko.md",
            lambda p: prepend_to_body(p, "먼저 새로 쓴 첫 문단입니다. **굵게** 적었습니다."),
            ["ko/posts/kal-2-one-dimensional/index.html"],
        ),
        # A new section in a Korean post with a written summary: its table of contents.
        (
            build / "ep4-storing-readings.ko.md",
            lambda p: append(p, "\n## 새로 넣은 절\n\n절의 본문입니다.\n"),
            ["ko/posts/ep4-storing-readings/index.html"],
        ),
        (
            content / "pages" / "about.en.md",
            # No written summary: the description comes from the first words.
            lambda p: prepend_to_body(p, "One more line about me."),
            ["about/index.html"],
        ),
        # Saved without a change: nothing to rewrite.
        (build / "ep3-firmware-loop.en.md", lambda p: os.utime(p), []),
    ]
    for number, (path, change, expected) in enumerate(steps):
        change(path)
        answer = live.rewrite([str(path)])
        assert "written" in answer, answer
        written = sorted(os.path.relpath(p, tmp_path / "out") for p in answer["written"])
        assert written == expected, number
        reference = cold(DEV_SETTINGS, content, tmp_path / f"cold-{number}", tmp_path / "c")
        slug = path.name.split(".")[0]
        for relative in [*written, f"posts/{slug}/index.html", f"ko/posts/{slug}/index.html"]:
            if (reference / relative).exists():
                assert (tmp_path / "out" / relative).read_bytes() == (
                    reference / relative
                ).read_bytes(), (number, relative)
    assert "One more line about me." in (tmp_path / "out" / "about" / "index.html").read_text()


def test_what_only_a_full_build_can_show_is_declined(demo):
    content, tmp_path, live = demo
    post = content / "control-study" / "kal-1-why-filter.en.md"
    page = tmp_path / "out" / "posts" / "kal-1-why-filter" / "index.html"
    before = page.read_bytes()
    append(post, "\nNew words.\n")
    set_field(post, "Title", "A title changed with the text")
    answer = live.rewrite([str(post)])
    assert "metadata changed" in answer["declined"]
    assert page.read_bytes() == before  # nothing rendered
    new = content / "control-study" / "kal-9-new.en.md"
    new.write_text("Title: New\nDate: 2026-01-01\n\nText.\n", encoding="utf-8")
    assert "not a post or page" in live.rewrite([str(new)])["declined"]
    image = next((content / "images").iterdir())
    assert "not a post or page" in live.rewrite([str(image)])["declined"]
    # Still alive and right after the refusals.
    other = content / "control-study" / "pid-1-basics.ko.md"
    append(other, "\n덧붙인 문장.\n")
    assert live.rewrite([str(other)])["written"]


def test_an_existing_blog_with_rst_and_three_languages(tmp_path):
    settings = FIXTURES / "third-party" / "settings.py"
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "third-party" / "content", content)
    live = keep_build(settings, content, tmp_path / "out", tmp_path / "cache")
    try:
        posts = content / "posts"
        rst = posts / "2026-03-09_compost.ja.rst"
        append(rst, "\n追記した段落。\n\n.. note::\n\n   注記です。\n")
        first = live.rewrite([str(rst)])
        md = posts / "2026-03-02_soil-test.en.md"
        append(md, "\nA late note on the soil.\n")
        second = live.rewrite([str(md)])
    finally:
        live.close()
    assert first["written"] and second["written"]
    reference = cold(settings, content, tmp_path / "cold", tmp_path / "c")
    for path in first["written"] + second["written"]:
        relative = os.path.relpath(path, tmp_path / "out")
        assert Path(path).read_bytes() == (reference / relative).read_bytes(), relative


def drive(builds: dev_builds.DevelopmentBuilds, step=None) -> None:
    """Run `step` and the builds it starts on an event loop, to their end."""

    async def run():
        if step is not None:
            step()
        while builds.running is not None:
            await asyncio.sleep(0.02)

    # In a thread of its own: an earlier browser test may leave this one's loop running.
    failures: list[BaseException] = []

    def in_thread():
        try:
            asyncio.run(run())
        except BaseException as problem:  # re-raised in the test's thread
            failures.append(problem)

    thread = threading.Thread(target=in_thread)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


def test_serve_rewrites_first_then_builds_the_rest(tmp_path):
    content, output = tmp_path / "content", tmp_path / "out"
    shutil.copytree(FIXTURES / "series", content)
    args = [str(content), "-o", str(output), "-e", f'CACHE_PATH="{tmp_path / "cache"}"']
    args += ["-e", SERIES_SETTING]
    prepared = PreparedPelican(DEV_SETTINGS, ROOT)
    reloads: list[str] = []
    builds = dev_builds.DevelopmentBuilds(
        prepared,
        args,
        ENV,
        content=content,
        watched=[content],
        ignores=[],
        output=output,
        reload=reloads.append,
    )
    try:
        assert prepared.build(args, env=ENV).returncode == 0
        drive(builds, builds.poll)  # the first poll: the build to keep
        assert builds.live is not None and reloads == []  # nothing changed, no reload
        post = content / "build-2.en.md"
        page = output / "posts" / "build-2" / "index.html"

        def save_and_look():
            append(post, "\nWritten a moment ago.\n")
            builds.poll()
            # Rewritten before the full build has got anywhere.
            assert builds.running is not None
            assert "Written a moment ago." in page.read_text(encoding="utf-8")
            assert reloads == ["posts/build-2/index.html"]

        drive(builds, save_and_look)
        # Then the full build: list pages show the new text too (one more reload).
        assert reloads in (["posts/build-2/index.html"], ["posts/build-2/index.html", "*"])
        # A title changed (the full build's job) and, while that build runs, a body edit.
        korean = content / "zed-1.ko.md"

        def two_saves():
            set_field(korean, "Title", "제목을 바꿨습니다")
            builds.poll()
            assert builds.running is not None
            append(post, "\nAnd another line.\n")
            os.utime(post, ns=(1, 2_000_000_000_000_000_000))
            builds.poll()
            assert builds.pending

        drive(builds, two_saves)
        assert reloads[-1] == "*"
        assert builds.failed == {}
        # A build that fails shows the report; fixing it brings the site back.
        drive(builds, lambda: (set_field(post, "Lang", "fr"), builds.poll()))
        assert builds.failed and builds.live is None
        drive(builds, lambda: (set_field(post, "Lang", "en"), builds.poll()))
        assert builds.failed == {} and builds.live is not None
    finally:
        builds.close()
    reference = run_settings(
        DEV_SETTINGS,
        tmp_path / "cold",
        str(content),
        "-e",
        SERIES_SETTING,
        "-e",
        f'CACHE_PATH="{tmp_path / "cold-cache"}"',
    )
    assert reference.returncode == 0, reference.log
    assert_same_site(tmp_path / "cold", output, extra_allowed=True)
    assert "제목을 바꿨습니다" in (output / "ko" / "posts" / "zed-1" / "index.html").read_text()


def test_serve_says_when_saves_can_no_longer_be_rewritten_in_place(tmp_path, capsys):
    # After a plugin file changes, builds run in new processes (nothing is kept).
    import subprocess

    from pelican.plugins.bilingual.engine.prepared import Build

    class NewCode:
        def start(self, args, env=None, keep=False):
            return Build(args, done=subprocess.CompletedProcess(args, 0, "Done\n", ""))

    content = tmp_path / "content"
    content.mkdir()
    (content / "post.en.md").write_text("Title: A\n\nText.\n", encoding="utf-8")
    reloads: list[str] = []
    builds = dev_builds.DevelopmentBuilds(
        NewCode(),
        [],
        {},
        content=content,
        watched=[content],
        ignores=[],
        output=tmp_path / "out",
        reload=reloads.append,
    )
    builds.poll()
    append(content / "post.en.md", "\nMore.\n")
    os.utime(content / "post.en.md", ns=(1, 3_000_000_000_000_000_000))
    builds.poll()
    said = capsys.readouterr().out
    assert said.count("restart `invoke serve`") == 1
    assert builds.live is None and reloads == ["*"]


def test_a_save_the_build_would_stop_on_is_left_to_the_full_build(demo):
    content, tmp_path, live = demo
    post = content / "control-study" / "kal-1-why-filter.en.md"
    page = tmp_path / "out" / "posts" / "kal-1-why-filter" / "index.html"
    before = page.read_bytes()
    original = post.read_text(encoding="utf-8")
    # A link to a post that does not exist: the checks' error, not a page with it.
    append(post, "\\nSee [nothing]({filename}no-such-post.en.md).\\n")
    answer = live.rewrite([str(post)])
    assert "no-such-post.en.md" in answer["declined"]
    # A formula that cannot be rendered (the mathml plugin's error).
    post.write_text(original + "\\n$$\\\\frac{a}{$$\\n", encoding="utf-8")
    answer = live.rewrite([str(post)])
    assert "formula" in answer["declined"]
    assert page.read_bytes() == before
    # An image the site already copies may be linked in place.
    image = sorted((content / "images").iterdir())[0].name
    post.write_text(original + f"\\n![A picture]({{static}}/images/{image})\\n", encoding="utf-8")
    answer = live.rewrite([str(post)])
    assert answer.get("written") == [str(page)], answer
    # Both refusals left nothing behind in the kept build: a good save still works.
    post.write_text(original + "\\nFine again.\\n", encoding="utf-8")
    assert live.rewrite([str(post)])["written"]


def test_editor_files_start_no_build(tmp_path, capsys):
    content = tmp_path / "content"
    content.mkdir()
    (content / "post.en.md").write_text("Title: A\\n\\nText.\\n", encoding="utf-8")
    started = []

    class Counting:
        def start(self, args, env=None, keep=False):
            started.append(args)
            raise AssertionError("a build started")

    builds = dev_builds.DevelopmentBuilds(
        Counting(),
        [],
        {},
        content=content,
        watched=[content],
        ignores=Project(ROOT).settings()["IGNORE_FILES"],
        output=tmp_path / "out",
        reload=lambda path: None,
    )
    builds.started = 1.0  # as after the first poll's build
    for name in ("#post.en.md#", ".post.en.md.tmp1234", "post.en.md~", ".DS_Store", "4913"):
        (content / name).write_text("x", encoding="utf-8")
    builds.poll()
    assert started == [] and capsys.readouterr().out == ""


def test_serve_on_a_taken_port_says_so_before_building(tmp_path):
    import socket
    import subprocess
    import sys

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "invoke", "serve", "--port", str(port), "--",
             str(tmp_path / "content"), "-o", str(tmp_path / "out")],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is taken" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
    for bad in ("99999", "abc"):
        result = subprocess.run(
            [sys.executable, "-m", "invoke", "serve", "--port", bad],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert result.returncode == 1
        assert "give a port number from 1 to 65535" in result.stderr + result.stdout
        assert "Traceback" not in result.stderr


def test_editor_files_are_never_published(tmp_path):
    # What serve ignores, the build ignores too (the project's IGNORE_FILES).
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    images = content / "images"
    junk = [images / ".DS_Store", images / "plot.png~", content / "pages" / "#about.en.md#"]
    for path in junk:
        path.write_text("x", encoding="utf-8")
    output = cold(DEV_SETTINGS, content, tmp_path / "out", tmp_path / "cache")
    names = {path.name for path in output.rglob("*")}
    assert not names & {".DS_Store", "plot.png~", "#about.en.md#"}
    assert any((output / "images").iterdir())
