"""The whole-file check before the review UI's first write (PRAGMA quick_check, 0.7 s on a 435 MB
database) runs in the background while the reviewer reads the first claim: the first write waits
for it instead of running it on the UI thread, and a damaged file is still refused before anything
is written into it."""

from __future__ import annotations

import random
import sqlite3
import threading
from pathlib import Path

import pytest
from review_corpus import build_small, first_row

from workbench.ingest import ingest_paths
from workbench.store import integrity
from workbench.store.db import open_store
from workbench.store.errors import StoreError
from workbench.store.review.store import ReviewStore

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def small(tmp_path):
    path = str(tmp_path / "claims.db")
    build_small(path)
    return path


def first_claim(path: str) -> str:
    return first_row(path, "SELECT id FROM claims ORDER BY id LIMIT 1")[0]


def test_the_first_write_uses_the_background_check_and_does_not_run_it_again(small, monkeypatch):
    calls = []
    real = integrity.refuse_damaged
    monkeypatch.setattr(
        integrity, "refuse_damaged", lambda conn, path: (calls.append(threading.current_thread()), real(conn, path))
    )
    store = ReviewStore(small, "ann")
    checker = threading.Thread(target=store.check_in_background)
    checker.start()
    checker.join()
    store.decide([first_claim(small)], "consistent")
    store.close()
    assert calls == [checker]  # once, in the checking thread; never on the caller's (the UI's) thread


def test_without_a_background_check_the_first_write_checks_the_file_itself(small, monkeypatch):
    calls = []
    real = integrity.refuse_damaged
    monkeypatch.setattr(integrity, "refuse_damaged", lambda conn, path: (calls.append(1), real(conn, path)))
    store = ReviewStore(small, "ann")
    store.decide([first_claim(small)], "consistent")
    store.decide([first_claim(small)], "conflicting")
    store.close()
    assert calls == [1]  # before the first write only


def test_a_damaged_file_found_in_the_background_refuses_the_first_write(tmp_path):
    path = tmp_path / "claims.db"
    with open_store(path) as store:
        ingest_paths(store, [SEEDS])
    claim = first_claim(str(path))
    conn = sqlite3.connect(path)
    conn.execute("VACUUM")  # no free pages: the garbage lands on pages in use
    conn.close()
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle - 4096 : middle + 4096] = random.Random(6).randbytes(8192)
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    store = ReviewStore(str(path), "ann")
    store.check_in_background()
    with pytest.raises(StoreError, match="is damaged"):
        store.decide([claim], "consistent")
    store.close()
    assert path.read_bytes() == before  # nothing written into it
