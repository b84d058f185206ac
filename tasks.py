"""Tasks for writing, building and checking the demo blog: `invoke --list` shows them.

The blog's tasks come from the package (`pelican.plugins.bilingual.tasks`), as any blog
takes them; this repository adds its own: the tests, the linters and the theme's
message catalogs.
"""

import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import Exit, task
from pelican.plugins.bilingual.tasks import blog_tasks
from pelican.plugins.bilingual.tasks.project import passthrough

ROOT = Path(__file__).resolve().parent
THEME = ROOT / "theme"
TRANSLATIONS = THEME / "translations"
WORKFLOWS = ROOT / ".github" / "workflows"


@task
def test(c):
    """Run the test suite (arguments after -- go to pytest)."""
    c.run(shlex.join([sys.executable, "-m", "pytest", *passthrough(c)]), pty=False)


def tool(name: str) -> str:
    """A command installed beside this Python (bin/ or Scripts/), else on PATH."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise Exit(f"{name} is not installed: pip install -r requirements-dev.txt", code=1)
    return found


@task
def lint(c):
    """ruff (code and format), then actionlint (with ShellCheck) and zizmor on the workflows."""
    c.run(f"{sys.executable} -m ruff check .", pty=False)
    c.run(f"{sys.executable} -m ruff format --check .", pty=False)
    workflows = [str(path) for path in sorted(WORKFLOWS.glob("*.yml"))]
    # ShellCheck is named explicitly: actionlint silently skips `run:` scripts without it.
    c.run(
        shlex.join([tool("actionlint"), "-shellcheck", tool("shellcheck"), *workflows]),
        pty=False,
    )
    # Offline, no config, no ignore comments: every finding counts. Tokens are dropped so
    # that zizmor never goes online.
    env = {k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN")}
    zizmor = [tool("zizmor"), "--offline", "--no-config", "--no-ignores", "--persona=pedantic"]
    c.run(
        shlex.join([*zizmor, *workflows]),
        pty=False,
        env=env,
        replace_env=True,
    )


@task(name="i18n-extract")
def i18n_extract(c):
    """Extract the theme's UI strings into theme/translations/messages.pot."""
    c.run(
        f"{sys.executable} -m babel.messages.frontend extract "
        f"-F {TRANSLATIONS / 'babel.cfg'} -o {TRANSLATIONS / 'messages.pot'} "
        f"--no-location --sort-output --project bilingual-series-theme {THEME}",
        pty=False,
    )


@task(i18n_extract, name="i18n-update")
def i18n_update(c):
    """Merge new UI strings into every language's messages.po."""
    c.run(
        f"{sys.executable} -m babel.messages.frontend update "
        f"-i {TRANSLATIONS / 'messages.pot'} -d {TRANSLATIONS} --ignore-obsolete",
        pty=False,
    )


ns = blog_tasks(__file__)
for each in (test, lint, i18n_extract, i18n_update):
    ns.add_task(each)
