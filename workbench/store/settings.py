"""Settings of the store a user may change from the environment, read and checked in one place."""

from __future__ import annotations

import os

from workbench.store.errors import StoreError

BUSY_TIMEOUT_MS = 5000  # how long SQLite waits for another process's write lock, by default
BUSY_TIMEOUT_ENV = "WORKBENCH_BUSY_TIMEOUT_MS"


def busy_timeout_ms(given: int | None = None) -> int:
    """`given`, else WORKBENCH_BUSY_TIMEOUT_MS, else 5000: how many milliseconds SQLite waits for
    another program's lock before a command says the database is locked. StoreError, in words,
    when the variable is not a whole number of milliseconds from 0 to one hour."""
    if given is not None:
        return given
    raw = os.environ.get(BUSY_TIMEOUT_ENV, "").strip()
    if not raw:
        return BUSY_TIMEOUT_MS
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if not 0 <= value <= 3_600_000:
        raise StoreError(f"{BUSY_TIMEOUT_ENV}={raw[:40]!r} is not a whole number of milliseconds from 0 to 3600000")
    return value
