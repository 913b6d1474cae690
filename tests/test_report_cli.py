"""`workbench export`: each format from the command line, the Markdown default, the format taken
from -o's extension, atomic writes, and clean one-line errors."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_helpers import ingest_seeds, review_seeds

from workbench.cli import main


@pytest.fixture
def run(monkeypatch):
    monkeypatch.delenv("WORKBENCH_DB", raising=False)
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=True)

    return invoke


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory) -> Path:
    return review_seeds(ingest_seeds(tmp_path_factory.mktemp("cli") / "seeds.db"))


def assert_one_line_failure(result, *fragments: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("workbench: "), lines
    for fragment in fragments:
        assert fragment in lines[0]


def read(fmt: str, text: str):
    """The output parsed as its format says it is (fails the test if it is not)."""
    if fmt in ("json", "claimreview"):
        return json.loads(text)
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(text, newline="")))
    if fmt == "html":
        parser = HTMLParser()
        parser.feed(text)
        assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
        return text
    assert text.startswith("# Verification report\n")
    return text


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv", "claimreview"])
def test_each_format_to_standard_output(run, reviewed, fmt):
    result = run("export", "--db", reviewed, "--format", fmt)
    assert result.exit_code == 0 and result.stderr == ""
    parsed = read(fmt, result.stdout)
    if fmt == "csv":
        assert len(parsed) == 48 and {"alice", "alice; bob"} <= {row["reviewer"] for row in parsed}
    if fmt == "json":
        assert parsed["decisions"] and parsed["review_log"]


def test_markdown_is_the_default(run, reviewed):
    result = run("export", "--db", reviewed)
    assert result.exit_code == 0
    assert result.stdout == run("export", "--db", reviewed, "--format", "md").stdout
    assert "## Not yet reviewed" in result.stdout


@pytest.mark.parametrize(
    "name, fmt",
    [
        ("report.html", "html"),
        ("report.md", "md"),
        ("out.json", "json"),
        ("claims.CSV", "csv"),
        ("reviews.jsonld", "claimreview"),
        ("report.txt", "md"),
    ],
)
def test_the_output_file_extension_chooses_the_format(run, reviewed, tmp_path, name, fmt):
    out = tmp_path / name
    result = run("export", "--db", reviewed, "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == run("export", "--db", reviewed, "--format", fmt).stdout
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left beside it


def test_format_wins_over_the_extension(run, reviewed, tmp_path):
    out = tmp_path / "report.html"
    assert run("export", "--db", reviewed, "--format", "csv", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("claim_id,document,")


def test_a_failed_export_leaves_the_previous_file_as_it_was(run, reviewed, tmp_path, monkeypatch):
    out = tmp_path / "report.html"
    out.write_text("yesterday's report", encoding="utf-8")

    def half_then_fail(store, fmt, fp):
        fp.write("<!DOCTYPE html><html><body><h1>half a rep")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("workbench.export.write_report", half_then_fail)
    result = run("export", "--db", reviewed, "-o", out)
    assert_one_line_failure(result, "report.html", "cannot write: No space left on device")
    assert out.read_text(encoding="utf-8") == "yesterday's report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_a_missing_database(run, tmp_path):
    result = run("export", "--db", tmp_path / "none.db", "--format", "html")
    assert_one_line_failure(result, "no database at", "none.db")
    assert not (tmp_path / "none.db").exists()


def test_a_file_that_is_not_a_database(run, tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("these are my notes\n" * 50, encoding="utf-8")
    for fmt in ("md", "html", "csv", "claimreview", "json"):
        assert_one_line_failure(run("export", "--db", notes, "--format", fmt), "notes.db", "not a workbench database")
    assert notes.read_text(encoding="utf-8") == "these are my notes\n" * 50


def test_an_unknown_format_is_a_usage_error(run, reviewed):
    result = run("export", "--db", reviewed, "--format", "pdf")
    assert result.exit_code == 2 and "Usage:" in result.stderr and "'pdf' is not one of" in result.stderr


def test_an_empty_database_gives_a_report_that_says_so(run, tmp_path):
    from workbench.store.db import open_store

    db = tmp_path / "empty.db"
    open_store(db).close()
    result = run("export", "--db", db)
    assert result.exit_code == 0
    assert "The database holds no claims, so there is nothing to review." in result.stdout
    assert json.loads(run("export", "--db", db, "--format", "claimreview").stdout) == []


def test_the_temporary_files_a_killed_export_left_are_cleaned_by_the_next(run, reviewed, tmp_path):
    import subprocess
    import sys

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # a pid that no longer runs
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        stale = tmp_path / f".report.html.{dead.pid}.tmp"
        writing = tmp_path / f".report.html.{alive.pid}.tmp"  # another export, still writing
        other = tmp_path / ".report.html.notes.tmp"  # not of our naming
        for path in (stale, writing, other):
            path.write_text("<!DOCTYPE html><html><body>half a rep", encoding="utf-8")

        assert run("export", "--db", reviewed, "-o", tmp_path / "report.html").exit_code == 0

        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["report.html", writing.name, other.name])
    finally:
        alive.kill()
        alive.wait()


def test_a_failed_export_to_standard_output_writes_nothing_there(run, reviewed, monkeypatch):
    def half_then_fail(store, fmt, fp):
        fp.write("<!DOCTYPE html><html><body><h1>half a rep")
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr("workbench.export.write_report", half_then_fail)
    result = run("export", "--db", reviewed, "--format", "html")
    assert result.exit_code == 1 and "internal error (ZeroDivisionError" in result.stderr
    assert result.stdout == ""  # no truncated page that looks like a report
