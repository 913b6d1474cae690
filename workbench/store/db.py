"""The claims database: open a file, store ingested documents and their claims, read them back.

A Store wraps one SQLite connection, which belongs to the thread that opened it: open one
Store per thread (the TUI's workers each open their own).
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from workbench.core.model import Claim, Document, DocumentRow
from workbench.store import added, integrity, opening, orphans, rows, settings
from workbench.store.connection import write_transaction
from workbench.store.errors import MissingDatabase, RejectedDocument, StoreError, sqlite_errors
from workbench.store.review import kept_orders

__all__ = ["RejectedDocument", "Store", "StoreError", "Stored", "is_older_extractor", "open_store"]

CLAIM_ORDERS = {
    "doc": "d.name, d.id, c.seq",
    "kind": "c.kind, d.name, d.id, c.seq",
    "subject": "c.subject, d.name, d.id, c.seq",
}
_PAGE = 500


def open_store(
    path: str | Path, *, create: bool = True, read_only: bool = False, busy_timeout_ms: int | None = None
) -> Store:
    """Open (or create) a workbench database, bringing its schema up to date; StoreError if it cannot.

    `read_only` is for commands that only read: the file is never written (no migration, no
    switch to WAL, nothing created beside it, so a folder that cannot be written is no obstacle),
    and a file of an older schema is read through an upgraded copy in memory. A file this
    process may not write is opened read-only as well, but a writing command is refused its
    upgrade rather than given a copy whose writes would vanish.
    """
    path = Path(path)
    busy_timeout_ms = settings.busy_timeout_ms(busy_timeout_ms)
    reading = read_only
    read_only = read_only or not opening.is_writable(path)
    db = opening.open_ours(path, create=create and not reading, read_only=read_only, busy_timeout_ms=busy_timeout_ms)
    try:
        with sqlite_errors(path, busy_timeout_ms):
            opening.refuse_damaged_database(db, path, writing=not read_only)
            if not read_only:
                opening.set_file_pragmas(db)
            if reading:
                if not opening.applied_migrations(db):  # a zero-byte file: nothing stored, nothing to read
                    raise MissingDatabase(f"no database at {path} (the file is empty)")
                db = opening.upgraded_copy_if_old(db, busy_timeout_ms)
            else:
                opening.apply_pending_migrations(db, path, read_only=read_only)
            return Store(db, path, read_only=read_only, busy_timeout_ms=busy_timeout_ms)
    except BaseException:
        db.close()
        raise


class Store:
    """Documents and claims in one SQLite file; every SQL statement of the workbench lives in store/."""

    def __init__(self, db: Database, path: Path, *, read_only: bool = False, busy_timeout_ms: int = 5000):
        self.db = db
        self.path = path
        self.read_only = read_only
        self._busy_timeout_ms = busy_timeout_ms
        self._documents_checked = False
        self._in_batch = False
        # where the review's list generation stood at opening (store.review.kept_orders)
        self._list_generation = None if read_only else kept_orders.list_generation(db.conn)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, error_type, *exc) -> None:
        self.close()
        if error_type is None and self._list_generation is not None:
            # build again the claims lists reviewers keep, if this store's writes made them stale
            kept_orders.refresh(str(self.path), since=self._list_generation)

    def close(self) -> None:
        """Close the connection; the Store cannot be used afterwards."""
        self.db.close()

    @property
    def schema_version(self) -> str:
        """The name of the last migration applied to this file, e.g. '0001_documents_and_claims'."""
        with self._errors():
            return opening.applied_migrations(self.db)[-1]

    def _errors(self):
        """Translate SQLite's errors about this file into StoreError."""
        return sqlite_errors(self.path, self._busy_timeout_ms)

    def _rows(self, sql: str, params: Sequence | dict = ()) -> Iterator[tuple]:
        """Stream a query's rows a page at a time, so large tables never sit whole in memory."""
        with self._errors():
            cursor = self.db.conn.execute(sql, params)
            while page := cursor.fetchmany(_PAGE):
                yield from page

    def _value(self, sql: str, params: Sequence | dict = ()):
        """The first column of the first row of a query, or None."""
        with self._errors():
            row = self.db.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    # Writing

    def current_hashes(self, extractor_version: str) -> Iterator[tuple[str, str]]:
        """(name, sha256) of every stored document that this extractor need not read again."""
        for name, sha, version in self._rows("SELECT name, sha256, extractor_version FROM documents"):
            if not is_older_extractor(version, extractor_version):
                yield name, sha

    def is_current(self, name: str, sha256: str, extractor_version: str) -> bool:
        """Whether these bytes are stored under this name, extracted by this extractor or a newer one."""
        row = self._rows("SELECT extractor_version FROM documents WHERE name = ? AND sha256 = ?", [name, sha256])
        return any(not is_older_extractor(version, extractor_version) for (version,) in row)

    def has_document(self, sha256: str) -> bool:
        """Whether a document with these original bytes is already stored."""
        return self._value("SELECT 1 FROM documents WHERE sha256 = ?", [sha256]) is not None

    def refuse_damaged_documents(self) -> None:
        """Before the first write to the documents' own tables (storing documents, marking them
        matched): StoreError if those tables are damaged. Opening checked the rest; these are
        the largest, so only the commands that write them pay for reading them."""
        if not self._documents_checked:
            with self._errors():
                integrity.refuse_damaged(self.db.conn, self.path, tables=integrity.DOCUMENT_TABLES)
            self._documents_checked = True

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group many add_document calls into one commit. Each document still goes in whole or
        not at all (a savepoint of its own); a kill loses the uncommitted batch, never half a
        document. Committing per document cost most of an ingest's time in disk writes."""
        self.refuse_damaged_documents()
        with self._errors(), write_transaction(self.db.conn):
            self._in_batch = True
            try:
                yield
            finally:
                self._in_batch = False

    def add_document(self, doc: Document, claims: Sequence[Claim], *, extractor_version: str) -> bool:
        """Store a document, its structure and its claims all at once; False if it was already stored."""
        try:
            with self._errors(), self._document_write():
                if self.has_document(doc.sha256):
                    return False
                self._insert_document(doc, claims, extractor_version)
                return True
        except sqlite3.IntegrityError as error:
            raise RejectedDocument(self._why_not_stored(doc, claims, error)) from error

    def store_document(self, doc: Document, claims: Sequence[Claim], *, extractor_version: str) -> Stored:
        """Store a document, or let it replace the stored version it supersedes, all at once.

        A document is known by its file name (claim ids are made from it): a file whose name is
        stored with other bytes is a newer version and replaces it, and so do the same bytes
        read by an older extractor. Claims whose sentence did not change keep their ids, and so
        their decisions; decisions on claims that are gone are kept as orphaned (see orphans).
        """
        try:
            with self._errors(), self._document_write():
                return self._store_or_replace(doc, claims, extractor_version)
        except sqlite3.IntegrityError as error:
            raise RejectedDocument(self._why_not_stored(doc, claims, error)) from error

    def _document_write(self):
        """A savepoint inside a batch, else a transaction of its own: one document, all or nothing."""
        if self._in_batch:
            return _savepoint(self.db.conn)
        self.refuse_damaged_documents()
        return write_transaction(self.db.conn)

    def _store_or_replace(self, doc: Document, claims: Sequence[Claim], extractor_version: str) -> Stored:
        conn = self.db.conn
        same_name = conn.execute(
            "SELECT id, path, sha256, extractor_version FROM documents WHERE name = ?", [doc.name]
        ).fetchall()
        same_bytes = [row for row in same_name if row[2] == doc.sha256]
        if same_bytes:
            old_id, _, _, stored_version = same_bytes[0]
            if not is_older_extractor(stored_version, extractor_version):
                return Stored("unchanged")
            return Stored("re-extracted", orphaned=self._replace(old_id, doc, claims, extractor_version))
        if len(same_name) > 1:
            raise RejectedDocument(
                f"cannot store {doc.name} in {self.path}: {len(same_name)} stored documents have that name,"
                " so it is not clear which one this file replaces"
            )
        if same_name:  # the name decides, even when the new bytes equal another stored document's
            ((old_id, old_path, _, _),) = same_name
            orphaned = self._replace(old_id, doc, claims, extractor_version)
            return Stored("replaced", replaced_path=old_path, orphaned=orphaned)
        if self.has_document(doc.sha256):  # a copy of a stored document under another name
            return Stored("unchanged")
        self._insert_document(doc, claims, extractor_version)
        return Stored("added")

    def _replace(self, old_id: str, doc: Document, claims: Sequence[Claim], extractor_version: str) -> int:
        """Swap a stored document for its new version; the number of decisions orphaned. The caller holds the transaction."""
        from workbench.store.clusters import detach_claims  # the matcher: loaded only when needed

        conn = self.db.conn
        kept = {claim.id for claim in claims}
        kept |= {claim.id for claim in added.placed(doc, added.records_of_document(conn, doc.name), claims)}
        gone = [
            row[0] for row in conn.execute("SELECT id FROM claims WHERE doc_id = ?", [old_id]) if row[0] not in kept
        ]
        orphaned = orphans.keep_removed_claims(conn, gone, _now())
        for table in ("claims", "sentences", "passages", "sections"):
            conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", [old_id])
        conn.execute("DELETE FROM documents WHERE id = ?", [old_id])
        self._insert_document(doc, claims, extractor_version)
        orphans.forget_revived_claims(conn, list(kept))
        detach_claims(self.db, gone)
        return orphaned

    def _insert_document(self, doc: Document, claims: Sequence[Claim], extractor_version: str) -> None:
        """Insert the rows of one document; the caller holds the transaction."""
        conn = self.db.conn
        ingested_at = _now()
        doc.stored_id = None
        if conn.execute("SELECT 1 FROM documents WHERE id = ?", [doc.id]).fetchone() is not None:
            key = f"{doc.name}\0{doc.sha256}".encode("utf-8")  # the same bytes under another name
            doc.stored_id = "d" + hashlib.sha256(key).hexdigest()[:16]
        row = rows.document_row(
            doc, claim_count=len(claims), extractor_version=extractor_version, ingested_at=ingested_at
        )
        conn.execute(_INSERT_DOCUMENT, row)
        conn.executemany(_INSERT_SECTION, rows.section_rows(doc))
        conn.executemany(_INSERT_PASSAGE, rows.passage_rows(doc))
        conn.executemany(_INSERT_SENTENCE, rows.sentence_rows(doc))
        conn.executemany(_INSERT_CLAIM, rows.claim_rows(doc.id, claims))
        # the claims reviewers added to an earlier version, where their sentence still stands
        added.restore_added(conn, doc, list(claims))

    def _why_not_stored(self, doc: Document, claims: Sequence[Claim], error: sqlite3.IntegrityError) -> str:
        """Explain a rejected document, naming the clashing claim id when that was the cause."""
        prefix = f"cannot store {doc.name} in {self.path}"
        seen: set[str] = set()
        for claim in claims:
            if claim.id in seen:
                return f"{prefix}: claim id {claim.id} appears twice in it"
            seen.add(claim.id)
            owner = self._value(
                "SELECT d.name FROM claims c JOIN documents d ON d.id = c.doc_id WHERE c.id = ?", [claim.id]
            )
            if owner is not None:
                return f"{prefix}: claim id {claim.id} is already used by {owner}"
        if self._value("SELECT 1 FROM documents WHERE id = ?", [doc.id]) is not None:
            return f"{prefix}: document id {doc.id} is already used by another document"
        return f"{prefix}: {error}"

    # Reading

    def documents(self) -> list[DocumentRow]:
        """Every stored document's identity and metadata, by name; not the text."""
        sql = f"SELECT {rows.document_row_sql()} FROM documents d ORDER BY d.name, d.id"
        return [DocumentRow(*row) for row in self._rows(sql)]

    def names_by_path(self) -> dict[str, str]:
        """Each stored document's name by the path it was read from: how ingest finds the name
        under which an older version (which knew documents by file name alone) stored a file."""
        return dict(self._rows("SELECT path, name FROM documents WHERE path IS NOT NULL"))

    def document_text(self, doc: str) -> str:
        """The decoded text of a document, given its id or name."""
        return self._value("SELECT text FROM documents WHERE id = ?", [self._document_id(doc)])

    def document(self, doc: str) -> Document:
        """Rebuild a stored Document with its sections, passages and sentences, given its id or name."""
        doc_id = self._document_id(doc)
        columns = ("name", "sha256", "text", "encoding", "media_type", "path", "title", "published", "author", "site")
        with self._errors():
            values = self.db.conn.execute(
                f"SELECT {rows.quoted(columns)} FROM documents WHERE id = ?", [doc_id]
            ).fetchone()
        document = Document(**dict(zip(columns, values)))
        document.stored_id = doc_id if doc_id != document.id else None
        document.sections = self._spans('"start", "end", name', "sections", doc_id)
        document.passages = self._spans('"start", "end"', "passages", doc_id)
        document.sentences = self._spans('"start", "end"', "sentences", doc_id)
        return document

    def _spans(self, columns: str, table: str, doc_id: str) -> list:
        """A document's spans from one of the span tables, in order."""
        return rows.spans_from_rows(
            self._rows(f"SELECT {columns} FROM {table} WHERE doc_id = ? ORDER BY idx", [doc_id])
        )

    def _document_id(self, doc: str) -> str:
        """The id of the one document with this id or name; StoreError if there is none or several."""
        if self._value("SELECT 1 FROM documents WHERE id = ?", [doc]) is not None:
            return doc
        ids = [row[0] for row in self._rows("SELECT id FROM documents WHERE name = ?", [doc])]
        if not ids:
            raise StoreError(f"no document {doc!r} in {self.path}")
        if len(ids) > 1:
            choices = ", ".join(ids)
            raise StoreError(f"{len(ids)} documents in {self.path} are named {doc!r}; use an id: {choices}")
        return ids[0]

    def iter_claims(
        self,
        *,
        doc: str | None = None,
        kind: str | None = None,
        order: str = "doc",
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[Claim]:
        """Stream claims as core Claims, optionally of one document (id or name) or kind, a page at a time."""
        if order not in CLAIM_ORDERS:
            raise ValueError(f"order must be one of {', '.join(CLAIM_ORDERS)}, not {order!r}")
        where, params = _claim_filter(doc, kind)
        sql = (
            f"SELECT {rows.CLAIM_SELECT} FROM claims c JOIN documents d ON d.id = c.doc_id"
            f" {where} ORDER BY {CLAIM_ORDERS[order]} LIMIT :limit OFFSET :offset"
        )
        params |= {"limit": -1 if limit is None else limit, "offset": offset}
        return (rows.claim_from_row(row) for row in self._rows(sql, params))

    def count_claims(self, *, doc: str | None = None, kind: str | None = None) -> int:
        """How many claims iter_claims would yield with the same filters."""
        where, params = _claim_filter(doc, kind)
        sql = f"SELECT count(*) FROM claims c JOIN documents d ON d.id = c.doc_id {where}"
        return self._value(sql, params)

    def orphaned_decisions(self) -> list[orphans.OrphanedDecision]:
        """Decisions on claims that re-ingesting an edited document removed, with what they were about."""
        with self._errors():
            return list(orphans.orphaned_decisions(self.db.conn))

    def summary(self) -> dict:
        """Counts of documents and claims, with claims per document name and per kind."""
        per_document = self._rows(
            "SELECT d.name, count(c.id) FROM documents d LEFT JOIN claims c ON c.doc_id = d.id"
            " GROUP BY d.name ORDER BY d.name"
        )
        per_kind = self._rows("SELECT kind, count(*) FROM claims GROUP BY kind ORDER BY kind")
        return {
            "documents": self._value("SELECT count(*) FROM documents"),
            "claims": self._value("SELECT count(*) FROM claims"),
            "claims_per_document": dict(per_document),
            "claims_per_kind": dict(per_kind),
        }


def _claim_filter(doc: str | None, kind: str | None) -> tuple[str, dict]:
    """A WHERE clause and its parameters for claims of one document (id or name) and/or kind."""
    conditions, params = [], {}
    if doc is not None:
        conditions.append("(d.id = :doc OR d.name = :doc)")
        params["doc"] = doc
    if kind is not None:
        conditions.append("c.kind = :kind")
        params["kind"] = kind
    return ("WHERE " + " AND ".join(conditions) if conditions else ""), params


@dataclass(frozen=True, slots=True)
class Stored:
    """What storing one document did: added, unchanged, replaced (an edited file) or re-extracted."""

    outcome: str
    replaced_path: str | None = None  # where the replaced version was ingested from
    orphaned: int = 0  # decisions on claims the new version no longer has


def is_older_extractor(stored: str | None, current: str) -> bool:
    """Whether a document extracted by version `stored` should be extracted again by `current`.

    Versions are compared by their numbers ("2" after "1.9", "1.10" after "1.9"); a version
    without numbers (written by a test or by hand) is never taken for older.
    """
    old, new = _version_numbers(stored or ""), _version_numbers(current)
    return bool(old) and bool(new) and old < new


def _version_numbers(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


_INSERT_DOCUMENT = rows.insert_sql("documents", rows.DOCUMENT_COLUMNS)
_INSERT_SECTION = rows.insert_sql("sections", rows.SECTION_COLUMNS)
_INSERT_PASSAGE = rows.insert_sql("passages", rows.PASSAGE_COLUMNS)
_INSERT_SENTENCE = rows.insert_sql("sentences", rows.SENTENCE_COLUMNS)
_INSERT_CLAIM = rows.insert_sql("claims", rows.CLAIM_COLUMNS)


@contextmanager
def _savepoint(conn: sqlite3.Connection) -> Iterator[None]:
    """A nested all-or-nothing write inside a batch."""
    conn.execute("SAVEPOINT document")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK TO document")
        conn.execute("RELEASE document")
        raise
    conn.execute("RELEASE document")
