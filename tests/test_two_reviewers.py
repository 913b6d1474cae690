"""Two reviewers on one database at once: both processes' decisions are kept, a write waits out
the other's lock, each sees the other's decisions when it refreshes, and the log says who did what."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from lock_holder import LockHolder, wait_out_any_lock
from review_corpus import build_small, synchronously
from review_pilot import press_and_wait, ready, reviewing, screen_text

from workbench.store.agreement import other_decisions
from workbench.store.errors import StoreError
from workbench.store.review.store import ReviewStore
from workbench.tui.screens import HelpScreen, NoteScreen
from workbench.tui.widgets import ClaimList

# Decides `n` random claims as `reviewer`, starting when the file `go` appears; prints each decision
# only once `decide` has returned. Before its last TAIL decisions it waits (a minute at most) until
# the other reviewer's first decision is in the log, so that the two writers' entries interleave
# however the machine schedules them. Then waits for the other reviewer to finish, refreshes, and
# prints what it sees of the other's work.
DRIVER = r"""
import os, random, sys, time
from workbench.store.agreement import other_decisions
from workbench.core.agreement import VERDICTS
from workbench.store.review.store import ReviewStore

TAIL = 20
db, reviewer, other, n, seed, go, done, other_done = sys.argv[1:]
store = ReviewStore(db, reviewer)
claims = [row[0] for row in store.conn.execute("SELECT id FROM claims ORDER BY id")]
rng = random.Random(int(seed))
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.001)
for i in range(int(n)):
    if i == int(n) - TAIL:
        deadline = time.monotonic() + 60
        while not store.conn.execute("SELECT 1 FROM review_log WHERE reviewer = ? LIMIT 1", [other]).fetchone():
            if time.monotonic() > deadline:
                print("the other never wrote", flush=True)
                break
            time.sleep(0.001)
    claim = rng.choice(claims)
    verdict = rng.choice([v for v in VERDICTS if v != store.decision(claim)[0]])
    store.decide([claim], verdict)
    print("saved", claim, verdict, flush=True)
open(done, "w").close()
while not os.path.exists(other_done):
    time.sleep(0.005)
refreshed = store.refresh(0)
print("others", *(f"{name}={count}" for name, count in refreshed.by_others.items()), flush=True)
for claim in claims:
    for seen in other_decisions(store.conn, claim, reviewer):
        print("seen", seen.reviewer, claim, seen.verdict, flush=True)
"""


def start(tmp_path, db, reviewer, other, n, seed):
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    args = [
        sys.executable,
        str(driver),
        db,
        reviewer,
        other,
        str(n),
        str(seed),
        str(tmp_path / "go"),
        str(tmp_path / f"{reviewer}.done"),
        str(tmp_path / f"{other}.done"),
    ]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "ready\n", process.stderr.read()
    return process


def test_two_processes_deciding_at_once_both_succeed_and_lose_nothing(corpus, tmp_path):
    db, _ = corpus
    n = 300
    ann = start(tmp_path, db, "ann", "bob", n, seed=1)
    bob = start(tmp_path, db, "bob", "ann", n, seed=2)
    (tmp_path / "go").touch()
    outputs = {}
    for name, process in (("ann", ann), ("bob", bob)):
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        outputs[name] = out.splitlines()

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for name, other in (("ann", "bob"), ("bob", "ann")):
        saved = [tuple(line.split()[1:]) for line in outputs[name] if line.startswith("saved ")]
        assert len(saved) == n
        # every decision the process made is in the log, in order, under its reviewer's name
        logged = conn.execute(
            "SELECT claim_id, to_verdict FROM review_log WHERE reviewer = ? AND action = 'decide' ORDER BY id", [name]
        ).fetchall()
        assert logged == saved
        final = dict(saved)
        assert dict(conn.execute("SELECT claim_id, verdict FROM decisions WHERE reviewer = ?", [name])) == final
        # after refreshing, each saw all of the other's decisions, as the other made them
        assert f"others {other}={n}" in outputs[name]
        seen = {tuple(line.split()[2:]) for line in outputs[name] if line.startswith(f"seen {other} ")}
        assert seen == set(
            dict(conn.execute("SELECT claim_id, verdict FROM decisions WHERE reviewer = ?", [other])).items()
        )
    # the two really wrote at the same time: their entries interleave in the log (each waited to
    # see the other's first decision before its last ones, so one cannot finish before the other starts)
    assert not any("the other never wrote" in line for lines in outputs.values() for line in lines)
    writers = [row[0] for row in conn.execute("SELECT reviewer FROM review_log ORDER BY id")]
    switches = sum(1 for a, b in zip(writers, writers[1:]) if a != b)
    assert switches >= 2


def test_a_write_waits_out_a_lock_held_past_the_busy_timeout(corpus):
    db, ids = corpus
    claim = ids[("002_munn.txt", "40%")]
    store = ReviewStore(db, "ann", busy_timeout_ms=50, busy_retries=5)
    with LockHolder(db) as holder:
        # the lock goes only once the write has already found it held for a whole busy timeout
        threading.Thread(
            target=lambda: (_wait_for(lambda: store.busy_waits >= 1), holder.release.set()), daemon=True
        ).start()
        change = store.decide([claim], "conflicting")
    assert store.busy_waits >= 1
    assert [item.claim_id for item in change.items] == [claim]
    assert store.decision(claim) == ("conflicting", None, "claim")
    assert store.log()[0].to_verdict == "conflicting"


def test_a_lock_never_released_is_a_clear_error_and_nothing_is_written(corpus):
    db, ids = corpus
    claim = ids[("002_munn.txt", "40%")]
    store = ReviewStore(db, "ann", busy_timeout_ms=20, busy_retries=1)
    with LockHolder(db):
        with pytest.raises(StoreError, match="is locked by another program"):
            store.decide([claim], "consistent")
        assert not store.conn.in_transaction
    assert store.decision(claim) == (None, None, None) and store.log() == []
    store.decide([claim], "consistent")  # once the lock is free the same store writes again
    assert store.decision(claim)[0] == "consistent"


def test_the_writer_writes_from_any_thread_on_a_connection_of_its_own(corpus):
    db, ids = corpus
    claim = ids[("002_munn.txt", "40%")]
    store = ReviewStore(db, "ann", busy_timeout_ms=70, busy_retries=2)
    writer = store.writer()
    assert writer is store.writer() and writer.conn is not store.conn
    assert (writer.busy_timeout_ms, writer.busy_retries) == (70, 2)
    for verdict in ("consistent", "conflicting"):  # two threads, one after the other
        thread = threading.Thread(target=writer.decide, args=([claim], verdict))
        thread.start()
        thread.join()
    assert store.decision(claim)[0] == "conflicting"  # read on the store's own connection
    store.busy_timeout_ms, store.busy_retries = 30, 0
    assert store.writer().conn.execute("PRAGMA busy_timeout").fetchone() == (30,)
    assert store.writer().busy_retries == 0
    store.close()


def _wait_for(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.001)


def test_refresh_counts_the_other_reviewers_changes_since_the_last_refresh(corpus):
    db, ids = corpus
    ann, bob = ReviewStore(db, "ann"), ReviewStore(db, "bob")
    first = bob.refresh()
    assert first.by_others == {} and first.progress.reviewed == 0
    ann.decide([ids[("002_munn.txt", "40%")]], "conflicting")
    ann.decide(bob.member_ids("k1"), "consistent", cluster_id="k1")
    bob.decide([ids[("002_munn.txt", "20")]], "unverified")
    second = bob.refresh(first.log_id)
    assert second.by_others == {"ann": 4}  # one claim, then the three members of cluster k1
    assert second.progress.reviewed == 1 and second.progress.by_verdict["unverified"] == 1
    assert bob.refresh(second.log_id).by_others == {}
    assert [
        (d.reviewer, d.verdict, d.scope) for d in other_decisions(bob.conn, ids[("002_munn.txt", "13%")], "bob")
    ] == [("ann", "consistent", "cluster")]
    # the log says who decided what
    who = sqlite3.connect(db).execute("SELECT reviewer, action, to_verdict FROM review_log ORDER BY id").fetchall()
    assert who[0] == ("ann", "decide", "conflicting") and who[-1] == ("bob", "decide", "unverified")


# --- the UI -----------------------------------------------------------------------------------


@synchronously
async def test_the_refresh_key_shows_what_another_reviewer_decided_meanwhile(corpus):
    db, ids = corpus
    async with reviewing(db, "bob") as (pilot, review):
        shown = review.current_claim_id
        ann = ReviewStore(db, "ann")  # another process, as far as SQLite can tell: its own connection
        ann.decide([shown], "conflicting")
        ann.set_note(shown, "ONS table 4 says 25%")
        ann.decide([ids[("002_munn.txt", "20")]], "consistent")
        await press_and_wait(pilot, "ctrl+r")
        text = screen_text(pilot.app)
        assert "Refreshed: 3 changes by ann since you opened" in text
        assert "ann ✗ conflicting — ONS table 4 says 25%" in text  # beside the claim's passage
        assert review.current_claim_id == shown  # the refresh keeps the place
        await press_and_wait(pilot, "ctrl+r")
        assert "Refreshed: no changes by other reviewers since the last refresh" in screen_text(pilot.app)
        await pilot.press("c")  # bob's own decision is his, and ann's stays hers
    conn = sqlite3.connect(db)
    assert dict(conn.execute("SELECT reviewer, verdict FROM decisions WHERE claim_id = ?", [shown])) == {
        "ann": "conflicting",
        "bob": "consistent",
    }


@synchronously
async def test_a_locked_database_is_said_on_screen_and_the_decision_is_not_shown_as_saved(corpus):
    db, _ = corpus
    async with reviewing(db, "bob") as (pilot, review):
        review.store.busy_timeout_ms = 20
        review.store.busy_retries = 0
        review.store.conn.execute("PRAGMA busy_timeout = 20")
        shown = review.current_claim_id
        with LockHolder(db):
            await pilot.press("x")
            await pilot.pause()
            text = screen_text(pilot.app)
            assert "Not saved:" in text and "is locked by another program" in text
            assert review.current_claim_id == shown  # still on the claim, to try again
        await pilot.press("x")
        assert "Saved ✗ conflicting" in screen_text(pilot.app)
    conn = sqlite3.connect(db)
    assert conn.execute(
        "SELECT verdict FROM decisions WHERE claim_id = ? AND reviewer = 'bob'", [shown]
    ).fetchone() == ("conflicting",)
    assert conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 1


async def _until(pilot, predicate, timeout=20.0):
    """Let the app run until predicate() holds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        await pilot.pause(0.02)


def _decided(db: str, claim_id: str, reviewer: str = "bob") -> str | None:
    """The reviewer's verdict on the claim as the database has it, read on a connection of its own."""
    conn = sqlite3.connect(db)
    try:
        row = conn.execute(
            "SELECT verdict FROM decisions WHERE claim_id = ? AND reviewer = ?", [claim_id, reviewer]
        ).fetchone()
    finally:
        conn.close()
    return row[0] if row else None


@synchronously
async def test_a_decision_waiting_for_the_lock_says_saving_and_the_screen_still_answers(corpus):
    db, _ = corpus
    async with reviewing(db, "bob") as (pilot, review):
        wait_out_any_lock(review.store)
        shown = review.current_claim_id
        order = [review.claims.row_at(i) for i in range(len(review.order))]
        ids = [row.id for row in order if row is not None]
        said_saved = []  # for every status line that says "Saved": whether the database had the decision then
        say = review.status.say

        def watched_say(*parts, **kwargs):
            say(*parts, **kwargs)
            if "Saved" in review.status.text.plain:
                said_saved.append(_decided(db, shown))

        review.status.say = watched_say
        with LockHolder(db) as holder:
            await pilot.press("x")
            await _until(pilot, lambda: review.store.writer().busy_waits >= 1)  # the write is waiting for the lock
            assert "Saving…" in screen_text(pilot.app)
            assert "Saved" not in screen_text(pilot.app)
            assert _decided(db, shown) is None
            await pilot.press("question_mark")  # the screen answers while the write waits
            await pilot.pause()
            assert isinstance(pilot.app.screen, HelpScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert pilot.app.screen is review
            await pilot.press("j")  # waits for the decision, then moves on from where it left the cursor
            await pilot.pause()
            assert review.current_claim_id == shown and "Saving…" in screen_text(pilot.app)
            assert _decided(db, shown) is None and said_saved == []
            holder.release.set()
            await ready(pilot)
        text = screen_text(pilot.app)
        assert "Saved ✗ conflicting" in text and "Saving…" not in text
        assert review.current_claim_id == ids[ids.index(shown) + 2]  # x moved one on, then j one more
    assert _decided(db, shown) == "conflicting"
    assert said_saved and all(verdict == "conflicting" for verdict in said_saved)


@synchronously
async def test_a_note_typed_while_the_verdict_waits_for_the_lock_goes_to_the_claim_just_decided(corpus):
    db, _ = corpus
    async with reviewing(db, "bob") as (pilot, review):
        wait_out_any_lock(review.store)
        decided = review.current_claim_id
        with LockHolder(db) as holder:
            await pilot.press("x", "n")  # n at once, before the verdict is in the database
            await _until(pilot, lambda: review.store.writer().busy_waits >= 1)
            assert pilot.app.screen is review  # the note waits for the verdict
            holder.release.set()
            await ready(pilot)
        assert isinstance(pilot.app.screen, NoteScreen)
        assert "just marked conflicting" in screen_text(pilot.app)
        following = review.current_claim_id
        assert following != decided
        await press_and_wait(pilot, *"beyond rounding", "enter")
    conn = sqlite3.connect(db)
    notes = dict(conn.execute("SELECT claim_id, note FROM decisions WHERE reviewer = 'bob'"))
    assert notes == {decided: "beyond rounding"}


@synchronously
async def test_a_write_that_fails_unexpectedly_is_one_line_and_the_review_goes_on(corpus):
    db, _ = corpus
    async with reviewing(db, "bob") as (pilot, review):
        shown = review.current_claim_id

        def broken(*args, **kwargs):
            raise RuntimeError("disk gremlin\nsecond line")

        review.store.writer().decide = broken
        await press_and_wait(pilot, "x")
        text = screen_text(pilot.app)
        assert "Not saved: the write failed (RuntimeError: disk gremlin second line)" in text
        assert "Traceback" not in text and "Saved" not in text
        assert review.current_claim_id == shown  # not moved: nothing was saved
        assert pilot.app.is_running
        await press_and_wait(pilot, "j")  # the keys after it still act
        assert review.current_claim_id != shown
    assert _decided(db, shown) is None


@synchronously
async def test_the_lock_is_named_on_a_narrow_screen_even_for_a_database_deep_in_folders(tmp_path):
    """The status line names the database by its file name, so that a long path cannot push the
    reason ("is locked by another program") off an 80-column screen."""
    deep = tmp_path / ("reviews-of-the-ofsted-social-care-figures-" * 3) / "claims.db"
    deep.parent.mkdir()
    build_small(str(deep))
    async with reviewing(str(deep), "bob", size=(80, 24)) as (pilot, review):
        review.store.busy_timeout_ms = 20
        review.store.busy_retries = 0
        review.store.conn.execute("PRAGMA busy_timeout = 20")
        with LockHolder(str(deep)):
            await pilot.press("x")
            await pilot.pause()
            text = screen_text(pilot.app)
    assert "Not saved: claims.db is locked by another program" in text


@synchronously
async def test_another_reviewers_decisions_are_shown_read_only(corpus):
    from workbench.tui.reviewers import ChooseReviewerScreen, ReviewerScreen

    db, ids = corpus
    bob = ReviewStore(db, "bob")
    bob.decide([ids[("002_munn.txt", "20")]], "conflicting")
    bob.decide([ids[("004_crin.txt", "one in four")]], "consistent")
    bob.set_note(ids[("004_crin.txt", "one in four")], "the report's table 2")
    bob.close()
    before = sqlite3.connect(db).execute("SELECT * FROM decisions ORDER BY claim_id, reviewer").fetchall()
    async with reviewing(db) as (pilot, review):
        await pilot.press("o")
        assert isinstance(pilot.app.screen, ChooseReviewerScreen)
        assert "bob" in screen_text(pilot.app) and "2 decided" in screen_text(pilot.app)
        await press_and_wait(pilot, "enter")
        screen = pilot.app.screen
        assert isinstance(screen, ReviewerScreen)
        text = screen_text(pilot.app)
        assert "Claims decided by bob · 2" in text and "bob's decisions, read-only" in text
        assert "Reviewed 2/14" in text  # bob's progress, not ann's
        assert screen.claim_id == ids[("004_crin.txt", "one in four")]  # conflicting cluster k3 first
        assert "note the report's table 2" in text
        # no key writes anything here: not the decision keys, the note, undo or the cluster keys
        await pilot.press("c", "x", "u", "C", "n", "z", "y", "a", "r")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert sqlite3.connect(db).execute("SELECT * FROM decisions ORDER BY claim_id, reviewer").fetchall() == before
        await pilot.press("v")  # bob's conflicting claims only
        await ready(pilot)
        assert "Claims bob found conflicting · 1" in screen_text(pilot.app)
        assert screen.claim_id == ids[("002_munn.txt", "20")]
        await pilot.press("enter")  # open the claim in ann's own review
        await ready(pilot)
        assert pilot.app.screen is review and review.current_claim_id == ids[("002_munn.txt", "20")]
        await press_and_wait(pilot, "o", "enter")
        await pilot.press("v", "v", "v", "v")  # conflicting, consistent, unverified, then every claim
        await ready(pilot)
        assert "Every claim · 14" in screen_text(pilot.app)
        await pilot.press("escape")
        assert pilot.app.screen is review and review.current_claim_id == ids[("002_munn.txt", "20")]


@synchronously
async def test_a_claim_clicked_while_a_write_waits_is_the_one_selected_once_it_lands(corpus):
    db, _ = corpus
    async with reviewing(db, "bob") as (pilot, review):
        wait_out_any_lock(review.store)
        removed = review.current_claim_id
        cursor = review.claims.cursor
        clicked_at = review.claims.claim_position(cursor + 3, 1)  # a few lines below, on screen
        clicked = review.claims.row_at(clicked_at).id
        with LockHolder(db) as holder:
            await pilot.press("D")  # not a claim: once saved, the list loses a line and is rebuilt
            await _until(pilot, lambda: review.store.writer().busy_waits >= 1)
            await pilot.click(ClaimList, offset=(10, 1 + clicked_at - int(review.claims.scroll_y)))
            await pilot.pause()
            assert review.current_claim_id == removed  # the click waits for the write
            holder.release.set()
            await ready(pilot)
        assert removed not in [row.id for row in map(review.claims.row_at, range(len(review.order))) if row]
        assert review.current_claim_id == clicked


@synchronously
async def test_quitting_at_once_while_a_decision_saves_lets_it_land_first(corpus):
    db, _ = corpus
    async with reviewing(db, "bob") as (pilot, review):
        wait_out_any_lock(review.store)
        decided = review.current_claim_id
        holder = LockHolder(db).__enter__()
        await pilot.press("x")
        await _until(pilot, lambda: review.store.writer().busy_waits >= 1)
        threading.Timer(0.3, holder.release.set).start()  # the other program lets go just after the quit
        await pilot.press("ctrl+q")
    holder.__exit__()
    assert _decided(db, decided) == "conflicting"
