"""The claims database: open a file, store ingested documents and their claims, read them back.

A Store wraps one SQLite connection, which belongs to the thread that opened it: open one
Store per thread (the TUI's workers each open their own).
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from workbench.core.model import Claim, Document
from workbench.store import opening, rows
from workbench.store.errors import StoreError, sqlite_errors

__all__ = ["Store", "StoreError", "open_store"]

CLAIM_ORDERS = {
    "doc": 'd.name, d.id, c.seq',
    "kind": 'c.kind, d.name, d.id, c.seq',
    "subject": 'c.subject, d.name, d.id, c.seq',
}
_PAGE = 500


def open_store(
    path: str | Path, *, create: bool = True, read_only: bool = False, busy_timeout_ms: int = 5000
) -> Store:
    """Open (or create) a workbench database, bringing its schema up to date; StoreError if it cannot."""
    path = Path(path)
    opening.check_path(path, create=create and not read_only)
    read_only = read_only or not opening.is_writable(path)
    conn = opening.connect(path, read_only=read_only)
    try:
        with sqlite_errors(path, busy_timeout_ms):
            db = Database(conn)
            opening.set_connection_pragmas(db, busy_timeout_ms)
            opening.refuse_foreign_database(db, path)
            if not read_only:
                opening.set_file_pragmas(db)
            opening.apply_pending_migrations(db, path, read_only=read_only)
            return Store(db, path, read_only=read_only, busy_timeout_ms=busy_timeout_ms)
    except BaseException:
        conn.close()
        raise


class Store:
    """Documents and claims in one SQLite file; every SQL statement of the workbench lives in store/."""

    def __init__(self, db: Database, path: Path, *, read_only: bool = False, busy_timeout_ms: int = 5000):
        self.db = db
        self.path = path
        self.read_only = read_only
        self._busy_timeout_ms = busy_timeout_ms

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

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

    def stored_hashes(self) -> Iterator[str]:
        """The sha256 of every stored document."""
        for (sha,) in self._rows("SELECT sha256 FROM documents"):
            yield sha

    def has_document(self, sha256: str) -> bool:
        """Whether a document with these original bytes is already stored."""
        return self._value("SELECT 1 FROM documents WHERE sha256 = ?", [sha256]) is not None

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group many add_document calls into one commit. Each document still goes in whole or
        not at all (a savepoint of its own); a kill loses the uncommitted batch, never half a
        document. Committing per document cost most of an ingest's time in disk writes."""
        with self._errors(), opening.write_transaction(self.db.conn):
            self._in_batch = True
            try:
                yield
            finally:
                self._in_batch = False

    def add_document(self, doc: Document, claims: Sequence[Claim], *, extractor_version: str) -> bool:
        """Store a document, its structure and its claims all at once; False if it was already stored."""
        try:
            if getattr(self, "_in_batch", False):
                with self._errors(), _savepoint(self.db.conn):
                    if self.has_document(doc.sha256):
                        return False
                    self._insert_document(doc, claims, extractor_version)
                    return True
            with self._errors(), opening.write_transaction(self.db.conn):
                if self.has_document(doc.sha256):
                    return False
                self._insert_document(doc, claims, extractor_version)
                return True
        except sqlite3.IntegrityError as error:
            raise StoreError(self._why_not_stored(doc, claims, error)) from error

    def _insert_document(self, doc: Document, claims: Sequence[Claim], extractor_version: str) -> None:
        """Insert the rows of one document; the caller holds the transaction."""
        conn = self.db.conn
        ingested_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        row = rows.document_row(
            doc, claim_count=len(claims), extractor_version=extractor_version, ingested_at=ingested_at
        )
        conn.execute(_INSERT_DOCUMENT, row)
        conn.executemany(_INSERT_SECTION, rows.section_rows(doc))
        conn.executemany(_INSERT_PASSAGE, rows.passage_rows(doc))
        conn.executemany(_INSERT_SENTENCE, rows.sentence_rows(doc))
        conn.executemany(_INSERT_CLAIM, rows.claim_rows(doc.id, claims))

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

    def documents(self) -> list[dict]:
        """Every stored document's identity and metadata, by name; not the text."""
        columns = ("id", "name", "title", "published", "author", "chars", "claim_count", "ingested_at")
        sql = f"SELECT {rows.quoted(columns)} FROM documents ORDER BY name, id"
        return [dict(zip(columns, row)) for row in self._rows(sql)]

    def document_text(self, doc: str) -> str:
        """The decoded text of a document, given its id or name."""
        return self._value("SELECT text FROM documents WHERE id = ?", [self._document_id(doc)])

    def document(self, doc: str) -> Document:
        """Rebuild a stored Document with its sections, passages and sentences, given its id or name."""
        doc_id = self._document_id(doc)
        columns = ("name", "sha256", "text", "encoding", "media_type", "path", "title", "published", "author")
        with self._errors():
            values = self.db.conn.execute(
                f"SELECT {rows.quoted(columns)} FROM documents WHERE id = ?", [doc_id]
            ).fetchone()
        document = Document(**dict(zip(columns, values)))
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
