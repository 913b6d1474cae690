"""Reviewers' corrections of claims, read and written on a plain sqlite3 connection.

The `corrections` table holds one row per corrected claim, keyed by the claim's id (made from its
document, sentence and surface), beside the claim's own row, which stays the extractor's reading.
Every view lays the correction over the claim (`core.corrections.apply`); a claim marked not a
claim (`rejected`) is left out of lists, clusters and reports. Writes go through the review
log (store.review), so every correction is undoable.

Functions take a plain sqlite3 connection, so the review UI's fast connections can use them, and
say nothing of a database made before corrections existed (no table: no corrections).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from workbench.core.corrections import CORRECTABLE, Correction
from workbench.store.tables import CHUNK, by_claim_id, has_table


def has_corrections(conn: sqlite3.Connection) -> bool:
    """Whether the database has the corrections table (schema 0007 or later)."""
    return has_table(conn, "corrections")


def _from_row(row: Sequence) -> Correction:
    claim_id, changes, rejected, reviewer, corrected_at = row
    fields = {k: v for k, v in json.loads(changes or "{}").items() if k in CORRECTABLE}
    return Correction(claim_id, fields, bool(rejected), reviewer or "", corrected_at or "")


_COLUMNS = "claim_id, changes, rejected, reviewer, corrected_at"


def correction_of(conn: sqlite3.Connection, claim_id: str) -> Correction | None:
    """The correction in force on this claim, or None."""
    if not has_corrections(conn):
        return None
    row = conn.execute(f"SELECT {_COLUMNS} FROM corrections WHERE claim_id = ?", [claim_id]).fetchone()
    return _from_row(row) if row else None


def corrections_of(conn: sqlite3.Connection, claim_ids: Iterable[str]) -> dict[str, Correction]:
    """The corrections in force on these claims, by claim id (uncorrected claims are absent)."""
    if not has_corrections(conn):
        return {}
    return by_claim_id(conn, "corrections", _COLUMNS, claim_ids, _from_row)


def all_corrections(conn: sqlite3.Connection) -> dict[str, Correction]:
    """Every correction, by claim id: what the export and the report lay over the claims (a
    correction is a person's work, so there are never more of them than fit in memory)."""
    if not has_corrections(conn):
        return {}
    return {row[0]: _from_row(row) for row in conn.execute(f"SELECT {_COLUMNS} FROM corrections")}


def rejected_rowids(conn: sqlite3.Connection) -> set[int]:
    """The rowids of the stored claims marked not a claim."""
    if not has_corrections(conn):
        return set()
    return {
        row[0]
        for row in conn.execute(
            "SELECT c.rowid FROM corrections x JOIN claims c ON c.id = x.claim_id WHERE x.rejected = 1"
        )
    }


def stored_claim_ids(conn: sqlite3.Connection, claim_ids: Iterable[str]) -> set[str]:
    """Which of these claim ids are stored claims."""
    ids = list(claim_ids)
    found: set[str] = set()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found.update(
            row[0] for row in conn.execute(f"SELECT id FROM claims WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        )
    return found


def write_correction(conn: sqlite3.Connection, claim_id: str, state: str | None) -> None:
    """Put a correction (Correction.to_json) in force on a claim, or with None remove it; the
    caller holds the transaction."""
    correction = Correction.from_json(claim_id, state)
    if correction is None or correction.is_empty:
        conn.execute("DELETE FROM corrections WHERE claim_id = ?", [claim_id])
        return
    conn.execute(
        """INSERT INTO corrections (claim_id, changes, rejected, reviewer, corrected_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (claim_id) DO UPDATE SET changes = excluded.changes, rejected = excluded.rejected,
               reviewer = excluded.reviewer, corrected_at = excluded.corrected_at""",
        [
            claim_id,
            json.dumps(correction.changes, sort_keys=True),
            int(correction.rejected),
            correction.reviewer,
            correction.corrected_at,
        ],
    )


@dataclass(frozen=True, slots=True)
class OrphanedCorrection:
    """A correction of a claim that is no longer stored (its sentence changed), with what the claim said."""

    correction: Correction
    document: str | None
    surface: str | None
    sentence: str | None


def orphaned_corrections(conn: sqlite3.Connection) -> Iterator[OrphanedCorrection]:
    """Corrections whose claim a re-ingest removed, by document and position. They stay stored, and
    apply again if an edit brings the sentence (and so the claim's id) back."""
    if not has_corrections(conn):
        return
    has_record = has_table(conn, "orphaned_claims")
    record = "o.doc_name, o.surface, o.sentence" if has_record else "NULL, NULL, NULL"
    join = "LEFT JOIN orphaned_claims o ON o.claim_id = x.claim_id" if has_record else ""
    order = 'o.doc_name, o."start", ' if has_record else ""
    columns = ", ".join(f"x.{name.strip()}" for name in _COLUMNS.split(","))
    for row in conn.execute(
        f"""SELECT {columns}, {record} FROM corrections x LEFT JOIN claims c ON c.id = x.claim_id {join}
                WHERE c.id IS NULL ORDER BY {order}x.claim_id"""
    ):
        yield OrphanedCorrection(_from_row(row[:5]), *row[5:])
