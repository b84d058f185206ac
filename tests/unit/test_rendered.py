"""The rendered-page record (plugins/bilingual/engine/rendered.py): what a post or page file
depends on, and when a template lets it be skipped."""

from __future__ import annotations

import dataclasses
import os
from types import SimpleNamespace

import jinja2
import pytest
from pelican.plugins.bilingual.core import dependencies
from pelican.plugins.bilingual.engine import rendered


def env_with(templates: dict[str, str]) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader(templates))


def test_template_reads_follows_extends_imports_and_includes():
    env = env_with(
        {
            "base.html": '{% import "m.html" as m %}<title>{{ SITENAME }}</title>'
            "{% block body %}{% endblock %}{% include 'foot.html' %}",
            "m.html": "{% macro show(x) %}{{ x.title }} {{ pages|length }}{% endmacro %}",
            "foot.html": "{% for t in tags %}{{ t }}{% endfor %}",
            "article.html": '{% extends "base.html" %}{% block body %}{{ m.show(article) }}'
            "{% endblock %}",
        }
    )
    reads = rendered.template_reads(env, "article.html")
    assert {"article", "SITENAME", "pages", "tags"} <= reads
    assert "m" not in reads  # bound by the parent's import
    assert rendered.uncovered(reads, env.globals) == {"tags"}
    assert rendered.uncovered({"article", "range", "X_Y"}, env.globals) == set()


def vouch_for_box(sender):
    return {"box"}


def test_a_context_name_is_covered_once_a_feature_vouches_for_it():
    assert rendered.uncovered({"article", "box"}, {}) == {"box"}
    dependencies.CONTEXT_NAMES.connect(vouch_for_box)
    try:
        assert rendered.uncovered({"article", "box"}, {}) == set()
    finally:
        dependencies.CONTEXT_NAMES.disconnect(vouch_for_box)


@dataclasses.dataclass(frozen=True)
class Series:
    id: str
    all: tuple
    index: int


def item(path, slug, series=None, content=""):
    return SimpleNamespace(
        source_path=path, slug=slug, series=series, _content=content, metadata={}
    )


# A feature's declarations, as the series plugin makes them (`core.dependencies`).
def shows_series(item, memo):
    series = getattr(item, "series", None)
    return dependencies.plain_text(series, memo) if isinstance(series, Series) else None


def shows_series_ids(contents):
    return repr(sorted({x.series.id for x in contents if isinstance(x.series, Series)}))


@pytest.fixture
def series_feature():
    dependencies.PAGE_SHOWS.connect(shows_series)
    dependencies.SITE_SHOWS.connect(shows_series_ids)
    yield
    dependencies.PAGE_SHOWS.disconnect(shows_series)
    dependencies.SITE_SHOWS.disconnect(shows_series_ids)


def test_dependencies_are_translations_links_and_what_features_declare(series_feature):
    thread = ("Part one", "Part two")
    a_en = item("/c/a.en.md", "a", Series("s", thread, 1))
    a_ko = item("/c/a.ko.md", "a")
    b_en = item("/c/b.en.md", "b", Series("s", thread, 2))
    loose = item("/c/sub/loose.en.md", "loose")
    other = item("/c/other.en.md", "other")
    everything = [a_en, a_ko, b_en, loose, other]
    sizes = {x.source_path: 10 for x in everything}

    def texts():
        deps = rendered.Dependencies(
            [*everything, None],
            "/c",
            entry=lambda source: (source, sizes[source], 0),
            read=lambda source: sources.get(source, b"Title: x\n\nText.\n"),
        )
        return {x.source_path: deps.of(x) for x in everything}

    def changed(source):
        before = texts()
        sizes[source] += 1
        after = texts()
        return {path for path in before if before[path] != after[path]}

    sources = {"/c/inc.en.rst": b".. include:: ../outside.rst\n"}
    assert texts() == texts()  # the same files, the same texts
    assert changed("/c/a.ko.md") == {"/c/a.en.md", "/c/a.ko.md"}  # translations
    # Another episode's text: the series box shows nothing of it.
    assert changed("/c/b.en.md") == {"/c/b.en.md"}
    before = texts()
    b_en.series = Series("s", ("Part one", "Part two, retitled"), 2)
    a_en.series = Series("s", ("Part one", "Part two, retitled"), 1)
    after = texts()
    assert {p for p in before if before[p] != after[p]} == {"/c/a.en.md", "/c/b.en.md"}
    # A link in the source (body or a field such as Summary:) to another post.
    sources["/c/sub/loose.en.md"] = b"Summary: see [it]({filename}../other.en.md#part)\n\nx\n"
    assert changed("/c/other.en.md") == {"/c/other.en.md", "/c/sub/loose.en.md"}
    including = item("/c/inc.en.rst", "inc")
    assert rendered.Dependencies([including], "/c", read=sources.get).of(including) is None


def test_link_targets_resolve_as_pelican_does():
    text = (
        '<a href="{filename}../b.en.md#x">b</a> <a href="|filename|/top%20one.md?v=1">t</a> '
        '<img src="{static}/images/p.png"> <a href="{tag}python">tag</a>'
    )
    assert rendered.link_targets(text, "/c/sub/a.en.md", "/c") == {"/c/b.en.md", "/c/top one.md"}


def test_site_digest_changes_with_the_file_list_the_menu_and_what_features_declare(
    tmp_path, series_feature
):
    page = tmp_path / "about.md"
    page.write_text("About", encoding="utf-8")

    class Page(SimpleNamespace):
        pass

    posts = [item(str(tmp_path / "a.md"), "a", Series("s", (), 1))]
    menu = [Page(source_path=str(page), series=None)]
    first = rendered.site_digest("base", posts + menu, str(tmp_path), (Page,))
    assert rendered.site_digest("base", posts + menu, str(tmp_path), (Page,)) == first
    assert rendered.site_digest("other", posts + menu, str(tmp_path), (Page,)) != first
    more = [*posts, item(str(tmp_path / "b.md"), "b")]
    assert rendered.site_digest("base", more + menu, str(tmp_path), (Page,)) != first
    new_series = [item(str(tmp_path / "a.md"), "a", Series("t", (), 1))]
    assert rendered.site_digest("base", new_series + menu, str(tmp_path), (Page,)) != first
    page.write_text("About us", encoding="utf-8")  # a menu page edited: its title may show
    assert rendered.site_digest("base", posts + menu, str(tmp_path), (Page,)) != first


def test_a_file_is_unchanged_only_with_the_same_signature_and_stat(tmp_path):
    path = tmp_path / "index.html"
    path.write_text("<p>", encoding="utf-8")
    entry = rendered.file_entry(str(path), "sig")
    kept = {str(path): entry}
    assert rendered.unchanged(kept, str(path), "sig")
    assert not rendered.unchanged(kept, str(path), "other")
    os.utime(path, ns=(1, 1))  # touched by hand since
    assert not rendered.unchanged(kept, str(path), "sig")
    path.unlink()
    assert not rendered.unchanged(kept, str(path), "sig")
    assert rendered.file_entry(str(path), "sig") is None


def test_a_record_survives_saving_and_a_damaged_one_is_empty(tmp_path):
    record = rendered.RenderedPages(tmp_path / "r.json", kept={"/a": ["s", 1, 2]})
    record.now["/b"] = ["t", 3, 4]
    record.rendered, record.skipped = 1, 1
    rendered.save(record)
    assert rendered.load(tmp_path / "r.json") == {"/a": ["s", 1, 2], "/b": ["t", 3, 4]}
    (tmp_path / "r.json").write_text("{", encoding="utf-8")
    assert rendered.load(tmp_path / "r.json") == {}
    assert rendered.load(tmp_path / "missing.json") == {}


def test_a_template_named_at_render_time_is_never_covered():
    env = env_with({"a.html": '{% set side = "b.html" %}{% include side %}', "b.html": "x"})
    reads = rendered.template_reads(env, "a.html")
    assert rendered.DYNAMIC in rendered.uncovered(reads, env.globals)


def test_a_value_that_is_not_plain_is_refused_not_hashed_by_its_repr():
    class Post:  # its repr says nothing of its content
        pass

    @dataclasses.dataclass(frozen=True)
    class Row:
        title: str
        post: object

    same = dependencies.plain_text(Row("t", None))
    assert (
        same == dependencies.plain_text(Row("t", None)) != dependencies.plain_text(Row("u", None))
    )
    assert len(same) < 80  # a digest, however long the value
    with pytest.raises(TypeError, match="a Post is not a value a page shows"):
        dependencies.plain_text(Row("t", Post()))
