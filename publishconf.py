"""Publishing settings: everything in pelicanconf.py, plus what a public site needs.

`SITEURL` comes from the environment when set, so a fork deploys without editing
files: `SITEURL=https://user.github.io/repo invoke publish`.
"""

import os
import sys

import pelican.settings as pelican_settings  # lowercase: not read as a setting

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
RELATIVE_URLS = False

# Nothing unpublished leaves the machine.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

# One feed per language: FEED_ATOM holds this language's posts only (FEED_ALL_ATOM would
# mix in every translation; the bundle drops it when it names the same file).
FEED_ATOM = "feeds/all.atom.xml"

DELETE_OUTPUT_DIRECTORY = True
# `invoke publish` moves the new site into output/ file by file and leaves these alone
# (a gh-pages checkout in output/ keeps its .git).
OUTPUT_RETENTION = [".git", ".hg", ".bzr"]

# Written after the build (plugins/publishing): sitemap + robots.txt, GitHub Pages files.
PUBLISH_NOJEKYLL = True
PUBLISH_CNAME = os.environ.get("CNAME") or None
# The built site must pass its own checks (links, hreflang, no drafts) or the build fails.
PUBLISH_CHECKS = True
# Errors stop a publishing build; warnings (stale translations, series gaps) are
# reported and counted, and fail it only with `invoke publish --strict`.
# The translation status page is for the writer, not for readers.
DIRECT_TEMPLATES = [
    t
    for t in globals().get("DIRECT_TEMPLATES", pelican_settings.DEFAULT_CONFIG["DIRECT_TEMPLATES"])
    if t != "translation_status"
]
