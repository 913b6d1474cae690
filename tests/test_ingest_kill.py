"""A killed ingest leaves no half-written document, and running it again completes it.

`workbench ingest` runs in a subprocess on a folder of generated documents and is killed with
SIGKILL (with its worker processes) at seeded random moments: while it writes its batches, and
after the last document is stored, while it matches. After each kill the database must be
sound and hold every stored document whole; a last run must complete the work.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from ingest_processes import generated_corpus, start_ingest

from workbench.core.claims import extract_claims
from workbench.core.documents import load_document

DOCUMENTS = 300
KILLS = 5
SEED = 6
WAIT_LIMIT = 120  # seconds one run may take before the test gives up on it


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return generated_corpus(tmp_path_factory.mktemp("corpus"), DOCUMENTS, seed=SEED, words=150)


def query(db: Path, sql: str) -> list[tuple]:
    if not db.exists():
        return []
    conn = sqlite3.connect(db, timeout=10)
    try:
        return conn.execute(sql).fetchall()
    except sqlite3.OperationalError:  # no tables yet: the schema is not committed
        return []
    finally:
        conn.close()


def stored_count(db: Path) -> int:
    rows = query(db, "SELECT count(*) FROM documents")
    return rows[0][0] if rows else 0


def progress(db: Path) -> tuple[int, int]:
    """Documents stored, and how many of them are not matched yet."""
    rows = query(db, "SELECT count(*), count(*) - count(matched_at) FROM documents")
    return rows[0] if rows else (0, 0)


def wait_for(proc: subprocess.Popen, condition) -> bool:
    """Poll until the condition holds (True) or the process ends (False)."""
    deadline = time.monotonic() + WAIT_LIMIT
    while proc.poll() is None:
        if condition():
            return True
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            pytest.fail("the ingest did not get anywhere in time")
        time.sleep(0.01)
    return False


def kill(proc: subprocess.Popen) -> bool:
    """SIGKILL the ingest and its workers; whether it was still running."""
    running = proc.poll() is None
    if running:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    proc.stderr.close()
    return running


class Expected:
    """What each file should be stored as: its hash and its claims, extracted in this process."""

    def __init__(self, corpus: Path) -> None:
        self.corpus = corpus
        self._claims: dict[str, list[str]] = {}

    def sha256(self, name: str) -> str:
        return hashlib.sha256((self.corpus / name).read_bytes()).hexdigest()

    def claim_ids(self, name: str) -> list[str]:
        if name not in self._claims:
            self._claims[name] = [c.id for c in extract_claims(load_document(self.corpus / name))]
        return self._claims[name]


def assert_sound(db: Path, expected: Expected) -> int:
    """Integrity, foreign keys, no orphan rows, and every stored document whole; returns how many are stored."""
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    assert query(db, "PRAGMA foreign_key_check") == []
    for table in ("sections", "passages", "sentences", "claims"):
        orphans = query(db, f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents)")
        assert orphans == [(0,)], table
    assert query(db, "SELECT count(*) FROM cluster_members WHERE claim_id NOT IN (SELECT id FROM claims)") == [(0,)]
    claims: dict[str, list[str]] = {}
    for doc_id, claim_id in query(db, "SELECT doc_id, id FROM claims ORDER BY doc_id, seq"):
        claims.setdefault(doc_id, []).append(claim_id)
    documents = query(db, "SELECT id, name, sha256, claim_count FROM documents")
    for doc_id, name, sha256, claim_count in documents:
        assert sha256 == expected.sha256(name), name
        assert claims.get(doc_id, []) == expected.claim_ids(name), name
        assert claim_count == len(expected.claim_ids(name)), name
        assert query(db, f"SELECT count(*) FROM sentences WHERE doc_id = '{doc_id}'")[0][0] > 0, name
    return len(documents)


@pytest.mark.slow
def test_a_killed_ingest_leaves_no_half_written_document_and_the_next_run_completes_it(corpus, tmp_path):
    db = tmp_path / "claims.db"
    expected = Expected(corpus)
    rng = random.Random(SEED)
    landed = {"writing": 0, "matching": 0, "finishing": 0}
    for round_ in range(KILLS):
        before = stored_count(db)
        proc = start_ingest(corpus, db)
        if before < DOCUMENTS and round_ < KILLS - 1:  # kill while it writes its batches
            wait_for(proc, lambda: stored_count(db) > before)
            time.sleep(rng.uniform(0, 0.1))  # a batch of 100 documents takes about 0.25 s here
        else:  # every document stored: kill while it matches them (polled, so a loaded machine
            # that matches faster or slower than expected still lands the kill in that phase)
            wait_for(proc, lambda: progress(db)[0] == DOCUMENTS and progress(db)[1] > 0)
            time.sleep(rng.uniform(0, 0.05))
        stored, unmatched = progress(db)  # where the ingest is as it is killed
        if kill(proc):
            landed["writing" if stored < DOCUMENTS else "matching" if unmatched else "finishing"] += 1
        assert_sound(db, expected)

    final = start_ingest(corpus, db)
    out, err = final.communicate(timeout=WAIT_LIMIT)
    assert final.returncode == 0, err.decode()
    assert b"Traceback" not in err
    assert assert_sound(db, expected) == DOCUMENTS
    names = query(db, "SELECT name, count(*) FROM documents GROUP BY name HAVING count(*) > 1")
    assert names == []
    assert {name for (name,) in query(db, "SELECT name FROM documents")} == {p.name for p in corpus.iterdir()}
    assert query(db, "SELECT count(*) FROM documents WHERE matched_at IS NULL") == [(0,)]
    print(
        f"\n{KILLS} kills of an ingest of {DOCUMENTS} documents, each followed by a check of every stored"
        f" document; landed while writing: {landed['writing']}, while matching: {landed['matching']},"
        f" after matching: {landed['finishing']}, after the ingest had ended: {KILLS - sum(landed.values())}"
    )
    assert landed["writing"] >= 1 and landed["matching"] >= 1  # the kills did interrupt both phases
