"""The search plugin's pure parts, and the search page's query rules (run with Node)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from search.collect import glob_escape, marked_pages, site_glob, site_roots
from search.pagefind_run import indexed_count, sync_tree
from sitebuild import ROOT, missing_tool

QUERY_JS = ROOT / "theme" / "static" / "js" / "query.js"


def test_each_language_site_has_its_folder_and_leaves_out_the_others(tmp_path):
    roots = site_roots(tmp_path, [("en", ""), ("ko", "ko"), ("ja", "ja")])
    assert [(r.lang, r.folder, r.nested) for r in roots] == [
        ("en", tmp_path, ("ja", "ko")),
        ("ko", tmp_path / "ko", ()),
        ("ja", tmp_path / "ja", ()),
    ]


def test_a_site_nested_deeper_is_left_out_by_its_first_folder(tmp_path):
    roots = site_roots(tmp_path, [("en", ""), ("ko", "/lang/ko/")])
    assert roots[0].nested == ("lang",)
    assert roots[1].folder == tmp_path / "lang" / "ko"


def test_the_glob_names_what_to_include():
    glob = site_glob(["posts", "ko", "pagefind", "about"], skip=["ko", "pagefind"])
    assert glob == "{*.html,about/**/*.html,posts/**/*.html}"


@pytest.mark.parametrize(
    ("name", "escaped"),
    [("posts", "posts"), ("a{b}", "a\\{b\\}"), ("x[1]", "x\\[1\\]"), ("why?", "why\\?")],
)
def test_folder_names_are_literals_in_the_glob(name, escaped):
    assert glob_escape(name) == escaped


def test_only_pages_marked_in_a_tag_count(tmp_path):
    (tmp_path / "posts" / "a").mkdir(parents=True)
    (tmp_path / "posts" / "b").mkdir(parents=True)
    (tmp_path / "ko").mkdir()
    (tmp_path / "posts" / "a" / "index.html").write_text(
        '<main><article class="post" data-pagefind-body>text</article></main>'
    )
    # A post about Pagefind that writes the attribute in its text is not marked.
    (tmp_path / "posts" / "b" / "index.html").write_text(
        "<p>&lt;article data-pagefind-body&gt; marks the body</p> data-pagefind-body"
    )
    (tmp_path / "ko" / "index.html").write_text("<article data-pagefind-body></article>")
    assert marked_pages(tmp_path, skip=["ko"]) == [tmp_path / "posts" / "a" / "index.html"]


def test_sync_keeps_unchanged_files_and_removes_stale_ones(tmp_path):
    new, old = tmp_path / "new", tmp_path / "old"
    (new / "fragment").mkdir(parents=True)
    (old / "fragment").mkdir(parents=True)
    (new / "pagefind.js").write_text("same")
    (old / "pagefind.js").write_text("same")
    (new / "fragment" / "en_2.pf_fragment").write_text("new")
    (old / "fragment" / "en_1.pf_fragment").write_text("stale")
    (new / "pagefind-ui.js").write_text("a ready-made UI the theme does not use")
    kept = old / "pagefind.js"
    before = kept.stat().st_mtime_ns
    assert sync_tree(new, old) == (1, 1)
    assert kept.stat().st_mtime_ns == before
    assert sorted(p.relative_to(old).as_posix() for p in old.rglob("*") if p.is_file()) == [
        "fragment/en_2.pf_fragment",
        "pagefind.js",
    ]


def test_the_page_count_comes_from_the_bundle_entry(tmp_path):
    assert indexed_count(tmp_path) == 0
    entry = {"languages": {"en": {"page_count": 12}, "ko": {"page_count": 3}}}
    (tmp_path / "pagefind-entry.json").write_text(json.dumps(entry))
    assert indexed_count(tmp_path) == 15


def run_query_js(expression: str):
    node = shutil.which("node")
    if node is None:
        missing_tool("Node.js is not installed", "REQUIRE_TOOLS")
    script = (
        f"import * as q from {json.dumps(QUERY_JS.as_uri())};\n"
        f"console.log(JSON.stringify({expression}));"
    )
    result = subprocess.run(
        [node, "--input-type=module", "-e", script], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


# Real sentences' words, as a reader would type them.
PARTICLES = {
    "필터를": "필터",
    "튜닝은": "튜닝",
    "칼만은": "칼만",
    "센서에서": "센서",
    "온실에서는": "온실",
    "모델로": "모델",
    "바람으로": "바람",
    "물로": "물",
    "결과와": "결과",
    "값을": "값",
    "칼만이": "칼만",
    "나라가": "나라",
    "센서의": "센서",
    "튜닝하는": "튜닝",
    "PID를": "PID",
    "Pelican은": "Pelican",
    # Words that only look like they end in a particle stay whole.
    "칼만": "칼만",
    "온도": "온도",
    "아이": "아이",
    "회의": "회의",
    "추가": "추가",
    "filters": "filters",
}


def test_korean_particles_come_off_query_words():
    words = list(PARTICLES)
    stripped = run_query_js(f"{json.dumps(words)}.map(q.stripParticle)")
    assert dict(zip(words, stripped, strict=True)) == PARTICLES


def test_a_mixed_query_keeps_its_english_words():
    assert run_query_js('q.searchQuery("  PID   튜닝은 ")') == "PID 튜닝"


def test_a_word_that_pagefind_only_matched_by_its_first_letter_is_unanswered():
    result = run_query_js(
        '[q.unansweredTerms("칼만 xylophone", ["칼만", "x)", "x"]),'
        ' q.unansweredTerms("tuning 필터", ["tuned", "필터를"]),'
        ' q.unansweredTerms("필터", ["필"])]'
    )
    assert result == [["xylophone"], [], ["필터"]]
