"""The build's tricks with Python's memory management, in one place. Every stage may use them; they
import nothing from the stages.

- collector_paused(): derive, matching and export make hundreds of thousands of small objects and no
  reference cycles. Python's cycle collector would walk every object of the directory again and again while
  they are made (well over half the time of matching at 10,000 councils), so it is paused meanwhile; memory
  is still freed as usual, by reference counting. Pauses nest (derive pauses, then calls matching, which
  pauses again): the collector comes back when the outermost pause ends, and only if it was on before. What
  outlived the pause is then moved, unwalked, into the oldest generation: it was made to last (check reads and
  validates with the collector paused too), and left young the collector would walk all of it at once.
- frozen_for_fork(): render forks a second process that inherits every object by copy-on-write. Freezing
  moves them out of the collector's reach, so the collector never touches (and so never copies) the
  parent's objects in the child.
- in_child(work): the build writes the site in a child process, whose memory goes back to the system when it
  exits. Python's heap hardly shrinks once used (freed objects leave its arenas part full): at 10,000 councils,
  301 MB of its 506 MB stayed after everything was let go. Pagefind, which indexes the pages at the end, would
  add its own to it (pipeline.build).
- set_aside() and collect_set_aside(), for `serve`: a rebuild runs with the collector paused, so the collector
  would walk every object it made (and the whole directory) as soon as it is back, most of a second at 10,000
  councils, before the open page is told to reload. Set aside, they are collected once the page has reloaded.
"""
from __future__ import annotations

import ctypes
import gc
import os
import pickle
import signal
import sys
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import BinaryIO, Generic, TypeVar

T = TypeVar("T")

_pauses = 0  # pauses begun and not yet ended; the build and serve pause from their main thread only
_was_enabled = False  # whether the collector was on when the outermost pause began


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off while the block runs; nested pauses are counted."""
    global _pauses, _was_enabled
    if _pauses == 0:
        _was_enabled = gc.isenabled()
        gc.disable()
    _pauses += 1
    try:
        yield
    finally:
        _pauses -= 1
        if _pauses == 0 and _was_enabled:
            _age_survivors()
            gc.enable()


def _age_survivors() -> None:
    """Every object alive now into the collector's oldest generation, without walking it. What outlived a pause
    was made to last (the records read, the directory, its indexes); left young, all of it would be walked as soon
    as the collector is back (a tenth of a second or more at 10,000 councils), and again as it ages. Not while
    something is set aside or frozen for a fork, which must stay out of reach until it is released."""
    if gc.get_freeze_count() == 0:
        gc.freeze()  # into the permanent generation; unfreeze() puts them in the oldest one
        gc.unfreeze()


@contextmanager
def frozen_for_fork() -> Iterator[None]:
    """Every object alive now out of the collector's reach while the block runs (it forks a child)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def set_aside() -> None:
    """Every object alive now out of the collector's reach, until collect_set_aside()."""
    gc.freeze()


def collect_set_aside() -> None:
    """What set_aside() put out of reach back in it, and a full collection."""
    gc.unfreeze()
    gc.collect()


class Child(Generic[T]):
    """work(tell) done in a forked child process (see in_child). tell(message) sends a message as the work goes
    on (heard()); what the work returns, or the exception it raised, comes back when it ends (result()).
    Everything sent is pickled."""

    def __init__(self, work: Callable[[Callable[[object], None]], T]):
        self.pid: int | None = None
        self._ended: tuple | None = None
        self._pipe: BinaryIO | None = None
        if not hasattr(os, "fork"):  # the work is done here, and what it sends kept to be read in the same way
            sent = deque[tuple]()
            sent.append(_outcome(work, lambda message: sent.append(("told", message))))
            self._next = sent.popleft
            return
        incoming, outgoing = os.pipe()
        _flush()  # else what waits in the buffers would be written twice, once by each process
        parent = os.getpid()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(incoming)
            _work_in_child(work, outgoing, parent)
        os.close(outgoing)
        self._pipe = open(incoming, "rb")
        self._next = lambda: _received(self._pipe)

    def heard(self) -> object:
        """The next message the work tells, once told; None if the work ended first (raising what it raised)."""
        if self._ended is None:
            kind, *sent = self._next()
            if kind == "told":
                return sent[0]
            self._ended = tuple(sent)
        self.result()
        return None

    def result(self) -> T:
        """What the work returned, once it has ended (messages not yet heard are passed over); raises what it
        raised, its traceback in the child as the cause."""
        while self._ended is None:
            kind, *sent = self._next()
            if kind == "ended":
                self._ended = tuple(sent)
        result, error, where = self._ended
        if error is None:
            return result
        error.__cause__ = ChildTraceback(where)
        raise error

    def close(self, kill: bool) -> None:
        """Once the child process has ended (killed first if kill), so that it leaves nothing behind."""
        if self.pid is None:
            return
        if kill:
            os.kill(self.pid, signal.SIGKILL)
        self._pipe.close()
        os.waitpid(self.pid, 0)


@contextmanager
def in_child(work: Callable[[Callable[[object], None]], T]) -> Iterator[Child[T]]:
    """A Child doing work(tell). It dies with this process (a build killed outright leaves nothing writing
    behind it), and is killed if the block leaves with an exception (a build told to stop, a failure).

    Fork copies only the thread that calls it (as multiprocessing's "fork" does): a lock another thread held at
    that moment would stay held in the child. The build runs no other thread; the tests' HTTP server thread
    waits in select(), holding none."""
    child = Child(work)
    try:
        yield child
    except BaseException:
        child.close(kill=True)
        raise
    child.close(kill=False)


class ChildTraceback(Exception):
    """Where an exception raised in the child was raised: the cause of the one raised again here."""

    def __str__(self) -> str:
        return "\n" + self.args[0]


def _outcome(work: Callable[[Callable[[object], None]], object], tell: Callable[[object], None]) -> tuple:
    """("ended", what work(tell) returned, None, "") or ("ended", None, what it raised, its traceback)."""
    try:
        return "ended", work(tell), None, ""
    except BaseException as error:  # noqa: BLE001 - sent to the parent, which raises it
        return "ended", None, error, "".join(traceback.format_exception(error))


def _work_in_child(work: Callable[[Callable[[object], None]], object], outgoing: int, parent: int) -> None:
    """In the child: do the work, sending what it tells and what came of it, and leave without running any of the
    parent's cleanup."""
    try:
        _die_with(parent)
        with open(outgoing, "wb") as pipe:
            def send(sent: tuple) -> None:
                _flush()
                pipe.write(pickle.dumps(sent))
                pipe.flush()

            ended = _outcome(work, lambda message: send(("told", message)))
            try:
                send(ended)
            except Exception as unsent:  # noqa: BLE001 - what cannot be pickled is sent as its words
                _, _, error, where = ended
                send(("ended", None, RuntimeError(f"{type(error or unsent).__name__}: {error or unsent}"), where))
    finally:
        os._exit(0)


def _received(pipe: BinaryIO) -> tuple:
    try:
        return pickle.load(pipe)
    except EOFError:
        raise RuntimeError("the child process ended before its work did (killed, or out of memory?)") from None


def _flush() -> None:
    sys.stdout.flush()
    sys.stderr.flush()


def _die_with(parent: int) -> None:
    """Linux: this process is killed when its parent dies (prctl PR_SET_PDEATHSIG); elsewhere it carries on."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
