"""Output files that do not change are not rewritten (plugins/bilingual/engine/writer.py)."""

from __future__ import annotations

import os

import jinja2
import pytest
from pelican.plugins.bilingual.core import BuildStopped
from pelican.plugins.bilingual.core.files import same_bytes, same_files, sync_tree
from pelican.plugins.bilingual.engine.writer import KeepUnchangedWriter
from pelican.settings import read_settings


def tree(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_sync_keeps_unchanged_files_and_removes_stale_ones(tmp_path):
    new, old = tmp_path / "new", tmp_path / "old"
    (new / "posts" / "a").mkdir(parents=True)
    (old / "posts" / "b").mkdir(parents=True)
    (old / ".git").mkdir()
    (new / "index.html").write_text("same")
    (old / "index.html").write_text("same")
    (new / "posts" / "a" / "index.html").write_text("new post")
    (old / "posts" / "b" / "index.html").write_text("a post since deleted")
    (old / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages")
    kept = old / "index.html"
    before = kept.stat().st_mtime_ns
    assert sync_tree(new, old, keep=[".git"]) == (1, 1)
    assert kept.stat().st_mtime_ns == before
    assert tree(old) == [".git/HEAD", "index.html", "posts/a/index.html"]
    assert not (old / "posts" / "b").exists()


def test_sync_into_nothing_moves_the_folder(tmp_path):
    new = tmp_path / "new"
    new.mkdir()
    (new / "a.html").write_text("x")
    assert sync_tree(new, tmp_path / "old") == (1, 0)
    assert tree(tmp_path / "old") == ["a.html"] and not new.exists()


def test_a_file_where_a_folder_was_and_back(tmp_path):
    new, old = tmp_path / "new", tmp_path / "old"
    (new / "about").mkdir(parents=True)
    (new / "about" / "index.html").write_text("page")
    old.mkdir()
    (old / "about").write_text("a file named like the folder")
    sync_tree(new, old)
    assert tree(old) == ["about/index.html"]


def test_same_bytes(tmp_path):
    path = tmp_path / "f"
    assert not same_bytes(str(path), b"x")
    path.write_bytes(b"x")
    assert same_bytes(str(path), b"x") and not same_bytes(str(path), b"y")


def _writer(tmp_path):
    settings = read_settings(override={"OUTPUT_PATH": str(tmp_path)})
    return KeepUnchangedWriter(str(tmp_path), settings=settings)


def _page(body: str):
    env = jinja2.Environment()
    env.globals["boom"] = lambda: 1 / 0
    return env.from_string(body)


def test_a_page_is_rendered_into_its_file_and_kept_when_unchanged(tmp_path):
    template = _page("{% for n in range(count) %}<p>{{ n }}</p>{% endfor %}")
    target = tmp_path / "list.html"
    _writer(tmp_path).write_file("list.html", template, {"count": 10000})
    text = target.read_text(encoding="utf-8")
    assert text == "".join(f"<p>{n}</p>" for n in range(10000))  # more than one batch
    os.utime(target, ns=(1, 1))
    _writer(tmp_path).write_file("list.html", template, {"count": 10000})
    assert target.stat().st_mtime_ns == 1  # same bytes: not replaced
    _writer(tmp_path).write_file("list.html", template, {"count": 9999})
    assert target.stat().st_mtime_ns != 1
    assert target.read_text(encoding="utf-8").endswith("<p>9998</p>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.html"]


def test_a_page_that_fails_halfway_leaves_the_old_file_and_no_staging_file(tmp_path):
    target = tmp_path / "list.html"
    target.write_text("old", encoding="utf-8")
    template = _page("{% for n in range(5000) %}<p>{{ n }}</p>{% endfor %}{{ boom() }}")
    with pytest.raises(BuildStopped, match=r"list\.html: ZeroDivisionError"):
        _writer(tmp_path).write_file("list.html", template, {})
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.html"]


def test_same_files(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.write_bytes(b"a" * 70000)
    assert not same_files(str(one), str(two))
    two.write_bytes(b"a" * 69999 + b"b")
    assert not same_files(str(one), str(two))
    two.write_bytes(b"a" * 70000)
    assert same_files(str(one), str(two))
