"""Connecting to a workbench database: the one connection policy of every reader and writer.

`Store` (sqlite-utils), `ReviewStore` (plain sqlite3, for the review UI's fast start) and the
report's queries all connect here: the file named literally (never one of SQLite's special
names), read-only when asked, foreign keys on, the busy timeout of `settings.busy_timeout_ms`
(`WORKBENCH_BUSY_TIMEOUT_MS`), and one write transaction that takes the lock up front and asks
again while another process holds it. Plain sqlite3 only: importing sqlite-utils here would cost
the review its fast start.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.store import settings
from workbench.store.errors import StoreError

MIGRATION_SET = "workbench"  # the name the workbench's migrations are recorded under
MIGRATIONS_TABLE = "_sqlite_migrations"  # where sqlite-utils records them


def connect(
    path: str | Path,
    *,
    read_only: bool = False,
    busy_timeout_ms: int | None = None,
    autocommit: bool = False,
    any_thread: bool = False,
) -> sqlite3.Connection:
    """A connection for this thread only, with the connection's pragmas set; read-only ones
    cannot write even by mistake. `autocommit` leaves every transaction to the caller
    (`write_transaction`), as the review does; otherwise Python's sqlite3 opens them itself.
    `any_thread` lets threads take turns with it (sqlite3's check_same_thread off): the caller
    makes sure that only one uses it at a time."""
    path = Path(path)
    timeout_ms = settings.busy_timeout_ms(busy_timeout_ms)
    existed = path.exists()
    mode = read_only_mode(path) if read_only else "mode=rwc"
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?{mode}",
            uri=True,  # the name taken literally
            timeout=timeout_ms / 1000,
            isolation_level=None if autocommit else "",
            check_same_thread=not any_thread,
        )
    except sqlite3.OperationalError as error:
        if existed:
            raise StoreError(f"cannot open database {path}: {error}") from error
        raise StoreError(f"cannot create database {path}: folder is not writable") from error
    try:
        set_connection_pragmas(conn, timeout_ms)
    except BaseException:
        conn.close()
        raise
    return conn


def connect_in_memory() -> sqlite3.Connection:
    """A private database in memory (a migrated copy of an old file, read without upgrading it)."""
    return sqlite3.connect(":memory:")


def read_only_mode(path: Path) -> str:
    """The URI mode for reading: 'immutable' on read-only media, where WAL cannot make its -shm file."""
    wal = path.with_name(path.name + "-wal")
    if not os.access(path.parent, os.W_OK) and not wal.exists():
        return "immutable=1"  # with no -wal file, the main file holds every committed write
    return "mode=ro"


def set_connection_pragmas(conn: sqlite3.Connection, busy_timeout_ms: int) -> None:
    """Settings that live on the connection and leave the file untouched."""
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")


def set_file_pragmas(conn: sqlite3.Connection, *, strict: bool = True) -> None:
    """WAL lets the review read while an ingest writes; NORMAL sync is safe with WAL and much
    faster: a committed transaction is in the log file when commit returns, so it survives the
    process being killed; only a power cut can take back the last commits. With `strict` off, a
    file that cannot be switched to WAL (read-only, or locked) keeps the mode it has."""
    try:
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError:
        if strict:
            raise
    conn.execute("PRAGMA synchronous = NORMAL")


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of the workbench migrations applied to this file, oldest first; [] when it has none.
    The first read of a file: one that is not SQLite fails here."""
    if (
        conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]).fetchone()
        is None
    ):
        return []
    return [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET]
        )
    ]


def is_busy(error: sqlite3.Error) -> bool:
    """Whether SQLite gave up waiting for another connection's lock ("database is locked")."""
    return (getattr(error, "sqlite_errorcode", 0) & 0xFF) == sqlite3.SQLITE_BUSY


@contextmanager
def write_transaction(
    conn: sqlite3.Connection, *, retries: int = 0, on_wait: Callable[[], None] | None = None
) -> Iterator[sqlite3.Connection]:
    """One all-or-nothing write, taking the write lock up front (BEGIN IMMEDIATE) so that a busy
    file waits rather than fails midway. While the lock stays held past the busy timeout, BEGIN
    and COMMIT are asked again up to `retries` times after a short random pause (so two writers
    that keep colliding drift apart), calling `on_wait` each time; then the error goes up and
    the transaction is rolled back whole."""
    _when_unlocked(conn, "BEGIN IMMEDIATE", retries, on_wait)
    try:
        yield conn
        _when_unlocked(conn, "COMMIT", retries, on_wait)
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _when_unlocked(conn: sqlite3.Connection, statement: str, retries: int, on_wait: Callable[[], None] | None) -> None:
    for attempt in range(retries + 1):
        try:
            conn.execute(statement)
            return
        except sqlite3.OperationalError as error:
            if not is_busy(error) or attempt == retries:
                raise
            if on_wait is not None:
                on_wait()
            time.sleep(random.uniform(0.5, 1.0) * min(0.05 * 2**attempt, 1.0))
