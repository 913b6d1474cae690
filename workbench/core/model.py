"""The workbench's plain data: documents, their passages and sentences, and numeric claims.

These dataclasses are what every other room of the package passes around: the store
persists them, the matcher compares them, the TUI and the reports show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple, Union

KINDS = ("count", "proportion", "rate", "money", "year", "date", "duration", "other")
QUALIFIERS = ("exact", "approx", "lower_bound", "upper_bound", "range")

# A normalised value: a number, an ISO date string, or a (min, max) range.
Value = Union[int, float, str, None]


class Span(NamedTuple):
    """A named stretch of a document's text: a section, passage or sentence. A named tuple
    rather than a frozen dataclass: as immutable, and made in half the time (a document has
    one for each sentence, passage and section)."""

    start: int
    end: int
    name: str = ""


@dataclass(slots=True)
class Document:
    """A decoded source document with its structure and metadata."""

    name: str  # file name, as users and the scorer know it
    sha256: str  # hash of the original bytes: the document's identity
    text: str  # decoded text; every offset in the workbench points into this
    encoding: str = "utf-8"
    media_type: str = "text/plain"
    path: str = ""
    title: str | None = None
    published: str | None = None  # ISO date the text states for itself
    author: str | None = None
    site: str | None = None  # the outlet: a web page's site name, an outlet line near the title, or the URL's host
    sections: list[Span] = field(default_factory=list)  # title / body / byline / boilerplate
    passages: list[Span] = field(default_factory=list)  # paragraphs, in order
    sentences: list[Span] = field(default_factory=list)  # sentences, in order
    stored_id: str | None = None  # the id the store gave it, when its bytes' id was taken
    decoding_note: str | None = None  # how the encoding was chosen or bytes replaced, for the user

    @property
    def id(self) -> str:
        """'d' and the first 16 hex digits of sha256; a document whose bytes equal another stored
        document's (an edit can make a.txt a copy of b.txt) gets an id from its name as well."""
        return self.stored_id or "d" + self.sha256[:16]


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """A stored document as the lists of documents show it (the command line, the review's
    filter, the report's appendix): its identity and metadata, not its text."""

    id: str
    name: str
    title: str | None
    published: str | None
    author: str | None
    site: str | None
    chars: int
    claims: int
    ingested_at: str


@dataclass(frozen=True, slots=True)
class ClusterInfo:
    """A cluster of claims that state one quantity, as the matcher stored it: how the members'
    figures relate, the verdict it suggests and why, and what they measure. The review's
    `Cluster` and the report's `ReportCluster` add what each shows of it."""

    id: str
    relation: str | None
    suggested_verdict: str | None
    explanation: str | None
    subject: str | None
    kind: str | None


# A claim's reading as the CSV outputs list it, in this order (`workbench claims --format csv` and
# the report's CSV): its value or range and how it is qualified and measured.
READING_FIELDS = ("value", "value_min", "value_max", "qualifier", "unit", "currency")


@dataclass(slots=True)
class Claim:
    """One numeric statement: where it is, what it says, and what it measures."""

    id: str
    doc_name: str
    start: int
    end: int
    surface: str
    kind: str
    value: Value = None  # a number, an ISO date string, or None for a range
    value_min: float | None = None  # set for ranges (qualifier 'range' or split years)
    value_max: float | None = None
    qualifier: str = "exact"
    unit: str | None = None
    currency: str | None = None
    numerator: float | None = None  # "60 out of the 87": 60
    denominator: float | None = None  # and 87
    subject: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    passage_start: int = 0
    passage_end: int = 0
    section: str = "body"
    speaker: str | None = None
    period: str | None = None  # the period the claim is about, as written ("2013-14")
    period_min: int | None = None  # that period's first and last year
    period_max: int | None = None
    period_key: str | None = None  # that period as a key claims compare by ("2013/14", "2015-03"),
    # computed once by the extractor (periods.normalise_period), never parsed again from the label
    note: str | None = None
    page: int | None = None  # the PDF page the claim is on (from 1); None for other documents

    @property
    def is_range(self) -> bool:
        return self.value_min is not None and self.value_max is not None

    def export_value(self):
        """The value as the public JSON export writes it: number, ISO string or {min, max}."""
        if self.is_range:
            return {"min": _plain(self.value_min), "max": _plain(self.value_max)}
        return _plain(self.value) if isinstance(self.value, float) else self.value

    def as_dict(self) -> dict:
        """The claim as a JSON-ready mapping (the export's claim object, without cluster)."""
        return {
            "id": self.id,
            "doc": self.doc_name,
            "start": self.start,
            "end": self.end,
            "surface": self.surface,
            "kind": self.kind,
            "value": self.export_value(),
            "qualifier": self.qualifier,
            "unit": self.unit,
            "currency": self.currency,
            "numerator": _plain(self.numerator),
            "denominator": _plain(self.denominator),
            "subject": self.subject,
            "section": self.section,
            "sentence": {"start": self.sentence_start, "end": self.sentence_end},
            "passage": {"start": self.passage_start, "end": self.passage_end},
            "speaker": self.speaker,
            "period": self.period,
            "note": self.note,
            "page": self.page,
        }


def _plain(number):
    """Write whole floats as ints so that exports read 20, not 20.0."""
    if isinstance(number, float) and number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number
