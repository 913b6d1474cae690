"""Link changes in the review log: a link's statuses, and the clusters an accept replaced, in
columns of their own (migration 0012)."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils
from review_corpus import build_small

from workbench.store.clusters import labelled_pairs
from workbench.store.db import open_store
from workbench.store.doctor import examine
from workbench.store.review.store import ReviewStore
from workbench.store.versions import needs_migration

LINK_ROWS = (
    "SELECT claim_id, other_claim_id, from_verdict, to_verdict, from_link_status, to_link_status"
    " FROM review_log WHERE other_claim_id IS NOT NULL ORDER BY id"
)
# a link entry's note columns, and whether it keeps the clusters it replaced or puts back
LINK_NOTES = (
    "SELECT from_note, to_note, from_link_clusters IS NOT NULL, to_link_clusters IS NOT NULL"
    " FROM review_log WHERE other_claim_id IS NOT NULL ORDER BY id"
)


@pytest.fixture
def corpus(tmp_path):
    path = str(tmp_path / "claims.db")
    ids = build_small(path)
    return path, ids["003_guardian.txt", "half"], ids["002_munn.txt", "40%"]


def as_schema_0011(path: str) -> None:
    """Take the database back to schema 0011: the link statuses in the verdict columns and the
    clusters an accept replaced in the note columns, as that version wrote them, and no link
    columns."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "UPDATE review_log SET from_verdict = from_link_status, to_verdict = to_link_status,"
            " from_note = from_link_clusters, to_note = to_link_clusters WHERE other_claim_id IS NOT NULL"
        )
        for column in ("from_link_status", "to_link_status", "from_link_clusters", "to_link_clusters"):
            conn.execute(f"ALTER TABLE review_log DROP COLUMN {column}")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0012_link_changes'")
    conn.close()


def test_a_fresh_accept_and_reject_write_the_link_columns_not_the_verdicts(corpus):
    path, half, forty = corpus
    a, b = min(half, forty), max(half, forty)
    store = ReviewStore(path, "ann")
    try:
        store.set_link_status(half, forty, "accepted")
        store.undo()
        store.set_link_status(half, forty, "rejected")
        assert [row[2:] for row in store.conn.execute(LINK_ROWS)] == [
            (None, None, "suggested", "accepted"),  # accept
            (None, None, "accepted", "suggested"),  # its undo
            (None, None, "suggested", "rejected"),  # reject
        ]
        assert {row[:2] for row in store.conn.execute(LINK_ROWS)} == {(a, b)}
        assert store.conn.execute(LINK_NOTES).fetchall() == [
            (None, None, 1, 0),  # the accept keeps the clusters its merge replaced
            (None, None, 0, 1),  # its undo puts them back
            (None, None, 0, 0),
        ]
        [entry] = [e for e in store.history.entries() if e.other_claim_id][:1]
        assert (entry.from_verdict, entry.to_verdict) == (None, None)
        assert (entry.from_link_status, entry.to_link_status) == ("suggested", "rejected")
        assert store.progress().reviewed == 0
    finally:
        store.close()
    assert labelled_pairs(sqlite_utils.Database(path)) == {(a, b): 0}
    assert examine(path).review_log == "consistent"


def test_an_old_database_moves_its_link_statuses_and_their_undo_still_works(corpus):
    path, half, forty = corpus
    a, b = min(half, forty), max(half, forty)
    store = ReviewStore(path, "ann")
    try:
        store.decide([forty], "conflicting")
        store.set_link_status(half, forty, "accepted")
        assert store.detail(half).cluster_id == store.detail(forty).cluster_id == "k3"
    finally:
        store.close()
    as_schema_0011(path)
    conn = sqlite3.connect(path)
    assert conn.execute(
        "SELECT from_verdict, to_verdict, from_note IS NOT NULL FROM review_log WHERE other_claim_id IS NOT NULL"
    ).fetchall() == [("suggested", "accepted", 1)]
    conn.close()
    assert needs_migration(path)
    assert examine(path).review_log == "consistent"  # the old shape: link entries are not decisions

    open_store(path).close()  # a writing command opens it: migrated

    assert not needs_migration(path)
    conn = sqlite3.connect(path)
    assert conn.execute(LINK_ROWS).fetchall() == [(a, b, None, None, "suggested", "accepted")]
    assert conn.execute(LINK_NOTES).fetchall() == [(None, None, 1, 0)]
    assert conn.execute(
        "SELECT from_verdict, to_verdict FROM review_log WHERE claim_id = ? AND action = 'decide'", [forty]
    ).fetchall() == [(None, "conflicting")]  # decisions are left as they were
    conn.close()
    assert labelled_pairs(sqlite_utils.Database(path)) == {(a, b): 1}
    assert examine(path).review_log == "consistent"

    store = ReviewStore(path, "ann")
    try:
        change = store.undo()
        assert [(i.action_kind, i.from_link_status, i.to_link_status) for i in change.items] == [
            ("link", "accepted", "suggested")
        ]
        assert store.links(half, kinds=("possible",))[0].status == "suggested"
        assert store.detail(half).cluster_id is None  # the merge undone too
        assert sorted(m.surface for m in store.members("k3")) == ["40%", "one in four"]
        store.redo()
        assert store.links(half, kinds=("possible",))[0].status == "accepted"
        assert store.detail(half).cluster_id == "k3"
        assert [row[2:] for row in store.conn.execute(LINK_ROWS)] == [
            (None, None, "suggested", "accepted"),
            (None, None, "accepted", "suggested"),
            (None, None, "suggested", "accepted"),
        ]
    finally:
        store.close()
    assert examine(path).review_log == "consistent"
