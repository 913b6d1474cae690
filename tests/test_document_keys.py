"""Folders as archives are laid out: a document is known by its path inside the folder given."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import ingest as ingest_module
from workbench.core.claims import EXTRACTOR_VERSION, extract_claims
from workbench.core.documents import document_from_bytes
from workbench.ingest import ingest_paths
from workbench.store.review.store import ReviewStore

BUSINESS = "Profits rose 5% in 2004 at the country's largest bank, it said on Monday.\n"
SPORT = "The club sold 12,000 season tickets in 2004, a record, its chairman said.\n"


def tree(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def names(store) -> list[str]:
    return sorted(doc.name for doc in store.documents())


def test_files_of_one_name_in_different_folders_are_different_documents(store, tmp_path):
    bbc = tree(tmp_path / "bbc", {"business/001.txt": BUSINESS, "sport/001.txt": SPORT})
    report = ingest_paths(store, [bbc])
    assert (report.added, report.rejected) == (2, [])
    assert names(store) == ["business/001.txt", "sport/001.txt"]
    sport = store.document("sport/001.txt")
    claims = [c for c in store.iter_claims() if c.doc_name == "sport/001.txt"]
    assert {c.surface for c in claims} >= {"12,000"}
    assert all(sport.text[c.start : c.end] == c.surface for c in claims)


def test_a_file_given_alone_is_known_by_its_name(store, tmp_path):
    bbc = tree(tmp_path / "bbc", {"sport/001.txt": SPORT})
    ingest_paths(store, [bbc / "sport" / "001.txt"])
    assert names(store) == ["001.txt"]


def test_an_edit_replaces_the_file_at_the_same_place_and_no_other(store, tmp_path):
    bbc = tree(tmp_path / "bbc", {"business/001.txt": BUSINESS, "sport/001.txt": SPORT})
    ingest_paths(store, [bbc])
    (bbc / "sport" / "001.txt").write_text(SPORT.replace("12,000", "13,500"), encoding="utf-8")
    again = ingest_paths(store, [bbc])
    assert (again.added, again.replaced, again.duplicates) == (0, 1, 1)
    assert names(store) == ["business/001.txt", "sport/001.txt"]
    surfaces = {c.surface for c in store.iter_claims() if c.doc_name == "sport/001.txt"}
    assert "13,500" in surfaces and "12,000" not in surfaces


def test_the_pool_of_workers_reads_under_the_same_keys(store, tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_module, "PARALLEL_FROM", 2)
    files = {
        f"{section}/{n:03d}.txt": f"{section.title()} figures: {n * 7}% more in 2004.\n"
        for section in ("business", "sport")
        for n in range(3)
    }
    report = ingest_paths(store, [tree(tmp_path / "bbc", files)])
    assert report.added == 6 and names(store) == sorted(files)


def test_a_document_an_older_version_stored_by_its_file_name_keeps_that_name(store, tmp_path):
    """Before keys were paths, bbc/business/001.txt was stored as 001.txt: an edit of it must
    replace that document (keeping its decisions), not add a second one beside it."""
    bbc = tree(tmp_path / "bbc", {"business/001.txt": BUSINESS, "sport/001.txt": SPORT})
    old = bbc / "business" / "001.txt"
    doc = document_from_bytes("001.txt", old.read_bytes(), path=str(old))  # as the older version did
    store.store_document(doc, extract_claims(doc), extractor_version=EXTRACTOR_VERSION)
    [kept] = [c for c in store.iter_claims() if c.surface == "2004"]
    review = ReviewStore(str(store.path), "alice")
    try:
        review.decide([kept.id], "consistent")
    finally:
        review.close()

    old.write_text(BUSINESS + "\nCosts fell 3% in 2004, the bank said in a statement.\n", encoding="utf-8")
    report = ingest_paths(store, [bbc])
    assert (report.added, report.replaced, report.orphaned) == (1, 1, 0)
    assert names(store) == ["001.txt", "sport/001.txt"]
    assert kept.id in {c.id for c in store.iter_claims() if c.doc_name == "001.txt"}


@pytest.mark.parametrize("given", ["bbc", "bbc/"])
def test_keys_use_forward_slashes_and_no_folder_prefix(store, tmp_path, monkeypatch, given):
    tree(tmp_path / "bbc", {"a/b/c.txt": BUSINESS})
    monkeypatch.chdir(tmp_path)
    ingest_paths(store, [given])
    assert names(store) == ["a/b/c.txt"]
