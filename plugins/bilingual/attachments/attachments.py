"""attachments: links to attached files say what they are and how big.

A link to a file next to a post (`{attach}report.pdf`) or in a static folder
(`{static}/files/data.csv`) that is not a page or an image is followed by "(PDF,
2.4 MB)", the size read from the content folder, the number written the post's
language's way. The file itself is published once, whatever the number of languages
that link it (`subsites.attach_on_main_site`), and the publish checks test the
link like any other.

Settings: none (reads `PATH`).
"""

from __future__ import annotations

import functools
import os
import posixpath

from pelican import signals

from .. import compat
from .files import LINKED, annotate, links_files


def linked_size(content_root: str, source_dir: str, href: str) -> int | None:
    """The size in bytes of a `{attach}`/`{static}` link's file, or None if missing."""
    for prefix in LINKED:
        if href.startswith(prefix):
            href = href[len(prefix) :]
    path = href.split("?", 1)[0].split("#", 1)[0]
    relative = path.lstrip("/") if path.startswith("/") else posixpath.join(source_dir, path)
    try:
        return os.path.getsize(os.path.join(content_root, posixpath.normpath(relative)))
    except OSError:
        return None


def add_file_facts(instance):
    """`content_object_init`: "(TYPE, size)" after links to attached files."""
    content = compat.content_html(instance)
    if not links_files(content):
        return
    source_dir = os.path.dirname(instance.get_relative_source_path()).replace(os.sep, "/")
    size_of = functools.partial(linked_size, instance.settings["PATH"], source_dir)
    compat.set_content_html(instance, annotate(content, size_of, instance.lang))


def register():
    """Connect the handlers."""
    signals.content_object_init.connect(add_file_facts)
