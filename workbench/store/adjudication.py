"""Adjudication: the claims reviewers disagree on, each with every reviewer's verdict and note,
and the adjudicator's verdict that settles it, read and written on a plain sqlite3 connection.

Final verdicts live in `final_verdicts` (schema 0010), apart from `decisions`, so that the
agreement between reviewers (store.agreement) never counts the adjudicator. They are written only
through the review log (`AdjudicationStore.adjudicate`, action 'adjudicate' with scope 'final'),
so undo and redo put them back like any decision. A database made before 0010 has none.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.core.adjudication import FINAL_SCOPE, FinalVerdict, ReviewerVerdict, check_verdict, reason_problem
from workbench.store import corrections
from workbench.store.final_verdicts import final_verdict_of, has_final_verdicts
from workbench.store.review.log import Change, ChangeItem
from workbench.store.review.store import ReviewStore
from workbench.store.verdicts import IS_VERDICT

# The claims whose reviewers' latest verdicts differ.
DISAGREED_IDS = f"""SELECT claim_id FROM decisions WHERE verdict {IS_VERDICT}
                    GROUP BY claim_id HAVING count(DISTINCT verdict) > 1"""


@dataclass(frozen=True, slots=True)
class Dispute:
    """A claim reviewers gave different verdicts (or one already settled): what the adjudicator sees."""

    claim_id: str
    doc_name: str
    surface: str
    cluster_id: str | None
    sentence: str
    verdicts: tuple[ReviewerVerdict, ...]  # every reviewer's, by name
    final: FinalVerdict | None

    @property
    def in_dispute(self) -> bool:
        return self.final is None

    @property
    def reviewers(self) -> list[str]:
        return [v.reviewer for v in self.verdicts]


def disputes(conn: sqlite3.Connection, *, settled: bool = True) -> list[Dispute]:
    """The stored claims whose reviewers' latest verdicts differ, those still in dispute first, then
    (with `settled`) those with a final verdict; by document and position within each. Claims marked
    not a claim are left out."""
    finals = has_final_verdicts(conn)
    settled_ids = " UNION SELECT claim_id FROM final_verdicts" if finals and settled else ""
    final_columns = "f.verdict, f.reason, f.adjudicator, f.decided_at" if finals else "NULL, NULL, NULL, NULL"
    final_join = "LEFT JOIN final_verdicts f ON f.claim_id = c.id" if finals else ""
    unsettled = "AND f.verdict IS NULL" if finals and not settled else ""
    rejected = (
        "AND c.id NOT IN (SELECT claim_id FROM corrections WHERE rejected = 1)"
        if corrections.has_corrections(conn)
        else ""
    )
    rows = conn.execute(f"""
        WITH chosen AS ({DISAGREED_IDS}{settled_ids})
        SELECT c.id, d.name, c.surface, m.cluster_id,
               substr(d.text, c.sentence_start + 1, min(c.sentence_end - c.sentence_start, 600)),
               {final_columns}, r.reviewer, r.verdict, r.note, r.scope, r.decided_at
        FROM chosen x
        JOIN claims c ON c.id = x.claim_id
        JOIN documents d ON d.id = c.doc_id
        LEFT JOIN cluster_members m ON m.claim_id = c.id
        {final_join}
        LEFT JOIN decisions r ON r.claim_id = c.id
        WHERE 1 {rejected} {unsettled}
        ORDER BY {"f.verdict IS NOT NULL" if finals else "0"}, d.name, c.doc_id, c.seq, c.start, r.reviewer""")
    found = []
    for claim_id, group in itertools.groupby(rows, key=lambda row: row[0]):
        group = list(group)
        _, doc, surface, cluster_id, sentence, verdict, reason, adjudicator, at = group[0][:9]
        final = FinalVerdict(claim_id, verdict, reason, adjudicator, at) if verdict else None
        verdicts = tuple(ReviewerVerdict(*row[9:]) for row in group if row[9] is not None)
        found.append(Dispute(claim_id, doc, surface, cluster_id, sentence or "", verdicts, final))
    return found


class AdjudicationStore(ReviewStore):
    """A ReviewStore for the adjudicator: the disputes, and final verdicts written to the review log."""

    def disputes(self, *, settled: bool = True) -> list[Dispute]:
        return disputes(self.conn, settled=settled)

    def final_verdict(self, claim_id: str) -> FinalVerdict | None:
        return final_verdict_of(self.conn, claim_id)

    def adjudicate(
        self, claim_ids: Sequence[str], verdict: str, reason: str, *, cluster_id: str | None = None
    ) -> Change:
        """Give these claims (one, or with `cluster_id` the disputed members of a cluster) the final
        verdict, with the reason; one logged, undoable change. ValueError,
        saying why in one line, for a verdict that is none of the three or a missing reason."""
        check_verdict(verdict)
        problem = reason_problem(reason)
        if problem:
            raise ValueError(problem)
        reason = reason.strip()
        with self._write():
            gone = self._refuse_unknown_claims(claim_ids)
            items = []
            for claim_id in dict.fromkeys(claim_ids):
                old = final_verdict_of(self.conn, claim_id)
                if old is not None and (old.verdict, old.reason) == (verdict, reason):
                    continue
                items.append(
                    ChangeItem(
                        claim_id,
                        old.verdict if old else None,
                        verdict,
                        old.reason if old else None,
                        reason,
                        FINAL_SCOPE,
                        FINAL_SCOPE,
                        action_kind="adjudicate",
                    )
                )
            change = self._record("adjudicate", items, cluster_id)
        self._say_gone(gone)
        return change
