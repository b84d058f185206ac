"""Post files rendered on a second core (plugins/bilingual/engine/parallel_pages.py): a cold build
that shares its post files with a forked child writes the same site, logs the same
lines, keeps the same rendered-page record, and fails the same way when a page cannot
be rendered."""

from __future__ import annotations

import json
import os
import re
import shutil

from sitebuild import ROOT, build_with_cache
from test_warm_builds import assert_same_site


def lines(log: str, level: str, output) -> list[str]:
    """The log's lines of one level, without times, durations, source lines and output
    folder, sorted."""
    return sorted(
        re.sub(
            r"\d+\.\d+ s\b",
            "N s",
            re.sub(r"\s+\S+\.py:\d+$", "", line.split(level, 1)[1].strip()),
        ).replace(str(output), "OUTPUT")
        for line in log.splitlines()
        if level in line
    )


def build(content, output, cache, parallel: bool, *extra: str):
    switch = f"BUILD_PARALLEL_PAGES={'true' if parallel else 'false'}"
    return build_with_cache(
        content, output, cache, switch, "BUILD_PARALLEL_PAGES_MIN=1", *extra, flags=["-v"]
    )


def test_a_cold_build_sharing_its_posts_writes_what_one_process_writes(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    shared = build(content, tmp_path / "shared", tmp_path / "cache-a", parallel=True)
    alone = build(content, tmp_path / "alone", tmp_path / "cache-b", parallel=False)
    assert shared.returncode == alone.returncode == 0, shared.log
    assert_same_site(tmp_path / "alone", tmp_path / "shared")
    # Pagefind read each language's pages while the site was written (its service, given
    # the posts once the child had written its share): not from the finished folder.
    assert re.search(r"search: indexed .*\(ko, en read while written;", shared.log), shared.log
    # Every file's "Writing ..." line, the child's too, and the same warnings.
    for level in ("INFO", "WARNING"):
        assert lines(shared.log, level, tmp_path / "shared") == lines(
            alone.log, level, tmp_path / "alone"
        )
    # The rendered-page record lists the same files, the child's among them.
    for record in ("bilingual-rendered-en.json", "ko/bilingual-rendered-ko.json"):
        listed = [
            {
                os.path.relpath(page, tmp_path / site)
                for page in json.loads((tmp_path / cache / record).read_text())["pages"]
            }
            for cache, site in (("cache-a", "shared"), ("cache-b", "alone"))
        ]
        assert listed[0] == listed[1] and len(listed[0]) > 10
    # The next build renders nothing either way: the record holds the child's files.
    again = build(content, tmp_path / "shared", tmp_path / "cache-a", True, "BUILD_RECORD=false")
    assert "0 post and page files rendered" in again.log


def test_a_page_that_cannot_be_rendered_fails_the_build_as_in_one_process(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    # The English site's first two post files, in the order they are written: one is
    # the build's turn, the other the child's.
    order = build(content, tmp_path / "order", tmp_path / "cache-o", parallel=False)
    written = re.findall(r'Writing "?\S*?/order/posts/([^/]+)/index\.html', order.log)
    assert len(written) >= 2, order.log
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    for number, slug in enumerate(written[:2]):
        (overrides / "article.html").write_text(
            '{% extends "!theme/article.html" %}{% block content %}'
            f"{{% if article.slug == '{slug}' and article.lang == 'en' %}}"
            "{{ no_such_thing.call() }}{% endif %}{{ super() }}{% endblock %}",
            encoding="utf-8",
        )
        setting = f'THEME_TEMPLATES_OVERRIDES=["{overrides}"]'
        shared = build(content, tmp_path / f"s{number}", tmp_path / f"a{number}", True, setting)
        alone = build(content, tmp_path / f"o{number}", tmp_path / f"b{number}", False, setting)
        assert alone.returncode != 0 and shared.returncode == alone.returncode, shared.log
        assert "no_such_thing" in shared.log and "no_such_thing" in alone.log
