"""Findings (problems in the content), the exception that stops a build, and file names."""

from __future__ import annotations

import os
from dataclasses import dataclass

from .settings import Setting

# The context key through which plugins hand their findings to the content checks.
FINDINGS_KEY = "content_findings"
ITEM_CHECKS_KEY = "content_item_checks"

# Declared here, where both the content checks and the build engine read it.
CHECK_ONLY = Setting(
    "BILINGUAL_CHECK_ONLY",
    False,
    "True or False",
    "Check every file, print the report and stop before writing anything (exit status 1 "
    "when an error is found); the last build's output and records stay as they are. What "
    "`invoke check` sets.",
)


class BuildStopped(SystemExit):
    """Content or settings the build cannot go on with; the message says which and why.

    A `SystemExit`, so that Pelican stops with the message and exit status 1 instead of
    a traceback. Raised before anything is written.
    """


@dataclass(frozen=True)
class Finding:
    """A problem in the content: where, which field, what is wrong and how to fix it.

    `severity` is "error" (the build stops) or "warning" (reported); `path` is the file
    as `display_path` gives it, `line` its 1-based line when known, `others` further
    files the problem involves (a duplicate's twin, a translation's source).
    """

    severity: str
    path: str
    field: str
    message: str
    fix: str
    line: int | None = None
    others: tuple = ()

    @property
    def where(self) -> str:
        """`path:line`, or the path alone when the line is unknown."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        """One line: `path[:line][ and other…]: message; fix`."""
        where = " and ".join((self.where, *self.others))
        return f"{where}: {self.message}; {self.fix}"


def error(path: str, field: str, message: str, fix: str, **where) -> Finding:
    """A finding that stops the build; `where` may give `line` and `others`."""
    return Finding("error", path, field, message, fix, **where)


def warning(path: str, field: str, message: str, fix: str, **where) -> Finding:
    """A finding that is reported (and stops only a strict build)."""
    return Finding("warning", path, field, message, fix, **where)


def add_findings(context: dict, findings) -> None:
    """Hand `findings` (an iterable of `Finding`) to the content checks of this site."""
    context.setdefault(FINDINGS_KEY, []).extend(findings)


def add_item_check(context: dict, check) -> None:
    """Register `check(item) -> [Finding]`: the problems in one post's or page's own text.

    The checks run it with the rest of a build; `invoke serve` runs it again on a post
    it rewrites in place (`engine.live`), and an error there means a full build (which
    stops and shows the report) instead of a page written with the problem in it.
    """
    checks = context.setdefault(ITEM_CHECKS_KEY, [])
    if check not in checks:
        checks.append(check)


def item_checks(context: dict) -> list:
    """The checks `add_item_check` registered for this site (a new list)."""
    return list(context.get(ITEM_CHECKS_KEY, []))


def findings_in(context: dict) -> list[Finding]:
    """The findings other plugins handed over for this site (a new list)."""
    return list(context.get(FINDINGS_KEY, []))


def display_path(item, content_root: str | None = None) -> str:
    """A content file's path as the writer would type it.

    `item` is a content object (its `source_path`) or a path string. Relative to the
    folder the build runs in when the file is below it (`content/posts/a.md`), else
    relative to the content folder (`content_root`, or the item's `PATH` setting), so
    a folder elsewhere never prints as `../../`.
    """
    path = item if isinstance(item, str) else item.source_path
    shown = os.path.relpath(path)
    if not shown.startswith(os.pardir):
        return shown
    if content_root is None and not isinstance(item, str):
        content_root = item.settings.get("PATH")
    return os.path.relpath(path, content_root) if content_root else path
