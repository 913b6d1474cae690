"""Stored clusters and links: full recompute, incremental matching, reading, and reviewing links."""

from __future__ import annotations

import hashlib

import pytest

from workbench.core.match.pipeline import MatchConfig
from workbench.core.model import Claim, Document
from workbench.store import clusters as store_clusters
from workbench.store.db import open_store

# Three short reports of one release, and a later one about another year.
DOCS = {
    "a.txt": (
        "2014-02-27",
        "Net migration to the UK rose to 212,000 in the year to September 2013. "
        "Visas issued for study rose by 7.2 per cent.",
    ),
    "b.txt": (
        "2014-02-27",
        "Net migration climbed to 212,000 in the year to September 2013, figures show. Study visas were up 7 per cent.",
    ),
    "c.txt": ("2014-02-28", "The number of people arriving for work fell to 105,000."),
}
LATE = ("d.txt", "2014-02-28", "Net migration reached 212,000 in the year to September 2013, the ONS said.")


def make(name: str, published: str, text: str) -> tuple[Document, list[Claim]]:
    doc = Document(name=name, sha256=hashlib.sha256(text.encode()).hexdigest(), text=text, published=published)
    claims = []
    for surface, kind, value in (
        ("212,000", "count", 212000),
        ("7.2 per cent", "rate", 0.072),
        ("7 per cent", "rate", 0.07),
        ("105,000", "count", 105000),
    ):
        start = text.find(surface)
        if start < 0:
            continue
        s_start = text.rfind(". ", 0, start)
        s_start = 0 if s_start < 0 else s_start + 2
        s_end = text.find(".", start + len(surface))
        claims.append(
            Claim(
                id=f"{name}:{start}",
                doc_name=name,
                start=start,
                end=start + len(surface),
                surface=surface,
                kind=kind,
                value=value,
                sentence_start=s_start,
                sentence_end=s_end + 1,
            )
        )
    return doc, claims


def cid(name: str, surface: str) -> str:
    """The id `make` gives the claim with this surface in this document."""
    text = DOCS[name][1] if name in DOCS else LATE[2]
    return f"{name}:{text.find(surface)}"


def clustered_database(path, config: MatchConfig | None = None):
    """DOCS and LATE stored in a new database at path and matched into clusters (by config, if given)."""
    with open_store(path) as store:
        for name, published, text in [(n, p, t) for n, (p, t) in DOCS.items()] + [LATE]:
            store.add_document(*make(name, published, text), extractor_version="test")
        store_clusters.recompute_clusters(store.db, config)
    return path


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "claims.db") as store:
        for name, (published, text) in DOCS.items():
            doc, claims = make(name, published, text)
            store.add_document(doc, claims, extractor_version="test")
        yield store


def test_recompute_stores_clusters_members_and_explanations(store):
    result = store_clusters.recompute_clusters(store.db)
    assert result.clusters
    found = store_clusters.cluster_of_claim(store.db, cid("a.txt", "212,000"))
    assert found is not None
    assert set(found["claim_ids"]) == {cid("a.txt", "212,000"), cid("b.txt", "212,000")}
    assert found["relation"] == "agree" and found["suggested_verdict"] == "consistent"
    visas = store_clusters.cluster_of_claim(store.db, cid("b.txt", "7 per cent"))
    assert visas["relation"] == "differ" and visas["suggested_verdict"] == "consistent"
    assert "within the rounding of '7 per cent'" in visas["explanation"]
    assert store_clusters.cluster_of_claim(store.db, cid("c.txt", "105,000")) is None


def test_recompute_replaces_rather_than_adds(store):
    store_clusters.recompute_clusters(store.db)
    first = store_clusters.all_clusters(store.db)
    store_clusters.recompute_clusters(store.db)
    assert store_clusters.all_clusters(store.db) == first


def test_incremental_matching_grows_the_stored_cluster(store):
    store_clusters.recompute_clusters(store.db)
    before = store_clusters.cluster_of_claim(store.db, cid("a.txt", "212,000"))
    doc, claims = make(*LATE)
    store.add_document(doc, claims, extractor_version="test")
    result = store_clusters.match_new_claims(store.db, documents=["d.txt"])
    after = store_clusters.cluster_of_claim(store.db, claims[0].id)
    assert after is not None and after["id"] == before["id"]
    assert set(after["claim_ids"]) == {cid("a.txt", "212,000"), cid("b.txt", "212,000"), claims[0].id}
    assert [k.id for k in result.clusters] == [before["id"]]


def test_incremental_matching_scores_only_pairs_with_a_new_claim(store, monkeypatch):
    from workbench.core.match import pipeline as matching

    store_clusters.recompute_clusters(store.db)
    doc, claims = make(*LATE)
    store.add_document(doc, claims, extractor_version="test")
    scored = []
    original = matching.candidate_pairs

    def spy(features, blocks, config, new=None):
        pairs = original(features, blocks, config, new)
        scored.extend({features[i].claim.id, features[j].claim.id} for i, j in pairs.tolist())
        return pairs

    monkeypatch.setattr(matching, "candidate_pairs", spy)
    store_clusters.match_new_claims(store.db, [claims[0].id])
    assert scored and all(claims[0].id in pair for pair in scored)


def test_accept_and_reject_possible_links(store):
    # With a group threshold no probability reaches, everything is only a possible match.
    config = MatchConfig(group_threshold=1.0, suggest_threshold=0.05, former_rule=False)
    store_clusters.recompute_clusters(store.db, config)
    assert store_clusters.cluster_of_claim(store.db, cid("a.txt", "212,000")) is None
    links = store_clusters.links_of_claim(store.db, cid("a.txt", "212,000"), status="suggested")
    possible = [link for link in links if link["link"] == "possible"]
    assert possible and possible[0]["raw_score"] is not None and possible[0]["masked_score"] is not None
    link = possible[0]
    cluster_id = store_clusters.accept_link(store.db, link["a"], link["b"], config=config)
    merged = store_clusters.cluster(store.db, cluster_id)
    assert {link["a"], link["b"]} <= set(merged["claim_ids"])
    assert store_clusters.links_of_claim(store.db, link["a"], status="accepted")

    visas = [l for l in store_clusters.links_of_claim(store.db, cid("b.txt", "7 per cent")) if l["link"] == "possible"]
    assert visas
    store_clusters.reject_link(store.db, visas[0]["a"], visas[0]["b"])
    store_clusters.recompute_clusters(store.db, config)  # a recompute keeps both decisions
    assert store_clusters.links_of_claim(store.db, visas[0]["a"], status="rejected")
    assert (
        store_clusters.cluster_of_claim(store.db, link["a"])["id"]
        == store_clusters.cluster_of_claim(store.db, link["b"])["id"]
    )


def test_matching_again_takes_the_frames_the_store_keeps_and_reads_only_the_missing(store, monkeypatch):
    """A frame is read once, when its claim is first matched: matching one new document into a
    large database read every stored claim's frame again (a third of its time)."""
    from workbench.core.match import features

    store_clusters.recompute_clusters(store.db)
    first = store_clusters.all_clusters(store.db)
    read = []
    original = features.read_frame
    monkeypatch.setattr(features, "read_frame", lambda claim, doc: read.append(claim.id) or original(claim, doc))
    store_clusters.recompute_clusters(store.db)
    assert read == [] and store_clusters.all_clusters(store.db) == first
    doc, claims = make(*LATE)
    store.add_document(doc, claims, extractor_version="test")
    store_clusters.match_pending_documents(store.db)
    assert sorted(read) == sorted(c.id for c in claims)
