"""Claims a reviewer added: read by the extractor's reader, stored with their offsets and sentence,
kept through a re-ingest while their sentence stands (at its new place), orphaned when it changes
and back when it returns, never doubled when a newer extractor finds them; `workbench claim add`
does it from a script, and doctor lists the orphans."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner
from conftest import build_document

from workbench.cli import main
from workbench.core.added import AddError, new_added_claim
from workbench.core.claims import read_selection
from workbench.store import added
from workbench.store.db import open_store
from workbench.store.doctor import examine
from workbench.store.review.store import ReviewStore

SENTENCE = "The report found 20 councils with poor child protection."


def document(title: str = "Councils failing children", *, extracted=("20",), sentence: str = SENTENCE):
    """The conftest document, its "20" missed by the extractor (unless `extracted` is empty)."""
    doc, claims = build_document(title=title)
    if sentence != SENTENCE:
        doc.text = doc.text.replace(SENTENCE, sentence)
        doc.sha256 = doc.sha256[::-1]
    return doc, [c for c in claims if c.surface not in extracted]


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "claims.db"
    with open_store(path) as store:
        store.add_document(*document(), extractor_version="test")
    return path


def add_twenty(db_path, reviewer="alice"):
    review = ReviewStore(str(db_path), reviewer)
    try:
        doc_id = review.conn.execute("SELECT id FROM documents").fetchone()[0]
        text = review.conn.execute("SELECT text FROM documents").fetchone()[0]
        at = text.index("20 councils")
        change = review.add_claim(doc_id, at, at + len("20 councils"))
        claim_id = change.items[0].claim_id
        review.decide([claim_id], "consistent")
        return claim_id
    finally:
        review.close()


def claim_row(db_path, claim_id):
    conn = sqlite3.connect(db_path)
    row = conn.execute(
        """SELECT c.surface, c.kind, c.value, c."start", c.sentence_start, c.sentence_end, d.text
                          FROM claims c JOIN documents d ON d.id = c.doc_id WHERE c.id = ?""",
        [claim_id],
    ).fetchone()
    conn.close()
    return row


def store_again(db_path, doc_and_claims):
    with open_store(db_path) as store:
        store.store_document(*doc_and_claims, extractor_version="test")


def test_the_reader_reads_the_selection_in_its_sentence_as_extraction_does():
    doc, _ = document()
    at = doc.text.index("20 councils")
    claim = read_selection(doc, at - 1, at + len("20 councils") + 1)  # white space round it is trimmed
    assert (claim.surface, claim.kind, claim.value, claim.start) == ("20 councils", "count", 20, at)
    assert doc.text[claim.sentence_start : claim.sentence_end] == SENTENCE
    at = doc.text.index("April 2015")
    assert read_selection(doc, at, at + len("April 2015")).value == "2015-04"  # the date, not the 2015
    with pytest.raises(AddError, match="no figure in 'report'"):
        new_added_claim(doc, doc.text.index("report"), doc.text.index("report") + 6)
    with pytest.raises(AddError, match="is not a stretch of report.txt"):
        new_added_claim(doc, 10, 10_000)


def test_an_added_claim_is_stored_with_its_sentence_and_its_decision(db_path):
    claim_id = add_twenty(db_path)
    surface, kind, value, start, s_start, s_end, text = claim_row(db_path, claim_id)
    assert (surface, kind, value) == ("20 councils", "count", 20)
    assert text[s_start:s_end] == SENTENCE and text[start : start + len(surface)] == surface
    conn = sqlite3.connect(db_path)
    assert added.added_of(conn, claim_id).reviewer == "alice"
    seqs = [row[0] for row in conn.execute("SELECT surface FROM claims ORDER BY seq")]
    conn.close()
    assert seqs.index("20 councils") == seqs.index("2012/13") + 1  # in text order among the extracted


def test_it_survives_a_reingest_at_its_new_place_and_keeps_its_decision(db_path):
    claim_id = add_twenty(db_path)
    before = claim_row(db_path, claim_id)[3]
    store_again(db_path, document(title="Councils failing children, says Ofsted"))  # every offset moves
    surface, _, value, start, s_start, s_end, text = claim_row(db_path, claim_id)
    assert start == before + len(", says Ofsted") and text[start : start + len(surface)] == "20 councils"
    assert value == 20 and text[s_start:s_end] == SENTENCE
    checkup = examine(db_path)
    assert checkup.problems == [] and checkup.orphaned == [] and checkup.orphaned_additions == []


def test_a_changed_sentence_orphans_it_and_it_comes_back_with_the_sentence(db_path):
    claim_id = add_twenty(db_path)
    store_again(db_path, document(sentence="The report found 21 councils with poor child protection."))
    assert claim_row(db_path, claim_id) is None
    checkup = examine(db_path)
    assert checkup.problems == []
    assert [o.record.claim_id for o in checkup.orphaned_additions] == [claim_id]
    assert [o.claim_id for o in checkup.orphaned] == [claim_id]  # alice's decision, kept
    result = CliRunner().invoke(main, ["doctor", "--db", str(db_path)])
    assert f'alice  added  report.txt  {claim_id}  "20 councils"' in result.output
    store_again(db_path, document())
    assert claim_row(db_path, claim_id)[0] == "20 councils"
    assert examine(db_path).orphaned == []


def test_a_newer_extractor_that_finds_it_does_not_double_it(db_path):
    claim_id = add_twenty(db_path)
    doc, claims = document(extracted=())
    doc.sha256 = doc.sha256[::-1]  # the same text, read again
    for claim in claims:
        if claim.surface == "20":
            claim.end = claim.start + len("20 councils")
            claim.surface = "20 councils"
    store_again(db_path, (doc, claims))
    conn = sqlite3.connect(db_path)
    surfaces = [row[0] for row in conn.execute("SELECT surface FROM claims WHERE surface = '20 councils'")]
    conn.close()
    assert surfaces == ["20 councils"]
    assert claim_row(db_path, claim_id) is None  # the extractor's claim stands in its place
    checkup = examine(db_path)
    assert checkup.problems == [] and checkup.orphaned_additions == [] and checkup.added == 0
    assert [o.claim_id for o in checkup.orphaned] == [claim_id]  # alice's decision on it, kept and listed


def add_on_the_command_line(db_path, doc: str, at: int, *options: str):
    """`workbench claim add DOC` of the 11 characters at `at` ("20 councils"), with options."""
    args = ["claim", "add", doc, "--start", str(at), "--end", str(at + 11), "--db", str(db_path), *options]
    return CliRunner().invoke(main, args)


def test_claim_add_on_the_command_line(db_path):
    text = build_document()[0].text
    at = text.index("20 councils")
    result = add_on_the_command_line(db_path, "report", at, "--reviewer", "bob", "--value", "21")
    assert result.exit_code == 0, result.output
    claim_id = result.output.split(":")[0]
    assert result.output == f"{claim_id}: added '20 councils' to report.txt as count, 21 (exact)\n"
    assert claim_row(db_path, claim_id)[2] == 21
    again = add_on_the_command_line(db_path, "report.txt", at)
    assert again.exit_code == 1
    assert again.output == f"workbench: report.txt: '20 councils' is already claim {claim_id}\n"
    bad = add_on_the_command_line(db_path, "report", at, "--kind", "proportion")
    assert bad.exit_code == 1
    assert bad.output == "workbench: report: a proportion is between 0 and 1 (45% is 0.45); 20 is not\n"
    missing = CliRunner().invoke(main, ["claim", "add", "nope", "--start", "0", "--end", "3", "--db", str(db_path)])
    assert missing.exit_code == 2 and "no document named 'nope'" in missing.output


def test_the_json_export_has_the_added_claim_and_its_log_entry(db_path):
    import json

    claim_id = add_twenty(db_path)
    result = CliRunner().invoke(main, ["export", "--format", "json", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert claim_id in {claim["id"] for claim in data["claims"]}
    entry = next(e for e in data["review_log"] if e["action"] == "add")
    assert entry["from_added"] is None
    assert {
        k: entry["to_added"][k] for k in ("claim_id", "doc", "surface", "sentence", "reviewer", "kind", "value")
    } == {
        "claim_id": claim_id,
        "doc": "report.txt",
        "surface": "20 councils",
        "sentence": SENTENCE,
        "reviewer": "alice",
        "kind": "count",
        "value": 20,
    }
