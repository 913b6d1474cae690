"""Ingest: walking paths, idempotence, rejection of bad input, one transaction per document."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

from workbench import ingest as ingest_module
from workbench.core.documents import MAX_BYTES
from workbench.ingest import find_files, ingest_paths
from workbench.store.db import StoreError, open_store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GOOD_TEXT = "Councils cut 40% of their youth budgets in 2015, and 20 councils closed every youth club.\n"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def test_seeds_ingest_once(store):
    first = ingest_paths(store, [SEEDS])
    assert (first.added, first.duplicates, first.rejected) == (5, 0, [])
    assert first.claims == store.count_claims() > 0
    assert store.summary()["documents"] == 5

    again = ingest_paths(store, [SEEDS])
    assert (again.added, again.duplicates, again.claims, again.rejected) == (0, 5, 0, [])
    assert store.count_claims() == first.claims


def test_the_same_bytes_under_another_name_are_one_document(store, tmp_path):
    a = write(tmp_path / "a.txt", GOOD_TEXT)
    b = write(tmp_path / "copy" / "b.md", GOOD_TEXT)
    report = ingest_paths(store, [a, b, a])
    assert (report.added, report.duplicates) == (1, 2)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n\t \n", "empty file"),
        ("picture.dat", bytes(range(256)) * 4, "binary file"),
        ("report.pdf", b"%PDF-1.4\n", "damaged or unreadable PDF"),
        ("report.doc", b"\xd0\xcf\x11\xe0", "Word files are not supported"),
    ],
)
def test_bad_files_are_rejected_and_the_rest_is_stored(store, tmp_path, name, content, reason):
    bad = write(tmp_path / "in" / name, content)
    good = write(tmp_path / "in" / "good.txt", GOOD_TEXT)
    errors = []
    report = ingest_paths(store, [bad, good], on_error=lambda path, why: errors.append((path, why)))
    assert report.added == 1 and store.has_document(hashlib.sha256(good.read_bytes()).hexdigest())
    assert len(report.rejected) == 1 and report.rejected == errors
    path, why = report.rejected[0]
    assert path == str(bad) and reason in why and "\n" not in why


def test_a_missing_path_is_rejected(store, tmp_path):
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    report = ingest_paths(store, [tmp_path / "nope.txt", good])
    assert report.rejected == [(str(tmp_path / "nope.txt"), "no such file or folder")]
    assert report.added == 1


def test_a_file_over_the_size_limit_is_rejected_without_being_read(store, tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fp:
        fp.truncate(50 * 1024 * 1024)  # sparse: instant, and no disk used
    assert huge.stat().st_size > MAX_BYTES
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    report = ingest_paths(store, [huge, good])
    [(path, reason)] = report.rejected
    assert path == str(huge) and "50.0 MB" in reason and "limit" in reason
    assert report.added == 1


def test_folders_are_walked_in_name_order_skipping_hidden_and_non_documents(tmp_path):
    root = tmp_path / "docs"
    for name in (
        "b.txt",
        "a.md",
        "sub/c.html",
        "sub/deeper/d",
        ".git/config",
        ".hidden.txt",
        "photo.JPG",
        "archive.zip",
        "claims.db",
        "claims.db-wal",
        "notes.unknown",
    ):
        write(root / name, GOOD_TEXT + name)
    rejected = []
    report = ingest_module.IngestReport()
    found = list(find_files([root], lambda p, r: rejected.append(p), report))
    assert [p.relative_to(root).as_posix() for p in found] == [
        "a.md",
        "b.txt",
        "notes.unknown",
        "sub/c.html",
        "sub/deeper/d",
    ]
    assert report.ignored == 4 and rejected == []


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symbolic links")
def test_linked_folders_are_walked_once_even_in_a_loop(tmp_path):
    root = tmp_path / "docs"
    write(root / "a" / "one.txt", GOOD_TEXT)
    (root / "a" / "back").symlink_to(root, target_is_directory=True)
    (root / "b").symlink_to(root / "a", target_is_directory=True)
    found = list(find_files([root], lambda p, r: pytest.fail(f"{p}: {r}")))
    assert [p.relative_to(root).as_posix() for p in found] == ["a/one.txt"]


def test_an_explicitly_named_file_is_always_tried(tmp_path):
    picture = write(tmp_path / ".hidden.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    assert list(find_files([picture], lambda p, r: None)) == [picture]


def test_unknown_extensions_are_read_by_content(store, tmp_path):
    report = ingest_paths(store, [write(tmp_path / "story.article", GOOD_TEXT)])
    assert report.added == 1 and report.claims >= 2


def test_cp1252_text_is_decoded_and_offsets_point_into_the_decoded_text(store, tmp_path):
    raw = "The council spent \xa32m on the scheme, almost 30% more than in 2014.\n".encode("cp1252")
    assert b"\xa3" in raw
    path = write(tmp_path / "legacy.txt", raw)
    assert ingest_paths(store, [path]).added == 1
    [doc] = store.documents()
    text = store.document_text(doc.id)
    assert "£2m" in text and text == raw.decode("cp1252")
    claims = list(store.iter_claims())
    assert any(c.surface == "£2m" for c in claims)
    assert all(text[c.start : c.end] == c.surface for c in claims)


def test_utf8_with_bom_is_read(store, tmp_path):
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + GOOD_TEXT.encode())
    assert ingest_paths(store, [path]).added == 1
    assert store.document_text(store.documents()[0].id).startswith("Councils")


def test_html_is_ingested_as_its_text(store, tmp_path):
    html = (
        "<!doctype html><html><head><title>Youth clubs close</title><style>p{color:red}</style></head>"
        "<body><h1>Youth clubs close</h1><p>Councils cut <b>40%</b> of their youth budgets in 2015.</p>"
        "<script>var x = 99;</script></body></html>"
    )
    path = write(tmp_path / "page.html", html)
    assert ingest_paths(store, [path]).added == 1
    [doc] = store.documents()
    text = store.document_text(doc.id)
    assert "Councils cut 40% of their youth budgets" in text
    assert "<" not in text and "color" not in text and "99" not in text
    assert {c.surface for c in store.iter_claims()} >= {"40%", "2015"}


def test_a_document_that_cannot_be_stored_leaves_nothing_behind(store, tmp_path, monkeypatch):
    real_extract = ingest_module.extract_claims

    def clashing_ids(doc):
        claims = real_extract(doc)
        if doc.name == "bad.txt":
            claims[1].id = claims[0].id  # the claims insert fails after the document row went in
        return claims

    monkeypatch.setattr(ingest_module, "extract_claims", clashing_ids)
    bad = write(tmp_path / "bad.txt", GOOD_TEXT)
    good = write(tmp_path / "good.txt", "Another 12 libraries closed in 2016.\n")
    report = ingest_paths(store, [bad, good])
    [(path, reason)] = report.rejected
    assert path == str(bad) and "appears twice" in reason
    assert report.added == 1
    assert [d.name for d in store.documents()] == ["good.txt"]
    for table in ("sections", "passages", "sentences", "claims"):
        assert store.db[table].count == store.db[table].count_where("doc_id = ?", [store.documents()[0].id])


def test_an_extractor_crash_rejects_only_that_document(store, tmp_path, monkeypatch):
    real_extract = ingest_module.extract_claims

    def crash_on_bad(doc):
        if doc.name == "bad.txt":
            raise ZeroDivisionError("boom")
        return real_extract(doc)

    monkeypatch.setattr(ingest_module, "extract_claims", crash_on_bad)
    report = ingest_paths(store, [write(tmp_path / "bad.txt", "x 1"), write(tmp_path / "good.txt", GOOD_TEXT)])
    assert report.added == 1
    [(_, reason)] = report.rejected
    assert "extractor failed" in reason and "ZeroDivisionError" in reason


def test_a_read_only_database_stops_the_ingest(tmp_path):
    db = tmp_path / "claims.db"
    open_store(db).close()
    with open_store(db, read_only=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            ingest_paths(store, [write(tmp_path / "good.txt", GOOD_TEXT)])


def test_the_database_file_is_not_ingested_as_a_document(tmp_path):
    folder = tmp_path / "docs"
    write(folder / "good.txt", GOOD_TEXT)
    with open_store(folder / "claims-file") as store:
        report = ingest_paths(store, [folder])
    assert (report.added, report.rejected) == (1, [])
    assert report.ignored >= 1  # the file itself, and its -wal and -shm while it is open


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes as a name")
def test_a_file_name_that_is_not_utf8_is_rejected(store, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as fp:
        fp.write(GOOD_TEXT.encode())
    write(folder / "good.txt", "Another 12 libraries closed in 2016.\n")
    report = ingest_paths(store, [folder])
    assert report.added == 1
    [(_, reason)] = report.rejected
    assert "not valid UTF-8" in reason


def test_progress_and_batches_are_reported(store, tmp_path):
    paths = [
        write(tmp_path / f"{i:02}.txt", f"In 2015, {i + 3} councils closed {i + 10} youth clubs.\n") for i in range(7)
    ]
    paths.append(tmp_path / "missing.txt")
    progress, batches = [], []
    report = ingest_paths(
        store,
        [tmp_path, tmp_path / "missing.txt"],
        batch_size=3,
        on_progress=lambda done, total, path: progress.append((done, total, path.name)),
        after_batch=lambda ids: batches.append(list(ids)),
    )
    assert report.added == 7
    assert progress == [(i + 1, 7, p.name) for i, p in enumerate(paths[:7])]
    assert [len(b) for b in batches] == [3, 3, 1]
    assert sorted(i for b in batches for i in b) == sorted(d.id for d in store.documents())

    batches.clear()
    ingest_paths(store, [tmp_path], after_batch=batches.append)
    assert batches == []  # nothing new, nothing to match


def test_parallel_and_sequential_ingest_store_the_same_claims(tmp_path, monkeypatch):
    from workbench import ingest as ingest_module
    from workbench.store.db import open_store

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(70):
        (folder / f"doc{i:03}.txt").write_text(
            f"Council report number {i} published\n\nSome {i + 3} councils cut budgets by {i % 9 + 1}% in 2015.\n"
        )
    (folder / "empty.txt").write_bytes(b"")
    results = {}
    for mode, threshold in (("parallel", 1), ("sequential", 10**9)):
        monkeypatch.setattr(ingest_module, "PARALLEL_FROM", threshold)
        with open_store(tmp_path / f"{mode}.db") as store:
            report = ingest_module.ingest_paths(store, [folder])
            results[mode] = (report.added, len(report.rejected), sorted(c.id for c in store.iter_claims()))
    assert results["parallel"] == results["sequential"]
    assert results["parallel"][:2] == (70, 1)
    assert len(results["parallel"][2]) >= 140  # at least the count and the percentage of each


def test_documents_are_read_and_extracted_without_holding_the_write_lock(store, tmp_path, monkeypatch):
    import sqlite3

    real_extract = ingest_module.extract_claims
    writable_while_extracting = []

    def extract_while_a_reviewer_writes(doc):
        reviewer = sqlite3.connect(store.path, timeout=0, isolation_level=None)  # a reviewer's `c`
        try:
            reviewer.execute("BEGIN IMMEDIATE")
            reviewer.execute("ROLLBACK")
            writable_while_extracting.append(True)
        except sqlite3.OperationalError:  # "database is locked": the ingest holds the write lock
            writable_while_extracting.append(False)
        finally:
            reviewer.close()
        return real_extract(doc)

    monkeypatch.setattr(ingest_module, "extract_claims", extract_while_a_reviewer_writes)
    paths = [write(tmp_path / f"doc{n}.txt", GOOD_TEXT.replace("40%", f"{n}%")) for n in range(5)]
    report = ingest_paths(store, paths, batch_size=2)
    assert report.added == 5
    assert writable_while_extracting == [True] * 5


def test_long_documents_are_committed_in_shorter_batches(store, tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_module, "BATCH_CHARS", 2_000)
    long_text = "In 2015, 12 councils closed 40 youth clubs. " * 30  # 1,320 characters
    paths = [write(tmp_path / f"{i:02}.txt", long_text.replace("12", str(i + 20))) for i in range(5)]
    batches = []
    report = ingest_paths(store, paths, batch_size=100, after_batch=lambda ids: batches.append(list(ids)))
    assert report.added == 5
    assert [len(b) for b in batches] == [2, 2, 1]  # the write lock is held for two documents at a time
