"""The UI catalogs (Korean, Japanese, Spanish, Chinese) translate every string the templates
use, placeholders intact; a regional tag finds its language's catalog."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

THEME = Path(__file__).resolve().parents[2] / "theme"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def load(path):
    with open(path, "rb") as handle:
        return read_po(handle)


TEMPLATE = load(THEME / "translations/messages.pot")
KOREAN = load(THEME / "translations/ko/LC_MESSAGES/messages.po")
IDS = [m.id for m in TEMPLATE if m.id]


def test_catalog_template_is_current():
    """Every `_()` string in the templates is in messages.pot (run `invoke i18n-update`)."""
    found = set()
    for path in (THEME / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'_\(\s*"([^"]+)"', text))
        found |= set(re.findall(r"_\(\s*'([^']+)'", text))
    singulars = {m if isinstance(m, str) else m[0] for m in IDS}
    assert found - singulars == set()


@pytest.mark.parametrize("message_id", IDS, ids=lambda m: str(m)[:40])
def test_every_string_has_a_korean_translation(message_id):
    message = KOREAN.get(message_id)
    assert message is not None, message_id
    assert "fuzzy" not in message.flags
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    assert all(strings), message_id
    source = message_id if isinstance(message_id, str) else message_id[1]
    for translated in strings:
        assert set(PLACEHOLDER.findall(translated)) == set(PLACEHOLDER.findall(source))
        assert re.search(r"[가-힣]", translated), translated


# Each catalog the theme ships, with a script its text must be written in.
CATALOGS = {
    "ja": r"[\u3040-\u30ff\u4e00-\u9fff]",
    "es": r"[a-záéíóúñ]",
    "zh-Hans": r"[\u4e00-\u9fff]",
    "zh-Hant": r"[\u4e00-\u9fff]",
}


@pytest.mark.parametrize("lang", sorted(CATALOGS))
def test_every_shipped_catalog_translates_every_string_placeholders_intact(lang):
    catalog = load(THEME / f"translations/{lang}/LC_MESSAGES/messages.po")
    assert not catalog.fuzzy
    for message_id in IDS:
        message = catalog.get(message_id)
        assert message is not None and "fuzzy" not in message.flags, (lang, message_id)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert len(strings) == (catalog.num_plurals if isinstance(message_id, tuple) else 1)
        source = message_id if isinstance(message_id, str) else message_id[1]
        for translated in strings:
            assert translated and re.search(CATALOGS[lang], translated), (lang, message_id)
            wanted = set(PLACEHOLDER.findall(source))
            if isinstance(message_id, tuple) and len(strings) > 1 and translated is strings[0]:
                wanted.discard("num")  # a singular may say "one" in words
            assert set(PLACEHOLDER.findall(translated)) <= set(PLACEHOLDER.findall(source))
            assert wanted <= set(PLACEHOLDER.findall(translated)) or wanted == {"num"}, (
                lang,
                message_id,
                translated,
            )
    # Simplified and Traditional are not the same text.
    if lang == "zh-Hant":
        simplified = load(THEME / "translations/zh-Hans/LC_MESSAGES/messages.po")
        assert catalog.get("Search").string != simplified.get("Search").string


def test_a_regional_tag_finds_its_languages_catalog():
    from pelican.plugins.bilingual.localization.l10n import catalog_names, first_catalog

    assert catalog_names("es-MX") == ["es-MX", "es"]
    assert catalog_names("zh-TW") == ["zh-TW", "zh-Hant", "zh"]
    assert catalog_names("zh") == ["zh", "zh-Hans"]
    folder = str(THEME / "translations")
    assert first_catalog(folder, "es-MX").gettext("Search") == "Buscar"
    assert first_catalog(folder, "zh-TW").gettext("Search") == "搜尋"
    assert first_catalog(folder, "zh-CN").gettext("Search") == "搜索"
    assert first_catalog(folder, "pt-BR") is None


def test_a_bare_zh_site_takes_its_script_from_its_locale():
    # Two real blogs: `zh` sites whose LOCALE is zh_TW / zh_HK write Traditional Chinese,
    # and got the Simplified UI text.
    from pelican.plugins.bilingual.localization.l10n import catalog_names, first_catalog

    assert catalog_names("zh", "zh_TW.UTF-8")[1] == "zh-Hant"
    assert catalog_names("zh", "zh_HK")[1] == "zh-Hant"
    assert catalog_names("zh", "zh_CN.utf8")[1] == "zh-Hans"
    assert catalog_names("zh-Hans", "zh_TW") == ["zh-Hans", "zh"]  # a script given wins
    folder = str(THEME / "translations")
    assert first_catalog(folder, "zh", locale_hint="zh_TW.UTF-8").gettext("Search") == "搜尋"
