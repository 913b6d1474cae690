"""The database schema, as an ordered set of versioned migrations.

Each migration is applied once, inside a transaction, and recorded in `_sqlite_migrations`.
Later features add migrations at the end; never edit one that has been released.
"""
from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATION_SET = "workbench"
migrations = Migrations(MIGRATION_SET)


@migrations(name="0001_documents_and_claims")
def documents_and_claims(db: Database) -> None:
    """Documents with their original text, their structure, and the claims found in them."""
    db["documents"].create(
        {
            "id": str,  # "d" + the first 16 hex digits of sha256
            "name": str,  # file name
            "path": str,  # path as given at ingest
            "sha256": str,  # hash of the original bytes: identity for idempotent ingest
            "encoding": str,
            "media_type": str,
            "title": str,
            "published": str,  # ISO date the document states for itself
            "author": str,
            "text": str,  # decoded text; all offsets point into it
            "chars": int,
            "claim_count": int,
            "extractor_version": str,
            "ingested_at": str,
        },
        pk="id",
        not_null={"name", "sha256", "text"},
    )
    db["documents"].create_index(["sha256"], unique=True)
    db["documents"].create_index(["name"])

    db["sections"].create(
        {"doc_id": str, "idx": int, "name": str, "start": int, "end": int},
        pk=("doc_id", "idx"),
        foreign_keys=[("doc_id", "documents", "id")],
    )
    db["passages"].create(
        {"doc_id": str, "idx": int, "start": int, "end": int},
        pk=("doc_id", "idx"),
        foreign_keys=[("doc_id", "documents", "id")],
    )
    db["sentences"].create(
        {"doc_id": str, "idx": int, "passage_idx": int, "start": int, "end": int},
        pk=("doc_id", "idx"),
        foreign_keys=[("doc_id", "documents", "id")],
    )

    db["claims"].create(
        {
            "id": str,  # stable: derived from document name, sentence text and surface
            "doc_id": str,
            "seq": int,  # order of the claim within its document
            "start": int,
            "end": int,
            "surface": str,
            "kind": str,
            "value": float,  # numeric value; NULL for dates and ranges
            "value_text": str,  # ISO string for dates
            "value_min": float,  # ranges: "tens of thousands", split years
            "value_max": float,
            "qualifier": str,
            "unit": str,
            "currency": str,
            "numerator": float,
            "denominator": float,
            "subject": str,
            "section": str,
            "sentence_start": int,
            "sentence_end": int,
            "passage_start": int,
            "passage_end": int,
            "speaker": str,
            "period": str,
            "period_min": int,
            "period_max": int,
            "note": str,
        },
        pk="id",
        not_null={"doc_id", "start", "end", "surface", "kind", "qualifier"},
        foreign_keys=[("doc_id", "documents", "id")],
    )
    db["claims"].create_index(["doc_id", "seq"])
    db["claims"].create_index(["kind"])
    db["claims"].create_index(["subject"])
