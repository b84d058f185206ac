"""One build's working state, shared by the main site and every language site.

Pelican hands a plugin a site's settings (or a page's context, made from them), never
the build itself. So that the features of all language sites can share what a build
learns (counts for the closing line, the files each site wrote for the search index,
the reader cache, the rendered-page record...), the main site's first `initialized`
handler stores one `BuildState` in its settings under `STATE_KEY`, a lower-case key
(not a setting: Pelican's settings are upper case, and the build record ignores lower
case). pelican-i18n-subsites gives each language site a shallow copy of the main site's
settings, and Pelican makes each page context from a site's settings, so every site and
page of a build finds the same object; a new build (settings read again) starts with a
new one. Copies (`copy.copy`, `copy.deepcopy`) keep the same object, and pickling (as
Pelican's own content cache does with settings) stores an empty state.

The values, each under the name of the feature that keeps it (`state["search.runs"]`):

- `subsites.sites` (`LanguageSites`), `subsites.main_settings` (the main site's
  configured settings), `subsites.read_cache`, `subsites.main_statics`,
  `subsites.attached_statics`: the i18n-subsites adapter's;
- `progress.status`, `progress.done`: the status line's and closing line's counters;
- `search.runs`, `search.written`: Pagefind runs started, pages each site wrote;
- `content_checks.warnings`: the warning counter shared by every site;
- `publishing.sources`: the content file each output page came from;
- `engine.rendered`, `engine.build_record`, `engine.template_reads`: the build engine's
  records and its analysis of each template file;
- `mathml.engine`: the formula engine (Temml, loaded at the first formula);
- `localization.summaries`: each language site's post summaries as its lists show them.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

STATE_KEY = "bilingual_build"


class BuildState(dict):
    """{name: value} of one build (a dict that copies and pickles as described above)."""

    def __copy__(self) -> BuildState:
        """The same object: a copy of the settings still shares the build's state."""
        return self

    def __deepcopy__(self, memo) -> BuildState:
        """The same object, as `__copy__`."""
        return self

    def __reduce_ex__(self, protocol) -> tuple:
        """Pickled empty: a saved cache never carries one build's state into another."""
        return BuildState, ()

    def __repr__(self) -> str:
        """The names it holds (its values can be large: the main site's settings)."""
        return f"BuildState({sorted(self)})"


def build_state(settings: Mapping[str, Any]) -> BuildState:
    """The build state `settings` (a site's settings or a page context) belong to.

    Stored on first use (not in a read-only mapping): call it on the main site's
    settings before the language sites copy them (the bundle does, first thing at
    `initialized`).
    """
    state = settings.get(STATE_KEY)
    if not isinstance(state, BuildState):
        state = BuildState()
        if isinstance(settings, MutableMapping):
            settings[STATE_KEY] = state
    return state
