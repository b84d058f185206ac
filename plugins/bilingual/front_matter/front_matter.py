"""front_matter: Markdown posts whose metadata is YAML front matter, as Jekyll and Hugo write it.

```
---
title: "My post: a subtitle"
date: 2026-04-19 10:00
tags: [rust, yaml]
---
```

Read with pelican-yaml-metadata's reader (YAML, not Pelican's `Key: value` lines: the
quotes are not part of the title, `[rust, yaml]` is two tags); a file without front
matter is read as Pelican's Markdown reader reads it. Malformed YAML makes the file
unreadable (`FrontMatterError`), and the content checks name its file, line and YAML
problem; pelican-yaml-metadata alone logged a traceback and read the post with no
metadata at all.

Settings: `READERS` (Pelican's): a reader the writer set for Markdown's extensions is
kept. No settings of its own.
"""

from __future__ import annotations

import copy

import yaml
from markdown import Markdown
from pelican import signals
from pelican.plugins.yaml_metadata.yaml_metadata import HEADER_RE, YAMLMetadataReader
from pelican.utils import pelican_open
from pygments.formatters import get_formatter_by_name

from .quick_patterns import guard_patterns

CODEHILITE = ("markdown.extensions.codehilite", "codehilite")


class FrontMatterError(ValueError):
    """YAML front matter that does not parse into fields; `line`: the file's line or None."""

    def __init__(self, message: str, line: int | None = None):
        """The message, and the 1-based line of the file when YAML knows it."""
        super().__init__(message)
        self.line = line


def yaml_problem(text: str) -> tuple[int | None, str] | None:
    """(1-based line in the front matter, problem) when `text` is not YAML fields, else None.

    `text` is the front matter without its `---` lines; the line counts from its first.
    """
    try:
        fields = yaml.safe_load(text)
    except yaml.YAMLError as bad:
        mark = getattr(bad, "problem_mark", None)
        problem = getattr(bad, "problem", None) or str(bad)
        return (mark.line + 1 if mark is not None else None), problem
    if not isinstance(fields, dict):
        return None, "the front matter is not a list of 'key: value' fields"
    return None


def dashes_line(source_path: str) -> int:
    """The 1-based line of the file's first `---` line (blank lines may come before it)."""
    with open(source_path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip() == "---":
                return number
    return 1


class MarkdownReader(YAMLMetadataReader):
    """pelican-yaml-metadata's reader; malformed YAML stops the file, with the reason.

    The class name is Pelican's Markdown reader's: Pelican records it as the `reader`
    metadata, which templates and plugins read as "markdown".

    One `Markdown` instance per reader, `reset()` between files (Python-Markdown's
    documented way to convert many documents; extensions with state implement `reset`):
    Pelican's reader builds a new one, every extension loaded again, for each file
    (0.8 ms a file, 15 % of a cold build of 300 pairs).
    """

    def __init__(self, *args, **kwargs):
        """pelican-yaml-metadata's reader, its Markdown made with `markdown_settings`."""
        super().__init__(*args, **kwargs)
        self._markdown_settings = markdown_settings(self.settings["MARKDOWN"])
        yaml_settings = copy.copy(self._markdown_settings)
        yaml_settings["extensions"] = [
            name for name in yaml_settings["extensions"] if name != "markdown.extensions.meta"
        ]
        self._md = guard_patterns(Markdown(**yaml_settings))

    def read(self, source_path):
        """(HTML, metadata) of one file: YAML front matter, or Pelican's `Key: value` lines."""
        with pelican_open(source_path) as text:
            if HEADER_RE.fullmatch(text):
                return super().read(source_path)
        markdown = self._meta_lines_markdown()
        self._source_path = source_path
        content = markdown.reset().convert(text)
        # Pelican's _parse_metadata converts formatted fields with `self._md` after
        # taking its `meta` preprocessor out; a copy of the registry puts it back.
        preprocessors, plain = markdown.preprocessors[:], self._md
        self._md = markdown
        try:
            metadata = self._parse_metadata(markdown.Meta)
        finally:
            markdown.preprocessors, self._md = preprocessors, plain
        return content, metadata

    def _meta_lines_markdown(self) -> Markdown:
        """This reader's Markdown with Pelican's settings (`meta` included), made once."""
        if getattr(self, "_meta_markdown", None) is None:
            self._meta_markdown = guard_patterns(Markdown(**self._markdown_settings))
        return self._meta_markdown

    def _load_yaml_metadata(self, text, source_path):
        """The fields of the front matter; FrontMatterError when they do not parse."""
        found = yaml_problem(text)
        if found is not None:
            line, problem = found
            # The YAML text starts right after the first `---`, on that line: its line 1
            # is the file's `---` line.
            start = dashes_line(source_path)
            raise FrontMatterError(
                f"YAML front matter: {problem}", None if line is None else start + line - 1
            )
        return super()._load_yaml_metadata(text, source_path)


class ReusedFormatters:
    """codehilite's `pygments_formatter`: Pygments' HTML formatter, one per set of options.

    codehilite asks for a new formatter for each code block, and Pygments' HTML
    formatter builds its whole style table when made (as long as the highlighting
    itself); formatting does not change a formatter, so one per set of options
    serves every block. Called as codehilite calls a formatter class,
    `(lang_str=..., **options)`; `lang_str` is left out as codehilite leaves it out for
    its default, the formatter named "html" (the output is the same).
    """

    def __init__(self):
        """No formatter made yet."""
        self.made: dict[str, object] = {}

    def __call__(self, lang_str: str = "", **options):
        """The formatter for `options`, made the first time."""
        key = repr(sorted(options.items()))
        if key not in self.made:
            self.made[key] = get_formatter_by_name("html", **options)
        return self.made[key]

    def __repr__(self) -> str:
        """The same for every instance: settings digests stay the same from build to build."""
        return "ReusedFormatters()"


def markdown_settings(markdown: dict) -> dict:
    """`MARKDOWN` for this reader's Markdown: codehilite reuses its formatters.

    A copy; unchanged unless codehilite is configured (Pelican's default is) with no
    `pygments_formatter` of the writer's own, or the default "html".
    """
    configs = markdown.get("extension_configs") or {}
    name = next((name for name in CODEHILITE if name in configs), None)
    if name is None or configs[name].get("pygments_formatter", "html") != "html":
        return dict(markdown)
    configs = {**configs, name: {**configs[name], "pygments_formatter": ReusedFormatters()}}
    return {**markdown, "extension_configs": configs}


def use_yaml_reader(pelican) -> None:
    """`initialized`: read Markdown with `MarkdownReader` unless `READERS` names another.

    `READERS` is replaced, not changed in place (Pelican's default is one shared dict).
    """
    settings = pelican.settings
    chosen = dict(settings.get("READERS") or {})
    for ext in MarkdownReader.file_extensions:
        chosen.setdefault(ext, MarkdownReader)
    settings["READERS"] = chosen


def register():
    """Connect the handler."""
    signals.initialized.connect(use_yaml_reader)
