"""Claims reviewers added, read and written on a plain sqlite3 connection inside the caller's
transaction: the claim's row in `claims` and its record in `added_claims` (core.added), put in
or taken out together (what the review log's add entries, and their undo and redo, do), and put
back at their new place when their document is stored again.

A database made before added claims existed has no table: nothing was added.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from workbench.core.added import AddedClaim, locate
from workbench.core.model import Claim, Document
from workbench.store import orphans, rows
from workbench.store.tables import has_table


def has_added(conn: sqlite3.Connection) -> bool:
    """Whether the database has the added_claims table (schema 0009 or later)."""
    return has_table(conn, "added_claims")


def added_of(conn: sqlite3.Connection, claim_id: str) -> AddedClaim | None:
    """The record of a claim a reviewer added, or None for an extracted claim."""
    if not has_added(conn):
        return None
    row = conn.execute("SELECT record FROM added_claims WHERE claim_id = ?", [claim_id]).fetchone()
    return AddedClaim.from_json(row[0]) if row else None


def records_of_document(conn: sqlite3.Connection, doc_name: str) -> list[AddedClaim]:
    if not has_added(conn):
        return []
    return [
        AddedClaim.from_json(row[0])
        for row in conn.execute("SELECT record FROM added_claims WHERE doc_name = ? ORDER BY claim_id", [doc_name])
    ]


def _insert_claim(conn: sqlite3.Connection, doc_id: str, claim: Claim) -> None:
    conn.execute(rows.insert_sql("claims", rows.CLAIM_COLUMNS), rows.claim_rows(doc_id, [claim])[0])
    renumber(conn, doc_id)


def renumber(conn: sqlite3.Connection, doc_id: str) -> None:
    """Put a document's claims in text order again (seq) and count them, after one was added or taken out."""
    ordered = [
        row[0]
        for row in conn.execute('SELECT rowid FROM claims WHERE doc_id = ? ORDER BY "start", seq, rowid', [doc_id])
    ]
    conn.executemany("UPDATE claims SET seq = ? WHERE rowid = ?", [(seq, rowid) for seq, rowid in enumerate(ordered)])
    conn.execute("UPDATE documents SET claim_count = ? WHERE id = ?", [len(ordered), doc_id])


def stored_document(conn: sqlite3.Connection, doc_id: str) -> Document | None:
    """A stored document with its sections, passages and sentences: what the extractor's reader needs."""
    row = conn.execute(
        "SELECT name, sha256, text, media_type, published FROM documents WHERE id = ?", [doc_id]
    ).fetchone()
    if row is None:
        return None
    name, sha256, text, media_type, published = row
    doc = Document(
        name=name, sha256=sha256, text=text or "", media_type=media_type or "text/plain", published=published
    )

    def spans(sql: str):
        return rows.spans_from_rows(conn.execute(sql, [doc_id]))

    doc.sections = spans('SELECT "start", "end", name FROM sections WHERE doc_id = ? ORDER BY idx')
    doc.passages = spans('SELECT "start", "end" FROM passages WHERE doc_id = ? ORDER BY idx')
    doc.sentences = spans('SELECT "start", "end" FROM sentences WHERE doc_id = ? ORDER BY idx')
    return doc


def document_id_named(conn: sqlite3.Connection, doc_name: str) -> str | None:
    row = conn.execute("SELECT id FROM documents WHERE name = ? ORDER BY id LIMIT 1", [doc_name]).fetchone()
    return row[0] if row else None


def write_added(conn: sqlite3.Connection, claim_id: str, state: str | None, orphaned_at: str) -> None:
    """Make the store hold what `state` (a record's JSON, or None) says of the added claim: with a
    record, the record and the claim's row at its place in the stored document; without, neither
    (a decision on the claim is then kept as orphaned, with what the claim said, as a re-ingest
    keeps one, and the claim leaves its cluster)."""
    record = AddedClaim.from_json(state)
    if record is None:
        row = conn.execute("SELECT doc_id FROM claims WHERE id = ?", [claim_id]).fetchone()
        conn.execute("DELETE FROM added_claims WHERE claim_id = ?", [claim_id])
        if row is None:
            return
        orphans.keep_removed_claims(conn, [claim_id], orphaned_at)
        _leave_clusters(conn, [claim_id])
        conn.execute("DELETE FROM claims WHERE id = ?", [claim_id])
        renumber(conn, row[0])
        return
    conn.execute(
        "INSERT OR REPLACE INTO added_claims (claim_id, doc_name, record, reviewer, added_at) VALUES (?, ?, ?, ?, ?)",
        [record.claim_id, record.doc_name, state, record.reviewer, record.added_at],
    )
    doc_id = document_id_named(conn, record.doc_name)
    doc = stored_document(conn, doc_id) if doc_id else None
    claim = locate(doc, record) if doc is not None else None
    if claim is not None and conn.execute("SELECT 1 FROM claims WHERE id = ?", [claim.id]).fetchone() is None:
        _insert_claim(conn, doc_id, claim)
        orphans.forget_revived_claims(conn, [claim.id])


def _leave_clusters(conn: sqlite3.Connection, claim_ids: list[str]) -> None:
    """Take claims out of their clusters and links, as the matcher's store does for removed claims."""
    from sqlite_utils import Database

    from workbench.store.clusters import detach_claims

    detach_claims(Database(conn), claim_ids)


def _placed(doc: Document, records: Iterable[AddedClaim], extracted: Iterable[Claim]) -> tuple[list[Claim], list[str]]:
    """The added claims found in this version of the document, and the ids of those the extractor
    now reads itself, at the same place (a newer extractor found them: kept, they would be one
    claim twice)."""
    taken = {(c.start, c.end) for c in extracted}
    found, superseded = [], []
    for record in records:
        claim = locate(doc, record)
        if claim is None:
            continue
        if (claim.start, claim.end) in taken:
            superseded.append(record.claim_id)
        else:
            found.append(claim)
    return found, superseded


def placed(doc: Document, records: Iterable[AddedClaim], extracted: Iterable[Claim]) -> list[Claim]:
    """The added claims found in this version of the document, except those the extractor reads itself."""
    return _placed(doc, records, extracted)[0]


def restore_added(conn: sqlite3.Connection, doc: Document, extracted: list[Claim]) -> None:
    """Store the document's added claims where their sentence now stands (its rows are fresh), in
    text order; the record of one the extractor now reads itself has done its work and goes."""
    found, superseded = _placed(doc, records_of_document(conn, doc.name), extracted)
    if superseded:
        conn.executemany("DELETE FROM added_claims WHERE claim_id = ?", [(claim_id,) for claim_id in superseded])
    if found:
        conn.executemany(rows.insert_sql("claims", rows.CLAIM_COLUMNS), rows.claim_rows(doc.id, found))
        renumber(conn, doc.id)


@dataclass(frozen=True, slots=True)
class OrphanedAddition:
    """An added claim whose sentence is not in its document as stored now."""

    record: AddedClaim


def orphaned_additions(conn: sqlite3.Connection) -> Iterator[OrphanedAddition]:
    """Added claims that are not stored (their sentence changed in a re-ingest), by document."""
    if not has_added(conn):
        return
    for (state,) in conn.execute(
        "SELECT a.record FROM added_claims a LEFT JOIN claims c ON c.id = a.claim_id"
        " WHERE c.id IS NULL ORDER BY a.doc_name, a.claim_id"
    ):
        yield OrphanedAddition(AddedClaim.from_json(state))
