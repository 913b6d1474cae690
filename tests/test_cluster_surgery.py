"""Cluster surgery kept and learnt from: the plans of core.surgery, and merges, splits, moves and
detaches that survive a re-match and a re-ingest, are labelled pairs for `match --refit`, and are
undone whole; `doctor` finds the log explaining them."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from test_clusters_store import DOCS, cid, clustered_database, make

from workbench.cli import main
from workbench.core import surgery
from workbench.core.surgery import SurgeryError
from workbench.store import clusters as store_clusters
from workbench.store.db import open_store
from workbench.store.doctor import examine
from workbench.store.review.store import ReviewStore

MIGRATION = ("a.txt:32", "b.txt:25", "d.txt:22")  # "212,000": one cluster as matched
VISAS = ("a.txt:102", "b.txt:98")  # "7.2 per cent" and "7 per cent"
WORK = "c.txt:47"  # "105,000": in no cluster

# ------------------------------------------------------------------------------- the plans

CLUSTERS = {"k1": ["a", "b", "c"], "k2": ["d", "e"]}
OF = {"a": "k1", "b": "k1", "c": "k1", "d": "k2", "e": "k2"}


def test_a_merge_keeps_the_smaller_id_and_accepts_one_pair_across():
    plan = surgery.merge(CLUSTERS, "k2", "k1")
    assert plan.groups == (surgery.Group("k1", ("d", "e", "a", "b", "c")),)
    assert plan.accept == (("a", "d"),) and plan.reject == ()


def test_a_split_rejects_every_pair_across_and_accepts_the_new_cluster_together():
    plan = surgery.split(CLUSTERS, "k1", ["c", "b"])
    assert plan.groups == (surgery.Group("k1", ("a",)), surgery.Group(None, ("c", "b")))
    assert plan.reject == (("a", "b"), ("a", "c")) and plan.accept == (("b", "c"),)


def test_a_move_rejects_the_claim_with_its_old_cluster_and_accepts_it_with_the_new():
    plan = surgery.move(CLUSTERS, OF, "c", "k2")
    assert plan.groups == (surgery.Group("k1", ("a", "b")), surgery.Group("k2", ("d", "e", "c")))
    assert plan.reject == (("a", "c"), ("b", "c")) and plan.accept == (("c", "d"),)
    assert surgery.move(CLUSTERS, {}, "z", "k2").groups == (surgery.Group("k2", ("d", "e", "z")),)


def test_a_detach_rejects_the_claim_with_each_other_member():
    plan = surgery.detach(CLUSTERS, OF, "e")
    assert plan.reject == (("d", "e"),) and plan.accept == ()


@pytest.mark.parametrize(
    "make_plan, message",
    [
        (lambda: surgery.merge(CLUSTERS, "k1", "k9"), "no cluster k9"),
        (lambda: surgery.merge(CLUSTERS, "k1", "k1"), "cannot merge cluster k1 with itself"),
        (lambda: surgery.split(CLUSTERS, "k1", ["d"]), "claim d is not in cluster k1"),
        (lambda: surgery.split(CLUSTERS, "k1", ["a", "b", "c"]), "every claim of cluster k1 was chosen"),
        (lambda: surgery.split(CLUSTERS, "k1", []), "name the claims of cluster k1"),
        (lambda: surgery.move(CLUSTERS, OF, "a", "k1"), "claim a is already in cluster k1"),
        (lambda: surgery.detach(CLUSTERS, OF, "z"), "claim z is in no cluster"),
    ],
)
def test_each_refusal_names_the_id_at_fault(make_plan, message):
    with pytest.raises(SurgeryError, match=message):
        make_plan()


def test_reviewed_links_the_new_grouping_contradicts_are_turned_over():
    plan = surgery.detach(CLUSTERS, OF, "a")
    changed = surgery.link_statuses(plan, {("a", "b"): "accepted", ("b", "c"): "rejected", ("a", "c"): "rejected"})
    assert changed == {("a", "b"): "rejected", ("b", "c"): "accepted"}  # a-c is already rejected


# ------------------------------------------------------------------------------- in the database


@pytest.fixture
def db_path(tmp_path):
    return clustered_database(tmp_path / "claims.db")


def groups(db_path) -> set[frozenset[str]]:
    with open_store(db_path) as store:
        return {frozenset(k["claim_ids"]) for k in store_clusters.all_clusters(store.db)}


def operate(db_path, name, *args):
    review = ReviewStore(str(db_path), "alice")
    try:
        return getattr(review, name)(*args)
    finally:
        review.close()


def cluster_id_of(db_path, claim_id) -> str:
    with open_store(db_path) as store:
        return store_clusters.cluster_of_claim(store.db, claim_id)["id"]


def rematch(db_path) -> None:
    with open_store(db_path) as store:
        store_clusters.recompute_clusters(store.db)


def reingest_b_with_an_edit(db_path) -> None:
    """b.txt edited in its second sentence only: the migration figure's sentence, and id, stay."""
    published, text = DOCS["b.txt"]
    edited = text.replace("Study visas were up 7 per cent.", "Study visas were up 7 per cent, the Home Office said.")
    with open_store(db_path) as store:
        store.store_document(*make("b.txt", published, edited), extractor_version="test")
        store_clusters.match_pending_documents(store.db)


def test_the_corpus_is_matched_as_the_tests_expect(db_path):
    assert groups(db_path) == {frozenset(MIGRATION), frozenset(VISAS)}
    assert cid("c.txt", "105,000") == WORK


def test_a_detached_claim_stays_alone_through_a_rematch_and_a_reingest(db_path):
    operate(db_path, "detach_claim", "d.txt:22")
    assert groups(db_path) == {frozenset(MIGRATION[:2]), frozenset(VISAS)}
    rematch(db_path)
    assert groups(db_path) == {frozenset(MIGRATION[:2]), frozenset(VISAS)}
    reingest_b_with_an_edit(db_path)
    rematch(db_path)
    assert frozenset(MIGRATION) not in groups(db_path)
    assert frozenset(MIGRATION[:2]) in groups(db_path)


def test_a_merge_stays_through_a_rematch_and_a_reingest(db_path):
    operate(db_path, "merge_clusters", cluster_id_of(db_path, MIGRATION[0]), cluster_id_of(db_path, VISAS[0]))
    assert groups(db_path) == {frozenset(MIGRATION + VISAS)}
    rematch(db_path)
    assert groups(db_path) == {frozenset(MIGRATION + VISAS)}
    reingest_b_with_an_edit(db_path)
    rematch(db_path)
    assert any(set(MIGRATION) | {"a.txt:102"} <= group for group in groups(db_path))


def test_a_moved_claim_stays_moved_through_a_rematch(db_path):
    operate(db_path, "move_claim", "a.txt:102", cluster_id_of(db_path, MIGRATION[0]))
    assert groups(db_path) == {frozenset(MIGRATION + ("a.txt:102",))}  # 7 per cent alone is no cluster
    rematch(db_path)
    assert groups(db_path) == {frozenset(MIGRATION + ("a.txt:102",))}
    operate(db_path, "move_claim", WORK, cluster_id_of(db_path, MIGRATION[0]))  # a claim in no cluster
    rematch(db_path)
    assert groups(db_path) == {frozenset(MIGRATION + ("a.txt:102", WORK))}


def test_a_split_stays_split_through_a_rematch_and_a_reingest(db_path):
    change = operate(db_path, "split_cluster", cluster_id_of(db_path, MIGRATION[0]), ["b.txt:25", "d.txt:22"])
    assert "split 2 of the 3 claims of cluster" in change.summary
    assert groups(db_path) == {frozenset(("b.txt:25", "d.txt:22")), frozenset(VISAS)}
    rematch(db_path)
    reingest_b_with_an_edit(db_path)
    rematch(db_path)
    assert frozenset(("b.txt:25", "d.txt:22")) in groups(db_path)
    assert not any("a.txt:32" in group for group in groups(db_path))


def test_surgery_is_labelled_pairs_that_undo_takes_back_and_refit_learns_from(db_path):
    operate(db_path, "move_claim", "a.txt:102", cluster_id_of(db_path, MIGRATION[0]))
    with open_store(db_path) as store:
        labels = store_clusters.labelled_pairs(store.db)
    assert labels == {("a.txt:102", "b.txt:98"): 0, ("a.txt:102", "a.txt:32"): 1}
    result = CliRunner().invoke(main, ["match", "--refit", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "on 2 of 2 reviewed pairs (1 accepted, 1 rejected)" in result.output
    operate(db_path, "undo")
    with open_store(db_path) as store:
        assert store_clusters.labelled_pairs(store.db) == {}
    assert groups(db_path) == {frozenset(MIGRATION), frozenset(VISAS)}


def test_doctor_finds_the_log_explains_surgery_undone_and_redone(db_path):
    operate(db_path, "decide", ["d.txt:22"], "consistent")
    operate(db_path, "detach_claim", "d.txt:22")
    operate(db_path, "undo")
    operate(db_path, "redo")
    checkup = examine(db_path)
    assert checkup.problems == []
    assert checkup.review_log == "consistent"


# ------------------------------------------------------------------------------- workbench cluster


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)


def test_cluster_commands_merge_split_move_and_detach(corpus):
    path, ids = corpus
    forty, quarter = ids[("002_munn.txt", "40%")], ids[("004_crin.txt", "one in four")]
    thirteen, half = ids[("002_munn.txt", "13%")], ids[("003_guardian.txt", "half")]
    db = ("--db", path, "--reviewer", "alice")
    result = run("cluster", "merge", "k3", "k2", *db)
    assert (result.exit_code, result.output) == (0, "merged cluster k3 into k2 (4 claims)\n")
    result = run("cluster", "split", "k2", forty, quarter, *db)
    assert result.exit_code == 0 and result.output.startswith(
        "split 2 of the 4 claims of cluster k2 into new cluster k"
    )
    new_id = result.output.split()[-1]
    result = run("cluster", "move", thirteen, "--to", new_id, *db)
    assert (result.exit_code, result.output) == (0, f"moved claim {thirteen} from cluster k1 to cluster {new_id}\n")
    result = run("cluster", "move", half, "--to", "k2", *db)
    assert (result.exit_code, result.output) == (0, f"moved claim {half} to cluster k2\n")
    result = run("cluster", "detach", half, *db)
    assert (result.exit_code, result.output) == (0, f"detached claim {half} from cluster k2\n")
    review = ReviewStore(path, "alice")
    try:
        members = set(review.member_ids(new_id))
        assert members == {forty, quarter, thirteen}
        assert review.cluster(new_id).relation == "differ"
        assert [entry.action for entry in review.log()][:1] == ["surgery"]
        assert {entry.reviewer for entry in review.log()} == {"alice"}
    finally:
        review.close()


@pytest.mark.parametrize(
    "args, message",
    [
        (("merge", "k1", "k9"), "no cluster k9"),
        (("merge", "k1", "k1"), "cannot merge cluster k1 with itself"),
        (("move", "nope", "--to", "k1"), "no claim nope"),
        (("move", "{c13}", "--to", "k1"), "claim {c13} is already in cluster k1"),
        (("move", "{c13}", "--to", "k7"), "no cluster k7"),
        (("detach", "{c43}"), "claim {c43} is in no cluster"),
        (("split", "k1", "{c43}"), "claim {c43} is not in cluster k1"),
        (("split", "k2", "{c20}", "{d20}"), "every claim of cluster k2 was chosen; leave at least one behind"),
    ],
)
def test_each_refused_operation_is_one_line_naming_the_bad_id(corpus, args, message):
    path, ids = corpus
    names = {
        "{c13}": ids[("002_munn.txt", "13%")],
        "{c43}": ids[("003_guardian.txt", "43")],
        "{c20}": ids[("002_munn.txt", "20")],
        "{d20}": ids[("004_crin.txt", "20")],
    }
    args = [names.get(a, a) for a in args]
    message = message.format(**{k.strip("{}"): v for k, v in names.items()})
    result = run("cluster", *args, "--db", path)
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"workbench: {path}: {message}"]
    review = ReviewStore(path, "alice")
    try:
        assert review.log() == []
    finally:
        review.close()


def test_the_json_export_logs_the_clusters_before_and_after_and_the_labelled_pairs(corpus):
    import json

    path, ids = corpus
    forty, quarter = ids[("002_munn.txt", "40%")], ids[("004_crin.txt", "one in four")]
    assert run("cluster", "detach", forty, "--db", path, "--reviewer", "alice").exit_code == 0
    result = run("export", "--format", "json", "--db", path)
    assert result.exit_code == 0, result.output
    log = json.loads(result.output)["review_log"]
    shapes, link = log
    assert shapes["action"] == "surgery" and shapes["reviewer"] == "alice" and shapes["cluster_id"] == "k3"
    assert shapes["from_clusters"] == [
        {"id": "k3", "relation": "differ", "suggested_verdict": "conflicting", "claim_ids": sorted([forty, quarter])}
    ]
    assert shapes["to_clusters"] == []
    assert (link["other_claim_id"], link["from_status"], link["to_status"]) == (max(forty, quarter), None, "rejected")


def test_a_moved_claim_stays_moved_through_a_reingest_of_its_document(db_path):
    operate(db_path, "move_claim", "a.txt:102", cluster_id_of(db_path, MIGRATION[0]))
    published, text = DOCS["a.txt"]
    with open_store(db_path) as store:  # a.txt edited after its claims: both keep their ids
        store.store_document(*make("a.txt", published, text + " More figures follow in May."), extractor_version="test")
        store_clusters.match_pending_documents(store.db)
    assert groups(db_path) == {frozenset(MIGRATION + ("a.txt:102",))}
    rematch(db_path)
    assert groups(db_path) == {frozenset(MIGRATION + ("a.txt:102",))}
