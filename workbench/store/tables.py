"""Reads shared by the stores of records kept by claim id (corrections, added claims, final
verdicts), each read on a plain sqlite3 connection: whether a database has a table at all (one
made before its migration has not), and a table's rows for many claim ids at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")

CHUNK = 500  # ids per IN (...) list, well under SQLite's parameter limit


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    """Whether the database has the table `name`."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).fetchone() is not None


def by_claim_id(
    conn: sqlite3.Connection, table: str, columns: str, claim_ids: Iterable[str], make: Callable[[Sequence], T]
) -> dict[str, T]:
    """`make(row)` for each row of `table` (its `columns`, claim_id first) whose claim_id is one of
    `claim_ids`, by claim id; read in chunks, so any number of ids will do."""
    ids = list(dict.fromkeys(claim_ids))
    found = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        sql = f"SELECT {columns} FROM {table} WHERE claim_id IN ({','.join('?' * len(chunk))})"
        found.update({row[0]: make(row) for row in conn.execute(sql, chunk)})
    return found
