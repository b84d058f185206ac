"""Hangul in addresses (Revised Romanization) and names in the order readers look them up."""

from __future__ import annotations

import pytest
from pelican.plugins.bilingual.core.romanize import romanized, romanizes, slug_source
from pelican.plugins.bilingual.localization.l10n import by_name, name_order
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

SUBS = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        # The sound rules letter-by-letter transliteration misses.
        ("장마철 노트북 관리", "jangmacheol-noteubuk-gwalli"),
        ("러스트", "reoseuteu"),
        ("독립문", "dongnimmun"),
        ("해돋이", "haedoji"),
        ("같이 먹는 김치", "gachi-meongneun-gimchi"),
        ("신라 종로", "silla-jongno"),
        # The rule's in-word hyphen (han-gugeo) would cut the word in a slug.
        ("한국어", "hangugeo"),
        # Latin, digits and signs around Hangul are left to Pelican's slugify.
        ("한국어 Rust 2.0 노트", "hangugeo-rust-20-noteu"),
        ("Plain English", "plain-english"),
    ],
)
def test_hangul_titles_become_revised_romanization_slugs(title, slug):
    assert slugify(slug_source(title, DEFAULT_CONFIG), regex_subs=SUBS) == slug


def test_what_the_rules_cannot_read_is_left_as_it_is():
    assert romanized("ㄱ") == "ㄱ"  # a lone jamo: Pelican transliterates it
    assert romanized("") == ""


def test_the_setting_keeps_pelicans_letters_or_unicode_slugs():
    assert romanizes({})
    assert not romanizes({"SLUGIFY_HANGUL": "letters"})
    assert not romanizes({"SLUGIFY_USE_UNICODE": True})
    assert slug_source("장마철", {"SLUGIFY_HANGUL": "letters"}) == "장마철"


def test_names_sort_in_the_order_readers_look_them_up():
    names = ["하늘", "각", "가나", "Éclair", "dune", "Apple", "나무", "zebra", "2024"]
    assert sorted(names, key=name_order) == [
        "2024",
        "Apple",
        "dune",
        "Éclair",
        "zebra",
        "가나",
        "각",
        "나무",
        "하늘",
    ]
    pairs = [("나무", [1]), ("가나", [1, 2])]
    assert by_name(pairs) == [("가나", [1, 2]), ("나무", [1])]
