"""Claims a reviewer added because the extractor missed them, and how they come back after a re-ingest.

An added claim is kept as a record beside the claims (store.added): the text of its sentence, which
occurrence of its surface in that sentence it is, and its fields as the reviewer confirmed them.
Its id is made from the document name, the sentence text and that occurrence, as extracted claims'
ids are, so decisions and corrections on it outlive a re-ingest that keeps the sentence. When the
document is ingested again, `locate` finds the sentence in the new text and the claim is stored at
its new offsets; a record whose sentence changed waits (orphaned) until the sentence comes back.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace

from workbench.core.corrections import check
from workbench.core.model import Claim, Document
from workbench.core.pdf_reader import PDF_MEDIA_TYPE, page_at

# The fields an added claim keeps as confirmed; offsets, sentence and passage come from the text.
PLACE_FIELDS = (
    "id",
    "doc_name",
    "start",
    "end",
    "surface",
    "sentence_start",
    "sentence_end",
    "passage_start",
    "passage_end",
    "section",
    "page",
)


class AddError(ValueError):
    """A selection that cannot be added as a claim, with the one-line reason."""


def sentence_key(text: str) -> str:
    """A sentence as claim ids read it: its words, single-spaced."""
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class AddedClaim:
    """One claim a reviewer added: where it stands (by sentence text) and what it says."""

    claim_id: str
    doc_name: str
    sentence: str  # sentence_key of the claim's sentence
    surface: str
    occurrence: int  # of the surface in the sentence, from 0
    fields: dict  # the claim's fields but its place (PLACE_FIELDS)
    place: dict  # where it stood when added: start, end, sentence and passage offsets, section
    reviewer: str = ""
    added_at: str = ""

    def to_json(self) -> str:
        """The record as the store and the review log keep it."""
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> AddedClaim | None:
        return cls(**json.loads(text)) if text else None


def added_id(doc_name: str, sentence: str, surface: str, occurrence: int) -> str:
    """The id of an added claim: stable while its document's name and its sentence are unchanged,
    and unlike the ids the extractor gives (which hash the same parts without the mark)."""
    digest = hashlib.blake2b(
        f"{doc_name}\x1f{sentence}\x1f{surface}\x1f{occurrence}\x1fadded".encode(), digest_size=8
    ).hexdigest()
    return "c" + digest


def _occurrence(text: str, sentence_start: int, start: int, surface: str) -> int:
    """Which occurrence of surface, counted from the sentence's start, begins at start."""
    count, at = 0, text.find(surface, sentence_start)
    while 0 <= at < start:
        count += 1
        at = text.find(surface, at + 1)
    return count


def check_span(doc: Document, start: int, end: int) -> None:
    """Refuse offsets that are not a stretch of the document's text."""
    if not 0 <= start < end <= len(doc.text):
        raise AddError(f"{start}-{end} is not a stretch of {doc.name} (its text has {len(doc.text)} characters)")


def read_added(doc: Document, start: int, end: int) -> Claim:
    """The extractor's reading of a stretch of the text a reviewer selected as a missed claim
    (core.claims.read_selection); AddError when the span is bad or holds no figure."""
    check_span(doc, start, end)
    # imported here: the extractor takes a third of a second to load, and the review UI, which
    # imports this module as it starts, reads a selection only when a reviewer adds a claim
    from workbench.core.claims import read_selection

    claim = read_selection(doc, start, end)
    if claim is None:
        raise AddError(f"no figure in {doc.text[start:end].strip()[:60]!r}; select the number with its words")
    return claim


def new_added_claim(
    doc: Document, start: int, end: int, changes: dict | None = None, *, reviewer: str = "", added_at: str = ""
) -> tuple[Claim, AddedClaim]:
    """The claim a selection makes, as the extractor reads it and with the reviewer's `changes`
    (fields checked by core.corrections.build_changes) over that reading, and its record."""
    claim = replace(read_added(doc, start, end), **(changes or {}))
    check(claim)
    sentence = sentence_key(doc.text[claim.sentence_start : claim.sentence_end])
    occurrence = _occurrence(doc.text, claim.sentence_start, claim.start, claim.surface)
    claim.id = added_id(doc.name, sentence, claim.surface, occurrence)
    values = asdict(claim)
    record = AddedClaim(
        claim.id,
        doc.name,
        sentence,
        claim.surface,
        occurrence,
        {k: v for k, v in values.items() if k not in PLACE_FIELDS},
        {k: values[k] for k in PLACE_FIELDS[2:] if k not in ("surface", "page")},
        reviewer,
        added_at,
    )
    return claim, record


def locate(doc: Document, record: AddedClaim) -> Claim | None:
    """The added claim at its place in this version of the document, or None when its sentence
    (or the surface in it) is not there."""
    text = doc.text
    place = record.place
    if (
        text[place["start"] : place["end"]] == record.surface
        and sentence_key(text[place["sentence_start"] : place["sentence_end"]]) == record.sentence
    ):  # where it was
        return Claim(
            id=record.claim_id,
            doc_name=doc.name,
            surface=record.surface,
            **place,
            page=page_at(text, place["start"]) if doc.media_type == PDF_MEDIA_TYPE else None,
            **record.fields,
        )
    for sentence in doc.sentences:
        if sentence_key(text[sentence.start : sentence.end]) != record.sentence:
            continue
        at, seen = text.find(record.surface, sentence.start, sentence.end), 0
        while at >= 0 and seen < record.occurrence:
            at, seen = text.find(record.surface, at + 1, sentence.end), seen + 1
        if at < 0:
            continue
        passage = next((p for p in doc.passages if p.start <= at < p.end), sentence)
        section = next((s.name for s in doc.sections if s.start <= at < s.end), "body")
        return Claim(
            id=record.claim_id,
            doc_name=doc.name,
            start=at,
            end=at + len(record.surface),
            surface=record.surface,
            sentence_start=sentence.start,
            sentence_end=sentence.end,
            passage_start=passage.start,
            passage_end=passage.end,
            section=section,
            page=page_at(text, at) if doc.media_type == PDF_MEDIA_TYPE else None,
            **record.fields,
        )
    return None
