"""Tasks for writing, building and checking the site: `invoke --list` shows them.

Site tasks run Pelican with this project's settings, theme and plugins. Anything
after `--` goes to Pelican unchanged, so `invoke build -- other/content -o /tmp/site`
builds another content folder the same way.
"""

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
HOST = "127.0.0.1"
PORT = 8000


def pelican(c, settings, extra="", output=None, warn=False):
    """Run Pelican in its own process (pelican-i18n-subsites keeps state per process)."""
    args = [sys.executable, "-m", "pelican", "-s", str(settings)]
    if output is not None:
        args += ["-o", str(output)]
    command = shlex.join(args)
    if extra:
        command += " " + extra
    return c.run(command, pty=False, warn=warn)


@task
def clean(c):
    """Remove the generated site and Pelican's cache (nothing else)."""
    for folder in (OUTPUT, CACHE):
        if folder.is_dir():
            shutil.rmtree(folder)
            print(f"removed {folder.relative_to(ROOT)}/")


@task
def build(c):
    """Build the development site (drafts visible) into output/."""
    pelican(c, DEV_SETTINGS, c.remainder)


@task(help={"strict": "fail on warnings as well as errors"})
def check(c, strict=False):
    """Validate the content without writing a site: findings, summary, translation status."""
    flags = ["BILINGUAL_CHECK_ONLY=true"] + (["BILINGUAL_STRICT=true"] if strict else [])
    result = pelican(c, DEV_SETTINGS, f"{c.remainder} -e {' '.join(flags)}", warn=True)
    if not result.ok:
        raise Exit(code=result.exited or 1)


@task(clean, build)
def rebuild(c):
    """Clean, then build."""


@task
def preview(c):
    """Build with the publishing settings into output/ (SITEURL from the environment)."""
    pelican(c, PUBLISH_SETTINGS, c.remainder)


@task(help={"output": "folder to publish into (default: output/)"})
def publish(c, output=str(OUTPUT)):
    """Build the production site in a temporary folder, check it, then swap it into output/."""
    target = Path(output).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".publish-", dir=target.parent) as tmp:
        staged = Path(tmp) / "site"
        result = pelican(c, PUBLISH_SETTINGS, c.remainder, output=staged, warn=True)
        if not result.ok:
            raise Exit(f"publish failed: {target} was left as it was", code=result.exited or 1)
        if target.exists():
            target.rename(Path(tmp) / "previous")
        staged.rename(target)
    print(f"published into {target}")


@task
def serve(c, port=PORT):
    """Build, then serve output/ on 127.0.0.1 with live reload on content, theme and settings."""
    from livereload import Server

    pelican(c, DEV_SETTINGS, c.remainder)

    def rebuild_site():
        # A failed rebuild is reported and the server keeps the last good site.
        pelican(c, DEV_SETTINGS, c.remainder, warn=True)

    server = Server()
    for watched in (CONTENT, THEME, DEV_SETTINGS, ROOT / "plugins"):
        server.watch(str(watched), rebuild_site)
    print(f"serving http://{HOST}:{port}/ (Korean: http://{HOST}:{port}/ko/)")
    server.serve(host=HOST, port=int(port), root=str(OUTPUT), open_url_delay=None)


@task
def test(c):
    """Run the test suite (arguments after -- go to pytest)."""
    c.run(shlex.join([sys.executable, "-m", "pytest"]) + " " + c.remainder, pty=False)


@task
def lint(c):
    """Check code style with ruff."""
    c.run(f"{sys.executable} -m ruff check .", pty=False)
    c.run(f"{sys.executable} -m ruff format --check .", pty=False)


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
