"""Claims as CSV for spreadsheets, with cells a spreadsheet would evaluate made inert.

A text cell that starts with =, +, -, @, tab or carriage return, or with one of them after
leading whitespace or in a compatibility form (the full-width ＝), gets a ' in front, so that a
document's text or a note can never run as a formula. Numbers are left as numbers: value cells
are written by the workbench from floats and ints (-0.69 for "fell by 69%"), never copied from
a document, so they cannot carry a formula, and an apostrophe would turn them into text that a
spreadsheet no longer sums or sorts.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable
from typing import TextIO

from workbench.core.model import READING_FIELDS
from workbench.core.report.model import ReportClaim
from workbench.core.safe_text import visible

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
REPORT_COLUMNS = (
    "claim_id",
    "document",
    "start",
    "end",
    "surface",
    "kind",
    *READING_FIELDS,
    "subject",
    "cluster",
    "verdict",
    "note",
    "reviewer",
    "decided_at",
    "final_verdict",
    "final_reason",
    "adjudicator",
    "adjudicated_at",
    "in_dispute",
)
MANY = "; "  # joins the cells of several reviewers' decisions on one claim


def csv_cell(value) -> object:
    """A cell a spreadsheet will not evaluate: text starting with = + - @ tab or CR gets a quote in front."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS) or is_formula(text):
        text = "'" + text
    return visible(text, keep_lines=True)


def is_formula(text: str) -> bool:
    """Whether a spreadsheet could read the text as a formula: its first character other than
    whitespace (spreadsheets skip a leading line break or space) is a formula start, in any of
    its compatibility forms (the full-width ＝, the small ﹢)."""
    first = text.lstrip()[:1]
    return bool(first) and unicodedata.normalize("NFKC", first)[:1] in FORMULA_STARTS


def report_row(member: ReportClaim) -> list:
    """One claim's cells, in REPORT_COLUMNS order; several reviewers' decisions share a cell each, joined by '; ';
    then the adjudicator's final verdict, and 1 for a claim in dispute (different verdicts, no final one), else 0."""
    claim = member.claim
    value = claim.export_value()
    low, high = (value["min"], value["max"]) if claim.is_range else (None, None)
    decisions = member.decisions
    return [
        claim.id,
        claim.doc_name,
        claim.start,
        claim.end,
        claim.surface,
        claim.kind,
        None if claim.is_range else value,
        low,
        high,
        claim.qualifier,
        claim.unit,
        claim.currency,
        claim.subject,
        member.cluster_id,
        *(
            _joined([getattr(d, name) or "" for d in decisions])
            for name in ("verdict", "note", "reviewer", "decided_at")
        ),
        *(
            (final.verdict, final.reason, final.adjudicator, final.decided_at)
            if (final := member.final)
            else (None,) * 4
        ),
        int(member.in_dispute),
    ]


def write_report_csv(fp: TextIO, claims: Iterable[ReportClaim]) -> None:
    """Stream one row per claim, heading first."""
    writer = csv.writer(fp)
    writer.writerow(REPORT_COLUMNS)
    for member in claims:
        writer.writerow([csv_cell(cell) for cell in report_row(member)])


def _joined(cells: list[str]) -> str | None:
    """Several reviewers' cells in one, in reviewer order; None when all are empty."""
    return MANY.join(cells) if any(cells) else None
