"""Another program holding a database's write lock, for the tests of what a reviewer sees meanwhile."""

from __future__ import annotations

import sqlite3
import threading


class LockHolder(threading.Thread):
    """Another program holding the write lock, from entering the `with` block until `release` is set
    (or the block ends)."""

    def __init__(self, db: str):
        super().__init__(daemon=True)
        self.db = db
        self.holding = threading.Event()
        self.release = threading.Event()

    def run(self):
        conn = sqlite3.connect(self.db, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE documents SET title = title")
        self.holding.set()
        self.release.wait(60)
        conn.execute("COMMIT")
        conn.close()

    def __enter__(self) -> LockHolder:
        self.start()
        assert self.holding.wait(10)
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.join(10)


def wait_out_any_lock(store) -> None:
    """Make the review's writes wait as long as another program holds the lock (in 50 ms steps,
    counted in the writer's busy_waits), so a test can look at the screen meanwhile."""
    store.busy_timeout_ms = 50
    store.busy_retries = 1000
