"""An ingest's worker processes die with it: SIGKILL of the ingest alone leaves no process of its
group behind and no holder of its output pipes (`workbench ingest big/ | tee log` ends), and
SIGTERM, SIGINT or SIGHUP stop it cleanly: one line, status 128 + the signal, every committed
document whole, and no worker left."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from ingest_processes import generated_corpus, start_ingest

DOCUMENTS = 80  # over ingest.PARALLEL_FROM, so that the ingest reads through its pool of workers
KILLS = 50  # SIGKILLs, and then the other signals
SEED = 14

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists() or (os.cpu_count() or 1) < 2,
    reason="process groups are read from Linux's /proc; the pool needs two cores",
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return generated_corpus(tmp_path_factory.mktemp("corpus"), DOCUMENTS, seed=SEED, words=400)


def group(pgid: int) -> list[int]:
    """The processes still in a process group (zombies aside)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        state, _ppid, pgrp = stat.rsplit(")", 1)[1].split()[:3]
        if int(pgrp) == pgid and state != "Z":
            members.append(int(entry.name))
    return members


def wait_for_workers(proc: subprocess.Popen) -> bool:
    """Until the ingest has started its workers (True) or ended (False)."""
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        if len(group(proc.pid)) > 1:
            return True
        time.sleep(0.005)
    return False


def documents_whole(db: Path) -> bool:
    conn = sqlite3.connect(db, timeout=10)
    try:
        counts = conn.execute(
            "SELECT claim_count, (SELECT count(*) FROM claims c WHERE c.doc_id = d.id) FROM documents d"
        ).fetchall()
        return conn.execute("PRAGMA integrity_check").fetchone() == ("ok",) and all(a == b for a, b in counts)
    except sqlite3.OperationalError:  # killed before the schema was committed
        return True
    finally:
        conn.close()


@pytest.mark.slow
def test_killing_the_ingest_alone_leaves_no_process_and_no_pipe_behind(corpus, tmp_path):
    rng = random.Random(SEED)
    signals = [signal.SIGKILL] * KILLS + [signal.SIGTERM] * 6 + [signal.SIGINT] * 5 + [signal.SIGHUP] * 4
    rng.shuffle(signals)
    interrupted = 0
    for run, signum in enumerate(signals):
        db = tmp_path / f"run{run}.db"
        proc = start_ingest(corpus, db)
        if wait_for_workers(proc):
            time.sleep(rng.uniform(0, 0.3))
        if proc.poll() is None:
            interrupted += 1
        os.kill(proc.pid, signum)  # the ingest alone, as a shell's kill or a closed terminal does
        try:
            out, err = proc.communicate(timeout=15)  # end of file: nobody holds its stdout or stderr
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            pytest.fail(f"run {run}: after {signal.Signals(signum).name} a worker still holds the ingest's pipes")
        deadline = time.monotonic() + 5
        while group(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert group(proc.pid) == [], f"run {run}: processes left after {signal.Signals(signum).name}"
        assert b"Traceback" not in err, err.decode()
        if signum != signal.SIGKILL and proc.returncode != 0:  # stopped, not finished first
            assert proc.returncode == 128 + signum, (proc.returncode, err.decode())
            assert (
                err.decode()
                .splitlines()[-1]
                .endswith("the documents committed so far are kept, each whole; run it again to finish")
            )
        assert documents_whole(db), run
    assert interrupted >= len(signals) * 0.8  # nearly every signal landed while the ingest was working
