"""Static files and attachments written once, by the main site, and linked from every language's."""

from __future__ import annotations

import functools
import logging
import os
import posixpath
from urllib.parse import urlsplit

from ..core.build_state import build_state
from .sites import MAIN_SETTINGS_KEY, is_main_site, language_sites

log = logging.getLogger(__name__)


def share_static_files(generator) -> None:
    """`static_generator_finalized`: a subsite's static files are the main site's.

    An image that both languages use is written once, where the main site writes it,
    and every language links there: its URL becomes root-relative on the main site
    (Pelican joins it to a subsite's URL with `urljoin`, which keeps the root path),
    its `save_as` points into the main site's folder. A file that a post `{attach}`es
    moves next to that post where the main site has it: the same path, since every
    language's site uses the same URL patterns (`attach_on_main_site`).
    """
    settings = generator.settings
    if is_main_site(settings):
        # What the main site copies, and which files some site attaches next to a post
        # (the subsites' settings, copied from these later, share both).
        state = build_state(settings)
        state[MAIN_STATICS_KEY] = {static.source_path for static in generator.staticfiles}
        state[ATTACHED_KEY] = set()
        return
    attached = build_state(settings).get(ATTACHED_KEY)
    sites = language_sites(settings)
    main_path = urlsplit(sites.siteurl(sites.main_lang)).path.rstrip("/")
    main_output = build_state(settings).get(MAIN_SETTINGS_KEY, {}).get("OUTPUT_PATH")
    if not main_output:
        return
    to_main = os.path.relpath(main_output, settings["OUTPUT_PATH"]).replace(os.sep, "/")
    for static in generator.staticfiles:
        static.override_url = f"{main_path}/{static.url}"
        static.override_save_as = posixpath.join(to_main, static.save_as)
        static.attach_to = functools.partial(
            attach_on_main_site, static, main_path, to_main, attached
        )


def copy_statics_once(generator, writer=None) -> None:
    """`page_writer_finalized` (before a site copies its static files): each file once.

    Pelican writes an `{attach}`ed file only next to the post that links it. With one
    site per language, a site that does not show that post (its language has no
    version of it) would still copy the file to its own place. So a subsite copies only
    what it attached itself or what the main site does not have (the main site copies
    the rest); the main site, written last, leaves out a file that a subsite attached
    and the main site did not.
    """
    settings = generator.settings
    statics = generator.context.get("staticfiles")
    state = build_state(settings)
    main_has, attached = state.get(MAIN_STATICS_KEY), state.get(ATTACHED_KEY)
    if not statics or main_has is None or attached is None:
        return
    if is_main_site(settings):
        kept = [
            s for s in statics if "override_save_as" in vars(s) or s.source_path not in attached
        ]
    else:
        kept = [
            s
            for s in statics
            if getattr(s, "attached_here", False) or s.source_path not in main_has
        ]
    statics[:] = kept


def attach_on_main_site(static, main_path: str, to_main: str, attached, content) -> None:
    """`Static.attach_to` on a subsite: Pelican's own rule, moved to the main site.

    Pelican puts an `{attach}`ed file next to the post that links it; on a subsite that
    place is under `/<lang>/`. The same relative place on the main site is where the
    main language's version of the post attaches it (or, for a post in this language
    only, a place no other file takes), so the file is written once.
    """
    del static.override_url, static.override_save_as
    static._output_location_referenced = False
    type(static).attach_to(static, content)
    if hasattr(static, "override_save_as"):
        static.override_url = f"{main_path}/{static.override_url}"
        static.override_save_as = posixpath.join(to_main, static.override_save_as)
        static.attached_here = True
        if attached is not None:
            attached.add(static.source_path)


# Build-state names (core.build_state): the main site's static source paths; those
# some site attached.
MAIN_STATICS_KEY = "subsites.main_statics"


ATTACHED_KEY = "subsites.attached_statics"
