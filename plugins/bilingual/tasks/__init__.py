"""The invoke tasks a blog takes: `invoke --list` shows them.

A blog's `tasks.py` is two lines::

    from pelican.plugins.bilingual.tasks import blog_tasks

    ns = blog_tasks(__file__)

Site tasks (`site`): clean, build, check, rebuild, preview, publish; the development
server (`server`): serve; writing (`writing`): new, translate. Each works on the blog
in the folder of that `tasks.py` (its `pelicanconf.py`, `publishconf.py`, `output/`
and `cache/`). A blog adds tasks of its own with `ns.add_task(...)`.
"""

from __future__ import annotations

from pathlib import Path

from invoke import Collection

from . import server, site, writing


def blog_tasks(tasks_file: str | Path | None = None) -> Collection:
    """The tasks as an invoke collection, for the blog in the folder of `tasks_file`.

    Without `tasks_file` the tasks work on the folder invoke runs in.
    """
    ns = Collection(
        site.clean,
        site.build,
        site.check,
        site.rebuild,
        site.preview,
        site.publish,
        server.serve,
        writing.new,
        writing.translate,
    )
    if tasks_file is not None:
        ns.configure({"bilingual": {"root": str(Path(tasks_file).resolve().parent)}})
    return ns


__all__ = ["blog_tasks"]
