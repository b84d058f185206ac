"""Tasks for writing, building and checking the demo blog: `invoke --list` shows them.

The blog's tasks come from the package (`pelican.plugins.bilingual.tasks`), as any blog
takes them; this repository adds its own: the tests, the linters and the theme's
message catalogs.
"""

import ast
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import Exit, task
from pelican.plugins.bilingual.tasks import blog_tasks, site
from pelican.plugins.bilingual.tasks.project import passthrough

ROOT = Path(__file__).resolve().parent
THEME = ROOT / "theme"
TRANSLATIONS = THEME / "translations"
WORKFLOWS = ROOT / ".github" / "workflows"


@task
def test(c):
    """Run the tests (arguments after -- go to pytest)."""
    c.run(shlex.join([sys.executable, "-m", "pytest", *passthrough(c)]), pty=False)


def tool(name: str) -> str:
    """A command installed beside this Python (bin/ or Scripts/), else on PATH."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise Exit(f"{name} is not installed: pip install -r requirements-dev.txt", code=1)
    return found


@task
def lint(c):
    """Run ruff, then actionlint and zizmor on the workflows."""
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
    """Collect the theme's UI strings into messages.pot."""
    c.run(
        f"{sys.executable} -m babel.messages.frontend extract "
        f"-F {TRANSLATIONS / 'babel.cfg'} -o {TRANSLATIONS / 'messages.pot'} "
        f"--no-location --sort-output --project bilingual-series-theme {THEME}",
        pty=False,
    )


@task(i18n_extract, name="i18n-update")
def i18n_update(c):
    """Merge new UI strings into each language's messages.po."""
    c.run(
        f"{sys.executable} -m babel.messages.frontend update "
        f"-i {TRANSLATIONS / 'messages.pot'} -d {TRANSLATIONS} --ignore-obsolete",
        pty=False,
    )


# The demo's own settings in pelicanconf.py: what a blog started from a clone changes first.
DEMO_SETTINGS = ("SITENAME", "SITESUBTITLE", "AUTHOR", "TIMEZONE", "I18N_SUBSITES", "SERIES")


def git_lines(*args: str) -> list[str]:
    """The lines git prints for `args` in this repository (NUL-separated output)."""
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise Exit(f"clear-demo needs the git checkout of this repository: {done.stderr}", code=1)
    return [line for line in done.stdout.split("\0") if line]


def demo_files() -> tuple[list[str], list[str]]:
    """(the demo's files in content/ as committed, those of them the writer changed)."""
    tracked = git_lines("ls-files", "-z", "--", "content")
    changed = {line[3:] for line in git_lines("status", "--porcelain", "-z", "--", "content")}
    return [f for f in tracked if f not in changed], sorted(changed & set(tracked))


def setting_lines(path: Path, names) -> list[str]:
    """`file:line NAME = ...` for each of `names` assigned in the settings file `path`."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id in names:
                    found.append(f"  {path.name}:{node.lineno}  {target.id}")
    return found


@task(name="clear-demo")
def clear_demo(c):
    """Remove the demo's content, output/ and the caches."""
    remove, kept = demo_files()
    for name in remove:
        (ROOT / name).unlink(missing_ok=True)
    for folder in sorted((ROOT / "content").rglob("*"), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    (ROOT / "content").mkdir(exist_ok=True)
    site.clean(c)
    print(f"removed the demo's {len(remove)} files in content/, output/ and the caches")
    if kept:
        print("kept, as you changed them:\n" + "\n".join(f"  {name}" for name in kept))
    print(
        "Now make the settings yours:\n"
        + "\n".join(setting_lines(ROOT / "pelicanconf.py", DEMO_SETTINGS))
        + '\nthen write: invoke new "A title" --series "Your series" --new-series'
    )


@task
def screenshots(c):
    """Redraw the README's screenshots (docs/images/) from a build."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    site.build(c)
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if chromium is None:
        raise Exit("screenshots need Chromium: apt-get install chromium", code=1)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(ROOT / "output"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=["--headless=new", "--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": 1100, "height": 760})
            for name, path in (("home-en", "/"), ("home-ko", "/ko/")):
                page.goto(address + path)
                target = ROOT / "docs" / "images" / f"{name}.png"
                target.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(target))
                print(f"wrote {target.relative_to(ROOT)}")
            browser.close()
    finally:
        server.shutdown()


ns = blog_tasks(__file__)
for each in (test, lint, i18n_extract, i18n_update, clear_demo, screenshots):
    ns.add_task(each)
