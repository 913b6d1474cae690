"""Two reviewers deciding at once on one database: a benchmark, not a test. It prints figures and
never fails on timing; it does fail (exit status 1) if a decision is lost.

    python bench/bench_concurrent.py [--claims 100000] [--decisions 10000] [--runs 3]

The database is generated as bench_tui.py generates it (documents of 50 claims, clusters of
three, a fifth of the claims decided by an earlier reviewer). Each run copies it, then starts
writer processes that record `--decisions` decisions each through ReviewStore.decide, the call the
review UI makes for `c`, `x` and `u` (one claim, a new verdict each time, the session saved in the
same transaction), as fast as they can: first one writer alone (the baseline), then two at once.
After each run the database must hold, for every writer, exactly the verdicts it was told were
saved, one review-log entry per decision, and pass PRAGMA integrity_check.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

from common import fmt, fmt_int, machine_line, median, table

VERDICTS = ("consistent", "conflicting", "unverified")


def writer(db: str, reviewer: str, decisions: int, seed: int, go: str) -> None:
    """One reviewer's process: wait for `go`, decide as fast as possible, print what it did as JSON."""
    from workbench.store.review import ReviewStore, ViewSpec, session_state

    store = ReviewStore(db, reviewer)
    claims = [row[0] for row in store.conn.execute("SELECT id FROM claims ORDER BY id")]
    rng = random.Random(seed)
    picked = [rng.choice(claims) for _ in range(decisions + 1)]
    spec = ViewSpec()
    saved: dict[str, str] = {}
    latencies = []
    print("ready", flush=True)
    while not os.path.exists(go):
        time.sleep(0.0005)
    started = time.time()
    for claim, following in zip(picked, picked[1:]):
        verdict = rng.choice([v for v in VERDICTS if v != saved.get(claim)])  # a change: one log entry
        t0 = time.perf_counter()
        store.decide([claim], verdict, session=session_state(following, spec))
        latencies.append(time.perf_counter() - t0)
        saved[claim] = verdict
    ended = time.time()
    print(json.dumps({"started": started, "ended": ended, "latencies": latencies, "saved": saved,
                      "busy_retries": store.busy_waits}), flush=True)
    store.close()


def run_writers(db: str, reviewers: list[str], decisions: int, seed: int) -> list[dict]:
    """Start one process per reviewer, let them go at the same moment, and collect their reports."""
    go = db + ".go"
    processes = []
    for n, reviewer in enumerate(reviewers):
        process = subprocess.Popen([sys.executable, __file__, "--writer", db, reviewer, str(decisions),
                                    str(seed * 100 + n), go], stdout=subprocess.PIPE, text=True)
        if process.stdout.readline() != "ready\n":
            raise SystemExit(f"bench_concurrent: writer {reviewer} did not start")
        processes.append(process)
    open(go, "w").close()
    reports = []
    for reviewer, process in zip(reviewers, processes):
        out, _ = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"bench_concurrent: writer {reviewer} failed (exit status {process.returncode})")
        reports.append({"reviewer": reviewer, **json.loads(out)})
    os.remove(go)
    return reports


def lost(db: str, reports: list[dict], decisions: int) -> list[str]:
    """What the database lacks of what the writers were told was saved (empty: nothing lost)."""
    conn = sqlite3.connect(db)
    problems = []
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    if integrity != "ok":
        problems.append(f"integrity_check: {integrity}")
    for report in reports:
        name = report["reviewer"]
        stored = dict(conn.execute("SELECT claim_id, verdict FROM decisions WHERE reviewer = ?", [name]))
        missing = sum(stored.get(claim) != verdict for claim, verdict in report["saved"].items())
        extra = len(set(stored) - set(report["saved"]))
        logged = conn.execute("SELECT COUNT(*) FROM review_log WHERE reviewer = ? AND action = 'decide'",
                              [name]).fetchone()[0]
        if missing or extra:
            problems.append(f"{name}: {missing} saved verdicts not stored, {extra} stored that were never made")
        if logged != decisions:
            problems.append(f"{name}: {logged} review-log entries for {decisions} decisions")
    conn.close()
    return problems


def interleaving(db: str) -> int:
    """How often the review log passes from one writer to the other: 1 means one wrote after the other."""
    conn = sqlite3.connect(db)
    writers = [row[0] for row in conn.execute("SELECT reviewer FROM review_log ORDER BY id")]
    conn.close()
    return sum(1 for a, b in zip(writers, writers[1:]) if a != b)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def measure(template: str, tmp: str, reviewers: list[str], decisions: int, seed: int) -> dict:
    """One run on a fresh copy of the database: throughput, latencies, busy retries, and the check."""
    db = os.path.join(tmp, f"run-{len(reviewers)}-{seed}.db")
    shutil.copyfile(template, db)
    reports = run_writers(db, reviewers, decisions, seed)
    problems = lost(db, reports, decisions)
    wall = max(r["ended"] for r in reports) - min(r["started"] for r in reports)
    latencies = [x for r in reports for x in r["latencies"]]
    result = {
        "total": decisions * len(reports) / wall,
        "per_writer": [decisions / (r["ended"] - r["started"]) for r in reports],
        "p50": percentile(latencies, 0.50) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
        "max": max(latencies) * 1000,
        "busy_retries": sum(r["busy_retries"] for r in reports),
        "switches": interleaving(db),
        "decided": sum(len(r["latencies"]) for r in reports),
        "claims": sum(len(r["saved"]) for r in reports),
        "problems": problems,
    }
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--decisions", type=int, default=10_000, help="decisions each writer records")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from bench_tui import generate

    from workbench.store.db import open_store

    with tempfile.TemporaryDirectory() as tmp:
        template = os.path.join(tmp, "template.db")
        generate(template, args.claims)
        with open_store(template):  # migrated and checkpointed before anything is timed
            pass
        print(machine_line())
        print(f"{args.claims:,} claims; {args.decisions:,} decisions per writer through ReviewStore.decide;"
              f" medians of {args.runs} run{'s' if args.runs != 1 else ''}, each on a fresh copy of the database")
        print()
        results = {1: [], 2: []}
        for run in range(args.runs):
            for writers in (1, 2):
                results[writers].append(measure(template, tmp, ["ann", "bob"][:writers], args.decisions, run))
        rows = []
        for writers, runs in results.items():
            per_writer = [median([r["per_writer"][i] for r in runs]) for i in range(writers)]
            rows.append([
                "one writer alone" if writers == 1 else "two writers at once",
                fmt_int(median([r["total"] for r in runs])),
                " / ".join(fmt_int(x) for x in per_writer),
                fmt(median([r["p50"] for r in runs])), fmt(median([r["p95"] for r in runs])),
                fmt(median([r["max"] for r in runs])),
                fmt_int(sum(r["busy_retries"] for r in runs)),
                fmt_int(median([r["switches"] for r in runs])) if writers == 2 else "-",
                f'{fmt_int(sum(r["decided"] for r in runs))} / {fmt_int(sum(r["claims"] for r in runs))}',
                "; ".join(p for r in runs for p in r["problems"]) or "none",
            ])
        print(table(["writers", "decisions/s total", "decisions/s per writer", "p50 ms", "p95 ms", "max ms",
                     "busy retries", "log switches", "decisions / verdicts checked", "lost"], rows))
        alone = median([r["total"] for r in results[1]])
        together = median([r["total"] for r in results[2]])
        print()
        print(f"two writers / one writer, decisions per second in total: {together / alone:.2f}")
        print("decisions / verdicts checked: over all runs, the decisions whose log entries were counted, and the"
              " final verdicts (one per claim a writer decided) compared with the decisions table.")
        print("busy retries: times a write still found the lock held after SQLite's own 5 s busy timeout and"
              " asked again; shorter waits for the other writer are inside the latencies.")
        if any(r["problems"] for runs in results.values() for r in runs):
            sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] == "--writer":
        writer(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    else:
        main()
