"""Opening a database file safely: check the path, connect, refuse what is not ours, then migrate."""

from __future__ import annotations

import os
from pathlib import Path

from sqlite_utils import Database

from workbench.store import connection, integrity
from workbench.store.connection import MIGRATIONS_TABLE, write_transaction
from workbench.store.errors import MissingDatabase, StoreError, sqlite_errors
from workbench.store.schema import SCHEMA, migrations


def open_ours(path: Path, *, create: bool, read_only: bool, busy_timeout_ms: int) -> Database:
    """Connect to a workbench database file (refusing anything else) without writing to it."""
    check_path(path, create=create and not read_only)
    conn = None
    try:
        with sqlite_errors(path, busy_timeout_ms):
            conn = connection.connect(path, read_only=read_only, busy_timeout_ms=busy_timeout_ms)
            db = Database(conn)
            refuse_foreign_database(db, path)
            return db
    except BaseException:
        if conn is not None:
            conn.close()
        raise


def check_path(path: Path, *, create: bool) -> None:
    """Refuse a path that cannot be a database file before SQLite creates anything there."""
    name = str(path)
    if name == ":memory:" or name.startswith("file:"):  # SQLite's own names, not files: work would vanish
        raise StoreError(
            f"{name} is not a file name: the workbench keeps its work in a database file;"
            " give one, such as --db ./claims.db"
        )
    if path.is_dir():
        raise StoreError(f"cannot open database {path}: it is a folder")
    if path.exists():
        return
    if not create:
        raise MissingDatabase(f"no database at {path}")
    if not path.parent.is_dir():
        raise StoreError(f"cannot create database {path}: folder {path.parent} does not exist")


def is_writable(path: Path) -> bool:
    """Whether this process may write the file (or create it, when it does not exist yet)."""
    return not path.exists() or os.access(path, os.W_OK)


def set_connection_pragmas(db: Database, busy_timeout_ms: int) -> None:
    """Settings that live on the connection and leave the file untouched."""
    connection.set_connection_pragmas(db.conn, busy_timeout_ms)


def set_file_pragmas(db: Database) -> None:
    """WAL and NORMAL sync (see connection.set_file_pragmas)."""
    connection.set_file_pragmas(db.conn)


def applied_migrations(db: Database) -> list[str]:
    """Names of the workbench migrations already applied to this file, oldest first (read-only)."""
    return connection.applied_migrations(db.conn)


def known_migrations() -> list[str]:
    """Names of the migrations this version of workbench knows, oldest first."""
    return list(SCHEMA)


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


def refuse_damaged_database(db: Database, path: Path, *, writing: bool) -> None:
    """Refuse a file whose structure is damaged before anything reads from it, and, for a command
    that writes, one whose tables it may write (all but the documents' own) are damaged: a few
    pages read, however large the file (see integrity)."""
    if writing:
        integrity.refuse_damaged(db.conn, path, skip=integrity.DOCUMENT_TABLES)
    else:
        integrity.refuse_unreadable(db.conn, path)


def apply_pending_migrations(db: Database, path: Path, *, read_only: bool) -> None:
    """Bring the file up to this version's schema, under the write lock so two openers cannot race."""
    if not migrations.pending(db):
        return
    if read_only:
        latest = known_migrations()[-1]
        raise StoreError(f"cannot upgrade {path} to schema {latest}: the database is read-only")
    integrity.refuse_damaged(db.conn, path, tables=db.table_names())  # a migration may rewrite any table
    with write_transaction(db.conn):
        migrations.apply(db)


def upgraded_copy_if_old(db: Database, busy_timeout_ms: int) -> Database:
    """The database itself when its schema is current; else a private copy in memory, migrated
    and made query-only, so that reading an old file never upgrades it (only writing does)."""
    if not migrations.pending(db):
        return db
    memory = connection.connect_in_memory()
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
