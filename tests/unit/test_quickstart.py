"""pelican-bilingual-quickstart's answers, checks and files, without building anything."""

from __future__ import annotations

import argparse
import ast
import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pelican.plugins.bilingual.quickstart import blog_files, quickstart
from pelican.plugins.bilingual.quickstart.blog_files import Answers, QuickstartError
from sitebuild import ROOT

NOW = datetime.datetime(2026, 12, 5, 14, 30, tzinfo=ZoneInfo("Asia/Seoul"))


def answers(**changes) -> Answers:
    values = {
        "sitename": "Tide Tables",
        "author": "Mina Lee",
        "langs": ("en", "ko"),
        "timezone": "Asia/Seoul",
        "url": "",
        "requirement": "pelican-bilingual==0.1.0",
    }
    return Answers(**{**values, **changes})


def settings_of(text: str) -> dict:
    """The upper-case assignments of a settings file whose values are literals."""
    values = {}
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name.isupper():
                try:
                    values[name] = ast.literal_eval(node.value)
                except ValueError:
                    values[name] = ast.unparse(node.value)
    return values


def test_the_settings_carry_the_answers():
    written = blog_files.files(answers(langs=("ko", "en", "ja")), NOW)
    settings = settings_of(written["pelicanconf.py"])
    assert settings["SITENAME"] == "Tide Tables"
    assert settings["AUTHOR"] == "Mina Lee"
    assert settings["TIMEZONE"] == "Asia/Seoul"
    assert settings["DEFAULT_LANG"] == "ko"
    assert settings["I18N_SUBSITES"] == {
        "en": {"SITENAME": "Tide Tables"},
        "ja": {"SITENAME": "Tide Tables"},
    }
    assert settings["PLUGINS"] == ["bilingual"]
    names = settings["SERIES"]["first-steps"]["name"]
    assert names == {"ko": "첫걸음", "en": "First Steps", "ja": "はじめの一歩"}
    # Spanish, Chinese in either script, Turkish... have their own example post; a
    # language without one gets the English one, to translate (and the quickstart says so).
    es = blog_files.files(answers(langs=("es", "zh-TW", "sw")), NOW)
    names = settings_of(es["pelicanconf.py"])["SERIES"]["first-steps"]["name"]
    assert names == {"es": "Primeros pasos", "zh-TW": "第一步", "sw": "First Steps"}
    assert "部落格" in es["content/first-steps/hello.zh-TW.md"]  # Traditional, not 博客
    assert (
        blog_files.example("zh").tag == "博客" and blog_files.example("zh-Hant-HK").tag == "部落格"
    )


def test_the_quickstart_names_the_languages_left_in_english(capsys):
    quickstart.language_notes(["ko", "en", "sw", "es-MX", "tr"])
    said = " ".join(capsys.readouterr().out.split())
    assert "The example post in sw is in English" in said  # Turkish has its own
    assert "pages in sw, tr show them in English" in said  # es-MX uses the es catalog


def test_quotes_and_unicode_in_a_name_stay_as_typed():
    written = blog_files.files(answers(sitename='물때표 "Tide" \\ notes'), NOW)
    assert settings_of(written["pelicanconf.py"])["SITENAME"] == '물때표 "Tide" \\ notes'
    compile(written["publishconf.py"], "publishconf.py", "exec")


def test_one_example_post_per_language_in_one_series():
    written = blog_files.files(answers(), NOW)
    posts = {path: text for path, text in written.items() if path.startswith("content/")}
    assert sorted(posts) == [
        "content/first-steps/hello.en.md",
        "content/first-steps/hello.ko.md",
    ]
    korean = posts["content/first-steps/hello.ko.md"]
    assert "Series: 첫걸음\n" in korean
    assert "Date: 2026-12-05 14:30\n" in korean
    assert "content/first-steps/hello.ko.md" in korean


def test_the_workflow_is_the_one_this_repository_deploys_with():
    written = blog_files.files(answers(), NOW)
    ours = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert written[".github/workflows/pages.yml"] == ours
    assert "invoke test" not in ours and "pytest" not in ours


def test_requirements_name_the_package_and_tasks_are_two_lines():
    written = blog_files.files(answers(requirement="pelican-bilingual @ git+https://x/y@abc"), NOW)
    assert "pelican-bilingual @ git+https://x/y@abc\n" in written["requirements.txt"]
    code = [line for line in written["tasks.py"].splitlines() if line.strip()]
    assert code == [
        "from pelican.plugins.bilingual.tasks import blog_tasks",
        "ns = blog_tasks(__file__)",
    ]
    assert "/output/" in written[".gitignore"] and "/cache/" in written[".gitignore"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"langs": ("en", "jp")}, "did you mean 'ja'"),
        ({"langs": ("en", "EN")}, "given twice"),
        ({"langs": ()}, "at least one language"),
        ({"timezone": "Seoul"}, "not an IANA time zone"),
        ({"url": "user.github.io"}, "not an http(s) address"),
        ({"sitename": "  "}, "site name is empty"),
    ],
)
def test_a_bad_answer_is_named(changes, message):
    with pytest.raises(QuickstartError, match=message.replace("(", r"\(").replace(")", r"\)")):
        quickstart.check(answers(**changes))


def test_a_folder_with_files_is_never_written_into(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(QuickstartError, match="not empty"):
        blog_files.write(tmp_path, {"pelicanconf.py": "x"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def options(folder: str, *flags: str) -> argparse.Namespace:
    return quickstart.parser().parse_args([folder, *flags])


def test_questions_are_asked_only_for_what_no_flag_gave():
    asked = []

    def reader(prompt: str) -> str:
        asked.append(prompt)
        return {"Author": "Hana Seo", "Time zone": ""}.get(prompt.split(" [")[0], "")

    got = quickstart.answers_from(
        options("/tmp/tide-tables", "--lang", "en", "--lang", "ko", "--url", "https://x.org"),
        interactive=True,
        reader=reader,
        environ={"TZ": "Europe/Istanbul"},
    )
    assert [prompt.split(" [")[0] for prompt in asked] == [
        "Site name",
        "Author",
        "Time zone",
        "Site name in ko",
    ]
    assert got.sitename == "Tide Tables"  # the folder's name, as the default said
    assert got.author == "Hana Seo"
    assert got.timezone == "Europe/Istanbul"
    assert got.langs == ("en", "ko")


def test_without_questions_the_defaults_and_flags_are_used():
    got = quickstart.answers_from(
        options("blog", "--lang", "es,en", "--author", "Ana"),
        interactive=False,
        reader=lambda prompt: pytest.fail(f"asked {prompt}"),
        environ={},
    )
    assert got.langs == ("es", "en") and got.author == "Ana" and got.sitename == "Blog"


def test_time_zone_guess(tmp_path):
    assert quickstart.guess_timezone({"TZ": ":Asia/Tokyo"}, tmp_path / "none") == "Asia/Tokyo"
    link = tmp_path / "localtime"
    link.symlink_to("/usr/share/zoneinfo/America/Sao_Paulo")
    assert quickstart.guess_timezone({}, link) == "America/Sao_Paulo"
    assert quickstart.guess_timezone({"TZ": "Nowhere/Else"}, tmp_path / "none") == "UTC"


def test_main_reports_a_bad_answer_and_writes_nothing(tmp_path, capsys):
    folder = tmp_path / "blog"
    code = quickstart.main([str(folder), "--yes", "--lang", "en", "--lang", "kr"])
    assert code == 2
    assert "--lang" in capsys.readouterr().err
    assert not folder.exists()
    assert Path(folder).parent.exists()


class FakeDistribution:
    def __init__(self, direct_url):
        self.version = "0.3.1"
        self.direct_url = direct_url

    def read_text(self, name):
        return self.direct_url if name == "direct_url.json" else None


@pytest.mark.parametrize(
    ("direct_url", "line", "local"),
    [
        (None, "pelican-bilingual==0.3.1", None),
        (
            '{"url": "https://github.com/x/pelican-bilingual", '
            '"vcs_info": {"vcs": "git", "commit_id": "abc123"}}',
            "pelican-bilingual @ git+https://github.com/x/pelican-bilingual@abc123",
            None,
        ),
        # From this machine (a folder, a git+file:// checkout): the blog vendors a wheel.
        ('{"url": "file:///home/me/src", "dir_info": {}}', "", "file:///home/me/src"),
        (
            '{"url": "file:///tmp/src", "vcs_info": {"vcs": "git", "commit_id": "b3"}}',
            "",
            "file:///tmp/src",
        ),
    ],
)
def test_the_requirement_line_follows_how_the_package_was_installed(
    monkeypatch, direct_url, line, local
):
    monkeypatch.setattr(
        blog_files.metadata, "distributions", lambda name: [FakeDistribution(direct_url)]
    )
    assert blog_files.default_requirement() == (line, local)


def test_the_installed_distribution_wins_over_a_checkouts_egg_info(monkeypatch):
    checkout, installed = FakeDistribution(None), FakeDistribution('{"url": "file:///src"}')
    monkeypatch.setattr(blog_files.metadata, "distributions", lambda name: [checkout, installed])
    assert blog_files.default_requirement() == ("", "file:///src")


def test_a_local_wheel_is_copied_into_vendor(tmp_path):
    wheel = tmp_path / "pelican_bilingual-0.3.1-py3-none-any.whl"
    wheel.write_bytes(b"PK")
    blog = tmp_path / "blog"
    line = blog_files.vendor_wheel(f"file://{wheel}", blog, run=lambda *a, **k: pytest.fail())
    assert line == "./vendor/pelican_bilingual-0.3.1-py3-none-any.whl"
    assert (blog / "vendor" / wheel.name).read_bytes() == b"PK"


def test_a_folder_that_pip_cannot_build_is_named(tmp_path):
    import subprocess

    def failing(command, **kwargs):
        return subprocess.CompletedProcess(command, 1, "", "ERROR: no pyproject.toml")

    with pytest.raises(QuickstartError, match=r"could not build .* no pyproject.toml"):
        blog_files.vendor_wheel("file:///nowhere", tmp_path / "blog", run=failing)


def test_a_wrong_answer_is_asked_again_with_the_reason(capsys):
    answers = iter(["en kr", "en ko"])
    got = quickstart.ask(
        "Languages", "en ko", lambda prompt: next(answers), quickstart.langs_problem
    )
    assert got == "en ko"
    assert "did you mean 'ko'" in capsys.readouterr().out


def test_the_site_is_named_in_each_language():
    got = quickstart.answers_from(
        options(
            "blog", "--name", "Salt and Ink", "--name-in", "ko=소금과 잉크", "--requirement", "x"
        ),
        interactive=False,
        environ={},
    )
    written = blog_files.files(got, NOW)
    assert settings_of(written["pelicanconf.py"])["I18N_SUBSITES"] == {
        "ko": {"SITENAME": "소금과 잉크"}
    }
    # The example post names the site as its language's site does (found by a trial).
    korean = next(text for path, text in written.items() if path.endswith("hello.ko.md"))
    english = next(text for path, text in written.items() if path.endswith("hello.en.md"))
    assert "*소금과 잉크*" in korean and "Salt and Ink" not in korean
    assert "*Salt and Ink*" in english
    with pytest.raises(QuickstartError, match="LANG=NAME"):
        quickstart.names_given(["ko"])


def test_interactive_questions_include_each_languages_site_name():
    asked = []

    def reader(prompt):
        asked.append(prompt)
        return "물때표" if prompt.startswith("Site name in ko") else ""

    got = quickstart.answers_from(
        options("tide", "--requirement", "x"), interactive=True, reader=reader, environ={}
    )
    assert dict(got.names) == {"ko": "물때표"}
    assert any(prompt.startswith("Site name in ko [Tide]") for prompt in asked)
