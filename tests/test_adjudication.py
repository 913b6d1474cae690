"""Final verdicts in the store: the disputes, adjudicating one claim or a cluster's disputed claims,
the review log, undo and redo, doctor, and the agreement that never counts the adjudicator."""

from __future__ import annotations

import sqlite3

import pytest
from review_corpus import build_small, rows

from workbench.core.adjudication import is_disagreement, reason_problem
from workbench.store.adjudication import AdjudicationStore, disputes
from workbench.store.agreement import all_reviewers_alpha, reviewer_agreement
from workbench.store.doctor import examine
from workbench.store.review.store import ReviewStore


@pytest.fixture
def disputed(tmp_path):
    """ann and bob disagree on 40% (and on one in four, by a cluster decision), agree on 13%."""
    path = str(tmp_path / "claims.db")
    ids = build_small(path)
    forty, quarter, thirteen = (
        ids[("002_munn.txt", "40%")],
        ids[("004_crin.txt", "one in four")],
        ids[("002_munn.txt", "13%")],
    )
    ann, bob = ReviewStore(path, "ann"), ReviewStore(path, "bob")
    ann.decide([forty, quarter], "conflicting", cluster_id="k3")
    bob.decide([forty, quarter], "consistent", cluster_id="k3")
    bob.set_note(forty, "within rounding, said the editor")
    ann.decide([thirteen], "consistent")
    bob.decide([thirteen], "consistent")
    ann.close()
    bob.close()
    return path, ids


def test_disputes_list_each_claim_with_every_reviewers_verdict_and_note(disputed):
    path, ids = disputed
    conn = sqlite3.connect(path)
    found = disputes(conn)
    conn.close()
    forty, quarter = ids[("002_munn.txt", "40%")], ids[("004_crin.txt", "one in four")]
    assert [d.claim_id for d in found] == [forty, quarter]  # by document name: 002 before 004
    first = found[0]
    assert first.in_dispute and first.cluster_id == "k3" and first.surface == "40%"
    assert [(v.reviewer, v.verdict, v.note, v.scope) for v in first.verdicts] == [
        ("ann", "conflicting", None, "cluster"),
        ("bob", "consistent", "within rounding, said the editor", "cluster"),
    ]
    assert "Only 40% of councils were judged good" in first.sentence


def test_a_final_verdict_is_stored_logged_undone_and_redone(disputed):
    path, ids = disputed
    forty = ids[("002_munn.txt", "40%")]
    judge = AdjudicationStore(path, "cara")
    change = judge.adjudicate([forty], "conflicting", "  the report says 40%; one in four is another year  ")
    assert change.action == "adjudicate" and change.claim_ids == [forty]
    assert rows(path, "SELECT verdict, reason, adjudicator FROM final_verdicts") == [
        ("conflicting", "the report says 40%; one in four is another year", "cara")
    ]
    assert rows(
        path,
        "SELECT reviewer, action, from_verdict, to_verdict, to_note, to_scope FROM review_log WHERE reviewer = 'cara'",
    ) == [("cara", "adjudicate", None, "conflicting", "the report says 40%; one in four is another year", "final")]
    # settled: listed after the claims still in dispute, with its final verdict
    order = judge.disputes()
    assert [d.claim_id for d in order][-1] == forty and order[-1].final.verdict == "conflicting"
    assert [d.claim_id for d in judge.disputes(settled=False)] == [ids[("004_crin.txt", "one in four")]]

    judge.adjudicate([forty], "consistent", "on reflection, within rounding")
    assert rows(path, "SELECT verdict FROM final_verdicts") == [("consistent",)]
    judge.undo()
    assert rows(path, "SELECT verdict, reason FROM final_verdicts") == [
        ("conflicting", "the report says 40%; one in four is another year")
    ]
    judge.undo()
    assert rows(path, "SELECT * FROM final_verdicts") == []
    assert judge.undo() is None  # cara's log holds nothing else
    judge.redo()
    assert rows(path, "SELECT verdict FROM final_verdicts") == [("conflicting",)]
    checkup = examine(path)
    assert checkup.healthy, checkup.problems
    # reviewers' decisions untouched: a final verdict is no decision
    assert rows(path, "SELECT count(*) FROM decisions WHERE reviewer = 'cara'") == [(0,)]
    judge.close()


def test_a_cluster_final_verdict_is_one_batch(disputed):
    path, ids = disputed
    judge = AdjudicationStore(path, "cara")
    members = [d.claim_id for d in judge.disputes() if d.cluster_id == "k3"]
    change = judge.adjudicate(members, "conflicting", "15 points apart", cluster_id="k3")
    assert len(change.items) == 2
    assert rows(path, "SELECT DISTINCT batch, cluster_id FROM review_log WHERE reviewer = 'cara'") == [
        (change.batch, "k3")
    ]
    judge.undo()
    assert rows(path, "SELECT count(*) FROM final_verdicts") == [(0,)]
    judge.close()


def test_a_final_verdict_needs_a_reason_and_a_known_verdict(disputed):
    path, ids = disputed
    judge = AdjudicationStore(path, "cara")
    forty = ids[("002_munn.txt", "40%")]
    with pytest.raises(ValueError, match="needs a reason"):
        judge.adjudicate([forty], "conflicting", "   ")
    with pytest.raises(ValueError, match="unknown verdict"):
        judge.adjudicate([forty], "wrong", "because")
    assert rows(path, "SELECT count(*) FROM final_verdicts") == [(0,)]
    assert rows(path, "SELECT count(*) FROM review_log WHERE reviewer = 'cara'") == [(0,)]
    judge.close()


def test_agreement_measures_the_reviewers_not_the_adjudicator(disputed):
    path, ids = disputed
    conn = sqlite3.connect(path)
    before = reviewer_agreement(conn), all_reviewers_alpha(conn)
    judge = AdjudicationStore(path, "cara")
    judge.adjudicate([ids[("002_munn.txt", "40%")]], "conflicting", "the report says 40%")
    judge.close()
    after = reviewer_agreement(conn), all_reviewers_alpha(conn)
    assert after == before
    assert after[0].agreement.reviewers == ("ann", "bob")
    conn.close()


def test_doctor_finds_a_final_verdict_the_log_does_not_explain(disputed):
    path, ids = disputed
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO final_verdicts VALUES (?, 'consistent', 'typed in by hand', 'eve', NULL)",
        [ids[("002_munn.txt", "40%")]],
    )
    conn.commit()
    conn.close()
    problems = examine(path).problems
    assert problems == [
        f"final verdicts: the final verdict on {ids[('002_munn.txt', '40%')]} is not what the"
        " log's last entry about it says"
    ]


def test_disagreement_and_reason_rules():
    assert is_disagreement(["consistent", "conflicting"])
    assert not is_disagreement(["consistent", "consistent", None])
    assert reason_problem("") and reason_problem("x" * 2001)
    assert reason_problem("because the source says so") is None


def test_the_agreement_command_prints_the_same_after_adjudication(disputed, monkeypatch):
    from click.testing import CliRunner

    from workbench.cli import main

    path, ids = disputed
    monkeypatch.delenv("WORKBENCH_DB", raising=False)
    before = CliRunner().invoke(main, ["agreement", "--db", path])
    judge = AdjudicationStore(path, "cara")
    judge.adjudicate([ids[("002_munn.txt", "40%")]], "conflicting", "the report says 40%")
    judge.close()
    after = CliRunner().invoke(main, ["agreement", "--db", path])
    assert before.exit_code == after.exit_code == 0
    assert after.output == before.output and "cara" not in after.output
    assert "ann" in after.output and "bob" in after.output
