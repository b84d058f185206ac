"""The repository's own tasks: `invoke --list` fits a screen, `clear-demo` keeps your files."""

from __future__ import annotations

import shutil
import subprocess

from sitebuild import ROOT, run_invoke


def invoke(folder, *args):
    return run_invoke(folder, *args, COLUMNS="80")


def git(folder, *args):
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def test_invoke_list_shows_each_task_on_one_line():
    listed = invoke(ROOT, "--list")
    assert listed.returncode == 0, listed.stderr
    lines = [line for line in listed.stdout.splitlines()[1:] if line.strip()]
    names = [line.split()[0] for line in lines]
    assert not [line for line in lines if line.startswith("   ")], "a task's help wraps"
    assert {"build", "serve", "publish", "new", "translate", "test", "clear-demo"} <= set(names)
    assert all(len(line) <= 80 for line in lines)


def test_clear_demo_removes_the_demo_and_keeps_what_the_writer_changed(tmp_path):
    clone = tmp_path / "blog"
    clone.mkdir()
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, clone / name)
    shutil.copytree(ROOT / "content", clone / "content")
    git(clone, "init", "-q")
    git(clone, "add", ".")
    git(clone, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "demo")
    mine = clone / "content" / "my-first-post.en.md"
    mine.write_text("Title: Mine\nDate: 2026-12-05\n\nMy words.\n", encoding="utf-8")
    edited = clone / "content" / "field-notes" / "logging-everything.en.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMy note.\n", encoding="utf-8")
    (clone / "output").mkdir()
    (clone / "output" / "index.html").write_text("old", encoding="utf-8")

    cleared = invoke(clone, "clear-demo")

    assert cleared.returncode == 0, cleared.stderr
    left = sorted(str(p.relative_to(clone)) for p in (clone / "content").rglob("*") if p.is_file())
    assert left == ["content/field-notes/logging-everything.en.md", "content/my-first-post.en.md"]
    assert not (clone / "output").exists()
    assert "kept, as you changed them:\n  content/field-notes/logging-everything.en.md" in (
        cleared.stdout
    )
    assert "pelicanconf.py:" in cleared.stdout and "SERIES" in cleared.stdout

    built = invoke(clone, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    assert (clone / "output" / "posts" / "my-first-post" / "index.html").exists()
