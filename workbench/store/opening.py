"""Opening a database file safely: check the path, connect, refuse what is not ours, then migrate."""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from workbench.store import integrity
from workbench.store.errors import MissingDatabase, StoreError, sqlite_errors
from workbench.store.schema import migrations

MIGRATIONS_TABLE = "_sqlite_migrations"


def open_ours(path: Path, *, create: bool, read_only: bool, busy_timeout_ms: int) -> Database:
    """Connect to a workbench database file (refusing anything else) without writing to it."""
    check_path(path, create=create and not read_only)
    conn = connect(path, read_only=read_only)
    try:
        with sqlite_errors(path, busy_timeout_ms):
            db = Database(conn)
            set_connection_pragmas(db, busy_timeout_ms)
            refuse_foreign_database(db, path)
            return db
    except BaseException:
        conn.close()
        raise


def check_path(path: Path, *, create: bool) -> None:
    """Refuse a path that cannot be a database file before SQLite creates anything there."""
    name = str(path)
    if name == ":memory:" or name.startswith("file:"):  # SQLite's own names, not files: work would vanish
        raise StoreError(f"{name} is not a file name: the workbench keeps its work in a database file;"
                         " give one, such as --db ./claims.db")
    if path.is_dir():
        raise StoreError(f"cannot open database {path}: it is a folder")
    if path.exists():
        return
    if not create:
        raise MissingDatabase(f"no database at {path}")
    if not path.parent.is_dir():
        raise StoreError(f"cannot create database {path}: folder {path.parent} does not exist")


def connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A connection for this thread only; read-only ones cannot write even by mistake."""
    existed = path.exists()
    try:
        if read_only:
            return sqlite3.connect(f"{path.resolve().as_uri()}?{read_only_mode(path)}", uri=True)
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=rwc", uri=True)  # the name taken literally
    except sqlite3.OperationalError as error:
        if existed:
            raise StoreError(f"cannot open database {path}: {error}") from error
        raise StoreError(f"cannot create database {path}: folder is not writable") from error


def read_only_mode(path: Path) -> str:
    """The URI mode for reading: 'immutable' on read-only media, where WAL cannot make its -shm file."""
    wal = path.with_name(path.name + "-wal")
    if not os.access(path.parent, os.W_OK) and not wal.exists():
        return "immutable=1"  # with no -wal file, the main file holds every committed write
    return "mode=ro"


def is_writable(path: Path) -> bool:
    """Whether this process may write the file (or create it, when it does not exist yet)."""
    return not path.exists() or os.access(path, os.W_OK)


def set_connection_pragmas(db: Database, busy_timeout_ms: int) -> None:
    """Settings that live on the connection and leave the file untouched."""
    db.execute("PRAGMA foreign_keys=ON")
    db.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")


def set_file_pragmas(db: Database) -> None:
    """WAL lets the TUI read while an ingest writes; NORMAL sync is safe with WAL and much faster."""
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")


def applied_migrations(db: Database) -> list[str]:
    """Names of the workbench migrations already applied to this file, oldest first (read-only)."""
    return [migration.name for migration in migrations.applied(db)]


def known_migrations() -> list[str]:
    """Names of the migrations this version of workbench knows, oldest first."""
    return [migration.name for migration in migrations._migrations]


def refuse_foreign_database(db: Database, path: Path) -> None:
    """Refuse a file another program or a newer workbench made, before anything is written to it."""
    applied = applied_migrations(db)  # the first read: a file that is not SQLite fails here
    unknown = [name for name in applied if name not in known_migrations()]
    if unknown:
        raise StoreError(f"{path} was made by a newer workbench (schema {unknown[-1]}); upgrade workbench")
    other_tables = [name for name in db.table_names() if name != MIGRATIONS_TABLE]
    if not applied and other_tables:
        raise StoreError(
            f"{path} is not a workbench database (it is SQLite, with tables {', '.join(other_tables[:3])})"
        )


def refuse_damaged_database(db: Database, path: Path) -> None:
    """Refuse a file SQLite finds damaged before anything reads from or writes to it."""
    integrity.refuse_damaged(db.conn, path)


def apply_pending_migrations(db: Database, path: Path, *, read_only: bool) -> None:
    """Bring the file up to this version's schema, under the write lock so two openers cannot race."""
    if not migrations.pending(db):
        return
    if read_only:
        latest = known_migrations()[-1]
        raise StoreError(f"cannot upgrade {path} to schema {latest}: the database is read-only")
    with write_transaction(db.conn):
        migrations.apply(db)


def upgraded_copy_if_old(db: Database, busy_timeout_ms: int) -> Database:
    """The database itself when its schema is current; else a private copy in memory, migrated
    and made query-only, so that reading an old file never upgrades it (only writing does)."""
    if not migrations.pending(db):
        return db
    memory = sqlite3.connect(":memory:")
    try:
        db.conn.backup(memory)
        copy = Database(memory)
        set_connection_pragmas(copy, busy_timeout_ms)
        migrations.apply(copy)
        copy.execute("PRAGMA query_only = ON")
    except BaseException:
        memory.close()
        raise
    db.close()
    return copy


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One all-or-nothing write, taking the write lock up front so a busy file waits rather than fails midway."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise

