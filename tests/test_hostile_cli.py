"""Hostile file names, document text, reviewer names and notes reach the terminal neutralised from
every command, error lines included: Rich-style markup is printed as the characters it is, escape
sequences and other control characters are made visible, and a newline in a name never starts a
second line.

The CLI runs as at a terminal (`color=True`): without it click strips CSI sequences such as
`ESC[31m` from its output by itself, and a test could pass with the workbench neutralising nothing.
"""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.core.claims import extract_claims
from workbench.core.documents import load_document
from workbench.store.review.store import ReviewStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows forbids control characters in file names")

# Each hostile name, and how a terminal must show it (a file name cannot hold "/", so no closing tag).
NAMES = {
    "[bold]x[red]y.txt": "[bold]x[red]y.txt",
    "[@click=app.quit]q.txt": "[@click=app.quit]q.txt",
    "\x1b[31mred\x1b[0m.txt": "␛[31mred␛[0m.txt",
    "two\nlines.txt": "two⏎lines.txt",
    "\x9b2J\u202eevil.txt": "\ufffd2J\ufffdevil.txt",
    "bell\x07\x08\r.txt": "bell␇␈␍.txt",
}
TEXT = (
    "Youth \x1b[1mservices [bold]cut\n\n"
    "Councils [bold]cut[/bold] 40% of \x1b[31myouth\x1b[0m budgets in 2015.\n\n"
    "Some 20 councils \x1b]0;owned\x07closed every club, \x9b2Jsaid \u202ethe \u200freport\u061c.\n\n"
    "Press [@click=app.quit] here.\n"
)
REVIEWERS = ("[bold]ann[/bold]", "\x1b[2Jbob\nby")
SHOWN_REVIEWERS = ("[bold]ann[/bold]", "␛[2Jbob⏎by")
# Anything a terminal would act on: C0 controls but the line feed, DEL, C1 controls, bidi controls.
UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def run(monkeypatch):
    """Invoke the CLI in-process, as at a terminal, with WORKBENCH_DB unset; returns click's Result."""
    monkeypatch.delenv("WORKBENCH_DB", raising=False)
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, [str(a) for a in args], color=True, catch_exceptions=True)

    return invoke


def assert_safe(result) -> None:
    """Nothing in the output a terminal would obey, and no traceback."""
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    for stream in (result.stdout, result.stderr):
        found = UNSAFE.search(stream)
        assert found is None, f"{found.group()!r} reaches the terminal in {stream!r}"


def error_lines(result) -> list[str]:
    """Standard error's lines, each of which must be a `workbench:` message."""
    lines = result.stderr.splitlines()
    assert all(line.startswith("workbench: ") for line in lines), lines
    return lines


def folder_of(root: Path, text: str | None) -> Path:
    """A folder holding one file under each hostile name: the text, signed differently in each so
    that no file is a copy of another, or (for None) nothing at all."""
    root.mkdir()
    for signature, name in zip("abcdef", NAMES):
        (root / name).write_text("" if text is None else f"{text}Filed by {signature * 3}.\n", encoding="utf-8")
    return root


@pytest.fixture
def ingested(tmp_path, run) -> Path:
    """A database holding the hostile text under every hostile name."""
    db = tmp_path / "claims.db"
    result = run("ingest", folder_of(tmp_path / "good", TEXT), "--db", db)
    assert result.exit_code == 0, result.output
    assert_safe(result)
    return db


def claims_stating(db: Path, surface: str) -> dict[str, str]:
    """Each document's name and the id of its claim with this surface."""
    conn = sqlite3.connect(db)
    try:
        return dict(
            conn.execute(
                "SELECT d.name, c.id FROM claims c JOIN documents d ON d.id = c.doc_id WHERE c.surface = ?", [surface]
            )
        )
    finally:
        conn.close()


def test_ingest_reports_each_hostile_name_on_one_line_shown_literally(run, tmp_path):
    bad = folder_of(tmp_path / "bad", None)  # empty files: each one rejected, by name
    missing = tmp_path / "[@click=app.quit]\x1b]0;owned\x07\nnone.txt"
    result = run("ingest", bad, missing, "--db", tmp_path / "claims.db")
    assert result.exit_code == 1
    assert_safe(result)
    lines = error_lines(result)
    assert len(lines) == len(NAMES) + 1  # a newline in a name never splits its line
    for shown in NAMES.values():
        assert sum(shown in line and "empty file" in line for line in lines) == 1, shown
    assert any("[@click=app.quit]␛]0;owned␇⏎none.txt" in line for line in lines)
    assert len(result.stdout.splitlines()) == 1  # the summary


def test_two_files_with_one_hostile_name_are_refused_in_one_line(run, tmp_path, ingested):
    again = tmp_path / "again"
    again.mkdir()
    (again / "\x1b[31mred\x1b[0m.txt").write_text("Another 7 councils agreed.\n", encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "\x1b[31mred\x1b[0m.txt").write_text("And 9 councils did not.\n", encoding="utf-8")
    result = run("ingest", again, other, "--db", ingested)
    assert result.exit_code == 1
    assert_safe(result)
    [line] = error_lines(result)
    assert "␛[31mred␛[0m.txt" in line


def test_the_claims_table_shows_names_and_text_literally(run, ingested):
    result = run("claims", "--db", ingested)
    assert result.exit_code == 0
    assert_safe(result)
    rows = result.stdout.splitlines()[1:]
    conn = sqlite3.connect(ingested)
    per_document = dict(conn.execute("SELECT name, claim_count FROM documents"))
    conn.close()
    assert len(rows) == sum(per_document.values())  # one line per claim, whatever its document's name
    for name, shown in NAMES.items():
        assert sum(row.startswith(shown) for row in rows) == per_document[name] > 0, shown
    assert sum(" 40% " in row for row in rows) == len(NAMES)


def test_claims_of_one_hostile_document_and_of_one_that_is_not_there(run, ingested):
    result = run("claims", "--doc", "[bold]x[red]y.txt", "--db", ingested)
    assert result.exit_code == 0
    assert_safe(result)
    rows = result.stdout.splitlines()[1:]
    assert rows and all(row.split()[0] == "[bold]x[red]y.txt" for row in rows)

    result = run("claims", "--doc", "\x1b]0;owned\x07\nnone.txt", "--db", ingested)
    assert result.exit_code == 2
    assert_safe(result)
    assert "no document named '␛]0;owned␇⏎none.txt'" in result.stderr


def test_the_extract_table_shows_names_and_text_literally(run, tmp_path):
    good = folder_of(tmp_path / "good", TEXT)
    empty = tmp_path / "\x1b[2J[bold]empty.txt"
    empty.write_bytes(b"")
    result = run("extract", good, empty, "--format", "table")
    assert result.exit_code == 1
    assert_safe(result)
    rows = result.stdout.splitlines()[1:]
    for name, shown in NAMES.items():
        claims = extract_claims(load_document(good / name))
        assert sum(row.startswith(shown) for row in rows) == len(claims) > 0, shown
    assert len(rows) == len(NAMES) * len(claims)
    [line] = error_lines(result)
    assert "␛[2J[bold]empty.txt" in line and "empty file" in line


def test_doctor_shows_hostile_reviewers_documents_and_notes_literally_problems_included(run, tmp_path, ingested):
    claims = claims_stating(ingested, "40%")
    ann, bob = (ReviewStore(str(ingested), name) for name in REVIEWERS)
    ann.decide([claims["[bold]x[red]y.txt"]], "conflicting")
    ann.set_note(claims["[bold]x[red]y.txt"], "says \x1b[31m4.99%\x1b[0m\n[@click=app.quit]")
    bob.decide([claims["two\nlines.txt"]], "consistent")
    ann.close()
    bob.close()
    # the decision's sentence is edited away: an orphaned decision, listed with its document's name
    edited = tmp_path / "edited"
    edited.mkdir()
    (edited / "[bold]x[red]y.txt").write_text(TEXT.replace("40%", "41%"), encoding="utf-8")
    assert run("ingest", edited, "--db", ingested).exit_code == 0
    conn = sqlite3.connect(ingested)
    conn.execute("DELETE FROM review_log WHERE reviewer = ?", [REVIEWERS[1]])  # bob's decision loses its entry
    conn.commit()
    conn.close()

    result = run("doctor", "--db", ingested)
    assert result.exit_code == 1
    assert_safe(result)
    out = result.stdout.splitlines()
    assert any(
        line.startswith("decisions") and SHOWN_REVIEWERS[0] in line and SHOWN_REVIEWERS[1] in line for line in out
    )
    [orphan] = [line for line in out if "conflicting  [bold]x[red]y.txt" in line]
    assert orphan.startswith(f"  {SHOWN_REVIEWERS[0]}  ")
    assert orphan.endswith("note: says ␛[31m4.99%␛[0m⏎[@click=app.quit]")
    [problem] = error_lines(result)
    assert f"{SHOWN_REVIEWERS[1]}'s decision on {claims['two' + chr(10) + 'lines.txt']}" in problem
    assert "has no log entry" in problem


def test_agreement_shows_hostile_reviewers_and_documents_literally_errors_included(run, ingested):
    claims = claims_stating(ingested, "40%")
    ann, bob = (ReviewStore(str(ingested), name) for name in REVIEWERS)
    for name, claim in claims.items():
        ann.decide([claim], "conflicting")
        bob.decide([claim], "conflicting" if name != "[@click=app.quit]q.txt" else "consistent")
    ann.close()
    bob.close()

    result = run("agreement", "--db", ingested, "--reviewers", *REVIEWERS)
    assert result.exit_code == 0, result.output
    assert_safe(result)
    out = result.stdout.splitlines()
    assert out[0] == f"Agreement between {SHOWN_REVIEWERS[0]} and {SHOWN_REVIEWERS[1]}: 6 claims both decided"
    [disagreement] = [line for line in out if line.startswith("[@click=app.quit]q.txt")]
    assert "conflicting" in disagreement and "consistent" in disagreement

    result = run("agreement", "--db", ingested, "--reviewers", REVIEWERS[0], "\x1b]0;owned\x07\neve")
    assert result.exit_code == 2
    assert_safe(result)
    [message] = [line for line in result.stderr.splitlines() if "--reviewers" in line]
    assert "reviewer '\\x1b]0;owned\\x07\\neve' has no verdict" in message  # the name as typed, escaped
    assert SHOWN_REVIEWERS[1] in message  # and the names that have one


@pytest.mark.parametrize("command", [["claims"], ["export"], ["doctor"], ["agreement"], ["review"]])
def test_a_hostile_database_path_is_shown_literally_in_each_commands_error(run, tmp_path, command):
    folder = tmp_path / "[bold]\x1b]0;owned\x07\nx"
    folder.mkdir()
    db = folder / "claims.db"
    if command == ["review"]:  # an empty database: nothing to review
        assert run("ingest", tmp_path / "nothing-here", "--db", db).exit_code == 1
    result = run(*command, "--db", db)
    assert result.exit_code == 1
    assert_safe(result)
    [line] = error_lines(result)
    assert "[bold]␛]0;owned␇" in line  # the newline after it: ⏎, or a space where the store words the error
