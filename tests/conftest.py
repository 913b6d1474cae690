"""Shared fixtures: a fresh claims database, and a small hand-built document with claims of every kind."""

from __future__ import annotations

import hashlib
import re

import pytest

from workbench.core.model import Claim, Document, Span
from workbench.store.db import open_store

TITLE = "Councils failing children"
PASSAGES = (
    "One in seven councils was judged inadequate in 2012/13. The report found 20 councils with poor child protection.",
    "Funding fell by £2bn since April 2015. Thousands more children are now known to social services.",
)
# surface -> the claim's fields besides its position
CLAIMS = {
    "One in seven": dict(kind="proportion", value=1 / 7, subject="share of councils judged inadequate"),
    "2012/13": dict(kind="year", value_min=2012.0, value_max=2013.0, note="split year", period="2012/13"),
    "20": dict(kind="count", value=20, unit="council", subject="councils with poor child protection"),
    "£2bn": dict(kind="money", value=2_000_000_000, currency="GBP", subject="fall in funding"),
    "April 2015": dict(kind="date", value="2015-04"),
    "Thousands": dict(kind="count", value_min=1000.0, value_max=9999.0, qualifier="range", speaker="LGA"),
}


def build_document(name: str = "report.txt", title: str = TITLE) -> tuple[Document, list[Claim]]:
    """A title and two passages with six claims: a proportion, a split year, a count, money, a date, a range."""
    text = "\n\n".join((title, *PASSAGES))
    body_start = len(title) + 2
    passages = [Span(text.index(p), text.index(p) + len(p)) for p in PASSAGES]
    sentences = [Span(text.index(s), text.index(s) + len(s)) for p in PASSAGES for s in _sentences(p)]
    doc = Document(
        name=name,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        path=f"/in/{name}",
        title=title,
        published="2016-06-29",
        sections=[Span(0, len(title), "title"), Span(body_start, len(text), "body")],
        passages=passages,
        sentences=sentences,
    )
    return doc, [_claim(doc, n, surface, fields) for n, (surface, fields) in enumerate(CLAIMS.items())]


def _sentences(passage: str) -> list[str]:
    """The passage's sentences, each ending with its full stop."""
    return [s + "." for s in passage.rstrip(".").split(". ")]


def _claim(doc: Document, n: int, surface: str, fields: dict) -> Claim:
    """A claim on the first whole-word occurrence of surface, with its sentence and passage offsets."""
    start = re.search(rf"(?<!\w){re.escape(surface)}(?!\w)", doc.text).start()
    sentence = next(s for s in doc.sentences if s.start <= start < s.end)
    passage = next(p for p in doc.passages if p.start <= start < p.end)
    return Claim(
        id=f"{doc.name}-c{n:03d}",
        doc_name=doc.name,
        start=start,
        end=start + len(surface),
        surface=surface,
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        passage_start=passage.start,
        passage_end=passage.end,
        **fields,
    )


@pytest.fixture
def store(tmp_path):
    """A fresh, migrated Store at tmp_path/claims.db, closed after the test."""
    with open_store(tmp_path / "claims.db") as fresh:
        yield fresh


@pytest.fixture
def make_document():
    """The build_document helper, for tests outside this file: make_document(name) -> (doc, claims)."""
    return build_document


@pytest.fixture
def corpus(tmp_path):
    """The small review corpus (tests/review_corpus.py) at tmp_path/claims.db: (path, claim ids by
    (document name, surface))."""
    from review_corpus import build_small

    path = str(tmp_path / "claims.db")
    return path, build_small(path)
