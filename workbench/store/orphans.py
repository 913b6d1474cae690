"""Orphaned decisions: reviewers' verdicts on claims that a re-ingest removed, kept and listed.

A decision references its claim by id, without a foreign key. When an edited document replaces
its stored version, a claim whose sentence changed gets a new id and the old one is gone; its
decisions stay where they are. Before the claim's row is deleted, `keep_removed_claims` copies
what a reviewer saw (document, surface, sentence, value) into `orphaned_claims`, so the report
and `workbench doctor` can still say what each orphaned decision was about. Every removed claim
is recorded, decided or not: a reviewer whose screen still shows it may decide it after the
re-ingest, and that decision is then an orphan with what the claim said. If a later edit brings
the sentence back, the claim gets its old id again and its decisions apply again.

Functions take a plain sqlite3 connection, so the review UI's connections can use them too.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from workbench.core.model import Claim
from workbench.store.tables import has_table

_CHUNK = 500  # ids per IN (...) list, well under SQLite's parameter limit


@dataclass(frozen=True, slots=True)
class OrphanedDecision:
    """A reviewer's decision on a claim that is no longer in the database, with what it was about."""

    claim_id: str
    reviewer: str
    verdict: str | None
    note: str | None
    decided_at: str | None
    document: str | None  # None when nothing was recorded (a database damaged by hand)
    surface: str | None
    sentence: str | None
    kind: str | None
    value: object  # the export value: a number, an ISO string, {"min", "max"}, or None


def _chunks(ids: Sequence[str]) -> Iterator[list[str]]:
    ids = list(ids)
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _marks(chunk: Sequence[str]) -> str:
    return ", ".join("?" * len(chunk))


def keep_removed_claims(conn: sqlite3.Connection, claim_ids: Sequence[str], orphaned_at: str) -> int:
    """Record what these claims said, before their rows are deleted.

    Returns how many decisions are thereby orphaned. The caller holds the transaction.
    """
    orphaned = 0
    for chunk in _chunks(claim_ids):
        marks = _marks(chunk)
        orphaned += conn.execute(f"SELECT count(*) FROM decisions WHERE claim_id IN ({marks})", chunk).fetchone()[0]
        rows = conn.execute(
            f"""SELECT c.id, d.name, d.sha256, c."start", c."end", c.surface,
                       substr(d.text, c.sentence_start + 1, c.sentence_end - c.sentence_start),
                       c.kind, c.value, c.value_text, c.value_min, c.value_max
                FROM claims c JOIN documents d ON d.id = c.doc_id WHERE c.id IN ({marks})""",
            chunk,
        ).fetchall()
        conn.executemany(
            """INSERT OR REPLACE INTO orphaned_claims
                   (claim_id, doc_name, doc_sha256, "start", "end", surface, sentence, kind, value, orphaned_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(*row[:8], json.dumps(_export_value(*row[8:])), orphaned_at) for row in rows],
        )
    return orphaned


def forget_revived_claims(conn: sqlite3.Connection, claim_ids: Sequence[str]) -> None:
    """Drop the orphan records of claims that are back (an edit was undone): their decisions apply again."""
    for chunk in _chunks(claim_ids):
        conn.execute(f"DELETE FROM orphaned_claims WHERE claim_id IN ({_marks(chunk)})", chunk)


def _export_value(number, text, low, high):
    """A stored claim's value as the export writes it."""
    value = text if text is not None else number
    return Claim("", "", 0, 0, "", "", value=value, value_min=low, value_max=high).export_value()


def orphaned_decisions(conn: sqlite3.Connection) -> Iterator[OrphanedDecision]:
    """Every decision whose claim is no longer stored, by document, position and reviewer, one at a
    time (the report streams them; other callers take a list)."""
    has_record = has_table(conn, "orphaned_claims")
    record = "o.doc_name, o.surface, o.sentence, o.kind, o.value" if has_record else "NULL, NULL, NULL, NULL, NULL"
    join = "LEFT JOIN orphaned_claims o ON o.claim_id = r.claim_id" if has_record else ""
    order = 'o.doc_name, o."start", ' if has_record else ""
    sql = f"""SELECT r.claim_id, r.reviewer, r.verdict, r.note, r.decided_at, {record}
              FROM decisions r LEFT JOIN claims c ON c.id = r.claim_id {join}
              WHERE c.id IS NULL ORDER BY {order}r.claim_id, r.reviewer"""
    for row in conn.execute(sql):
        yield OrphanedDecision(*row[:9], value=json.loads(row[9]) if row[9] is not None else None)


def missing_claims(conn: sqlite3.Connection, claim_ids: Sequence[str]) -> tuple[list[str], list[str]]:
    """Of these claim ids, those no longer stored: (recorded in orphaned_claims, never recorded)."""
    recorded, unknown = [], []
    has_record = has_table(conn, "orphaned_claims")
    for chunk in _chunks(claim_ids):
        stored = {row[0] for row in conn.execute(f"SELECT id FROM claims WHERE id IN ({_marks(chunk)})", chunk)}
        gone = [claim_id for claim_id in chunk if claim_id not in stored]
        if not gone:
            continue
        kept = (
            set()
            if not has_record
            else {
                row[0]
                for row in conn.execute(
                    f"SELECT claim_id FROM orphaned_claims WHERE claim_id IN ({_marks(gone)})", gone
                )
            }
        )
        recorded += [claim_id for claim_id in gone if claim_id in kept]
        unknown += [claim_id for claim_id in gone if claim_id not in kept]
    return recorded, unknown


def unexplained_decisions(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(claim_id, reviewer) of decisions on a claim that is neither stored nor recorded as removed:
    nobody can tell what they judged."""
    has_record = has_table(conn, "orphaned_claims")
    if not has_record:
        return []
    return conn.execute(
        """SELECT r.claim_id, r.reviewer FROM decisions r
           WHERE r.claim_id NOT IN (SELECT id FROM claims)
             AND r.claim_id NOT IN (SELECT claim_id FROM orphaned_claims)
           ORDER BY r.claim_id, r.reviewer"""
    ).fetchall()


def count_orphaned_decisions(conn: sqlite3.Connection) -> int:
    """How many decisions are on claims that are no longer stored."""
    return conn.execute(
        "SELECT count(*) FROM decisions r LEFT JOIN claims c ON c.id = r.claim_id WHERE c.id IS NULL"
    ).fetchone()[0]
