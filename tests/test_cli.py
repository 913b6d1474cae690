"""The command line: each command's output, exit status and errors, on the seeds and on bad input."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from file_snapshots import matches_file
from report_helpers import SCORER_CLAIM_FIELDS

from workbench import cli
from workbench.cli import main
from workbench.core.documents import MAX_BYTES
from workbench.store.db import open_store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOOD_TEXT = "Councils cut 40% of their youth budgets in 2015, and 20 councils closed every youth club.\n"


@pytest.fixture
def run(monkeypatch):
    """Invoke the CLI in-process with WORKBENCH_DB unset; returns click's Result."""
    monkeypatch.delenv("WORKBENCH_DB", raising=False)
    runner = CliRunner()

    def invoke(*args, env=None):
        return runner.invoke(main, [str(a) for a in args], env=env, catch_exceptions=True)

    return invoke


@pytest.fixture
def seeded(tmp_path, run) -> Path:
    """A database holding the five seed documents."""
    db = tmp_path / "seeded.db"
    result = run("ingest", SEEDS, "--db", db)
    assert result.exit_code == 0, result.output
    return db


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def stored_names(db: Path) -> list[str]:
    with open_store(db) as store:
        return [d.name for d in store.documents()]


def assert_clean_failure(result, *fragments: str) -> None:
    """Exit status 1, exactly one line on standard error naming the problem, and no traceback."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("workbench: ")
    for fragment in fragments:
        assert fragment in lines[0]


# --------------------------------------------------------------------------- ingest


def test_ingest_seeds_then_again_adds_nothing(run, tmp_path):
    db = tmp_path / "claims.db"
    first = run("ingest", SEEDS, "--db", db)
    assert first.exit_code == 0 and first.stderr == ""
    assert first.stdout.startswith("Added 5 documents with ")
    with open_store(db) as store:
        claims = store.count_claims()

    again = run("ingest", SEEDS, "--db", db)
    assert again.exit_code == 0
    assert again.stdout.strip() == f"Nothing new added to {db}. 5 already stored."
    with open_store(db) as store:
        assert store.summary()["documents"] == 5 and store.count_claims() == claims


def test_ingest_without_paths_reads_the_seeds(run, tmp_path):
    result = run("ingest", "--db", tmp_path / "claims.db")
    assert result.exit_code == 0 and "Added 5 documents" in result.stdout


BAD_INPUTS = {
    "empty file": (lambda d: write(d / "empty.txt", b""), "empty file"),
    "binary file": (lambda d: write(d / "image.bin", bytes(range(256)) * 64), "binary file"),
    "missing path": (lambda d: d / "does-not-exist.txt", "no such file or folder"),
    "50 MB file": (lambda d: _sparse(d / "huge.txt", 50 * 1024 * 1024), "over the 20 MB limit"),
}


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as fp:
        fp.truncate(size)
    return path


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_is_one_line_and_the_rest_of_the_batch_is_stored(run, tmp_path, case):
    make, reason = BAD_INPUTS[case]
    bad = make(tmp_path)
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    db = tmp_path / "claims.db"
    result = run("ingest", bad, good, "--db", db)
    assert_clean_failure(result, f"workbench: {bad}: ", reason)
    assert "Added 1 document with" in result.stdout and "1 rejected" in result.stdout
    assert stored_names(db) == ["good.txt"]


def test_the_size_limit_is_20_mb():
    assert MAX_BYTES == 20 * 1024 * 1024


@pytest.mark.slow
def test_a_folder_of_ten_thousand_files(run, tmp_path):
    """Every file is stored. It takes 10-20 s; timing is bench/'s business, so it is not asserted."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"note{i:05}.txt").write_text(f"Note {i}: {i % 97} schools closed in 2015.\n")
    write(folder / "nested" / "empty.txt", b"")
    db = tmp_path / "claims.db"
    result = run("ingest", folder, "--db", db)
    assert_clean_failure(result, "empty.txt", "empty file")
    assert "Added 10000 documents" in result.stdout
    with open_store(db) as store:
        assert store.summary()["documents"] == 10_000
    assert result.stderr.count("\n") == 1  # no progress bar without a terminal


def test_a_database_in_a_folder_that_does_not_exist(run, tmp_path):
    result = run("ingest", write(tmp_path / "good.txt", GOOD_TEXT), "--db", tmp_path / "no" / "claims.db")
    assert_clean_failure(result, "does not exist")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="uses /proc as a folder nobody can write")
def test_a_database_path_that_is_not_writable(run, tmp_path):
    result = run("ingest", write(tmp_path / "good.txt", GOOD_TEXT), "--db", "/proc/claims.db")
    assert_clean_failure(result, "/proc/claims.db", "not writable")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_database_in_a_read_only_folder(run, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = run("ingest", write(tmp_path / "good.txt", GOOD_TEXT), "--db", locked / "claims.db")
    finally:
        locked.chmod(0o700)
    assert_clean_failure(result, "not writable")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_database_file(run, tmp_path):
    db = tmp_path / "claims.db"
    open_store(db).close()
    db.chmod(0o400)
    try:
        result = run("ingest", write(tmp_path / "good.txt", GOOD_TEXT), "--db", db)
    finally:
        db.chmod(0o600)
    assert_clean_failure(result, "read-only")


def test_a_database_file_that_is_not_sqlite(run, tmp_path):
    db = write(tmp_path / "claims.db", "these are my notes, not a database\n" * 20)
    before = db.read_bytes()
    result = run("ingest", write(tmp_path / "good.txt", GOOD_TEXT), "--db", db)
    assert_clean_failure(result, str(db), "not a workbench database")
    assert db.read_bytes() == before
    for command in (["claims"], ["export"], []):
        assert_clean_failure(run(*command, "--db", db), "not a workbench database")


def test_a_database_path_that_is_a_folder(run, tmp_path):
    assert_clean_failure(run("claims", "--db", tmp_path), "is a folder")


def test_file_names_cannot_smuggle_escape_sequences(run, tmp_path):
    bad = write(tmp_path / "evil\x1b[2J\x1b]0;owned\x07.txt", b"")
    result = run("ingest", bad, "--db", tmp_path / "claims.db")
    assert_clean_failure(result, "evil␛[2J␛]0;owned␇.txt", "empty file")
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_document_text_cannot_smuggle_escape_sequences(run, tmp_path):
    text = "Councils \x1b[31mcut\x1b[0m 40% of \x9b2Jyouth \u202ebudgets in 2015.\n"
    path = write(tmp_path / "hostile.txt", text)
    db = tmp_path / "claims.db"
    assert run("ingest", path, "--db", db).exit_code == 0
    for args in (["claims"], ["claims", "--format", "csv"], ["claims", "--format", "jsonl"], ["export"]):
        out = run(*args, "--db", db).stdout
        assert not any(ch in out for ch in "\x1b\x9b\u202e"), args
    assert "40%" in run("claims", "--db", db).stdout


def test_an_unexpected_error_is_one_line_not_a_traceback(run, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr("workbench.ingest.ingest_paths", broken)
    result = run("ingest", write(tmp_path / "good.txt", GOOD_TEXT), "--db", tmp_path / "claims.db")
    assert_clean_failure(result, "internal error", "RuntimeError", "something nobody expected")


def test_the_progress_bar_stays_off_without_a_terminal(run, tmp_path):
    for i in range(30):
        write(tmp_path / "docs" / f"{i}.txt", f"In 2015, {i + 2} libraries closed.\n")
    result = run("ingest", tmp_path / "docs", "--db", tmp_path / "claims.db")
    assert result.exit_code == 0 and result.stderr == ""


def test_the_progress_bar_shows_for_many_files_at_a_terminal(monkeypatch, capsys):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    few, many = cli.IngestProgress(), cli.IngestProgress()
    few(1, 5, Path("a.txt"))
    many(1, 30, Path("a.txt"))
    many(2, 30, Path("b.txt"))
    assert few.bar is None and many.bar is not None and many.bar.pos == 2
    many.error("c.txt", "empty file")
    many.close()
    assert "Ingesting" in capsys.readouterr().err


# --------------------------------------------------------------------------- the main job


def test_no_command_ingests_the_seeds_and_prints_a_summary(run, tmp_path, monkeypatch, snapshot):
    monkeypatch.chdir(tmp_path)  # no seeds/ here: the repository's seeds are used
    result = run()
    assert result.exit_code == 0, result.output
    assert (tmp_path / "claims.db").exists()
    assert matches_file(snapshot, "cli/summary.txt", result.stdout)

    again = run()
    assert again.exit_code == 0
    assert again.stdout.startswith("Nothing new added to claims.db. 5 already stored.")
    assert again.stdout.split("\n", 1)[1] == result.stdout.split("\n", 1)[1]


def test_no_command_prefers_a_seeds_folder_in_the_current_directory(run, tmp_path, monkeypatch):
    write(tmp_path / "seeds" / "only.txt", GOOD_TEXT)
    monkeypatch.chdir(tmp_path)
    result = run()
    assert result.exit_code == 0 and "Added 1 document with" in result.stdout
    assert "only.txt" in result.stdout


def test_no_command_without_any_seeds_folder(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli, "__file__", str(tmp_path / "site-packages" / "workbench" / "cli.py"))
    assert_clean_failure(run(), "no seeds/ folder")


# --------------------------------------------------------------------------- the database path


def test_the_database_path_comes_from_the_environment(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    env_db = tmp_path / "from-env.db"
    result = run("ingest", write(tmp_path / "a.txt", GOOD_TEXT), env={"WORKBENCH_DB": str(env_db)})
    assert result.exit_code == 0 and env_db.exists() and not (tmp_path / "claims.db").exists()
    assert run("claims", "--format", "jsonl", env={"WORKBENCH_DB": str(env_db)}).stdout.count("\n") >= 2

    flag_db = tmp_path / "from-flag.db"
    result = run("ingest", tmp_path / "a.txt", "--db", flag_db, env={"WORKBENCH_DB": str(env_db)})
    assert result.exit_code == 0 and flag_db.exists()
    result = run("--db", tmp_path / "before.db", "ingest", tmp_path / "a.txt", env={"WORKBENCH_DB": str(env_db)})
    assert result.exit_code == 0 and (tmp_path / "before.db").exists()


def test_the_default_database_is_claims_db_here(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("ingest", write(tmp_path / "a.txt", GOOD_TEXT)).exit_code == 0
    assert (tmp_path / "claims.db").exists()


# --------------------------------------------------------------------------- extract


def test_extract_prints_one_json_claim_per_line(run):
    path = SEEDS / "003_a96f6ca7e5781663.txt"
    result = run("extract", path)
    assert result.exit_code == 0 and result.stderr == ""
    text = path.read_text(encoding="utf-8")
    lines = result.stdout.splitlines()
    assert len(lines) > 5
    for line in lines:
        claim = json.loads(line)
        assert text[claim["start"] : claim["end"]] == claim["surface"]
        assert claim["doc"] == path.name


def test_extract_stores_nothing(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("extract", SEEDS / "000_cd4c3d89343797c1.txt", "--format", "table").exit_code == 0
    assert list(tmp_path.iterdir()) == []


def test_extract_of_a_cp1252_file_points_into_the_decoded_text(run, tmp_path):
    raw = "The council spent \xa32m on the scheme in 2014.\n".encode("cp1252")
    result = run("extract", write(tmp_path / "legacy.txt", raw))
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    text = raw.decode("cp1252")
    assert "£2m" in {c["surface"] for c in claims}
    assert all(text[c["start"] : c["end"]] == c["surface"] for c in claims)


def test_extract_reports_bad_files_and_prints_the_good_ones(run, tmp_path):
    result = run("extract", tmp_path / "missing.txt", write(tmp_path / "good.txt", GOOD_TEXT))
    assert_clean_failure(result, "missing.txt", "no such file or folder")
    assert {json.loads(line)["surface"] for line in result.stdout.splitlines()} >= {"40%", "2015"}


# --------------------------------------------------------------------------- claims


def test_claims_table_on_the_seeds(run, seeded, snapshot):
    result = run("claims", "--db", seeded)
    assert result.exit_code == 0
    assert matches_file(snapshot, "cli/claims_table.txt", result.stdout)


def test_claims_filters_by_document_and_kind(run, seeded):
    name = "004_b2b30d61333e17b8.txt"
    lines = run("claims", "--db", seeded, "--doc", name, "--format", "jsonl").stdout.splitlines()
    assert lines and {json.loads(line)["doc"] for line in lines} == {name}
    lines = run("claims", "--db", seeded, "--kind", "proportion", "--format", "jsonl").stdout.splitlines()
    assert lines and {json.loads(line)["kind"] for line in lines} == {"proportion"}


def test_claims_csv_can_be_read_back(run, seeded):
    result = run("claims", "--db", seeded, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(run("claims", "--db", seeded, "--format", "jsonl").stdout.splitlines())
    rate = next(r for r in rows if r["kind"] == "rate" and r["value"].startswith("-"))
    assert float(rate["value"]) < 0  # numbers are numbers, not neutralised text


def test_claims_csv_neutralises_formulas(run, tmp_path, make_document):
    doc, claims = make_document("formula.txt")
    claims[0].subject = '=HYPERLINK("http://evil.example","click")'
    claims[1].subject = "+1 share"
    claims[2].subject = "@SUM(A1)"
    claims[3].subject = "-2+3"
    db = tmp_path / "claims.db"
    with open_store(db) as store:
        store.add_document(doc, claims, extractor_version="test")
    rows = list(csv.DictReader(io.StringIO(run("claims", "--db", db, "--format", "csv").stdout)))
    subjects = [r["subject"] for r in rows]
    assert subjects[:4] == ["'" + s for s in (c.subject for c in claims[:4])]
    assert not any(
        cell.startswith(("=", "+", "-", "@"))
        for row in rows
        for key, cell in row.items()
        if key not in ("value", "value_min", "value_max")
    )


def test_claims_of_an_unknown_document_is_a_usage_error(run, seeded):
    result = run("claims", "--db", seeded, "--doc", "nope.txt")
    assert result.exit_code == 2 and "no document named 'nope.txt'" in result.stderr
    assert "the documents are: 000_cd4c3d89343797c1.txt, 001_" in result.stderr


def test_claims_accepts_the_document_name_the_review_ui_shows(run, seeded):
    """The UI shows "004_b2b30d61333e17b8"; `--doc` refused it and wanted the file name."""
    by_stem = run("claims", "--db", seeded, "--doc", "004_b2b30d61333e17b8", "--format", "jsonl")
    by_name = run("claims", "--db", seeded, "--doc", "004_b2b30d61333e17b8.txt", "--format", "jsonl")
    assert by_stem.exit_code == 0 and by_stem.stdout and by_stem.stdout == by_name.stdout


def test_claims_without_a_database(run, tmp_path):
    result = run("claims", "--db", tmp_path / "none.db")
    assert_clean_failure(result, "no database at")
    assert not (tmp_path / "none.db").exists()


# --------------------------------------------------------------------------- export


def test_export_json_on_the_seeds(run, seeded, snapshot):
    result = run("export", "--db", seeded, "--format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert [d["name"] for d in data["documents"]] == sorted(p.name for p in SEEDS.iterdir())
    claim_ids = {c["id"] for c in data["claims"]}
    of_claim = {c["id"]: c["cluster_id"] for c in data["claims"]}
    assert data["clusters"], "ingest matches the seeds' claims into clusters"
    for cluster in data["clusters"]:
        assert cluster["relation"] in ("agree", "differ")
        assert cluster["suggested_verdict"] in ("consistent", "conflicting", "unverified")
        assert cluster["explanation"]
        assert set(cluster["claim_ids"]) <= claim_ids and len(cluster["claim_ids"]) >= 2
        assert all(of_claim[c] == cluster["id"] for c in cluster["claim_ids"])
    for document in data["documents"]:
        assert set(document) == {"id", "name", "title", "published", "author", "site", "sha256", "encoding"}
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.iterdir()}
    for claim in data["claims"]:
        assert SCORER_CLAIM_FIELDS <= set(claim)
        assert texts[claim["doc"]][claim["start"] : claim["end"]] == claim["surface"]
    assert matches_file(snapshot, "cli/export.json", result.stdout)


def test_export_to_a_file(run, seeded, tmp_path):
    out = tmp_path / "out.json"
    result = run("export", "--db", seeded, "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(
        run("export", "--db", seeded, "--format", "json").stdout
    )
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_to_a_folder_that_does_not_exist(run, seeded, tmp_path):
    assert_clean_failure(run("export", "--db", seeded, "-o", tmp_path / "no" / "out.json"), "out.json")


SCORER = ROOT.parent / "shared" / "eval" / "score.py"


@pytest.mark.skipif(not SCORER.exists(), reason="the evaluation scorer lives outside the repository")
def test_the_export_scores_with_the_evaluation_scorer(run, seeded, tmp_path):
    out = tmp_path / "export.json"
    assert run("export", "--db", seeded, "-o", out).exit_code == 0
    gold = SCORER.parent / "seeds-gold.json"
    scored = subprocess.run(
        [sys.executable, SCORER, "--gold", gold, "--export", out, "--json"], capture_output=True, text=True, check=True
    )
    figures = json.loads(scored.stdout)
    assert figures["warnings"] == []  # every claim has offsets and every gold document is there
    assert figures["extraction"]["true_positives"] > 0  # the figures themselves are bench/'s business


# --------------------------------------------------------------------------- usage


@pytest.mark.parametrize(
    "args",
    [
        ["extract"],
        ["claims", "--format", "xml"],
        ["export", "--format", "xml"],
        ["nonsense"],
        ["claims", "--kind", "weight"],
        ["ingest", "--bogus"],
    ],
)
def test_usage_errors_exit_2(run, args):
    result = run(*args)
    assert result.exit_code == 2 and "Usage:" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("command", [[], ["ingest"], ["extract"], ["claims"], ["export"]])
def test_every_command_has_help_with_an_example(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Example:" in result.stdout and "workbench" in result.stdout


def test_python_dash_m_workbench_works():
    result = subprocess.run([sys.executable, "-m", "workbench", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "Usage:" in result.stdout and "ingest" in result.stdout
    version = subprocess.run([sys.executable, "-m", "workbench", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and "0.1.0" in version.stdout


def test_help_does_not_import_the_heavy_modules():
    code = (
        "import sys; from workbench.cli import main\n"
        "print(','.join(m for m in ('sqlite_utils', 'textual', 'rich', 'workbench.core.claims',"
        " 'charset_normalizer', 'rapidfuzz') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_the_readme_and_ci_run_the_same_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = ci.strip().splitlines()[-1].removesuffix(' "$@"')
    assert command in readme
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


def test_review_needs_documents_and_a_terminal(run, tmp_path, seeded):
    empty = run("review", "--db", tmp_path / "empty.db")
    assert empty.exit_code == 1
    assert "no database at" in empty.stderr and "Traceback" not in empty.output
    assert not (tmp_path / "empty.db").exists()
    no_terminal = run("review", "--db", seeded, "--reviewer", "alice")
    assert no_terminal.exit_code == 1
    assert "needs a terminal" in no_terminal.stderr


@pytest.mark.parametrize("where", ["named", "in a folder"])
@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_an_unreadable_file_is_reported_and_the_rest_goes_on(run, tmp_path, monkeypatch, where, command):
    folder = tmp_path / "docs"
    folder.mkdir()
    locked, good = folder / "a-locked.txt", folder / "b-good.txt"
    locked.write_text(GOOD_TEXT, encoding="utf-8")
    good.write_text(GOOD_TEXT.replace("40%", "45%"), encoding="utf-8")
    if os.geteuid() == 0:  # root reads any file: make this one refuse as it would refuse anyone else
        read_bytes = Path.read_bytes
        monkeypatch.setattr(
            Path,
            "read_bytes",
            lambda self: (
                (_ for _ in ()).throw(PermissionError(13, "denied")) if self.name == locked.name else read_bytes(self)
            ),
        )
    else:
        locked.chmod(0)
    paths = [locked, good] if where == "named" else [folder]
    db = ["--db", tmp_path / "claims.db"] if command == "ingest" else []
    try:
        result = run(command, *paths, *db)
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 1, result.output
    assert f"workbench: {locked}: permission denied" in result.stderr.splitlines()
    assert ("45%" in result.stdout) if command == "extract" else ("Added 1 document" in result.stdout)


def _as_someone_else() -> list[str] | None:
    """A command prefix that runs a process without root's power to write anywhere: none is
    needed for another user; as root, setpriv to nobody; None when neither is possible."""
    if os.name != "posix":
        return None
    if os.geteuid() != 0:
        return []
    import shutil

    setpriv = shutil.which("setpriv")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] if setpriv else None


@pytest.mark.skipif(_as_someone_else() is None, reason="needs a user who cannot write everywhere")
@pytest.mark.parametrize("command", [["claims"], ["export"], ["agreement"]])
def test_a_writable_database_in_a_folder_that_is_not_can_still_be_read(run, command):
    import shutil
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="wb-ro-"))  # outside pytest's private tmp, for another user
    try:
        top.chmod(0o755)
        folder = top / "shared"
        folder.mkdir()
        db = folder / "claims.db"
        assert run("ingest", SEEDS, "--db", db).exit_code == 0
        db.chmod(0o666)  # the file stays writable by anyone
        folder.chmod(0o555)  # but SQLite could not make its -wal and -shm files beside it
        result = subprocess.run(
            [*_as_someone_else(), sys.executable, "-m", "workbench", *command, "--db", str(db)],
            capture_output=True,
            text=True,
            env={**os.environ, "CI": "true"},
            stdin=subprocess.DEVNULL,
        )
    finally:
        (top / "shared").chmod(0o755)
        shutil.rmtree(top)
    assert "read-only" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    if command == ["agreement"]:
        assert result.returncode == 1 and "fewer than two reviewers" in result.stderr
    else:
        assert result.returncode == 0 and len(result.stdout) > 1000, result.stderr


def test_review_of_a_mistyped_database_creates_nothing(run, tmp_path):
    result = run("review", "--db", tmp_path / "typo.db")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"workbench: no database at {tmp_path / 'typo.db'}")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["claims"], ["export"], ["agreement"], ["review"]])
def test_a_zero_byte_file_is_no_database_and_is_left_empty(run, tmp_path, command):
    db = tmp_path / "claims.db"
    db.touch()
    result = run(*command, "--db", db)
    assert result.exit_code == 1 and "no database at" in result.stderr, result.output
    assert db.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["claims.db"]
