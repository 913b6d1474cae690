"""How documents, their spans and claims become table rows, and how claim rows become Claims again."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import fields
from operator import attrgetter

from typing import TYPE_CHECKING

from workbench.core.model import Claim, Document, DocumentRow, Span

if TYPE_CHECKING:
    from workbench.core.frames import QuantityFrame

DOCUMENT_COLUMNS = (
    "id",
    "name",
    "path",
    "sha256",
    "encoding",
    "media_type",
    "title",
    "published",
    "author",
    "site",
    "text",
    "chars",
    "claim_count",
    "extractor_version",
    "ingested_at",
)
# A DocumentRow's columns of the documents table, in its fields' order; `claims` is claim_count.
DOCUMENT_ROW_COLUMNS = tuple("claim_count" if f.name == "claims" else f.name for f in fields(DocumentRow))
SECTION_COLUMNS = ("doc_id", "idx", "name", "start", "end")
PASSAGE_COLUMNS = ("doc_id", "idx", "start", "end")
SENTENCE_COLUMNS = ("doc_id", "idx", "passage_idx", "start", "end")

# Claim fields stored under their own name; doc_name becomes doc_id and value is split in two.
PLAIN_CLAIM_COLUMNS = tuple(f.name for f in fields(Claim) if f.name not in ("doc_name", "value"))
CLAIM_COLUMNS = ("doc_id", "seq", "value", "value_text", *PLAIN_CLAIM_COLUMNS)
_plain_claim_values = attrgetter(*PLAIN_CLAIM_COLUMNS)


def quoted(columns: Iterable[str], table: str = "") -> str:
    """Column names as a SQL list, quoted because some ("end") are keywords; of `table` when named."""
    prefix = f"{table}." if table else ""
    return ", ".join(f'{prefix}"{column}"' for column in columns)


def document_row_sql(*, count_claims: bool = False) -> str:
    """A DocumentRow's columns of `documents d` as a SELECT list, in its fields' order; with
    `count_claims`, its claims are counted in the claims table instead of read from claim_count."""
    counted = "(SELECT count(*) FROM claims c WHERE c.doc_id = d.id)"
    return ", ".join(
        counted if count_claims and column == "claim_count" else f'd."{column}"' for column in DOCUMENT_ROW_COLUMNS
    )


def insert_sql(table: str, columns: Sequence[str]) -> str:
    """An INSERT statement for one row of the given columns, for executemany."""
    return f"INSERT INTO {table} ({quoted(columns)}) VALUES ({', '.join('?' * len(columns))})"


def document_row(doc: Document, *, claim_count: int, extractor_version: str, ingested_at: str) -> tuple:
    """The documents row for a Document, in DOCUMENT_COLUMNS order."""
    return (
        doc.id,
        doc.name,
        doc.path,
        doc.sha256,
        doc.encoding,
        doc.media_type,
        doc.title,
        doc.published,
        doc.author,
        doc.site,
        doc.text,
        len(doc.text),
        claim_count,
        extractor_version,
        ingested_at,
    )


def section_rows(doc: Document) -> list[tuple]:
    """The sections rows for a Document, in SECTION_COLUMNS order."""
    return [(doc.id, idx, span.name, span.start, span.end) for idx, span in enumerate(doc.sections)]


def passage_rows(doc: Document) -> list[tuple]:
    """The passages rows for a Document, in PASSAGE_COLUMNS order."""
    return [(doc.id, idx, span.start, span.end) for idx, span in enumerate(doc.passages)]


def sentence_rows(doc: Document) -> list[tuple]:
    """The sentences rows for a Document, each with the index of the passage that holds it."""
    passage_starts = [span.start for span in doc.passages]
    return [
        (doc.id, idx, _passage_holding(span, doc.passages, passage_starts), span.start, span.end)
        for idx, span in enumerate(doc.sentences)
    ]


def _passage_holding(sentence: Span, passages: list[Span], starts: list[int]) -> int | None:
    """The index of the passage that contains the sentence's start, or None if none does."""
    idx = bisect_right(starts, sentence.start) - 1
    if idx >= 0 and sentence.start < passages[idx].end:
        return idx
    return None


def claim_rows(doc_id: str, claims: Sequence[Claim]) -> list[tuple]:
    """The claims rows for a document's claims, in CLAIM_COLUMNS order; seq is the list position."""
    return [(doc_id, seq, *_split_value(claim.value), *_plain_claim_values(claim)) for seq, claim in enumerate(claims)]


def _split_value(value) -> tuple:
    """A claim value as (number, text): ISO date strings go to value_text, numbers to value."""
    if isinstance(value, str):
        return None, value
    return value, None


# The claim columns a reader selects, in the order claim_from_row expects; "d" is documents.
CLAIM_SELECT = ", ".join([*(f'c."{n}"' for n in PLAIN_CLAIM_COLUMNS), "c.value", "c.value_text", "d.name"])
N_CLAIM_SELECT = len(PLAIN_CLAIM_COLUMNS) + 3


def claim_from_row(row: Sequence) -> Claim:
    """Rebuild a Claim from a row selected with CLAIM_SELECT."""
    *plain, number, text, doc_name = row
    value = text if text is not None else _whole(number)
    return Claim(doc_name=doc_name, value=value, **dict(zip(PLAIN_CLAIM_COLUMNS, plain)))


def _whole(number):
    """Give back an int for a whole number, since the REAL value column turns 20 into 20.0."""
    if isinstance(number, float) and number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number


def spans_from_rows(rows: Iterable[Sequence]) -> list[Span]:
    """Spans from (start, end) or (start, end, name) rows."""
    return [Span(*row) for row in rows]


FRAME_COLUMNS = (
    "frame_measure",
    "frame_place",
    "frame_period",
    "frame_basis",
    "frame_source",
)  # QuantityFrame's fields


def frame_values(frame: QuantityFrame) -> tuple:
    """A quantity frame's fields in FRAME_COLUMNS order, as the claims table stores them."""
    return tuple(getattr(frame, column.removeprefix("frame_")) for column in FRAME_COLUMNS)


def stored_frame(values: Sequence, version: int | None) -> QuantityFrame | None:
    """The frame a claims row holds (its FRAME_COLUMNS and frames_version), or None when it holds
    none under this FRAMES_VERSION: frames read by other readers are read again, never shown."""
    if version is None:
        return None
    from workbench.core.frames import FRAMES_VERSION, QuantityFrame  # 15 ms: only when frames are asked for

    if version != FRAMES_VERSION:
        return None
    return QuantityFrame(**{column.removeprefix("frame_"): value for column, value in zip(FRAME_COLUMNS, values)})
