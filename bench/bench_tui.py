"""How fast the review UI is on a large database: a benchmark, not a test. It prints figures and
never fails on timing.

    python bench/bench_tui.py [--claims 100000] [--db PATH] [--keys 200]

It generates a database of synthetic claims (documents, clusters of three, links, some earlier
decisions) by inserting rows directly, or times a copy of a real database given with --db, then starts the review in a real process on a
pseudo-terminal, as a user would, and reads the timings the app records when WORKBENCH_TRACE
names a file:

* first screen: from starting the process to the first refresh that shows the claims;
* next claim and decision: from the key's handler to the end of the refresh that follows it,
  measured inside the app (p50 / p95 / max over --keys presses, one at a time);
* memory: the process's peak resident set size (VmHWM).
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import random
import signal
import sqlite3
import statistics
import struct
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

CLAIMS_PER_DOC = 50
SUBJECTS = [
    "councils judged inadequate",
    "children in care",
    "child protection referrals",
    "social workers",
    "inspections completed",
    "budget cuts",
    "looked-after children",
    "serious case reviews",
]


GENERATED_MARK = "bench_tui_generated"  # a table only databases this benchmark made carry


def is_generated(path: str) -> bool:
    """Whether `path` is a database `generate` made (and so may be replaced or reset)."""
    conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [GENERATED_MARK]).fetchone() is not None
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def prepare(db: str | None, n_claims: int, workdir: str) -> tuple[str, int]:
    """The database to time and its number of claims. Without `db`, or with one this benchmark
    generated, a generated database of `n_claims` (made again when the count differs). Any other
    database (a real one, say of Reuters-21578) is copied into `workdir` and timed as it is: the
    benchmark resets the copy's sessions and never writes to, or replaces, a file it did not make."""
    path = db or os.path.join(tempfile.gettempdir(), f"workbench-bench-{n_claims}.db")
    if os.path.exists(path) and not is_generated(path):
        copy = os.path.join(workdir, "bench-copy.db")
        source = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
        target = sqlite3.connect(copy)
        source.backup(target)
        source.close()
        path = copy
        print(f"timing a copy of {db}: {copy}")
    else:
        if not os.path.exists(path) or _count(path) != n_claims:
            t = time.perf_counter()
            generate(path, n_claims)
            print(f"generated {n_claims:,} claims in {time.perf_counter() - t:.1f} s: {path}")
        target = sqlite3.connect(path)
    # a fresh session each run: the reviewer starts at the top of the default view
    target.execute("DELETE FROM sessions")
    target.execute("DELETE FROM review_log")
    target.commit()
    target.close()
    return path, _count(path)


def _count(path: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
    finally:
        conn.close()


def generate(path: str, n_claims: int, seed: int = 7) -> None:
    """A database of `n_claims` claims in documents of 50, 60% of them in clusters of three."""
    from sqlite_utils import Database

    from workbench.store.schema import migrations

    if os.path.exists(path):
        if not is_generated(path):
            raise SystemExit(f"bench_tui: {path}: not a database this benchmark generated; it is never replaced")
        os.remove(path)
    db = Database(path)
    migrations.apply(db)
    db.close()
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.execute(f"CREATE TABLE {GENERATED_MARK} (claims INTEGER)")
    conn.execute(f"INSERT INTO {GENERATED_MARK} VALUES (?)", [n_claims])
    conn.commit()
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    n_docs = (n_claims + CLAIMS_PER_DOC - 1) // CLAIMS_PER_DOC
    docs, passages, claims = [], [], []
    claim_no = 0
    for d in range(n_docs):
        doc_id = f"d{d:016x}"
        parts, pos, paragraph_start = [], 0, 0
        for j in range(min(CLAIMS_PER_DOC, n_claims - claim_no)):
            subject = SUBJECTS[(d + j) % len(SUBJECTS)]
            value = rng.randint(2, 5000)
            sentence = f"In {2010 + j % 12} the number of {subject} reached {value:,} across the region."
            start = pos + sentence.index(f"{value:,}")
            claims.append(
                (
                    f"c{claim_no:08x}",
                    doc_id,
                    j,
                    start,
                    start + len(f"{value:,}"),
                    f"{value:,}",
                    "count",
                    float(value),
                    "exact",
                    subject,
                    "body",
                    pos,
                    pos + len(sentence),
                    paragraph_start,
                    None,
                )
            )
            parts.append(sentence)
            pos += len(sentence)
            sep = "\n\n" if j % 5 == 4 else " "
            if sep == "\n\n":
                passages.append((doc_id, len(passages), paragraph_start, pos))
                paragraph_start = pos + 2
            parts.append(sep)
            pos += len(sep)
            claim_no += 1
        text = "".join(parts)
        docs.append(
            (
                doc_id,
                f"doc{d:06}.txt",
                f"doc{d:06}.txt",
                f"{d:064x}",
                "utf-8",
                "text/plain",
                f"Regional report {d}",
                f"20{10 + d % 12}-0{1 + d % 9}-1{d % 10}",
                "Desk",
                text,
                len(text),
                CLAIMS_PER_DOC,
                "bench",
                "2024-01-01",
            )
        )
    # passage_end: the end of each claim's paragraph
    ends = {}
    for doc_id, _, start, end in passages:
        ends[(doc_id, start)] = end
    claims = [c[:14] + (ends.get((c[1], c[13]), c[12]),) for c in claims]
    conn.executemany(
        "INSERT INTO documents (id, name, path, sha256, encoding, media_type, title, published, author,"
        " text, chars, claim_count, extractor_version, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        docs,
    )
    conn.executemany("INSERT INTO passages (doc_id, idx, start, end) VALUES (?,?,?,?)", passages)
    conn.executemany(
        "INSERT INTO claims (id, doc_id, seq, start, end, surface, kind, value, qualifier, subject,"
        " section, sentence_start, sentence_end, passage_start, passage_end) VALUES"
        " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        claims,
    )
    # clusters of three claims from three documents; a fifth of them differ
    ids = [c[0] for c in claims]
    clustered = int(len(ids) * 0.6) // 3 * 3
    order = list(range(len(ids)))
    rng.shuffle(order)
    clusters, members = [], []
    for k in range(clustered // 3):
        picked = [ids[i] for i in order[3 * k : 3 * k + 3]]
        differ = k % 5 == 0
        verdict = "conflicting" if differ and k % 2 else ("unverified" if differ else "consistent")
        clusters.append(
            (
                f"k{k:07}",
                "differ" if differ else "agree",
                verdict,
                "values compared by the generator",
                SUBJECTS[k % len(SUBJECTS)],
                "count",
                3,
            )
        )
        members += [(cid, f"k{k:07}", "member") for cid in picked]
    conn.executemany(
        "INSERT INTO clusters (id, relation, suggested_verdict, explanation, subject, kind, size)"
        " VALUES (?,?,?,?,?,?,?)",
        clusters,
    )
    conn.executemany("INSERT INTO cluster_members (claim_id, cluster_id, role) VALUES (?,?,?)", members)
    links = set()
    for _ in range(len(ids) // 10):
        a, b = sorted(rng.sample(ids, 2))
        links.add((a, b, rng.choice(["possible", "related"]), rng.random(), rng.random(), "suggested", "generated"))
    conn.executemany(
        "INSERT INTO claim_links (a, b, link, raw_score, masked_score, status, explanation) VALUES (?,?,?,?,?,?,?)",
        list(links),
    )
    # a reviewer who has done a fifth of the work already
    decided = rng.sample(ids, len(ids) // 5)
    conn.executemany(
        "INSERT INTO decisions (claim_id, reviewer, verdict, note, scope, decided_at) VALUES"
        " (?, 'bench', ?, NULL, 'claim', '2024-01-01')",
        [(cid, rng.choice(["consistent", "conflicting", "unverified"])) for cid in decided],
    )
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


class Terminal:
    """The review in a child process on a pseudo-terminal, its output drained."""

    def __init__(self, args, env, size):
        self.started = time.time()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvpe(args[0], args, env)
        cols, rows = size
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        while True:
            try:
                if not os.read(self.fd, 65536):
                    return
            except OSError:
                return

    def type(self, keys: str):
        os.write(self.fd, keys.encode())

    def peak_rss_mb(self) -> float:
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def kill(self):
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def events(trace: str, name: str) -> list[dict]:
    if not os.path.exists(trace):
        return []
    with open(trace, encoding="utf-8") as f:
        return [e for line in f if line.endswith("\n") and (e := json.loads(line))["event"] == name]


def wait(trace: str, name: str, count: int, timeout: float = 60.0) -> list[dict]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = events(trace, name)
        if len(found) >= count:
            return found
        time.sleep(0.005)
    raise TimeoutError(f"{name}: {len(events(trace, name))} of {count}")


def press_one_at_a_time(term: Terminal, trace: str, key: str, event: str, times: int) -> list[float]:
    start = len(events(trace, event))
    for i in range(times):
        term.type(key)
        wait(trace, event, start + i + 1)
        time.sleep(0.01)
    return [(e["ms"], e["cpu_ms"]) for e in events(trace, event)[start:]]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(db: str, size: tuple[int, int], keys: int) -> dict:
    trace = tempfile.mktemp(suffix=".jsonl")
    env = {**os.environ, "WORKBENCH_TRACE": trace, "TERM": "xterm-256color"}
    code = "import sys; from workbench.tui.app import run_review; run_review(sys.argv[1], 'bench')"
    term = Terminal([sys.executable, "-c", code, db], env, size)
    try:
        first = wait(trace, "first_screen", 1)[0]
        figures = {"first_screen_s": first["t"] - term.started, "first_screen_cpu_s": first["cpu_s"]}
        if keys:
            figures["next"] = press_one_at_a_time(term, trace, "j", "next", keys)
            figures["decide"] = press_one_at_a_time(term, trace, "c", "decide", keys)
            figures["unreviewed"] = press_one_at_a_time(term, trace, " ", "find_unreviewed", max(1, keys // 10))
        figures["rss_mb"] = term.peak_rss_mb()
    finally:
        term.kill()
        os.path.exists(trace) and os.remove(trace)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument(
        "--db",
        help="a generated database to reuse or create here, or any other database"
        " to time as it is (on a copy: the file itself is never written)",
    )
    parser.add_argument("--keys", type=int, default=200, help="presses of each key to time")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-tui-") as workdir:
        db, n_claims = prepare(args.db, args.claims, workdir)
        report(db, n_claims, args.keys)


def report(db: str, n_claims: int, keys: int) -> None:
    """Time the review UI on `db` at three terminal sizes and print the figures."""

    print(f"\nreview UI on {n_claims:,} claims ({Path(db).stat().st_size / 1e6:.0f} MB database)")
    print(
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs: wall times include waiting for a CPU;"
        " 'cpu' is the app's own main-thread time)"
    )
    print(f"{'measure':<46}{'p50':>8}{'p95':>8}{'max':>8}{'cpu p50':>9}{'cpu p95':>9}   target")
    for size in [(120, 40), (80, 24), (200, 60)]:
        figures = run(db, size, keys if size == (120, 40) else 0)
        label = f"{size[0]}x{size[1]}"
        print(
            f"{'first screen from process start (s) ' + label:<46}{figures['first_screen_s']:>8.2f}"
            f"{'':>16}{figures['first_screen_cpu_s']:>9.2f}{'':>9}   < 1 s"
        )
        for name, title in (
            ("next", "next claim (ms)"),
            ("decide", "decide, then next claim (ms)"),
            ("unreviewed", "next unreviewed (ms)"),
        ):
            if name in figures:
                wall = [w for w, _ in figures[name]]
                cpu = [c for _, c in figures[name]]
                print(
                    f"{title + ' ' + label:<46}{statistics.median(wall):>8.1f}{percentile(wall, 0.95):>8.1f}"
                    f"{max(wall):>8.1f}{statistics.median(cpu):>9.1f}{percentile(cpu, 0.95):>9.1f}   "
                    + ("p95 < 50 ms" if name != "unreviewed" else "")
                )
        print(f"{'peak memory (MB) ' + label:<46}{figures['rss_mb']:>8.0f}{'':>34}   < 300 MB")


if __name__ == "__main__":
    main()
