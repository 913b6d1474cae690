"""Reviewers side by side: who has decided what, which pairs of reviewers decided the same claims,
and how far two of them agree (`reviewer_agreement`, the figures the CLI and the UI show).

Plain `sqlite3` on the caller's connection (a ReviewStore's `conn`, a Store's `db.conn`), reads
only. Only verdicts count: a decision that holds just a note is
no verdict, and decisions on claims no longer in the database (orphaned by a re-ingest) are left
out, since there is nothing left to adjudicate.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from itertools import groupby

from workbench.core.agreement import VERDICTS, Agreement, Alpha, agreement, krippendorff_alpha
from workbench.store.verdicts import IS_VERDICT as _IS_VERDICT


class UnknownReviewer(ValueError):
    """A reviewer named for the agreement has no verdict in the database."""


@dataclass(frozen=True, slots=True)
class Reviewer:
    """A reviewer with a decision in the database, and how many claims they gave each verdict."""

    name: str
    by_verdict: dict[str, int]
    notes: int

    @property
    def decided(self) -> int:
        return sum(self.by_verdict.values())


@dataclass(frozen=True, slots=True)
class OtherDecision:
    """Another reviewer's decision on the claim being looked at."""

    reviewer: str
    verdict: str | None
    note: str | None
    scope: str | None
    decided_at: str | None


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A claim two reviewers gave different verdicts: where it is, and what each decided."""

    claim_id: str
    doc: str  # the document's name
    surface: str
    start: int
    end: int
    verdicts: tuple[str, str]  # in the order of the reviewers
    notes: tuple[str | None, str | None]


@dataclass(frozen=True, slots=True)
class ReviewerAgreement:
    """Two reviewers' agreement on the claims both decided, and the claims they disagree on by
    document name and position, for adjudication."""

    agreement: Agreement
    disagreements: tuple[Disagreement, ...]


def reviewers(conn: sqlite3.Connection) -> list[Reviewer]:
    """Every reviewer with a decision (a verdict or a note) on a stored claim, by name."""
    counts: dict[str, dict[str, int]] = {}
    notes: dict[str, int] = {}
    rows = conn.execute(
        """SELECT r.reviewer, r.verdict, COUNT(*), SUM(COALESCE(r.note, '') != '')
           FROM decisions r JOIN claims c ON c.id = r.claim_id
           GROUP BY r.reviewer, r.verdict ORDER BY r.reviewer"""
    )
    for name, verdict, count, with_note in rows:
        by_verdict = counts.setdefault(name, {v: 0 for v in VERDICTS})
        if verdict in VERDICTS:
            by_verdict[verdict] = count
        notes[name] = notes.get(name, 0) + (with_note or 0)
    return [Reviewer(name, counts[name], notes[name]) for name in counts]


def reviewer_pairs(conn: sqlite3.Connection) -> list[tuple[str, str, int]]:
    """Pairs of reviewers (names in order) with the number of stored claims both gave a verdict,
    most shared first; pairs that share no claim are left out."""
    return [
        tuple(row)
        for row in conn.execute(
            f"""SELECT a.reviewer, b.reviewer, COUNT(*)
                FROM decisions a
                JOIN decisions b ON b.claim_id = a.claim_id AND b.reviewer > a.reviewer
                JOIN claims c ON c.id = a.claim_id
                WHERE a.verdict {_IS_VERDICT} AND b.verdict {_IS_VERDICT}
                GROUP BY a.reviewer, b.reviewer
                ORDER BY COUNT(*) DESC, a.reviewer, b.reviewer"""
        )
    ]


def other_decisions(conn: sqlite3.Connection, claim_id: str, reviewer: str) -> list[OtherDecision]:
    """What every reviewer but `reviewer` decided on the claim, by reviewer name."""
    return [
        OtherDecision(*row)
        for row in conn.execute(
            """SELECT reviewer, verdict, note, scope, decided_at FROM decisions
               WHERE claim_id = ? AND reviewer != ? ORDER BY reviewer""",
            [claim_id, reviewer],
        )
    ]


def reviewer_agreement(
    conn: sqlite3.Connection, first: str | None = None, second: str | None = None
) -> ReviewerAgreement | None:
    """The agreement between two reviewers, or None when fewer than two reviewers have given a
    verdict. Unnamed reviewers are filled in with the pair that shares the most
    claims (for `first` alone: its partner with the most shared claims). UnknownReviewer when a
    named reviewer has no verdict.
    """
    first, second = _choose_pair(conn, first, second)
    if first is None or second is None:
        return None
    shared = conn.execute(
        f"""SELECT c.id, d.name, c.surface, c.start, c.end, ra.verdict, rb.verdict, ra.note, rb.note
            FROM decisions ra
            JOIN decisions rb ON rb.claim_id = ra.claim_id AND rb.reviewer = :second
            JOIN claims c ON c.id = ra.claim_id
            JOIN documents d ON d.id = c.doc_id
            WHERE ra.reviewer = :first AND ra.verdict {_IS_VERDICT} AND rb.verdict {_IS_VERDICT}
            ORDER BY d.name, c.doc_id, c.seq, c.start""",
        {"first": first, "second": second},
    ).fetchall()
    return ReviewerAgreement(
        agreement=agreement(first, second, ((row[0], row[5], row[6]) for row in shared)),
        disagreements=tuple(
            Disagreement(claim_id, doc, surface, start, end, (va, vb), (na, nb))
            for claim_id, doc, surface, start, end, va, vb, na, nb in shared
            if va != vb
        ),
    )


def all_reviewers_alpha(conn: sqlite3.Connection) -> Alpha:
    """Krippendorff's alpha (nominal) over every reviewer's verdicts on the stored claims, read a
    claim at a time so that memory stays flat in the number of claims."""
    rows = conn.execute(
        f"""SELECT r.claim_id, r.verdict FROM decisions r JOIN claims c ON c.id = r.claim_id
            WHERE r.verdict {_IS_VERDICT} ORDER BY r.claim_id"""
    )
    return krippendorff_alpha([v for _, v in group] for _, group in groupby(rows, key=lambda row: row[0]))


def _choose_pair(conn: sqlite3.Connection, first: str | None, second: str | None) -> tuple[str | None, str | None]:
    """The two reviewers to compare: the ones named, completed by the pairs that share most."""
    deciding = [r.name for r in reviewers(conn) if r.decided]
    for name in (first, second):
        if name is not None and name not in deciding:
            known = ", ".join(deciding) or "none yet"
            raise UnknownReviewer(f"reviewer {name!r} has no verdict in this database (reviewers: {known})")
    if first is not None and first == second:
        raise UnknownReviewer(f"name two different reviewers, not {first!r} twice")
    if first is not None and second is not None:
        return first, second
    named = first or second
    for a, b, _ in reviewer_pairs(conn):
        if named is None:
            return a, b
        if named in (a, b):
            return named, b if named == a else a
    others = [name for name in deciding if name != named]
    if named is not None:
        return (named, others[0]) if others else (None, None)
    return (deciding[0], deciding[1]) if len(deciding) >= 2 else (None, None)
