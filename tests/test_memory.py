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
