"""`workbench doctor`: schema, integrity, counts, orphaned decisions and the review log's
consistency, read-only, with exit status 1 and one line per problem when something is wrong."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.store.opening import known_migrations
from workbench.store.review.store import ReviewStore

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).parent / "fixtures" / "db"


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def doctor(db: Path):
    return run("doctor", "--db", db)


def first_claims(db: Path, count: int) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [
            row[0]
            for row in conn.execute(
                "SELECT c.id FROM claims c JOIN documents d ON d.id = c.doc_id ORDER BY d.name, c.seq LIMIT ?", [count]
            )
        ]
    finally:
        conn.close()


@pytest.fixture
def reviewed(tmp_path) -> Path:
    """The seeds, with decisions by alice (one with a note, one undone) and bob."""
    db = tmp_path / "claims.db"
    assert run("ingest", SEEDS, "--db", db).exit_code == 0
    one, two, three = first_claims(db, 3)
    alice = ReviewStore(str(db), "alice")
    alice.decide([one], "consistent")
    alice.decide([two], "conflicting")
    alice.set_note(two, "ONS says 13%")
    alice.decide([three], "unverified")
    alice.undo()
    alice.close()
    bob = ReviewStore(str(db), "bob")
    bob.decide([one], "conflicting")
    bob.close()
    return db


def execute(db: Path, *statements: str, params=()) -> None:
    conn = sqlite3.connect(db)
    try:
        for sql in statements:
            conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


def file_state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def test_a_healthy_database_is_reported_and_left_untouched(reviewed):
    before = file_state(reviewed)

    result = doctor(reviewed)

    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert f"schema        {known_migrations()[-1]}, up to date" in lines
    assert "integrity     ok" in lines and "foreign keys  ok" in lines
    assert "documents     5" in lines
    assert "decisions     3: alice 2, bob 1" in lines
    assert "review log    6 entries, consistent" in lines
    assert "orphaned      0 decisions on claims that are no longer stored" in lines
    assert lines[-1] == "healthy"
    assert file_state(reviewed) == before


def test_an_old_database_is_reported_with_its_pending_migrations_and_not_migrated(tmp_path):
    db = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema_0001.db", db)
    before = file_state(db)

    result = doctor(db)

    assert result.exit_code == 0, result.output
    pending = ", ".join(known_migrations()[1:])
    assert f"0001_documents_and_claims; {len(known_migrations()) - 1} migrations pending ({pending})" in result.stdout
    # the fixture was read by the first extractor, older than this one
    assert (
        "documents     1; 1 extracted by an older extractor (ingesting their files again extracts them anew)"
        in result.stdout.splitlines()
    )
    assert file_state(db) == before


def test_orphaned_decisions_are_listed_safely_and_are_not_a_problem(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Council tax rose by 5% in 2016. Some 20 councils froze it.\n", encoding="utf-8")
    db = tmp_path / "claims.db"
    assert run("ingest", docs, "--db", db).exit_code == 0
    conn = sqlite3.connect(db)
    [(rise,)] = conn.execute("SELECT id FROM claims WHERE surface = '5%'").fetchall()
    conn.close()
    review = ReviewStore(str(db), "alice\x1b[2J")
    review.decide([rise], "conflicting")
    review.set_note(rise, "council says 4.99%\x1b]0;owned\x07")
    review.close()
    (docs / "a.txt").write_text("Council tax rose by 4.99% in 2016. Some 20 councils froze it.\n", encoding="utf-8")
    assert run("ingest", docs, "--db", db).exit_code == 0

    result = doctor(db)

    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    lines = result.stdout.splitlines()
    start = lines.index("orphaned      1 decision on claims that are no longer stored:")
    assert lines[start + 1] == (
        f'  alice␛[2J  conflicting  a.txt  {rise}  "5%" = 0.05  note: council says 4.99%␛]0;owned␇'
    )
    assert lines[start + 2] == "      in: Council tax rose by 5% in 2016."


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        pytest.param(
            ["INSERT INTO decisions VALUES ('c-nobody-logged', 'carol', 'consistent', NULL, 'claim', '2016')"],
            "review log: carol's decision on c-nobody-logged (consistent) has no log entry",
            id="unlogged",
        ),
        pytest.param(
            ["UPDATE decisions SET verdict = 'consistent' WHERE reviewer = 'bob'"],
            "review log: bob's decision on {one} (consistent, claim) is not what the log's last entry says"
            " (conflicting, claim)",
            id="differs",
        ),
        pytest.param(
            ["DELETE FROM decisions WHERE reviewer = 'bob'"],
            "review log: the log's last entry says bob decided {one} (conflicting), but that decision is not stored",
            id="lost",
        ),
        pytest.param(
            ["INSERT INTO review_log (batch, reviewer, at, action, claim_id) VALUES (99, 'eve', '2016', 'wipe', 'x')"],
            "review log: 1 entries have the unknown action 'wipe'",
            id="unknown action",
        ),
        pytest.param(
            [
                "PRAGMA foreign_keys = OFF",
                'INSERT INTO claims (id, doc_id, "start", "end", surface, kind, qualifier)'
                " VALUES ('c-stray', 'd-missing', 0, 1, 'x', 'count', 'exact')",
            ],
            "foreign keys: claims row {rowid} refers to a missing documents row",
            id="foreign key",
        ),
        pytest.param(
            ["INSERT INTO cluster_members VALUES ('c-gone', (SELECT id FROM clusters LIMIT 1), 'member')"],
            "foreign keys: cluster {cluster} lists claim c-gone, which is not stored",
            id="dangling member",
        ),
        pytest.param(
            [
                "PRAGMA writable_schema = ON",
                "UPDATE sqlite_master SET sql = replace(sql, '(\"sha256\")', '(\"name\")')"
                " WHERE name = 'idx_documents_sha256'",
            ],
            "integrity: row 1 missing from index idx_documents_sha256",
            id="integrity",
        ),
    ],
)
def test_each_problem_is_one_line_and_exit_status_1(reviewed, damage, problem):
    execute(reviewed, *damage)
    conn = sqlite3.connect(reviewed)
    one = first_claims(reviewed, 1)[0]
    rowid = conn.execute("SELECT max(rowid) FROM claims").fetchone()[0]
    cluster = conn.execute("SELECT id FROM clusters LIMIT 1").fetchone()
    conn.close()

    result = doctor(reviewed)

    assert result.exit_code == 1, result.output
    expected = problem.format(one=one, rowid=rowid, cluster=cluster[0] if cluster else None)
    assert f"workbench: {reviewed}: {expected}" in result.stderr.splitlines()
    assert all(line.startswith(f"workbench: {reviewed}: ") for line in result.stderr.splitlines())
    assert result.stdout.splitlines()[-1].endswith("(on standard error)")


def test_a_missing_database_is_one_line(tmp_path):
    result = doctor(tmp_path / "nothing.db")
    assert result.exit_code == 1
    assert result.stderr == f"workbench: no database at {tmp_path / 'nothing.db'}\n"
    assert not (tmp_path / "nothing.db").exists()
