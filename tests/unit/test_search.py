"""The search plugin's pure parts, and the search page's query rules (run with Node)."""

from __future__ import annotations

import json
import shutil
import subprocess

from pelican.plugins.bilingual.search.collect import marked_pages, site_folders
from pelican.plugins.bilingual.search.pagefind_run import indexed_count
from sitebuild import ROOT, missing_tool

QUERY_JS = ROOT / "theme" / "static" / "js" / "query.js"


def test_each_language_site_has_its_folder(tmp_path):
    folders = site_folders(tmp_path, [("en", ""), ("ko", "ko"), ("ja", "/lang/ja/")])
    assert folders == {"en": tmp_path, "ko": tmp_path / "ko", "ja": tmp_path / "lang" / "ja"}


def test_only_written_pages_marked_in_a_tag_count(tmp_path):
    for name in ("a", "b", "c", "d"):
        (tmp_path / "posts" / name).mkdir(parents=True)
    a, b, c, d = (tmp_path / "posts" / name / "index.html" for name in "abcd")
    a.write_text('<main><article class="post" data-pagefind-body>text</article></main>')
    # A post about Pagefind that writes the attribute in its text is not marked.
    b.write_text("<p>&lt;article data-pagefind-body&gt; marks the body</p> data-pagefind-body")
    c.write_text("<article data-pagefind-body>a list page that is not written now</article>")
    d.write_text('<article data-pagefind-body data-status="published"></article>')
    feed = tmp_path / "feed.xml"
    feed.write_text("<feed data-pagefind-body></feed>")
    # c is marked but was written by an earlier build, not this one.
    assert marked_pages([d, a, b, a, feed]) == [a, d]


def test_the_quick_look_for_the_mark_follows_the_rule():
    """`is_marked` gives what `BODY_MARK` (the rule, a regular expression) gives, on
    random text made of the pieces that matter: tags, spaces, `=`, the attribute."""
    import random

    from pelican.plugins.bilingual.search.collect import BODY_MARK, is_marked

    pieces = [b"<", b">", b"a", b"1", b" ", b"\n", b"=", b"/", b"data-pagefind-body", b"x"]
    weights = [3, 2, 3, 1, 4, 1, 2, 1, 4, 1]
    chance = random.Random(29)
    marked = 0
    for _ in range(20000):
        page = b"".join(chance.choices(pieces, weights, k=chance.randint(1, 10)))
        assert is_marked(page) == bool(BODY_MARK.search(page)), page
        marked += is_marked(page)
    assert marked > 40  # the random pages did hold marks
    assert is_marked(b'<article class="post"\tdata-pagefind-body="">')
    assert not is_marked(b"<p>&lt;article data-pagefind-body&gt;</p> data-pagefind-body")


def test_the_page_count_comes_from_the_bundle_entry(tmp_path):
    assert indexed_count(tmp_path) == 0
    entry = {"languages": {"en": {"page_count": 12}, "ko": {"page_count": 3}}}
    (tmp_path / "pagefind-entry.json").write_text(json.dumps(entry))
    assert indexed_count(tmp_path) == 15
    for damaged in ("", '{"languages": {"en": {"page_count": 12}', "[]", '{"version": "1"}'):
        (tmp_path / "pagefind-entry.json").write_text(damaged)
        assert indexed_count(tmp_path) is None


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
    "측정한": "측정",
    "제한": "제한",  # one syllable would be left: a word of its own
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
        '[q.unansweredTerms("칼만 xylophone", "칼만 필터를 (x) 쓴다."),'
        ' q.unansweredTerms("tuning 필터", "We tuned the 필터를, twice."),'
        ' q.unansweredTerms("필터", "필 하나")]'
    )
    assert result == [["xylophone"], [], ["필터"]]


def test_chinese_and_japanese_words_are_found_wherever_they_stand():
    # Written without spaces: Pagefind segments the text itself, so the page's text
    # answers a query word in these scripts by holding it anywhere.
    result = run_query_js(
        '[q.unansweredTerms("障害", "昨日のサーバー障害は三時間続いた。"),'
        ' q.unansweredTerms("料金", "电费和水费的料金表在这里。"),'
        ' q.unansweredTerms("障害 Rust", "サーバー障害が起きた。Rustで書き直した。"),'
        ' q.unansweredTerms("障害", "今日は晴れ。")]'
    )
    assert result == [[], [], [], ["障害"]]


def test_a_dictionary_form_gives_the_stems_it_takes_in_text():
    words = ["만들다", "고치다", "나누다", "보다", "쓰다", "모르다", "빠르다", "덥다", "듣다",
             "낫다", "측정하다", "줄이다", "바쁘다", "부르다", "서울", "PID", "다"]  # fmt: skip
    stems = run_query_js(f"{json.dumps(words)}.map(q.verbStems)")
    assert dict(zip(words, stems, strict=True)) == {
        "만들다": ["만들", "만드"],  # 만든, 만드는: ㄹ drops
        "고치다": ["고치", "고쳐"],
        "나누다": ["나누", "나눠"],
        "보다": ["보", "봐"],
        "쓰다": ["쓰", "써"],
        "모르다": ["모르", "몰라"],  # 르 irregular
        "빠르다": ["빠르", "빨라"],
        "덥다": ["덥", "더우", "더워"],  # ㅂ irregular
        "듣다": ["듣", "들어"],  # ㄷ irregular
        "낫다": ["낫", "나으", "나아"],  # ㅅ irregular
        "측정하다": ["측정하", "측정해"],
        "줄이다": ["줄이", "줄여"],
        "바쁘다": ["바쁘", "바빠"],
        "부르다": ["부르", "불러"],
        "서울": [],
        "PID": [],
        "다": [],
    }


def test_a_stem_answers_its_conjugated_words_only():
    pairs = [("만들", "만들었다"), ("만드", "만든"), ("만드", "만드는"), ("나눠", "나눴다"),
             ("고쳐", "고쳤다."), ("더우", "더운"), ("측정하", "측정합니다"), ("덥", "덥거나"),
             ("바", "바다를"), ("바", "바람"), ("바", "바꾸다"), ("가지", "가지를"),
             ("쓰", "쓰레기")]  # fmt: skip
    found = run_query_js(f"{json.dumps(pairs)}.map(([s, w]) => q.isConjugated(s, w))")
    assert found == [True] * 9 + [False] * 4


def test_a_one_syllable_word_is_itself_or_with_a_particle():
    pairs = [("비", "비"), ("비", "비가"), ("비", "비에서"), ("비", "비닐"), ("비", "비교를")]
    found = run_query_js(f"{json.dumps(pairs)}.map(([t, w]) => q.isSyllableWord(t, w))")
    assert found == [True, True, True, False, False]


def test_stem_searches_follow_the_word_as_typed():
    # 이다 comes off 줄이다 as off 모델이다; typed, it is the verb 줄이다.
    assert run_query_js('q.stemSearches("온도 줄", "온도 줄이다")') == [
        ["온도 줄이", "줄이"],
        ["온도 줄여", "줄여"],
    ]
    assert run_query_js('q.stemSearches("서울 필터")') == []
