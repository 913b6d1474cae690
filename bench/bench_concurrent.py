"""Two reviewers deciding at once on one database: a benchmark, not a test. It prints figures and
never fails on timing; it does fail (exit status 1) if a decision is lost.

    python bench/bench_concurrent.py [--claims 100000] [--decisions 10000] [--runs 3]
                                     [--ingest-claims 20000] [--slow-mb 2]

The database is generated as bench_tui.py generates it (documents of 50 claims, clusters of
three, a fifth of the claims decided by an earlier reviewer). Each run copies it, then starts
writer processes that record `--decisions` decisions each through ReviewStore.decide, the call the
review UI makes for `c`, `x` and `u` (one claim, a new verdict each time, the session saved in the
same transaction), as fast as they can: first one writer alone (the baseline), then two at once.
After each run the database must hold, for every writer, exactly the verdicts it was told were
saved, one review-log entry per decision, and pass PRAGMA integrity_check.

Then two reviewers decide at a person's fast pace while `workbench ingest` reads a folder that
holds one slow (long) document, and again without the ingest: the distribution of every
decision's wait shows whether the ingest keeps them waiting (it should never exceed about 1 s).
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


def writer(db: str, reviewer: str, decisions: int, seed: int, go: str, pause: float = 0.0) -> None:
    """One reviewer's process: wait for `go`, decide as fast as possible (or with `pause` seconds
    between decisions, as a person does, while an ingest runs), print what it did as JSON."""
    from workbench.store.review.sessions import session_state
    from workbench.store.review.store import ReviewStore
    from workbench.store.review.views import ViewSpec

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
        if pause:
            time.sleep(pause)
    ended = time.time()
    print(
        json.dumps(
            {
                "started": started,
                "ended": ended,
                "latencies": latencies,
                "saved": saved,
                "busy_retries": store.busy_waits,
            }
        ),
        flush=True,
    )
    store.close()


def run_writers(
    db: str, reviewers: list[str], decisions: int, seed: int, pause: float = 0.0, during: list[str] | None = None
) -> list[dict]:
    """Start one process per reviewer, let them go at the same moment, and collect their reports.
    `during`: a command started with them (an ingest), which must succeed."""
    go = db + ".go"
    processes = []
    for n, reviewer in enumerate(reviewers):
        process = subprocess.Popen(
            [sys.executable, __file__, "--writer", db, reviewer, str(decisions), str(seed * 100 + n), go, str(pause)],
            stdout=subprocess.PIPE,
            text=True,
        )
        if process.stdout.readline() != "ready\n":
            raise SystemExit(f"bench_concurrent: writer {reviewer} did not start")
        processes.append(process)
    background = None
    if during is not None:
        background = subprocess.Popen(
            during, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env={**os.environ, "CI": "true"}
        )
        time.sleep(0.5)  # under way: reading its files
    open(go, "w").close()
    reports = []
    for reviewer, process in zip(reviewers, processes):
        out, _ = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"bench_concurrent: writer {reviewer} failed (exit status {process.returncode})")
        reports.append({"reviewer": reviewer, **json.loads(out)})
    if background is not None:
        _, err = background.communicate()
        if background.returncode != 0:
            raise SystemExit(f"bench_concurrent: the ingest failed (exit status {background.returncode}): {err}")
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
        logged = conn.execute(
            "SELECT COUNT(*) FROM review_log WHERE reviewer = ? AND action = 'decide'", [name]
        ).fetchone()[0]
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


def measure(
    template: str,
    tmp: str,
    reviewers: list[str],
    decisions: int,
    seed: int,
    pause: float = 0.0,
    corpus: str | None = None,
) -> dict:
    """One run on a fresh copy of the database: throughput, latencies, busy retries, and the check.
    With `corpus`, an ingest of it runs while the reviewers decide."""
    db = os.path.join(tmp, f"run-{len(reviewers)}-{seed}{'-ingest' if corpus else ''}.db")
    shutil.copyfile(template, db)
    during = None if corpus is None else [sys.executable, "-m", "workbench", "ingest", corpus, "--db", db]
    reports = run_writers(db, reviewers, decisions, seed, pause, during)
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
        "latencies": latencies,
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
    parser.add_argument(
        "--ingest-claims", type=int, default=20_000, help="claims in the database the ingest-while-reviewing runs use"
    )
    parser.add_argument("--slow-mb", type=float, default=2.0, help="size of the slow document the ingest reads")
    args = parser.parse_args()

    from bench_tui import generate

    from workbench.store.db import open_store

    with tempfile.TemporaryDirectory() as tmp:
        template = os.path.join(tmp, "template.db")
        generate(template, args.claims)
        with open_store(template):  # migrated and checkpointed before anything is timed
            pass
        print(machine_line())
        print(
            f"{args.claims:,} claims; {args.decisions:,} decisions per writer through ReviewStore.decide;"
            f" medians of {args.runs} run{'s' if args.runs != 1 else ''}, each on a fresh copy of the database"
        )
        print()
        results = {1: [], 2: []}
        for run in range(args.runs):
            for writers in (1, 2):
                results[writers].append(measure(template, tmp, ["ann", "bob"][:writers], args.decisions, run))
        rows = []
        for writers, runs in results.items():
            per_writer = [median([r["per_writer"][i] for r in runs]) for i in range(writers)]
            rows.append(
                [
                    "one writer alone" if writers == 1 else "two writers at once",
                    fmt_int(median([r["total"] for r in runs])),
                    " / ".join(fmt_int(x) for x in per_writer),
                    fmt(median([r["p50"] for r in runs])),
                    fmt(median([r["p95"] for r in runs])),
                    fmt(median([r["max"] for r in runs])),
                    fmt_int(sum(r["busy_retries"] for r in runs)),
                    fmt_int(median([r["switches"] for r in runs])) if writers == 2 else "-",
                    f"{fmt_int(sum(r['decided'] for r in runs))} / {fmt_int(sum(r['claims'] for r in runs))}",
                    "; ".join(p for r in runs for p in r["problems"]) or "none",
                ]
            )
        print(
            table(
                [
                    "writers",
                    "decisions/s total",
                    "decisions/s per writer",
                    "p50 ms",
                    "p95 ms",
                    "max ms",
                    "busy retries",
                    "log switches",
                    "decisions / verdicts checked",
                    "lost",
                ],
                rows,
            )
        )
        alone = median([r["total"] for r in results[1]])
        together = median([r["total"] for r in results[2]])
        print()
        print(f"two writers / one writer, decisions per second in total: {together / alone:.2f}")
        print(
            "decisions / verdicts checked: over all runs, the decisions whose log entries were counted, and the"
            " final verdicts (one per claim a writer decided) compared with the decisions table."
        )
        print(
            "busy retries: times a write still found the lock held after SQLite's own 5 s busy timeout and"
            " asked again; shorter waits for the other writer are inside the latencies."
        )
        during = ingest_while_reviewing(tmp, args)
        if any(r["problems"] for runs in [*results.values(), during] for r in runs):
            sys.exit(1)


def slow_corpus(folder: str, megabytes: float) -> None:
    """150 generated news documents (over two batches, read by the worker pool) and one long
    report, made of the seed documents over and over, that takes seconds to extract."""
    from generate_corpus import generate_document

    os.makedirs(folder)
    for index in range(150):
        name, data, _ = generate_document(index)
        with open(os.path.join(folder, name), "wb") as fp:
            fp.write(data)
    seeds = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "seeds")
    text = "\n\n".join(open(os.path.join(seeds, n), encoding="utf-8").read() for n in sorted(os.listdir(seeds)))
    with open(os.path.join(folder, "news_000075_long_report.txt"), "w", encoding="utf-8") as fp:
        fp.write(text * max(1, int(megabytes * 1_000_000 / len(text))))


def wait_distribution(latencies: list[float]) -> list[str]:
    ms = [x * 1000 for x in latencies]
    over = sum(x > 1000 for x in ms)
    return [
        fmt_int(len(ms)),
        fmt(percentile(ms, 0.5)),
        fmt(percentile(ms, 0.9)),
        fmt(percentile(ms, 0.99)),
        fmt(max(ms)),
        fmt_int(over),
    ]


def ingest_while_reviewing(tmp: str, args) -> list[dict]:
    """Two reviewers deciding at a person's fast pace (one decision every 20 ms) with, and then
    without, an ingest of a slow document running: every decision's wait, and what was lost."""
    from bench_tui import generate

    from workbench.store.db import open_store

    template = os.path.join(tmp, "ingest-template.db")
    generate(template, args.ingest_claims)
    with open_store(template):
        pass
    corpus = os.path.join(tmp, "slow-corpus")
    slow_corpus(corpus, args.slow_mb)
    decisions = 400  # at 20 ms apart: about 10 s of reviewing, while the ingest reads and writes
    with_ingest, alone = [], []
    for run in range(args.runs):
        alone.append(measure(template, tmp, ["ann", "bob"], decisions, 50 + run, pause=0.02))
        with_ingest.append(measure(template, tmp, ["ann", "bob"], decisions, 50 + run, pause=0.02, corpus=corpus))
    print()
    print(
        f"Two reviewers deciding every 20 ms on {args.ingest_claims:,} claims while `workbench ingest` reads"
        f" 150 news documents and one of {args.slow_mb:g} MB; every decision's wait over {args.runs} runs:"
    )
    print()
    rows = []
    for label, runs in (("two writers alone", alone), ("two writers during the ingest", with_ingest)):
        rows.append(
            [
                label,
                *wait_distribution([x for r in runs for x in r["latencies"]]),
                "; ".join(p for r in runs for p in r["problems"]) or "none",
            ]
        )
    print(table(["writers", "decisions", "p50 ms", "p90 ms", "p99 ms", "max ms", "over 1 s", "lost"], rows))
    worst = max(max(r["latencies"]) for r in with_ingest)
    baseline = max(max(r["latencies"]) for r in alone)
    print()
    print(
        f"longest wait during the ingest / longest wait without it: {worst / baseline:.1f}"
        f" ({worst * 1000:.0f} ms / {baseline * 1000:.0f} ms)"
    )
    return [*alone, *with_ingest]


if __name__ == "__main__":
    if len(sys.argv) == 8 and sys.argv[1] == "--writer":
        writer(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], float(sys.argv[7]))
    else:
        main()
