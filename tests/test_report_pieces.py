"""A large report is rendered in two pieces at once, the second by another process: whatever the
cut, whatever fails, and whoever commits meanwhile, the file is exactly the report one process
writes from the snapshot the export began with."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from report_helpers import ingest_seeds, review_seeds
from workbench import export
from workbench.store.db import open_store
from workbench.store.report_queries import ReportQueries
from workbench.store.review.store import ReviewStore


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """The reviewed seeds, with every member of the second cluster in report order marked not a
    claim: a cluster the report leaves out, just where a cut may fall."""
    db = review_seeds(ingest_seeds(tmp_path_factory.mktemp("pieces") / "claims.db"))
    with open_store(db, create=False, read_only=True) as store:
        second = list(ReportQueries(store.db.conn, db.name).clusters(passages=False))[1]
    reviewer = ReviewStore(str(db), "alice")
    try:
        for member in second.members:
            reviewer.correct(member.claim.id, rejected=True)
    finally:
        reviewer.close()
    return db


@pytest.fixture
def database(reviewed, tmp_path):
    """A copy of the reviewed database that a test may write to."""
    copy = tmp_path / "claims.db"
    shutil.copy(reviewed, copy)
    return copy


@pytest.fixture
def pieced(monkeypatch):
    """Reports of any size rendered in two pieces; the pieces' fates recorded (True: the other
    process's piece was used)."""
    monkeypatch.setattr(export, "PIECES_FROM_CLAIMS", 0)
    monkeypatch.setattr(export, "_cores", lambda: 2)
    fates = []
    real = export.ReportTail.copy_into

    def copy_into(self, fp):
        fates.append(real(self, fp))
        return fates[-1]

    monkeypatch.setattr(export.ReportTail, "copy_into", copy_into)
    return fates


def report(db, fmt: str, *, pieces: bool = True) -> str:
    fp = io.StringIO()
    with open_store(db, create=False, read_only=True) as store:
        export.write_report(store, fmt, fp, pieces=pieces)
    return fp.getvalue()


def cut_by_the_other_process(cut: int):
    """A tail_command whose process chooses `cut` as the cut, whatever the work."""
    code = (
        "import sys; from workbench import export; "
        f"export.balanced_cut = lambda *counts: {cut}; sys.exit(export._render_tail(sys.argv[1:]))"
    )
    return lambda db, fmt, output: [sys.executable, "-c", code, str(db), fmt, str(output)]


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("cut", [0, 1, 2, 10_000])
def test_two_pieces_are_the_report_one_process_writes(reviewed, pieced, monkeypatch, fmt, cut):
    monkeypatch.setattr(export, "tail_command", cut_by_the_other_process(cut))
    whole = report(reviewed, fmt, pieces=False)

    def not_here(*counts):
        raise AssertionError("the other process chooses the cut")

    monkeypatch.setattr(export, "balanced_cut", not_here)
    assert report(reviewed, fmt) == whole
    assert pieced == [True]  # the second piece came from the other process
    assert "Appendix: documents" in whole and "Not yet reviewed" in whole


def test_the_first_piece_is_written_up_to_its_clusters_before_it_asks_for_the_cut(reviewed, pieced, monkeypatch):
    fp = io.StringIO()
    written_when_asked = []
    real = export.ReportTail.first_cut

    def first_cut(self, queries):
        written_when_asked.append(fp.getvalue())
        return real(self, queries)

    monkeypatch.setattr(export.ReportTail, "first_cut", first_cut)
    with open_store(reviewed, create=False, read_only=True) as store:
        export.write_report(store, "md", fp)
    assert fp.getvalue() == report(reviewed, "md", pieces=False) and pieced == [True]
    (before_the_cut,) = written_when_asked
    assert "## Key findings" in before_the_cut and "### 1. " not in before_the_cut


def test_a_commit_between_the_two_snapshots_leaves_the_second_piece_to_this_process(database, pieced, monkeypatch):
    before = report(database, "md", pieces=False)
    real_start = export.ReportTail.start

    def start_after_a_commit(self, queries):
        bob = ReviewStore(str(database), "bob")  # decides while this export's snapshot is open
        try:
            bob.decide([bob.conn.execute("SELECT id FROM claims ORDER BY id LIMIT 1").fetchone()[0]], "conflicting")
        finally:
            bob.close()
        real_start(self, queries)

    monkeypatch.setattr(export.ReportTail, "start", start_after_a_commit)
    assert report(database, "md") == before  # the snapshot the export began with, in both pieces
    assert pieced == [False]
    assert report(database, "md", pieces=False) != before  # bob's verdict is stored, for the next export


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-c", "import sys; sys.exit(3)"],
        ["/no/such/python"],
        [sys.executable, "-c", "print('ready', flush=True)"],  # its snapshot begun, but no cut sent
        [sys.executable, "-c", "print('ready'); print('twelve')"],
    ],
)
def test_when_the_other_process_fails_this_one_renders_its_piece(reviewed, pieced, monkeypatch, command):
    monkeypatch.setattr(export, "tail_command", lambda *args: command)
    assert report(reviewed, "html") == report(reviewed, "html", pieces=False)
    assert pieced == [False]


def test_the_other_process_given_bad_arguments_exits_quietly():
    done = subprocess.run([sys.executable, "-m", "workbench.export", "nothing"], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "")


def test_small_reports_and_other_formats_are_rendered_in_one_process(reviewed, monkeypatch):
    started = []
    monkeypatch.setattr(export.ReportTail, "start", lambda self, queries: started.append(self))
    monkeypatch.setattr(export, "_cores", lambda: 2)
    report(reviewed, "md")  # 48 claims, far below PIECES_FROM_CLAIMS
    monkeypatch.setattr(export, "PIECES_FROM_CLAIMS", 0)
    report(reviewed, "json")
    monkeypatch.setattr(export, "_cores", lambda: 1)
    report(reviewed, "md")  # one core: nothing to gain
    assert started == []


def test_the_cut_gives_each_piece_about_half_the_work():
    # each member costs EVIDENCE_COST; the second piece also has the work after the clusters
    cost = export.EVIDENCE_COST
    assert export.balanced_cut([10, 10, 10], 0) == 2  # 10 then 20 members of 30: the cut after 20
    assert export.balanced_cut([50, 1, 1, 1], 0) == 1
    assert export.balanced_cut([10, 10, 10], 20 * cost) == 3  # what follows the clusters weighs 20 members
    assert export.balanced_cut([1, 1], 1000) == 2  # the later sections outweigh every cluster
    assert export.balanced_cut([], 10) == 0


def test_the_work_after_the_clusters_counts_what_those_sections_list(reviewed):
    with open_store(reviewed, create=False, read_only=True) as store:
        queries = ReportQueries(store.db.conn, reviewed.name)
        summary = queries.summary()
        work = export.work_after_clusters(queries)
        text = report(reviewed, "md", pieces=False)
    # the claims shown as evidence in "Claims checked on their own" and "Unverified claims"
    evidence = text.count("\n### ", text.index("## Claims checked on their own"), text.index("## Agreement"))
    assert evidence >= 2
    rows = summary.unreviewed + summary.disagreements + summary.orphaned
    assert work == export.EVIDENCE_COST * evidence + export.ROW_COST * rows + export.DOCUMENT_COST * summary.documents


def test_an_older_file_read_through_a_copy_in_memory_is_rendered_in_one_piece(tmp_path, monkeypatch, reviewed):
    old = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent / "fixtures" / "db" / "schema_0001.db", old)
    with open_store(old, create=False, read_only=True) as store:  # upgraded in memory: no other process sees it
        assert not ReportQueries(store.db.conn, old.name).reads_a_file()
    with open_store(reviewed, create=False, read_only=True) as store:
        assert ReportQueries(store.db.conn, reviewed.name).reads_a_file()
    started = []
    monkeypatch.setattr(export.ReportTail, "start", lambda self, queries: started.append(self))
    monkeypatch.setattr(export, "PIECES_FROM_CLAIMS", 0)
    monkeypatch.setattr(export, "_cores", lambda: 2)
    assert "Verification report" in report(old, "md")
    assert started == []


def test_the_second_process_stops_once_the_export_that_started_it_is_gone(monkeypatch):
    parents = iter([100, 100, 1])  # reparented: the export was killed
    monkeypatch.setattr(export.os, "getppid", lambda: next(parents))
    shown = []
    with pytest.raises(export.ParentGone):
        for block in export.while_parent_lives(iter(range(10)), parent=100, every=3):
            shown.append(block)
    assert shown == [0, 1, 2, 3, 4, 5]


def test_the_cut_counts_each_clusters_own_work_beside_its_members():
    cost = export.EVIDENCE_COST
    assert export.balanced_cut([1, 1, 1, 1, 7], 0) == 5  # by members alone, 4 of 11 are not half
    assert export.balanced_cut([1, 1, 1, 1, 7], 0, cluster_cost=3 * cost) == 4  # 16 of 26 members' worth
    assert export.CLUSTER_COST["html"] > export.CLUSTER_COST["md"] > 0  # the dot plots
