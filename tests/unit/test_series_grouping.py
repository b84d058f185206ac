import datetime
import re
from dataclasses import dataclass, field

import pytest
from pelican.plugins.bilingual.series_threads.grouping import (
    Entry,
    collect_entries,
    normalize_config,
    parse_index,
    resolve_series_id,
)
from pelican.plugins.bilingual.series_threads.ordering import (
    feed_order,
    order_threads,
    representatives,
    window,
)
from pelican.plugins.bilingual.series_threads.problems import check_entries


@dataclass
class Post:
    slug: str
    lang: str = "en"
    date: datetime.datetime = datetime.datetime(2026, 3, 1)
    metadata: dict = field(default_factory=dict)
    status: str = "published"
    source_path: str = ""

    def __post_init__(self):
        self.source_path = self.source_path or f"content/{self.slug}.{self.lang}.md"


def day(n):
    return datetime.datetime(2026, 3, 1) + datetime.timedelta(days=n)


def entry(slug, index=None, sub=None, lang="en", date=None, series="s"):
    return Entry(Post(slug, lang, date or day(0)), series, sub, index)


CONFIG = normalize_config(
    {
        "finai-build": {
            "name": {"en": "FinAI Build", "ko": "4개월 개발기"},
            "aliases": ["Build Log"],
        }
    }
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("FinAI Build", "finai-build"),
        ("4개월 개발기", "finai-build"),
        ("finai-build", "finai-build"),
        ("build log", "finai-build"),
        ("  Commentary  ", "commentary"),
        ("Study Thread", "study-thread"),
    ],
)
def test_series_identity_is_stable_across_languages(name, expected):
    assert resolve_series_id(name, CONFIG) == expected


def test_normalize_config_rejects_a_non_dict_entry():
    with pytest.raises(ValueError, match=r"invalid SERIES\['x'\]"):
        normalize_config({"x": "Not a dict"})


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ({"s": {"name": "Study"}}, "invalid SERIES['s']['name']: expected {language: text}"),
        ({"s": {"description": ["Étude"]}}, "invalid SERIES['s']['description']: expected"),
    ],
)
def test_normalize_config_names_a_bad_entry(setting, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        normalize_config(setting)


def test_a_series_text_in_a_language_the_site_lacks_is_named_not_refused():
    from pelican.plugins.bilingual.series_threads.grouping import unknown_languages

    setting = {
        "s": {"name": {"en": "Study", "ko": "공부", "jp": "勉強"}, "description": {"FR": "x"}},
        "t": {"name": {"EN": "Other"}},
        "u": "not a dict",
    }
    lines = unknown_languages(setting, ["en", "ko"])
    assert lines == [
        "series_threads: SERIES['s']['name'] has a text in 'jp', which is not one of the "
        "site's languages (en, ko); it is not shown",
        "series_threads: SERIES['s']['description'] has a text in 'FR', which is not one of "
        "the site's languages (en, ko); it is not shown",
    ]
    assert normalize_config(setting | {"u": {}})["s"].names["jp"] == "勉強"


def test_a_name_with_nothing_to_slug_gets_a_stable_id():
    first = resolve_series_id("🌱", {})
    assert first.startswith("series-") and len(first) == 15
    assert resolve_series_id(" 🌱 ", {}) == first
    assert resolve_series_id("++", {}) != first


def test_a_very_long_name_gets_an_id_that_fits_a_file_name():
    long_id = resolve_series_id("a" * 300, {})
    assert len(long_id) <= 64 and long_id.startswith("aaaa")
    assert resolve_series_id("a" * 300, {}) == long_id != resolve_series_id("a" * 299, {})


def test_zero_configuration_works():
    assert normalize_config(None) == {}
    assert resolve_series_id("Field Notes", {}) == "field-notes"


@pytest.mark.parametrize(
    ("raw", "value"), [("1", 1), (" 12 ", 12), (3, 3), (None, None), ("", None)]
)
def test_parse_index(raw, value):
    assert parse_index(raw) == value


@pytest.mark.parametrize("raw", ["0", "-1", "two", "1.5", "1e3"])
def test_parse_index_rejects(raw):
    with pytest.raises(ValueError):
        parse_index(raw)


def test_collect_entries_reports_bad_index_and_orphan_subseries():
    posts = [
        Post("a", metadata={"series": "FinAI Build", "series_index": "2"}),
        Post("b", metadata={"series": "X", "series_index": "two"}),
        Post("c", metadata={"subseries": "PLE", "series_index": "1"}),
        Post("d", metadata={}),
    ]
    entries, errors = collect_entries(posts, CONFIG)
    assert [(e.slug, e.series_id, e.index) for e in entries] == [("a", "finai-build", 2)]
    assert [str(e) for e in errors] == [
        "content/b.en.md: field 'Series_index' is 'two'; it must be a positive whole number "
        "(1, 2, 3 …)",
        "content/c.en.md: field 'Subseries' is 'PLE' but the post has no 'Series'; add the "
        "series it belongs to",
    ]
    assert [(e.severity, e.field) for e in errors] == [
        ("error", "Series_index"),
        ("error", "Subseries"),
    ]


def test_episodes_order_by_number_not_text_with_more_than_ten():
    entries = [entry(f"e{i}", i, date=day(20 - i)) for i in (11, 2, 10, 1, 3)]
    (thread,) = order_threads(entries)
    assert [e.index for e in thread.entries] == [1, 2, 3, 10, 11]


def test_ties_on_index_fall_back_to_date_then_path():
    a = entry("b-late", 1, date=day(2))
    b = entry("a-early", 1, date=day(1))
    c = entry("c-same", 1, date=day(1))
    (thread,) = order_threads([a, c, b])
    assert [e.slug for e in thread.entries] == ["a-early", "c-same", "b-late"]


def test_a_feed_lists_posts_of_the_same_day_in_the_same_order_every_build():
    """Newest first; the same moment: the later episode first, then by file, whatever
    order the posts come in (Pelican reads files as a set)."""
    posts = [
        entry("tutorial-index", date=day(0)),
        entry("register", 2, date=day(5)),
        entry("first-user", 3, date=day(5)),
        entry("update", date=day(9)),
        entry("b-no-index", date=day(5)),
        entry("a-no-index", date=day(5)),
    ]
    expected = ["update", "first-user", "register", "b-no-index", "a-no-index", "tutorial-index"]
    for turn in range(6):
        shuffled = posts[turn:] + posts[:turn]
        assert [p.slug for p in feed_order(shuffled)] == expected
        assert [p.slug for p in feed_order(reversed(shuffled))] == expected


def test_series_without_indices_order_by_date():
    (thread,) = order_threads([entry("late", date=day(5)), entry("early", date=day(1))])
    assert [e.slug for e in thread.entries] == ["early", "late"]


def test_subseries_order_by_their_first_episode_date():
    entries = [
        entry("ple-2", 2, "PLE", date=day(3)),
        entry("adatt-1", 1, "ADATT", date=day(10)),
        entry("ple-1", 1, "PLE", date=day(1)),
        entry("adatt-2", 2, "ADATT", date=day(12)),
    ]
    threads = order_threads(entries)
    assert [t.key for t in threads] == ["PLE", "ADATT"]
    labels = [e.label for thread in threads for e in thread.entries]
    assert labels == ["PLE-1", "PLE-2", "ADATT-1", "ADATT-2"]


def test_representatives_prefer_the_page_language_and_keep_single_language_posts():
    rows = representatives(
        [entry("a", 1, lang="en"), entry("a", 1, lang="ko"), entry("b", 2, lang="ko")],
        "en",
        ["en", "ko"],
    )
    assert sorted((e.slug, e.lang) for e in rows) == [("a", "en"), ("b", "ko")]


def test_duplicate_number_is_an_error_naming_both_files():
    problems = check_entries([entry("x", 1), entry("y", 1), entry("z", 1, lang="ko")])
    assert [str(e) for e in problems.errors] == [
        "content/x.en.md and content/y.en.md: same 'Series_index' 1 in series 's' (en); "
        "give each episode its own number",
    ]


def test_same_number_in_different_subseries_is_fine():
    assert check_entries([entry("x", 1, "A"), entry("y", 1, "B")]).errors == ()


def test_pairs_that_disagree_and_gaps_are_warnings():
    problems = check_entries(
        [
            entry("a", 1),
            entry("a", 1, lang="ko"),
            entry("c", 3),
            entry("c", 4, lang="ko"),
        ]
    )
    assert problems.errors == ()
    assert [(w.severity, w.path, w.field, w.message) for w in problems.warnings] == [
        (
            "warning",
            "content/c.ko.md",
            "Series_index",
            "translations disagree on 'Series_index' (4 vs 3)",
        ),
        # 3 (en) and 4 (ko) exist in some language: only 2 is missing everywhere; told
        # on the episode after the gap.
        ("warning", "content/c.en.md", "Series_index", "series 's' has no episode numbered 2"),
    ]
    assert problems.warnings[0].others == ("content/c.en.md",)


def test_an_episode_in_one_language_fills_its_number_for_every_language():
    problems = check_entries([entry("a", 1), entry("a", 1, lang="ko"), entry("b", 2)])
    assert problems.warnings == ()


@pytest.mark.parametrize(
    ("count", "current", "expected"),
    [
        (5, 2, [0, 1, 2, 3, 4]),
        (9, 8, list(range(9))),
        (20, 0, [0, 1, 2, 3, None, 19]),
        (20, 10, [0, None, 7, 8, 9, 10, 11, 12, 13, None, 19]),
        (20, 19, [0, None, 16, 17, 18, 19]),
        (20, 4, [0, 1, 2, 3, 4, 5, 6, 7, None, 19]),
    ],
)
def test_window_keeps_first_last_and_neighbours(count, current, expected):
    assert window(count, current) == expected


def test_translations_in_different_series_are_named_as_typed_with_the_setting_as_fix():
    first = Entry(Post("a", "en", metadata={"series": "Seed Starting"}), "seed-starting", None, 1)
    other = Entry(Post("a", "ko", metadata={"series": "씨앗 키우기"}), "ssias-kiugi", None, 1)
    (found,) = check_entries([first, other]).warnings
    assert found.message == "translations name different series ('씨앗 키우기' vs 'Seed Starting')"
    assert "SERIES setting" in found.fix and "aliases" in found.fix


def test_a_subseries_matches_its_key_in_any_case_or_any_name():
    # `Subseries: ml` where SERIES defines `ML` made a sub-series of its own.
    configs = normalize_config(
        {
            "study": {
                "subseries": {
                    "ML": {"name": {"en": "Machine learning", "ko": "머신러닝"}},
                    "KAL": {},
                }
            }
        }
    )
    posts = [
        Post("a", metadata={"series": "study", "subseries": "ml", "series_index": "1"}),
        Post("b", metadata={"series": "study", "subseries": "머신러닝", "series_index": "2"}),
        Post("c", metadata={"series": "study", "subseries": "Kal", "series_index": "1"}),
        Post("d", metadata={"series": "study", "subseries": "RL", "series_index": "1"}),
        Post("e", metadata={"series": "other", "subseries": "any", "series_index": "1"}),
    ]
    entries, problems = collect_entries(posts, configs)
    assert [(e.slug, e.subseries) for e in entries] == [
        ("a", "ML"),
        ("b", "ML"),
        ("c", "KAL"),
        ("d", "RL"),  # not defined: a sub-series of its own, as before
        ("e", "any"),  # a series without SERIES sub-series keeps what the posts say
    ]
    assert problems == []
