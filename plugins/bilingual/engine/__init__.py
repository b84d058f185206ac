"""engine: what makes builds fast and small: caches, the rendered-page record, forks.

- `read_cache`: what the readers made of each file, kept between builds (`BUILD_READ_CACHE`,
  default True; keyed by the file's bytes and the reading settings).
- `writer`: every site's Pelican writer; a page is rendered straight into its file
  (no whole-page string), a file whose bytes would not change is not rewritten (it
  keeps its modification time), and a post or page file whose inputs did not change is
  not rendered (`rendered`: the rendered-page record).
- `build_inputs`: what a build reads, as digests; `prepared`: `invoke serve`'s builds
  in forks of a process that loaded Pelican once; `live`: a kept build's process
  rewrites a saved post's pages in place; `read_ahead`: a cold build's files parsed
  on a second core; `parallel_pages`: a first build's post files rendered on two;
  `up_to_date` with `build_record`: a build whose inputs and output match the last
  successful one does nothing (`BUILD_RECORD`).

`register()` connects the writer's steps; the package's `register()` calls it right
after the pelican-i18n-subsites adapter's, and `register_last()` after every feature.
"""

from __future__ import annotations

from pelican import signals


def register():
    """Connect the writer's steps, in the order they fire."""
    from . import writer

    signals.initialized.connect(writer.start_rendered_record)
    signals.get_writer.connect(writer.writer_class)
    signals.finalized.connect(writer.save_rendered_record)
    signals.article_writer_finalized.connect(writer.end_split)


def register_last():
    """Connect the build record, after every feature.

    Its `finalized` must see the output every other part left, and its `initialized`
    stops a build with nothing to do.
    """
    from . import up_to_date

    up_to_date.register()
