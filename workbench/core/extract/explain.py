"""What the extractor did not read for claims, and why: no text is set aside without a trace.

A document's passages outside the title and body (page furniture, boilerplate, bylines, and all
that follows a press release's end marker) hold no claims. `set_aside` lists each of them with
its offsets and the reason, for `workbench extract --explain`.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.claims import CLAIM_SECTIONS
from workbench.core.lexicon import END_OF_BODY_RE
from workbench.core.model import Document

END_MARKER = "end marker"
AFTER_END_MARKER = "after an end marker"
BYLINE = "byline"
FURNITURE = "furniture or boilerplate"


@dataclass(frozen=True, slots=True)
class SetAside:
    """A passage not read for claims: where it is, why, and its text."""

    start: int
    end: int
    reason: str  # one of END_MARKER, AFTER_END_MARKER, BYLINE, FURNITURE
    text: str

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "reason": self.reason, "text": self.text}


def set_aside(doc: Document) -> list[SetAside]:
    """Every passage of doc that is not read for claims, in text order, with its reason."""
    out: list[SetAside] = []
    ended = False
    for passage, section in zip(doc.passages, doc.sections):
        if section.name in CLAIM_SECTIONS:
            continue
        text = doc.text[passage.start : passage.end]
        if section.name == "byline":
            reason = BYLINE
        elif not ended and END_OF_BODY_RE.match(text):
            reason, ended = END_MARKER, True
        elif ended:
            reason = AFTER_END_MARKER
        else:
            reason = FURNITURE
        out.append(SetAside(passage.start, passage.end, reason, text))
    return out
