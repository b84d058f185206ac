"""How the content checks report what they find.

Finding lines, GitHub Actions annotations, the verdict that stops a build, and the
warnings other code logs, counted and folded in.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace

from ..core import (
    BuildStopped,
)
from .settings import CheckSettings
from .source_rules import field_line
from .status import report

log = logging.getLogger(__name__)


def with_line(finding, content_root: str):
    """The finding with the line of its field in the file, where the file says it."""
    if finding.line is not None or finding.field == "-":
        return finding
    path = finding.path
    if not os.path.isfile(path):
        path = os.path.join(content_root, finding.path)
        if not os.path.isfile(path):
            return finding
    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        text = handle.read()
    if finding.field == "body":  # a link: the line that writes it (`{static}img/a.png`)
        return replace(finding, line=text_line(text, linked(finding.message)))
    return replace(finding, line=field_line(text, finding.field))


def linked(message: str) -> str:
    """What a body finding's message names first: the link as written.

    `{filename}x.md links to a draft…` -> `{filename}x.md`; `image a.png is next to the
    post…` -> `a.png` (the word "image" would find the first line that mentions one).
    """
    words = message.split(" ", 2)
    return words[1] if words[0] == "image" and len(words) > 1 else words[0]


def text_line(text: str, token: str) -> int | None:
    """The 1-based line of the first occurrence of `token` in `text`, or None."""
    if not token:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if token in line:
            return number
    return None


def annotation(finding) -> str:
    """A finding as a GitHub Actions workflow command (`::warning file=…,line=…::…`).

    Escaping as GitHub documents for workflow commands: `%`, CR and LF everywhere,
    and `:` and `,` in properties.
    """

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    where = f"file={prop(finding.path)}"
    if finding.line:
        where += f",line={finding.line}"
    title = prop(f"{finding.field}: {finding.message}")
    return f"::{finding.severity} {where},title={title}::{data(str(finding))}"


def conclude(config: CheckSettings, findings, rows, files: int, logged: int = 0) -> int:
    """Print the report (check-only) or log the warnings; stop on errors.

    Warnings stop only a strict build. On GitHub Actions every finding is also an
    annotation. Returns the number of warnings; raises `SystemExit` (check-only,
    always) or `BuildStopped`.
    """
    errors = [f for f in findings if f.severity == "error"]
    warnings = [f for f in findings if f.severity != "error"]
    failed = bool(errors) or (config.strict and bool(warnings or logged))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print("\n".join(annotation(finding) for finding in findings))
    if config.check_only:
        print(report(findings, rows, list(config.langs), files, logged))
        verdict = "failed" if failed else "passed"
        print(f"\ncheck {verdict}{' (strict: warnings count)' if config.strict else ''}")
        raise SystemExit(1 if failed else 0)
    for finding in warnings:
        log.warning("%s", finding)
    if failed:
        heading = "bilingual: stopped before writing anything:"
        if not errors:
            heading = "bilingual: stopped before writing anything (strict: warnings fail):"
        lines = [str(f) for f in (errors or warnings)]
        if not errors and logged:
            lines.append(f"{logged} warning(s) from Pelican or another plugin, above")
        raise BuildStopped("\n".join([heading, *lines]))
    return len(warnings)


# Pelican's own log lines for problems this plugin reports with file, line and fix.
REPORTED_BY_US = (
    "Could not process %s",
    "Skipping %s: could not find information about '%s'",
    "Unknown status '%s' for file %s, skipping it. (Not in %s)",
    'There are %s items "%s" with lang %s',
    "There are %s original (not translated) items %s",
    "{filename} used for linking to static",
    "Unable to generate valid slug for",  # a tag without letters: an error here
)


class ReportedElsewhere(logging.Filter):
    """Drops Pelican's log lines for problems the content checks report themselves.

    Each problem is then told once, in the bundle's report.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """False for a record the report covers."""
        message = str(record.msg)
        return not any(message.startswith(known) for known in REPORTED_BY_US)


class WarningCount(logging.Handler):
    """Counts what else warns during a build: Pelican's readers, templates, other plugins.

    The checks' own findings are counted where they are made; Pelican's lines the
    report covers (`ReportedElsewhere`) are not counted twice.
    """

    def __init__(self):
        """Nothing counted yet; warnings and errors only."""
        super().__init__(logging.WARNING)
        self.addFilter(ReportedElsewhere())
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        """One more, unless the checks logged it (their findings are counted already)."""
        if not record.name.startswith(__package__ + "."):
            self.count += 1


def fold_pelican_messages() -> None:
    """Put `ReportedElsewhere` on the log handlers once (logging is per process)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, ReportedElsewhere) for f in handler.filters):
            handler.addFilter(ReportedElsewhere())
