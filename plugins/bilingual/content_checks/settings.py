"""The content checks' settings, read once per site into `CheckSettings`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import subsites
from ..core import (
    BuildStopped,
    Visibility,
)
from ..core.findings import CHECK_ONLY
from ..core.settings import Setting

STRICT = Setting(
    "BILINGUAL_STRICT",
    False,
    "True or False",
    "Warnings stop the build too, Pelican's own included (what `--strict` on `invoke build`, "
    "`check` and `publish` sets).",
)
TRANSLATION_STATUS_SAVE_AS = Setting(
    "TRANSLATION_STATUS_SAVE_AS",
    "translation_status.html",
    "a path in the output folder",
    'Where the translation status page is written, when `"translation_status"` is in '
    "`DIRECT_TEMPLATES` (an empty value writes none; `invoke publish` writes none).",
)
TRANSLATION_STATUS_URL = Setting(
    "TRANSLATION_STATUS_URL",
    "",
    "a URL path",
    "The translation status page's address, linked from the build summary "
    "(empty: `TRANSLATION_STATUS_SAVE_AS`).",
)
SETTINGS = (STRICT, CHECK_ONLY, TRANSLATION_STATUS_SAVE_AS, TRANSLATION_STATUS_URL)


@dataclass(frozen=True)
class CheckSettings:
    """What the content checks read from one site's settings."""

    strict: bool
    check_only: bool
    filename_pattern: str
    content_root: str
    langs: tuple
    aliases: tuple = ()
    default_date: bool = False
    siteurl: str = ""
    writes_drafts: bool = False
    page_paths: tuple = ("pages",)

    @classmethod
    def from_settings(cls, settings) -> CheckSettings:
        """Read and check one site's settings; BuildStopped names a bad one."""
        pattern = subsites.FILENAME_PATTERN_SETTING.read(settings)
        try:
            re.compile(pattern)
        except (re.error, TypeError) as bad:
            raise BuildStopped(
                f"content_checks: invalid BILINGUAL_FILENAME_PATTERN {pattern!r}: {bad}"
            ) from None
        return cls(
            strict=bool(STRICT.read(settings)),
            check_only=bool(CHECK_ONLY.read(settings)),
            filename_pattern=pattern,
            content_root=settings["PATH"],
            langs=tuple(subsites.language_sites(settings).langs),
            aliases=subsites.language_sites(settings).aliases,
            default_date=bool(settings.get("DEFAULT_DATE")),
            siteurl=settings.get("SITEURL") or "",
            writes_drafts=Visibility.from_settings(settings).drafts,
            page_paths=tuple(settings.get("PAGE_PATHS") or ()),
        )
