"""Pelican's undocumented names the package uses (`compat`): each still means what it did."""

from __future__ import annotations

import inspect
import logging

import pelican
from pelican.plugins.bilingual import compat
from rich.console import Console
from rich.logging import RichHandler


def test_pelican_prints_its_done_line_on_the_console_compat_names():
    console = compat.pelican_console()
    assert isinstance(console, Console), "pelican.log.console is no longer a rich Console"
    source = inspect.getsource(pelican.Pelican.run)
    assert "console.print(" in source and "Done: Processed" in source, (
        "Pelican.run no longer prints its 'Done' line with console.print: "
        "progress.quiet_done cannot leave it out"
    )
    assert pelican.console is console, "Pelican.run prints on another console"


def test_pelicans_default_log_handler_is_a_rich_handler_on_that_console():
    handler = compat.pelican_log_handler()
    assert isinstance(handler, RichHandler), "pelican.log.DEFAULT_LOG_HANDLER changed kind"
    assert handler.console is compat.pelican_console()
    assert inspect.signature(pelican.log.init).parameters["handler"].default is handler
    assert isinstance(logging.getLogger(), pelican.log.FatalLogger)
