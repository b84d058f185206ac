"""The README and the guide: short enough to read, and every link in them leads somewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitebuild import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^(`{3,}).*?^\1\s*$", re.M | re.S)
CODE_SPAN = re.compile(r"(`+).+?\1")


def prose(text: str) -> str:
    """`text` without fenced code blocks and code spans (links there are examples)."""
    return CODE_SPAN.sub("", FENCE.sub("", text))


def anchors(page: Path) -> set[str]:
    """The heading anchors GitHub makes for `page`: lower case, punctuation dropped."""
    found = set()
    for line in FENCE.sub("", page.read_text(encoding="utf-8")).splitlines():
        heading = re.match(r"#{1,6}\s+(.*)", line)
        if heading:
            text = re.sub(r"[^\w\- ]", "", heading.group(1).strip().lower())
            found.add(text.replace(" ", "-"))
    return found


def test_the_readme_fits_on_a_few_screens():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    assert "pip install -r requirements.txt && invoke build" in readme
    assert "pip install -r requirements-dev.txt && invoke test" in readme


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(page):
    broken = []
    for target in LINK.findall(prose(page.read_text(encoding="utf-8"))):
        if re.match(r"[a-z]+:", target):
            continue  # http:, https:, mailto:
        path, _, fragment = target.partition("#")
        destination = (page.parent / path).resolve() if path else page
        missing_anchor = (
            destination.exists()
            and fragment
            and destination.suffix == ".md"
            and fragment not in anchors(destination)
        )
        if not destination.exists() or missing_anchor:
            broken.append(target)
    assert not broken, f"{page.relative_to(ROOT)}: {broken}"


def test_the_guide_index_lists_every_page():
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    linked = {
        (ROOT / "docs" / target.partition("#")[0]).resolve() for target in LINK.findall(index)
    }
    pages = {p.resolve() for p in (ROOT / "docs").rglob("*.md") if p.name != "README.md"}
    assert pages <= linked, sorted(str(p.relative_to(ROOT)) for p in pages - linked)
