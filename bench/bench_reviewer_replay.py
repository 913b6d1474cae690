"""Benchmark: the reviewer teaches the matcher (issue 12, item 3).

The dev set (`training/dev/docs`, 24 BBC articles with their gold in `training/dev-gold.json`)
is ingested into a fresh database. A simulated reviewer then decides the matcher's suggested
possible matches as the gold says (accept when the two claims are in one gold group, reject
otherwise), best-scored first, as the review UI lists a claim's suggestions. After 0, 10, 25 and
50 decisions the database is refitted and matched again, as `workbench match --refit` does
(`refit_database_model`, then `recompute_clusters`), and what the matcher still proposes is
scored against the gold, leaving out every pair the reviewer has decided:

- suggestions: the possible matches still waiting for a decision; precision is the share of
  them that are gold pairs, recall the share of undecided cross-document gold pairs that are
  suggested or already clustered;
- clusters: cross-document pairs of claims the matcher put in one cluster, precision, recall
  and F1 against the undecided cross-document gold pairs.

The same decisions are also replayed without the refit (matched again with the shipped model),
so that what the refit adds shows beside what the decisions alone do (accepted pairs are merged,
rejected ones never suggested again). Deterministic: no timing is measured.

    python bench/bench_reviewer_replay.py
    python bench/bench_reviewer_replay.py --steps 0,10,25,50,100
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from pathlib import Path

import common  # noqa: F401  (puts bench/ and the checkout on sys.path)
from common import machine_line, table

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "training" / "dev" / "docs"
GOLD = ROOT / "training" / "dev-gold.json"


def gold_pairs(gold: dict) -> tuple[set[tuple[str, str]], dict[str, str]]:
    """Pairs of gold claim ids stated as one quantity (any group), and each gold claim's document."""
    doc_of = {c["id"]: c["doc"] for c in gold["claims"]}
    pairs = set()
    for group in gold["groups"]:
        ids = sorted(m["claim_id"] for m in group["members"])
        pairs.update(itertools.combinations(ids, 2))
    return pairs, doc_of


def map_to_gold(conn, gold: dict) -> dict[str, str]:
    """Stored claim id -> gold claim id: the gold claim of the same document whose span overlaps
    it most (not the scorer's one-to-one matching: two stored claims may map to one gold claim)."""
    by_doc: dict[str, list[dict]] = {}
    for c in gold["claims"]:
        by_doc.setdefault(c["doc"], []).append(c)
    mapping = {}
    for claim_id, name, start, end in conn.execute(
        "SELECT c.id, d.name, c.start, c.end FROM claims c JOIN documents d ON d.id = c.doc_id"
    ):
        best = max(
            (g for g in by_doc.get(name, ()) if g["start"] < end and start < g["end"]),
            key=lambda g: min(end, g["end"]) - max(start, g["start"]),
            default=None,
        )
        if best is not None:
            mapping[claim_id] = best["id"]
    return mapping


def measure(conn, mapping: dict[str, str], pairs: set, doc_of: dict, decided: set) -> dict:
    """Precision and recall of the suggestions still open and of the clusters, decided pairs left out."""

    def gold_key(a: str, b: str):
        ga, gb = mapping.get(a), mapping.get(b)
        if ga is None or gb is None or ga == gb:
            return None
        return tuple(sorted((ga, gb)))

    extracted = set(mapping.values())
    open_gold = {
        p
        for p in pairs
        if doc_of[p[0]] != doc_of[p[1]] and p[0] in extracted and p[1] in extracted and p not in decided
    }
    suggested = set()
    for a, b in conn.execute("SELECT a, b FROM claim_links WHERE link = 'possible' AND status = 'suggested'"):
        key = gold_key(a, b)
        if key is not None and key not in decided:
            suggested.add(key)
    clustered = set()
    members: dict[str, list[str]] = {}
    for claim_id, cluster_id in conn.execute("SELECT claim_id, cluster_id FROM cluster_members"):
        members.setdefault(cluster_id, []).append(claim_id)
    for ids in members.values():
        for a, b in itertools.combinations(ids, 2):
            key = gold_key(a, b)
            if key is not None and doc_of[key[0]] != doc_of[key[1]] and key not in decided:
                clustered.add(key)

    def ratio(n: int, d: int) -> float | None:
        return n / d if d else None

    s_p = ratio(len(suggested & pairs), len(suggested))
    s_r = ratio(len((suggested | clustered) & open_gold), len(open_gold))
    c_p = ratio(len(clustered & pairs), len(clustered))
    c_r = ratio(len(clustered & open_gold), len(open_gold))
    c_f = 2 * c_p * c_r / (c_p + c_r) if c_p and c_r else None
    return {
        "suggested": len(suggested),
        "s_p": s_p,
        "s_r": s_r,
        "clustered": len(clustered),
        "c_p": c_p,
        "c_r": c_r,
        "c_f": c_f,
        "open_gold": len(open_gold),
    }


def replay(steps: list[int], refit: bool, gold: dict) -> list[dict]:
    from workbench.ingest import ingest_paths
    from workbench.store.clusters import recompute_clusters, refit_database_model
    from workbench.store.db import open_store
    from workbench.store.review.store import ReviewStore

    pairs, doc_of = gold_pairs(gold)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "replay.db"
        with open_store(path) as store:
            ingest_paths(store, [DOCS])
            mapping = map_to_gold(store.db.conn, gold)  # matching again never changes the claims
        decided: set = set()
        done = 0
        for step in steps:
            review = ReviewStore(str(path), "replay")
            while done < step:
                row = review.conn.execute(
                    "SELECT a, b FROM claim_links WHERE link = 'possible' AND status = 'suggested'"
                    " ORDER BY raw_score DESC, a, b LIMIT 1"
                ).fetchone()
                if row is None:
                    break
                a, b = row
                ga, gb = mapping.get(a), mapping.get(b)
                same = ga is not None and gb is not None and tuple(sorted((ga, gb))) in pairs
                review.set_link_status(a, b, "accepted" if same else "rejected")
                if ga is not None and gb is not None and ga != gb:
                    decided.add(tuple(sorted((ga, gb))))
                done += 1
            review.close()
            with open_store(path) as store:
                if refit and done:
                    refit_database_model(store.db)
                recompute_clusters(store.db)
            with open_store(path, read_only=True) as store:
                figures = measure(store.db.conn, mapping, pairs, doc_of, decided)
            rows.append({"decisions": done, **figures})
    return rows


def fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", default="0,10,25,50", help="decision counts to measure at")
    args = parser.parse_args(argv)
    steps = sorted({int(s) for s in args.steps.split(",")})
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    print(machine_line())
    print(
        f"dev set: {DOCS.relative_to(ROOT)}, gold {GOLD.relative_to(ROOT)}; suggestions decided best-scored first,"
        " as the gold says\n"
    )
    headers = [
        "matched with",
        "decisions",
        "open suggestions",
        "suggestion precision",
        "suggestion recall",
        "clustered pairs",
        "cluster precision",
        "cluster recall",
        "cluster F1",
        "undecided gold pairs",
    ]
    out = []
    for refit in (True, False):
        for row in replay(steps, refit, gold):
            out.append(
                [
                    "refitted model" if refit else "shipped model",
                    str(row["decisions"]),
                    str(row["suggested"]),
                    fmt(row["s_p"]),
                    fmt(row["s_r"]),
                    str(row["clustered"]),
                    fmt(row["c_p"]),
                    fmt(row["c_r"]),
                    fmt(row["c_f"]),
                    str(row["open_gold"]),
                ]
            )
    print(table(headers, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
