"""The package as Pelican and pip see it: found by name, one register(), the theme inside."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pelican.plugins.bilingual as bilingual
from pelican.plugins._utils import load_plugins
from pelican.settings import DEFAULT_CONFIG
from sitebuild import ROOT

SOURCE = ROOT / "plugins" / "bilingual"


def test_pyproject_lists_every_subpackage():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(("pelican", "plugins", *path.parent.relative_to(SOURCE.parent).parts))
        for path in SOURCE.rglob("__init__.py")
    }
    assert listed == on_disk | {"pelican.plugins.bilingual.theme"}


def test_the_installed_package_has_every_source_file():
    # An editable install links each file: a file added since needs `pip install -e .`.
    installed = Path(bilingual.__file__).parent
    sources = [p for p in SOURCE.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    theme = [p for p in (ROOT / "theme").rglob("*") if p.is_file() and p.suffix != ".mo"]
    missing = [
        str(p.relative_to(SOURCE))
        for p in sources
        if not (installed / p.relative_to(SOURCE)).is_file()
    ]
    missing += [
        str(p.relative_to(ROOT))
        for p in theme
        if not (bilingual.THEME_PATH / p.relative_to(ROOT / "theme")).is_file()
    ]
    assert not missing, f"not installed (run `pip install -e .` again): {missing}"


def test_pelican_finds_the_plugin_by_its_name():
    (plugin,) = load_plugins({"PLUGINS": ["bilingual"], "PLUGIN_PATHS": []})
    assert plugin is bilingual
    (plugin,) = load_plugins({"PLUGINS": ["pelican.plugins.bilingual"], "PLUGIN_PATHS": []})
    assert plugin is bilingual


class FakePelican:
    def __init__(self, theme):
        self.settings = {"THEME": theme}
        self.theme = theme


def test_the_package_theme_replaces_pelicans_default_only():
    default = FakePelican(DEFAULT_CONFIG["THEME"])
    bilingual.use_theme(default)
    assert default.settings["THEME"] == default.theme == str(bilingual.THEME_PATH)
    assert (bilingual.THEME_PATH / "templates" / "base.html").is_file()
    own = FakePelican("/home/writer/blog/my-theme")
    bilingual.use_theme(own)
    assert own.settings["THEME"] == own.theme == "/home/writer/blog/my-theme"


def connected() -> dict[str, list[str]]:
    """{signal name: [receiver modules, in the order they run]} of Pelican's signals."""
    from pelican import signals

    found = {}
    for name in dir(signals):
        signal = getattr(signals, name)
        if hasattr(signal, "receivers"):
            found[name] = [r.__module__ for r in signal.receivers_for(object())]
    return found


def test_register_connects_i18n_subsites_first_then_every_part_once():
    bilingual.register()
    once = connected()
    bilingual.register()  # again, as when a writer also lists i18n_subsites: nothing doubles
    assert connected() == once
    i18n = "pelican.plugins.i18n_subsites.i18n_subsites"
    writer = once["get_generators"]
    assert i18n in writer
    assert writer.index(i18n) < min(
        i for i, m in enumerate(writer) if m.startswith("pelican.plugins.bilingual.")
    )
    # Old setting names get their new ones first, the theme is chosen, then the adapter's
    # settings, then the engine and features.
    receivers = [r for r in bilingual.signals.initialized.receivers_for(object())]
    assert receivers[:2] == [bilingual.use_new_setting_names, bilingual.use_theme]
    ours = [m for m in once["initialized"] if m.startswith("pelican.plugins.bilingual")]
    assert ours[:4] == [
        "pelican.plugins.bilingual",
        "pelican.plugins.bilingual",
        "pelican.plugins.bilingual.subsites.configure",
        "pelican.plugins.bilingual.engine.writer",
    ]
    # up_to_date acts after every part that reads or writes the site; progress, which only
    # prints (its `finalized` ends with the build's closing line), comes after it; the
    # old setting names are told last, counted and printed as the build's own warnings.
    assert ours[-3:] == [
        "pelican.plugins.bilingual.engine.up_to_date",
        "pelican.plugins.bilingual.progress.progress",
        "pelican.plugins.bilingual",
    ]
    assert receivers[-1] is bilingual.warn_old_setting_names
    finalized = [m for m in once["finalized"] if m.startswith("pelican.plugins.bilingual")]
    assert finalized[-1] == "pelican.plugins.bilingual.progress.progress"
