"""Benchmark: cross-document matching at 10,000, 50,000 and 100,000 claims.

Generates news-like documents with planted groups of claims that state one quantity
(reworded, rounded, or with the figure changed) and distractors (the same figure about a
different thing), runs the matcher, and prints a table: seconds (median of the runs), peak
memory (the process's resident peak, from resource.getrusage ru_maxrss, measured in a fresh
child process per size), the recall of planted pairs, and for the smallest size the recall of
all-pairs scoring for comparison. It prints figures; it never fails on timing.

    python bench/bench_matching.py                  # 10k, 50k, 100k; 3 runs each
    python bench/bench_matching.py --sizes 10000 --runs 1

On real text, against the matcher of another commit in the same run (its `workbench/` is
extracted with `git archive` into a temporary folder and run in its own child process):

    python ../shared/corpus/reuters21578/to_text.py /tmp/reuters --limit 6000
    python bench/bench_matching.py --real /tmp/reuters --baseline 6dafbb4 --sizes 10000 20000
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import statistics
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from workbench.core.match.pipeline import MatchConfig, match_claims
from workbench.core.model import Claim, Document

CLAIMS_PER_DOC = 10
PLANTED_SHARE = 0.3  # share of claims that belong to a planted group
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ter",
    "van",
    "sul",
    "dro",
    "pen",
    "ric",
    "bal",
    "tor",
    "nes",
    "fi",
    "gam",
    "hul",
    "zor",
    "ple",
    "qua",
    "wen",
    "yo",
    "bri",
    "cas",
    "dun",
    "eph",
]
VERBS = [
    ("rose to", "climbed to", "increased to"),
    ("fell to", "dropped to", "declined to"),
    ("stood at", "was", "reached"),
]
OPENERS = [
    "Official figures show that",
    "According to the latest report,",
    "Analysts said",
    "The data suggest that",
    "Ministers were told that",
    "",
]
CLOSERS = ["last year", "in the latest figures", "according to officials", "this year", "over the period", ""]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _write_value(value: int, rounded: bool) -> tuple[str, int]:
    if rounded:
        magnitude = 10 ** max(len(str(value)) - 2, 0)
        value = round(value / magnitude) * magnitude
    return f"{value:,}", value


class Quantity:
    """One measured thing: its describing words, counted noun, figure and verb family."""

    def __init__(self, rng: random.Random, vocab: list[str]):
        self.words = rng.sample(vocab, 4)
        self.noun = rng.choice(vocab)
        self.value = rng.randint(1_000, 999_999)
        self.verbs = rng.choice(VERBS)

    def sentence(
        self, rng: random.Random, *, value: int | None = None, rounded: bool = False, reword: bool = False
    ) -> tuple[str, str, int]:
        figure, written = _write_value(value if value is not None else self.value, rounded)
        words = list(self.words)
        if reword:
            rng.shuffle(words)
        verb = rng.choice(self.verbs)
        opener, closer = rng.choice(OPENERS), rng.choice(CLOSERS)
        head = f"{opener} the number of {' '.join(words[:2])} {self.noun} in {' '.join(words[2:])} {verb} "
        text = f"{head.strip()} {figure} {closer}".strip() + "."
        return text[0].upper() + text[1:], figure, written


def generate(n_claims: int, seed: int = 7):
    """Documents and claims with planted groups; returns (claims, documents, planted pairs)."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng, max(5_000, n_claims))
    n_docs = max(2, n_claims // CLAIMS_PER_DOC)
    slots: list[list] = [[] for _ in range(n_docs)]
    planted: list[tuple[int, int]] = []
    serial = itertools.count()
    placed = 0
    while placed < n_claims * PLANTED_SHARE:
        q = Quantity(rng, vocab)
        size = rng.choice((2, 2, 3, 4))
        docs = rng.sample(range(n_docs), size)
        ids = []
        for k, d in enumerate(docs):
            variant = rng.random()
            if k == 0 or variant < 0.4:
                item = q.sentence(rng, reword=k > 0)
            elif variant < 0.8:
                item = q.sentence(rng, rounded=True, reword=True)
            else:  # the figure changed: a conflict to be found, not a different quantity
                item = q.sentence(rng, value=int(q.value * rng.uniform(1.1, 1.4)))
            cid = next(serial)
            slots[d].append((cid, item))
            ids.append(cid)
        planted.extend(itertools.combinations(ids, 2))
        # A distractor: the same figure, written the same way, about something else.
        other = Quantity(rng, vocab)
        other.value = q.value
        slots[rng.randrange(n_docs)].append((next(serial), other.sentence(rng)))
        placed += size + 1
    while placed < n_claims:
        slots[rng.randrange(n_docs)].append((next(serial), Quantity(rng, vocab).sentence(rng)))
        placed += 1
    claims: list[Claim] = []
    documents: dict[str, Document] = {}
    for d, items in enumerate(slots):
        name = f"doc{d:06d}.txt"
        text_parts: list[str] = []
        offset = 0
        for cid, (sentence, figure, written) in items:
            start = sentence.index(figure)
            claims.append(
                Claim(
                    id=f"c{cid}",
                    doc_name=name,
                    start=offset + start,
                    end=offset + start + len(figure),
                    surface=figure,
                    kind="count",
                    value=written,
                    sentence_start=offset,
                    sentence_end=offset + len(sentence),
                )
            )
            text_parts.append(sentence)
            offset += len(sentence) + 1
        documents[name] = Document(name=name, sha256=f"{d:064d}", text=" ".join(text_parts), published="2015-05-21")
    return claims, documents, [(f"c{a}", f"c{b}") for a, b in planted]


def precision(result, planted: list[tuple[str, str]]) -> float:
    """Share of the clustered pairs that are planted pairs (the synthetic text is formulaic, so
    this is a floor, not an estimate of precision on real news)."""
    wanted = {frozenset(p) for p in planted}
    pairs = [frozenset(p) for k in result.clusters for p in itertools.combinations(k.claim_ids, 2)]
    return sum(p in wanted for p in pairs) / len(pairs) if pairs else 1.0


def recall(result, planted: list[tuple[str, str]]) -> float:
    cluster_of = result.cluster_of()
    found = sum(1 for a, b in planted if a in cluster_of and cluster_of.get(a) == cluster_of.get(b))
    return found / len(planted) if planted else 1.0


def measure(n: int, runs: int, all_pairs: bool = False) -> dict:
    """Run the matcher on n claims `runs` times; seconds, peak memory and recall."""
    claims, documents, planted = generate(n)
    config = MatchConfig(all_pairs=all_pairs)
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = match_claims(claims, documents, config)
        times.append(time.perf_counter() - start)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "n": n,
        "seconds": statistics.median(times),
        "runs": runs,
        "peak_mib": peak_kib / 1024,
        "recall": recall(result, planted),
        "precision": precision(result, planted),
        "planted_pairs": len(planted),
        "clusters": len(result.clusters),
        "all_pairs": all_pairs,
    }


def real_claims(folder: str, n: int):
    """Claims of the text files in `folder`, in name order, until there are n of them."""
    from workbench.core.claims import extract_claims
    from workbench.core.documents import load_document

    claims, documents = [], {}
    for path in sorted(Path(folder).glob("*.txt")):
        doc = load_document(path)
        documents[doc.name] = doc
        claims.extend(extract_claims(doc))
        if len(claims) >= n:
            break
    return claims[:n], documents


def measure_real(folder: str, n: int, runs: int) -> dict:
    """Match n real claims `runs` times; seconds, peak memory, clusters and the largest one."""
    claims, documents = real_claims(folder, n)
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = match_claims(claims, documents)
        times.append(time.perf_counter() - start)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    clustered = sum(len(k.claim_ids) for k in result.clusters)
    return {
        "n": len(claims),
        "seconds": statistics.median(times),
        "runs": runs,
        "peak_mib": peak_kib / 1024,
        "clusters": len(result.clusters),
        "clustered": clustered,
        "largest": max((len(k.claim_ids) for k in result.clusters), default=0),
        "links": len(result.links),
        "code": str(Path(sys.modules[match_claims.__module__].__file__).parent),
    }


def _run_child(args: list[str], pythonpath: str | None = None) -> dict | None:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, env=env, cwd=pythonpath or None
    )
    if out.returncode != 0:
        print(f"{' '.join(args)}: exit {out.returncode}\n{out.stderr}", file=sys.stderr)
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def main_real(folder: str, sizes: list[int], runs: int, baseline: str | None) -> None:
    """The real-text table: this tree's matcher, and the baseline commit's, size by size."""
    with tempfile.TemporaryDirectory() as tmp:
        base_path = None
        if baseline:
            repo = Path(__file__).resolve().parent.parent
            archive = subprocess.run(
                ["git", "-C", str(repo), "archive", baseline, "workbench"], capture_output=True, check=True
            ).stdout
            subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
            base_path = tmp
        print(
            f"matching benchmark: real text from {folder}; medians of {runs} runs; peak memory ="
            f" ru_maxrss of a fresh process per size"
        )
        head = f"{'N':>8} {'seconds':>8} {'peak MiB':>9} {'clusters':>9} {'largest':>8} {'links':>7}"
        if baseline:
            head += f" | {'baseline s':>10} {'MiB':>6} {'clusters':>9} {'largest':>8} {'links':>7} {'time ratio':>10}"
        print(head)
        for n in sizes:
            row = _run_child(["--child-real", folder, str(n), str(runs)])
            if row is None:
                continue
            line = (
                f"{row['n']:>8,} {row['seconds']:>8.2f} {row['peak_mib']:>9.0f} "
                f"{row['clusters']:>9} {row['largest']:>8} {row['links']:>7}"
            )
            if base_path:
                old = _run_child(["--child-real", folder, str(n), str(runs)], base_path)
                if old is not None:
                    line += (
                        f" | {old['seconds']:>10.2f} {old['peak_mib']:>6.0f} {old['clusters']:>9} "
                        f"{old['largest']:>8} {old['links']:>7} "
                        f"{row['seconds'] / old['seconds']:>10.2f}"
                    )
            print(line)
        if base_path:
            print(f"time ratio = this tree / baseline {baseline}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-all-pairs", action="store_true", help="skip the all-pairs comparison")
    parser.add_argument("--child", nargs=3, metavar=("N", "RUNS", "ALL_PAIRS"), help=argparse.SUPPRESS)
    parser.add_argument("--real", metavar="DIR", help="match the claims of the .txt files in DIR")
    parser.add_argument("--baseline", metavar="REV", help="with --real: also time the matcher of REV")
    parser.add_argument("--child-real", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_real:
        folder, n, runs = args.child_real[0], int(args.child_real[1]), int(args.child_real[2])
        print(json.dumps(measure_real(folder, n, runs)))
        return
    if args.real:
        main_real(args.real, args.sizes, args.runs, args.baseline)
        return
    if args.child:
        n, runs, all_pairs = int(args.child[0]), int(args.child[1]), args.child[2] == "1"
        print(json.dumps(measure(n, runs, all_pairs)))
        return
    rows = []
    jobs = [(n, args.runs, False) for n in args.sizes]
    if not args.no_all_pairs:
        jobs.append((min(args.sizes), 1, True))
    for n, runs, all_pairs in jobs:
        # A fresh process per size, so that ru_maxrss is the peak of that size alone.
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(n), str(runs), "1" if all_pairs else "0"],
            capture_output=True,
            text=True,
        )
        if out.returncode != 0:
            print(f"N={n} all_pairs={all_pairs}: exit {out.returncode}\n{out.stderr}", file=sys.stderr)
            continue
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    by_n = defaultdict(dict)
    for row in rows:
        by_n[row["n"]]["all" if row["all_pairs"] else "blocked"] = row
    print("matching benchmark: synthetic news claims, planted near-duplicate groups and distractors")
    print("peak memory = resource.getrusage(RUSAGE_SELF).ru_maxrss of a fresh process per size")
    print(
        f"{'N':>8} {'seconds':>9} {'s/1k claims':>12} {'peak MiB':>9} {'recall':>7} "
        f"{'pair prec.':>10} {'all-pairs recall':>17} {'all-pairs s':>12} {'all-pairs MiB':>14}"
    )
    for n in sorted(by_n):
        row = by_n[n].get("blocked")
        full = by_n[n].get("all")
        if row is None:
            continue
        full_recall = f"{full['recall']:.3f}" if full else "-"
        full_seconds = f"{full['seconds']:.1f}" if full else "-"
        full_mib = f"{full['peak_mib']:.0f}" if full else "-"
        print(
            f"{n:>8,} {row['seconds']:>9.2f} {1000 * row['seconds'] / n:>12.3f} "
            f"{row['peak_mib']:>9.0f} {row['recall']:>7.3f} {row['precision']:>10.3f} "
            f"{full_recall:>17} {full_seconds:>12} {full_mib:>14}"
        )


if __name__ == "__main__":
    main()
