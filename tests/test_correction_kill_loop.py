"""A correction acknowledged is a correction kept: a process correcting claims through the review
store (the UI's own code path: ReviewStore.correct, as `e` and `D` call it) is killed with SIGKILL
at random moments, 200 times on the same database; after every kill each correction it reported
as saved is there with its log entry, SQLite finds the file intact and `workbench doctor` finds
nothing wrong.

The corrector is a forked child of the test process (the store is opened after the fork), so a
run costs a fork and not a Python start, and 200 runs take seconds.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import sys
import time

import pytest
from review_corpus import build_small

from workbench.store.doctor import examine

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")

RUNS = 200
SEED = 20261202
UNITS = ("km", "kg", "people", "councils")


def correct_until_killed(db: str, seed: int) -> None:
    """In the child: correct random claims as fast as it can, reporting each before and after."""
    from workbench.store.review.store import ReviewStore

    store = ReviewStore(db, "ann")
    claims = [row[0] for row in store.conn.execute("SELECT id FROM claims ORDER BY id")]
    rng = random.Random(seed)
    out = sys.stdout.fileno()
    os.write(out, b"ready\n")
    while True:
        claim = rng.choice(claims)
        roll = rng.random()
        if roll < 0.5:
            kwargs = {"changes": {"unit": rng.choice(UNITS)}}
        elif roll < 0.75:
            kwargs = {"rejected": rng.random() < 0.6}
        else:
            kwargs = {"reset": True}
        os.write(out, f"correcting {claim}\n".encode())
        store.correct(claim, **kwargs)
        found = store.correction(claim)
        state = None if found is None else {"changes": found.changes, "rejected": found.rejected}
        os.write(out, f"saved {claim} {json.dumps(state, sort_keys=True)}\n".encode())


def run_until_killed(db: str, seed: int, delay: float) -> list[str]:
    """Fork the corrector, let it work for `delay` seconds after it is ready, SIGKILL it; the
    complete lines it wrote (a line cut by the kill has no newline: it was never a report)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read_end)
            os.dup2(write_end, sys.stdout.fileno())
            correct_until_killed(db, seed)
        finally:
            os._exit(1)
    os.close(write_end)
    os.set_blocking(read_end, False)
    output = bytearray()
    deadline = time.monotonic() + 30
    ready_at = killed = None
    while True:
        try:
            chunk = os.read(read_end, 65536)
        except BlockingIOError:
            chunk = None
        if chunk == b"":
            break  # the child has gone and the pipe is drained
        if chunk:
            output.extend(chunk)
        if ready_at is None and b"ready\n" in output:
            ready_at = time.monotonic()
        if not killed and ready_at is not None and time.monotonic() - ready_at >= delay:
            os.kill(pid, signal.SIGKILL)
            killed = True
        assert time.monotonic() < deadline, "the corrector never got going"
        if not chunk:
            time.sleep(0.001)
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
    return output.decode().split("\n")[:-1]


def stored(conn: sqlite3.Connection) -> dict[str, dict]:
    rows = conn.execute("SELECT claim_id, changes, rejected FROM corrections").fetchall()
    return {claim: {"changes": json.loads(changes), "rejected": bool(rejected)} for claim, changes, rejected in rows}


@pytest.mark.slow
def test_sigkill_while_correcting_loses_no_acknowledged_correction(tmp_path):
    db = str(tmp_path / "claims.db")
    build_small(db)
    rng = random.Random(SEED)
    expected: dict[str, dict | None] = {}  # each claim's correction as last acknowledged
    acknowledged = in_flight_kills = 0
    for run in range(RUNS):
        lines = run_until_killed(db, seed=run, delay=rng.uniform(0.0, 0.05))
        assert lines[0] == "ready"
        in_flight = None
        for line in lines[1:]:
            word, claim, *rest = line.split(" ", 2)
            if word == "correcting":
                in_flight = claim
            else:
                expected[claim] = json.loads(rest[0])
                acknowledged += 1
                in_flight = None

        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"run {run}"
        now = stored(conn)
        # the log's last word on each claim is what the corrections table holds
        logged: dict[str, dict | None] = {}
        for claim, to in conn.execute(
            "SELECT claim_id, to_correction FROM review_log WHERE action = 'correct' ORDER BY id"
        ):
            state = json.loads(to) if to else None
            logged[claim] = None if state is None else {"changes": state["changes"], "rejected": state["rejected"]}
        conn.close()
        if in_flight is not None:
            in_flight_kills += 1
            expected[in_flight] = now.get(in_flight)  # committed or not: either is whole
        for claim, state in expected.items():
            assert now.get(claim) == state, f"run {run}: claim {claim}'s acknowledged correction is lost"
            assert logged.get(claim) == state, f"run {run}: claim {claim}'s log entry is missing"
        assert set(now) <= set(expected), f"run {run}: a correction nobody made"
        checkup = examine(db)
        assert checkup.healthy, f"run {run}: {checkup.problems}"

    print(
        f"\n{RUNS} kills while correcting, {acknowledged} acknowledged corrections checked, "
        f"{in_flight_kills} kills with a correction in flight"
    )
    assert acknowledged >= RUNS and in_flight_kills >= RUNS // 4
