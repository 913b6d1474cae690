"""The store: opening files safely, writing a document all at once, and reading claims back."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from dataclasses import astuple, fields
from pathlib import Path

import pytest

from workbench.core.model import DocumentRow
from workbench.store.db import StoreError, open_store
from workbench.store.report_queries import ReportQueries
from workbench.store.review.store import ReviewStore
from workbench.store.opening import known_migrations

EXTRACTOR = "test-1"
LATEST_SCHEMA = known_migrations()[-1]


def add(store, make_document, name="a.txt"):
    """Add a built document named name, with a title made unique by the name; return (doc, claims)."""
    doc, claims = make_document(name, title=f"Report {name}")
    assert store.add_document(doc, claims, extractor_version=EXTRACTOR) is True
    return doc, claims


def table_count(store, table, doc_id=None):
    """Rows in a table, optionally only those of one document."""
    if doc_id is None:
        return store.db[table].count
    return store.db[table].count_where("doc_id = ?" if table != "documents" else "id = ?", [doc_id])


# Round trip


def test_document_and_claims_of_every_kind_read_back_equal(store, make_document):
    doc, claims = add(store, make_document)

    assert store.document(doc.id) == doc
    assert store.document("a.txt") == doc
    assert store.document_text("a.txt") == doc.text
    assert list(store.iter_claims()) == claims


def test_export_values_survive_the_round_trip(store, make_document):
    doc, claims = add(store, make_document)
    read = {c.surface: c for c in store.iter_claims()}

    assert [c.as_dict() for c in read.values()] == [c.as_dict() for c in claims]
    assert read["20"].value == 20 and type(read["20"].value) is int
    assert read["£2bn"].export_value() == 2_000_000_000 and read["£2bn"].currency == "GBP"
    assert read["April 2015"].export_value() == "2015-04"
    assert read["Thousands"].export_value() == {"min": 1000, "max": 9999}
    assert read["2012/13"].export_value() == {"min": 2012, "max": 2013}
    assert read["One in seven"].export_value() == 1 / 7


def test_values_are_split_between_number_and_text_columns(store, make_document):
    doc, claims = add(store, make_document)
    stored = {r["surface"]: r for r in store.db["claims"].rows}

    assert (stored["April 2015"]["value"], stored["April 2015"]["value_text"]) == (None, "2015-04")
    assert (stored["20"]["value"], stored["20"]["value_text"]) == (20, None)
    assert [r["seq"] for r in store.db["claims"].rows_where(order_by="seq")] == [0, 1, 2, 3, 4, 5]


def test_sentences_know_their_passage(store, make_document):
    doc, _ = add(store, make_document)
    rows = store.db["sentences"].rows_where("doc_id = ?", [doc.id], order_by="idx")

    assert [r["passage_idx"] for r in rows] == [0, 0, 1, 1]


def test_documents_lists_metadata_without_text(store, make_document):
    doc, _ = add(store, make_document)
    (listed,) = store.documents()

    assert listed.id == doc.id and listed.name == "a.txt"
    assert listed.title == "Report a.txt" and listed.published == "2016-06-29"
    assert listed.chars == len(doc.text) and listed.claims == 6
    assert listed.ingested_at.startswith("20")
    assert type(listed) is DocumentRow and not hasattr(listed, "text")


def test_the_store_the_review_and_the_report_list_one_document_row(store, make_document):
    add(store, make_document, "b.txt")
    add(store, make_document, "a.txt")
    listed = store.documents()
    reviewed = ReviewStore(str(store.path), "ann")
    try:
        assert reviewed.documents() == listed
    finally:
        reviewed.close()
    entries = list(ReportQueries(store.db.conn, "claims.db").documents())
    assert all(isinstance(entry, DocumentRow) for entry in entries)
    assert [DocumentRow(*astuple(entry)[: len(fields(DocumentRow))]) for entry in entries] == listed
    assert entries[0].source.name == "a.txt" and entries[0].unreviewed == 6


# Writing once, all or nothing


def test_adding_the_same_document_twice_writes_nothing_the_second_time(store, make_document):
    doc, claims = add(store, make_document)
    before = store.summary()

    assert store.has_document(doc.sha256)
    assert store.add_document(doc, claims, extractor_version=EXTRACTOR) is False
    assert store.summary() == before
    assert table_count(store, "sentences") == 4


def test_a_clashing_claim_id_fails_that_document_and_leaves_no_trace(store, make_document):
    first, first_claims = add(store, make_document, "a.txt")
    second, claims = make_document("b.txt", title="Report b.txt")
    claims[3].id = first_claims[0].id  # the fourth insert collides, after three went in

    with pytest.raises(StoreError, match="claim id a.txt-c000 is already used by a.txt"):
        store.add_document(second, claims, extractor_version=EXTRACTOR)

    for table in ("documents", "sections", "passages", "sentences", "claims"):
        assert table_count(store, table, second.id) == 0, table
    assert not store.has_document(second.sha256)
    assert list(store.iter_claims(doc="a.txt")) == first_claims
    assert store.document(first.id) == first


def test_a_claim_id_repeated_within_one_document_is_refused(store, make_document):
    doc, claims = make_document("a.txt")
    claims[5].id = claims[1].id

    with pytest.raises(StoreError, match=f"claim id {claims[1].id} appears twice"):
        store.add_document(doc, claims, extractor_version=EXTRACTOR)
    assert store.summary()["documents"] == 0


def test_a_process_killed_while_writing_leaves_nothing_half_written(tmp_path):
    script = f"""
import os, sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from conftest import build_document
from workbench.store import rows
from workbench.store.db import open_store
store = open_store({str(tmp_path / "claims.db")!r})
doc, claims = build_document("killed.txt")
rows.claim_rows = lambda *args: os._exit(3)  # die after the document and its spans are inserted
store.add_document(doc, claims, extractor_version="x")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 3, done.stderr

    with open_store(tmp_path / "claims.db") as store:
        assert store.summary()["documents"] == 0
        assert table_count(store, "sentences") == 0


# Opening files


def test_the_database_uses_wal_and_safe_connection_settings(store):
    pragma = lambda name: store.db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731

    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") == 5000
    assert pragma("synchronous") == 1  # NORMAL
    assert store.schema_version == LATEST_SCHEMA


def test_reopening_keeps_data_and_applies_no_migration_twice(tmp_path, make_document):
    with open_store(tmp_path / "claims.db") as store:
        add(store, make_document)
    with open_store(tmp_path / "claims.db", create=False) as store:
        assert store.count_claims() == 6
        assert [r["name"] for r in store.db["_sqlite_migrations"].rows] == known_migrations()


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("Not a database, just notes.\n" * 50)

    with pytest.raises(StoreError, match=r"notes\.db is not a workbench database \(not SQLite\)"):
        open_store(notes)
    assert notes.read_text() == "Not a database, just notes.\n" * 50


def test_another_programs_sqlite_database_is_refused(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()

    with pytest.raises(StoreError, match=r"other\.db is not a workbench database .*recipes"):
        open_store(other)


def test_a_database_from_a_newer_workbench_is_refused_byte_for_byte_untouched(tmp_path):
    path = tmp_path / "claims.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('workbench', '0099_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    before = path.read_bytes()

    with pytest.raises(StoreError, match=r"claims\.db was made by a newer workbench \(schema 0099_from_the_future\)"):
        open_store(path)
    assert path.read_bytes() == before


def test_a_missing_folder_is_reported_not_created(tmp_path):
    with pytest.raises(StoreError, match="cannot create database .*claims.db: folder .*nowhere does not exist"):
        open_store(tmp_path / "nowhere" / "claims.db")
    assert not (tmp_path / "nowhere").exists()


def test_a_missing_file_is_not_created_when_create_is_false(tmp_path):
    with pytest.raises(StoreError, match="no database at .*claims.db"):
        open_store(tmp_path / "claims.db", create=False)
    assert not (tmp_path / "claims.db").exists()


@pytest.fixture
def unwritable_folder(tmp_path):
    """A folder this process cannot create files in: a read-only one, or /sys when running as root."""
    if os.geteuid() != 0:
        folder = tmp_path / "locked"
        folder.mkdir(mode=0o555)
        yield folder
        folder.chmod(0o755)
    elif Path("/sys").is_dir() and not os.path.exists("/sys/claims.db"):
        yield Path("/sys")  # root may write anywhere, but sysfs refuses new files even to root
    else:
        pytest.skip("no folder is unwritable to root here")


def test_an_unwritable_folder_gives_a_clear_error(unwritable_folder):
    with pytest.raises(StoreError, match="cannot create database .*claims.db: folder is not writable"):
        open_store(unwritable_folder / "claims.db")


def test_a_read_only_database_can_be_read_but_not_written(tmp_path, make_document):
    with open_store(tmp_path / "claims.db") as store:
        add(store, make_document, "a.txt")
    doc, claims = make_document("b.txt", title="Report b.txt")

    with open_store(tmp_path / "claims.db", read_only=True) as store:
        assert store.count_claims() == 6
        with pytest.raises(StoreError, match=r"cannot write to .*claims\.db: the database is read-only"):
            store.add_document(doc, claims, extractor_version=EXTRACTOR)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write any file")
def test_a_read_only_file_opens_for_reading(tmp_path, make_document):
    with open_store(tmp_path / "claims.db") as store:
        add(store, make_document, "a.txt")
    (tmp_path / "claims.db").chmod(0o444)

    with open_store(tmp_path / "claims.db") as store:
        assert store.read_only and store.count_claims() == 6


def test_a_locked_database_gives_a_clear_error_after_the_timeout(tmp_path, make_document):
    doc, claims = make_document("a.txt")
    with open_store(tmp_path / "claims.db") as holder, open_store(tmp_path / "claims.db", busy_timeout_ms=100) as other:
        holder.db.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreError, match=r"claims\.db is locked by another program \(waited 0.1 s\)"):
            other.add_document(doc, claims, extractor_version=EXTRACTOR)
        holder.db.execute("ROLLBACK")
        assert other.add_document(doc, claims, extractor_version=EXTRACTOR) is True


# Reading


def test_claims_can_be_filtered_by_document_name_or_id_and_kind(store, make_document):
    a, _ = add(store, make_document, "a.txt")
    add(store, make_document, "b.txt")

    assert {c.doc_name for c in store.iter_claims(doc="a.txt")} == {"a.txt"}
    assert len(list(store.iter_claims(doc=a.id))) == 6
    assert [c.surface for c in store.iter_claims(kind="count")] == ["20", "Thousands", "20", "Thousands"]
    assert [(c.doc_name, c.surface) for c in store.iter_claims(doc="b.txt", kind="money")] == [("b.txt", "£2bn")]
    assert store.count_claims(doc="a.txt", kind="count") == 2
    assert store.count_claims(kind="date") == 2
    assert list(store.iter_claims(doc="nope.txt")) == []


def test_claims_come_in_pages_in_a_stable_order(store, make_document):
    add(store, make_document, "b.txt")
    add(store, make_document, "a.txt")
    everything = list(store.iter_claims())

    assert [c.doc_name for c in everything] == ["a.txt"] * 6 + ["b.txt"] * 6
    assert list(store.iter_claims(limit=4, offset=4)) == everything[4:8]
    assert [c.kind for c in store.iter_claims(order="kind")][:2] == ["count", "count"]
    with pytest.raises(ValueError, match="order must be one of"):
        store.iter_claims(order="random")


def test_summary_counts_documents_and_claims_by_name_and_kind(store, make_document):
    add(store, make_document, "a.txt")
    add(store, make_document, "b.txt")

    assert store.summary() == {
        "documents": 2,
        "claims": 12,
        "claims_per_document": {"a.txt": 6, "b.txt": 6},
        "claims_per_kind": {"count": 4, "date": 2, "money": 2, "proportion": 2, "year": 2},
    }


def test_an_unknown_document_is_a_store_error(store):
    with pytest.raises(StoreError, match="no document 'nope.txt'"):
        store.document_text("nope.txt")


def test_a_failing_document_inside_a_batch_rolls_back_alone(store, make_document):
    first, first_claims = make_document("first.txt", title="First of three")
    bad, bad_claims = make_document("bad.txt", title="Second of three")
    last, last_claims = make_document("last.txt", title="Third of three")
    bad_claims[1].id = bad_claims[0].id  # two claims with one id: the insert fails midway
    with store.batch():
        assert store.add_document(first, first_claims, extractor_version="t")
        with pytest.raises(StoreError):
            store.add_document(bad, bad_claims, extractor_version="t")
        assert store.add_document(last, last_claims, extractor_version="t")
    names = {d.name for d in store.documents()}
    assert names == {"first.txt", "last.txt"}
    assert store.count_claims(doc="bad.txt") == 0
    assert store.db.execute("SELECT COUNT(*) FROM sentences WHERE doc_id = ?", [bad.id]).fetchone()[0] == 0
