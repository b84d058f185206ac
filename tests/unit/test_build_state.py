"""core.build_state: one object per build, shared by every copy of the settings."""

from __future__ import annotations

import copy
import pickle
from types import MappingProxyType

from pelican.plugins.bilingual.core.build_state import STATE_KEY, BuildState, build_state


def test_every_copy_of_the_settings_shares_the_main_sites_state():
    main = {"SITENAME": "Site"}
    state = build_state(main)
    state["search.runs"] = {}
    subsite = main.copy()  # as pelican-i18n-subsites makes a language site's settings
    context = copy.deepcopy(subsite)  # even a deep copy
    assert build_state(subsite) is state and build_state(context) is state
    build_state(subsite)["search.runs"]["ko"] = "running"
    assert state["search.runs"] == {"ko": "running"}


def test_a_new_build_starts_with_a_new_state():
    assert build_state({}) is not build_state({})
    assert STATE_KEY.islower()  # not a setting: the build record digests upper-case keys


def test_pickled_settings_carry_no_state():
    # Pelican's content cache pickles content objects with their settings.
    settings = {"PATH": "content"}
    build_state(settings)["progress.done"] = {"start": 1.0}
    again = pickle.loads(pickle.dumps(settings))
    assert again[STATE_KEY] == {} and isinstance(again[STATE_KEY], BuildState)


def test_a_read_only_mapping_gets_an_unstored_state():
    frozen = MappingProxyType({"PATH": "content"})
    assert build_state(frozen) == {} and STATE_KEY not in frozen
