"""The report is streamed: each cluster and claim is written before the next is read, so a
database of any size is exported without holding its claims in memory."""

from __future__ import annotations

import io

import pytest

from workbench.core.model import Claim
from workbench.core.report.sections import report_blocks
from workbench.core.report.as_csv import write_report_csv
from workbench.core.report.as_html import write_html
from workbench.core.report.as_markdown import write_markdown
from workbench.core.report.model import (
    CHECKED_ALONE,
    IN_DISPUTE,
    UNREVIEWED,
    Decision,
    Excerpt,
    ReportClaim,
    ReportCluster,
    ReportSummary,
    ReviewerCounts,
    Source,
    agreement_from_matrix,
)
from workbench.store.orphans import OrphanedDecision

N = 5


def member(n: int, verdict: str | None = None) -> ReportClaim:
    text = f"The council said {n}0% of budgets were cut."
    start = text.index(f"{n}0%")
    claim = Claim(
        id=f"c{n}",
        doc_name=f"doc{n}.txt",
        start=start,
        end=start + 3,
        surface=f"{n}0%",
        kind="proportion",
        value=n / 10,
        subject="budgets cut",
    )
    decisions = (Decision("ann", verdict, None, "claim", "2024-05-01T09:00:00+00:00"),) if verdict else ()
    return ReportClaim(
        claim, Source(f"d{n}", f"doc{n}.txt", None, None, None), decisions, excerpt=Excerpt(text, start, start + 3)
    )


class CountingData:
    """Report data that records, as each item is read, how many items the report has written."""

    def __init__(self, fp: io.StringIO, marker: str):
        self.fp, self.marker = fp, marker
        self.written_before_read: list[int] = []

    def _read(self, item):
        self.written_before_read.append(self.fp.getvalue().count(self.marker))
        return item

    def summary(self) -> ReportSummary:
        return ReportSummary("big.db", N, 2 * N, N, N, N, N)

    def clusters(self, passages: bool = True, **options):
        for n in range(N):
            cluster = ReportCluster(
                f"k{n}",
                "differ",
                "conflicting",
                "compared",
                "budgets",
                "proportion",
                [member(n, "conflicting"), member(n + N, "conflicting")],
            )
            # the key findings read the first FINDINGS_SHOWN clusters, without passages, before the rest is written
            yield self._read(cluster) if passages else cluster

    def claims(self, which: str, **options):
        if which in (CHECKED_ALONE, UNREVIEWED):
            for n in range(N):
                yield self._read(member(20 + n, "consistent" if which == CHECKED_ALONE else None))

    def documents(self):
        return iter(())


@pytest.mark.parametrize(
    "render, marker",
    [
        (lambda fp, blocks: write_markdown(fp, blocks), "% (proportion, exact)"),
        (lambda fp, blocks: write_html(fp, blocks, title="big"), "<mark>"),
    ],
)
def test_markdown_and_html_write_each_item_before_reading_the_next(render, marker):
    fp = io.StringIO()
    data = CountingData(fp, marker)
    render(fp, report_blocks(data))
    clusters, checked = data.written_before_read[:N], data.written_before_read[N : 2 * N]
    assert clusters == [2 * n for n in range(N)]  # two members quoted per cluster already written
    assert checked == [2 * N + n for n in range(N)]


def test_csv_writes_each_claim_before_reading_the_next():
    fp = io.StringIO()
    data = CountingData(fp, "\r\n")
    write_report_csv(fp, data.claims(UNREVIEWED))
    assert data.written_before_read == [1 + n for n in range(N)]  # the heading, then one row per claim


class ReviewData(CountingData):
    """Two reviewers who disagree on N claims, and N decisions orphaned by a re-ingest; each read
    records how many disputed claims and orphaned decisions the report has written (their notes)."""

    def summary(self) -> ReportSummary:
        reviewers = tuple(ReviewerCounts(name, {"consistent": N}, N, None, None) for name in ("ann", "bob"))
        pair = agreement_from_matrix("ann", "bob", [("consistent", "conflicting", N)])
        return ReportSummary(
            "big.db", N, N, N, 0, 0, 0, reviewers, agreements=(pair,), disagreements=N, in_dispute=N, orphaned=N
        )

    def claims(self, which: str, **options):
        if which == IN_DISPUTE:
            for n in range(N):
                disputed = member(n)
                disputed.decisions = (
                    Decision("ann", "consistent", "☞ sure", "claim", None),
                    Decision("bob", "conflicting", None, "claim", None),
                )
                yield self._read(disputed)

    def orphaned_decisions(self):
        for n in range(N):
            yield self._read(
                OrphanedDecision(
                    f"gone{n}",
                    "ann",
                    "consistent",
                    "☞ kept",
                    None,
                    f"doc{n}.txt",
                    f"{n}0%",
                    "A sentence since edited.",
                    "proportion",
                    n / 10,
                )
            )


@pytest.mark.parametrize(
    "render", [lambda fp, blocks: write_markdown(fp, blocks), lambda fp, blocks: write_html(fp, blocks, title="big")]
)
def test_disputed_claims_and_orphaned_decisions_are_written_one_at_a_time(render):
    fp = io.StringIO()
    data = ReviewData(fp, "☞")
    render(fp, report_blocks(data))
    assert data.written_before_read == list(range(2 * N))  # each row written before the next is read
    assert fp.getvalue().count("☞") == 2 * N
