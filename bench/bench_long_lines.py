"""Extraction time on documents whose text is one enormous line: a benchmark, not a test.

    python bench/bench_long_lines.py [--sizes 100000,400000,1600000] [--runs 3]

Hostile or broken files (a log, a dump of numbers, a page with its line breaks lost) can hold a
"sentence" of megabytes. Extraction must stay linear in the text there too: work per claim that
reads the whole sentence makes it quadratic, and a 5 MB file would take hours. For three kinds of
long line (digits separated by spaces, words and figures with no full stop, sentences with full
stops but no line break) it prints the CPU seconds of document_from_bytes + extract_claims at each
size (median of --runs), and the growth per 4x the text: linear work gives about 4x.
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
