"""The settings reference covers every setting the package reads, with the defaults it uses."""

from __future__ import annotations

import ast
from pathlib import Path

from pelican.plugins.bilingual import settings_reference
from pelican.plugins.bilingual.core.settings import Setting
from pelican.settings import DEFAULT_CONFIG
from sitebuild import ROOT

SOURCE = ROOT / "plugins" / "bilingual"

# Upper-case names the package reads that are not settings of its own, and why.
NOT_OURS = {
    # Pelican's settings that DEFAULT_CONFIG leaves unset (documented in Pelican's settings).
    "AUTHOR": "Pelican",
    "DEFAULT_DATE": "Pelican",
    "FEED_DOMAIN": "Pelican",
    "TIMEZONE": "Pelican",
    "WRITE_SELECTED": "Pelican (--write-selected)",
    # pelican-i18n-subsites' settings.
    "I18N_SUBSITES": "pelican-i18n-subsites",
    "I18N_GENERATORS_INFO": "pelican-i18n-subsites",
    "I18N_UNTRANSLATED_ARTICLES": "pelican-i18n-subsites",
    "I18N_UNTRANSLATED_PAGES": "pelican-i18n-subsites",
    # Python-Markdown's footnotes option, inside MARKDOWN.
    "BACKLINK_TITLE": "Python-Markdown",
    # Environment variables (the reference lists those a writer sets).
    "COLUMNS": "environment (terminal width for Pelican's log)",
    "GITHUB_ACTIONS": "environment",
    "SOURCE_DATE_EPOCH": "environment",
    # Template globals the localization feature sets.
    "UI_LANG": "template global",
    "UI_OTHERS": "template global",
}


def setting_reads(tree: ast.AST):
    """(name, default node or None, line) for each upper-case string key read or tested.

    Reads: `x.get("NAME"[, default])`, `x.setdefault("NAME", ...)`, `x["NAME"]`,
    `"NAME" in x`.
    """
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("get", "setdefault")
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            default = node.args[1] if len(node.args) > 1 else None
            yield node.args[0].value, default, node.lineno
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            yield node.slice.value, None, node.lineno
        elif (
            isinstance(node, ast.Compare)
            and isinstance(node.left, ast.Constant)
            and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops)
        ):
            yield node.left.value, None, node.lineno


def is_setting_name(value) -> bool:
    return (
        isinstance(value, str)
        and len(value) > 2
        and value.isupper()
        and value.replace("_", "").isalnum()
    )


def package_reads():
    """{name: [(file, line, default node)]} over every module of the package."""
    reads: dict[str, list] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, default, line in setting_reads(tree):
            if is_setting_name(name):
                reads.setdefault(name, []).append((path.relative_to(ROOT), line, default))
    return reads


def test_every_setting_read_is_declared_or_someone_elses():
    declared = {setting.name for setting in settings_reference.declared()}
    unknown = {
        name: [f"{file}:{line}" for file, line, _ in where]
        for name, where in package_reads().items()
        if name not in declared and name not in DEFAULT_CONFIG and name not in NOT_OURS
    }
    assert not unknown, (
        "settings read but declared nowhere (add a core.settings.Setting to the feature's "
        f"SETTINGS): {unknown}"
    )


def test_a_declared_setting_takes_its_default_from_the_declaration_only():
    declared = {setting.name for setting in settings_reference.declared()}
    own_defaults = [
        f"{file}:{line} reads {name} with a default of its own"
        for name, where in package_reads().items()
        if name in declared
        for file, line, default in where
        if default is not None
    ]
    assert not own_defaults, own_defaults


def test_every_feature_module_with_settings_is_in_the_reference():
    listed = {module.__name__ for _, module in settings_reference.SECTIONS}
    declaring = set()
    for path in SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "SETTINGS" for t in node.targets)
            for node in tree.body
        ):
            parts = path.relative_to(SOURCE.parent).with_suffix("").parts
            declaring.add(".".join(("pelican", "plugins", *parts)))
    assert declaring == listed


def test_names_are_unique_and_not_pelicans():
    names = [setting.name for setting in settings_reference.declared()]
    assert len(names) == len(set(names))
    assert not set(names) & set(DEFAULT_CONFIG), "a Pelican setting declared as the bundle's"
    for setting in settings_reference.declared():
        assert setting.values and setting.effect.endswith("."), setting.name


def test_docs_settings_page_is_the_generated_reference():
    page = Path(ROOT / "docs" / "settings.md")
    assert page.read_text(encoding="utf-8") == settings_reference.render(), (
        "docs/settings.md is out of date: run "
        "`python -m pelican.plugins.bilingual.settings_reference > docs/settings.md`"
    )


def test_render_lists_every_setting_with_its_default():
    text = settings_reference.render()
    for setting in settings_reference.declared():
        row = next(line for line in text.splitlines() if line.startswith(f"| `{setting.name}` |"))
        assert settings_reference.shown(setting.default) in row.replace("\\|", "|")


def test_read_falls_back_to_the_default():
    setting = Setting("EXAMPLE_LIMIT", 3, "a whole number", "An example.")
    assert setting.read({}) == 3
    assert setting.read({"EXAMPLE_LIMIT": 0}) == 0


def test_every_setting_has_its_features_prefix_or_follows_a_pelican_pattern():
    from pelican.plugins.bilingual.settings_reference import declared

    prefixes = ("SERIES", "ARCHIVE_", "SEARCH_", "CONTENTS_", "READING_", "THEME_")
    prefixes += ("PUBLISH_", "BUILD_", "PROGRESS_", "BILINGUAL_")
    pelican_patterns = ("_URL", "_SAVE_AS")  # a page's address, as Pelican names them
    pelican_families = ("SLUGIFY_", "TAG_TRANSLATIONS")
    for setting in declared():
        name = setting.name
        assert name.startswith(prefixes + pelican_families) or name.endswith(pelican_patterns), (
            f"{name}: give it its feature's prefix (core.settings' docstring)"
        )
        assert not setting.was or setting.was != name


def test_an_old_name_gives_its_value_to_the_new_one_once():
    from pelican.plugins.bilingual.core.settings import Setting, renamed

    new = Setting("BUILD_READ_CACHE", True, "True or False", "x", was="READ_CACHE")
    other = Setting("SEARCH_URL", "search/", "a URL path", "x")
    settings = {"READ_CACHE": False, "I18N_SUBSITES": {"ko": {"READ_CACHE": True}, "ja": None}}
    assert new.read(settings) is False  # read under the old name even before renaming
    assert renamed(settings, [new, other]) == [("READ_CACHE", "BUILD_READ_CACHE")]
    assert settings == {
        "BUILD_READ_CACHE": False,
        "I18N_SUBSITES": {"ko": {"BUILD_READ_CACHE": True}, "ja": None},
    }
    # The new name wins where both are set; the old one goes either way.
    both = {"READ_CACHE": False, "BUILD_READ_CACHE": True}
    assert renamed(both, [new]) == [("READ_CACHE", "BUILD_READ_CACHE")]
    assert both == {"BUILD_READ_CACHE": True}
    assert renamed({"BUILD_READ_CACHE": True}, [new]) == []


def test_the_reference_lists_every_renamed_setting():
    from pelican.plugins.bilingual.settings_reference import declared, render

    page = render()
    for setting in declared():
        if setting.was:
            assert f"| `{setting.was}` | `{setting.name}` |" in page
