"""Rules on one content file as the writer typed it: metadata, titles, dates, status.

Pure functions, no Pelican: each takes plain values and returns a list of
`core.Finding` (`name(item)` gives the path a message shows for an item).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable

from ..core import Finding, error

STATUSES = ("published", "draft", "hidden", "skip")

METADATA_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*)$")


def split_metadata(text: str) -> dict[str, tuple[int, str]]:
    """Pelican-Markdown metadata: {lowercased key: (line number, value)} up to the first blank."""
    found = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break
        match = METADATA_LINE.match(line)
        if match is None:
            if number == 1:
                return {}
            continue
        found[match.group(1).lower()] = (number, match.group(2).strip())
    return found


RST_FIELD_LINE = re.compile(r"^:([A-Za-z][A-Za-z0-9_-]*):")


def field_line(text: str, field: str) -> int | None:
    """The 1-based line of a metadata field in a source file's text, or None.

    Markdown's `Field: value` block, or reStructuredText's `:field: value` lines.
    """
    entry = split_metadata(text).get(field.lower())
    if entry:
        return entry[0]
    for number, line in enumerate(text.splitlines(), start=1):
        found = RST_FIELD_LINE.match(line)
        if found and found.group(1).lower() == field.lower():
            return number
    return None


def diagnose_source(
    path: str, data: bytes, parse_date: Callable, dated: bool = False
) -> list[Finding]:
    """Why Pelican could not read a file, from its raw `data`.

    Empty, not UTF-8, no metadata, no or a bad title, date or status.
    `parse_date(text)` raises ValueError or OverflowError for text that is not a date
    (Pelican's `utils.get_date`). `dated`: the date comes from elsewhere (the file
    name, `DEFAULT_DATE`), so a missing `Date:` is no problem.
    """
    if not data.strip():
        return [
            error(
                path,
                "-",
                "the file is empty",
                "write a metadata block (Title:, Date:) and the post, or delete the file",
            )
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as bad:
        return [
            error(
                path,
                "-",
                f"the file is not UTF-8 text (byte 0x{data[bad.start]:02x} at offset {bad.start})",
                "save the file with UTF-8 encoding",
            )
        ]
    meta = split_metadata(text.replace("\r\n", "\n"))
    if not meta:
        return [
            error(
                path,
                "Title",
                "the file has no metadata block",
                "start the file with 'Title: …' and 'Date: …' lines, then a blank line",
                line=1,
            )
        ]
    return metadata_problems(path, meta, parse_date, dated) or [
        error(
            path, "-", "Pelican could not read this file", "run the build with --debug to see why"
        )
    ]


# docutils' messages: `<source>:<line>: (ERROR/3) text`, the line empty when unknown.
READER_MESSAGE = re.compile(r"^(?:.*?):(\d*): \((?:ERROR|WARNING|SEVERE|INFO)/\d\) (.*)$", re.S)


def quoted_line(message: str, source: str | None) -> int | None:
    """The 1-based line of `source` where the text docutils quotes in `message` starts.

    docutils ends some messages with the offending source, after a blank line (a
    malformed table, a directive's block); when the message itself gives no line, the
    first quoted line found in `source` is the place to look. None when there is none.
    """
    if not source or "\n\n" not in message:
        return None
    quoted = [line.strip() for line in message.split("\n\n", 1)[1].splitlines()]
    first = next((line for line in quoted if line), None)
    if first is None:
        return None
    for number, line in enumerate(source.splitlines(), start=1):
        if line.strip() == first:
            return number
    return None


def diagnose_with_reader(
    path: str, read: Callable, syntax: str, source: str | None = None
) -> list[Finding]:
    """Why a file was not read, in its reader's own words (not Markdown's `Key:` lines).

    `read()` runs the file's Pelican reader (returning (html, metadata) or raising);
    `syntax` names the format ("reStructuredText"); `source` is the file's text, if
    read. A reader's error is reported with its line (docutils' message's, the
    exception's `line` attribute, or where the source docutils quotes starts); a file
    the reader accepts lacks a title or a date, named with the format's own field
    syntax (`:date:` for reStructuredText).
    """
    try:
        _html, meta = read()
    except Exception as bad:  # any reader error is the writer's to see
        text = str(bad).strip()
        found = READER_MESSAGE.match(text)
        line, message = (found.group(1), found.group(2)) if found else (None, text)
        line = int(line) if line else None
        if line is None and isinstance(getattr(bad, "line", None), int):
            line = bad.line  # a reader's own error that knows its line
        if line is None:
            line = quoted_line(message, source)
        message = message.split("\n\n")[0].strip().rstrip(".")
        where = "at that line" if line is not None else "in this file"
        return [
            error(
                path,
                "-",
                f"{syntax} could not read this file: {message}",
                f"fix the {syntax} {where} (Pelican stops on warnings as well)",
                line=line,
            )
        ]
    field = ":{}:" if syntax == "reStructuredText" else "{}:"
    findings = []
    if not meta.get("title"):
        findings.append(
            error(path, "Title", "the post has no title", f"add {field.format('title')} …")
        )
    if not meta.get("date"):
        findings.append(
            error(
                path,
                "Date",
                "the post has no date",
                f"add {field.format('date')} YYYY-MM-DD HH:MM",
            )
        )
    return findings or [
        error(
            path, "-", "Pelican could not read this file", "run the build with --debug to see why"
        )
    ]


def metadata_problems(
    path: str, meta: dict, parse_date: Callable, dated: bool = False
) -> list[Finding]:
    """A missing title or date (unless `dated`), a bad date, an unknown status."""
    findings = []
    if not meta.get("title", (0, ""))[1]:
        findings.append(
            error(
                path, "Title", "the post has no title", "add a line 'Title: …' at the top", line=1
            )
        )
    if "date" not in meta and not dated:
        findings.append(
            error(
                path, "Date", "the post has no date", "add a line 'Date: YYYY-MM-DD HH:MM'", line=1
            )
        )
    else:
        line, value = meta["date"]
        try:
            parse_date(value)
        except (ValueError, OverflowError):
            findings.append(
                error(
                    path,
                    "Date",
                    f"'{value}' is not a date{why_not_a_date(value)}",
                    "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM",
                    line=line,
                )
            )
    if "status" in meta and meta["status"][1].lower() not in STATUSES:
        line, value = meta["status"]
        findings.append(
            error(
                path,
                "Status",
                f"'{value}' is not a status",
                "use published, draft or hidden",
                line=line,
            )
        )
    return findings


def untitled(items: Iterable, name: Callable) -> list[Finding]:
    """An error for every post or page that was read with an empty title.

    Pelican skips a file with no `Title:` line at all (reported with the file it could
    not read), but it builds one whose `Title:` is blank, or a reStructuredText file
    without a heading over its text (it only warns), into a page with an empty heading.
    """
    return [
        error(
            name(item),
            "Title",
            "the post has no title",
            "write one after 'Title:' (reStructuredText: a heading over the text)",
        )
        for item in items
        if not str(getattr(item, "title", "") or "").strip()
    ]


def why_not_a_date(value: str) -> str:
    """Why `value`, shaped like YYYY-MM-DD, names no day ("; 2026-02 has no day 30"), or ""."""
    shaped = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\b", value)
    if not shaped:
        return ""
    year, month, day = (int(part) for part in shaped.groups())
    if not 1 <= month <= 12:
        return f"; there is no month {month}"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"; {year}-{month:02d} has days 1 to {last}"
    return ""
