"""The review in a real process on a real terminal (a pty): decisions shown as made survive SIGKILL."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import signal
import sqlite3
import struct
import sys
import termios
import threading
import time

import pytest
from review_corpus import build_small

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


class Terminal:
    """A child process on a pseudo-terminal, with its output drained so that it never blocks."""

    def __init__(self, args: list[str], env: dict, size=(120, 40)):
        cols, rows = size
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: its terminal has the size before the program can ask for it
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execvpe(args[0], args, env)
        self.output = bytearray()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self):
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            self.output += data

    def screen_text(self) -> str:
        """What was written, without the escape sequences that place and colour it."""
        return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", self.output.decode("utf-8", "replace"))

    def type(self, keys: str):
        os.write(self.fd, keys.encode())

    def kill(self):
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def read_trace(path) -> list[dict]:
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.endswith("\n")]


def wait_for(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    raise AssertionError("timed out")


def small_corpus_with_trace(tmp_path) -> tuple[str, str]:
    """The small corpus at tmp_path/claims.db, and the path its review's trace will be written to."""
    db = str(tmp_path / "claims.db")
    build_small(db)
    return db, str(tmp_path / "trace.jsonl")


def review_in_terminal(db: str, trace: str) -> Terminal:
    """Ann's review of db in a child process on a pty, tracing its events to trace."""
    # the size comes from the pty, as in a user's terminal: COLUMNS and LINES (set to 80x24 by
    # pytest-xdist's workers) would override it
    env = {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}
    env.update(WORKBENCH_TRACE=trace, TERM="xterm-256color")
    code = "import sys; from workbench.tui.app import run_review; run_review(sys.argv[1], 'ann')"
    return Terminal([sys.executable, "-c", code, db], env)


def test_sigkill_loses_no_decision_that_was_shown(tmp_path):
    db, trace = small_corpus_with_trace(tmp_path)
    term = review_in_terminal(db, trace)
    try:
        wait_for(lambda: any(e["event"] == "first_screen" for e in read_trace(trace)))
        # a steady stream of decisions, one key at a time, each waited for on screen ...
        for key in "cxucxuc":
            before = len([e for e in read_trace(trace) if e["event"] == "decide"])
            term.type(key)
            wait_for(lambda: len([e for e in read_trace(trace) if e["event"] == "decide"]) > before)
        # ... then a burst that is still being worked through when the process dies
        term.type("xuxcxuxkkkkcxu")
        wait_for(lambda: len([e for e in read_trace(trace) if e["event"] == "decide"]) >= 9)
    finally:
        term.kill()
    shown = [e for e in read_trace(trace) if e["event"] == "decide"]
    assert len(shown) >= 9
    conn = sqlite3.connect(db)
    logged = conn.execute(
        "SELECT id, claim_id, to_verdict FROM review_log WHERE action = 'decide' ORDER BY id"
    ).fetchall()
    # every decision the screen showed is in the log, in the order it was shown
    position = 0
    for event in shown:
        while position < len(logged) and logged[position][1:] != (event["claim"], event["verdict"]):
            position += 1
        assert position < len(logged), f"decision shown but lost: {event}"
        position += 1
    # and the decisions table agrees with the log's last word on every claim
    last = {claim: verdict for _, claim, verdict in logged}
    stored = dict(conn.execute("SELECT claim_id, verdict FROM decisions WHERE reviewer = 'ann'"))
    assert stored == last
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_reopening_after_sigkill_resumes_at_the_last_decision(tmp_path):
    db, trace = small_corpus_with_trace(tmp_path)
    term = review_in_terminal(db, trace)
    try:
        wait_for(lambda: any(e["event"] == "first_screen" for e in read_trace(trace)))
        term.type("jjj")
        term.type("c")
        wait_for(lambda: any(e["event"] == "decide" for e in read_trace(trace)))
    finally:
        term.kill()
    conn = sqlite3.connect(db)
    state = json.loads(conn.execute("SELECT state FROM sessions WHERE reviewer = 'ann'").fetchone()[0])
    decided = conn.execute("SELECT claim_id FROM decisions").fetchone()[0]
    assert state["claim_id"] != decided  # the session points at the claim after it
    term = review_in_terminal(db, trace)
    try:
        wait_for(lambda: len([e for e in read_trace(trace) if e["event"] == "first_screen"]) == 2)
        wait_for(lambda: "Reviewed 1/14" in term.screen_text())
    finally:
        term.kill()
