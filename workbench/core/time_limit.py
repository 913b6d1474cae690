"""A time limit on reading one document, so that one pathological file cannot stall a batch."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TimeLimitExceeded(BaseException):
    """The work inside time_limit() ran past its limit. A BaseException, like KeyboardInterrupt,
    so that no `except Exception` on the way (ours or a library's) swallows it."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TimeLimitExceeded inside the block once it has run `seconds` of wall time.

    The limit is a real-time interval timer (SIGALRM), so it stops Python code wherever it is;
    it applies only in a process's main thread, where signals are delivered (an ingest reads
    there, or in worker processes' main threads). Elsewhere, or with no limit, the block runs
    unbounded.
    """
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum, frame):
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
