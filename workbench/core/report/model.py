"""The plain records a verification report is built from: claims with their source and decisions,
clusters, documents and the review's totals. The store fills them; the renderers read them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from workbench.core.adjudication import FinalVerdict, is_disagreement
from workbench.core.agreement import VERDICTS, Agreement, agreement_from_matrix  # noqa: F401 (part of the report's model)
from workbench.core.model import Claim, ClusterInfo, DocumentRow

MIXED = "mixed"  # the members of a cluster were given different verdicts, none of them conflicting


@dataclass(frozen=True, slots=True)
class Decision:
    """One reviewer's verdict and note on one claim; `scope` says whether it was given for the whole cluster."""

    reviewer: str
    verdict: str | None  # None: a note without a verdict
    note: str | None
    scope: str | None  # claim | cluster
    decided_at: str | None


@dataclass(frozen=True, slots=True)
class Source:
    """The document a claim comes from, as a reader cites it."""

    id: str
    name: str
    title: str | None
    published: str | None
    author: str | None
    site: str | None = None  # the outlet
    location: str | None = None  # where it came from: the path or URL it was ingested from

    @property
    def named(self) -> str:
        """The document by title and outlet: “Title”, Outlet; the file name only when it has no title."""
        title = f"“{self.title}”" if self.title else self.name
        return f"{title}, {self.site}" if self.site else title

    @property
    def cited(self) -> str:
        """The document as a reader cites it: “Title”, Outlet, date."""
        return f"{self.named}, {self.published}" if self.published else self.named

    @property
    def short(self) -> str:
        """The shortest name a reader knows the document by: its outlet, else its title, else its file name."""
        return self.site or self.title or self.name


@dataclass(frozen=True, slots=True)
class Excerpt:
    """Text around a claim: `text[mark_start:mark_end]` is the claim; `cut_before`/`cut_after` say
    whether the passage goes on beyond the excerpt."""

    text: str
    mark_start: int
    mark_end: int
    cut_before: bool = False
    cut_after: bool = False


@dataclass(slots=True)
class ReportClaim:
    """A claim with its source, the passage it stands in, its cluster and every reviewer's decision."""

    claim: Claim
    source: Source
    decisions: tuple[Decision, ...] = ()
    cluster_id: str | None = None
    excerpt: Excerpt | None = None  # read only for the formats that quote the passage
    sentence: str | None = None  # read only for ClaimReview
    correction: str | None = None  # "read as £2m, corrected to £20.4m by alice", when corrected
    final: FinalVerdict | None = None  # the adjudicator's, where reviewers disagreed

    @property
    def verdicts(self) -> list[str]:
        return [d.verdict for d in self.decisions if d.verdict]

    @property
    def in_dispute(self) -> bool:
        """Reviewers gave different verdicts and no final verdict settles them."""
        return self.final is None and is_disagreement(self.verdicts)

    @property
    def settled_verdicts(self) -> list[str]:
        """The verdicts the claim's one verdict is made of: the final verdict where there is one."""
        return [self.final.verdict] if self.final is not None else self.verdicts

    @property
    def notes(self) -> list[Decision]:
        return [d for d in self.decisions if d.note]


@dataclass(frozen=True, slots=True)
class ReportCluster(ClusterInfo):
    """A cluster of claims that state one quantity, with its members in document order."""

    members: list[ReportClaim] = field(default_factory=list)

    @property
    def decisions(self) -> Iterator[Decision]:
        for member in self.members:
            yield from member.decisions

    @property
    def verdict(self) -> str | None:
        """The verdict on the cluster (see `combined_verdict`) of its members' final verdicts where
        an adjudicator gave one, else of the reviewers' verdicts; None before any."""
        return combined_verdict(v for member in self.members for v in member.settled_verdicts)

    @property
    def document_count(self) -> int:
        return len({m.source.id for m in self.members})


def combined_verdict(verdicts: Iterable[str | None]) -> str | None:
    """One verdict for several: conflicting if any is, the common one if all agree, else 'mixed'."""
    found = {v for v in verdicts if v}
    if not found:
        return None
    if "conflicting" in found:
        return "conflicting"
    return found.pop() if len(found) == 1 else MIXED


@dataclass(frozen=True, slots=True)
class ReviewerCounts:
    """How many verdicts and notes one reviewer gave, and when the first and last were given."""

    reviewer: str
    verdicts: dict[str, int]
    notes: int
    first: str | None
    last: str | None

    @property
    def decided(self) -> int:
        return sum(self.verdicts.values())


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """The totals a report opens with."""

    database: str  # the database's file name
    documents: int
    claims: int
    reviewed: int  # claims with at least one verdict
    clusters: int
    clusters_reviewed: int
    conflicts: int  # clusters the reviewers found conflicting, or (not yet reviewed) the matcher suggests are
    reviewers: tuple[ReviewerCounts, ...] = ()
    first_published: str | None = None
    last_published: str | None = None
    agreements: tuple[Agreement, ...] = ()  # each two reviewers who decided the same claims, most shared first
    disagreements: int = 0  # claims reviewers gave different verdicts
    in_dispute: int = 0  # of those, the claims no final verdict settles yet
    adjudicated: int = 0  # claims given a final verdict
    orphaned: int = 0  # decisions on claims no longer stored

    @property
    def unreviewed(self) -> int:
        return self.claims - self.reviewed

    @property
    def first_decision(self) -> str | None:
        return min((r.first for r in self.reviewers if r.first), default=None)

    @property
    def last_decision(self) -> str | None:
        return max((r.last for r in self.reviewers if r.last), default=None)

    @property
    def deciding_reviewers(self) -> list[str]:
        """The reviewers who gave at least one verdict (a note alone is none)."""
        return [r.reviewer for r in self.reviewers if r.decided]


@dataclass(frozen=True, slots=True)
class DocumentEntry(DocumentRow):
    """A document for the report's appendix: the stored document's row, its bytes' hash and
    encoding, and how far its claims are reviewed."""

    sha256: str
    encoding: str | None
    verdicts: dict[str, int]  # claims per verdict, each once, under its one verdict (mixed too)
    reviewed: int  # claims with at least one verdict

    @property
    def source(self) -> Source:
        return Source(self.id, self.name, self.title, self.published, self.author, self.site)

    @property
    def unreviewed(self) -> int:
        return self.claims - self.reviewed


# Which claims a report section lists (ReportData.claims).
CHECKED_ALONE = "checked_alone"  # outside clusters, found consistent or conflicting
UNVERIFIED = "unverified"  # marked unverified, in a cluster or not
UNREVIEWED = "unreviewed"  # no verdict yet
REVIEWED_ALONE = "reviewed_alone"  # outside clusters, with any verdict (ClaimReview)
DISAGREED = "disagreed"  # given different verdicts by different reviewers
IN_DISPUTE = "in_dispute"  # given different verdicts, and no final verdict yet: to adjudicate
ADJUDICATED = "adjudicated"  # given a final verdict by an adjudicator
ALL = "all"


class OrphanedDecision(Protocol):
    """A reviewer's decision on a claim a re-ingest removed, with what the claim said (store.orphans fills it)."""

    claim_id: str
    reviewer: str
    verdict: str | None
    note: str | None
    decided_at: str | None
    document: str | None  # None when nothing was recorded about the claim
    surface: str | None
    sentence: str | None
    kind: str | None
    value: object  # the JSON export's value: a number, an ISO string, {"min", "max"}, or None


class ReportData(Protocol):
    """What a report reads: every list streamed in report order, so no format holds all claims."""

    def summary(self) -> ReportSummary: ...

    def clusters(
        self,
        *,
        reviewed_only: bool = False,
        passages: bool = True,
        sentences: bool = False,
        first: int | None = None,
        skip: int = 0,
    ) -> Iterator[ReportCluster]:
        """Clusters, conflicts first, each with its members; `passages`, `sentences`: read those;
        `first`: only the first few (none read beyond them); `skip`: after the first `skip`."""

    def claims(self, which: str, *, passages: bool = True, sentences: bool = False) -> Iterator[ReportClaim]:
        """Claims of one of the kinds above, by document and position; `passages`, `sentences`: read those."""

    def documents(self) -> Iterator[DocumentEntry]:
        """Documents by name."""

    def orphaned_decisions(self) -> Iterator[OrphanedDecision]:
        """Decisions on claims no longer stored, by document, position and reviewer."""
