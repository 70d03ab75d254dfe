"""The collector pause nests: derive pauses, then matching pauses inside it."""
from __future__ import annotations

import gc

from directory.memory import collector_paused


def test_nested_pauses_turn_the_collector_back_on_only_when_the_outermost_ends():
    assert gc.isenabled()
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause ending does not end the outer one
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_outlives_a_pause_is_old_at_once_and_what_is_set_aside_stays_aside():
    from directory.memory import collect_set_aside, set_aside

    with collector_paused():
        made = [[] for _ in range(1000)]
    oldest = {id(item) for item in gc.get_objects(generation=2)}
    assert all(id(item) in oldest for item in made)  # not walked again as young objects
    set_aside()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            pass
        # A pause ending does not release what serve set aside (unfreeze() would leave none frozen); the count may
        # fall by the few frozen objects that reference counting frees meanwhile, as it did once in a full run.
        assert frozen - gc.get_freeze_count() < 100 < frozen
    finally:
        collect_set_aside()
