"""Assignments: which reviewer reviews which claims, and whether the review is blind, on a plain
sqlite3 connection (schema 0011; a database made before it has none, and is not blind).

`AssignmentStore.assign` splits the claims nobody has reviewed or been given yet
(core.assignment.split: whole clusters together, a share for two reviewers) in one transaction;
running it again adds only what is new, so nothing is assigned twice.
"""

from __future__ import annotations

import itertools
import sqlite3
from dataclasses import dataclass

from workbench.core.assignment import Unit, check_reviewers, split
from workbench.store import corrections
from workbench.store.review import log as changelog
from workbench.store.review.store import ReviewStore

BLIND = "blind"


def has_assignments(conn: sqlite3.Connection) -> bool:
    """Whether the database has the assignments table (schema 0011 or later)."""
    return (
        conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'assignments'").fetchone() is not None
    )


def is_blind(conn: sqlite3.Connection) -> bool:
    """Whether `workbench assign --blind` made this a blind review."""
    if not has_assignments(conn):
        return False
    row = conn.execute("SELECT value FROM review_options WHERE name = ?", [BLIND]).fetchone()
    return bool(row) and row[0] == "1"


def is_assigned(conn: sqlite3.Connection, reviewer: str) -> bool:
    """Whether the reviewer has a share of the claims."""
    return (
        has_assignments(conn)
        and conn.execute("SELECT 1 FROM assignments WHERE reviewer = ? LIMIT 1", [reviewer]).fetchone() is not None
    )


@dataclass(frozen=True, slots=True)
class Share:
    """What one reviewer holds after an assignment: every claim, those new this run, those shared."""

    reviewer: str
    claims: int
    new: int
    shared: int  # also assigned to another reviewer: double review
    reviewed: int  # of their claims, those they have given a verdict


def _units(conn: sqlite3.Connection) -> list[Unit]:
    """The claims to assign: stored, not marked not a claim, without a verdict from anyone, and not
    assigned yet; a cluster's as one unit, with the reviewers who already hold other members."""
    rejected = (
        "AND c.id NOT IN (SELECT claim_id FROM corrections WHERE rejected = 1)"
        if corrections.has_corrections(conn)
        else ""
    )
    rows = conn.execute(f"""
        SELECT m.cluster_id, c.id,
               (SELECT group_concat(DISTINCT a.reviewer) FROM cluster_members o JOIN assignments a
                    ON a.claim_id = o.claim_id WHERE o.cluster_id = m.cluster_id)
        FROM claims c JOIN documents d ON d.id = c.doc_id
        LEFT JOIN cluster_members m ON m.claim_id = c.id
        WHERE NOT EXISTS (SELECT 1 FROM decisions r WHERE r.claim_id = c.id AND r.verdict IS NOT NULL)
          AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.claim_id = c.id) {rejected}
        ORDER BY m.cluster_id IS NULL, m.cluster_id, d.name, c.doc_id, c.seq""")
    units = []
    for cluster_id, group in itertools.groupby(rows, key=lambda row: row[0] or ("alone", row[1])):
        group = list(group)
        held = tuple(sorted((group[0][2] or "").split(","))) if group[0][2] else ()
        units.append(Unit(tuple(row[1] for row in group), held))
    return units


class AssignmentStore(ReviewStore):
    """A ReviewStore that splits the claims among reviewers (`workbench assign`)."""

    def assign(self, reviewers: list[str], overlap: float, seed: int | None = None, blind: bool = False) -> list[Share]:
        """Assign the claims nobody has reviewed or been given yet among the reviewers, and with
        `blind` make the review blind; one transaction. Each reviewer's share, in the order named."""
        names = check_reviewers(reviewers, overlap)
        with self._write():
            result = split(_units(self.conn), names, overlap, seed)
            at = changelog.now()
            for name, claim_ids in result.assigned.items():
                self.conn.executemany(
                    "INSERT OR IGNORE INTO assignments (claim_id, reviewer, assigned_at) VALUES (?, ?, ?)",
                    [(claim_id, name, at) for claim_id in claim_ids],
                )
            if blind:
                self.conn.execute("INSERT OR REPLACE INTO review_options (name, value) VALUES (?, '1')", [BLIND])
            return [self._share(name, len(result.assigned[name])) for name in names]

    def _share(self, reviewer: str, new: int) -> Share:
        claims, shared, reviewed = self.conn.execute(
            """SELECT count(*),
                      sum(EXISTS (SELECT 1 FROM assignments o WHERE o.claim_id = a.claim_id AND o.reviewer != a.reviewer)),
                      sum(EXISTS (SELECT 1 FROM decisions r WHERE r.claim_id = a.claim_id AND r.reviewer = a.reviewer
                                  AND r.verdict IS NOT NULL))
               FROM assignments a JOIN claims c ON c.id = a.claim_id WHERE a.reviewer = ?""",
            [reviewer],
        ).fetchone()
        return Share(reviewer, claims, new, shared or 0, reviewed or 0)
