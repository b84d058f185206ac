"""`invoke serve` builds in forks of a process that loaded Pelican once
(plugins/bilingual/engine/prepared.py): consecutive builds there write what new processes write."""

from __future__ import annotations

import os
import re
import shutil
import textwrap
from pathlib import Path

from pelican.plugins.bilingual.engine.prepared import PreparedPelican
from sitebuild import BUILD_EPOCH, DEV_SETTINGS, FIXTURES, ROOT, SERIES_SETTING, run_pelican
from test_warm_builds import assert_same_site, set_field


def messages(log: str) -> list[str]:
    """The build's warnings and errors, without times and source lines."""
    return [
        re.sub(r"\s+\S+\.py:\d+$", "", re.split(r"WARNING|ERROR", line, maxsplit=1)[1].strip())
        for line in log.splitlines()
        if "WARNING" in line or "ERROR" in line
    ]


def test_consecutive_builds_in_forks_write_what_new_processes_write(tmp_path):
    prepared = PreparedPelican(DEV_SETTINGS, ROOT)
    assert prepared.current()
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "series", content)
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "COLUMNS": "400"}
    post = content / "build-2.en.md"
    good = post.read_text(encoding="utf-8")
    steps = [
        lambda: None,
        lambda: post.write_text(good + "\nA new paragraph.\n", encoding="utf-8"),
        # A build that fails (a language no site has), then one that works again.
        lambda: set_field(post, "Lang", "fr"),
        lambda: set_field(post, "Lang", "en"),
        lambda: set_field(content / "zed-1.ko.md", "Tags", "새 태그, build"),
    ]
    codes = []
    for number, step in enumerate(steps):
        step()
        common = ["-e", SERIES_SETTING, "DELETE_OUTPUT_DIRECTORY=true"]
        forked = prepared.build(
            [str(content), "-o", str(tmp_path / "forked"), *common, f'CACHE_PATH="{tmp_path}/a"'],
            env=env,
        )
        fresh = run_pelican(
            content, tmp_path / "fresh", *common, f'CACHE_PATH="{tmp_path}/b"', env=env
        )
        assert forked.returncode == fresh.returncode, (number, forked.stdout, fresh.log)
        assert messages(forked.stdout) == messages(fresh.log), number
        codes.append(forked.returncode)
    assert [code != 0 for code in codes] == [False, False, True, False, False]
    assert_same_site(tmp_path / "fresh", tmp_path / "forked")
    assert "새 태그" in (tmp_path / "forked" / "ko" / "posts" / "zed-1" / "index.html").read_text()


def test_a_changed_plugin_means_a_new_process(tmp_path):
    plugins = tmp_path / "plugins"
    (plugins / "hello").mkdir(parents=True)
    source = plugins / "hello" / "__init__.py"
    source.write_text("def register():\n    pass\n", encoding="utf-8")
    settings = tmp_path / "conf.py"
    settings.write_text(
        textwrap.dedent(f"""
        PATH = {str(tmp_path / "content")!r}
        PLUGIN_PATHS = [{str(plugins)!r}]
        PLUGINS = ["hello"]
        """),
        encoding="utf-8",
    )
    (tmp_path / "content").mkdir()
    prepared = PreparedPelican(settings, tmp_path)
    assert prepared.current()
    source.write_text("def register():\n    print('changed')\n", encoding="utf-8")
    os.utime(source, ns=(1, 1))
    assert not prepared.current()
    result = prepared.build(["-o", str(tmp_path / "out")])
    assert "changed" in result.stdout  # the new code ran: a new process read it
    assert Path(tmp_path / "out").is_dir()
