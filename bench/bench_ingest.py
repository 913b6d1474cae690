"""Ingest benchmark: 10,000 generated documents from a folder into a fresh database.

Writes the documents to a temporary folder once, then for each run ingests the folder into a
fresh database in a fresh subprocess, the way `workbench ingest FOLDER` does
(workbench.ingest.ingest_paths), and ingests it a second time into the same database (every
document already stored, so skipped). Prints seconds, docs/s, words/s, claims stored, peak RSS
(also after 20% and 50% of the files, to show whether memory grows with the corpus) and the
database size; medians of --runs runs. Never fails on timing.

    python bench/bench_ingest.py                     # 10,000 documents, 3 runs
    python bench/bench_ingest.py --docs 1000 --runs 1  # a quick check
    python bench/bench_ingest.py --docs 1000 --pdf 20  # 1,000 PDFs of 20 pages, one story a page

With --pdf, each document is a PDF (bench/text_pdf.py: Helvetica text objects, a real text layer)
of that many pages, one generated story a page, so PDFium's reading is in every figure.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common  # noqa: F401  (puts bench/ and the checkout on sys.path)
from common import Clock, add_run_options, children_peak_rss_mb, fmt, fmt_int, machine_line, median, peak_rss_mb, table
from generate_corpus import DEFAULT_SEED, iter_documents

TARGET_SECONDS_PER_10K = 60.0
CHECKPOINTS = (0.2, 0.5)


# --------------------------------------------------------------------------- worker (child process)


def _db_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())


def worker(folder: Path, db: Path, second: bool) -> dict:
    from workbench.store.db import open_store

    try:
        from workbench.ingest import ingest_paths
    except ImportError:  # before workbench.ingest existed: the same steps by hand
        ingest_paths = None

    files_total = sum(1 for p in folder.iterdir() if p.is_file())
    marks = {max(1, int(files_total * f)): f for f in CHECKPOINTS}
    rss_at: dict[str, float] = {}

    def progress(done: int, total: int, path) -> None:
        if done in marks:
            rss_at[f"{marks[done]:.0%}"] = peak_rss_mb()

    def ingest(store) -> dict:
        if ingest_paths is not None:
            report = ingest_paths(store, [folder], on_progress=progress)
            return {
                "added": report.added,
                "duplicates": report.duplicates,
                "claims": report.claims,
                "rejected": len(report.rejected),
                "via": "workbench.ingest.ingest_paths",
            }
        from workbench.core.claims import EXTRACTOR_VERSION, extract_claims
        from workbench.core.documents import load_document

        added = duplicates = claims = 0
        files = sorted(p for p in folder.iterdir() if p.is_file())
        for done, path in enumerate(files, 1):
            doc = load_document(path)
            if store.has_document(doc.sha256):
                duplicates += 1
            else:
                found = extract_claims(doc)
                if store.add_document(doc, found, extractor_version=EXTRACTOR_VERSION):
                    added += 1
                    claims += len(found)
                else:
                    duplicates += 1
            progress(done, len(files), path)
        return {
            "added": added,
            "duplicates": duplicates,
            "claims": claims,
            "rejected": 0,
            "via": "load_document + extract_claims + Store.add_document (no workbench.ingest)",
        }

    rss_start = peak_rss_mb()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    total, first = Clock(), Clock()
    with total:
        store = open_store(db)
        with first:
            result = ingest(store)
        store.close()
    after = resource.getrusage(resource.RUSAGE_SELF)
    result |= {
        "voluntary_switches": after.ru_nvcsw - usage.ru_nvcsw,
        "involuntary_switches": after.ru_nivcsw - usage.ru_nivcsw,
        "blocks_written": after.ru_oublock - usage.ru_oublock,
    }
    result |= {
        "wall": first.wall,
        "cpu": first.cpu,
        "total_wall": total.wall,
        "files": files_total,
        "rss_start_mb": rss_start,
        "peak_rss_mb": peak_rss_mb(),
        "rss_at": rss_at,
        "workers_peak_rss_mb": children_peak_rss_mb(),
        "db_bytes": _db_size(db),
    }
    if second:
        again = Clock()
        with again:
            store = open_store(db)
            report = ingest(store)
            store.close()
        result |= {
            "second_wall": again.wall,
            "second_cpu": again.cpu,
            "second_added": report["added"],
            "second_duplicates": report["duplicates"],
            "peak_rss_after_second_mb": peak_rss_mb(),
        }
    return result


# --------------------------------------------------------------------------- driver


def prepare_folder(folder: Path, docs: int, seed: int, pdf_pages: int = 0) -> int:
    """Write the corpus (or reuse one this script wrote before); returns its word count."""
    stamp = folder / ".bench_corpus.json"
    want = {"docs": docs, "seed": seed} | ({"pdf_pages": pdf_pages} if pdf_pages else {})
    if stamp.exists():
        info = json.loads(stamp.read_text())
        if {k: info.get(k) for k in want} == want:
            return info["words"]
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    words = 0
    if pdf_pages:
        from text_pdf import text_pdf
        from workbench.core.documents import document_from_bytes

        stories = iter_documents(docs * pdf_pages, seed=seed)
        for index in range(docs):
            pages = [next(stories) for _ in range(pdf_pages)]
            texts = [document_from_bytes(name, data).text for name, data, _ in pages]  # any encoding, HTML read
            (folder / f"{index:06d}.pdf").write_bytes(text_pdf(texts))
            words += sum(n for _, _, n in pages)
    for name, data, n in [] if pdf_pages else iter_documents(docs, seed=seed):
        (folder / name).write_bytes(data)
        words += n
    stamp.write_text(json.dumps(want | {"words": words}))  # a hidden file: ingest leaves it out
    return words


def run_worker(folder: Path, db: Path, second: bool) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", "--folder", str(folder), "--db", str(db)]
    if not second:
        cmd.append("--no-second")
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"the ingest worker failed (exit status {proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents to ingest (default 10,000)")
    add_run_options(parser, "runs, each into a fresh database (default 3)", DEFAULT_SEED)
    parser.add_argument(
        "--dir",
        type=Path,
        help="folder for the corpus (kept, and reused when it matches); default a temporary folder, removed afterwards",
    )
    parser.add_argument(
        "--no-second", dest="second", action="store_false", help="skip the second (already stored) ingest"
    )
    parser.add_argument(
        "--pdf",
        type=int,
        default=0,
        metavar="PAGES",
        help="make each document a PDF of PAGES pages, one generated story a page",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        print(json.dumps(worker(args.folder, args.db, args.second)))
        return 0

    print(f"Ingest benchmark; {machine_line()}")
    t0 = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="workbench-bench-"))
    folder = args.dir or tmp / "corpus"
    try:
        t = time.perf_counter()
        words = prepare_folder(folder, args.docs, args.seed, args.pdf)
        size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
        kind = f"PDFs of {args.pdf} pages" if args.pdf else "documents"
        print(
            f"corpus: {args.docs:,} generated {kind}, {words:,} words, {size / 1e6:.1f} MB in {folder}"
            f" (ready in {time.perf_counter() - t:.1f} s); {args.runs} run(s), each a fresh database\n"
        )
        results = []
        t_runs = time.perf_counter()
        for run in range(args.runs):
            elapsed = time.perf_counter() - t_runs
            if run and args.budget and (time.perf_counter() - t0) + elapsed / run > args.budget:
                print(
                    f"stopped after {run} of {args.runs} runs: another would pass the --budget of {args.budget:.0f} s"
                )
                break
            db = tmp / f"run{run + 1}" / "claims.db"
            db.parent.mkdir()
            r = run_worker(folder, db, args.second)
            results.append(r)
            second = f"; again: {r['second_wall']:.1f} s, {r['second_duplicates']:,} skipped" if args.second else ""
            print(
                f"run {run + 1}: {r['added']:,} added, {r['claims']:,} claims in {r['wall']:.1f} s wall"
                f" / {r['cpu']:.1f} s CPU; peak RSS {r['peak_rss_mb']:.0f} MB; db {r['db_bytes'] / 1e6:.0f} MB{second}",
                flush=True,
            )
            shutil.rmtree(db.parent)
            if r["rejected"]:
                print(f"  warning: {r['rejected']} file(s) rejected")
    finally:
        if args.dir is None:
            shutil.rmtree(tmp, ignore_errors=True)

    def m(key):
        return median([r.get(key) for r in results])

    wall, cpu = m("wall"), m("cpu")
    print(f"\nMedians of {len(results)} run(s); ingest via {results[0]['via']}:")
    rows = [
        [
            "first ingest (fresh db)",
            fmt(wall, 1),
            fmt(cpu, 1),
            fmt_int(args.docs / wall),
            fmt_int(words / wall),
            fmt_int(m("claims")),
            fmt_int(m("added")),
            fmt(m("peak_rss_mb"), 0),
            fmt(m("db_bytes") / 1e6, 0),
        ]
    ]
    if args.second:
        sw = m("second_wall")
        rows.append(
            [
                "second ingest (all stored)",
                fmt(sw, 1),
                fmt(m("second_cpu"), 1),
                fmt_int(args.docs / sw),
                fmt_int(words / sw),
                "0",
                fmt_int(m("second_added")),
                fmt(m("peak_rss_after_second_mb"), 0),
                fmt(m("db_bytes") / 1e6, 0),
            ]
        )
    print(table(["", "wall s", "CPU s", "docs/s", "words/s", "claims stored", "added", "peak RSS MB", "db MB"], rows))
    rss = (
        [f"{m('rss_start_mb'):.0f} MB at start"]
        + [
            f"{median([r['rss_at'].get(f'{f:.0%}') for r in results]):.0f} MB after {f:.0%}"
            for f in CHECKPOINTS
            if all(f"{f:.0%}" in r["rss_at"] for r in results)
        ]
        + [f"{m('peak_rss_mb'):.0f} MB after 100% of the files"]
    )
    print(f"\npeak RSS during the first ingest: {', '.join(rss)}")
    if m("workers_peak_rss_mb"):
        print(f"peak RSS of the largest reading worker process: {m('workers_peak_rss_mb'):.0f} MB")
    if args.pdf:
        print(f"first ingest: {args.docs * args.pdf / wall:,.0f} PDF pages/s ({args.docs:,} PDFs of {args.pdf} pages)")
    print(
        f"first ingest: wall - CPU = {wall - cpu:.1f} s waiting; {m('voluntary_switches'):,.0f} voluntary"
        f" context switches (waits for I/O or locks), {m('involuntary_switches'):,.0f} involuntary (preempted by"
        f" other processes); {m('blocks_written') * 512 / 1e6:,.0f} MB written to disk"
    )
    per_10k = wall * 10_000 / args.docs
    if not args.pdf:  # the target is for 10,000 news stories, not for PDFs of many pages
        print(
            f"first ingest: {per_10k:.1f} s per 10,000 documents, target under {TARGET_SECONDS_PER_10K:.0f} s:"
            f" {TARGET_SECONDS_PER_10K / per_10k:.2f}x the target speed"
            f"{'' if per_10k < TARGET_SECONDS_PER_10K else ' (BELOW TARGET)'}"
        )
    print(
        f"database: {m('db_bytes') / 1e6:.0f} MB, {m('db_bytes') / args.docs / 1024:.1f} KB per document,"
        f" {m('db_bytes') / max(1, m('claims')):.0f} bytes per claim"
    )
    print(f"(benchmark took {time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
