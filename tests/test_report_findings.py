"""The report opens with its key findings: each conflict in one line (what is measured, the
figures with the documents that state them, the verdict), before the summary."""

from __future__ import annotations

import io

import pytest

from report_helpers import ingest_seeds, review_seeds
from workbench.core.model import Claim
from workbench.core.report.sections import FINDINGS_SHOWN, report_blocks
from workbench.core.report.as_markdown import write_markdown
from workbench.core.report.model import Decision, ReportClaim, ReportCluster, ReportSummary, Source
from workbench.export import write_report
from workbench.store.db import open_store


def _markdown(db) -> str:
    fp = io.StringIO()
    with open_store(db, create=False) as store:
        write_report(store, "md", fp)
    return fp.getvalue()


def _findings(report: str) -> str:
    return report.split("## Key findings", 1)[1].split("\n## ", 1)[0]


def test_the_seeds_conflict_is_one_line_of_the_key_findings_before_the_summary(tmp_path):
    db = ingest_seeds(tmp_path / "seeds.db")
    unreviewed = _findings(_markdown(db))
    assert "suggested conflicting by the matcher, not reviewed yet" in unreviewed
    review_seeds(db)
    report = _markdown(db)
    assert report.index("## Key findings") < report.index("## Summary")
    [line] = [line for line in _findings(report).splitlines() if line.startswith("- ")]
    assert line.startswith("- good: 40% (First Social Care Report") and " vs 25% (Child protection" in line
    assert line.endswith("**conflicting** (reviewers)")


def _cluster(n: int) -> ReportCluster:
    members = [
        ReportClaim(
            Claim(f"c{n}{side}", f"doc{side}.txt", 0, 2, "40%", "proportion", value=value),
            Source(f"d{side}", f"doc{side}.txt", f"Title {side}", None, None, f"Outlet {side}"),
            (Decision("ann", "conflicting", None, "cluster", None),),
        )
        for side, value in (("a", 0.4), ("b", 0.25))
    ]
    return ReportCluster(f"k{n}", "differ", "conflicting", "", f"measure {n}", "proportion", members)


class ManyConflicts:
    def summary(self):
        return ReportSummary("many.db", 2, 60, 60, 30, 30, 30)

    def clusters(self, **options):
        return (_cluster(n) for n in range(30))

    def claims(self, which, **options):
        return iter(())

    def documents(self):
        return iter(())

    def orphaned_decisions(self):
        return iter(())


def test_many_conflicts_are_cut_to_the_first_few_with_their_number_and_outlets():
    fp = io.StringIO()
    write_markdown(fp, report_blocks(ManyConflicts()))
    findings = _findings(fp.getvalue())
    lines = [line for line in findings.splitlines() if line.startswith("- ")]
    assert len(lines) == FINDINGS_SHOWN < 30
    assert f"30 conflicts between documents; the first {FINDINGS_SHOWN} here" in findings
    assert lines[0] == "- measure 0: 40% (Outlet a) vs 25% (Outlet b) — **conflicting** (reviewers)"


@pytest.mark.parametrize("reviewed_only", [False, True])
def test_the_first_few_clusters_are_the_head_of_the_whole_list_in_its_order(tmp_path, reviewed_only):
    # The key findings read only the first clusters; they must be the ones the full list starts with.
    from workbench.store.report_queries import ReportQueries

    db = review_seeds(ingest_seeds(tmp_path / "claims.db"))
    with open_store(db, create=False) as store:
        queries = ReportQueries(store.db.conn, str(db))
        whole = [(c.id, [m.claim.id for m in c.members]) for c in queries.clusters(reviewed_only=reviewed_only)]
        assert len(whole) >= 2
        for n in (1, 2, len(whole), len(whole) + 3):
            head = queries.clusters(reviewed_only=reviewed_only, passages=False, first=n)
            assert [(c.id, [m.claim.id for m in c.members]) for c in head] == whole[:n]
