"""The review's entry point: `ReviewStore`, one reviewer's reads (store.review.reading) and writes
of a claims database, every write one short transaction logged for undo and redo
(store.review.log) and committed before the method returns, so a decision the UI shows as made
has reached the database.

Plain `sqlite3`, not sqlite-utils: the review screen has to be up within a second of starting, and
sqlite-utils is slow to import. Each connection belongs to the thread that opened it, except a
store's `writer()`, which threads take turns with, so that the review can write in a worker thread
while it reads on its own.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from workbench.core import surgery as core_surgery
from workbench.core.added import AddError, new_added_claim, read_added
from workbench.core.agreement import VERDICTS
from workbench.core.corrections import Correction
from workbench.store import added, connection, corrections, integrity, orphans, settings, surgery
from workbench.store.errors import ClaimGone, StoreError, sqlite_errors
from workbench.store.review import log as changelog
from workbench.store.review import kept_orders
from workbench.store.review.log import Change, ChangeItem
from workbench.store.review.reading import ReviewReader
from workbench.store.review.sessions import load_session, save_session
from workbench.store.review.views import ClaimOrder

LINK_STATUSES = ("suggested", "accepted", "rejected")
BUSY_RETRIES = 3  # then how many more times a write asks for the lock before it gives up
# How long closing the store waits for a write under way in a worker (a reviewer quitting while
# "Saving…" shows): a write is milliseconds unless another program holds the lock; one still
# waiting after this is abandoned, and SQLite rolls it back whole.
CLOSE_WAIT_S = 5.0


def connect(path: str, busy_timeout_ms: int | None = None, *, any_thread: bool = False) -> sqlite3.Connection:
    """Open the database for this thread (or, with `any_thread`, for threads taking turns) as every
    reader and writer does (store.connection: foreign keys on, the busy timeout), autocommit
    (transactions are explicit), in WAL mode with synchronous=NORMAL, as the store sets it, where
    the file allows."""
    conn = connection.connect(path, busy_timeout_ms=busy_timeout_ms, autocommit=True, any_thread=any_thread)
    connection.set_file_pragmas(conn, strict=False)  # read-only file or locked: keep its mode
    return conn


def migrate(path: str) -> None:
    """Bring the database to the current schema, as any writing command does when it opens it."""
    from workbench.store.db import open_store

    open_store(path).close()


class FileCheck:
    """The whole-file check the first write of a review needs (integrity.refuse_damaged), shared by
    a store and its writer: whether it has passed, the background run under way, what it found."""

    def __init__(self) -> None:
        self.passed = False  # the check has passed for this file
        self.done: threading.Event | None = None  # set by a check run in the background
        self.error: StoreError | None = None  # what that check found


class ReviewStore(ReviewReader):
    """One reviewer's view of a claims database, on a connection owned by the calling thread.

    Other reviewers may write to the same file from other processes at the same time: each
    write takes the lock for one short transaction, waits for it (busy timeout, then a few
    retries), and StoreError says so if the lock cannot be had; nothing is half-written."""

    def __init__(
        self,
        path: str,
        reviewer: str,
        *,
        busy_timeout_ms: int | None = None,
        busy_retries: int = BUSY_RETRIES,
        check: FileCheck | None = None,
        any_thread: bool = False,
    ) -> None:
        self.path = path
        self.busy_timeout_ms = settings.busy_timeout_ms(busy_timeout_ms)
        self.busy_retries = busy_retries
        self.busy_waits = 0  # times a write found the lock still held after the busy timeout
        self._check = check if check is not None else FileCheck()
        self._writer: ReviewStore | None = None
        self._writer_lock = threading.Lock()  # one writer, whichever thread asks for it first
        self._writing = threading.Lock()  # held while a write runs on the writer (close waits for it)
        super().__init__(connect(path, self.busy_timeout_ms, any_thread=any_thread), reviewer)

    def close(self) -> None:
        """Close the connections, once a write under way on the writer has landed (CLOSE_WAIT_S at most)."""
        if self._writer is not None:
            landed = self._writing.acquire(timeout=CLOSE_WAIT_S)
            try:
                self._writer.close()
                self._writer = None
            finally:
                if landed:
                    self._writing.release()
        self.conn.close()

    def write(self, name: str, *args, **kwargs):
        """Run the write method `name` on the writer's connection (from a worker thread), so that
        closing the store waits for it instead of cutting it off."""
        with self._writing:
            return getattr(self.writer(), name)(*args, **kwargs)

    def writer(self) -> ReviewStore:
        """The same reviewer's store, of the same kind, on a connection of its own that any thread
        may use, for writes run in a worker thread: while one waits for another program's lock,
        this store's connection stays free for the screen's reads, and these never see a write
        before it is committed. Threads take turns with it: one write at a time is the caller's
        rule. It shares this store's file check, and takes its busy timeout and retries as they
        are now (tests shorten them)."""
        with self._writer_lock:
            writer = self._writer
            if writer is None:
                writer = self._writer = type(self)(
                    self.path,
                    self.reviewer,
                    busy_timeout_ms=self.busy_timeout_ms,
                    busy_retries=self.busy_retries,
                    check=self._check,
                    any_thread=True,
                )
                return writer
        if writer.busy_timeout_ms != self.busy_timeout_ms:
            writer.busy_timeout_ms = self.busy_timeout_ms
            connection.set_connection_pragmas(writer.conn, self.busy_timeout_ms)
        writer.busy_retries = self.busy_retries
        return writer

    def check_in_background(self) -> None:
        """Run the check the first write needs (integrity.refuse_damaged: every table) now, on a connection of its own, so that it is done by the time the reviewer
        first decides; the first write waits for it rather than running it again. Called from a
        worker thread: it blocks until the check is done."""
        check = self._check
        done = threading.Event()
        check.done = done
        try:
            conn = connect(self.path, self.busy_timeout_ms)
            try:
                integrity.refuse_damaged(conn, Path(self.path))
            finally:
                conn.close()
            check.passed = True
        except StoreError as error:  # damaged: the first write refuses with this reason
            check.error = error
        except sqlite3.Error:  # not checked here: the first write checks, and says why
            pass
        finally:
            done.set()

    # reading -------------------------------------------------------------------------------

    # writing -------------------------------------------------------------------------------

    @contextmanager
    def _write(self, *, retries: int | None = None, wait: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (IMMEDIATE) and committed on leaving. A busy
        database (another reviewer's process writing) is waited for (`wait`: the busy timeout,
        then `retries`, by default the store's); if it stays busy, or the file cannot be written,
        StoreError explains and the transaction is rolled back whole."""
        retries = self.busy_retries if retries is None else retries
        waited_ms = self.busy_timeout_ms * (retries + 1) if wait else 0
        with sqlite_errors(Path(self.path), waited_ms):
            check = self._check
            if not check.passed:  # the fast start skipped it: check before the first write
                if check.done is not None:
                    check.done.wait()  # check_in_background's, under way or done
                if check.error is not None:
                    raise check.error
                if not check.passed:
                    integrity.refuse_damaged(self.conn, Path(self.path))
                    check.passed = True
            if not wait:
                connection.set_connection_pragmas(self.conn, 0)
            try:
                with connection.write_transaction(self.conn, retries=retries, on_wait=self._waited):
                    yield self.conn
            finally:
                if not wait:
                    connection.set_connection_pragmas(self.conn, self.busy_timeout_ms)

    def keep_order(self, order: ClaimOrder) -> bool:
        """Keep this list in the database for the next review to open on (store.review.kept_orders),
        if nothing it was built from has changed since. Best effort, and never a wait: a file that
        is busy, read-only or damaged keeps nothing, and the next review builds its list again."""
        if order.kept or order.generation is None:
            return False
        try:
            with self._write(retries=0, wait=False):
                return kept_orders.keep(self.conn, order)
        except (StoreError, sqlite3.Error):
            return False

    def _waited(self) -> None:
        """Count a write that found the lock still held after the busy timeout."""
        self.busy_waits += 1

    def decide(
        self,
        claim_ids: Sequence[str],
        verdict: str | None,
        *,
        cluster_id: str | None = None,
        session: dict | None = None,
    ) -> Change:
        """Set this reviewer's verdict on the claims: one claim, or (with `cluster_id`) every
        member of a cluster. Claims that already hold this verdict in this scope are left alone.
        `session`, when given, is saved in the same transaction."""
        if verdict is not None and verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {verdict!r}")
        scope = "cluster" if cluster_id else "claim"
        with self._write():
            gone = self._refuse_unknown_claims(claim_ids)
            items = []
            for claim_id in dict.fromkeys(claim_ids):
                old_verdict, note, old_scope = self.decision(claim_id)
                if old_verdict == verdict and (old_scope == scope or verdict is None):
                    continue
                items.append(
                    ChangeItem(
                        claim_id,
                        old_verdict,
                        verdict,
                        note,
                        note,
                        old_scope if old_verdict else None,
                        scope if verdict else None,
                    )
                )
            change = self._record("decide", items, cluster_id)
            if session is not None:
                save_session(self.conn, self.reviewer, session)
        self._say_gone(gone)
        return change

    def set_note(self, claim_id: str, note: str | None) -> Change:
        """Set (or, with an empty note, clear) the reviewer's note on a claim."""
        note = note or None
        with self._write():
            gone = self._refuse_unknown_claims([claim_id])
            verdict, old_note, scope = self.decision(claim_id)
            items = (
                []
                if (old_note or None) == note
                else [ChangeItem(claim_id, verdict, verdict, old_note, note, scope, scope, action_kind="note")]
            )
            change = self._record("note", items, None)
        self._say_gone(gone)
        return change

    def correct(
        self, claim_id: str, changes: dict | None = None, *, rejected: bool | None = None, reset: bool = False
    ) -> Change:
        """Correct the extractor's reading of a claim (fields from core.corrections.build_changes),
        mark it not a claim (`rejected=True`) or restore it (`rejected=False`), or with `reset`
        drop the correction; one logged, undoable change. Fields set back to the extractor's
        reading are no longer a correction."""
        with self._write():
            gone = self._refuse_unknown_claims([claim_id])
            old = corrections.correction_of(self.conn, claim_id)
            fields_now = {} if reset or old is None else dict(old.changes)
            fields_now.update(changes or {})
            reading = self._reading(claim_id)
            fields_now = {k: v for k, v in fields_now.items() if reading is None or reading.get(k) != v}
            is_rejected = (old is not None and old.rejected and not reset) if rejected is None else rejected
            new = Correction(claim_id, fields_now, is_rejected, self.reviewer, changelog.now())
            items = []
            if old is None or (old.changes, old.rejected) != (new.changes, new.rejected):
                items = [
                    ChangeItem(
                        claim_id,
                        action_kind="correct",
                        from_correction=old.to_json() if old else None,
                        to_correction=None if new.is_empty else new.to_json(),
                    )
                ]
                if old is None and new.is_empty:
                    items = []
            change = self._record("correct", items, None)
        self._say_gone(gone)
        return change

    def _refuse_unknown_claims(self, claim_ids: Sequence[str]) -> list[str]:
        """Inside the write: the claims a re-ingest removed since the view was loaded. A claim whose
        record was kept (what it said) can still be decided, as an orphan; one never recorded
        cannot, since nobody could later tell what the decision was about."""
        recorded, unknown = orphans.missing_claims(self.conn, list(claim_ids))
        if unknown:
            raise ClaimGone(
                f"claim {unknown[0]} is not stored in {self.path} (its document was ingested again since"
                " this view was loaded); reopen the review to see the current claims",
                kept=False,
            )
        return recorded

    def _say_gone(self, gone: Sequence[str]) -> None:
        """After the commit: tell the reviewer their decision landed on claims no longer stored."""
        if gone:
            which = f"{len(gone)} claims are" if len(gone) > 1 else f"claim {gone[0]} is"
            raise ClaimGone(
                f"{which} no longer stored in {self.path}: the document was ingested again since this view"
                " was loaded. The decision is kept as an orphaned decision, with what the claim said"
                " (`workbench doctor` lists it); reopen the review to see the current claims",
                kept=True,
            )

    def set_link_status(self, a: str, b: str, status: str, link: str = "possible") -> Change:
        """Accept, reject or reset a suggested link between two claims (logged and undoable)."""
        if status not in LINK_STATUSES:
            raise ValueError(f"unknown link status {status!r}")
        a, b = min(a, b), max(a, b)
        with self._write():
            row = self.conn.execute(
                "SELECT status FROM claim_links WHERE a = ? AND b = ? AND link = ?", [a, b, link]
            ).fetchone()
            items = []
            if row is not None and row[0] != status:
                before = self.history.cluster_snapshot(a, b) if status == "accepted" else None
                items = [
                    ChangeItem(
                        a,
                        other_claim_id=b,
                        action_kind="link",
                        from_link_status=row[0],
                        to_link_status=status,
                        from_link_clusters=before,
                    )
                ]
            change = self._record("link", items, None)
        self.history.merge_accepted(change)
        return change

    # claims the extractor missed ----------------------------------------------------------------

    def read_selection(self, doc_id: str, start: int, end: int):
        """The extractor's reading of a selected stretch of a document (a core.model.Claim), as the
        starting value of a claim to add; AddError says why there is none."""
        doc = added.stored_document(self.conn, doc_id)
        if doc is None:
            raise AddError(f"no document {doc_id}")
        return read_added(doc, start, end)

    def add_claim(self, doc_id: str, start: int, end: int, changes: dict | None = None) -> Change:
        """Store the selection as a claim the reviewer added, read by the extractor's reader with
        `changes` (from core.corrections.build_changes) over that reading: one logged, undoable
        change. AddError (nothing written) when it cannot be, e.g. it is a claim already."""
        with self._write():
            doc = added.stored_document(self.conn, doc_id)
            if doc is None:
                raise AddError(f"no document {doc_id}")
            claim, record = new_added_claim(doc, start, end, changes, reviewer=self.reviewer, added_at=changelog.now())
            same = self.conn.execute(
                'SELECT id FROM claims WHERE doc_id = ? AND "start" = ? AND "end" = ?', [doc_id, claim.start, claim.end]
            ).fetchone()
            if same is not None or self.conn.execute("SELECT 1 FROM claims WHERE id = ?", [claim.id]).fetchone():
                raise AddError(f"{claim.surface!r} is already claim {same[0] if same else claim.id}")
            item = ChangeItem(claim.id, action_kind="add", to_added=record.to_json())
            return self._record("add", [item], None)

    # cluster surgery ---------------------------------------------------------------------------

    def merge_clusters(self, a: str, b: str) -> Change:
        """Make clusters `a` and `b` one cluster (keeping the smaller id): logged and undoable."""
        return self._surgery([a, b], [], lambda clusters, _of: core_surgery.merge(clusters, a, b))

    def split_cluster(self, cluster_id: str, claim_ids: Sequence[str]) -> Change:
        """Move the given claims of a cluster into a new cluster of their own."""
        return self._surgery(
            [cluster_id], claim_ids, lambda clusters, _of: core_surgery.split(clusters, cluster_id, claim_ids)
        )

    def move_claim(self, claim_id: str, cluster_id: str) -> Change:
        """Take a claim from its cluster (if any) into another cluster."""
        return self._surgery(
            [cluster_id], [claim_id], lambda clusters, of: core_surgery.move(clusters, of, claim_id, cluster_id)
        )

    def detach_claim(self, claim_id: str) -> Change:
        """Take a claim out of its cluster to stand alone."""
        return self._surgery([], [claim_id], lambda clusters, of: core_surgery.detach(clusters, of, claim_id))

    def _surgery(self, cluster_ids: Sequence[str], claim_ids: Sequence[str], make_plan) -> Change:
        """Plan an operation on the clusters as they are now, then apply and log it in one batch:
        the clusters before and after, and every link status it sets. core.surgery.SurgeryError
        (raised before anything is written) says in one line why it cannot be done."""
        with self._write():
            clusters, cluster_of = surgery.involved(self.conn, cluster_ids, claim_ids)
            plan = make_plan(clusters, cluster_of)
            before, after, links = surgery.plan_changes(self.conn, plan)
            subject = plan.claim_id or min(plan.touched)
            items = [ChangeItem(subject, action_kind="clusters", from_clusters=before, to_clusters=after)]
            items += [
                ChangeItem(a, other_claim_id=b, action_kind="link", from_link_status=old, to_link_status=new)
                for (a, b), (old, new) in links.items()
            ]
            change = self._record("surgery", items, plan.cluster_id)
        made = sorted(
            {row[0] for row in json.loads(after)["clusters"]} - {row[0] for row in json.loads(before)["clusters"]}
        )
        summary = plan.summary if plan.operation != "split" or not made else f"{plan.summary} {made[0]}"
        return replace(change, summary=summary)

    def undo(self) -> Change | None:
        """Undo the batch this reviewer most recently made or redid; None when there is none."""
        with self._write():
            return self.history.undo()

    def redo(self) -> Change | None:
        """Redo the batch most recently undone, unless a new change was made since."""
        with self._write():
            change = self.history.redo()
        if change is not None:
            self.history.merge_accepted(change)
        return change

    def save_session(self, state: dict) -> None:
        with self._write():
            save_session(self.conn, self.reviewer, state)

    def load_session(self) -> dict | None:
        return load_session(self.conn, self.reviewer)

    def _record(self, action: str, items: Sequence[ChangeItem], cluster_id: str | None) -> Change:
        """Apply and log a new action's items, inside the caller's write (ReviewLog.record)."""
        return self.history.record(action, items, cluster_id)
