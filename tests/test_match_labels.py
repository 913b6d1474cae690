"""The reviewer teaches the matcher: accepted and rejected pairs are labelled pairs of the
database; a rejected pair is never suggested or clustered again, through re-matching and
re-ingest."""

from __future__ import annotations

from test_clusters_store import DOCS, cid, make

import pytest

from workbench.core.match.pipeline import MatchConfig
from workbench.store import clusters as store_clusters
from workbench.store.db import open_store
from workbench.store.review.store import ReviewStore

# Every pair only a possible match, so that the reviewer has suggestions to decide.
SUGGEST_ONLY = MatchConfig(group_threshold=1.0, suggest_threshold=0.05, former_rule=False)
PAIR = tuple(sorted((cid("a.txt", "212,000"), cid("b.txt", "212,000"))))


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "claims.db"
    with open_store(path) as store:
        for name, (published, text) in DOCS.items():
            doc, claims = make(name, published, text)
            store.add_document(doc, claims, extractor_version="test")
        store_clusters.recompute_clusters(store.db, SUGGEST_ONLY)
    return path


def _suggested(db, pair) -> list[dict]:
    return [
        link
        for link in store_clusters.links_of_claim(db, pair[0])
        if link["b" if link["a"] == pair[0] else "a"] == pair[1] and link["status"] == "suggested"
    ]


def _together(db, pair) -> bool:
    found = store_clusters.cluster_of_claim(db, pair[0])
    return found is not None and pair[1] in found["claim_ids"]


def _reject_in_review(path, pair):
    review = ReviewStore(str(path), "alice")
    try:
        review.set_link_status(*pair, "rejected")
    finally:
        review.close()


def test_the_pair_is_suggested_and_the_default_model_groups_it(db_path):
    with open_store(db_path) as store:
        assert _suggested(store.db, PAIR)
        store_clusters.recompute_clusters(store.db)
        assert _together(store.db, PAIR)


def test_a_rejected_pair_is_never_grouped_nor_suggested_again(db_path):
    _reject_in_review(db_path, PAIR)
    with open_store(db_path) as store:
        assert store_clusters.labelled_pairs(store.db) == {PAIR: 0}
        store_clusters.recompute_clusters(store.db)  # the shipped model would group it
        assert not _together(store.db, PAIR)
        assert not _suggested(store.db, PAIR)
        store_clusters.recompute_clusters(store.db, SUGGEST_ONLY)
        assert not _suggested(store.db, PAIR)


def test_an_undone_rejection_is_no_label(db_path):
    review = ReviewStore(str(db_path), "alice")
    try:
        review.set_link_status(*PAIR, "rejected")
        review.undo()
    finally:
        review.close()
    with open_store(db_path) as store:
        assert store_clusters.labelled_pairs(store.db) == {}
        store_clusters.recompute_clusters(store.db)
        assert _together(store.db, PAIR)


def test_a_rejection_outlives_a_reingest_that_removed_the_claim(db_path):
    _reject_in_review(db_path, PAIR)
    published, text = DOCS["b.txt"]
    with open_store(db_path) as store:
        edited = text.replace("Net migration climbed to 212,000 in the year to September 2013, figures show. ", "")
        store.store_document(*make("b.txt", published, edited), extractor_version="test")
        store_clusters.match_pending_documents(store.db)
        assert PAIR[1] not in {c.id for c in store_clusters.stored_corpus(store.db)[0]}  # the claim is gone
        assert not store_clusters.links_of_claim(store.db, PAIR[1])
        store.store_document(*make("b.txt", published, text), extractor_version="test")  # and back
        store_clusters.match_pending_documents(store.db)
        assert not _together(store.db, PAIR) and not _suggested(store.db, PAIR)
        store_clusters.recompute_clusters(store.db)
        assert not _together(store.db, PAIR) and not _suggested(store.db, PAIR)


def test_a_third_claim_cannot_chain_a_rejected_pair(db_path):
    _reject_in_review(db_path, PAIR)
    late = ("d.txt", "2014-02-28", "Net migration reached 212,000 in the year to September 2013, the ONS said.")
    with open_store(db_path) as store:
        store.add_document(*make(*late), extractor_version="test")
        store_clusters.recompute_clusters(store.db)
        assert not _together(store.db, PAIR)


def test_accepted_pairs_are_labelled_one(db_path):
    review = ReviewStore(str(db_path), "alice")
    try:
        review.set_link_status(*PAIR, "accepted")
    finally:
        review.close()
    with open_store(db_path) as store:
        assert store_clusters.labelled_pairs(store.db) == {PAIR: 1}
