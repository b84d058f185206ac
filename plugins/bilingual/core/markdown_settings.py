"""The `MARKDOWN` setting: a plugin's extension added where the writer's settings lack it.

Pelican's default `MARKDOWN` (codehilite, extra, meta) has no heading ids and no formulas;
a blog brought from elsewhere keeps that default or its own. The plugins that need an
extension add it at `initialized` (`contents`: heading ids and links; `mathml`:
formulas), leaving one the writer configured as it is.
"""

from __future__ import annotations

from collections.abc import Mapping


def has_extension(markdown: Mapping, name: str) -> bool:
    """Whether `MARKDOWN` names extension `name` (`markdown.extensions.toc`) in any form.

    As a key of `extension_configs`, in `extensions` by its dotted name, its short
    name (`toc`), or as an extension object of that module.
    """
    short = name.rsplit(".", 1)[-1]
    named = [*(markdown.get("extension_configs") or {}), *(markdown.get("extensions") or [])]
    for entry in named:
        if isinstance(entry, str):
            if entry in (name, short) or entry.split(":", 1)[0] == name:
                return True
        elif type(entry).__module__ == name:
            return True
    return False


def with_extension(markdown: Mapping, name: str, config: Mapping) -> dict:
    """`MARKDOWN` with extension `name` configured by `config`, unless it has it already.

    A new dict (the settings' own is left as it is). `({"extension_configs": {}},
    "pymdownx.arithmatex", {"generic": True})` -> `{"extension_configs":
    {"pymdownx.arithmatex": {"generic": True}}}`.
    """
    result = dict(markdown)
    if has_extension(markdown, name):
        return result
    result["extension_configs"] = {**(markdown.get("extension_configs") or {}), name: dict(config)}
    return result
