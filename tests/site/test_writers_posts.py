"""The theme on posts as a new writer writes them (tests/fixtures/writers-posts)."""

from __future__ import annotations

BLOCKS = ("pre", "img", "table", "ul", "ol", "h2", "h3", "blockquote", "figure")


def test_lists_show_text_teasers_never_the_top_of_the_post(writers_site):
    for page in ("", "ko/", "archives/", "ko/archives/", "tags/rust/", "ko/tags/jangma/"):
        soup = writers_site.soup(page)
        teasers = soup.select(".post-row__summary")
        assert teasers, page
        for teaser in teasers:
            assert not teaser.find(BLOCKS), (page, str(teaser)[:200])
            assert "fs::read_to_string" not in teaser.get_text()
    home = writers_site.soup("")
    first = next(
        t for t in home.select(".post-row__summary") if "configuration file" in t.get_text()
    )
    assert first.get_text(" ", strip=True).endswith("…")


def test_a_korean_teaser_is_cut_at_a_space(writers_site):
    teaser = next(
        t.get_text()
        for t in writers_site.soup("ko/").select(".post-row__summary")
        if "설정 파일" in t.get_text()
    )
    assert teaser.startswith("설정 파일 하나를 읽으려다")
    assert "열기" not in teaser  # the heading stays on the post's page


def test_korean_tags_in_dictionary_order_with_revised_romanization_addresses(writers_site):
    links = writers_site.soup("ko/tags/").select(".term-list a")
    names = [a.get_text() for a in links]
    assert names == sorted(names) and names[:3] == ["노트북", "러스트", "생활"]
    addresses = {a.get_text(): a["href"] for a in links}
    assert addresses["러스트"] == "/ko/tags/reoseuteu/"
    assert addresses["입출력"] == "/ko/tags/ipchullyeok/"  # not ibculryeog


def test_contents_box_numbers_sections_and_nests_sub_sections(writers_site):
    box = writers_site.soup("posts/ep1-reading-files/").select_one(".contents-box__list")
    top = box.find_all("li", recursive=False)
    assert [li.a.get_text() for li in top] == ["Opening", "Reading", "Paths"]
    assert top[0].select_one(".contents-box__sublist a").get_text() == "The error type"


def test_next_episode_in_another_sub_series_says_so(writers_site):
    nav = writers_site.soup("posts/ep1-reading-files/").select_one(".series-box__next")
    assert nav.select_one(".series-box__thread").get_text().startswith("Types")


def test_a_long_title_gets_the_smaller_size(writers_site):
    for page in ("posts/ep1-reading-files/", "ko/posts/ep1-reading-files/"):
        assert "post__title--long" in writers_site.soup(page).h1["class"]
    assert "post__title--long" not in writers_site.soup("posts/ep2-enums/").h1["class"]


def test_an_untranslated_post_keeps_the_note_for_screen_readers_only(writers_site):
    switch = writers_site.soup("posts/ep2-enums/").select_one(".lang-switch")
    note = switch.select_one(".lang-switch__note")
    assert "visually-hidden" in note["class"]
    link = switch.find("a", attrs={"aria-describedby": note["id"]})
    assert link["title"] == note.get_text()
