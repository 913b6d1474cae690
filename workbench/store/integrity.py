"""The whole-file check every command runs before it writes, on a plain sqlite3 connection.

Plain sqlite3 so that the review UI, which opens the file without sqlite-utils for a fast start,
runs the same check before its first write.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from workbench.store.errors import StoreError


def refuse_damaged(conn: sqlite3.Connection, path: Path) -> None:
    """StoreError if SQLite finds the file damaged: PRAGMA quick_check reads every page (about
    0.1 s for 100,000 claims; bench/bench_open.py). A damaged page in a table a command does not
    touch would otherwise go unnoticed, and every decision made since would be written into a
    file that needs restoring from a backup."""
    try:
        found = [row[0] for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as error:  # too damaged for the check to finish
        found = [str(error)]
    if found != ["ok"]:
        more = f" (and {len(found) - 1} more problems)" if len(found) > 1 else ""
        raise StoreError(f"{path} is damaged: {found[0]}{more}; `workbench doctor` lists what is wrong")
