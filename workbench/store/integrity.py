"""Checking a file for damage before writing to it, at a cost that does not grow with the file.

A damaged page must be found before more work goes into a file that needs restoring from a
backup, but reading the whole file (`PRAGMA quick_check`) at every open costs seconds on a large
database, and minutes when the file is not in the page cache. So each command checks what it is
about to change, before its first write:

- every open reads the file's structure (`refuse_unreadable`): its header and its schema, and
  the first page of every table and index; a command that only reads needs nothing more, since
  SQLite reports a damaged page it reads as corrupt (one line, from `errors.sqlite_errors`);
- a command that opens the store to write checks every table but the documents' own
  (`DOCUMENT_TABLES`, by far the largest: the text and the claims) with their indexes (`PRAGMA
  quick_check(TABLE)`), and those only before it stores a document or marks one matched;
- the review checks every table before its first write, in a worker while its first screen is up;
- `workbench doctor` reads the whole file (`PRAGMA integrity_check`).

Plain sqlite3, so that the review UI, which opens the file without sqlite-utils for a fast start,
runs the same checks. Figures in bench/README.md (`bench/bench_open.py`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from pathlib import Path

from workbench.store.errors import StoreError

# written only when a document is stored (ingest) or a reviewer adds a claim
DOCUMENT_TABLES = ("documents", "sections", "passages", "sentences", "claims")


def refuse_unreadable(conn: sqlite3.Connection, path: Path) -> None:
    """StoreError if the file's structure is damaged: its schema does not parse, its page counts
    are impossible, or the first page of a table or index cannot be read as one."""
    try:
        found = _structure_problems(conn)
    except sqlite3.DatabaseError as error:  # too damaged to read the schema
        found = [str(error)]
    _refuse(found, path)


def refuse_damaged(
    conn: sqlite3.Connection, path: Path, tables: Collection[str] | None = None, *, skip: Collection[str] = ()
) -> None:
    """StoreError if the file's structure, or any of `tables` (every table when None) but those
    in `skip`, with its indexes, is damaged."""
    try:
        found = _structure_problems(conn)
        if not found:
            stored = [
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            ]
            chosen = [t for t in stored if (tables is None or t in tables) and t not in skip]
            for table in chosen:
                found += [row[0] for row in conn.execute(f"PRAGMA quick_check({_quoted(table)})") if row[0] != "ok"]
    except sqlite3.DatabaseError as error:  # too damaged for the check to finish
        found = [str(error)]
    _refuse(found, path)


def _structure_problems(conn: sqlite3.Connection) -> list[str]:
    """What is wrong with the header, the schema and the b-trees' first pages: a few pages read,
    however large the file."""
    page_count = conn.execute("PRAGMA page_count").fetchone()[0]
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    if not 0 <= free < max(page_count, 1):
        return [f"the header counts {free} free pages of {page_count}"]
    found = [row[0] for row in conn.execute("PRAGMA quick_check(sqlite_master)") if row[0] != "ok"]
    for kind, name, table in conn.execute(
        "SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index') AND rootpage > 0"
    ):
        if kind == "table":
            conn.execute(f"SELECT 1 FROM {_quoted(name)} LIMIT 1").fetchall()
        else:
            conn.execute(f"SELECT 1 FROM {_quoted(table)} INDEXED BY {_quoted(name)} LIMIT 1").fetchall()
    return found


def _refuse(found: list[str], path: Path) -> None:
    if found:
        more = f" (and {len(found) - 1} more problems)" if len(found) > 1 else ""
        raise StoreError(f"{path} is damaged: {found[0]}{more}; `workbench doctor` lists what is wrong")


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
