"""Web-page reading on hostile markup: time as the page doubles, so that growth shows as a ratio.

For each shape of page from issue 14 (thousands of unclosed '<a ', never-closed inline tags,
nesting deeper than any parser's limit, stray closing tags), the page is read and its claims
extracted as `workbench ingest` does (workbench.ingest.read_and_extract on a file), at sizes that
double; the figure is the ratio of each time to the one before it: about 2 is linear, about 4
quadratic. The standard library's html.parser, which the workbench used before, is timed on the
same pages as the baseline (feeding only, no extraction), while it stays under --baseline-cap
seconds. Medians of --runs runs. Never fails on timing.

    python bench/bench_html.py            # 10,000 to 160,000 repeats, 3 runs
    python bench/bench_html.py --runs 1 --steps 3
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import common  # noqa: F401  (puts bench/ and the checkout on sys.path)
from common import machine_line, median, table

LEAD = "<html><body><p>Council tax rose by 5% in 2016.</p>"
SHAPES = {
    "unclosed '<a '": "<a ",
    "never-closed <p><b><i>": "<p><b><i>x ",
    "nested <div>": "<div>",
    "stray closing tags": "</p></div></span>",
}


def time_workbench(path: Path) -> tuple[float, int]:
    from workbench.ingest import read_and_extract

    started = time.perf_counter()
    outcome = read_and_extract(path)
    elapsed = time.perf_counter() - started
    return elapsed, len(outcome[2]) if outcome[0] == "new" else -1


def time_html_parser(page: str) -> float:
    started = time.perf_counter()
    parser = HTMLParser()
    parser.feed(page)
    parser.close()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--start", type=int, default=10_000, help="repeats of the shape at the first size")
    parser.add_argument("--steps", type=int, default=5, help="sizes, each double the one before")
    parser.add_argument(
        "--baseline-cap",
        type=float,
        default=20.0,
        help="stop timing html.parser on a shape once one run takes longer than this (s)",
    )
    args = parser.parse_args(argv)
    print(f"HTML reading on hostile pages; {machine_line()}")
    from workbench.ingest import read_and_extract

    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.html"
        warm.write_text(LEAD)
        read_and_extract(warm)  # imports and first-call set-up out of the figures
        rows = []
        for shape, unit in SHAPES.items():
            previous = previous_base = None
            base_stopped = False
            for step in range(args.steps):
                repeats = args.start * 2**step
                page = LEAD + unit * repeats
                path = Path(tmp) / "page.html"
                path.write_text(page)
                times, claims = [], 0
                for _ in range(args.runs):
                    elapsed, claims = time_workbench(path)
                    times.append(elapsed)
                ours = median(times)
                base = None
                if not base_stopped:
                    base_times = []
                    for _ in range(args.runs):
                        base_times.append(time_html_parser(page))
                        if base_times[-1] > args.baseline_cap:
                            base_stopped = True
                            break
                    base = median(base_times)
                rows.append(
                    [
                        shape,
                        f"{repeats:,}",
                        f"{len(page) / 1024:,.0f}",
                        f"{ours * 1000:,.1f}",
                        f"{ours / previous:.2f}" if previous else "",
                        f"{base * 1000:,.0f}" if base is not None else "(stopped)",
                        f"{base / previous_base:.2f}" if base is not None and previous_base else "",
                        str(claims),
                    ]
                )
                previous, previous_base = ours, base
                print(f"  {shape}, {repeats:,} repeats: {ours * 1000:.1f} ms", flush=True)
    print()
    print(
        table(["page", "repeats", "KB", "workbench ms", "x previous", "html.parser ms", "x previous", "claims"], rows)
    )
    print(
        "\nx previous: the time over the time at half the size (2 = linear, 4 = quadratic);"
        " claims: claims found (the page holds 2: 5% and 2016)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
