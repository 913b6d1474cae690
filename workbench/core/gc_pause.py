"""Pausing Python's cyclic garbage collector around work that builds many short-lived objects
and no reference cycles (segmenting and extracting a document, matching a corpus).

The collector runs whenever enough new objects pile up and rescans the young ones each time;
that work finds nothing to free here, and costs a measurable share of extraction and matching
(the figures are in bench/README.md). Reference counting still frees everything as usual while it is paused.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off inside the block, and back as it was after it (also on an error)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def without_collector(function: Callable[P, R]) -> Callable[P, R]:
    """`function` run with the collector paused."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with collector_paused():
            return function(*args, **kwargs)

    return run


def freeze_survivors() -> None:
    """Collect once, then move every object still alive into the collector's permanent generation,
    which its later runs never scan.

    For a long-lived program once it has started (the review UI after its first screen): its
    modules, widgets and styles stay alive to the end, and a full collection that scanned them
    again took 30-60 ms, every ten or so moves, the slowest moves of all (figures in
    bench/README.md). Objects made afterwards are collected as usual.
    """
    gc.collect()
    gc.freeze()


def thaw_survivors() -> None:
    """Undo `freeze_survivors` (the program is done with what it froze: a review closed in a
    process that goes on, as in the tests), so the collector can free it again."""
    gc.unfreeze()
