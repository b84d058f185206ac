"""The site tasks: clean, build, check, rebuild, preview, publish.

Each runs Pelican with the blog's settings in a process of its own
(`subsites.run_pelican`). Anything after `--` goes to Pelican as typed, quotes
included, so `invoke build -- other/content -o /tmp/site` builds another content folder
the same way, and `-e KEY=VALUE` settings add to the task's own.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from invoke import Exit, task

from ..core.files import sync_tree
from .project import STRICT, Project, output_argument, passthrough, pelican, publishing


@task
def clean(c):
    """Remove output/ and the caches (nothing else)."""
    project = Project.of(c)
    for folder in (project.output, *cache_folders(project)):
        if folder.is_dir():
            shutil.rmtree(folder)
            print(f"removed {folder.relative_to(project.root)}/")


def cache_folders(project: Project) -> list[Path]:
    """cache/ and the settings' `CACHE_PATH`, when it is a folder of its own in the project.

    A `CACHE_PATH` outside the project, or one that is the project, its content, theme or
    plugins, is never removed.
    """
    root = project.root
    folders = [project.cache]
    configured = Path(project.settings().get("CACHE_PATH") or project.cache).resolve()
    protected = {root, root / "content", root / "theme", root / "plugins", root / "tests"}
    if configured.is_relative_to(root) and not any(
        configured == p or p.is_relative_to(configured) for p in protected
    ):
        folders.append(configured)
    return list(dict.fromkeys(folders))


@task(help={"strict": "fail on warnings as well as errors"})
def build(c, strict=False):
    """Build the development site (drafts shown) into output/."""
    pelican(c, Project.of(c).dev_settings, overrides=STRICT if strict else None)


@task(help={"strict": "fail on warnings as well as errors"})
def check(c, strict=False):
    """Check the content, write nothing: problems and status."""
    overrides = {"BILINGUAL_CHECK_ONLY": "true", **(STRICT if strict else {})}
    pelican(c, Project.of(c).dev_settings, overrides=overrides)


@task(clean, build)
def rebuild(c):
    """Clean, then build."""


@task
def preview(c):
    """Build with publishconf.py into an emptied output/."""
    # From an empty output/ (OUTPUT_RETENTION kept): a development build's drafts and
    # other leftovers would fail the publishing checks.
    overrides = {**publishing(os.environ), "DELETE_OUTPUT_DIRECTORY": "true"}
    pelican(c, Project.of(c).publish_settings, overrides=overrides)


@task(
    help={
        "output": "folder to publish into (default: output/)",
        "strict": "fail on warnings as well as errors",
    }
)
def publish(c, output=None, strict=False):
    """Build and check the public site, then move it to output/."""
    project = Project.of(c)
    given = output_argument(passthrough(c))[1]  # `invoke publish -- -o DIR`, as Pelican's
    if output and given and Path(output).resolve() != Path(given).resolve():
        raise Exit(f"publish: --output {output} and -o {given} name two folders; give one", 1)
    target = Path(output or given).resolve() if output or given else project.output
    if not (project.root / "publishconf.py").is_file():
        print(
            "publish: no publishconf.py; publishing pelicanconf.py's site without drafts, "
            "with the site checks and SITEURL from the environment"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".publish-", dir=target.parent) as tmp:
        staged = Path(tmp) / "site"
        overrides = {**publishing(os.environ), **(STRICT if strict else {})}
        result = pelican(
            c, project.publish_settings, output=staged, overrides=overrides, fail=False
        )
        if result.returncode != 0:
            raise Exit(f"publish failed: {target} was left as it was", code=result.returncode)
        # Into place file by file: files whose bytes did not change keep their time (a
        # deploy uploads what changed), and OUTPUT_RETENTION entries (.git) are kept.
        written, removed = sync_tree(staged, target, keep=project.publish_retention())
    print(f"published into {target} ({written} files written, {removed} removed)")
