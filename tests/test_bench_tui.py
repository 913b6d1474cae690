"""bench/bench_tui.py times the UI on a generated database or a copy of a real one, and never
replaces or writes to a database it did not make (it once overwrote any --db whose claim count
differed from --claims)."""

import hashlib
import importlib.util
import sqlite3
from pathlib import Path

import pytest

from review_corpus import build_small

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_tui.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_tui", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_real_database_is_timed_on_a_copy_and_never_touched(bench, tmp_path):
    real = tmp_path / "checks.db"
    build_small(str(real))
    conn = sqlite3.connect(real)
    stored = conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
    conn.execute("INSERT INTO sessions (reviewer) VALUES ('alice')")
    conn.commit()
    conn.close()
    before = digest(real)
    work = tmp_path / "work"
    work.mkdir()
    timed, n = bench.prepare(str(real), 1000, str(work))
    assert digest(real) == before  # not replaced, and its session is still there
    assert Path(timed).parent == work and n == stored
    with pytest.raises(SystemExit, match="never replaced"):
        bench.generate(str(real), 1000)
    assert digest(real) == before


def test_a_generated_database_is_made_again_when_the_size_differs(bench, tmp_path):
    path = tmp_path / "gen.db"
    assert bench.prepare(str(path), 200, str(tmp_path))[1] == 200
    assert bench.is_generated(str(path))
    assert bench.prepare(str(path), 300, str(tmp_path)) == (str(path), 300)


def test_a_file_that_is_not_a_database_is_left_as_it_is(bench, tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("not a database\n")
    before = digest(notes)
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(sqlite3.DatabaseError):
        bench.prepare(str(notes), 1000, str(work))
    with pytest.raises(SystemExit, match="never replaced"):
        bench.generate(str(notes), 1000)
    assert digest(notes) == before
