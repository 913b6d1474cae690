"""Extraction benchmark: segmenting plus claims (document_from_bytes + extract_claims), one core.

Streams a generated news-like corpus (5,000,000 words by default) through the extractor in a
fresh subprocess pinned to one CPU, document by document, so the corpus itself is never held in
memory; only the extraction calls are timed. Reports words/s, docs/s, claims/s and claims found,
wall-clock (perf_counter) and CPU (process_time) figures, the extraction time as a multiple of
a trivial pass over the same bytes (decode, split, find digits) so that runs on a noisy machine
can be compared, and peak RSS after 20%, 50% and 100% of the words: if memory grew with the
size of the corpus, the later checkpoints would show it. ru_maxrss is a high-water mark, so
the peak at a checkpoint is exactly the peak of a process that stopped there (--separate runs a
fresh process per size instead, to show it). Medians of --runs runs. Never fails on timing.

    python bench/bench_extract.py                  # 5M words, 3 runs (~3 min at the target speed)
    python bench/bench_extract.py --words 500000 --runs 1     # a quick check
    python bench/bench_extract.py --profile        # cProfile of a 500k-word sample
    python bench/bench_extract.py --real seeds ../shared/eval/dev/docs --words 2000000 --against 6dafbb4
        # real news (the files under the folders, replicated to 2M words), beside the extractor of
        # an earlier commit measured in the same run (runs alternate between the two)

    python bench/bench_extract.py --process --real seeds ../shared/eval/dev/docs --words 2000000 --against main
        # the whole `workbench extract FOLDER` process writing JSONL to a file, as a user runs it,
        # on the documents written out as files, beside the same command of an earlier commit

Folders given to --real are read for their text files (*.txt, *.md, *.html, *.htm, *.sgm: a
Reuters-21578 .sgm file is cut into its stories' bodies); the documents are repeated in turn,
each repeat under a new name, until --words words have been read.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import common  # noqa: F401  (puts bench/ and the checkout on sys.path)
from common import Clock, add_run_options, fmt, fmt_int, machine_line, median, peak_rss_mb, pin_to_one_core, table
from generate_corpus import DEFAULT_SEED, iter_documents

TARGET_WORDS_PER_S = 300_000
QUANTULUM3_SEEDS_WORDS_PER_S = 7_500
SIZES = (0.2, 0.5, 1.0)
_DIGITS = re.compile(r"\d+")
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


# --------------------------------------------------------------------------- worker (child process)


def _baseline(data: bytes) -> int:
    """The trivial pass the extraction is compared with: decode, count words, find digit runs."""
    text = data.decode("utf-8", errors="replace")
    return len(text.split()) + sum(1 for _ in _DIGITS.finditer(text))


_SGM_BODY = re.compile(rb"<BODY>(.*?)</BODY>", re.S)


def real_documents(folders: list[str]) -> list[tuple[str, bytes, int]]:
    """(name, bytes, words) of every text file under the folders; a Reuters-21578 .sgm file gives
    one document per story body."""
    docs = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if not path.is_file():
                continue
            if path.suffix == ".sgm":
                for i, body in enumerate(_SGM_BODY.findall(path.read_bytes())):
                    text = body.replace(b"&lt;", b"<").replace(b"&gt;", b">").replace(b"&amp;", b"&")
                    docs.append((f"{path.stem}-{i}.txt", text, len(text.split())))
            elif path.suffix in (".txt", ".md", ".html", ".htm"):
                data = path.read_bytes()
                docs.append((path.name, data, len(data.split())))
    if not docs:
        raise SystemExit(f"bench_extract: no text files under {', '.join(folders)}")
    return docs


def iter_real(folders: list[str], words: int):
    """The real documents in turn, repeated (each repeat renamed) until `words` words."""
    docs = real_documents(folders)
    produced = index = 0
    while produced < words:
        name, data, n = docs[index % len(docs)]
        yield f"r{index // len(docs)}-{name}", data, n
        produced += n
        index += 1


def worker(
    words: int, checkpoints: list[int], seed: int, pin: bool, real: list[str] | None = None, package: str | None = None
) -> None:
    """Stream `words` words through the extractor; print one JSON line per checkpoint. `package`:
    a folder holding another version's workbench package, imported instead of this checkout's."""
    cpu = pin_to_one_core() if pin else None
    if package:
        sys.path.insert(0, package)
    from workbench.core.claims import extract_claims
    from workbench.core.documents import document_from_bytes

    if package and not Path(sys.modules["workbench"].__file__).resolve().is_relative_to(Path(package).resolve()):
        raise SystemExit(
            f"bench_extract: imported {sys.modules['workbench'].__file__}, not the package under {package}"
        )
    stream = (lambda: iter_real(real, words)) if real else (lambda: iter_documents(words=words, seed=seed))
    # Warm up (lazy imports, regex caches) on a few documents outside the measurement.
    warm = iter_real(real, 20_000) if real else iter_documents(20, seed=seed + 1)
    for name, data, _ in warm:
        extract_claims(document_from_bytes(name, data))
    rss_start = peak_rss_mb()
    extract, base = Clock(), Clock()
    n_words = n_docs = n_claims = 0
    pending = sorted(checkpoints)
    for name, data, n in stream():
        with base:
            _baseline(data)
        with extract:
            claims = extract_claims(document_from_bytes(name, data))
        n_words += n
        n_docs += 1
        n_claims += len(claims)
        del claims
        while pending and n_words >= pending[0]:
            pending.pop(0)
            print(
                json.dumps(
                    {
                        "checkpoint": n_words,
                        "words": n_words,
                        "docs": n_docs,
                        "claims": n_claims,
                        "wall": extract.wall,
                        "cpu": extract.cpu,
                        "base_wall": base.wall,
                        "base_cpu": base.cpu,
                        "peak_rss_mb": peak_rss_mb(),
                        "rss_after_warmup_mb": rss_start,
                        "cpu_pinned": cpu,
                    }
                ),
                flush=True,
            )


def run_worker(
    words: int, checkpoints: list[int], seed: int, pin: bool, real: list[str] | None = None, package: str | None = None
) -> list[dict]:
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        "--words",
        str(words),
        "--seed",
        str(seed),
        "--checkpoints",
        ",".join(map(str, checkpoints)),
    ]
    if not pin:
        cmd.append("--no-pin")
    if real:
        cmd += ["--real", *real]
    if package:
        cmd += ["--package", package]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"the extraction worker failed (exit status {proc.returncode})")
    return [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]


# --------------------------------------------------------------------------- whole process


_RUN_CLI = (
    "import sys\n"
    "package = sys.argv.pop(1)\n"
    "if package:\n"
    "    sys.path.insert(0, package)\n"
    "import workbench\n"
    "if package and not workbench.__file__.startswith(package):\n"
    "    raise SystemExit(f'imported {workbench.__file__}, not the package under {package}')\n"
    "from workbench.cli import main\n"
    "sys.argv[0] = 'workbench'\n"
    "main()\n"
)


def write_corpus(folders: list[str], words: int, into: Path) -> tuple[int, int]:
    """The real documents, repeated to `words` words, written as files under into: (words, docs)."""
    n_words = n_docs = 0
    for name, data, n in iter_real(folders, words):
        (into / name).write_bytes(data)
        n_words, n_docs = n_words + n, n_docs + 1
    return n_words, n_docs


def run_extract_process(corpus: Path, out: Path, package: str | None, pin: bool) -> dict:
    """Run `workbench extract CORPUS` (this checkout's, or the package under `package`) as its own
    process, its JSONL written to out; its wall and CPU seconds (user + system, from the kernel's
    account of the child) and the claims it wrote."""
    cpus = sorted(os.sched_getaffinity(0)) if pin and hasattr(os, "sched_getaffinity") else None
    pin_child = (lambda: os.sched_setaffinity(0, {cpus[-1]})) if cpus else None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(out, "wb") as sink:
        proc = subprocess.run(
            [sys.executable, "-c", _RUN_CLI, package or "", "extract", str(corpus)],
            stdout=sink,
            stderr=subprocess.PIPE,
            preexec_fn=pin_child,
        )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode("utf-8", "replace")[-2000:])
        raise SystemExit(f"bench_extract: `workbench extract` failed (exit status {proc.returncode})")
    with open(out, "rb") as written:
        claims = sum(1 for _ in written)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "claims": claims}


def process_mode(args) -> int:
    """Words/s of the whole `workbench extract` process on real documents written as files, medians
    of --runs runs; with --against, the same command of that commit in the same run, alternating."""
    import tempfile

    if not args.real:
        raise SystemExit("bench_extract: --process needs --real DIR ... (the documents to write out)")
    versions = [("this checkout", None)] + ([(args.against, "")] if args.against else [])
    print(f"Extraction as a user runs it: `workbench extract FOLDER > claims.jsonl`, one core; {machine_line()}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        words, docs = write_corpus(args.real, args.words, corpus)
        print(
            f"corpus: real documents under {', '.join(args.real)}, repeated to {words:,} words in {docs:,}"
            f" files; {args.runs} run(s) of each{', alternating' if args.against else ''}\n"
        )
        if args.against:
            from bench_ab import export_package

            package = tmp_path / "base"
            export_package(args.against, package)
            versions[1] = (args.against, str(package))
        results: dict[str, list[dict]] = {label: [] for label, _ in versions}
        for run in range(args.runs):
            for label, package in versions:
                r = run_extract_process(corpus, tmp_path / "claims.jsonl", package, args.pin)
                results[label].append(r)
                print(
                    f"run {run + 1}, {label}: {words:,} words, {r['claims']:,} claims written in {r['cpu']:.1f} s"
                    f" CPU / {r['wall']:.1f} s wall = {words / r['cpu']:,.0f} words/s CPU,"
                    f" {words / r['wall']:,.0f} wall",
                    flush=True,
                )
    medians = {
        label: (median([words / r["cpu"] for r in rs]), median([words / r["wall"] for r in rs]))
        for label, rs in results.items()
    }
    print()
    for label, (cpu_wps, wall_wps) in medians.items():
        print(f"median words/s, {label}: {cpu_wps:,.0f} CPU, {wall_wps:,.0f} wall")
    now = medians["this checkout"][0]
    if args.against:
        print(f"ratio this checkout / {args.against} (CPU): {now / medians[args.against][0]:.3f}")
    print(
        f"target {TARGET_WORDS_PER_S:,} words/s: {now / TARGET_WORDS_PER_S:.2f}x"
        f"{'' if now >= TARGET_WORDS_PER_S else ' (BELOW TARGET)'}"
    )
    return 0


# --------------------------------------------------------------------------- seeds


def seeds_throughput(min_seconds: float = 1.0) -> dict | None:
    """Extraction speed on the five seed documents (the figure quantulum3's ~7,500 words/s is on)."""
    from workbench.core.claims import extract_claims
    from workbench.core.documents import document_from_bytes

    files = sorted(p for p in SEEDS.glob("*") if p.is_file())
    if not files:
        return None
    docs = [(p.name, p.read_bytes()) for p in files]
    for name, data in docs:
        extract_claims(document_from_bytes(name, data))
    words_each = sum(len(document_from_bytes(n, d).text.split()) for n, d in docs)
    clock, rounds, claims = Clock(), 0, 0
    while clock.cpu < min_seconds:
        with clock:
            for name, data in docs:
                claims += len(extract_claims(document_from_bytes(name, data)))
        rounds += 1
    return {
        "words": words_each * rounds,
        "cpu": clock.cpu,
        "wall": clock.wall,
        "claims": claims // rounds,
        "docs": len(docs),
        "words_each": words_each,
    }


# --------------------------------------------------------------------------- profile


def profile(words: int, seed: int, top: int) -> None:
    import cProfile
    import pstats

    from workbench.core.claims import extract_claims
    from workbench.core.documents import document_from_bytes

    docs = list(iter_documents(words=words, seed=seed))
    total = sum(n for _, _, n in docs)
    prof = cProfile.Profile()
    t = time.process_time()
    prof.enable()
    for name, data, _ in docs:
        extract_claims(document_from_bytes(name, data))
    prof.disable()
    elapsed = time.process_time() - t
    print(
        f"profiled {len(docs):,} documents, {total:,} words: {elapsed:.1f} s CPU under cProfile"
        f" ({total / elapsed:,.0f} words/s with profiling overhead)\n"
    )
    stats = pstats.Stats(prof)
    grand = stats.total_tt
    for key, title in (("cumulative", "by cumulative time"), ("tottime", "by own time")):
        rows = []
        entries = sorted(stats.stats.items(), key=lambda kv: kv[1][3 if key == "cumulative" else 2], reverse=True)
        for (file, line, func), (cc, nc, tt, ct, _) in entries[:top]:
            where = f"{_short(file)}:{line}({func})"
            rows.append(
                [where, f"{nc:,}", f"{tt:.2f}", f"{100 * tt / grand:.1f}%", f"{ct:.2f}", f"{100 * ct / grand:.1f}%"]
            )
        print(f"Top {top} {title} (share of {grand:.1f} s profiled):")
        print(table(["function", "calls", "own s", "own %", "cum s", "cum %"], rows))
        print()
    regex_profile(docs, top)


class _RegexTimes:
    """Per-regex time: wraps the compiled patterns of workbench.core's modules (and their `re`
    module functions, keyed by calling line) in timing proxies. Profiling only; the proxies add
    their own overhead, so read the shares, not the seconds."""

    METHODS = ("search", "match", "fullmatch", "sub", "subn", "split", "findall")

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def add(self, label: str, dt: float) -> None:
        self.seconds[label] = self.seconds.get(label, 0.0) + dt
        self.calls[label] = self.calls.get(label, 0) + 1

    def pattern_proxy(self, pattern: re.Pattern, label: str):
        times = self
        perf = time.perf_counter

        class Proxy:
            def __getattr__(self, name):
                return getattr(pattern, name)

            def finditer(self, *args, **kwargs):
                it = pattern.finditer(*args, **kwargs)
                while True:
                    t = perf()
                    m = next(it, None)
                    times.add(label, perf() - t)
                    if m is None:
                        return
                    yield m

        def timed(method):
            bound = getattr(pattern, method)

            def call(*args, **kwargs):
                t = perf()
                try:
                    return bound(*args, **kwargs)
                finally:
                    times.add(label, perf() - t)

            return call

        proxy = Proxy()
        for method in self.METHODS:
            setattr(proxy, method, timed(method))
        return proxy

    def re_proxy(self, module_file: str):
        times = self
        perf = time.perf_counter

        class ReProxy:
            def __getattr__(self, name):
                return getattr(re, name)

        def timed(method):
            def call(pattern, *args, **kwargs):
                frame = sys._getframe(1)
                label = (
                    f"{module_file}:{frame.f_lineno} re.{method}({str(getattr(pattern, 'pattern', pattern))[:40]!r})"
                )
                t = perf()
                try:
                    result = getattr(re, method)(pattern, *args, **kwargs)
                    if method == "finditer":
                        result = list(result)
                    return result
                finally:
                    times.add(label, perf() - t)

            return call

        proxy = ReProxy()
        for method in self.METHODS + ("finditer",):
            setattr(proxy, method, timed(method))
        return proxy

    def install(self) -> None:
        import importlib
        import inspect

        proxies: dict[int, object] = {}
        for modname in ("lexicon", "numbers", "decoding", "documents", "claims"):
            module = importlib.import_module(f"workbench.core.{modname}")
            source = inspect.getsource(module).splitlines()

            def label(name, modname=modname, source=source):
                line = next((i for i, s in enumerate(source, 1) if s.startswith(f"{name} =")), 0)
                return f"{modname}.py:{line} {name}"

            def wrap(value, name):
                if isinstance(value, re.Pattern):
                    if id(value) not in proxies:
                        proxies[id(value)] = self.pattern_proxy(value, label(name))
                    return proxies[id(value)]
                if isinstance(value, tuple):
                    return tuple(wrap(v, name) for v in value)
                if isinstance(value, list):
                    value[:] = [wrap(v, name) for v in value]
                return value

            for name, value in list(vars(module).items()):
                if isinstance(value, (re.Pattern, tuple, list)):
                    setattr(module, name, wrap(value, name))
            if getattr(module, "re", None) is re:
                module.re = self.re_proxy(f"{modname}.py")


def regex_profile(docs, top: int) -> None:
    from workbench.core.claims import extract_claims
    from workbench.core.documents import document_from_bytes

    times = _RegexTimes()
    times.install()
    t = time.perf_counter()
    for name, data, _ in docs:
        extract_claims(document_from_bytes(name, data))
    total = time.perf_counter() - t
    in_regex = sum(times.seconds.values())
    print(
        f"Top {top} regular expressions by time (with timing proxies: {total:.1f} s in all,"
        f" {in_regex:.1f} s = {100 * in_regex / total:.0f}% inside regex calls):"
    )
    rows = [
        [label, f"{times.calls[label]:,}", f"{s:.2f}", f"{100 * s / total:.1f}%"]
        for label, s in sorted(times.seconds.items(), key=lambda kv: kv[1], reverse=True)[:top]
    ]
    print(table(["regex (module:line name, or calling line)", "calls", "s", "% of total"], rows))
    print()


def _short(file: str) -> str:
    for marker in ("/workbench/", "/lib/python"):
        if marker in file:
            return ("workbench/" if marker == "/workbench/" else "") + file.split(marker, 1)[1].lstrip("/")
    return file


# --------------------------------------------------------------------------- report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=5_000_000, help="words in the largest corpus (default 5,000,000)")
    add_run_options(parser, "runs to take medians over (default 3)", DEFAULT_SEED)
    parser.add_argument(
        "--separate",
        action="store_true",
        help="a fresh process per corpus size (20%%, 50%%, 100%% of --words) instead of checkpoints",
    )
    parser.add_argument("--no-pin", dest="pin", action="store_false", help="do not pin the worker to one CPU")
    parser.add_argument("--profile", action="store_true", help="profile extraction on --words words (default 500k)")
    parser.add_argument("--top", type=int, default=25, help="rows of the profile to print")
    parser.add_argument(
        "--real",
        nargs="+",
        metavar="DIR",
        help="real documents: the text files under these folders, repeated to --words",
    )
    parser.add_argument(
        "--against", metavar="REV", help="also time the extractor of this commit in the same run (runs alternate)"
    )
    parser.add_argument(
        "--process",
        action="store_true",
        help="time the whole `workbench extract` process writing JSONL, on --real documents"
        " written out as files (with --against: beside that commit's)",
    )
    parser.add_argument("--package", help=argparse.SUPPRESS)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--checkpoints", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        worker(args.words, [int(x) for x in args.checkpoints.split(",")], args.seed, args.pin, args.real, args.package)
        return 0
    if args.process:
        return process_mode(args)
    if args.against:
        return compare_against(args)
    if args.profile:
        words = args.words if "--words" in (argv or sys.argv) else 500_000
        if args.pin:
            pin_to_one_core()
        profile(words, args.seed, args.top)
        return 0

    sizes = [int(args.words * f) for f in SIZES]
    print(f"Extraction benchmark: segmenting + claims, one core; {machine_line()}")
    print(
        f"corpus: generated news-like text, seed {args.seed}, sizes {', '.join(f'{s:,}' for s in sizes)} words;"
        f" {args.runs} run(s), {'a fresh process per size' if args.separate else 'one process per run, checkpoints'}\n"
    )
    t0 = time.perf_counter()
    per_size: dict[int, list[dict]] = {s: [] for s in sizes}
    runs_done = 0
    for run in range(args.runs):
        elapsed = time.perf_counter() - t0
        if run and args.budget and elapsed + elapsed / run > args.budget:
            print(f"stopped after {run} of {args.runs} runs: another would pass the --budget of {args.budget:.0f} s")
            break
        runs_done += 1
        if args.separate:
            results = [run_worker(s, [s], args.seed, args.pin)[-1] for s in sizes]
        else:
            results = run_worker(sizes[-1], sizes, args.seed, args.pin)
        for size, result in zip(sizes, results):
            per_size[size].append(result)
        last = results[-1]
        print(
            f"run {run + 1}: {last['words']:,} words in {last['cpu']:.1f} s CPU / {last['wall']:.1f} s wall"
            f" = {last['words'] / last['cpu']:,.0f} words/s CPU, {last['words'] / last['wall']:,.0f} wall;"
            f" {last['cpu'] / last['base_cpu']:.1f}x baseline; peak RSS {last['peak_rss_mb']:.0f} MB",
            flush=True,
        )

    rows = []
    for size in sizes:
        rs = per_size[size]
        m = {k: median([r[k] for r in rs]) for k in ("words", "docs", "claims", "peak_rss_mb", "rss_after_warmup_mb")}
        wps_cpu = median([r["words"] / r["cpu"] for r in rs])
        wps_wall = median([r["words"] / r["wall"] for r in rs])
        rows.append(
            [
                f"{m['words']:,.0f}",
                fmt_int(m["docs"]),
                fmt_int(m["claims"]),
                fmt(median([r["cpu"] for r in rs]), 1),
                fmt(median([r["wall"] for r in rs]), 1),
                fmt_int(wps_cpu),
                fmt_int(wps_wall),
                fmt_int(median([r["docs"] / r["cpu"] for r in rs])),
                fmt_int(median([r["claims"] / r["cpu"] for r in rs])),
                fmt(median([r["cpu"] / r["base_cpu"] for r in rs]), 1) + "x",
                fmt(m["rss_after_warmup_mb"], 0),
                fmt(m["peak_rss_mb"], 0),
            ]
        )
    print(f"\nMedians of {runs_done} run(s) (words/s, docs/s and claims/s per CPU second unless marked wall):")
    print(
        table(
            [
                "words",
                "docs",
                "claims",
                "CPU s",
                "wall s",
                "words/s",
                "words/s wall",
                "docs/s",
                "claims/s",
                "x baseline",
                "RSS warm MB",
                "peak RSS MB",
            ],
            rows,
        )
    )

    seeds = seeds_throughput()
    last = per_size[sizes[-1]]
    wps = median([r["words"] / r["cpu"] for r in last])
    base_wps = median([r["words"] / r["base_cpu"] for r in last])
    growth = median([r["peak_rss_mb"] for r in last]) - median([r["peak_rss_mb"] for r in per_size[sizes[0]]])
    print()
    print(
        f"extraction: {wps:,.0f} words/s on one core (CPU time), target {TARGET_WORDS_PER_S:,}:"
        f" {wps / TARGET_WORDS_PER_S:.2f}x the target{'' if wps >= TARGET_WORDS_PER_S else ' (BELOW TARGET)'}"
    )
    print(
        f"baseline pass (decode + split + digit regex): {base_wps:,.0f} words/s; extraction costs"
        f" {base_wps / wps:.1f}x the baseline"
    )
    if seeds:
        sw = seeds["words"] / seeds["cpu"]
        print(
            f"seeds ({seeds['docs']} documents, {seeds['words_each']:,} words, {seeds['claims']} claims):"
            f" {sw:,.0f} words/s, {sw / QUANTULUM3_SEEDS_WORDS_PER_S:.0f}x quantulum3's ~{QUANTULUM3_SEEDS_WORDS_PER_S:,}"
        )
    print(
        f"peak RSS: {median([r['peak_rss_mb'] for r in per_size[sizes[0]]]):.0f} MB at {sizes[0]:,} words,"
        f" {median([r['peak_rss_mb'] for r in last]):.0f} MB at {sizes[-1]:,} words"
        f" ({growth:+.0f} MB for {sizes[-1] / sizes[0]:.1f}x the words)"
    )
    print(f"(benchmark took {time.perf_counter() - t0:.0f} s)")
    return 0


def compare_against(args) -> int:
    """Words/s of this checkout and of the commit args.against, in one run: the two workers
    alternate, --runs times each, over the same documents; medians and their ratio."""
    import tempfile

    from bench_ab import export_package

    corpus = f"real documents under {', '.join(args.real)}" if args.real else f"generated text, seed {args.seed}"
    print(f"Extraction speed, this checkout against {args.against}: segmenting + claims, one core; {machine_line()}")
    print(f"corpus: {corpus}, {args.words:,} words; {args.runs} run(s) of each, alternating\n")
    speeds: dict[str, list[float]] = {"this checkout": [], args.against: []}
    with tempfile.TemporaryDirectory() as tmp:
        export_package(args.against, Path(tmp))
        for run in range(args.runs):
            for label, package in (("this checkout", None), (args.against, tmp)):
                last = run_worker(args.words, [args.words], args.seed, args.pin, args.real, package)[-1]
                speeds[label].append(last["words"] / last["cpu"])
                print(
                    f"run {run + 1}, {label}: {last['words']:,} words, {last['claims']:,} claims in"
                    f" {last['cpu']:.1f} s CPU = {last['words'] / last['cpu']:,.0f} words/s;"
                    f" peak RSS {last['peak_rss_mb']:.0f} MB",
                    flush=True,
                )
    now, then = median(speeds["this checkout"]), median(speeds[args.against])
    print(
        f"\nmedian words/s (CPU): this checkout {now:,.0f}, {args.against} {then:,.0f};"
        f" ratio {now / then:.3f}; target {TARGET_WORDS_PER_S:,}:"
        f" {now / TARGET_WORDS_PER_S:.2f}x{'' if now >= TARGET_WORDS_PER_S else ' (BELOW TARGET)'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
