"""A blog whose settings use the names of the last release (`HOME_RECENT_POSTS`,
`READ_CACHE`, `NOJEKYLL`...) builds as before, told once per name what it is called now."""

from __future__ import annotations

from sitebuild import FIXTURES, ROOT, run_settings


def test_old_setting_names_still_work_for_one_release_with_one_warning_each(tmp_path):
    settings = tmp_path / "oldconf.py"
    settings.write_text(
        f"from pelicanconf import *  # noqa\n"
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        f"del THEME_HOME_RECENT_POSTS, BUILD_READ_CACHE  # the demo sets the new names\n"
        f"HOME_RECENT_POSTS = 1\n"
        f"READ_CACHE = False\n"
        f"NOJEKYLL = True\n"
        f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n",
        encoding="utf-8",
    )
    build = run_settings(settings, tmp_path / "out", str(FIXTURES / "basic"))
    assert build.returncode == 0, build.log
    for old, new in (
        ("HOME_RECENT_POSTS", "THEME_HOME_RECENT_POSTS"),
        ("READ_CACHE", "BUILD_READ_CACHE"),
        ("NOJEKYLL", "PUBLISH_NOJEKYLL"),
    ):
        assert build.log.count(f"settings: {old} is now called {new}") == 1, build.log
    # Counted and printed as the build's own warnings (a strict build stops on them).
    assert "WARNING  settings: READ_CACHE" in build.log and "__init__.py:" not in build.log
    assert "3 warning(s) above" in build.log
    strict = run_settings(
        settings, tmp_path / "strict", str(FIXTURES / "basic"), "-e", "BILINGUAL_STRICT=true"
    )
    assert strict.returncode != 0 and "HOME_RECENT_POSTS" in strict.log
    # Each old value took effect: one recent post on the home page, no reader cache
    # kept, the .nojekyll file written.
    home = build.soup("index.html")
    assert len(home.select("#recent-heading ~ .post-list .post-row")) == 1
    assert not list((tmp_path / "cache").glob("bilingual-read-cache*"))
    assert (tmp_path / "out" / ".nojekyll").is_file()
