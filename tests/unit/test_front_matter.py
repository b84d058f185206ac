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
