"""Which schema a database file is at, checked with plain sqlite3.

The review's fast start opens the database without sqlite-utils (slow to import); it still has
to refuse a file a newer workbench made, and to know whether the file needs migrating. The names
come from schema.py, where each migration is defined.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workbench.store.connection import MIGRATION_SET, applied_migrations, connect
from workbench.store.errors import StoreError
from workbench.store.schema import SCHEMA

__all__ = ["MIGRATION_SET", "SCHEMA", "needs_migration", "pending_migrations", "unknown_migrations"]


def unknown_migrations(conn: sqlite3.Connection) -> list[str]:
    """Migrations applied to this database that this version does not know: a newer workbench made it."""
    return [name for name in applied_migrations(conn) if name not in SCHEMA]


def pending_migrations(conn: sqlite3.Connection) -> list[str]:
    """Migrations this version knows that the database has not had yet, oldest first."""
    applied = set(applied_migrations(conn))
    return [name for name in SCHEMA if name not in applied]


def needs_migration(path: str | Path) -> bool:
    """Whether the database file lacks any migration of this version (cheap: no sqlite-utils import)."""
    try:
        conn = connect(path, read_only=True)
    except (StoreError, sqlite3.Error):  # opening it for real says why
        return True
    try:
        return bool(pending_migrations(conn))
    except sqlite3.Error:
        return True
    finally:
        conn.close()
