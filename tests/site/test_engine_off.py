"""The build engine is optional: `BUILD_ENGINE = False` writes the same site, byte for byte,
and keeps nothing between builds."""

from __future__ import annotations

from sitebuild import ROOT, build_with_cache
from test_warm_builds import assert_same_site


def test_the_site_is_the_same_with_the_engine_on_or_off(tmp_path):
    on = build_with_cache(ROOT / "content", tmp_path / "on", tmp_path / "cache-on")
    off = build_with_cache(
        ROOT / "content", tmp_path / "off", tmp_path / "cache-off", "BUILD_ENGINE=false"
    )
    assert on.returncode == off.returncode == 0, off.log
    assert_same_site(tmp_path / "on", tmp_path / "off")
    # On: the reader cache, compiled templates, rendered-page and build records are kept.
    kept = {p.name for p in (tmp_path / "cache-on").rglob("*") if p.is_file()}
    assert {"bilingual-read-cache.pickle", "bilingual-build-record.json"} <= kept
    # Off: nothing of the engine's is kept, and a second build does the whole work again.
    assert not [p for p in (tmp_path / "cache-off").rglob("*") if p.is_file()]
    again = build_with_cache(
        ROOT / "content", tmp_path / "off", tmp_path / "cache-off", "BUILD_ENGINE=false"
    )
    assert again.returncode == 0 and "nothing changed" not in again.log
    assert "Done in " in again.log
