"""reStructuredText inline literals are written as <code> (theme_support/rst_code)."""

from __future__ import annotations

from pelican.plugins.bilingual.theme_support.rst_code import RstReader, use_rst_reader
from pelican.settings import read_settings

POST = """\
Literals
########

:date: 2026-03-01 10:00
:summary: Set ``DEBUG=1`` first.

Run ``make  --jobs 2`` or :code:`pip install .` and read `the manual`_.

.. _the manual: https://example.org/
"""


def read(tmp_path):
    source = tmp_path / "post.rst"
    source.write_text(POST, encoding="utf-8")
    return RstReader(read_settings()).read(str(source))


def test_inline_literals_are_code_in_the_body_and_in_the_summary(tmp_path):
    html, metadata = read(tmp_path)
    assert "<tt" not in html and "</tt>" not in html
    assert '<code class="docutils literal">make&nbsp; --jobs 2</code>' in html.replace(
        '<span class="pre">', ""
    ).replace("</span>", "")
    assert "<code>pip install .</code>" in html
    assert '<code class="docutils literal">DEBUG=1</code>' in str(metadata["summary"])
    assert metadata["title"] == "Literals"


def test_the_reader_is_used_unless_the_settings_name_another():
    class Site:
        def __init__(self, readers):
            self.settings = {"READERS": readers}

    site = Site({})
    use_rst_reader(site)
    assert site.settings["READERS"] == {"rst": RstReader}
    own = Site({"rst": None})  # the writer turned reStructuredText off
    use_rst_reader(own)
    assert own.settings["READERS"] == {"rst": None}
    shared = {}
    use_rst_reader(Site(shared))
    assert shared == {}  # a new dict, not Pelican's default changed in place
