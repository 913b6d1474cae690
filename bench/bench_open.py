"""What checking a database costs: opening it for each kind of command, and `workbench doctor`.
A benchmark, not a test: it prints figures and never fails on timing.

    python bench/bench_open.py [--claims 100000] [--runs 5] [--db PATH]

"before" is the open as it was until issue 16 (the same open with a whole-file PRAGMA
quick_check); "after" checks what the command writes (store.integrity).

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

    from pathlib import Path

    from workbench.store import integrity
    from workbench.store.db import open_store
    from workbench.store.doctor import examine

    def whole_file(path):
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()

    def checked(path, tables):
        def run() -> None:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                integrity.refuse_damaged(conn, Path(path), tables)
            finally:
                conn.close()

        return run

    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or os.path.join(tmp, "bench.db")
        if not args.db:
            generate(path, args.claims)
        with open_store(path) as store:  # migrated and checkpointed before anything is timed
            claims = store.count_claims()
        size = os.path.getsize(path) / 2**20
        quick = timed(lambda: whole_file(path), args.runs)
        steps = [
            ("open to read (claims, export, agreement)", lambda: open_store(path, read_only=True).close()),
            ("open to write (match, assign, claim, cluster)", lambda: open_store(path).close()),
            ("review: check before the first write (unchanged)", checked(path, None)),
            ("ingest: + the documents' tables, before storing", checked(path, integrity.DOCUMENT_TABLES)),
        ]
        rows = []
        for name, step in steps:
            after = timed(step, args.runs)
            before = after + quick if name.startswith("open") else quick
            rows.append([name, f"{before:.3f}", f"{after:.3f}", f"{before / max(after, 1e-6):.0f}x"])
        rows.append(
            ["PRAGMA integrity_check (doctor's)", "", f"{timed(pragma(path, 'integrity_check'), args.runs):.3f}", ""]
        )
        rows.append(["workbench doctor (examine)", "", f"{timed(lambda: examine(path), args.runs):.3f}", ""])
    print(machine_line())
    print(f"{claims:,} claims, {size:.1f} MB; median of {args.runs} runs, file in the page cache\n")
    print(table(["step", "before s", "after s", "before/after"], rows))


if __name__ == "__main__":
    main()
