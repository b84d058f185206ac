"""The Korean UI catalog translates every string the templates use, placeholders intact."""

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
