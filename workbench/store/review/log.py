"""The review log: the history of every change a reviewer makes, and undo and redo over it.

Entries written by one action share a `batch` (the id of the batch's first entry). Undo and redo
append entries of their own with the batch they undo or redo, so the log alone says which batches
are in force: undo takes the batch most recently made or redone; redo takes back the batch most
recently undone, unless a new decision has been made since. `ReviewLog.record` is the one place a
change is applied and logged, inside the caller's write transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from workbench.store import added, corrections, final_verdicts, surgery

# actions that start a batch of their own
NEW_ACTIONS = ("decide", "note", "link", "correct", "surgery", "add", "adjudicate")
_NEW_ACTIONS_SQL = ", ".join(f"'{action}'" for action in NEW_ACTIONS)


def now() -> str:
    """The time of a change as the log and the tables it writes record it: UTC, to the millisecond."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


# The states each kind of change item logs, before and after (the review log's from_X and to_X
# columns); a decision, a note and a final verdict log the verdict, the note and the scope, and
# every kind but a correction, an added claim and clusters names the link's other claim.
_LOGGED_STATES = {
    "correct": ("correction",),
    "add": ("added",),
    "clusters": ("clusters",),
    "link": ("link_status", "link_clusters"),
}
_DECISION_STATES = ("verdict", "note", "scope")
_WITHOUT_OTHER_CLAIM = ("correct", "add", "clusters")


@dataclass(frozen=True, slots=True)
class ChangeItem:
    """One claim's (or one link's) state before and after a logged change."""

    claim_id: str
    from_verdict: str | None = None
    to_verdict: str | None = None
    from_note: str | None = None
    to_note: str | None = None
    from_scope: str | None = None
    to_scope: str | None = None
    other_claim_id: str | None = None
    action_kind: str = "decide"  # the original action: decide | note | link | correct | clusters | add | adjudicate
    from_correction: str | None = None  # action 'correct': the correction before and after (JSON)
    to_correction: str | None = None
    from_clusters: str | None = None  # kind 'clusters' (cluster surgery): the clusters before and after (JSON)
    to_clusters: str | None = None
    from_added: str | None = None  # action 'add': the added claim's record before and after (JSON)
    to_added: str | None = None
    from_link_status: str | None = None  # kind 'link': the link's status before and after
    to_link_status: str | None = None  # (suggested | accepted | rejected; None: no stored status)
    from_link_clusters: str | None = None  # accepting a link: the clusters its merge replaced (JSON),
    to_link_clusters: str | None = None  # which undoing it puts back

    def reversed(self) -> ChangeItem:
        """The item that undoes this one: every state from after to before."""
        return ChangeItem(
            self.claim_id,
            self.to_verdict,
            self.from_verdict,
            self.to_note,
            self.from_note,
            self.to_scope,
            self.from_scope,
            self.other_claim_id,
            self.action_kind,
            self.to_correction,
            self.from_correction,
            self.to_clusters,
            self.from_clusters,
            self.to_added,
            self.from_added,
            self.to_link_status,
            self.from_link_status,
            self.to_link_clusters,
            self.from_link_clusters,
        )


@dataclass(frozen=True, slots=True)
class Change:
    """What one action did: its batch in the review log and every item it changed."""

    action: str  # decide | note | link | correct | surgery | add | adjudicate | undo | redo
    batch: int
    items: tuple[ChangeItem, ...]
    cluster_id: str | None = None
    summary: str = ""  # cluster surgery: what it did, in one line

    @property
    def claim_ids(self) -> list[str]:
        return [item.claim_id for item in self.items]


@dataclass(frozen=True, slots=True)
class LogEntry:
    id: int
    batch: int
    reviewer: str
    at: str
    action: str
    claim_id: str
    cluster_id: str | None
    from_verdict: str | None
    to_verdict: str | None
    from_note: str | None
    to_note: str | None
    other_claim_id: str | None  # set on the entries of a link's acceptance or rejection
    clusters: str | None = None  # a cluster surgery's entry: the clusters before → after, in words
    from_link_status: str | None = None  # a link's entry: its status before and after
    to_link_status: str | None = None


class ReviewLog:
    """One reviewer's review log on a connection: apply and record changes, find what undo and redo
    take, read the entries back."""

    def __init__(self, conn: sqlite3.Connection, reviewer: str) -> None:
        self.conn = conn
        self.reviewer = reviewer

    def undo(self) -> Change | None:
        """Undo the batch this reviewer most recently made or redid, inside the caller's
        transaction; None when there is none."""
        batch = self.undo_target()
        if batch is None:
            return None
        reverse = tuple(item.reversed() for item in self.batch_items(batch))
        return self.record("undo", reverse, self.batch_cluster(batch), batch=batch)

    def redo(self) -> Change | None:
        """Redo the batch most recently undone, unless a new change was made since, inside the
        caller's transaction (the clusters of links it accepts are merged after: `merge_accepted`)."""
        batch = self.redo_target()
        if batch is None:
            return None
        return self.record("redo", self.batch_items(batch), self.batch_cluster(batch), batch=batch)

    def entries(self, limit: int = 200) -> list[LogEntry]:
        """This reviewer's most recent log entries, newest first."""
        columns = log_columns(self.conn)
        shapes = ", from_clusters, to_clusters" if "to_clusters" in columns else ", NULL, NULL"
        shapes += ", from_link_status, to_link_status" if "to_link_status" in columns else ", NULL, NULL"
        return [
            LogEntry(
                *row[:12],
                clusters=surgery.describe_change(*row[12:14]),
                from_link_status=row[14],
                to_link_status=row[15],
            )
            for row in self.conn.execute(
                f"""SELECT id, batch, reviewer, at, action, claim_id, cluster_id, from_verdict,
                          to_verdict, from_note, to_note, other_claim_id{shapes}
                   FROM review_log WHERE reviewer = ? ORDER BY id DESC LIMIT ?""",
                [self.reviewer, limit],
            )
        ]

    def last_id(self) -> int:
        """The id of the newest review-log entry, by any reviewer (0 for an empty log)."""
        return self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM review_log").fetchone()[0]

    def by_others(self, after: int, upto: int) -> dict[str, int]:
        """Other reviewers, each with the log entries they wrote after entry `after` up to `upto`."""
        return dict(
            self.conn.execute(
                """SELECT reviewer, COUNT(*) FROM review_log WHERE id > ? AND id <= ? AND reviewer != ?
               GROUP BY reviewer ORDER BY reviewer""",
                [after, upto, self.reviewer],
            )
        )

    def record(
        self, action: str, items: Sequence[ChangeItem], cluster_id: str | None, batch: int | None = None
    ) -> Change:
        """Apply the items' target states and append them to the log, inside the caller's
        transaction. A new action's batch is the id of its first log entry."""
        if not items:
            return Change(action, 0, (), cluster_id)
        if batch is None:
            batch = self.conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM review_log").fetchone()[0]
        at = now()
        for item in items:
            self._apply(item, at)
            self._append(batch, action, at, item, cluster_id)
        return Change(action, batch, tuple(items), cluster_id)

    def _apply(self, item: ChangeItem, at: str) -> None:
        """Put the item's target state in its table: a correction, an added claim, clusters, a
        link's status (and, undoing an accept, the clusters its merge replaced), a final verdict
        or a decision."""
        kind = item.action_kind
        if kind == "correct":
            corrections.write_correction(self.conn, item.claim_id, item.to_correction)
        elif kind == "add":
            added.write_added(self.conn, item.claim_id, item.to_added, at)
        elif kind == "clusters":
            surgery.put_clusters(self.conn, item.to_clusters)
        elif kind == "link":
            surgery.set_link_status(self.conn, item.claim_id, item.other_claim_id, item.to_link_status)
            if item.to_link_clusters:
                self.restore_clusters(item.claim_id, item.to_link_clusters)
        elif kind == "adjudicate":  # a final verdict: store.adjudication
            final_verdicts.write_final(self.conn, item.claim_id, item.to_verdict, item.to_note, self.reviewer, at)
        elif item.to_verdict is None and not item.to_note:
            self.conn.execute(
                "DELETE FROM decisions WHERE claim_id = ? AND reviewer = ?", [item.claim_id, self.reviewer]
            )
        else:
            self.conn.execute(
                """INSERT INTO decisions (claim_id, reviewer, verdict, note, scope, decided_at)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (claim_id, reviewer) DO UPDATE SET verdict = excluded.verdict,
                       note = excluded.note, scope = excluded.scope, decided_at = excluded.decided_at""",
                [item.claim_id, self.reviewer, item.to_verdict, item.to_note, item.to_scope, at],
            )

    def _append(self, batch: int, action: str, at: str, item: ChangeItem, cluster_id: str | None) -> None:
        """The item's review-log entry: who, when, which claim, and the states its kind logs."""
        states = _LOGGED_STATES.get(item.action_kind, _DECISION_STATES)
        names = [f"{side}_{state}" for state in states for side in ("from", "to")]
        if item.action_kind not in _WITHOUT_OTHER_CLAIM:
            names.append("other_claim_id")
        columns = ("batch", "reviewer", "at", "action", "claim_id", "cluster_id", *names)
        self.conn.execute(
            f"INSERT INTO review_log ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [batch, self.reviewer, at, action, item.claim_id, cluster_id, *(getattr(item, name) for name in names)],
        )

    def cluster_snapshot(self, a: str, b: str) -> str:
        """The clusters of two claims, members and all, as JSON: what undoing their merge restores."""
        cluster_ids = [
            row[0]
            for row in self.conn.execute(
                "SELECT DISTINCT cluster_id FROM cluster_members WHERE claim_id IN (?, ?)", [a, b]
            )
        ]
        marks = ",".join("?" * len(cluster_ids))
        cursor = self.conn.execute(f"SELECT * FROM clusters WHERE id IN ({marks})", cluster_ids)
        columns = [d[0] for d in cursor.description]
        return json.dumps(
            {
                "claims": [a, b],
                "columns": columns,
                "clusters": cursor.fetchall(),
                "members": self.conn.execute(
                    f"SELECT claim_id, cluster_id, role FROM cluster_members WHERE cluster_id IN ({marks})", cluster_ids
                ).fetchall(),
            }
        )

    def restore_clusters(self, claim_id: str, snapshot: str) -> None:
        """Put back the clusters a merge replaced (inside the caller's transaction)."""
        before = json.loads(snapshot)
        merged = {
            row[0]
            for row in self.conn.execute(
                "SELECT cluster_id FROM cluster_members WHERE claim_id IN (?, ?)", before["claims"]
            )
        }
        for cluster_id in merged:
            self.conn.execute("DELETE FROM cluster_members WHERE cluster_id = ?", [cluster_id])
            self.conn.execute("DELETE FROM clusters WHERE id = ?", [cluster_id])
        claims = [m[0] for m in before["members"]] or before["claims"]
        self.conn.execute(f"DELETE FROM cluster_members WHERE claim_id IN ({','.join('?' * len(claims))})", claims)
        columns = before["columns"]
        self.conn.executemany(
            f"INSERT OR REPLACE INTO clusters ({','.join(columns)}) VALUES ({','.join('?' * len(columns))})",
            before["clusters"],
        )
        self.conn.executemany(
            "INSERT INTO cluster_members (claim_id, cluster_id, role) VALUES (?, ?, ?)", before["members"]
        )

    def merge_accepted(self, change: Change) -> None:
        """Merge the clusters of the links this change accepted, as the matcher's store does."""
        accepted = [i for i in change.items if i.action_kind == "link" and i.to_link_status == "accepted"]
        if not accepted or any(i.action_kind == "clusters" for i in change.items):  # surgery sets its clusters itself
            return
        from sqlite_utils import Database

        from workbench.store.clusters import accept_link

        for item in accepted:
            accept_link(Database(self.conn), item.claim_id, item.other_claim_id)

    def _backwards(self) -> Iterator[tuple[int, str]]:
        """(batch, action) of this reviewer's log entries, newest first."""
        yield from self.conn.execute(
            "SELECT batch, action FROM review_log WHERE reviewer = ? ORDER BY id DESC", [self.reviewer]
        )

    def undo_target(self) -> int | None:
        seen = set()
        for batch, action in self._backwards():
            if batch in seen:
                continue
            if action != "undo":
                return batch
            seen.add(batch)
        return None

    def redo_target(self) -> int | None:
        seen = set()
        for batch, action in self._backwards():
            if action in NEW_ACTIONS:
                return None
            if batch in seen:
                continue
            if action == "undo":
                return batch
            seen.add(batch)
        return None

    def batch_items(self, batch: int) -> tuple[ChangeItem, ...]:
        """The items the batch's original action changed, as it changed them."""
        present = log_columns(self.conn)
        names = _ITEM_COLUMNS + tuple(name for name in LATER_COLUMNS if name in present)
        cursor = self.conn.execute(
            f"""SELECT {", ".join(names)}
               FROM review_log WHERE batch = ? AND reviewer = ?
                 AND action IN ({_NEW_ACTIONS_SQL})
               ORDER BY id""",
            [batch, self.reviewer],
        )
        fields = tuple("action_kind" if name == "action" else name for name in names)
        return tuple(_logged_item(dict(zip(fields, row))) for row in cursor)

    def batch_cluster(self, batch: int) -> str | None:
        row = self.conn.execute("SELECT cluster_id FROM review_log WHERE id = ?", [batch]).fetchone()
        return row[0] if row else None


# The review log's columns: those of schema 0003, then those later migrations added (a file of an
# older schema lacks some of these: `columns_in`).
FIRST_COLUMNS = (
    "id", "batch", "reviewer", "at", "action", "claim_id", "cluster_id", "from_verdict", "to_verdict",
    "from_note", "to_note", "from_scope", "to_scope", "other_claim_id",
)  # fmt: skip
LATER_COLUMNS = (
    "from_correction", "to_correction", "from_clusters", "to_clusters", "from_added", "to_added",
    "from_link_status", "to_link_status", "from_link_clusters", "to_link_clusters",
)  # fmt: skip
# those that make an entry's change item (ChangeItem's fields, `action` as its kind)
_ITEM_COLUMNS = ("claim_id", *FIRST_COLUMNS[FIRST_COLUMNS.index("from_verdict") :], "action")


def columns_in(conn: sqlite3.Connection) -> tuple[str, ...]:
    """The review log's columns this file has, in the order of FIRST_COLUMNS and LATER_COLUMNS."""
    present = log_columns(conn)
    return FIRST_COLUMNS + tuple(name for name in LATER_COLUMNS if name in present)


def log_columns(conn: sqlite3.Connection) -> set[str]:
    """The review log's columns, as the file's schema has them."""
    return {row[1] for row in conn.execute("PRAGMA table_info(review_log)")}


def _logged_item(row: dict) -> ChangeItem:
    """A log entry as the change item it records; a surgery's entries are its clusters and its links."""
    item = ChangeItem(**row)
    if item.action_kind == "surgery":
        item = replace(item, action_kind="link" if item.other_claim_id else "clusters")
    return item
