"""common: the vocabulary the bundle's plugins share. It imports no plugin.

Every plugin may import this package; no plugin imports another plugin's modules.

- `Finding`, built with `error(...)` / `warning(...)`: a problem in the content, with
  the file, the field, what is wrong and how to fix it; `str(finding)` is the one
  line every message uses (`path:line and other: message; fix`).
- `add_findings(context, findings)` / `findings_in(context)`: how a plugin hands its
  findings to the content checks (the `checks` plugin reports them all at once,
  before anything is written). The context key belongs to this module.
- `BuildStopped`: raise it to stop the build with a message and exit status 1, without
  a traceback (it is a `SystemExit`).
- `display_path(item)`: a content file's path as the writer typed it.
- `Visibility`: which content this build lists (published; drafts where drafts are
  written).
- `LanguageSites`: the language sites (main language first) and their URLs;
  `join_url(siteurl, path)`; `group_by_slug(items)`: the versions of each post;
  `source_lang(group, langs)`: which version is the source the others translate;
  `site_timezone(settings)`: the site's `TIMEZONE`, checked.
- `subsites`: the one module that deals with pelican-i18n-subsites (see its docstring);
  `subsites.shared_result(settings, name, key, make)` does a plugin's work on a post's
  HTML once per build, not once per language site.
- `read_cache`: what the readers made of each file, kept between builds (`READ_CACHE`,
  default True; keyed by the file's bytes and the reading settings).
- `writer`: every site's Pelican writer; a page is rendered straight into its file
  (no whole-page string), a file whose bytes would not change is not
  rewritten (it keeps its modification time), and a post or page file whose inputs did
  not change is not rendered (`rendered`: the rendered-page record).
- Memory: the reader outputs are saved and let go once every language site has read
  (`subsites.release_read_cache`), and a written subsite's content is let go before
  the main site writes (`subsites.release_subsite`).
- `build_inputs`: what a build reads, as digests; `prepared`: `invoke serve`'s builds
  in forks of a process that loaded Pelican once; `live`: a kept build's process
  rewrites a saved post's pages in place; `read_ahead`: a cold build's files parsed
  on a second core; `parallel_pages`: a first build's post files rendered on two.

As a plugin (`"common"` in `PLUGINS`, right after `pelican.plugins.i18n_subsites`),
it gives every language's site the settings it needs (`subsites.configure`).
"""

from __future__ import annotations

from pelican import signals

from .findings import (
    BuildStopped,
    Finding,
    add_findings,
    add_item_check,
    display_path,
    error,
    findings_in,
    item_checks,
    warning,
)
from .sites import (
    LanguageSites,
    Visibility,
    group_by_slug,
    join_url,
    site_timezone,
    source_lang,
)

__all__ = [
    "BuildStopped",
    "Finding",
    "LanguageSites",
    "Visibility",
    "add_findings",
    "add_item_check",
    "display_path",
    "error",
    "findings_in",
    "group_by_slug",
    "item_checks",
    "join_url",
    "register",
    "site_timezone",
    "source_lang",
    "warning",
]


def register():
    """Connect the i18n-subsites adapter's steps."""
    from . import subsites, writer

    signals.initialized.connect(subsites.configure)
    signals.readers_init.connect(subsites.read_once)
    signals.finalized.connect(subsites.save_read_cache)
    signals.all_generators_finalized.connect(subsites.release_read_cache)
    signals.finalized.connect(subsites.release_subsite)
    signals.initialized.connect(writer.start_rendered_record)
    signals.get_writer.connect(writer.writer_class)
    signals.finalized.connect(writer.save_rendered_record)
    signals.article_writer_finalized.connect(writer.end_split)
    signals.article_generator_context.connect(subsites.prepare_metadata)
    signals.page_generator_context.connect(subsites.prepare_metadata)
    signals.static_generator_finalized.connect(subsites.share_static_files)
    signals.page_writer_finalized.connect(subsites.copy_statics_once)
    signals.article_generator_finalized.connect(subsites.share_texts)
    signals.page_generator_finalized.connect(subsites.share_texts)
