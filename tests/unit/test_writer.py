"""Output files that do not change are not rewritten (plugins/common/writer.py)."""

from __future__ import annotations

from common.writer import same_bytes, sync_tree


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
