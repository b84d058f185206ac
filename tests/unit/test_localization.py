import datetime
import gettext

import pytest
from pelican.plugins.bilingual.localization.l10n import (
    choose_translations,
    language_name,
    load_catalog,
    make_filters,
)


def localdate(value, fmt, lang):
    return make_filters(lang)["localdate"](value, fmt)


DAY = datetime.date(2026, 4, 19)

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

msgid "Archive"
msgstr "아카이브"

#, fuzzy
msgid "Tags"
msgstr "태그(검토 전)"
"""


@pytest.mark.parametrize(
    ("lang", "fmt", "expected"),
    [
        ("ko", "long", "2026년 4월 19일"),
        ("en", "long", "April 19, 2026"),
        ("ko", "yMMMM", "2026년 4월"),
        ("en", "yMMMM", "April 2026"),
        ("ko", "MMMd", "4월 19일"),
        ("xx-unknown", "long", "April 19, 2026"),
    ],
)
def test_localdate_needs_no_system_locale(lang, fmt, expected):
    assert localdate(DAY, fmt, lang) == expected


def test_localdate_accepts_datetimes_with_timezone():
    moment = datetime.datetime(2026, 4, 19, 23, 30, tzinfo=datetime.UTC)
    assert localdate(moment, "long", "ko") == "2026년 4월 19일"


@pytest.mark.parametrize(
    ("code", "in_lang", "expected"),
    [("ko", None, "한국어"), ("en", None, "English"), ("ko", "en", "Korean"), ("en", "ko", "영어")],
)
def test_language_name(code, in_lang, expected):
    assert language_name(code, in_lang) == expected


def write_po(root, lang, text=PO):
    folder = root / lang / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(text, encoding="utf-8")


def test_catalog_is_compiled_from_po_and_skips_fuzzy(tmp_path):
    write_po(tmp_path, "ko")
    catalog = load_catalog(str(tmp_path), "ko")
    assert catalog.gettext("Archive") == "아카이브"
    assert catalog.gettext("Tags") == "Tags"


def test_source_language_needs_no_catalog(tmp_path):
    translations, ui_lang, warning = choose_translations(str(tmp_path), "en", "en", "en")
    assert isinstance(translations, gettext.NullTranslations) and warning is None
    assert ui_lang == "en"


def test_missing_catalog_falls_back_to_main_language_with_a_warning(tmp_path):
    write_po(tmp_path, "ko")
    translations, ui_lang, warning = choose_translations(str(tmp_path), "ja", "ko", "en")
    assert translations.gettext("Archive") == "아카이브"
    assert ui_lang == "ko"
    assert "no UI catalog for language 'ja'" in warning and "show the UI in 'ko'" in warning


def test_missing_catalog_with_english_main_uses_template_text(tmp_path):
    translations, ui_lang, warning = choose_translations(str(tmp_path), "fr", "en", "en")
    assert translations.gettext("Archive") == "Archive"
    assert ui_lang == "en" and "'fr'" in warning


def test_a_main_language_without_catalog_falls_back_to_the_templates_text(tmp_path):
    # German main site, Japanese subsite, neither has a catalog: the UI is English,
    # and the warning says so rather than naming German.
    translations, ui_lang, warning = choose_translations(str(tmp_path), "ja", "de", "en")
    assert translations.gettext("Archive") == "Archive"
    assert ui_lang == "en" and "show the UI in 'en'" in warning


def test_site_filters_format_in_the_site_language_and_on_request():
    filters = make_filters("ko")
    assert filters["localdate"](DAY) == "2026년 4월 19일"
    assert filters["localdate"](DAY, "yMMMM", lang="en") == "April 2026"
    assert filters["localdate"](DAY, "month") == "4월"
    assert filters["og_locale"]("ko") == "ko_KR" and filters["og_locale"]("en") == "en_US"
    assert filters["language_name"]("en", "ko") == "영어"


def test_dates_show_the_day_of_the_site_time_zone():
    from zoneinfo import ZoneInfo

    moment = datetime.datetime(2026, 7, 31, 16, 30, tzinfo=datetime.UTC)
    seoul = make_filters("en", ZoneInfo("Asia/Seoul"))
    assert seoul["localdate"](moment) == "August 1, 2026"
    assert seoul["localdate"](moment, "d") == "1"
    assert seoul["localdate"](datetime.date(2026, 7, 31)) == "July 31, 2026"
    assert seoul["isodate"](moment) == "2026-07-31T16:30:00+00:00"
    assert make_filters("en")["localdate"](moment) == "July 31, 2026"


def test_bilingual_headings_never_repeat_a_language():
    from pelican.plugins.bilingual.localization.localization import other_ui_langs

    ui = {"en": "en", "ko": "ko", "ja": "en", "de": "en"}
    assert other_ui_langs(["ko", "ja", "de"], ui, "en") == [("ko", "ko")]
    assert other_ui_langs(["en", "ko", "de"], ui, "en") == [("ko", "ko")]  # a Japanese page
    assert other_ui_langs(["en", "ja", "de"], ui, "ko") == [("en", "en")]


def test_the_writers_catalogs_come_first_and_the_themes_fill_in(tmp_path):
    from pelican.plugins.bilingual.localization.l10n import choose_translations

    def catalog(folder, lang, text):
        path = folder / lang / "LC_MESSAGES" / "messages.po"
        path.parent.mkdir(parents=True)
        path.write_text(f'msgid ""\nmsgstr ""\n\nmsgid "Search"\nmsgstr "{text}"\n', "utf-8")

    mine, theme = tmp_path / "mine", tmp_path / "theme"
    catalog(mine, "ja", "検索")
    catalog(theme, "ko", "검색")
    folders = (str(mine), str(theme))
    ja, ui, warning = choose_translations(folders, "ja", "en", "en")
    assert (ja.gettext("Search"), ui, warning) == ("検索", "ja", None)
    ko, ui, _ = choose_translations(folders, "ko", "en", "en")
    assert (ko.gettext("Search"), ui) == ("검색", "ko")
    zh, ui, warning = choose_translations(folders, "zh", "en", "en")
    assert (zh.gettext("Search"), ui) == ("Search", "en")
    assert str(mine / "zh" / "LC_MESSAGES" / "messages.po") in warning


def test_remembered_gettext_answers_as_jinja_s_own_newstyle_gettext():
    # The bundle's gettext answers a message without variables once per environment;
    # every answer must be Jinja's: the translation, "%%" formatted, escaping as the
    # template autoescapes, variables escaped, {% trans %} blocks, the same twice.
    import jinja2
    from pelican.plugins.bilingual.subsites import install_gettext

    class Catalog(gettext.NullTranslations):
        def gettext(self, message):
            return {"Read": "읽기", "100%% done": "100%% 완료", "<b>": "<b>굵게</b>"}.get(
                message, message
            )

    source = (
        "{{ _('Read') }}|{{ _('100%% done') }}|{{ _('<b>') }}|{{ _('%(n)s min', n='<i>') }}"
        "|{{ gettext('Read') }}|{% trans %}Read{% endtrans %}|{{ _('Other') }}"
    )
    for autoescape in (True, False):
        ours = jinja2.Environment(autoescape=autoescape)
        install_gettext(ours, Catalog())
        jinja = jinja2.Environment(autoescape=autoescape, extensions=["jinja2.ext.i18n"])
        jinja.install_gettext_translations(Catalog(), newstyle=True)
        expected = jinja.from_string(source).render()
        template = ours.from_string(source)
        assert template.render() == template.render() == expected
        assert ("100% 완료" in expected) and (("&lt;i&gt;" in expected) == autoescape)
