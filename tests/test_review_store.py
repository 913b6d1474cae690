"""The review store: ordered views, decisions and their log, undo and redo, sessions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from review_corpus import create_schema

from workbench.store.review.store import migrate, ReviewStore

from workbench.store.review.views import ViewSpec

from workbench.store.versions import needs_migration


@pytest.fixture
def store(corpus):
    path, _ = corpus
    store = ReviewStore(path, "ann")
    yield store
    store.close()


def surfaces(store, order):
    rows = store.rows([e for e in order.entries if e >= 0])
    return [rows[e].surface if e >= 0 else order.groups[-e - 1].key for e in order.entries]


def test_cluster_grouping_puts_conflicting_clusters_first_then_differing(store):
    order = store.build_order(ViewSpec())
    assert [g.key for g in order.groups if g.kind == "cluster"] == ["k3", "k1", "k2"]
    assert [g.kind for g in order.groups][-2:] == ["unmatched", "unmatched"]
    assert order.claim_count == 14
    assert len(order) == 14 + len(order.groups)
    assert surfaces(store, order)[:3] == ["k3", "40%", "one in four"]


def test_document_grouping_follows_document_name_and_position(store):
    order = store.build_order(ViewSpec(grouping="document"))
    names = [store.rows([e])[e].doc_name for e in order.entries if e >= 0]
    assert names == sorted(names)
    assert [g.kind for g in order.groups] == ["document"] * 3
    assert surfaces(store, order)[1:5] == ["13%", "20", "40%", order.groups[1].key]


def test_filters_by_kind_document_relation_and_search(store, corpus):
    _, ids = corpus
    assert store.build_order(ViewSpec(kinds=("count",))).claim_count == 5
    doc_id = store.rows([store.rowid_of(ids[("003_guardian.txt", "half")])]).popitem()[1].doc_id
    assert store.build_order(ViewSpec(docs=(doc_id,))).claim_count == 6
    assert store.build_order(ViewSpec(relations=("none",))).claim_count == 7
    assert store.build_order(ViewSpec(relations=("differ",))).claim_count == 5
    assert store.build_order(ViewSpec(relations=("agree", "none"))).claim_count == 9
    # surface, then the sentence around the claim ("Birmingham failed seven inspections")
    found = store.build_order(ViewSpec(search="ONE IN"))
    assert surfaces(store, found) == [
        "k3",
        "one in four",
        "k1",
        "one in seven",
        "One in seven",
        "k2",
        "20",
    ]  # "One in seven councils ..., and 20 councils"
    birmingham = store.build_order(ViewSpec(search="birmingham"))
    assert surfaces(store, birmingham)[1:] == ["seven"]
    assert store.build_order(ViewSpec(search="no such words")).claim_count == 0


def test_verdict_filter_sees_this_reviewers_decisions_only(corpus, store):
    path, ids = corpus
    store.decide([ids[("002_munn.txt", "13%")]], "conflicting")
    assert store.build_order(ViewSpec(verdicts=("conflicting",))).claim_count == 1
    assert store.build_order(ViewSpec(verdicts=("unreviewed",))).claim_count == 13
    assert store.build_order(ViewSpec(verdicts=("unreviewed", "conflicting"))).claim_count == 14
    bob = ReviewStore(path, "bob")
    assert bob.build_order(ViewSpec(verdicts=("conflicting",))).claim_count == 0


def test_a_decision_is_stored_logged_and_counted(corpus, store):
    path, ids = corpus
    claim = ids[("002_munn.txt", "13%")]
    change = store.decide([claim], "consistent")
    assert change.batch > 0 and change.items[0].from_verdict is None
    # committed: another connection sees it at once
    other = sqlite3.connect(path)
    assert other.execute("SELECT verdict, scope FROM decisions WHERE claim_id = ?", [claim]).fetchone() == (
        "consistent",
        "claim",
    )
    log = other.execute("SELECT reviewer, action, claim_id, from_verdict, to_verdict FROM review_log").fetchall()
    assert log == [("ann", "decide", claim, None, "consistent")]
    assert store.progress().by_verdict == {"consistent": 1, "conflicting": 0, "unverified": 0}
    assert store.progress().reviewed == 1
    # the same verdict again changes nothing and logs nothing
    assert store.decide([claim], "consistent").items == ()
    assert other.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 1


def test_cluster_decision_is_one_batch_and_a_member_can_be_overridden(corpus, store):
    _, ids = corpus
    members = store.member_ids("k1")
    change = store.decide(members, "consistent", cluster_id="k1")
    assert len(change.items) == 3
    batches = store.conn.execute("SELECT DISTINCT batch, cluster_id FROM review_log").fetchall()
    assert batches == [(change.batch, "k1")]
    one = ids[("004_crin.txt", "one in seven")]
    store.decide([one], "conflicting")
    assert store.decision(one) == ("conflicting", None, "claim")
    assert store.decision(ids[("002_munn.txt", "13%")]) == ("consistent", None, "cluster")
    assert store.progress().by_verdict == {"consistent": 2, "conflicting": 1, "unverified": 0}


def test_undo_and_redo_walk_the_log_as_a_stack(corpus, store):
    _, ids = corpus
    a, b, c = ids[("002_munn.txt", "13%")], ids[("002_munn.txt", "20")], ids[("002_munn.txt", "40%")]
    store.decide([a], "consistent")
    store.decide([b], "conflicting")
    store.decide([a], "unverified")
    assert store.undo().claim_ids == [a]
    assert store.decision(a)[0] == "consistent"
    assert store.undo().claim_ids == [b]
    assert store.decision(b)[0] is None
    assert store.redo().claim_ids == [b]
    assert store.decision(b)[0] == "conflicting"
    assert store.redo().claim_ids == [a]
    assert store.decision(a)[0] == "unverified"
    assert store.redo() is None
    # a new decision after an undo drops what could have been redone
    store.undo()
    store.decide([c], "conflicting")
    assert store.redo() is None
    assert store.undo().claim_ids == [c]
    assert store.undo().claim_ids == [b]
    assert store.undo().claim_ids == [a]
    assert store.decision(a) == (None, None, None)
    assert store.undo() is None
    actions = [row[0] for row in store.conn.execute("SELECT action FROM review_log ORDER BY id")]
    assert actions.count("undo") == 6 and actions.count("redo") == 2


def test_undo_of_an_override_restores_the_cluster_scope(corpus, store):
    _, ids = corpus
    store.decide(store.member_ids("k1"), "consistent", cluster_id="k1")
    one = ids[("004_crin.txt", "one in seven")]
    store.decide([one], "conflicting")
    store.undo()
    assert store.decision(one) == ("consistent", None, "cluster")
    change = store.undo()
    assert change.cluster_id == "k1" and len(change.items) == 3
    assert store.progress().reviewed == 0
    assert store.redo().cluster_id == "k1"
    assert store.decision(one) == ("consistent", None, "cluster")


def test_undo_survives_reopening_the_database(corpus, store):
    path, ids = corpus
    a = ids[("002_munn.txt", "13%")]
    store.decide([a], "consistent")
    store.close()
    again = ReviewStore(path, "ann")
    assert again.undo().claim_ids == [a]
    assert again.decision(a)[0] is None
    assert ReviewStore(path, "bob").undo() is None


def test_notes_are_logged_kept_with_the_verdict_and_undone(corpus, store):
    _, ids = corpus
    a = ids[("002_munn.txt", "13%")]
    store.set_note(a, "checked against the report, p. 12")
    assert store.decision(a) == (None, "checked against the report, p. 12", None)
    assert store.progress().reviewed == 0
    store.decide([a], "consistent")
    assert store.decision(a)[:2] == ("consistent", "checked against the report, p. 12")
    store.undo()
    store.undo()
    assert store.decision(a) == (None, None, None)
    entry = store.log()[-1]
    assert (entry.action, entry.to_note) == ("note", "checked against the report, p. 12")


def test_link_accept_and_reject_are_logged_and_undoable(corpus, store):
    _, ids = corpus
    half, forty = ids[("003_guardian.txt", "half")], ids[("002_munn.txt", "40%")]
    [link] = store.links(half, kinds=("possible",))
    assert link.status == "suggested" and link.other.surface == "40%"
    store.set_link_status(half, forty, "accepted")
    assert store.links(half, kinds=("possible",))[0].status == "accepted"
    assert store.progress().reviewed == 0
    # accepting merges the two claims' clusters, as the matcher's store does
    merged = store.detail(half).cluster_id
    assert merged == store.detail(forty).cluster_id == "k3"
    assert sorted(m.surface for m in store.members(merged)) == ["40%", "half", "one in four"]
    store.undo()
    assert store.links(forty, kinds=("possible",))[0].status == "suggested"
    assert store.detail(half).cluster_id is None
    assert sorted(m.surface for m in store.members("k3")) == ["40%", "one in four"]
    assert store.cluster("k3").size == 2
    store.redo()
    assert store.detail(half).cluster_id == "k3"
    store.undo()
    store.set_link_status(half, forty, "rejected")
    assert store.links(half, kinds=("possible",))[0].status == "rejected"
    assert store.detail(half).cluster_id is None


def test_find_next_unreviewed_and_conflicting_wraps_around(corpus, store):
    _, ids = corpus
    order = store.build_order(ViewSpec())
    first = next(i for i, e in enumerate(order.entries) if e >= 0)
    assert store.find(order, first, 1, "unreviewed") == first + 1
    # k3 is suggested conflicting; once decided otherwise it no longer counts
    assert store.find(order, first, 1, "conflicting") == first + 1
    store.decide(store.member_ids("k3"), "consistent", cluster_id="k3")
    assert store.find(order, first, 1, "conflicting") is None
    store.decide([ids[("003_guardian.txt", "half")]], "conflicting")
    half = order.position_of(store.rowid_of(ids[("003_guardian.txt", "half")]))
    assert store.find(order, half, 1, "conflicting") == half  # wrapped round to itself
    assert store.find(order, first, -1, "conflicting") == half
    assert store.find(order, len(order) - 1, 1, "unreviewed") == 4  # wraps past k3, decided, to k1


def test_session_is_saved_per_reviewer(corpus, store):
    path, _ = corpus
    assert store.load_session() is None
    store.save_session({"claim_id": "x", **ViewSpec(grouping="document", kinds=("count",)).as_dict()})
    state = ReviewStore(path, "ann").load_session()
    assert ViewSpec.from_dict(state) == ViewSpec(grouping="document", kinds=("count",))
    assert ReviewStore(path, "bob").load_session() is None
    assert ViewSpec.from_dict({"grouping": "bogus", "kinds": "count"}) == ViewSpec()


def test_detail_reads_the_passage_and_marks_other_claims(corpus, store):
    _, ids = corpus
    detail = store.detail(ids[("002_munn.txt", "13%")])
    assert detail.passage[detail.start - detail.passage_start : detail.end - detail.passage_start] == "13%"
    assert detail.doc_title == "First Social Care Report heralds more support"
    assert detail.claim.published == "2013-11-04"
    assert detail.cluster_id == "k1"
    assert [detail.passage[s - detail.passage_start : e - detail.passage_start] for s, e in detail.other_spans] == [
        "20"
    ]
    assert [m.surface for m in store.members("k1")] == ["13%", "one in seven", "One in seven"]
    assert store.detail("nope") is None


def test_migration_is_detected_and_applied(tmp_path):
    path = str(tmp_path / "new.db")
    sqlite3.connect(path).close()
    assert needs_migration(path)
    migrate(path)
    assert not needs_migration(path)
    create_schema(str(tmp_path / "other.db"))
    assert not needs_migration(str(tmp_path / "other.db"))


def test_the_first_write_checks_the_whole_file_and_refuses_a_damaged_one(corpus):
    from workbench.store.errors import StoreError

    path, ids = corpus
    conn = sqlite3.connect(path)  # a long text, on overflow pages that deciding never reads
    conn.execute("UPDATE documents SET text = ? WHERE rowid = 1", ["x" * 20000 + "MARKER" + "y" * 20000])
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(Path(path).read_bytes())
    page = data.index(b"MARKER") // page_size
    data[page * page_size : page * page_size + 4] = b"\xff\xff\xff\x00"  # the chain's next-page number
    Path(path).write_bytes(bytes(data))
    store = ReviewStore(path, "ann")
    try:
        assert store.build_order(ViewSpec()).claim_count == 14  # the first screen still comes at once
        with pytest.raises(StoreError, match="is damaged: .*`workbench doctor` lists what is wrong"):
            store.decide([next(iter(ids.values()))], "consistent")
        assert store.conn.execute("SELECT count(*) FROM decisions").fetchone() == (0,)
    finally:
        store.close()


def test_the_review_rows_share_one_definition_of_their_fields():
    from dataclasses import fields

    from workbench.core.model import ClusterInfo
    from workbench.core.report.model import ReportCluster
    from workbench.store.review.rows import ClaimRow, Cluster, Member, ReviewedClaim

    shared = [f.name for f in fields(ReviewedClaim)]
    for row in (ClaimRow, Member):
        assert issubclass(row, ReviewedClaim) and [f.name for f in fields(row)][: len(shared)] == shared
    heads = [f.name for f in fields(ClusterInfo)]
    for cluster in (Cluster, ReportCluster):
        assert issubclass(cluster, ClusterInfo) and [f.name for f in fields(cluster)][: len(heads)] == heads


def test_a_stored_date_is_the_value_of_its_review_row(tmp_path, make_document):
    """A date's value is its ISO string in the review's rows, as in a Claim, so that every
    formatter reads one field ("2015-04") instead of guessing at a second one."""
    from workbench.core.report.text import format_value

    from workbench.store.db import open_store

    doc, claims = make_document()
    path = str(tmp_path / "claims.db")
    with open_store(path) as store:
        store.add_document(doc, claims, extractor_version="test")
    review = ReviewStore(path, "ann")
    try:
        rowid = review.rowid_of(next(c.id for c in claims if c.surface == "April 2015"))
        row = review.rows([rowid])[rowid]
    finally:
        review.close()
    assert row.value == "2015-04" and format_value(row) == "2015-04"
