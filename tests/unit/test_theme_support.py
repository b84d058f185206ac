"""Template helpers of plugins/bilingual/theme_support."""

from __future__ import annotations

import jinja2
import pytest
from pelican.plugins.bilingual.theme_support.theme_support import RememberedBlocks


def counting_env():
    """A Jinja environment with `remembered` and `count(name)`, which notes each call."""
    env = jinja2.Environment()
    env.globals["remembered"] = memo = RememberedBlocks()
    calls = []
    env.globals["count"] = lambda name: calls.append(name) or name
    return env, memo, calls


def test_a_remembered_block_is_rendered_once_per_key():
    env, memo, calls = counting_env()
    template = env.from_string(
        "{% macro row(p, small) %}{% call remembered(p, small, SITEURL) %}"
        "[{{ count(p.title) }}{{ '!' if small }}]{% endcall %}{% endmacro %}"
        "{% for p in posts %}{{ row(p, false) }}{{ row(p, true) }}{% endfor %}"
    )

    class Post:
        def __init__(self, title):
            self.title = title

    one, two = Post("one"), Post("two")
    first = template.render(posts=[one, two, one], SITEURL="")
    assert first == "[one][one!][two][two!][one][one!]"
    assert calls == ["one", "one", "two", "two"]  # the third row came from memory
    same_title = Post("one")  # another post with the same title is another row
    template.render(posts=[same_title], SITEURL="")
    assert calls[-2:] == ["one", "one"]
    template.render(posts=[one], SITEURL="../..")  # another page depth: other links
    assert len(calls) == 8
    memo.clear()
    template.render(posts=[one], SITEURL="")
    assert len(calls) == 10


def test_a_block_not_kept_is_rendered_every_time_and_leaves_nothing():
    env, memo, calls = counting_env()
    template = env.from_string(
        "{% for p in posts %}{% call remembered(p, keep=false) %}"
        "[{{ count(p) }}]{% endcall %}{% endfor %}"
    )
    assert template.render(posts=["a", "a"]) == "[a][a]"
    assert calls == ["a", "a"]
    assert memo.kept == {}


def test_a_restructuredtext_title_with_inline_markup_is_plain_text():
    from types import SimpleNamespace

    from pelican.plugins.bilingual.theme_support.theme_support import plain_text_title

    rst = SimpleNamespace(
        title='Using <code class="docutils literal">x &lt; y</code> &amp; <em>more</em>',
        metadata={"reader": "rst"},
    )
    plain_text_title(rst)
    assert rst.title == "Using x &lt; y &amp; more"
    assert rst.title.unescape() == "Using x < y & more"
    markdown = SimpleNamespace(title="Vec<T> & co", metadata={"reader": "markdown"})
    plain_text_title(markdown)
    assert markdown.title == "Vec&lt;T&gt; &amp; co"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Tips &amp; tricks", "Tips & tricks"),
        ("&lt;div&gt; soup", "<div> soup"),
        ("Caf&eacute; &#38; bar", "Café & bar"),
        ("AT&T & Vec<T>", "AT&T & Vec<T>"),
    ],
)
def test_a_markdown_title_typed_with_character_references_reads_as_pelican_shows_it(typed, shown):
    from types import SimpleNamespace

    from pelican.plugins.bilingual.theme_support.theme_support import plain_text_title

    post = SimpleNamespace(title=typed, metadata={"reader": "markdown"})
    plain_text_title(post)
    assert post.title.unescape() == shown
    assert "<" not in str(post.title)  # still escaped for the page
