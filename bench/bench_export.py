"""How fast `workbench export` writes each format, and whether its memory grows with the database:
a benchmark, not a test. It prints figures and never fails on timing.

    python bench/bench_export.py [--sizes 25000,100000] [--runs 3] [--keep DIR]
                                 [--db DB] [--one-piece-too] [--unstored-frames-too]

For each size it generates a database of synthetic claims with bench_tui's generator (documents of
50 claims, 60% of them in clusters of three, a reviewer who has judged a fifth of them), adds a
scripted review on top (notes on a tenth of the decisions, a second reviewer on 5% of the claims,
a cluster-wide decision on 1% of the clusters, decisions orphaned by a re-ingest on 1% as many
claims as are stored, a review-log entry for every decision), stores each claim's quantity frame
as matching would, then runs
`workbench export --db DB --format F -o FILE` in a fresh process for each format, --runs times.

Figures per format and size: the export's own time inside the process (median, wall and CPU), the
whole command's wall time from process start, the output's size, and the process's peak RSS
(VmHWM, Linux) just before the export and at its end. Memory that does not grow with the number of
claims shows as the same peak at every size. `--db` times a real database instead (it is only
read); `--one-piece-too` also times each Markdown and HTML report rendered by one process, and
`--unstored-frames-too` the JSON export of a copy whose frames are not stored (a database matched
before the current FRAMES_VERSION), which reads every frame from the text.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import fmt, machine_line, median, table

from bench_tui import generate

FORMATS = ("md", "html", "json", "csv", "claimreview")
EXTENSIONS = {"md": "md", "html": "html", "json": "json", "csv": "csv", "claimreview": "jsonld"}

# Runs in the child: import the CLI, note the peak RSS, export, note the time and the peak RSS again.
CHILD = r"""
import json, sys, time
from workbench.cli import main
import workbench.export, workbench.store.db, workbench.store.report_queries, workbench.core.report.as_html
import workbench.core.report.as_markdown, workbench.core.report.as_csv, workbench.core.report.as_claimreview

def peak_kb():  # VmHWM: this process's own peak (ru_maxrss keeps the parent's across fork and exec)
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))

if sys.argv[1] == "--one-piece":  # the baseline: every report rendered in this process alone
    workbench.export.PIECES_FROM_CLAIMS = float("inf")
    del sys.argv[1]
before = peak_kb()
wall, cpu = time.perf_counter(), time.process_time()
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    print(json.dumps({"s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu,
                      "rss_before_kb": before, "rss_kb": peak_kb()}), file=sys.stderr)
"""

# Runs the process that renders a report's second piece, alone (given the summary the export
# would send, it chooses the cut the export would use), and prints its peak RSS (the export's own figure does not include that process).
PIECE = r"""
import io, json, pickle, sys
from pathlib import Path
from workbench import export
from workbench.store.db import open_store
from workbench.store.report_queries import ReportQueries

with open_store(Path(sys.argv[1]), create=False, read_only=True) as store:  # as the export sends it
    summary = ReportQueries(store.db.conn, Path(sys.argv[1]).name).summary()
sys.stdin = io.TextIOWrapper(io.BytesIO(pickle.dumps(summary)))
code = export._render_tail(sys.argv[1:])
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({"code": code, "rss_kb": peak}), file=sys.stderr)
"""


def piece_peak_mb(db: str, fmt_: str, out: str) -> float:
    """The peak RSS of the second piece's process, in MB."""
    result = subprocess.run([sys.executable, "-c", PIECE, db, fmt_, out], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"the second piece of {fmt_} failed: {result.stderr.strip()}")
    figures = json.loads(result.stderr.strip().splitlines()[-1])
    if figures["code"] != 0:
        raise SystemExit(f"the second piece of {fmt_} failed")
    return figures["rss_kb"] / 1024


def add_review(path: str, seed: int = 11) -> dict:
    """The scripted review on top of the generator's: notes, a second reviewer, cluster decisions, the log."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    claims = [row[0] for row in conn.execute("SELECT id FROM claims ORDER BY rowid")]
    decided = conn.execute("SELECT claim_id, verdict FROM decisions ORDER BY claim_id").fetchall()
    noted = rng.sample(decided, len(decided) // 10)
    conn.executemany(
        "UPDATE decisions SET note = ?, decided_at = '2024-01-02T10:00:00+00:00'"
        " WHERE claim_id = ? AND reviewer = 'bench'",
        [
            (f"Checked against the source table, row {i}; <b>see</b> the annex.", cid)
            for i, (cid, _) in enumerate(noted)
        ],
    )
    second = rng.sample(claims, len(claims) // 20)
    conn.executemany(
        "INSERT INTO decisions (claim_id, reviewer, verdict, note, scope, decided_at)"
        " VALUES (?, 'second', ?, NULL, 'claim', '2024-01-03T11:00:00+00:00')",
        [(cid, rng.choice(["consistent", "conflicting", "unverified"])) for cid in second],
    )
    clusters = [row[0] for row in conn.execute("SELECT id FROM clusters ORDER BY id")]
    whole = rng.sample(clusters, len(clusters) // 100)
    conn.executemany(
        "INSERT OR REPLACE INTO decisions (claim_id, reviewer, verdict, note, scope, decided_at)"
        " SELECT claim_id, 'bench', 'consistent', NULL, 'cluster', '2024-01-04T12:00:00+00:00'"
        " FROM cluster_members WHERE cluster_id = ?",
        [(k,) for k in whole],
    )
    orphans = [
        (f"gone{n:07d}", f"doc{n % 97:05d}.txt", n, f"{n % 90 + 5}%", n % 90 / 100 + 0.05)
        for n in range(len(claims) // 100)
    ]
    conn.executemany(
        'INSERT INTO orphaned_claims (claim_id, doc_name, doc_sha256, "start", "end", surface,'
        " sentence, kind, value, orphaned_at) VALUES (?, ?, '', ?, ?, ?, 'A sentence since edited.',"
        " 'proportion', ?, '2024-01-05T09:00:00+00:00')",
        [(cid, doc, n, n + len(surface), surface, json.dumps(value)) for cid, doc, n, surface, value in orphans],
    )
    conn.executemany(
        "INSERT INTO decisions (claim_id, reviewer, verdict, note, scope, decided_at)"
        " VALUES (?, 'bench', 'consistent', 'Decided before the edit.', 'claim', '2024-01-02T10:00:00+00:00')",
        [(cid,) for cid, *_ in orphans],
    )
    conn.execute(
        "INSERT INTO review_log (batch, reviewer, at, action, claim_id, to_verdict, to_note, to_scope)"
        " SELECT rowid, reviewer, decided_at, 'decide', claim_id, verdict, note, scope"
        " FROM decisions ORDER BY decided_at, claim_id"
    )
    conn.commit()
    counts = {
        "claims": len(claims),
        "decisions": conn.execute("SELECT count(*) FROM decisions").fetchone()[0],
        "log": conn.execute("SELECT count(*) FROM review_log").fetchone()[0],
        "orphaned": len(orphans),
    }
    conn.close()
    return counts


def store_frames(path: str) -> int:
    """Store every claim's quantity frame, read as matching reads and stores it, so that the
    generated database is like one `workbench match` has matched; the number stored."""
    from workbench.core.frames import FRAMES_VERSION, FrameReader
    from workbench.store import rows
    from workbench.store.clusters import document_loader
    from workbench.store.report_queries import ReportQueries

    conn = sqlite3.connect(path)
    read = FrameReader(document_loader(conn))
    assignments = ", ".join(f"{column} = ?" for column in rows.FRAME_COLUMNS)
    values = [
        (*rows.frame_values(read(claim)), FRAMES_VERSION, claim.id)
        for claim, *_ in ReportQueries(conn, Path(path).name).export_claims()
    ]
    conn.executemany(f"UPDATE claims SET {assignments}, frames_version = ? WHERE id = ?", values)
    conn.commit()
    conn.close()
    return len(values)


def without_frames(path: str, copy: str) -> str:
    """A copy of the database whose claims hold no stored frame (one matched before this
    FRAMES_VERSION), so that the JSON export reads each frame from the text."""
    source = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.execute("UPDATE claims SET frames_version = NULL")
    target.commit()
    target.close()
    return copy


def export_once(db: str, fmt_: str, out: str, *, one_piece: bool = False) -> dict:
    """One export in a fresh process: the child's own figures plus the command's wall time;
    `one_piece`: a Markdown or HTML report rendered in that process alone (the baseline)."""
    started = time.perf_counter()
    flag = ["--one-piece"] if one_piece else []
    result = subprocess.run(
        [sys.executable, "-c", CHILD, *flag, "export", "--db", db, "--format", fmt_, "-o", out],
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"export --format {fmt_} failed: {result.stderr.strip()}")
    figures = json.loads(result.stderr.strip().splitlines()[-1])
    return {**figures, "command_s": wall, "mb": os.path.getsize(out) / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="25000,100000", help="claims per database, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="exports per format and size (the median is shown)")
    parser.add_argument("--formats", default=",".join(FORMATS), help="formats to time, comma-separated")
    parser.add_argument("--keep", help="build the databases and write the exports in this folder, and keep them")
    parser.add_argument(
        "--db", help="time the exports of this database instead (real text, such as Reuters-21578); it is only read"
    )
    parser.add_argument(
        "--one-piece-too",
        action="store_true",
        help="also time each Markdown and HTML report rendered in one process, alternating with the usual two pieces",
    )
    parser.add_argument(
        "--unstored-frames-too",
        action="store_true",
        help="also time the JSON export of a copy whose claims hold no stored frame, which reads each from the text",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    formats = [f for f in args.formats.split(",") if f]
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_export_"))
    folder.mkdir(parents=True, exist_ok=True)
    print(machine_line())
    rows, peaks = [], {}
    databases = []
    if args.db:
        conn = sqlite3.connect(f"file:{Path(args.db).resolve()}?mode=ro", uri=True)
        claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        decisions = conn.execute("SELECT count(*) FROM decisions").fetchone()[0]
        conn.close()
        print(
            f"{args.db}: {claims:,} claims, {decisions:,} decisions, {os.path.getsize(args.db) / 1e6:.0f} MB database"
        )
        databases.append((claims, args.db))
        sizes = [claims]
    for size in sizes if not args.db else ():
        db = str(folder / f"claims_{size}.db")
        generate(db, size)
        counts = add_review(db)
        framed = store_frames(db)
        print(
            f"{size:,} claims: {counts['decisions']:,} decisions ({counts['orphaned']:,} orphaned),"
            f" {counts['log']:,} log entries, {framed:,} frames stored as matching stores them,"
            f" {os.path.getsize(db) / 1e6:.0f} MB database",
            flush=True,
        )
        databases.append((size, db))
    for size, db in databases:
        cases = [(fmt_, db, "") for fmt_ in formats]
        if args.unstored_frames_too and "json" in formats:
            cases.append(("json", without_frames(db, str(folder / f"unframed_{size}.db")), " frames unstored"))
        for fmt_, db, case in cases:
            out = str(folder / f"export_{size}.{EXTENSIONS[fmt_]}")
            kinds = [False, True] if args.one_piece_too and fmt_ in ("md", "html") else [False]
            runs = {kind: [] for kind in kinds}
            for _ in range(args.runs):  # alternating, so that both meet the same load
                for kind in kinds:
                    runs[kind].append(export_once(db, fmt_, out, one_piece=kind))
            for kind in kinds:
                done = runs[kind]
                peak = median([r["rss_kb"] for r in done]) / 1024
                if not kind and not case:
                    peaks[(fmt_, size)] = peak
                piece = piece_peak_mb(db, fmt_, out + ".piece") if not kind and fmt_ in ("md", "html") else 0
                rows.append(
                    [
                        f"{fmt_}{' one piece' if kind else ''}{case} {size:,}",
                        fmt(median([r["s"] for r in done])),
                        fmt(median([r["cpu_s"] for r in done])),
                        fmt(median([r["command_s"] for r in done])),
                        fmt(done[-1]["mb"], 1),
                        fmt(median([r["rss_before_kb"] for r in done]) / 1024, 0),
                        fmt(peak, 0),
                        fmt(piece, 0) if piece else "—",
                    ]
                )
                print(f"  {rows[-1][0]}: {rows[-1][1]} s", flush=True)
            if len(kinds) == 2:
                ratio = median([r["s"] for r in runs[False]]) / median([r["s"] for r in runs[True]])
                print(f"  {fmt_}: two pieces / one piece = {ratio:.2f}", flush=True)
            if case and not args.keep:
                for path in folder.glob(f"unframed_{size}.db*"):
                    path.unlink()
        if not args.keep and not args.db:
            for path in folder.glob(f"*_{size}.*"):
                path.unlink()
    print()
    print(f"Medians of {args.runs} runs, each in a fresh process.")
    print(
        table(
            [
                "format, claims",
                "export s",
                "export CPU s",
                "command s",
                "output MB",
                "RSS before MB",
                "peak RSS MB",
                "2nd piece peak RSS MB",
            ],
            rows,
        )
    )
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        print()
        print(f"Peak RSS growth from {small:,} to {large:,} claims ({large / small:g}x the claims):")
        for fmt_ in formats:
            print(
                f"  {fmt_}: {peaks[(fmt_, small)]:.0f} MB -> {peaks[(fmt_, large)]:.0f} MB"
                f" ({peaks[(fmt_, large)] - peaks[(fmt_, small)]:+.0f} MB)"
            )
    if not args.keep:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
