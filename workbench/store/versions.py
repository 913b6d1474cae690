"""The names of the schema migrations this version knows, checked with plain sqlite3.

The review's fast start opens the database without sqlite-utils (slow to import); it still
has to refuse a file a newer workbench made, so the names are listed here as well as in
schema.py (a test keeps the two the same).
"""
from __future__ import annotations

import sqlite3

MIGRATION_SET = "workbench"
SCHEMA = ("0001_documents_and_claims", "0002_clusters", "0003_review", "0004_reingest",
          "0005_documents_share_bytes", "0006_document_source", "0007_corrections",
          "0008_cluster_surgery", "0009_added_claims",
          "0010_adjudication", "0011_assignments")


def unknown_migrations(conn: sqlite3.Connection) -> list[str]:
    """Migrations applied to this database that this version does not know: a newer workbench made it."""
    try:
        applied = [row[0] for row in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET])]
    except sqlite3.OperationalError:  # no migrations table: not made by any workbench
        return []
    return [name for name in applied if name not in SCHEMA]
