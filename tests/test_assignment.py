"""Assigning the claims among reviewers: whole clusters together, about the overlap double-reviewed,
balanced, the same split for the same seed, re-runnable without duplicates; and the command."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from review_corpus import rows

from workbench.cli import main
from workbench.core.assignment import AssignmentError, Unit, split
from workbench.store.assignment import AssignmentStore, is_blind
from workbench.store.doctor import examine
from workbench.store.review.store import ReviewStore


def units(sizes: list[int]) -> list[Unit]:
    return [Unit(tuple(f"u{i}c{j}" for j in range(size))) for i, size in enumerate(sizes)]


def test_a_split_keeps_units_whole_doubles_about_the_overlap_and_balances_the_load():
    given = units([5, 3, 3, 2, 2, 2, *[1] * 83])  # 100 claims
    result = split(given, ["alice", "bob", "carol"], 0.2, seed=1)
    holders = {}
    for name, ids in result.assigned.items():
        for claim_id in ids:
            holders.setdefault(claim_id, []).append(name)
    assert len(holders) == 100  # every claim assigned
    assert all(len(set(h)) == len(h) for h in holders.values())  # never twice to one reviewer
    for unit in given:  # a cluster's claims go to the same reviewers
        assert len({tuple(sorted(holders[c])) for c in unit.claim_ids}) == 1
    assert len(result.double) == 20 and all(len(holders[c]) == 2 for c in result.double)
    loads = [len(ids) for ids in result.assigned.values()]
    assert max(loads) - min(loads) <= 5 and sum(loads) == 120
    assert split(given, ["alice", "bob", "carol"], 0.2, seed=1) == result
    assert split(given, ["alice", "bob", "carol"], 0.2, seed=2) != result


def test_a_unit_whose_cluster_is_held_goes_to_its_reviewers_and_bad_input_is_refused():
    result = split([Unit(("new",), ("bob",)), *units([1, 1])], ["alice", "bob"], 0.0, seed=0)
    assert "new" in result.assigned["bob"] and "new" not in result.assigned["alice"]
    with pytest.raises(AssignmentError, match="needs two reviewers"):
        split(units([1]), ["alice"], 0.2)
    with pytest.raises(AssignmentError, match="between 0 and 1"):
        split(units([1]), ["alice", "bob"], 1.5)
    with pytest.raises(AssignmentError, match="at least one reviewer"):
        split(units([1]), [" "], 0)


def test_assign_stores_the_split_of_the_unreviewed_claims_once(corpus):
    path, ids = corpus
    ann = ReviewStore(path, "ann")
    ann.decide([ids[("003_guardian.txt", "43")]], "consistent")  # reviewed: not assigned
    ann.close()
    store = AssignmentStore(path, "lead")
    shares = store.assign(["alice", "bob", "carol"], 0.2, seed=4, blind=True)
    assert [s.reviewer for s in shares] == ["alice", "bob", "carol"]
    assigned = rows(path, "SELECT claim_id, reviewer FROM assignments")
    assert {c for c, _ in assigned} == set(ids.values()) - {ids[("003_guardian.txt", "43")]}
    clusters = rows(
        path,
        """SELECT m.cluster_id, count(DISTINCT a.reviewer), count(*) FROM assignments a
                             JOIN cluster_members m ON m.claim_id = a.claim_id GROUP BY m.cluster_id""",
    )
    for _, reviewers, count in clusters:  # each member of a cluster held by the same reviewers
        size = rows(path, "SELECT count(*) FROM cluster_members WHERE cluster_id = ?", [_])[0][0]
        assert count == reviewers * size
    assert sum(s.new for s in shares) == len(assigned) and sum(s.shared for s in shares) == 2 * (len(assigned) - 13)
    again = store.assign(["alice", "bob", "carol"], 0.2, seed=4)
    assert [s.new for s in again] == [0, 0, 0] and rows(path, "SELECT count(*) FROM assignments") == [(len(assigned),)]
    assert is_blind(store.conn)
    store.close()
    assert examine(path).healthy


def test_the_assign_command_prints_one_line_per_reviewer(corpus, monkeypatch):
    path, _ = corpus
    monkeypatch.delenv("WORKBENCH_DB", raising=False)
    result = CliRunner().invoke(
        main, ["assign", "--db", path, "--reviewers", "alice", "bob", "--overlap", "0.5", "--seed", "1"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 2 and lines[0].startswith("alice  ") and lines[1].startswith("bob    ")
    total = rows(path, "SELECT count(*) FROM assignments")[0][0]
    counts = [int(line.split()[1]) for line in lines]
    assert sum(counts) == total and 14 < total < 28  # 14 claims, about half of them twice
    refused = CliRunner().invoke(main, ["assign", "--db", path, "--reviewers", "alice", "--overlap", "0.2"])
    assert refused.exit_code == 2 and "a double review needs two reviewers" in refused.output
    assert rows(path, "SELECT count(*) FROM assignments")[0][0] == total
    assert not Path(path).with_suffix(".tmp").exists()
