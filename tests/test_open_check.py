"""Opening checks what a command is about to write, not the whole file (store.integrity)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workbench.ingest import ingest_paths
from workbench.store.db import open_store
from workbench.store.errors import StoreError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def damage_a_page_of(path: Path, table: str) -> None:
    """Overwrite a leaf page of `table` that is not its first one (the structure check's page)."""
    conn = sqlite3.connect(path)
    conn.execute("VACUUM")
    pages = [
        p
        for (p,) in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", [table]
        )
    ]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    page = pages[len(pages) // 2]
    data = bytearray(path.read_bytes())
    data[(page - 1) * size + 8 : page * size] = b"\xff" * (size - 8)
    path.write_bytes(bytes(data))


@pytest.fixture
def seeded(tmp_path) -> Path:
    path = tmp_path / "claims.db"
    with open_store(path) as store:
        ingest_paths(store, [SEEDS])
    return path


def test_a_damaged_documents_table_is_refused_before_a_document_is_stored(seeded):
    damage_a_page_of(seeded, "documents")
    before = seeded.read_bytes()
    with open_store(seeded) as store:  # opening reads a few pages: the review's tables are sound
        with pytest.raises(StoreError, match="is damaged"):
            with store.batch():
                pass
    assert seeded.read_bytes() == before


def test_opening_to_read_does_not_read_the_whole_file(seeded):
    damage_a_page_of(seeded, "documents")
    with open_store(seeded, read_only=True) as store:
        assert store.count_claims() > 0  # the claims table is sound, and the reader never wrote


def test_a_damaged_table_the_command_writes_is_refused_at_open(seeded):
    conn = sqlite3.connect(seeded)
    conn.executemany(
        "INSERT INTO decisions (claim_id, reviewer, verdict, note) VALUES (?, 'ann', 'consistent', ?)",
        [(f"c{i}", "x" * 200) for i in range(400)],
    )
    conn.commit()
    conn.close()
    damage_a_page_of(seeded, "decisions")
    with pytest.raises(StoreError, match="is damaged"):
        open_store(seeded)
