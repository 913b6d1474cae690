"""Re-ingest keeps the work: an edited file replaces its stored version, decisions on unchanged
sentences stay, decisions on vanished claims are kept as orphaned, and a newer extractor reads
stored documents again without losing a decision."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench import ingest as ingest_module
from workbench.cli import main
from workbench.core.claims import EXTRACTOR_VERSION, extract_claims
from workbench.core.documents import load_document
from workbench.core.model import Claim
from workbench.store.clusters import match_pending_documents
from workbench.store.db import open_store
from workbench.store.review.store import ReviewStore

A = """Councils cut youth services

One in seven councils was judged inadequate in 2013. The report found 20 councils with poor child protection.

Funding fell by £2bn since April 2015, the Local Government Association said. Nearly 70% of councils expect further cuts.
"""
B = """Inspectors warn on children's services

Ofsted said one in seven councils was judged inadequate in 2013. Some 20 councils had poor child protection, it found.
"""
EDITED_SENTENCE = (
    "One in seven councils was judged inadequate in 2013.",
    "One in six councils was judged inadequate in 2014.",
)
TABLES = (
    "documents",
    "sections",
    "passages",
    "sentences",
    "claims",
    "clusters",
    "cluster_members",
    "claim_links",
    "decisions",
    "review_log",
    "orphaned_claims",
)


@pytest.fixture
def folder(tmp_path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(A, encoding="utf-8")
    (docs / "b.txt").write_text(B, encoding="utf-8")
    return docs


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "claims.db"


def ingest(db: Path, *paths: Path):
    result = CliRunner().invoke(main, ["ingest", *map(str, paths), "--db", str(db)])
    assert "Traceback" not in result.output
    return result


def claim_ids(db: Path, surface: str, doc: str = "a.txt") -> str:
    with open_store(db) as store:
        [claim] = [c for c in store.iter_claims(doc=doc) if c.surface == surface]
    return claim.id


def dump(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}
    finally:
        conn.close()


def decide(db: Path, reviewer: str, claim_id: str, verdict: str, note: str | None = None) -> None:
    review = ReviewStore(str(db), reviewer)
    try:
        review.decide([claim_id], verdict)
        if note:
            review.set_note(claim_id, note)
    finally:
        review.close()


def decision(db: Path, reviewer: str, claim_id: str):
    review = ReviewStore(str(db), reviewer)
    try:
        return review.decision(claim_id)
    finally:
        review.close()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def dangling(db: Path) -> dict[str, int]:
    """Rows that point at a claim that does not exist."""
    conn = sqlite3.connect(db)
    try:
        return {
            "cluster_members": conn.execute(
                "SELECT count(*) FROM cluster_members WHERE claim_id NOT IN (SELECT id FROM claims)"
            ).fetchone()[0],
            "claim_links": conn.execute(
                "SELECT count(*) FROM claim_links WHERE a NOT IN (SELECT id FROM claims)"
                " OR b NOT IN (SELECT id FROM claims)"
            ).fetchone()[0],
            "wrong sizes": conn.execute(
                "SELECT count(*) FROM clusters k WHERE size != (SELECT count(*) FROM cluster_members m"
                " WHERE m.cluster_id = k.id) OR size < 2"
            ).fetchone()[0],
            "unmatched documents": conn.execute("SELECT count(*) FROM documents WHERE matched_at IS NULL").fetchone()[
                0
            ],
        }
    finally:
        conn.close()


def clusters(db: Path) -> set[frozenset[str]]:
    conn = sqlite3.connect(db)
    try:
        groups: dict[str, set[str]] = {}
        for claim_id, cluster_id in conn.execute("SELECT claim_id, cluster_id FROM cluster_members"):
            groups.setdefault(cluster_id, set()).add(claim_id)
        return {frozenset(g) for g in groups.values()}
    finally:
        conn.close()


def test_ingesting_the_same_folder_again_changes_nothing(folder, db):
    assert ingest(db, folder).exit_code == 0
    decide(db, "alice", claim_ids(db, "20"), "consistent")
    before = dump(db)

    result = ingest(db, folder)

    assert result.exit_code == 0 and "Nothing new added" in result.stdout and "2 already stored" in result.stdout
    assert dump(db) == before


def test_an_edited_file_replaces_its_stored_version(folder, db):
    assert ingest(db, folder).exit_code == 0
    edit(folder / "a.txt", *EDITED_SENTENCE)

    result = ingest(db, folder)

    assert result.exit_code == 0, result.output
    assert "1 edited since they were stored" in result.stdout
    new = load_document(folder / "a.txt")
    with open_store(db) as store:
        assert [d.name for d in store.documents()] == ["a.txt", "b.txt"]
        assert store.document("a.txt").sha256 == new.sha256
        assert [c.id for c in store.iter_claims(doc="a.txt")] == [c.id for c in extract_claims(new)]
        assert store.count_claims(doc="b.txt") == 3
    assert dangling(db) == {"cluster_members": 0, "claim_links": 0, "wrong sizes": 0, "unmatched documents": 0}


def test_decisions_on_unchanged_sentences_stay_and_vanished_ones_are_orphaned_not_lost(folder, db):
    assert ingest(db, folder).exit_code == 0
    unchanged, vanished = claim_ids(db, "20"), claim_ids(db, "One in seven")
    decide(db, "alice", unchanged, "consistent")
    decide(db, "alice", vanished, "conflicting", note="Ofsted says one in six")
    decide(db, "bob", vanished, "unverified")
    log_before = dump(db)["review_log"]
    edit(folder / "a.txt", *EDITED_SENTENCE)

    result = ingest(db, folder)

    assert result.exit_code == 0
    assert "2 decisions are on claims the edited documents no longer have" in result.stdout
    assert claim_ids(db, "20") == unchanged
    assert decision(db, "alice", unchanged)[0] == "consistent"
    assert dump(db)["review_log"] == log_before
    with open_store(db) as store:
        orphaned = store.orphaned_decisions()
    assert [(o.claim_id, o.reviewer, o.verdict, o.note) for o in orphaned] == [
        (vanished, "alice", "conflicting", "Ofsted says one in six"),
        (vanished, "bob", "unverified", None),
    ]
    first = orphaned[0]
    assert (first.document, first.surface, first.kind) == ("a.txt", "One in seven", "proportion")
    assert first.sentence == EDITED_SENTENCE[0]
    assert first.value == pytest.approx(1 / 7, abs=1e-6)
    assert first.decided_at and first.decided_at.startswith("20")


def test_undoing_the_edit_gives_the_orphaned_decision_its_claim_back(folder, db):
    assert ingest(db, folder).exit_code == 0
    vanished = claim_ids(db, "One in seven")
    decide(db, "alice", vanished, "conflicting")
    original = (folder / "a.txt").read_bytes()
    edit(folder / "a.txt", *EDITED_SENTENCE)
    assert ingest(db, folder).exit_code == 0

    (folder / "a.txt").write_bytes(original)
    assert ingest(db, folder).exit_code == 0

    assert claim_ids(db, "One in seven") == vanished
    assert decision(db, "alice", vanished)[0] == "conflicting"
    with open_store(db) as store:
        assert store.orphaned_decisions() == []
    assert vanished not in {row[0] for row in dump(db)["orphaned_claims"]}


def test_clusters_of_a_replaced_document_are_matched_again(folder, db, tmp_path):
    assert ingest(db, folder).exit_code == 0
    old = claim_ids(db, "One in seven")
    assert any(old in group for group in clusters(db)), "the shared 'one in seven' should be clustered"
    edit(folder / "a.txt", "The report found 20 councils", "The report found 25 councils")
    edit(folder / "a.txt", *EDITED_SENTENCE)

    assert ingest(db, folder).exit_code == 0

    assert dangling(db) == {"cluster_members": 0, "claim_links": 0, "wrong sizes": 0, "unmatched documents": 0}
    assert all(old not in group for group in clusters(db))
    fresh = tmp_path / "fresh.db"
    assert ingest(fresh, folder).exit_code == 0
    assert clusters(db) == clusters(fresh)


def newer_version() -> str:
    return EXTRACTOR_VERSION + ".1"


def test_a_newer_extractor_reads_stored_documents_again_and_keeps_every_decision(folder, db, monkeypatch):
    assert ingest(db, folder).exit_code == 0
    with open_store(db) as store:
        before = {c.id: c for c in store.iter_claims()}
    for claim_id in before:
        decide(db, "alice", claim_id, "consistent")
    real_extract = ingest_module.extract_claims

    def finds_one_more(doc):
        claims = real_extract(doc)
        start = doc.text.index("councils")
        extra = Claim(
            id=f"c-extra-{doc.name}",
            doc_name=doc.name,
            start=start,
            end=start + 8,
            surface="councils",
            kind="other",
            value=1,
            subject="councils",
        )
        return [*claims, extra]

    monkeypatch.setattr(ingest_module, "EXTRACTOR_VERSION", newer_version())
    monkeypatch.setattr(ingest_module, "extract_claims", finds_one_more)

    result = ingest(db, folder)

    assert result.exit_code == 0, result.output
    assert "2 extracted again by a newer extractor" in result.stdout
    with open_store(db) as store:
        after = {c.id: c for c in store.iter_claims()}
        assert store.orphaned_decisions() == []
        assert {v for (v,) in store.db.execute("SELECT extractor_version FROM documents")} == {newer_version()}
    assert set(after) == set(before) | {"c-extra-a.txt", "c-extra-b.txt"}
    assert all(decision(db, "alice", claim_id)[0] == "consistent" for claim_id in before)
    assert dangling(db)["unmatched documents"] == 0

    again = ingest(db, folder)
    assert again.exit_code == 0 and "Nothing new added" in again.stdout


def test_a_newer_extractor_that_drops_a_claim_orphans_its_decision(folder, db, monkeypatch):
    assert ingest(db, folder).exit_code == 0
    dropped = claim_ids(db, "Nearly 70%")
    decide(db, "alice", dropped, "conflicting")
    real_extract = ingest_module.extract_claims
    monkeypatch.setattr(ingest_module, "EXTRACTOR_VERSION", newer_version())
    monkeypatch.setattr(
        ingest_module, "extract_claims", lambda doc: [c for c in real_extract(doc) if c.surface != "Nearly 70%"]
    )

    assert ingest(db, folder).exit_code == 0

    with open_store(db) as store:
        [orphan] = store.orphaned_decisions()
    assert (orphan.claim_id, orphan.surface, orphan.value) == (dropped, "Nearly 70%", 0.7)
    assert orphan.sentence == "Nearly 70% of councils expect further cuts."


def test_an_older_extractor_does_not_replace_a_newer_ones_claims(folder, db, monkeypatch):
    monkeypatch.setattr(ingest_module, "EXTRACTOR_VERSION", newer_version())
    assert ingest(db, folder).exit_code == 0
    monkeypatch.undo()
    before = dump(db)

    assert ingest(db, folder).exit_code == 0
    assert dump(db) == before


def test_two_different_files_of_one_name_in_one_ingest(tmp_path, db):
    first = tmp_path / "one" / "report.txt"
    second = tmp_path / "two" / "report.txt"
    for path, text in ((first, A), (second, B)):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")

    result = ingest(db, tmp_path / "one", tmp_path / "two")

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"workbench: {second}: another file known as report.txt is in this ingest ({first});"
        " a document is known by its path inside the folder given (its file name if given alone), so rename one"
    ]
    with open_store(db) as store:
        assert store.document("report.txt").sha256 == load_document(first).sha256


def test_a_file_whose_name_several_stored_documents_share_is_rejected(tmp_path, db, make_document):
    with open_store(db) as store:
        for title in ("First", "Second"):
            doc, claims = make_document("report.txt", title=title)
            for claim in claims:
                claim.id += title  # built claim ids come from the name alone
            store.add_document(doc, claims, extractor_version=EXTRACTOR_VERSION)
        match_pending_documents(store.db)
    before = dump(db)
    path = tmp_path / "report.txt"
    path.write_text(A, encoding="utf-8")

    result = ingest(db, path)

    assert result.exit_code == 1
    assert "2 stored documents have that name, so it is not clear which one this file replaces" in result.stderr
    assert dump(db) == before


def test_deciding_a_claim_a_reingest_just_removed_keeps_an_orphan_and_says_the_claim_is_gone(folder, db):
    from workbench.store.errors import ClaimGone

    assert ingest(db, folder).exit_code == 0
    vanished = claim_ids(db, "One in seven")
    review = ReviewStore(str(db), "alice")  # the review is open, showing the claim
    try:
        edit(folder / "a.txt", *EDITED_SENTENCE)  # meanwhile another shell re-ingests the edit
        assert ingest(db, folder).exit_code == 0
        with pytest.raises(ClaimGone) as gone:
            review.decide([vanished], "conflicting")
        assert gone.value.kept and "no longer stored" in str(gone.value)
        with pytest.raises(ClaimGone):
            review.set_note(vanished, "the council says 1 in 6")
    finally:
        review.close()
    with open_store(db) as store:
        [orphan] = store.orphaned_decisions()
    assert (orphan.claim_id, orphan.verdict, orphan.note) == (vanished, "conflicting", "the council says 1 in 6")
    assert orphan.sentence == EDITED_SENTENCE[0] and orphan.surface == "One in seven"
    result = CliRunner().invoke(main, ["doctor", "--db", str(db)])
    assert result.exit_code == 0, result.output


def test_a_decision_on_a_claim_never_stored_is_refused_and_doctor_finds_one_written_by_hand(folder, db):
    from workbench.store.errors import ClaimGone

    assert ingest(db, folder).exit_code == 0
    review = ReviewStore(str(db), "alice")
    try:
        with pytest.raises(ClaimGone) as gone:
            review.decide(["cnotaclaim0000000"], "consistent")
        assert not gone.value.kept
    finally:
        review.close()
    assert dump(db)["decisions"] == []
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "INSERT INTO decisions (claim_id, reviewer, verdict, note, scope, decided_at)"
            " VALUES ('cnotaclaim0000000', 'bob', 'consistent', NULL, 'claim', 'x')"
        )
    conn.close()
    result = CliRunner().invoke(main, ["doctor", "--db", str(db)])
    assert result.exit_code == 1
    assert "bob's decision on cnotaclaim0000000 is on a claim that is neither stored nor recorded" in result.output


def test_an_edit_that_makes_a_file_a_copy_of_another_still_replaces_its_own_document(folder, db):
    assert ingest(db, folder).exit_code == 0
    (folder / "a.txt").write_bytes((folder / "b.txt").read_bytes())  # a.txt now says what b.txt says

    result = ingest(db, folder)

    assert result.exit_code == 0, result.output
    assert "1 edited since they were stored" in result.output
    with open_store(db) as store:
        names = {d.name: d for d in store.documents()}
        assert set(names) == {"a.txt", "b.txt"} and names["a.txt"].id != names["b.txt"].id
        assert store.document_text("a.txt") == store.document_text("b.txt") == B
        assert store.document("a.txt").id == names["a.txt"].id
        assert {c.surface for c in store.iter_claims(doc="a.txt")} == {
            c.surface for c in store.iter_claims(doc="b.txt")
        }
    assert "Nothing new added" in ingest(db, folder).output  # and again: nothing more to do
    (folder / "c.txt").write_bytes(B.encode("utf-8"))  # a copy under a new name adds nothing
    assert "Nothing new added" in ingest(db, folder).output
