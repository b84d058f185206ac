"""Names of Pelican's that it does not document as API, used in one place each.

Every name here has a test in `tests/unit/test_compat.py` that fails, saying what
changed, when a Pelican release moves or reshapes it. Nothing else in the package
imports these names from Pelican directly.

- `pelican_console()`: the rich `Console` Pelican prints its messages and its
  "Done: Processed ..." line on (`pelican.log.console`).
- `pelican_log_handler()`: the rich `RichHandler` Pelican's `init` installs on the
  root logger by default (`pelican.log.DEFAULT_LOG_HANDLER`).
"""

from __future__ import annotations

from rich.console import Console
from rich.logging import RichHandler


def pelican_console() -> Console:
    """The console Pelican writes its log and its closing "Done: ..." line to."""
    from pelican import log

    return log.console


def pelican_log_handler() -> RichHandler:
    """The log handler Pelican installs on the root logger unless told otherwise."""
    from pelican import log

    return log.DEFAULT_LOG_HANDLER
