"""Adjudication: where reviewers' verdicts on a claim differ, an adjudicator's final verdict settles
it, with a reason. Plain records and rules; the store reads and writes them.

A claim is *in dispute* when two reviewers' latest verdicts on it differ and no final verdict has
been given; once one has, the final verdict is the claim's verdict wherever the report gives one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workbench.core.agreement import VERDICTS

FINAL_SCOPE = "final"  # the scope of the review log's entries about final verdicts
REASON_LIMIT = 2000  # characters of a reason kept


@dataclass(frozen=True, slots=True)
class FinalVerdict:
    """The adjudicator's verdict on a claim, and why."""

    claim_id: str
    verdict: str
    reason: str
    adjudicator: str
    decided_at: str | None

    def as_dict(self) -> dict:
        return {
            "claim_id": self.claim_id,
            "verdict": self.verdict,
            "reason": self.reason,
            "adjudicator": self.adjudicator,
            "decided_at": self.decided_at,
        }


@dataclass(frozen=True, slots=True)
class ReviewerVerdict:
    """One reviewer's latest verdict and note on a disputed claim."""

    reviewer: str
    verdict: str | None
    note: str | None
    scope: str | None
    decided_at: str | None


def is_disagreement(verdicts: Iterable[str | None]) -> bool:
    """Whether reviewers gave different verdicts (notes without a verdict do not count)."""
    return len({v for v in verdicts if v in VERDICTS}) > 1


def reason_problem(reason: str | None) -> str | None:
    """Why a reason cannot be recorded with a final verdict, in one line; None when it can."""
    text = (reason or "").strip()
    if not text:
        return "a final verdict needs a reason: say why this verdict and not the others"
    if len(text) > REASON_LIMIT:
        return f"a reason is at most {REASON_LIMIT:,} characters; this one has {len(text):,}"
    return None


def check_verdict(verdict: str) -> str:
    """The verdict, or ValueError when it is none of the three."""
    if verdict not in VERDICTS:
        raise ValueError(f"unknown verdict {verdict!r}; use one of {', '.join(VERDICTS)}")
    return verdict
