"""Pelican's and pelican-i18n-subsites' undocumented names (`compat`): each still means
what the package relies on. A failure names what changed in the release installed."""

from __future__ import annotations

import datetime
import inspect
import logging

import pelican
from pelican.contents import Article
from pelican.plugins.bilingual import compat
from pelican.plugins.i18n_subsites import i18n_subsites
from pelican.settings import DEFAULT_CONFIG
from pelican.writers import Writer
from rich.console import Console
from rich.logging import RichHandler


def article(html="<p>Hello</p>", **metadata):
    settings = {**DEFAULT_CONFIG}
    return Article(
        html,
        metadata={"title": "Hello", "date": datetime.datetime(2026, 1, 1), **metadata},
        settings=settings,
        context={"localsiteurl": "https://example.org", "generated_content": {}},
        source_path="hello.md",
    )


def test_a_posts_html_is_its_content_before_links_are_resolved():
    item = article()
    assert compat.content_html(item) == "<p>Hello</p>", "Content._content is gone"
    compat.set_content_html(item, "<p>Changed</p>")
    assert item.content == "<p>Changed</p>", "Pelican no longer renders Content._content"
    assert compat.content_html(object()) == ""


def test_a_posts_context_is_the_one_it_was_made_with():
    item = article()
    assert compat.content_context(item)["localsiteurl"] == "https://example.org", (
        "Content._context no longer holds the build context"
    )
    assert compat.content_context(object()) == {}


def test_pelican_remembers_content_and_summary_in_memoized_caches_that_can_be_emptied():
    for method in compat.MEMOIZED:
        cache = getattr(
            Article.__dict__.get(method) or pelican.contents.Content.__dict__[method], "cache", None
        )
        assert isinstance(cache, dict), f"Content.{method} is no longer pelican.utils.memoized"
    item = article()
    assert item.content == "<p>Hello</p>"
    compat.set_content_html(item, "<p>New</p>")
    assert item.content == "<p>Hello</p>", "get_content no longer remembers: drop forget_rendered"
    compat.forget_rendered(item)
    assert item.content == "<p>New</p>"
    assert item.content == "<p>New</p>"  # remembered again
    compat.set_content_html(item, "<p>Newer</p>")
    compat.forget_site(item.settings)
    assert item.content == "<p>Newer</p>"


def test_a_written_summary_is_remembered_as_summary_and_can_be_dropped():
    item = article(summary="<p>Short</p>")
    assert "_summary" in item.__dict__, "Content no longer keeps a written summary in _summary"
    compat.forget_summary(item)
    assert "_summary" not in item.__dict__


def test_pelicans_writer_opens_every_page_through_the_method_the_engine_overrides():
    assert callable(getattr(Writer, compat.OPEN_OUTPUT, None)), "Writer._open_w is gone"
    assert f"self.{compat.OPEN_OUTPUT}(" in inspect.getsource(Writer.write_file), (
        "Writer.write_file no longer opens pages through _open_w"
    )
    parameters = list(inspect.signature(Writer._open_w).parameters)
    assert parameters[:4] == ["self", "filename", "encoding", "override"]
    writer = Writer("/tmp/out", settings=DEFAULT_CONFIG)
    assert isinstance(compat.written_files(writer), set), "Writer._written_files changed"


def test_a_build_objects_run_can_be_wrapped_and_given_back():
    class Build:
        def run(self):
            return "full"

    build = Build()
    seen = []
    compat.wrap_run(build, lambda original: seen.append(original()))
    build.run()
    assert seen == ["full"]
    compat.unwrap_run(build)
    assert build.run() == "full"
    assert callable(getattr(pelican.Pelican, "run", None)), "Pelican.run is gone"


def test_i18n_subsites_keeps_its_generators_in_a_module_dict():
    assert isinstance(getattr(i18n_subsites, "_GENERATOR_DB", None), dict), (
        "pelican-i18n-subsites no longer keeps _GENERATOR_DB: forget_subsite_generators "
        "cannot free a written subsite"
    )

    class Generator:
        def __init__(self):
            self.settings = {"DEFAULT_LANG": "ko"}

    generator = Generator()
    i18n_subsites._GENERATOR_DB[generator] = None
    compat.forget_subsite_generators(generator.settings)
    assert generator not in i18n_subsites._GENERATOR_DB


def test_pelican_prints_its_done_line_on_the_console_compat_names():
    console = compat.pelican_console()
    assert isinstance(console, Console), "pelican.log.console is no longer a rich Console"
    source = inspect.getsource(pelican.Pelican.run)
    assert "console.print(" in source and "Done: Processed" in source, (
        "Pelican.run no longer prints its 'Done' line with console.print: "
        "progress.DropNextText cannot leave it out"
    )
    assert pelican.console is console, "Pelican.run prints on another console"


def test_pelicans_default_log_handler_is_a_rich_handler_on_that_console():
    handler = compat.pelican_log_handler()
    assert isinstance(handler, RichHandler), "pelican.log.DEFAULT_LOG_HANDLER changed kind"
    assert handler.console is compat.pelican_console()
    assert inspect.signature(pelican.log.init).parameters["handler"].default is handler
    assert isinstance(logging.getLogger(), pelican.log.FatalLogger)


def test_no_module_but_compat_reads_a_private_pelican_name():
    from pathlib import Path

    import pelican.plugins.bilingual as package

    private = (
        "._content",
        "._context",
        "._summary",
        "._written_files",
        "_GENERATOR_DB",
        "pelican.run =",
        "del pelican.run",
        '"_content"',
        '"_summary"',
    )
    found = []
    for path in Path(package.__file__).parent.rglob("*.py"):
        if path.name == "compat.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if any(name in code for name in private):
                found.append(f"{path.name}:{number}: {line.strip()}")
    assert not found, found
