"""YAML front matter's problems, as the content checks report them."""

import pytest
from pelican.plugins.bilingual.front_matter.front_matter import yaml_problem


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("\ntitle: A\ntags: [a, b\n", 4),  # the flow list never closes
        ("\ntitle: A\n  bad: indent\n", 3),
        ("\n- a\n- b\n", None),  # a list, not fields
    ],
)
def test_malformed_front_matter_says_where(text, line):
    found = yaml_problem(text)
    assert found is not None
    assert found[0] == line and found[1]


@pytest.mark.parametrize("text", ["\ntitle: 'A: b'\ntags: [a, b]\n", "\ndate: 2026-03-01\n"])
def test_fields_are_no_problem(text):
    assert yaml_problem(text) is None


def read_both(tmp_path, files: dict[str, str]):
    """Each file read by the bundle's reader (one instance, in order) and by Pelican's."""
    from pelican.plugins.bilingual.front_matter.front_matter import MarkdownReader
    from pelican.readers import MarkdownReader as PelicanReader
    from pelican.settings import DEFAULT_CONFIG

    settings = {
        **DEFAULT_CONFIG,
        "MARKDOWN": {
            "extensions": [
                "markdown.extensions.toc",
                "markdown.extensions.footnotes",
                "markdown.extensions.abbr",
            ],
            "extension_configs": {
                "markdown.extensions.codehilite": {"css_class": "highlight"},
                "markdown.extensions.fenced_code": {},
            },
            "output_format": "html5",
        },
    }
    ours, pelicans = MarkdownReader(dict(settings)), PelicanReader(dict(settings))
    results = []
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        results.append((ours.read(str(path)), pelicans.read(str(path))))
    return results, ours


def test_one_markdown_per_reader_reads_each_file_as_pelican_does(tmp_path):
    """The reused Markdown leaks nothing from one file into the next: footnotes number
    from 1 again, an abbreviation stays in its file, a heading id is not suffixed,
    metadata and formatted summaries are the file's own, and YAML front matter between
    them changes nothing."""
    files = {
        "one.md": "Title: One\nTags: a, b\n\n# Intro\n\nText[^n].\n\n"
        "[^n]: A note.\n\n*[HTML]: Hypertext\n",
        "yaml.md": "---\ntitle: Two\ntags: [c]\n---\n\n# Intro\n\nMore[^m].\n\n[^m]: Note.\n",
        "three.md": "Title: Three\nSummary: *its* summary\n\n# Intro\n\nLast HTML[^k].\n\n"
        "[^k]: Another.\n",
    }
    results, _ = read_both(tmp_path, files)
    for (ours, pelicans), name in zip(results, files, strict=True):
        if name != "yaml.md":
            assert ours == pelicans, name
    (content, metadata), _ = results[2]
    assert 'id="intro"' in content and 'href="#fn:k">1</a>' in content
    assert "<abbr" not in content  # file one's abbreviation stays in file one
    assert "tags" not in metadata and metadata["summary"] == "<p><em>its</em> summary</p>"
    assert "summary" not in results[0][0][1]


def test_code_blocks_share_one_formatter_and_highlight_as_before(tmp_path):
    """codehilite's formatter is made once per set of options, not once per block; the
    HTML is Pelican's reader's, byte for byte; a writer's own formatter is kept."""
    from pelican.plugins.bilingual.front_matter.front_matter import (
        ReusedFormatters,
        markdown_settings,
    )

    code = "```python\nx = 1\n```\n\n    :::rust\n    let y = 2;\n\n```python\nz = 3\n```\n"
    files = {"a.md": f"Title: A\n\n{code}", "b.md": f"Title: B\n\n{code}"}
    results, reader = read_both(tmp_path, files)
    for ours, pelicans in results:
        assert ours == pelicans
        assert ours[0].count('class="highlight"') == 3
    used = reader._markdown_settings["extension_configs"]["markdown.extensions.codehilite"]
    # Six blocks, two sets of options (fenced and indented blocks differ): two formatters.
    assert len(used["pygments_formatter"].made) == 2
    defaults = {"extension_configs": {"markdown.extensions.codehilite": {"css_class": "x"}}}
    formatters = markdown_settings(defaults)["extension_configs"]["markdown.extensions.codehilite"][
        "pygments_formatter"
    ]
    assert isinstance(formatters, ReusedFormatters)
    first = formatters(lang_str="language-python", cssclass="x", linenos=False)
    assert formatters(lang_str="language-rust", cssclass="x", linenos=False) is first
    assert formatters(cssclass="y", linenos=False) is not first
    assert (
        "pygments_formatter" not in defaults["extension_configs"]["markdown.extensions.codehilite"]
    )
    own = {"extension_configs": {"codehilite": {"pygments_formatter": "html-own"}}}
    assert markdown_settings(own) == own
