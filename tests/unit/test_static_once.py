"""Each static file copied once across language sites (subsites.copy_statics_once):
a site that did not attach an `{attach}`ed file leaves it to the site that did."""

from __future__ import annotations

from types import SimpleNamespace

from pelican.plugins.bilingual import subsites
from pelican.plugins.bilingual.core.build_state import STATE_KEY, BuildState


def site(lang: str, statics: list, main_has: set, attached: set):
    state = BuildState(
        {
            subsites.SITES_KEY: subsites.site_urls("en", "", {"ko": {}, "ja": {}}),
            subsites.MAIN_STATICS_KEY: main_has,
            subsites.ATTACHED_KEY: attached,
        }
    )
    settings = {"DEFAULT_LANG": lang, STATE_KEY: state}
    return SimpleNamespace(settings=settings, context={"staticfiles": statics})


def static(path: str, **attributes):
    return SimpleNamespace(source_path=path, **attributes)


def test_a_subsite_copies_what_it_attached_and_what_the_main_site_lacks():
    data = static("2024/data.csv")  # a post of another language attaches it
    image = static("images/a.png")  # the main site copies it
    mine = static("2024/ko.csv", attached_here=True)
    own = static("ko-only/extra.pdf")  # this site's own STATIC_PATHS
    generator = site("ja", [data, image, mine, own], {"2024/data.csv", "images/a.png"}, set())
    subsites.copy_statics_once(generator)
    assert generator.context["staticfiles"] == [mine, own]


def test_the_main_site_leaves_out_what_only_a_subsite_attached():
    attached_by_ko = static("2024/ko-only.csv")
    attached_here = static("2024/data.csv", override_save_as="posts/p/data.csv")
    image = static("images/a.png")
    generator = site(
        "en",
        [attached_by_ko, attached_here, image],
        {"2024/ko-only.csv", "2024/data.csv", "images/a.png"},
        {"2024/ko-only.csv", "2024/data.csv"},
    )
    subsites.copy_statics_once(generator)
    assert generator.context["staticfiles"] == [attached_here, image]
