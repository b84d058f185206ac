"""The demo site, both languages: valid HTML and CSS, and no broken link, asset or #fragment."""

import json
import subprocess

import pytest

pytestmark = pytest.mark.quality


def test_every_page_is_valid_html(demo_site, vnu):
    pages = [str(p) for p in demo_site.html_files()]
    assert any("/ko/" in p for p in pages) and len(pages) > 60
    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "gnu", *pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr[:4000]


def test_the_stylesheet_is_valid_css(demo_site, vnu):
    # One stylesheet: the theme's component files bundled at build time.
    sheets = [str(p) for p in sorted(demo_site.output.rglob("*.css"))]
    assert [p.rsplit("/", 1)[1] for p in sheets] == ["site.css"]
    result = subprocess.run(
        [*vnu, "--css", "--errors-only", "--format", "gnu", *sheets],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr[:4000]


def test_a_crawl_finds_no_broken_link(demo_site, linkinator):
    result = subprocess.run(
        [
            *linkinator,
            str(demo_site.output),
            "--recurse",
            "--check-fragments",
            "--check-css",
            "--format",
            "json",
            "--skip",
            r"^https?://(?!127\.0\.0\.1|localhost)",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(result.stdout)
    checked = [link for link in report["links"] if link["state"] != "SKIPPED"]
    broken = [(link["url"], link.get("parent")) for link in checked if link["state"] == "BROKEN"]
    assert broken == []
    assert report["passed"] is True
    assert len(checked) > 80
    assert any("/ko/" in link["url"] for link in checked)
