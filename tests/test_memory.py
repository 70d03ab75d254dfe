"""The collector pause nests: derive pauses, then matching pauses inside it. The build's child process: what it
tells and returns comes back, and so does what it raises; it never outlives the block that started it."""
from __future__ import annotations

import gc
import os
import signal
import time

import pytest

from directory.content.problems import ContentError, Problem
from directory.memory import ChildTraceback, in_child

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


# ----------------------------------------------------------------------------------------------
# in_child: the build writes the site in a child process (pipeline.build)


@pytest.fixture(params=["forked", "here"])
def where(request, monkeypatch):
    """Each test runs twice: with fork, and as where there is none (the work done in this process)."""
    if request.param == "here":
        monkeypatch.delattr(os, "fork")
    return request.param


def _pid_and_tell(tell):
    tell(("pages written", os.getpid()))
    tell("second")
    return {"pid": os.getpid(), "pages": [1, 2, 3]}


def test_what_the_work_tells_is_heard_in_order_and_what_it_returns_comes_back(where):
    with in_child(_pid_and_tell) as child:
        (told, pid) = child.heard()
        assert told == "pages written" and child.heard() == "second"
        assert child.result() == {"pid": pid, "pages": [1, 2, 3]} and child.result()["pid"] == pid
    assert (pid != os.getpid()) == (where == "forked")


def _fails(tell):
    raise ContentError([Problem("content/councils/x.yaml", 3, 7, "error", "no such capability")])


def test_what_the_work_raises_is_raised_here_with_where_it_was_raised(where):
    with pytest.raises(ContentError) as raised, in_child(_fails) as child:
        child.heard()  # the work ended without telling: what it raised
    assert raised.value.problems == [Problem("content/councils/x.yaml", 3, 7, "error", "no such capability")]
    assert isinstance(raised.value.__cause__, ChildTraceback) and "in _fails" in str(raised.value.__cause__)


class _Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("not this one")


def _raises_unpicklable(tell):
    tell("pages written")
    raise _Unpicklable("a template bug")


def test_an_exception_that_cannot_be_sent_comes_back_as_its_words():
    with pytest.raises(RuntimeError, match="_Unpicklable: a template bug") as raised, \
            in_child(_raises_unpicklable) as child:
        assert child.heard() == "pages written"
        child.result()
    assert "_raises_unpicklable" in str(raised.value.__cause__)


def _killed(tell):
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_child_killed_before_its_work_ended_is_an_error_not_a_hang():
    with pytest.raises(RuntimeError, match="ended before its work did"), in_child(_killed) as child:
        child.result()


def _tells_then_sleeps(tell):
    tell(os.getpid())
    time.sleep(60)


def test_a_block_that_fails_kills_the_child_at_once():
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt), in_child(_tells_then_sleeps) as child:
        pid = child.heard()
        raise KeyboardInterrupt  # as a build told to stop does
    assert time.monotonic() - started < 10
    with pytest.raises(ProcessLookupError):  # gone, and waited for: not even a zombie
        os.kill(pid, 0)
