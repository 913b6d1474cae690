"""Extraction time on documents whose text is one enormous line: a benchmark, not a test.

    python bench/bench_long_lines.py [--sizes 100000,400000,1600000] [--runs 3]
                                     [--matching-sizes 10000,20000,40000,80000]

Hostile or broken files (a log, a dump of numbers, a page with its line breaks lost) can hold a
"sentence" of megabytes. Extraction must stay linear in the text there too: work per claim that
reads the whole sentence makes it quadratic, and a 5 MB file would take hours. For three kinds of
long line (digits separated by spaces, words and figures with no full stop, sentences with full
stops but no line break) it prints the CPU seconds of document_from_bytes + extract_claims at each
size (median of --runs), and the growth per 4x the text: linear work gives about 4x. Then the
matcher's work on each document's claims (build_features and document_repeats) at sizes that
double: linear work gives about 2x per 2x.
"""

from __future__ import annotations

import argparse
import time

import common  # noqa: F401  (puts bench/ and the checkout on sys.path)
from common import fmt, fmt_int, machine_line, median, table

KINDS = {
    "digits and spaces": "1234567890 ",
    "words, no full stop": "the council said that 12% of homes and 1999 and more than 40 schools ",
    "sentences, one line": "The council said “12% of homes” rose in 2014. ",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,400000,1600000", help="characters per document, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--matching-sizes",
        default="10000,20000,40000,80000",
        help="characters per document for the matching table, each double the last ('' for none)",
    )
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]

    from workbench.core.claims import extract_claims
    from workbench.core.documents import document_from_bytes

    print(machine_line())
    rows = []
    for kind, unit in KINDS.items():
        previous = None
        for size in sizes:
            data = ("Headline\n\n" + unit * (size // len(unit))).encode()
            times, claims = [], 0
            for _ in range(args.runs):
                start = time.process_time()
                claims = len(extract_claims(document_from_bytes("long.txt", data)))
                times.append(time.process_time() - start)
            seconds = median(times)
            growth = f"{seconds / previous[1]:.1f}x per {size / previous[0]:.0f}x" if previous else ""
            rows.append([kind, fmt_int(size), fmt_int(claims), fmt(seconds), growth])
            previous = (size, seconds)
    print(table(["long line", "characters", "claims", "CPU s", "growth"], rows))
    if args.matching_sizes:
        print()
        print(matching_table([int(size) for size in args.matching_sizes.split(",")], args.runs))
    return 0


def matching_table(sizes: list[int], runs: int) -> str:
    """CPU seconds of the matcher's per-document work (build_features, then document_repeats) on
    the claims of one long line, each size double the one before: linear work gives about 2x."""
    from workbench.core.claims import extract_claims
    from workbench.core.documents import document_from_bytes
    from workbench.core.match.within_document import document_repeats
    from workbench.core.match.features import build_features
    from workbench.core.match.scoring import MatchConfig

    config = MatchConfig()
    rows = []
    for kind, unit in KINDS.items():
        previous = None
        for size in sizes:
            doc = document_from_bytes("long.txt", ("Headline\n\n" + unit * (size // len(unit))).encode())
            claims = extract_claims(doc)
            times = []
            for _ in range(runs):
                start = time.process_time()
                features = build_features(claims, {doc.name: doc}, window=config.window)
                document_repeats(features, config)
                times.append(time.process_time() - start)
            seconds = median(times)
            growth = f"{seconds / previous[1]:.1f}x per {size / previous[0]:.0f}x" if previous and previous[1] else ""
            rows.append([kind, fmt_int(size), fmt_int(len(claims)), fmt(seconds), growth])
            previous = (size, seconds)
    return "Matching one document's claims (build_features + document_repeats):\n" + table(
        ["long line", "characters", "claims", "CPU s", "growth"], rows
    )


if __name__ == "__main__":
    raise SystemExit(main())
