"""The settings reference: every setting the package reads, from the features' declarations.

`python -m pelican.plugins.bilingual.settings_reference` prints it as Markdown (the
repository keeps it in `docs/settings.md`; a test fails when that file and this output
differ, or when the package reads a setting no feature declares). Each feature declares
its settings in a `SETTINGS` tuple of `core.settings.Setting` (name, default, accepted
values, effect); this module only collects and prints them.
"""

from __future__ import annotations

import pprint
from types import ModuleType

from .archive import archive
from .content_checks import settings as content_checks
from .contents import contents
from .core import romanize
from .core.settings import Setting
from .engine import settings as engine_settings
from .engine import up_to_date
from .localization import localization
from .pairing import pairing
from .progress import progress
from .publishing import publishing
from .reading_time import reading_time
from .search import search
from .series_threads import series_threads
from .subsites import names as file_names
from .theme_support import theme_support

# (heading, the module that declares the settings), in the order the reference lists them.
SECTIONS: tuple[tuple[str, ModuleType], ...] = (
    ("Series", series_threads),
    ("Translations and tags", pairing),
    ("Archive and calendar", archive),
    ("Search", search),
    ("Theme", theme_support),
    ("Contents box", contents),
    ("Reading time", reading_time),
    ("UI text", localization),
    ("Checks and build summary", content_checks),
    ("File names", file_names),
    ("Addresses in Hangul", romanize),
    ("Publishing", publishing),
    ("Build speed (each turns one speed-up off; the site is the same)", engine_settings),
    ("Nothing-changed builds", up_to_date),
    ("Console", progress),
)

# Environment variables the bundle reads, with what they change.
ENVIRONMENT = (
    (
        "SITEURL",
        "`invoke publish` and `invoke preview` take the site's address from it, whatever "
        "`publishconf.py` says (`SITEURL=https://user.github.io/repo invoke publish`).",
    ),
    (
        "SOURCE_DATE_EPOCH",
        "Seconds since 1970 (reproducible builds): the build date the archive calendar "
        "shows, instead of the clock.",
    ),
    (
        "GITHUB_ACTIONS",
        "`true` (set by GitHub Actions): warnings and errors are also printed as workflow "
        "annotations.",
    ),
)

RENAMED = """\
Each feature's settings now share its prefix (`BUILD_` for the build engine, `THEME_`
for the theme, `PUBLISH_` for publishing). The old names still work in this release
(0.2), with a warning naming the new one; from 0.3 on they are not read.\
"""

HEADER = """\
# Settings reference

Every setting the bundle reads, with its default. Set them in `pelicanconf.py` (or
`publishconf.py` for the published site only), or for one build on the command line:
`invoke build -- -e 'ARCHIVE_CALENDAR_MONTHS=12'` (values as JSON). A value of the wrong
kind stops the build with a message that names the setting.

Pelican's own settings (`SITENAME`, `TIMEZONE`, `ARTICLE_URL`, `SUMMARY_MAX_LENGTH`, ...)
work as Pelican documents them; [Migrating](migrating.md) lists the few the bundle reads
differently. Languages are pelican-i18n-subsites' `DEFAULT_LANG` and `I18N_SUBSITES`
([Languages](languages.md)).

This page is generated from the code (`python -m pelican.plugins.bilingual.settings_reference`);
do not edit it by hand.
"""


def declared() -> tuple[Setting, ...]:
    """Every declared setting, in reference order."""
    return tuple(setting for _, module in SECTIONS for setting in module.SETTINGS)


def shown(value) -> str:
    """A default as Python would write it in `pelicanconf.py`, inside backticks."""
    text = pprint.pformat(value, width=1000, sort_dicts=False)
    return f"`{text}`"


def cell(text: str) -> str:
    """`text` made safe for one Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def render() -> str:
    """The whole reference as Markdown (a str ending in one newline)."""
    lines = [HEADER]
    for heading, module in SECTIONS:
        lines += [
            f"## {heading}",
            "",
            "| Setting | Default | Values | Effect |",
            "| --- | --- | --- | --- |",
        ]
        for setting in module.SETTINGS:
            lines.append(
                f"| `{setting.name}` | {cell(shown(setting.default))} | {cell(setting.values)} "
                f"| {cell(setting.effect)} |"
            )
        lines.append("")
    lines += ["## Environment variables", "", "| Variable | Effect |", "| --- | --- |"]
    lines += [f"| `{name}` | {cell(effect)} |" for name, effect in ENVIRONMENT]
    renamed = [setting for setting in declared() if setting.was]
    if renamed:
        lines += ["", "## Renamed settings", "", RENAMED, "", "| Old name | New name |"]
        lines += ["| --- | --- |"]
        lines += [f"| `{setting.was}` | `{setting.name}` |" for setting in renamed]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render(), end="")
