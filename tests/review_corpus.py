"""A small claims database for the review UI's tests, built by inserting rows directly.

Three documents modelled on the seeds: two accounts of Ofsted's 2012/13 report that agree on one
number (20 authorities), round another (13% against "one in seven") and disagree on a third (40%
against "one in four"), and a third document about the next year's report that matches nothing.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3

import sqlite_utils

from workbench.store.schema import migrations

MUNN = """First Social Care Report heralds more support

Monday, November 4, 2013

Ofsted's first social care annual report says 13% of local authorities were judged inadequate for child protection. In all, 20 authorities were rated inadequate overall.

Only 40% of councils were judged good, the report finds."""

CRIN = """Child protection is inadequate at one in seven councils in England, says Ofsted

One in seven councils is failing to protect children properly, and 20 councils were found to be inadequate. Just one in four councils were judged good.

Birmingham failed seven inspections in a row."""

GUARDIAN = """Ofsted children's services report

Three-quarters of councils are not delivering care at a good enough standard. Of the 43 services inspected in 2013-14, seven were inadequate.

Nearly 70% were not good enough, while half required improvement."""

DOCS = [
    ("002_munn.txt", MUNN, "First Social Care Report heralds more support", "2013-11-04", "Meg Munn"),
    ("004_crin.txt", CRIN, "Child protection is inadequate at one in seven councils", "2013-10-12", None),
    ("003_guardian.txt", GUARDIAN, "Ofsted children's services report", "2014-12-02", "Ruth Hardy"),
]

# (doc, surface, occurrence, kind, value, qualifier, extra)
CLAIMS = [
    ("002_munn.txt", "13%", 0, "proportion", 0.13, "exact", {}),
    ("002_munn.txt", "20", 0, "count", 20, "exact", {}),
    ("002_munn.txt", "40%", 0, "proportion", 0.40, "exact", {}),
    ("004_crin.txt", "one in seven", 0, "proportion", 1 / 7, "exact", {"section": "title"}),
    ("004_crin.txt", "One in seven", 0, "proportion", 1 / 7, "exact", {}),
    ("004_crin.txt", "20", 0, "count", 20, "exact", {}),
    ("004_crin.txt", "one in four", 0, "proportion", 0.25, "exact", {}),
    ("004_crin.txt", "seven", 2, "count", 7, "exact", {}),
    ("003_guardian.txt", "Three-quarters", 0, "proportion", 0.75, "exact", {}),
    ("003_guardian.txt", "43", 0, "count", 43, "exact", {}),
    (
        "003_guardian.txt",
        "2013-14",
        0,
        "year",
        None,
        "range",
        {"value_min": 2013, "value_max": 2014, "period": "2013-14"},
    ),
    ("003_guardian.txt", "seven", 0, "count", 7, "exact", {"period": "2013-14"}),
    ("003_guardian.txt", "Nearly 70%", 0, "proportion", 0.70, "approx", {}),
    ("003_guardian.txt", "half", 0, "proportion", 0.5, "approx", {}),
]

CLUSTERS = [
    (
        "k1",
        "differ",
        "consistent",
        "13% vs one in seven (14.3%): 20 of 152 is 13.2%, which both round",
        "share of authorities judged inadequate",
        "proportion",
        [("002_munn.txt", "13%"), ("004_crin.txt", "one in seven"), ("004_crin.txt", "One in seven")],
    ),
    (
        "k2",
        "agree",
        "consistent",
        "every member states 20",
        "authorities rated inadequate overall",
        "count",
        [("002_munn.txt", "20"), ("004_crin.txt", "20")],
    ),
    (
        "k3",
        "differ",
        "conflicting",
        "40% vs one in four (25%): 15 points apart",
        "share of councils judged good",
        "proportion",
        [("002_munn.txt", "40%"), ("004_crin.txt", "one in four")],
    ),
]

# (doc a, surface a, doc b, surface b, link, score, status, explanation)
LINKS = [
    ("003_guardian.txt", "half", "002_munn.txt", "40%", "possible", 0.55, "suggested", "both shares of councils"),
    (
        "003_guardian.txt",
        "seven",
        "004_crin.txt",
        "One in seven",
        "related",
        0.7,
        "suggested",
        "inadequate councils, 2013-14 vs 2012/13",
    ),
]


def claim_id(doc: str, surface: str) -> str:
    return "c" + hashlib.sha1(f"{doc}|{surface}".encode()).hexdigest()[:10]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text)]


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n.!?]+[.!?]?", text) if m.group().strip()]


def create_schema(path: str) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    migrations.apply(db)
    return db


def add_document(db, name, text, title=None, published=None, author=None) -> str:
    sha = hashlib.sha256(text.encode()).hexdigest()
    doc_id = "d" + sha[:16]
    db["documents"].insert(
        {
            "id": doc_id,
            "name": name,
            "path": name,
            "sha256": sha,
            "encoding": "utf-8",
            "media_type": "text/plain",
            "title": title,
            "published": published,
            "author": author,
            "text": text,
            "chars": len(text),
            "claim_count": 0,
            "extractor_version": "test",
            "ingested_at": "2024-01-01T00:00:00",
        }
    )
    db["passages"].insert_all(
        {"doc_id": doc_id, "idx": i, "start": s, "end": e} for i, (s, e) in enumerate(_paragraphs(text))
    )
    return doc_id


def add_claim(db, doc_id, text, surface, occurrence, kind, value, qualifier, seq, **extra) -> str:
    starts = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text)]
    start = starts[occurrence]
    end = start + len(surface)
    p_start, p_end = next((s, e) for s, e in _paragraphs(text) if s <= start and end <= e)
    s_start, s_end = next(((s, e) for s, e in _sentences(text) if s <= start and end <= e), (p_start, p_end))
    doc_name = db["documents"].get(doc_id)["name"]
    cid = extra.pop("id", None) or claim_id(doc_name, f"{surface}#{occurrence}")
    row = {
        "id": cid,
        "doc_id": doc_id,
        "seq": seq,
        "start": start,
        "end": end,
        "surface": surface,
        "kind": kind,
        "value": value,
        "qualifier": qualifier,
        "subject": extra.pop("subject", ""),
        "section": extra.pop("section", "body"),
        "sentence_start": s_start,
        "sentence_end": s_end,
        "passage_start": p_start,
        "passage_end": p_end,
        **extra,
    }
    db["claims"].insert(row)
    return cid


def build_small(path: str, docs=DOCS, claims=CLAIMS, clusters=CLUSTERS, links=LINKS) -> dict[tuple[str, str], str]:
    """Create the small corpus at `path`; returns claim ids by (doc name, surface)."""
    db = create_schema(path)
    doc_ids, texts = {}, {}
    for name, text, title, published, author in docs:
        doc_ids[name] = add_document(db, name, text, title, published, author)
        texts[name] = text
    ids: dict[tuple[str, str], str] = {}
    seqs: dict[str, int] = {}
    for doc, surface, occurrence, kind, value, qualifier, extra in claims:
        seq = seqs[doc] = seqs.get(doc, -1) + 1
        key = (doc, surface if occurrence == 0 else f"{surface}#{occurrence}")
        ids[key] = add_claim(
            db, doc_ids[doc], texts[doc], surface, occurrence, kind, value, qualifier, seq, **dict(extra)
        )
    for cluster_id, relation, verdict, explanation, subject, kind, members in clusters:
        db["clusters"].insert(
            {
                "id": cluster_id,
                "relation": relation,
                "suggested_verdict": verdict,
                "explanation": explanation,
                "subject": subject,
                "kind": kind,
                "size": len(members),
            }
        )
        db["cluster_members"].insert_all(
            {"claim_id": ids[m], "cluster_id": cluster_id, "role": "member"} for m in members
        )
    for doc_a, s_a, doc_b, s_b, link, score, status, explanation in links:
        a, b = sorted([ids[(doc_a, s_a)], ids[(doc_b, s_b)]])
        db["claim_links"].insert(
            {
                "a": a,
                "b": b,
                "link": link,
                "raw_score": score,
                "masked_score": score,
                "status": status,
                "explanation": explanation,
            }
        )
    db.close()
    return ids


def rows(path, sql: str, params=()) -> list[tuple]:
    """The rows a query returns from the database at path, on a connection of its own."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def first_row(path, sql: str, params=()) -> tuple | None:
    """The first row a query returns from the database at path, or None."""
    found = rows(path, sql, params)
    return found[0] if found else None


def synchronously(test):
    """Run an async test function with asyncio.run (the project has no async pytest plugin)."""
    import asyncio
    import functools

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run
