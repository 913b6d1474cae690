"""PDF text: the workbench's reader (pypdfium2) against pdfplumber on the same pages.

A generated PDF of --pages pages (bench/text_pdf.py, one generated story a page) is read by
workbench.core.pdf_reader.read_pdf (text, paragraphs, table cells) and by pdfplumber's
extract_text (pdfminer layout analysis), the library the issue named for tables; medians of
--runs runs and their ratio. pdfplumber is not a dependency: `pip install pdfplumber` to compare.
Never fails on timing.

    python bench/bench_pdf.py --pages 20 --runs 5
"""

from __future__ import annotations

import argparse
import io
import sys
import time

import common  # noqa: F401  (puts bench/ and the checkout on sys.path)
from common import machine_line, median
from generate_corpus import iter_documents
from text_pdf import text_pdf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    from workbench.core.documents import document_from_bytes
    from workbench.core.pdf_reader import read_pdf

    print(f"PDF text, pypdfium2 against pdfplumber; {machine_line()}")
    stories = [document_from_bytes(name, data).text for name, data, _ in iter_documents(args.pages)]
    pdf = text_pdf(stories)
    print(f"a generated PDF of {args.pages} pages, {len(pdf) / 1024:.0f} KB")

    def ours() -> int:
        return len(read_pdf(pdf)[0])

    def plumber() -> int:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(pdf)) as document:
            return sum(len(page.extract_text() or "") for page in document.pages)

    results = {}
    for name, read in (("workbench (pypdfium2)", ours), ("pdfplumber", plumber)):
        times = []
        try:
            for _ in range(args.runs):
                started = time.perf_counter()
                chars = read()
                times.append(time.perf_counter() - started)
        except ImportError:
            print(f"{name}: not installed")
            continue
        results[name] = median(times)
        print(
            f"{name}: {median(times) * 1000:,.0f} ms for {args.pages} pages"
            f" ({args.pages / median(times):,.0f} pages/s), {chars:,} characters"
        )
    if len(results) == 2:
        ratio = results["pdfplumber"] / results["workbench (pypdfium2)"]
        print(f"pdfplumber takes {ratio:.1f}x the time of the workbench's reader")
    return 0


if __name__ == "__main__":
    sys.exit(main())
