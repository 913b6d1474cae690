"""A decision acknowledged is a decision kept: a process recording decisions through the review
store (the UI's own code path) is killed with SIGKILL at random moments, again and again on the
same database, and after every kill each decision it reported as saved is there, with its log
entry, and SQLite finds the file intact."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from review_corpus import build_small

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

RUNS = 25
SEED = 20261123

# Decides claims (and now and then a whole cluster) as fast as it can, each through ReviewStore.decide
# with the session saved alongside, as the UI does. Before a decision it prints what it is about to
# do; only after `decide` returned does it print one `saved` line per claim (changed: 1 when the
# verdict or scope changed, so that a log entry is due), in one write.
DRIVER = r"""
import random, sys
from workbench.core.agreement import VERDICTS
from workbench.store.review.store import ReviewStore

db, seed = sys.argv[1], int(sys.argv[2])
store = ReviewStore(db, "ann")
claims = [row[0] for row in store.conn.execute("SELECT id FROM claims ORDER BY id")]
clusters = [row[0] for row in store.conn.execute("SELECT id FROM clusters ORDER BY id")]
rng = random.Random(seed)
print("ready", flush=True)
while True:
    if rng.random() < 0.2:
        cluster = rng.choice(clusters)
        ids, verdict = store.member_ids(cluster), rng.choice(VERDICTS)
    else:
        cluster = None
        ids = [rng.choice(claims)]
        verdict = rng.choice([v for v in VERDICTS if v != store.decision(ids[0])[0]])
    sys.stdout.write(f"deciding {verdict} {' '.join(ids)}\n")
    sys.stdout.flush()
    change = store.decide(ids, verdict, cluster_id=cluster, session={"claim_id": ids[0]})
    changed = set(change.claim_ids)
    sys.stdout.write("".join(f"saved {verdict} {c} {int(c in changed)}\n" for c in ids))
    sys.stdout.flush()
"""


def run_until_killed(driver, db: str, seed: int, delay: float) -> list[str]:
    """Start the driver, let it decide for `delay` seconds, SIGKILL it; the complete lines it wrote."""
    process = subprocess.Popen(
        [sys.executable, str(driver), db, str(seed)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    output = bytearray()
    started = threading.Event()

    def drain():  # read all the while, so that a full pipe never holds the driver up
        for line in process.stdout:
            output.extend(line)
            started.set()

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    assert started.wait(30), process.stderr.read().decode()
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    reader.join(30)
    assert process.returncode == -signal.SIGKILL, process.stderr.read().decode()
    lines = output.decode().split("\n")
    return lines[:-1]  # a line cut by the kill has no newline: it was never a report


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_decision(tmp_path):
    db = str(tmp_path / "claims.db")
    build_small(db)
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    rng = random.Random(SEED)
    verdicts: dict[str, str] = {}  # what the database must hold, as of the last check
    session_claim = None  # where the last acknowledged decision left the saved session
    acknowledged = in_flight_kills = 0
    for run in range(RUNS):
        conn = sqlite3.connect(db)
        last_log_id = conn.execute("SELECT COALESCE(MAX(id), 0) FROM review_log").fetchone()[0]
        conn.close()

        lines = run_until_killed(driver, db, seed=run, delay=rng.uniform(0.0, 0.4))
        assert lines[0] == "ready"
        expected_log, in_flight = [], None
        for line in lines[1:]:
            word, verdict, *rest = line.split()
            if word == "deciding":
                in_flight = (verdict, rest)
            else:  # saved: the decision in flight has returned
                if in_flight is not None:
                    session_claim = in_flight[1][0]
                claim, changed = rest
                verdicts[claim] = verdict
                acknowledged += 1
                if changed == "1":
                    expected_log.append((claim, verdict))
                in_flight = None

        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"run {run}"
        stored = dict(conn.execute("SELECT claim_id, verdict FROM decisions WHERE reviewer = 'ann'"))
        logged = conn.execute(
            "SELECT claim_id, to_verdict FROM review_log WHERE id > ? ORDER BY id", [last_log_id]
        ).fetchall()
        # the log holds exactly the acknowledged changes, in order, then perhaps the one in flight
        assert logged[: len(expected_log)] == expected_log, f"run {run}: an acknowledged decision is missing"
        unacknowledged = logged[len(expected_log) :]
        if in_flight is not None:
            in_flight_kills += 1
            verdict, claims = in_flight
            assert all(entry in [(c, verdict) for c in claims] for entry in unacknowledged), f"run {run}"
            if unacknowledged:  # it committed before the kill: the whole cluster, not a part of it
                assert all(stored.get(c) == verdict for c in claims), f"run {run}: half a decision"
                verdicts.update({c: verdict for c in claims})
                session_claim = claims[0]
        else:
            assert unacknowledged == [], f"run {run}"
        # every acknowledged verdict is stored, and every stored one has its log entry
        assert stored == verdicts, f"run {run}"
        last_entry = dict(
            conn.execute("SELECT claim_id, to_verdict FROM review_log WHERE reviewer = 'ann' ORDER BY id")
        )
        assert last_entry == stored, f"run {run}"
        state = conn.execute("SELECT state FROM sessions WHERE reviewer = 'ann'").fetchone()
        saved_at = json.loads(state[0])["claim_id"] if state else None
        assert saved_at == session_claim or (in_flight is not None and saved_at == in_flight[1][0]), f"run {run}"
        session_claim = saved_at
        conn.close()

    print(
        f"\n{RUNS} kill-and-reopen runs, {acknowledged} acknowledged decisions checked, "
        f"{in_flight_kills} kills with a decision in flight"
    )
    assert acknowledged >= RUNS and in_flight_kills >= 1
