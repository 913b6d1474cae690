"""The report's lists of claims read a cluster's members, and a claim's decisions, through
indexes the database has, and sort only within a cluster or a document: a large report is
written without SQLite spilling every member's passage to temporary files (the Markdown report
of the reviewed Reuters-21578 database wrote 230 MB for 79 MB of output before)."""

from __future__ import annotations

import pytest

from report_helpers import ingest_seeds, review_seeds
from workbench.core.report.model import ALL, CHECKED_ALONE, UNREVIEWED, UNVERIFIED
from workbench.store.db import open_store
from workbench.store.report_queries import ReportQueries


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    return review_seeds(ingest_seeds(tmp_path_factory.mktemp("plans") / "claims.db"))


def plans(db, read) -> list[str]:
    """The query plan of each query `read(queries)` runs, one string per query."""
    with open_store(db, create=False, read_only=True) as store:
        queries = ReportQueries(store.db.conn, db.name)
        found = []
        run = queries._rows

        def planned(sql, params=()):
            found.append(" | ".join(row[3] for row in store.db.conn.execute("EXPLAIN QUERY PLAN " + sql, params)))
            return run(sql, params)

        queries._rows = planned
        with queries.snapshot():
            list(read(queries))
        return found


@pytest.mark.parametrize(
    "read",
    [
        lambda q: q.clusters(),
        lambda q: q.clusters(first=2),
        lambda q: q.clusters(skip=1),
        lambda q: q.clusters(reviewed_only=True, passages=False, sentences=True),
        *(lambda q, which=which: q.claims(which) for which in (ALL, CHECKED_ALONE, UNVERIFIED, UNREVIEWED)),
    ],
)
def test_the_report_sorts_no_list_whole_and_builds_no_index(reviewed, read):
    (plan,) = plans(reviewed, read)
    assert "AUTOMATIC" not in plan
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan  # only "FOR RIGHT PART OF ORDER BY", within a group
    assert "sqlite_autoindex_decisions" in plan  # decisions by their primary key


def test_the_json_export_reads_its_claims_by_document_without_sorting_them_all(reviewed):
    (plan,) = plans(reviewed, lambda q: q.export_claims())
    assert "AUTOMATIC" not in plan and "USE TEMP B-TREE FOR ORDER BY" not in plan
