"""Tasks for writing, building and checking the site: `invoke --list` shows them.

Site tasks run Pelican with this project's settings, theme and plugins, in a process
of its own (`common.subsites.run_pelican`). Anything after `--` goes to Pelican as
typed, quotes included, so `invoke build -- other/content -o /tmp/site` builds another
content folder the same way, and `-e KEY=VALUE` settings add to the task's own.
"""

import os
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
CACHE = ROOT / "cache"
THEME = ROOT / "theme"
DEV_SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
TRANSLATIONS = THEME / "translations"
WORKFLOWS = ROOT / ".github" / "workflows"
HOST = "127.0.0.1"
PORT = 8000

sys.path.insert(0, str(ROOT / "plugins"))
from common.subsites import run_pelican  # noqa: E402


def passthrough(c) -> list[str]:
    """The arguments after `--`, as the shell gave them to this process."""
    if "--" in sys.argv:
        return sys.argv[sys.argv.index("--") + 1 :]
    return shlex.split(c.remainder or "")


def pelican(c, settings, *, output=None, overrides=None, fail=True):
    """Run Pelican on `settings` with the pass-through arguments; Exit on failure."""
    args = passthrough(c) + (["-o", str(output)] if output is not None else [])
    result = run_pelican(settings, args, overrides=overrides, cwd=ROOT)
    if fail and result.returncode != 0:
        raise Exit(code=result.returncode)
    return result


@task
def clean(c):
    """Remove the generated site and Pelican's cache (nothing else)."""
    for folder in (OUTPUT, CACHE):
        if folder.is_dir():
            shutil.rmtree(folder)
            print(f"removed {folder.relative_to(ROOT)}/")


STRICT = {"BILINGUAL_STRICT": "true"}


@task(help={"strict": "fail on warnings as well as errors"})
def build(c, strict=False):
    """Build the development site (drafts visible) into output/."""
    pelican(c, DEV_SETTINGS, overrides=STRICT if strict else None)


@task(help={"strict": "fail on warnings as well as errors"})
def check(c, strict=False):
    """Validate the content without writing a site: findings, summary, translation status."""
    overrides = {"BILINGUAL_CHECK_ONLY": "true", **(STRICT if strict else {})}
    pelican(c, DEV_SETTINGS, overrides=overrides)


@task(clean, build)
def rebuild(c):
    """Clean, then build."""


@task
def preview(c):
    """Build with the publishing settings into output/ (SITEURL from the environment)."""
    pelican(c, PUBLISH_SETTINGS)


@task(
    help={
        "output": "folder to publish into (default: output/)",
        "strict": "fail on warnings as well as errors",
    }
)
def publish(c, output=str(OUTPUT), strict=False):
    """Build the production site in a temporary folder, check it, then swap it into output/."""
    target = Path(output).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".publish-", dir=target.parent) as tmp:
        staged = Path(tmp) / "site"
        overrides = STRICT if strict else None
        result = pelican(c, PUBLISH_SETTINGS, output=staged, overrides=overrides, fail=False)
        if result.returncode != 0:
            raise Exit(f"publish failed: {target} was left as it was", code=result.returncode)
        if target.exists():
            target.rename(Path(tmp) / "previous")
        staged.rename(target)
    print(f"published into {target}")


@task
def serve(c, port=PORT):
    """Build, then serve output/ on 127.0.0.1 with live reload on content, theme and settings."""
    from livereload import Server

    pelican(c, DEV_SETTINGS)

    def rebuild_site():
        # A failed rebuild is reported and the server keeps the last good site.
        pelican(c, DEV_SETTINGS, fail=False)

    server = Server()
    for watched in (CONTENT, THEME, DEV_SETTINGS, ROOT / "plugins"):
        server.watch(str(watched), rebuild_site)
    print(f"serving http://{HOST}:{port}/ (Korean: http://{HOST}:{port}/ko/)")
    server.serve(host=HOST, port=int(port), root=str(OUTPUT), open_url_delay=None)


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
