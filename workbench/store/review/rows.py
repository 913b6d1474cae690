"""What the review shows, as rows: a line of the claims list (`ClaimRow`), a claim beside another
(`Member`), a claim with its source (`ClaimDetail`), clusters, links, documents and the reviewer's
progress; each with the SQL columns it is built from, in its fields' order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.core.added import AddedClaim
from workbench.core.corrections import Correction
from workbench.core.model import ClusterInfo

if TYPE_CHECKING:
    from workbench.store.review.log import Change


@dataclass(frozen=True, slots=True)
class ReviewedClaim:
    """What every row of a claim in the review holds: the claim's reading and this reviewer's
    verdict on it. `ClaimRow` and `Member` add what each shows."""

    id: str
    doc_id: str
    doc_name: str
    surface: str
    kind: str
    value: float | str | None  # a number, or a date's ISO string ("2015-04"), as a Claim holds it
    value_min: float | None
    value_max: float | None
    qualifier: str
    unit: str | None
    currency: str | None
    verdict: str | None  # this reviewer's
    scope: str | None


REVIEWED_CLAIM_COLUMNS = """
    c.id, c.doc_id, d.name, c.surface, c.kind, COALESCE(c.value_text, c.value), c.value_min, c.value_max,
    c.qualifier, c.unit, c.currency, r.verdict, r.scope
"""


@dataclass(frozen=True, slots=True)
class ClaimRow(ReviewedClaim):
    """One line of the claims list."""

    rowid: int
    cluster_id: str | None
    suggested_verdict: str | None
    has_note: bool
    corrected: bool = False  # a reviewer corrected the extractor's reading


ROW_COLUMNS = f"""{REVIEWED_CLAIM_COLUMNS},
    c.rowid, m.cluster_id, k.suggested_verdict, COALESCE(r.note, '') != ''
"""
ROW_JOINS = """
    FROM claims c
    JOIN documents d ON d.id = c.doc_id
    LEFT JOIN cluster_members m ON m.claim_id = c.id
    LEFT JOIN clusters k ON k.id = m.cluster_id
    LEFT JOIN decisions r ON r.claim_id = c.id AND r.reviewer = ?
"""


@dataclass(frozen=True, slots=True)
class Member(ReviewedClaim):
    """A claim shown beside another: a member of its cluster, or the other end of a link."""

    published: str | None
    speaker: str | None
    period: str | None
    subject: str | None
    role: str | None = None  # cluster members: member | copy


MEMBER_COLUMNS = f"""{REVIEWED_CLAIM_COLUMNS},
    d.published, c.speaker, c.period, c.subject
"""


@dataclass(frozen=True, slots=True)
class ClaimDetail:
    """A claim with its source: the passage around it and the document's title, date and author."""

    claim: Member
    rowid: int
    doc_title: str | None
    doc_author: str | None
    start: int
    end: int
    passage_start: int
    passage: str  # the document's text from passage_start
    other_spans: tuple[tuple[int, int], ...]  # other claims inside the passage
    cluster_id: str | None
    note: str | None
    decided_at: str | None
    correction: Correction | None = None  # in force on the claim, which `claim` shows applied
    original: Member | None = None  # the extractor's reading, when corrected
    page: int | None = None  # the PDF page the claim is on (from 1); None for other documents
    added: AddedClaim | None = None  # set when a reviewer added the claim (the extractor missed it)


@dataclass(frozen=True, slots=True)
class Cluster(ClusterInfo):
    """A cluster as the review shows it: with the number of its members."""

    size: int | None


@dataclass(frozen=True, slots=True)
class ClusterSummary:
    """A cluster in figures: its members, their documents, this reviewer's verdicts on them, and
    the spread of their numeric values (kind is None when the members are of several kinds)."""

    count: int
    documents: int
    verdicts: dict[str, int]
    kind: str | None
    low: float | None
    median: float | None
    high: float | None

    @property
    def undecided(self) -> int:
        return self.count - sum(self.verdicts.values())


@dataclass(frozen=True, slots=True)
class Link:
    """A scored link from the selected claim to another: a related claim or a possible match."""

    a: str
    b: str
    link: str  # possible | related | copy
    score: float | None
    status: str | None
    explanation: str | None
    other: Member


@dataclass(slots=True)
class Progress:
    """How far the reviewer has come: claims decided out of all claims, per verdict."""

    total: int
    by_verdict: dict[str, int] = field(default_factory=dict)

    @property
    def reviewed(self) -> int:
        return sum(self.by_verdict.values())

    def apply(self, change: Change) -> None:
        for item in change.items:
            if item.action_kind not in ("link", "adjudicate") and item.from_verdict != item.to_verdict:
                if item.from_verdict:
                    self.by_verdict[item.from_verdict] = self.by_verdict.get(item.from_verdict, 0) - 1
                if item.to_verdict:
                    self.by_verdict[item.to_verdict] = self.by_verdict.get(item.to_verdict, 0) + 1


@dataclass(frozen=True, slots=True)
class Refreshed:
    """The database read afresh: this reviewer's progress, and what the others logged meanwhile."""

    progress: Progress
    log_id: int  # the newest review-log entry: what the next refresh counts from
    by_others: dict[str, int]  # other reviewer -> log entries they wrote since the last refresh


def passage_bounds(start, end, p_start, p_end, s_start, s_end) -> tuple[int, int]:
    """The passage around a claim; the sentence, or a window, when the passage is not recorded."""
    if p_end and p_start <= start and end <= p_end:
        return p_start, p_end
    if s_end and s_start <= start and end <= s_end:
        return s_start, s_end
    return max(0, start - 300), end + 300
