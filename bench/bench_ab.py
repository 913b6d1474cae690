"""A/B of extraction speed: an earlier commit against the working tree, in one process.

On a shared machine the speed of one version moves by several percent from run to run, which
hides a change worth 1-2%. Here both versions of the package are loaded into one process (the
earlier one from `git archive REV workbench`), pinned to one CPU, and timed alternately over the
same generated documents for several rounds; the fastest round of each side is the figure least
disturbed by other work, and their ratio is the speed-up. Checks first that both find the same
claims, so that a speed-up is not bought with a change in output (--allow-changes to go on).

    python bench/bench_ab.py HEAD~1                 # the last commit's effect
    python bench/bench_ab.py 4dc512a --rounds 15    # against an older commit, more rounds
"""

from __future__ import annotations

import argparse
import importlib
import io
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import astuple
from pathlib import Path

import common  # noqa: F401  (puts bench/ and the checkout on sys.path)
from common import machine_line, pin_to_one_core
from generate_corpus import iter_documents

ROOT = Path(__file__).resolve().parent.parent


def export_package(rev: str, into: Path) -> None:
    """The workbench package as it was at rev, written under into."""
    archive = subprocess.run(["git", "archive", rev, "workbench"], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")


def load(root: Path):
    """(extract_claims, document_from_bytes) of the package under root, loaded afresh."""
    for name in [n for n in sys.modules if n == "workbench" or n.startswith("workbench.")]:
        del sys.modules[name]
    sys.path.insert(0, str(root))
    try:
        claims = importlib.import_module("workbench.core.claims")
        documents = importlib.import_module("workbench.core.documents")
    finally:
        sys.path.remove(str(root))
    if not Path(claims.__file__).resolve().is_relative_to(root.resolve()):
        raise SystemExit(f"bench_ab: loaded {claims.__file__}, not the package under {root}")
    return claims.extract_claims, documents.document_from_bytes


def claims_of(version, docs) -> list:
    extract, make = version
    return [astuple(claim) for name, data in docs for claim in extract(make(name, data))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev", help="the earlier commit (anything git archive takes)")
    parser.add_argument("--docs", type=int, default=400, help="generated documents (default 400, ~200k words)")
    parser.add_argument("--rounds", type=int, default=9, help="rounds, each timing both versions once (default 9)")
    parser.add_argument("--allow-changes", action="store_true", help="time the versions even if their claims differ")
    args = parser.parse_args()

    print(f"Extraction A/B: {args.rev} (A) against the working tree (B); {machine_line()}")
    pin_to_one_core()
    docs = [(name, data) for name, data, _ in iter_documents(args.docs, seed=11)]
    words = sum(len(data.split()) for _, data in docs)
    print(f"{len(docs):,} generated documents, {words:,} words, {args.rounds} rounds, one CPU")
    with tempfile.TemporaryDirectory() as tmp:
        export_package(args.rev, Path(tmp))
        old = load(Path(tmp))
        new = load(ROOT)
        same = claims_of(old, docs) == claims_of(new, docs)
        print("claims: the same in both" if same else "claims: DIFFERENT between the versions")
        if not same and not args.allow_changes:
            raise SystemExit(1)
        times: dict[str, list[float]] = {"A": [], "B": []}
        for _ in range(args.rounds):
            for side, (extract, make) in (("A", old), ("B", new)):
                start = time.process_time()
                for name, data in docs:
                    extract(make(name, data))
                times[side].append(time.process_time() - start)
    best = {side: min(t) for side, t in times.items()}
    middle = {side: sorted(t)[len(t) // 2] for side, t in times.items()}
    for side in ("A", "B"):
        print(f"{side}: fastest round {words / best[side]:,.0f} words/s, median round {words / middle[side]:,.0f}")
    print(f"B is {best['A'] / best['B']:.3f}x A's speed (fastest rounds; medians: {middle['A'] / middle['B']:.3f}x)")


if __name__ == "__main__":
    main()
