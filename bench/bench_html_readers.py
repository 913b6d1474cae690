"""Web-page readers compared on real saved news pages: main text kept, page furniture left out.

The pages in bench/html_pages/ are saved pages of trafilatura's evaluation set, with that
set's gold snippets in gold.json: "with" snippets are article text a reader should keep,
"without" snippets are navigation, related links, sign-up boxes and the like that it should
leave out. Three readers read every page:

- read_html: what `workbench ingest` uses (workbench.core.html_reader.read_html: trafilatura,
  and our own reader where trafilatura finds no article);
- own reader: our own lxml reader alone (html_reader._whole_page_text, with the headline put
  first as read_html does);
- html.parser: the hand-written reader the workbench used before b64db61
  (workbench/core/decoding.py's html_to_text at b64db61^), loaded from git history at run time
  into a temporary module; the column is left out, with a line saying so, if git or that
  commit is not there.

For each reader: the share of "with" snippets found in its text and of "without" snippets
absent from it (both after whitespace is collapsed); the numeric claims extracted from the
Document built from the page with that reader (workbench.core.documents.document_from_bytes
with the reader in read_html's place, then extract_claims); how many of those claims are in
boilerplate, that is whose sentence holds a "without" snippet; how many of them read_html's
text does not hold (the claims a reader adds to what ingest stores: on these pages they come
from related-article lists, menus and sign-up boxes); and the median milliseconds a page the
reader alone takes (medians of --runs runs). Before measuring, every gold snippet
is checked to occur in the page's own text; one that does not is reported and not counted.
Never fails on timing.

    python bench/bench_html_readers.py            # 5 runs
    python bench/bench_html_readers.py --runs 1 --per-page
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

import common  # noqa: F401  (puts bench/ and the checkout on sys.path)
from common import BENCH_DIR, machine_line, median, table

PAGES = BENCH_DIR / "html_pages"
OLD_COMMIT = "b64db61^"
OLD_PATH = "workbench/core/decoding.py"


def collapse(text: str) -> str:
    return " ".join(text.split())


def page_text(html: str) -> str:
    """Everything a browser could show of the page (scripts and styles left out), collapsed:
    what a gold snippet must occur in to be sound."""
    import lxml.html

    tree = lxml.html.document_fromstring(html.encode("utf-8"))
    for node in list(tree.iter("script", "style")):
        if node.getparent() is not None:
            node.drop_tree()
    return collapse(tree.text_content())


def sound_gold(html: str, gold: dict[str, list[str]]) -> tuple[dict[str, list[str]], list[str]]:
    """The gold snippets that occur in the page's text, and a line for each one that does not."""
    text = page_text(html)
    kept: dict[str, list[str]] = {"with": [], "without": []}
    dropped = []
    for kind in ("with", "without"):
        for snippet in gold.get(kind, []):
            if collapse(snippet) in text:
                kept[kind].append(snippet)
            else:
                dropped.append(f"{kind}: {snippet!r}")
    return kept, dropped


def load_old_reader():
    """html_to_text as it was before b64db61, from git history; None (and why) if it cannot be had."""
    root = BENCH_DIR.parent
    try:
        source = subprocess.run(
            ["git", "show", f"{OLD_COMMIT}:{OLD_PATH}"], cwd=root, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        return None, f"git show {OLD_COMMIT}:{OLD_PATH} failed ({exc.__class__.__name__})"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "old_decoding.py"
        path.write_text(source, encoding="utf-8")
        spec = importlib.util.spec_from_file_location("old_decoding", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return module.html_to_text, None


def readers():
    from workbench.core import html_reader

    def own_reader(html: str):
        text, meta = html_reader._whole_page_text(html)
        headline = meta.get("headline")
        if headline and not text.startswith(headline):
            text = headline + "\n\n" + text
        return text, meta

    found = {"read_html": html_reader.read_html, "own reader": own_reader}
    old, why = load_old_reader()
    if old is None:
        print(f"html.parser column skipped: {why}")
    else:
        found["html.parser (before b64db61)"] = old
    return found


def claims_with(reader, name: str, data: bytes):
    """The claims `workbench ingest` would extract from the page were `reader` its HTML reader."""
    from workbench.core import documents
    from workbench.core.claims import extract_claims

    with mock.patch.object(documents, "read_html", reader):
        doc = documents.document_from_bytes(name, data)
    return doc, extract_claims(doc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--per-page", action="store_true", help="also print a row for each page and reader")
    args = parser.parse_args(argv)
    print(f"Web-page readers on real saved news pages; {machine_line()}")
    from workbench.core import html_reader
    from workbench.core.decoding import decode_with_note

    gold_all = json.loads((PAGES / "gold.json").read_text(encoding="utf-8"))
    pages = []
    for name, gold in sorted(gold_all.items()):
        path = PAGES / name
        if not path.is_file():
            print(f"{name}: page missing, skipped")
            continue
        data = path.read_bytes()
        html = decode_with_note(data)[0]
        kept, dropped = sound_gold(html, gold)
        for line in dropped:
            print(f"{name}: gold snippet not in the page's text, not counted: {line}")
        pages.append((name, data, html, kept))
    found = readers()
    fallbacks = sum(1 for _, _, html, _ in pages if not html_reader._main_text(html)[0].strip())
    for reader in found.values():  # imports and first-call set-up out of the figures
        reader(pages[0][2])

    totals = {
        label: {"with": 0, "without_absent": 0, "claims": 0, "boiler": 0, "outside": 0, "ms": []} for label in found
    }
    with_total = sum(len(k["with"]) for *_, k in pages)
    without_total = sum(len(k["without"]) for *_, k in pages)
    per_page = []
    for name, data, html, kept in pages:
        withouts = [collapse(s) for s in kept["without"]]
        ingest_text = collapse(claims_with(html_reader.read_html, name, data)[0].text)
        for label, reader in found.items():
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                text = reader(html)[0]
                times.append((time.perf_counter() - started) * 1000)
            flat = collapse(text)
            hits = sum(1 for s in kept["with"] if collapse(s) in flat)
            absent = sum(1 for s in withouts if s not in flat)
            doc, claims = claims_with(reader, name, data)
            sentences = [collapse(doc.text[c.sentence_start : c.sentence_end]) for c in claims]
            boiler = sum(1 for sentence in sentences if any(s in sentence for s in withouts))
            outside = sum(1 for sentence in sentences if sentence not in ingest_text)
            t = totals[label]
            t["with"] += hits
            t["without_absent"] += absent
            t["claims"] += len(claims)
            t["boiler"] += boiler
            t["outside"] += outside
            t["ms"].append(median(times))
            per_page.append(
                [
                    name,
                    label,
                    f"{hits}/{len(kept['with'])}",
                    f"{absent}/{len(withouts)}",
                    str(len(claims)),
                    str(boiler),
                    str(outside),
                    f"{median(times):,.1f}",
                    f"{len(text):,}",
                ]
            )

    if args.per_page:
        print(
            table(
                [
                    "page",
                    "reader",
                    "with found",
                    "without absent",
                    "claims",
                    "in boilerplate",
                    "not in read_html",
                    "ms",
                    "chars",
                ],
                per_page,
            )
        )
        print()
    rows = []
    for label, t in totals.items():
        rows.append(
            [
                label,
                f"{t['with']}/{with_total} ({100 * t['with'] / max(with_total, 1):.0f}%)",
                f"{t['without_absent']}/{without_total} ({100 * t['without_absent'] / max(without_total, 1):.0f}%)",
                f"{t['claims']:,}",
                f"{t['boiler']:,}",
                f"{t['outside']:,}",
                f"{median(t['ms']):,.1f}",
            ]
        )
    print(
        f"{len(pages)} pages, medians of {args.runs} runs; read_html fell back to our own reader on {fallbacks} of them"
    )
    print(
        table(
            [
                "reader",
                "main text found",
                "boilerplate absent",
                "claims",
                "claims in boilerplate",
                "claims not in read_html",
                "median ms/page",
            ],
            rows,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
