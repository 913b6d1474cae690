"""A database that is locked, read-only, damaged, not SQLite, or a folder: every command that
uses it says so in one line naming the file, exits non-zero, and never shows a traceback.

The commands run as real processes (as a user runs them, without a terminal), all five at
once for each kind of bad database, so that the locked case waits out its busy timeout once.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
COMMANDS = {
    "ingest": ["ingest", str(SEEDS)],
    "claims": ["claims"],
    "export": ["export"],
    "review": ["review"],
    "doctor": ["doctor"],
}


def start(args: list[str], db: Path, **extra_env: str) -> subprocess.Popen:
    env = {**os.environ, "CI": "true", **extra_env}
    env.pop("WORKBENCH_DB", None)
    env.pop("WORKBENCH_DEBUG", None)
    return subprocess.Popen(
        [sys.executable, "-m", "workbench", *args, "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def run_all(db: Path, commands=COMMANDS, **extra_env: str) -> dict[str, tuple[int, str, str]]:
    """Every command on the database at once: name -> (exit status, stdout, stderr)."""
    started = {name: start(args, db, **extra_env) for name, args in commands.items()}
    results = {}
    for name, proc in started.items():
        out, err = proc.communicate(timeout=120)
        results[name] = (proc.returncode, out, err)
    return results


def assert_one_line_failure(results, *fragments: str) -> None:
    for name, (status, out, err) in results.items():
        assert status == 1, (name, out, err)
        assert "Traceback" not in out + err, name
        lines = err.splitlines()
        assert len(lines) == 1, (name, lines)
        assert lines[0].startswith("workbench: "), (name, lines)
        for fragment in fragments:
            assert fragment in lines[0], (name, lines[0])


@pytest.fixture
def seeded(tmp_path) -> Path:
    """A real database holding the seeds, with every write checkpointed into the main file."""
    db = tmp_path / "claims.db"
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "ingest", str(SEEDS), "--db", str(db)],
        capture_output=True,
        text=True,
        env={**os.environ, "CI": "true"},
    )
    assert result.returncode == 0, result.stderr
    return db


@pytest.mark.slow
def test_a_database_locked_past_the_busy_timeout(seeded):
    holder = sqlite3.connect(seeded, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")  # readers are shut out too, not only writers
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE documents SET title = title")
    try:
        # WORKBENCH_BUSY_TIMEOUT_MS shortens the wait (5 s by default) so that the test takes a moment
        results = run_all(seeded, WORKBENCH_BUSY_TIMEOUT_MS="400")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_one_line_failure(results, str(seeded), "is locked by another program (waited 0.4 s); try again later")


def test_a_busy_timeout_that_is_not_a_number_is_said_in_one_line(seeded):
    results = run_all(seeded, WORKBENCH_BUSY_TIMEOUT_MS="soon")
    assert_one_line_failure(results, "WORKBENCH_BUSY_TIMEOUT_MS='soon' is not a whole number of milliseconds")


def test_a_damaged_database(seeded):
    conn = sqlite3.connect(seeded)
    conn.execute("VACUUM")  # no free pages: the garbage lands on pages in use
    conn.close()
    data = bytearray(seeded.read_bytes())
    middle = len(data) // 2
    garbage = random.Random(6).randbytes(8192)
    data[middle - 4096 : middle + 4096] = garbage
    seeded.write_bytes(bytes(data))
    before = seeded.read_bytes()

    results = run_all(seeded)

    doctor = results.pop("doctor")
    assert_one_line_failure(results, str(seeded), "is damaged")
    assert doctor[0] == 1 and "Traceback" not in doctor[1] + doctor[2]
    lines = doctor[2].splitlines()
    assert lines and all(line.startswith(f"workbench: {seeded}") for line in lines), lines
    assert any("integrity" in line or "is damaged" in line for line in lines), lines
    assert seeded.read_bytes() == before


def test_a_file_that_is_not_sqlite(tmp_path):
    db = tmp_path / "claims.db"
    db.write_text("These are my notes for Tuesday, not a database.\n" * 40, encoding="utf-8")
    before = db.read_bytes()

    results = run_all(db)

    assert_one_line_failure(results, str(db), "is not a workbench database (not SQLite)")
    assert db.read_bytes() == before


def test_a_folder_where_the_database_should_be(tmp_path):
    folder = tmp_path / "claims.db"
    folder.mkdir()

    results = run_all(folder)

    assert_one_line_failure(results, f"cannot open database {folder}: it is a folder")
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write a read-only file")
def test_a_read_only_database_can_be_read_but_not_ingested_into(seeded, tmp_path):
    new = tmp_path / "new.txt"
    new.write_text("Councils cut 40% of their youth budgets in 2015.\n", encoding="utf-8")
    seeded.chmod(0o444)
    try:
        results = run_all(seeded, {**COMMANDS, "ingest": ["ingest", str(new)]})
    finally:
        seeded.chmod(0o644)
    assert_one_line_failure({"ingest": results.pop("ingest")}, str(seeded), "the database is read-only")
    review = results.pop("review")
    assert review[0] == 1 and review[2].splitlines() == ["workbench: the review UI needs a terminal"]
    for name, (status, out, err) in results.items():  # reading a read-only file is what it is for
        assert status == 0 and "Traceback" not in err, (name, err)


@pytest.mark.parametrize("name", [":memory:", "file:x.db", "file:x.db?mode=memory"])
def test_sqlite_special_names_are_refused_not_lost(tmp_path, name):
    results = {}
    for command, args in {"ingest": ["ingest", str(SEEDS)], "claims": ["claims"], "doctor": ["doctor"]}.items():
        proc = subprocess.run(
            [sys.executable, "-m", "workbench", *args, "--db", name],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={**os.environ, "CI": "true"},
            stdin=subprocess.DEVNULL,
        )
        results[command] = (proc.returncode, proc.stdout, proc.stderr)
    assert_one_line_failure(results, f"{name} is not a file name")
    assert list(tmp_path.iterdir()) == []
