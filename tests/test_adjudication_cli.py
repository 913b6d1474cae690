"""`workbench review --adjudicator` in a real process on a real terminal: the adjudication screen
opens, and a final verdict given there with its reason reaches the database."""

from __future__ import annotations

import os
import sqlite3
import sys

from review_corpus import build_small
from test_tui_process import Terminal, wait_for

from workbench.store.review.store import ReviewStore


def test_review_adjudicator_opens_the_disagreements_and_records_a_final_verdict(tmp_path):
    db = str(tmp_path / "claims.db")
    ids = build_small(db)
    forty = ids[("002_munn.txt", "40%")]
    for name, verdict in (("ann", "conflicting"), ("bob", "consistent")):
        store = ReviewStore(db, name)
        store.decide([forty], verdict)
        store.close()
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("WORKBENCH_DB", None)
    terminal = Terminal(
        [sys.executable, "-m", "workbench", "review", "--db", db, "--reviewer", "carol", "--adjudicator"], env
    )
    try:
        wait_for(lambda: "Adjudication as carol" in terminal.screen_text() and "1 in dispute" in terminal.screen_text())
        terminal.type("x")
        wait_for(lambda: "Why this verdict?" in terminal.screen_text())
        terminal.type("the report says 40%\r")

        def recorded():
            conn = sqlite3.connect(db)
            try:
                return conn.execute("SELECT claim_id, verdict, reason, adjudicator FROM final_verdicts").fetchall()
            finally:
                conn.close()

        wait_for(lambda: recorded() == [(forty, "conflicting", "the report says 40%", "carol")])
        terminal.type("q")
        _, status = os.waitpid(terminal.pid, 0)
        assert os.WEXITSTATUS(status) == 0
        terminal.pid = None
    finally:
        if terminal.pid is not None:
            terminal.kill()
