"""core: the vocabulary the bundle's features share. It imports no feature.

Every feature may import this package; no feature imports another feature's modules.

- `Finding`, built with `error(...)` / `warning(...)`: a problem in the content, with
  the file, the field, what is wrong and how to fix it; `str(finding)` is the one
  line every message uses (`path:line and other: message; fix`).
- `add_findings(context, findings)` / `findings_in(context)`: how a feature hands its
  findings to the content checks (`content_checks` reports them all at once,
  before anything is written). The context key belongs to this package.
- `add_item_check(context, check)` / `item_checks(context)`: checks of one post's own
  text, run again when `invoke serve` rewrites that post in place.
- `BuildStopped`: raise it to stop the build with a message and exit status 1, without
  a traceback (it is a `SystemExit`).
- `display_path(item)`: a content file's path as the writer typed it.
- `Visibility`: which content this build lists (published; drafts where drafts are
  written).
- `LanguageSites`: the language sites (main language first) and their URLs;
  `join_url(siteurl, path)`; `group_by_slug(items, ids)`: the versions of each post
  (by slug, or by `translation_ids(settings)`: Pelican's `ARTICLE_TRANSLATION_ID`);
  `source_lang(group, langs)`: which version is the source the others translate;
  `site_timezone(settings)`: the site's `TIMEZONE`, checked.
- `markdown_settings`: whether the writer's `MARKDOWN` setting has an extension, and
  adding one to it.

What deals with pelican-i18n-subsites is the package's `subsites` module; the build
engine (caches, the rendered-page record, in-place rewrites, parallel work) is `engine`.
"""

from __future__ import annotations

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
    MISSING_TRANSLATION_ID,
    LanguageSites,
    Visibility,
    group_by_slug,
    join_url,
    site_timezone,
    source_lang,
    translation_ids,
)

__all__ = [
    "MISSING_TRANSLATION_ID",
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
    "site_timezone",
    "source_lang",
    "translation_ids",
    "warning",
]
