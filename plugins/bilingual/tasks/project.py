"""What every task shares: the blog's folders and settings files, and running Pelican.

A blog is the folder of its `tasks.py` (`blog_tasks(__file__)` records it in invoke's
configuration as `bilingual.root`), or the folder invoke runs in. Its development
settings are `pelicanconf.py`, its publishing settings `publishconf.py` (Pelican's
quickstart names); `output/` and `cache/` are its output and cache folders.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from invoke import Exit

from ..subsites import run_pelican

HOST = "127.0.0.1"
PORT = 8000
STRICT = {"BILINGUAL_STRICT": "true"}
# Pelican's draft settings: empty, nothing is written for a draft.
DRAFT_SETTINGS = (
    "DRAFT_SAVE_AS",
    "DRAFT_LANG_SAVE_AS",
    "DRAFT_PAGE_SAVE_AS",
    "DRAFT_PAGE_LANG_SAVE_AS",
)


@dataclass(frozen=True)
class Project:
    """A blog's folders and settings files; `root` is the blog's folder."""

    root: Path

    @classmethod
    def of(cls, c) -> Project:
        """The blog the invoke context `c` works on (`bilingual.root`, else the cwd)."""
        configured = (c.config.get("bilingual") or {}).get("root")
        return cls(Path(configured or os.getcwd()).resolve())

    @property
    def dev_settings(self) -> Path:
        """The development settings file, `pelicanconf.py`."""
        return self.root / "pelicanconf.py"

    @property
    def publish_settings(self) -> Path:
        """The publishing settings: `publishconf.py`, else the development settings.

        Without a `publishconf.py` a publishing build is `pelicanconf.py` with the rules
        every publishing build has (`publishing`: no drafts, the site's checks, `SITEURL`
        from the environment).
        """
        own = self.root / "publishconf.py"
        return own if own.is_file() else self.dev_settings

    @property
    def output(self) -> Path:
        """The output folder, `output/`."""
        return self.root / "output"

    @property
    def cache(self) -> Path:
        """The cache folder, `cache/`."""
        return self.root / "cache"

    def settings(self) -> dict:
        """The development settings as Pelican reads them."""
        from pelican.settings import read_settings

        return read_settings(str(self.dev_settings))

    def langs(self, settings: dict | None = None) -> list[str]:
        """The site's languages, the main one first."""
        settings = settings or self.settings()
        return [settings["DEFAULT_LANG"], *settings.get("I18N_SUBSITES", {})]

    def publish_retention(self) -> list[str]:
        """`OUTPUT_RETENTION` of the publishing settings: entries of output/ left in place."""
        from pelican.settings import read_settings

        return list(read_settings(str(self.publish_settings)).get("OUTPUT_RETENTION") or [])

    def shown(self, path: Path) -> Path:
        """A path as the writer would type it: relative to the blog when inside it."""
        return path.relative_to(self.root) if path.is_relative_to(self.root) else path


def passthrough(c) -> list[str]:
    """The arguments after `--`, as the shell gave them to this process."""
    if "--" in sys.argv:
        return sys.argv[sys.argv.index("--") + 1 :]
    return shlex.split(c.remainder or "")


def output_argument(args: list[str]) -> tuple[list[str], str | None]:
    """(`args` without Pelican's `-o DIR` / `--output DIR` / `--output=DIR`, that DIR or None)."""
    rest, found = [], None
    skip = False
    for number, arg in enumerate(args):
        if skip:
            skip = False
        elif arg in ("-o", "--output") and number + 1 < len(args):
            found, skip = args[number + 1], True
        elif arg.startswith("--output="):
            found = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    return rest, found


def pelican(c, settings, *, output=None, overrides=None, fail=True):
    """Run Pelican on `settings` with the pass-through arguments; Exit on failure.

    Pelican runs in a process of its own, in the blog's folder (`run_pelican`).
    """
    args = passthrough(c)
    if output is not None:  # the task's own folder replaces any `-o` given after `--`
        args = [*output_argument(args)[0], "-o", str(output)]
    env = dict(os.environ)
    if not sys.stdout.isatty():
        # In CI logs and pipes Pelican's messages would wrap at 80 columns, mid-path.
        env.setdefault("COLUMNS", "250")
    result = run_pelican(settings, args, overrides=overrides, cwd=Project.of(c).root, env=env)
    if fail and result.returncode != 0:
        raise Exit(code=result.returncode)
    return result


def publishing(environ) -> dict[str, str]:
    """What every `invoke publish` and `preview` is, whatever publishconf.py says.

    A writer's own publishconf.py (pelican-quickstart's) writes drafts and runs no
    checks: here no draft is written or listed, nor the writer's translation status
    page, the built site must pass its checks
    (`PUBLISH_CHECKS`), and `SITEURL` comes from the environment when set there.
    Values are JSON, as Pelican's `-e` reads them.
    """
    values = {key: '""' for key in DRAFT_SETTINGS}
    # The translation status page is the writer's, not the readers' (it links drafts).
    values["TRANSLATION_STATUS_SAVE_AS"] = '""'
    values["PUBLISH_CHECKS"] = "true"
    if environ.get("SITEURL"):
        values["SITEURL"] = json.dumps(environ["SITEURL"].rstrip("/"))
    return values
