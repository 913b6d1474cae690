"""Helpers shared by the benchmark scripts: timing, peak memory, medians and the machine line."""

from __future__ import annotations

import os
import platform
import resource
import statistics
import sys
import time
from datetime import date
from pathlib import Path

# Let `python bench/bench_x.py` import its siblings and (for a checkout that is not installed)
# the workbench package itself.
BENCH_DIR = Path(__file__).resolve().parent
for _p in (str(BENCH_DIR), str(BENCH_DIR.parent)):
    if _p not in sys.path:
        sys.path.append(_p)


def add_run_options(parser, runs_help: str, default_seed: int) -> None:
    """The options every timed benchmark takes: --runs, --seed and --budget."""
    parser.add_argument("--runs", type=int, default=3, help=runs_help)
    parser.add_argument("--seed", type=int, default=default_seed)
    parser.add_argument(
        "--budget",
        type=float,
        default=240.0,
        help="start no further run once another would pass this many seconds (default 240;"
        " 0 for no limit); the medians are then over fewer runs",
    )


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def children_peak_rss_mb() -> float:
    """The largest peak RSS of any waited-for child process, in MB."""
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def pin_to_one_core() -> int | None:
    """Restrict this process to a single CPU (Linux only); returns the CPU or None."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpus = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpus[-1]})
    return cpus[-1]


class Clock:
    """Accumulates wall-clock (perf_counter) and CPU (process_time) seconds over many short sections."""

    __slots__ = ("wall", "cpu", "_w", "_c")

    def __init__(self) -> None:
        self.wall = 0.0
        self.cpu = 0.0

    def __enter__(self) -> Clock:
        self._w = time.perf_counter()
        self._c = time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.cpu += time.process_time() - self._c
        self.wall += time.perf_counter() - self._w


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def code_version() -> str:
    """The checkout's commit, and whether workbench/ has uncommitted changes (figures move with the code)."""
    import subprocess

    root = BENCH_DIR.parent
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "workbench"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "workbench (not a git checkout)"
    return f"workbench at {commit}{' + uncommitted changes' if dirty else ''}"


def machine_line() -> str:
    """One line naming the date, CPU count, Python and platform, for the figures' caption."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count()
    load = ""
    if hasattr(os, "getloadavg"):
        load = " load avg %.2f/%.2f/%.2f," % os.getloadavg()
    return (
        f"{date.today().isoformat()}, {cpus} CPUs (nproc),{load} Python {platform.python_version()}"
        f" ({platform.python_implementation()}), {platform.system()} {platform.machine()}; {code_version()}"
    )


def fmt_int(n: float | None) -> str:
    return "-" if n is None else f"{n:,.0f}"


def fmt(n: float | None, digits: int = 2) -> str:
    return "-" if n is None else f"{n:,.{digits}f}"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table with right-aligned columns after the first."""
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]

    def line(cells):
        return (
            "| "
            + " | ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
            + " |"
        )

    sep = "|" + "|".join("-" * (w + 1) + ("-" if i == 0 else ":") for i, w in enumerate(widths)) + "|"
    return "\n".join([line(headers), sep] + [line(r) for r in rows])
