"""Schema upgrades: databases made by earlier schemas open with the current version and keep
their data and decisions; a database from a newer version is refused and left untouched."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.store import versions
from workbench.store.db import open_store
from workbench.store.opening import known_migrations
from workbench.store.review.store import ReviewStore

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).parent / "fixtures" / "db"
FIRST_TABLES = ("documents", "sections", "passages", "sentences", "claims")
REVIEW_TABLES = ("clusters", "cluster_members", "claim_links", "decisions", "review_log", "sessions")
FUTURE = "0099_from_the_future"


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def copy_fixture(name: str, tmp_path: Path) -> Path:
    """A copy to open: opening migrates, and the committed fixture must stay as it was made."""
    db = tmp_path / name
    shutil.copy(FIXTURES / name, db)
    return db


def rows(db: Path, tables: tuple[str, ...], columns_of: dict[str, list[str]] | None = None) -> dict:
    """Every row of the tables, in the columns they had before the upgrade."""
    conn = sqlite3.connect(db)
    try:
        out = {}
        for table in tables:
            columns = (columns_of or {}).get(table) or [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            quoted = ", ".join(f'"{c}"' for c in columns)
            out[table] = conn.execute(f"SELECT {quoted} FROM {table} ORDER BY rowid").fetchall()
        return out
    finally:
        conn.close()


def columns(db: Path, tables: tuple[str, ...]) -> dict[str, list[str]]:
    conn = sqlite3.connect(db)
    try:
        return {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in tables}
    finally:
        conn.close()


def test_the_migration_names_for_the_fast_start_match_the_schema():
    assert list(versions.SCHEMA) == known_migrations()


def test_a_database_of_the_first_schema_opens_with_the_current_version_and_keeps_its_data(tmp_path):
    db = copy_fixture("schema_0001.db", tmp_path)
    old_columns = columns(db, FIRST_TABLES)
    before = rows(db, FIRST_TABLES)
    assert [m for (m,) in sqlite3.connect(db).execute("SELECT name FROM _sqlite_migrations")] == [
        "0001_documents_and_claims"
    ]

    with open_store(db) as store:
        assert store.schema_version == known_migrations()[-1]
        [document] = store.documents()
        claims = list(store.iter_claims())

    assert rows(db, FIRST_TABLES, old_columns) == before
    assert len(claims) == document.claims == len(before["claims"]) > 0
    result = run("claims", "--db", db, "--format", "jsonl")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == len(claims)
    doctor = run("doctor", "--db", db)
    assert doctor.exit_code == 0, doctor.output
    assert f"{known_migrations()[-1]}, up to date" in doctor.stdout


def test_a_database_with_decisions_keeps_them_and_their_log_through_the_upgrade(tmp_path):
    db = copy_fixture("schema_0003.db", tmp_path)
    old_columns = columns(db, FIRST_TABLES + REVIEW_TABLES)
    before = rows(db, FIRST_TABLES + REVIEW_TABLES)
    assert len(before["decisions"]) == 5 and len(before["review_log"]) > 5

    with open_store(db) as store:
        assert store.schema_version == known_migrations()[-1]
        assert store.orphaned_decisions() == []
    assert rows(db, FIRST_TABLES + REVIEW_TABLES, old_columns) == before

    second_claim = before["claims"][1][0]
    alice = ReviewStore(str(db), "alice")
    try:
        assert alice.decision(second_claim)[:2] == ("conflicting", "ONS says 13%")
    finally:
        alice.close()
    doctor = run("doctor", "--db", db)
    assert doctor.exit_code == 0, doctor.output
    assert "decisions     5: alice 2, bob 3" in doctor.stdout.splitlines()
    assert "review log    8 entries, consistent" in doctor.stdout.splitlines()

    # Ingesting the same seeds again adds nothing, and touches no decision or log entry.
    assert run("ingest", SEEDS, "--db", db).exit_code == 0
    after = rows(db, ("decisions", "review_log", "sessions"), old_columns)
    assert after == {t: before[t] for t in ("decisions", "review_log", "sessions")}


@pytest.fixture
def from_the_future(tmp_path) -> Path:
    """A current database that a newer workbench has since migrated further, with every write checkpointed."""
    db = tmp_path / "future.db"
    assert run("ingest", SEEDS, "--db", db).exit_code == 0
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        f" VALUES ('workbench', '{FUTURE}', '2031-01-01')"
    )
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db


@pytest.mark.parametrize("command", [["ingest", SEEDS], ["claims"], ["export"], ["review"], ["doctor"], []])
def test_a_database_from_a_newer_version_is_refused_and_left_untouched(from_the_future, command, monkeypatch):
    monkeypatch.setenv("CI", "true")
    before = (from_the_future.read_bytes(), from_the_future.stat().st_mtime_ns)

    result = run(*command, "--db", from_the_future) if command else run("--db", from_the_future)

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"workbench: {from_the_future} was made by a newer workbench (schema {FUTURE}); upgrade workbench"
    ]
    assert (from_the_future.read_bytes(), from_the_future.stat().st_mtime_ns) == before


@pytest.mark.parametrize("fixture", ["schema_0001.db", "schema_0003.db"])
@pytest.mark.parametrize(
    "command", [["claims", "--format", "jsonl"], ["export", "--format", "json"], ["export", "--format", "html"]]
)
def test_reading_commands_read_an_old_database_without_upgrading_it(tmp_path, fixture, command):
    db = copy_fixture(fixture, tmp_path)
    before = db.read_bytes()
    journal = sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0]

    result = run(*command, "--db", db)

    assert result.exit_code == 0, result.output
    assert len(result.stdout) > 1000
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [fixture]  # no -wal, no -shm beside it
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == journal
    doctor = run("doctor", "--db", db)
    assert "pending" in doctor.stdout  # the next command that writes still upgrades it


def test_claims_stored_before_the_period_key_get_the_key_the_extractor_gives(tmp_path):
    """Migration 0013: a claim's period key is filled from its stored period, as extraction now
    fills it, so that the matcher never parses the period label again."""
    source = tmp_path / "story.txt"
    source.write_text(
        "Net migration\n\nIn the year to June 2015 net migration was 336,000. In 2013-14 "
        "spending was £2bn, and since 1997 it has risen by 40%.\n",
        encoding="utf-8",
    )
    db = tmp_path / "claims.db"
    assert run("ingest", source, "--db", db).exit_code == 0
    conn = sqlite3.connect(db)
    extracted = conn.execute("SELECT id, period_key FROM claims ORDER BY id").fetchall()
    assert {key for _, key in extracted} >= {"year to 2015-06", "2013/14", "since 1997"}
    with conn:
        conn.execute("ALTER TABLE claims DROP COLUMN period_key")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0013_claim_period_key'")
    conn.close()

    with open_store(db) as store:
        assert versions.pending_migrations(store.db.conn) == []
    assert sqlite3.connect(db).execute("SELECT id, period_key FROM claims ORDER BY id").fetchall() == extracted
