"""The seeds, reviewed by a fixed script with a fixed clock: the database the report tests export.

The script uses the review store, as the UI does, so decisions, notes and the review log are
written exactly as a reviewer's keys would write them; only the clock is replaced, so that no
wall-clock time reaches a snapshot. It picks claims by what they say, not by id, so that it
survives changes to matching that renumber clusters.
"""

from __future__ import annotations

import io
import itertools
from contextlib import contextmanager
from pathlib import Path

from workbench.export import write_report
from workbench.store.review import log as changelog
from workbench.store.db import open_store
from workbench.store.review.store import ReviewStore

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# the claim fields the scorer in ../shared/eval reads from the JSON export: every export keeps them
SCORER_CLAIM_FIELDS = {
    "id", "doc", "start", "end", "surface", "kind", "value", "qualifier", "unit", "currency", "subject", "cluster_id",
}  # fmt: skip


def export(db: Path, fmt: str) -> str:
    """The report of the database at db, written in fmt (markdown, json, html...)."""
    fp = io.StringIO()
    with open_store(db, create=False) as store:
        write_report(store, fmt, fp)
    return fp.getvalue()


def ingest_seeds(db: Path) -> Path:
    """A database holding the five seeds, matched into clusters as `workbench ingest` does."""
    from workbench.cli import run_ingest
    from workbench.store.db import open_store

    with open_store(db) as store:
        run_ingest(store, [SEEDS])
    return db


@contextmanager
def fixed_clock():
    """Decisions stamped 2024-05-01 09:00, 09:01, ... UTC, one minute per write."""
    minutes = itertools.count()
    real = changelog.now
    changelog.now = lambda: f"2024-05-01T09:{next(minutes):02d}:00.000+00:00"
    try:
        yield
    finally:
        changelog.now = real


def claim_id(store: ReviewStore, doc_prefix: str, surface: str) -> str:
    """The id of the first claim with this surface in the document whose name starts with `doc_prefix`."""
    row = store.conn.execute(
        "SELECT c.id FROM claims c JOIN documents d ON d.id = c.doc_id"
        " WHERE d.name LIKE ? AND c.surface = ? ORDER BY c.seq LIMIT 1",
        [doc_prefix + "%", surface],
    ).fetchone()
    assert row is not None, (doc_prefix, surface)
    return row[0]


def cluster_where(store: ReviewStore, explaining: str = "", **wanted) -> str:
    """The id of the first cluster (conflicting first) whose fields have the wanted values and
    whose explanation says `explaining`."""
    for cluster in store.cluster_choices(limit=500):
        if explaining in (cluster.explanation or "") and all(
            getattr(cluster, name) == value for name, value in wanted.items()
        ):
            return cluster.id
    raise AssertionError(f"no cluster with {wanted}")


def review_seeds(db: Path) -> Path:
    """The scripted review: a conflict and a consistent cluster (one member overridden), a claim
    outside clusters judged by two reviewers who disagree, an unverified claim with a note, and a
    note on a claim not yet judged. The rest of the 48 claims stay unreviewed."""
    with fixed_clock():
        alice = ReviewStore(str(db), "alice")
        bob = ReviewStore(str(db), "bob")
        try:
            conflict = cluster_where(alice, suggested_verdict="conflicting")
            members = alice.member_ids(conflict)
            alice.decide(members, "conflicting", cluster_id=conflict)
            alice.set_note(members[0], "Ofsted's table gives 25% good; the 40% counts 'good' and 'outstanding'.")
            rounded = cluster_where(alice, "within the rounding", suggested_verdict="consistent")
            alice.decide(alice.member_ids(rounded), "consistent", cluster_id=rounded)
            alice.decide([claim_id(alice, "004", "One in seven")], "unverified")
            years = claim_id(alice, "002", "35 years")
            alice.decide([years], "consistent")
            bob.decide([years], "conflicting")
            bob.set_note(years, "The ONS series starts in 1985: 30 years, not 35.")
            unverified = claim_id(alice, "002", "3%")
            alice.decide([unverified], "unverified")
            alice.set_note(unverified, "No source given for the 3%.")
            alice.set_note(claim_id(alice, "003", "£2bn"), "Ask the DfE press office for the £2bn figure.")
        finally:
            alice.close()
            bob.close()
    return db
