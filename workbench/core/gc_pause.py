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
