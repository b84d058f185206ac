"""A blog written by pelican-bilingual-quickstart builds and publishes as it is."""

from __future__ import annotations

import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from sitebuild import run_invoke

SITEURL = "https://mina.github.io/tide"


def quickstart(folder, *flags):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican.plugins.bilingual.quickstart",
            str(folder),
            *flags,
        ],
        capture_output=True,
        text=True,
        check=False,
    )


invoke = run_invoke


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def blog(tmp_path_factory):
    folder = tmp_path_factory.mktemp("new") / "tide-tables"
    made = quickstart(
        folder,
        "--yes",
        "--author",
        "Mina Lee",
        "--timezone",
        "Asia/Seoul",
        "--name-in",
        "ko=물때표",
    )
    assert made.returncode == 0, made.stderr
    built = invoke(folder, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    return folder, made.stdout + made.stderr, built.stdout + built.stderr


def test_the_new_blog_builds_both_languages_linked(blog):
    folder, _, log = blog
    english = soup(folder / "output/posts/hello/index.html")
    korean = soup(folder / "output/ko/posts/hello/index.html")
    assert english.title.get_text().startswith("Hello, world")
    assert korean.html["lang"] == "ko"
    assert english.find("link", rel="alternate", hreflang="ko")["href"] == "/ko/posts/hello/"
    assert korean.find("link", rel="alternate", hreflang="en")["href"] == "/posts/hello/"
    assert "complete pairs: 1" in log
    # One closing line for the whole build, not Pelican's line per language.
    assert "Done: Processed" not in log
    assert [line for line in log.splitlines() if line.startswith("Done")] == [
        next(line for line in log.splitlines() if line.startswith("Done in "))
    ]
    assert log.count("Done in ") == 1 and ": en 1 post; ko 1 post." in log
    assert "WARNING" not in log and "ERROR" not in log


def test_the_example_series_is_one_series_in_both_languages(blog):
    folder, _, _ = blog
    english = soup(folder / "output/series/first-steps/index.html").get_text()
    korean = soup(folder / "output/ko/series/first-steps/index.html").get_text()
    assert "First Steps" in english and "첫걸음" in korean
    assert "Tide Tables" in english


def test_the_printed_next_steps_name_the_folder(blog):
    folder, printed, _ = blog
    assert f"cd {folder}" in printed
    assert "invoke serve" in printed


def test_a_package_installed_from_this_machine_is_vendored_for_the_deploy(blog):
    # This repository is installed with `pip install -e .`: a deploy elsewhere could not
    # install `pelican-bilingual==0.2.0` (not on an index), so the blog keeps the wheel.
    folder, printed, _ = blog
    (wheel,) = (folder / "vendor").glob("pelican_bilingual-*-py3-none-any.whl")
    lines = (folder / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert f"./vendor/{wheel.name}" in lines
    words = " ".join(printed.split())
    assert "vendor/" in words and "(commit both)" in words
    # Wrapped for an 80-column terminal (a line that long holds only the folder's path).
    assert all(len(line) <= 80 for line in printed.splitlines() if str(folder) not in line)


def test_each_language_site_has_its_own_name_and_no_category_or_author_pages(blog):
    folder, _, _ = blog
    assert soup(folder / "output/ko/index.html").title.get_text().endswith("물때표")
    assert not (folder / "output/category").exists() and not (folder / "output/author").exists()


def test_the_new_blog_publishes_with_its_checks(blog):
    folder, _, _ = blog
    published = invoke(folder, "publish", SITEURL=SITEURL)
    assert published.returncode == 0, published.stdout + published.stderr
    assert (folder / "output/.nojekyll").exists()
    assert (folder / "output/feeds/all.atom.xml").exists()
    assert (folder / "output/ko/feeds/all.atom.xml").exists()
    assert not (folder / "output/translations").exists()
    page = soup(folder / "output/posts/hello/index.html")
    assert page.find("link", rel="canonical")["href"] == f"{SITEURL}/posts/hello/"


def test_another_main_language_and_a_third_one(tmp_path):
    folder = tmp_path / "notas"
    made = quickstart(folder, "--yes", "--lang", "es", "--lang", "ko", "--lang", "ja")
    assert made.returncode == 0, made.stderr
    built = invoke(folder, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    assert soup(folder / "output/index.html").html["lang"] == "es"
    log = built.stdout + built.stderr
    assert "Done: Processed" not in log and ": es 1 post; ko 1 post; ja 1 post." in log
    for lang in ("ko", "ja"):
        assert (folder / f"output/{lang}/posts/hello/index.html").exists()
