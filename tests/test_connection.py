"""One connection policy for every reader and writer (store.connection)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from review_corpus import build_small

from workbench.store import connection
from workbench.store.db import open_store
from workbench.store.review.store import connect as review_connect, ReviewStore


@pytest.fixture
def path(tmp_path):
    path = str(tmp_path / "claims.db")
    build_small(path)
    return path


def _pragma(conn: sqlite3.Connection, name: str):
    return conn.execute(f"PRAGMA {name}").fetchone()[0]


def test_the_review_connection_enforces_foreign_keys(path):
    store = ReviewStore(path, "ann")
    try:
        assert _pragma(store.conn, "foreign_keys") == 1
        with pytest.raises(sqlite3.IntegrityError):
            store.conn.execute(
                "INSERT INTO cluster_members (claim_id, cluster_id, role)"
                " VALUES ('c-nowhere', 'no such cluster', 'member')"
            )
    finally:
        store.close()


def test_every_connection_waits_as_long_as_the_environment_says(path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_BUSY_TIMEOUT_MS", "1234")
    store = ReviewStore(path, "ann")
    other = review_connect(path)
    try:
        assert _pragma(store.conn, "busy_timeout") == 1234
        assert _pragma(other, "busy_timeout") == 1234
    finally:
        store.close()
        other.close()
    with open_store(path) as writer, open_store(path, read_only=True) as reader:
        assert _pragma(writer.db.conn, "busy_timeout") == 1234
        assert _pragma(reader.db.conn, "busy_timeout") == 1234
        assert _pragma(reader.db.conn, "foreign_keys") == 1


def test_a_read_only_connection_cannot_write(path):
    conn = connection.connect(path, read_only=True)
    try:
        with pytest.raises(sqlite3.OperationalError):
            conn.execute("DELETE FROM documents")
    finally:
        conn.close()


def test_a_write_asks_again_while_another_connection_holds_the_lock(path):
    locked, waits = threading.Event(), []

    def hold_the_lock_a_moment() -> None:
        holder = connection.connect(path, autocommit=True)
        holder.execute("BEGIN IMMEDIATE")
        locked.set()
        time.sleep(0.2)
        holder.execute("COMMIT")
        holder.close()

    holder = threading.Thread(target=hold_the_lock_a_moment)
    holder.start()
    locked.wait()
    conn = connection.connect(path, busy_timeout_ms=10, autocommit=True)
    try:
        with connection.write_transaction(conn, retries=8, on_wait=lambda: waits.append(1)):
            conn.execute("DELETE FROM sessions")
    finally:
        holder.join()
        conn.close()
    assert waits  # it found the lock held past the busy timeout, and asked again


def test_a_write_that_never_gets_the_lock_says_the_database_is_locked(path):
    holder = connection.connect(path, autocommit=True)
    holder.execute("BEGIN IMMEDIATE")
    conn = connection.connect(path, busy_timeout_ms=10, autocommit=True)
    try:
        with pytest.raises(sqlite3.OperationalError) as raised:
            with connection.write_transaction(conn, retries=1):
                pass
        assert connection.is_busy(raised.value)
        assert not conn.in_transaction
    finally:
        holder.close()
        conn.close()


def test_the_migration_names_are_known_without_sqlite_utils():
    code = (
        "import sys; from workbench.store import versions; "
        "assert versions.SCHEMA[0] == '0001_documents_and_claims'; "
        "assert 'sqlite_utils' not in sys.modules, 'sqlite_utils imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_migrations_applied_are_the_schemas_names(path):
    from sqlite_utils import Database

    from workbench.store.opening import known_migrations
    from workbench.store.schema import SCHEMA, migrations

    assert known_migrations() == list(SCHEMA)
    assert [m.name for m in migrations.pending(Database(memory=True))] == list(SCHEMA)
