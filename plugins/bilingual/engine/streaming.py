"""A page rendered straight into its file, and kept only when its bytes changed.

`StreamingTemplate` wraps a Jinja template so that Pelican's writer gets a `Rendering`
(the template's output not made yet) instead of one string: the page goes to disk
piece by piece (a tag page listing thousands of posts never sits in memory whole).
`KeptIfSame` is the file it goes to: `<file>.writing`, then removed when the file
already holds the same bytes (it keeps its modification time) or renamed over it.
"""

from __future__ import annotations

import contextlib
import io
import os

from ..core.files import same_bytes, same_files

# The name a page is rendered into before it replaces its file (or is removed).
SUFFIX = ".writing"


class Rendering:
    """A template's output not made yet: written to its file piece by piece.

    Pelican renders a page into one string and then writes it; a list page of a
    thousand posts is a few MiB of text, and the pieces Jinja joins into it as many
    again, at the build's peak memory. `StreamingTemplate.render` returns this instead,
    and `KeptIfSame.write` renders it into the file (`BATCH` pieces at a time).
    """

    __slots__ = ("context", "template")
    BATCH = 4096

    def __init__(self, template, context):
        """`template`: a Jinja template; `context`: the dict Pelican renders it with."""
        self.template = template
        self.context = context

    def write_to(self, handle) -> None:
        """Render into `handle` (a text file); the template's errors propagate."""
        pieces: list[str] = []
        for piece in self.template.generate(self.context):
            pieces.append(piece)
            if len(pieces) >= self.BATCH:
                handle.write("".join(pieces))
                pieces.clear()
        handle.write("".join(pieces))


class StreamingTemplate:
    """A Jinja template whose `render` gives a `Rendering` (everything else passes)."""

    def __init__(self, template):
        """Wrap `template` (a `jinja2.Template`)."""
        self.template = template

    def render(self, context) -> Rendering:
        """The output to be written, made as it is written."""
        return Rendering(self.template, context)

    def __getattr__(self, name):
        """The template's own attribute (`name`, `environment`...)."""
        return getattr(self.template, name)


class KeptIfSame(io.StringIO):
    """Text written to `<target>.writing`, put in place at `close()` only if it differs.

    A `Rendering` is rendered straight into the staging file; other text (feeds) is
    kept in memory until `close()`. If writing raises, the staging file is removed and
    the target is left as it was.
    """

    def __init__(self, handle, target: str, encoding: str):
        """`handle`: Pelican's open staging file; `target`: the page's own path."""
        super().__init__()
        self._handle = handle  # Pelican's open `<target>.writing`, empty
        self._target = target
        self._encoding = encoding
        self._streamed = False

    def write(self, text):
        """Render a `Rendering` into the staging file; keep other text; 0 or its length."""
        if isinstance(text, Rendering):
            self._streamed = True
            text.write_to(self._handle)
            return 0
        return super().write(text)

    def __exit__(self, kind, value, traceback):
        """Put the page in place (`close`), or on an exception drop the staging file."""
        if kind is None:
            self.close()
            return None
        staging = self._handle.name
        self._handle.close()
        super().close()
        if staging != os.devnull:
            with contextlib.suppress(OSError):
                os.remove(staging)
        return None

    def close(self):
        """Replace the target with the staging file if their bytes differ, else drop it."""
        if self.closed:
            return
        staging = self._handle.name
        if self._streamed:
            self._handle.close()
            super().close()
            if staging == os.devnull:
                return
            if same_files(self._target, staging):
                os.remove(staging)
            else:
                os.replace(staging, self._target)
            return
        data = self.getvalue().encode(self._encoding)
        self._handle.close()
        super().close()
        if staging == os.devnull:
            return  # Pelican skipped this write
        if same_bytes(self._target, data):
            os.remove(staging)
            return
        with open(staging, "wb") as out:
            out.write(data)
        os.replace(staging, self._target)
