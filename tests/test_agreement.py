"""Agreement between two reviewers: percent agreement and Cohen's kappa checked against figures
worked out by hand, the disagreements listed for adjudication, and the `agreement` command."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
import typing
from fractions import Fraction

import pytest
from click.testing import CliRunner
from review_corpus import synchronously
from review_pilot import ready, reviewing, screen_text

from workbench.cli import main
from workbench.core.agreement import Agreement, agreement, describe_kappa
from workbench.store.agreement import (
    Disagreement,
    ReviewerAgreement,
    UnknownReviewer,
    all_reviewers_alpha,
    other_decisions,
    reviewer_agreement,
    reviewer_pairs,
    reviewers,
)
from workbench.store.review.store import ReviewStore

C, X, U = "consistent", "conflicting", "unverified"


def triples(*verdict_pairs: tuple[str, str]) -> list[tuple[str, str, str]]:
    return [(f"c{i}", a, b) for i, (a, b) in enumerate(verdict_pairs)]


def from_matrix(rows: dict[str, dict[str, int]]) -> list[tuple[str, str, str]]:
    """Claims laid out as a confusion matrix: rows[first's verdict][second's verdict] = claims."""
    return triples(*((a, b) for a, row in rows.items() for b, n in row.items() for _ in range(n)))


# --- the arithmetic, against hand-worked examples ---------------------------------------------


def test_three_verdicts_worked_by_hand():
    # ann \ bob   C  X  U   (10 claims)
    #   C         3  1  0   ann: C4 X3 U3; bob: C4 X3 U3
    #   X         0  2  1   observed 7/10; chance (16 + 9 + 9)/100 = 0.34
    #   U         1  0  2   kappa (0.7 - 0.34) / (1 - 0.34) = 0.36 / 0.66 = 6/11
    result = agreement("ann", "bob", from_matrix({C: {C: 3, X: 1}, X: {X: 2, U: 1}, U: {C: 1, U: 2}}))
    assert (result.claims, result.agreed) == (10, 7)
    assert result.observed == pytest.approx(0.7)
    assert result.expected == pytest.approx(0.34)
    assert result.kappa == pytest.approx(float(Fraction(6, 11)))
    assert result.counts == {"ann": {C: 4, X: 3, U: 3}, "bob": {C: 4, X: 3, U: 3}}
    assert result.matrix[C] == {C: 3, X: 1, U: 0} and result.matrix[U] == {C: 1, X: 0, U: 2}
    assert describe_kappa(result.kappa) == "moderate"


def test_two_verdicts_as_in_the_textbook_example():
    # 50 claims: both consistent 20, ann consistent/bob conflicting 5, the reverse 10, both conflicting 15.
    # observed 35/50 = 0.7; chance 0.5*0.6 + 0.5*0.4 = 0.5; kappa 0.4.
    result = agreement("ann", "bob", from_matrix({C: {C: 20, X: 5}, X: {C: 10, X: 15}}))
    assert result.observed == pytest.approx(0.7)
    assert result.expected == pytest.approx(0.5)
    assert result.kappa == pytest.approx(0.4)
    assert describe_kappa(result.kappa) == "fair"


def test_perfect_agreement_is_kappa_one():
    result = agreement("ann", "bob", triples((C, C), (X, X), (U, U), (X, X)))
    assert result.observed == 1.0 and result.kappa == 1.0
    assert result.disagreements == ()
    assert describe_kappa(result.kappa) == "almost perfect"


def test_total_disagreement_with_balanced_verdicts_is_kappa_minus_one():
    # ann C C X X, bob X X C C: observed 0, chance 0.5*0.5 + 0.5*0.5 = 0.5, kappa -0.5/0.5 = -1
    result = agreement("ann", "bob", triples((C, X), (C, X), (X, C), (X, C)))
    assert result.observed == 0.0 and result.expected == pytest.approx(0.5)
    assert result.kappa == pytest.approx(-1.0)
    assert result.disagreements == ("c0", "c1", "c2", "c3")
    assert describe_kappa(result.kappa) == "less than chance"


def test_total_disagreement_with_one_verdict_each_is_kappa_zero():
    # ann always consistent, bob always conflicting: no agreement, and none expected by chance either
    result = agreement("ann", "bob", triples((C, X), (C, X), (C, X)))
    assert result.observed == 0.0 and result.expected == 0.0
    assert result.kappa == 0.0


def test_kappa_is_undefined_when_chance_agreement_is_one():
    # both gave every claim "consistent": 100% agreement, but chance predicts exactly that
    result = agreement("ann", "bob", triples((C, C), (C, C), (C, C)))
    assert result.observed == 1.0 and result.expected == 1.0
    assert result.kappa is None
    assert "same verdict (consistent)" in result.kappa_undefined_because
    assert describe_kappa(result.kappa) == "undefined"
    data = result.as_dict()
    assert data["percent_agreement"] == 100.0 and data["kappa"] is None
    assert data["kappa_undefined_because"] == result.kappa_undefined_because


def test_no_shared_claim_leaves_both_figures_undefined():
    result = agreement("ann", "bob", [])
    assert result.claims == 0 and result.observed is None and result.kappa is None
    assert result.kappa_undefined_because == "no claim was decided by both reviewers"
    assert result.as_dict()["percent_agreement"] is None


def test_disagreements_keep_the_order_given_and_the_plain_data_adds_up():
    result = agreement("ann", "bob", [("z", C, X), ("a", U, U), ("m", X, U)])
    data = result.as_dict()
    assert data["disagreements"] == ["z", "m"]
    assert (data["claims_both_decided"], data["agreed"], data["disagreed"]) == (3, 1, 2)
    assert data["percent_agreement"] == pytest.approx(100 / 3)
    assert data["counts"] == {"ann": {C: 1, X: 1, U: 1}, "bob": {C: 0, X: 1, U: 2}}
    assert sum(sum(row.values()) for row in data["matrix"].values()) == 3


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="unknown verdict 'maybe'"):
        agreement("ann", "bob", [("c1", C, "maybe")])
    with pytest.raises(ValueError, match="two different reviewers"):
        agreement("ann", "ann", [])


# --- the store: who decided what, on a database ------------------------------------------------


def decide(path, reviewer, ids, choices: dict[tuple[str, str], str]) -> None:
    store = ReviewStore(path, reviewer)
    for key, verdict in choices.items():
        store.decide([ids[key]], verdict)
    store.close()


ANN = {
    ("002_munn.txt", "13%"): C,
    ("002_munn.txt", "20"): C,
    ("002_munn.txt", "40%"): X,
    ("004_crin.txt", "one in four"): X,
    ("003_guardian.txt", "half"): U,
}
BOB = {
    ("002_munn.txt", "13%"): C,
    ("002_munn.txt", "20"): X,
    ("002_munn.txt", "40%"): X,
    ("004_crin.txt", "one in four"): U,
    ("003_guardian.txt", "43"): C,
}


def test_agreement_on_a_database_lists_the_disagreements_in_document_order(corpus):
    path, ids = corpus
    decide(path, "ann", ids, ANN)
    decide(path, "bob", ids, BOB)
    result = reviewer_agreement(sqlite3.connect(path))
    figures = result.agreement
    # shared: 13% C/C, 20 C/X, 40% X/X, one in four X/U -> 2 of 4 agree
    # ann C2 X2 U0, bob C1 X2 U1: chance (2*1 + 2*2 + 0)/16 = 6/16; kappa (8 - 6)/(16 - 6) = 0.2
    assert figures.reviewers == ("ann", "bob")
    assert (figures.claims, figures.agreed) == (4, 2)
    assert figures.percent_agreement == 50.0
    assert figures.chance_agreement_percent == pytest.approx(37.5)
    assert figures.kappa == pytest.approx(0.2)
    assert [(d.doc, d.surface, d.verdicts) for d in result.disagreements] == [
        ("002_munn.txt", "20", (C, X)),
        ("004_crin.txt", "one in four", (X, U)),
    ]
    first = result.disagreements[0]
    assert first.claim_id == ids[("002_munn.txt", "20")]
    text = sqlite3.connect(path).execute("SELECT text FROM documents WHERE name = '002_munn.txt'").fetchone()[0]
    assert text[first.start : first.end] == "20"


def test_agreement_on_a_database_is_a_frozen_typed_record(corpus):
    path, ids = corpus
    decide(path, "ann", ids, ANN)
    decide(path, "bob", ids, BOB)
    result = reviewer_agreement(sqlite3.connect(path), "ann", "bob")
    assert type(result) is ReviewerAgreement and type(result.agreement) is Agreement
    assert all(type(d) is Disagreement for d in result.disagreements)
    assert type(result.disagreements) is tuple
    assert result.disagreements[0].notes == (None, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.disagreements = ()  # type: ignore[misc]
    assert not hasattr(result, "__dict__")  # slots


def test_agreement_queries_take_a_connection_not_a_store():
    hints = [
        typing.get_type_hints(f)["conn"]
        for f in (reviewer_agreement, reviewers, reviewer_pairs, other_decisions, all_reviewers_alpha)
    ]
    assert hints == [sqlite3.Connection] * 5


def test_notes_without_verdicts_and_orphaned_decisions_do_not_count(corpus):
    path, ids = corpus
    decide(path, "ann", ids, ANN)
    decide(path, "bob", ids, BOB)
    bob = ReviewStore(path, "bob")
    bob.set_note(ids[("003_guardian.txt", "half")], "only a note: no verdict")
    bob.close()
    conn = sqlite3.connect(path)
    conn.executemany(
        "INSERT INTO decisions (claim_id, reviewer, verdict) VALUES ('gone', ?, 'consistent')", [("ann",), ("bob",)]
    )  # a claim a re-ingest dropped
    conn.commit()
    result = reviewer_agreement(conn, "ann", "bob")
    assert result.agreement.claims == 4
    assert reviewer_pairs(conn) == [("ann", "bob", 4)]
    summary = {r.name: (r.decided, r.notes) for r in reviewers(conn)}
    assert summary == {"ann": (5, 0), "bob": (5, 1)}


def test_choosing_the_pair(corpus):
    path, ids = corpus
    conn = sqlite3.connect(path)
    assert reviewer_agreement(conn) is None  # nobody has decided anything
    decide(path, "ann", ids, ANN)
    assert reviewer_agreement(conn) is None  # one reviewer: nothing to compare
    decide(path, "bob", ids, BOB)
    decide(path, "cat", ids, {("003_guardian.txt", "half"): U})
    # cat shares one claim with ann and none with bob
    assert reviewer_pairs(conn) == [("ann", "bob", 4), ("ann", "cat", 1)]
    assert reviewer_agreement(conn).agreement.reviewers == ("ann", "bob")
    assert reviewer_agreement(conn, "cat").agreement.reviewers == ("cat", "ann")
    assert reviewer_agreement(conn, "bob", "cat").agreement.claims == 0
    assert (
        reviewer_agreement(conn, "bob", "cat").agreement.kappa_undefined_because
        == "no claim was decided by both reviewers"
    )
    with pytest.raises(UnknownReviewer, match="'dan' has no verdict"):
        reviewer_agreement(conn, "ann", "dan")
    with pytest.raises(UnknownReviewer, match="two different reviewers"):
        reviewer_agreement(conn, "ann", "ann")


def test_other_reviewers_decisions_on_a_claim(corpus):
    path, ids = corpus
    decide(path, "ann", ids, ANN)
    decide(path, "bob", ids, BOB)
    claim = ids[("002_munn.txt", "20")]
    seen = other_decisions(sqlite3.connect(path), claim, "ann")
    assert [(d.reviewer, d.verdict) for d in seen] == [("bob", X)]
    assert [(d.reviewer, d.verdict) for d in other_decisions(sqlite3.connect(path), claim, "bob")] == [("ann", C)]


# --- the command ---------------------------------------------------------------------------------


@pytest.fixture
def run(monkeypatch):
    monkeypatch.delenv("WORKBENCH_DB", raising=False)
    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args], catch_exceptions=True)


def test_agreement_command_prints_the_figures_and_the_claims_to_adjudicate(corpus, run):
    path, ids = corpus
    decide(path, "ann", ids, ANN)
    decide(path, "bob", ids, BOB)
    result = run("agreement", "--db", path)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "ann and bob: 4 claims both decided" in out
    assert "percent agreement   50.0% (2 of 4)" in out
    assert "chance agreement    37.5%" in out
    assert "Cohen's kappa       0.200 (slight)" in out
    lines = out.splitlines()
    disagreements = lines[lines.index("2 claims where they disagree:") + 2 :]
    assert disagreements[0].split()[:4] == ["002_munn.txt", "20", C, X]
    assert disagreements[1].split()[:6] == ["004_crin.txt", "one", "in", "four", X, U]
    assert ids[("002_munn.txt", "20")] in disagreements[0]


def test_alpha_over_three_reviewers_on_a_database(corpus, run):
    path, ids = corpus
    decide(path, "ann", ids, ANN)
    decide(path, "bob", ids, BOB)
    decide(path, "cat", ids, {("003_guardian.txt", "half"): U})
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO decisions (claim_id, reviewer, verdict) VALUES ('gone', 'cat', 'conflicting')")
    conn.execute("INSERT INTO decisions (claim_id, reviewer, verdict) VALUES ('gone', 'ann', 'consistent')")
    conn.commit()
    # Pairable claims: 13% C/C, 20 C/X, 40% X/X, one in four X/U, half U/U (ann, cat); bob's 43 is
    # a single verdict and the orphaned 'gone' is no claim. n = 10 (C3 X4 U3); Do = 4/10,
    # De = (100 - 34)/90, alpha = 1 - (4/10)/(66/90) = 5/11.
    alpha = all_reviewers_alpha(conn)
    assert (alpha.claims, alpha.values) == (5, 10)
    assert alpha.alpha == pytest.approx(5 / 11)
    out = run("agreement", "--db", path).stdout
    assert "Krippendorff's alpha 0.455 (nominal, 5 claims decided by two or more reviewers)" in out


def test_agreement_command_says_when_kappa_is_undefined(corpus, run):
    path, ids = corpus
    same = {k: C for k in list(ANN)[:3]}
    decide(path, "ann", ids, same)
    decide(path, "bob", ids, same)
    out = run("agreement", "--db", path, "--reviewers", "bob", "ann").stdout
    assert "bob and ann: 3 claims both decided" in out
    assert "percent agreement   100.0% (3 of 3)" in out
    assert "Cohen's kappa       undefined: both reviewers gave every shared claim the same verdict" in out
    assert "They agree on every claim both decided." in out


def test_agreement_command_errors(corpus, run, tmp_path):
    path, ids = corpus
    result = run("agreement", "--db", tmp_path / "none.db")
    assert result.exit_code == 1 and "no database at" in result.stderr
    result = run("agreement", "--db", path)
    assert result.exit_code == 1
    assert (
        result.stderr.strip() == f"workbench: {path}: fewer than two reviewers have given a verdict; nothing to compare"
    )
    decide(path, "ann", ids, ANN)
    decide(path, "bob", ids, BOB)
    result = run("agreement", "--db", path, "--reviewers", "ann", "zed")
    assert result.exit_code == 2 and "'zed' has no verdict" in result.stderr and "Traceback" not in result.output
    assert run("agreement", "--db", path, "--reviewers", "ann").exit_code == 2


# --- the agreement screen ------------------------------------------------------------------------


@synchronously
async def test_agreement_screen_shows_the_figures_and_opens_a_disagreement_to_adjudicate(corpus):
    from workbench.tui.reviewers import AgreementScreen

    path, ids = corpus
    decide(path, "ann", ids, ANN)
    decide(path, "bob", ids, BOB)
    async with reviewing(path) as (pilot, review):
        await pilot.press("f", "down", "space", "enter")  # a filter: only the claims ann found consistent
        review = await ready(pilot)
        await pilot.press("A")
        assert isinstance(pilot.app.screen, AgreementScreen)
        text = screen_text(pilot.app)
        assert "Agreement ann and bob · 4 claims both decided" in text
        assert "percent agreement 50.0% (2 of 4)   chance 37.5%" in text
        assert "Cohen's kappa 0.200 (slight)" in text
        assert "2 claims where they disagree" in text
        assert re.search(r"✓ consistent +2 +1 +1 ", text)  # ann 2, bob 1, both 1
        assert re.search(r"002_munn +20 +✓ consistent +✗ conflicting", text)
        assert re.search(r"004_crin +one in four +✗ conflicting +\? unverified", text)
        await pilot.press("down", "enter")  # the second: one in four, which ann decided
        review = await ready(pilot)
        assert pilot.app.screen is review and review.detail.claim.surface == "one in four"
        assert not review.spec.is_filtered  # the filter hid it, so it was cleared
        await pilot.press("u")  # the adjudication: ann's verdict now matches bob's
    assert reviewer_agreement(sqlite3.connect(path), "ann", "bob").agreement.agreed == 3


@synchronously
async def test_agreement_screen_cycles_pairs_and_says_when_kappa_is_undefined(corpus):
    path, ids = corpus
    decide(path, "ann", ids, ANN)
    decide(path, "bob", ids, {k: v for k, v in ANN.items() if k != ("003_guardian.txt", "half")})
    decide(path, "cat", ids, {("002_munn.txt", "13%"): C, ("002_munn.txt", "20"): C})
    async with reviewing(path) as (pilot, _):
        await pilot.press("A")
        text = screen_text(pilot.app)
        assert "Agreement ann and bob · 4 claims both decided (1 of 3 pairs)" in text
        assert "They agree on every claim both decided." in text and "kappa 1.000" in text
        await pilot.press("p")
        text = screen_text(pilot.app)
        assert "Agreement ann and cat · 2 claims both decided (2 of 3 pairs)" in text
        assert "Cohen's kappa undefined: both reviewers gave every shared claim the same verdict" in text
        assert "(consistent), so chance agreement is 100%" in text  # on the next line of the dialog
        await pilot.press("p")
        assert "Agreement bob and cat" in screen_text(pilot.app)
        await pilot.press("escape")
        assert pilot.app.screen is pilot.app.review


@synchronously
async def test_agreement_key_with_no_other_reviewer_says_so(corpus):
    path, ids = corpus
    decide(path, "ann", ids, ANN)
    async with reviewing(path) as (pilot, review):
        await pilot.press("A")
        assert pilot.app.screen is review
        assert "Agreement needs two reviewers with verdicts" in screen_text(pilot.app)
