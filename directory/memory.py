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
- set_aside() and collect_set_aside(), for `serve`: a rebuild runs with the collector paused, so the collector
  would walk every object it made (and the whole directory) as soon as it is back, most of a second at 10,000
  councils, before the open page is told to reload. Set aside, they are collected once the page has reloaded.
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()  # export runs while another thread waits on Pagefind: count pauses safely
_pauses = 0
_was_enabled = False  # whether the collector was on when the outermost pause began


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off while the block runs; nested pauses are counted."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
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
