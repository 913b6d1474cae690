"""What checking a database costs: opening it (with its PRAGMA quick_check) and `workbench doctor`.
A benchmark, not a test: it prints figures and never fails on timing.

    python bench/bench_open.py [--claims 100000] [--runs 5] [--db PATH]

The database is generated as bench_tui.py generates it (documents of 50 claims, clusters of
three, some decisions), unless --db names one. Figures are medians of --runs, with the file in
the page cache (each is run once first, untimed); a cold read adds the disk's time to read it.
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import time

from common import machine_line, median, table

from bench_tui import generate


def timed(action, runs: int) -> float:
    action()  # untimed: fills the page cache, as for every run after the first
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return median(times)


def pragma(path: str, name: str):
    def run() -> None:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            assert conn.execute(f"PRAGMA {name}").fetchall() == [("ok",)]
        finally:
            conn.close()
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", help="an existing database to measure instead of a generated one")
    args = parser.parse_args()

    from workbench.store.db import open_store
    from workbench.store.doctor import examine

    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or os.path.join(tmp, "bench.db")
        if not args.db:
            generate(path, args.claims)
        with open_store(path) as store:  # migrated and checkpointed before anything is timed
            claims = store.count_claims()
        size = os.path.getsize(path) / 2**20
        rows = [
            ["PRAGMA quick_check", f"{timed(pragma(path, 'quick_check'), args.runs):.3f}"],
            ["PRAGMA integrity_check", f"{timed(pragma(path, 'integrity_check'), args.runs):.3f}"],
            ["open_store (with quick_check)", f"{timed(lambda: open_store(path).close(), args.runs):.3f}"],
            ["workbench doctor (examine)", f"{timed(lambda: examine(path), args.runs):.3f}"],
        ]
    print(machine_line())
    print(f"{claims:,} claims, {size:.1f} MB; median of {args.runs} runs, file in the page cache\n")
    print(table(["step", "seconds"], rows))


if __name__ == "__main__":
    main()
