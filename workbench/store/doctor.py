"""A health check of a workbench database, read-only: schema, integrity, counts, orphaned
decisions, and whether the review log explains every decision.

The file is opened read-only (SQLite's mode=ro, or immutable=1 on read-only media), so the
check can never change it, even on a database the current version would migrate.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from workbench.core.claims import EXTRACTOR_VERSION
from workbench.core.adjudication import FINAL_SCOPE
from workbench.core.corrections import Correction
from workbench.store import added as added_claims, corrections, final_verdicts, opening, orphans, settings
from workbench.store.db import is_older_extractor
from workbench.store.errors import sqlite_errors

LOG_ACTIONS = (
    "decide",
    "note",
    "link",
    "correct",
    "surgery",
    "add",
    "adjudicate",
    "undo",
    "redo",
)  # what the review UI writes
DECISION_ACTIONS = ("decide", "note", "undo", "redo")  # entries that set a verdict or note
MAX_LISTED = 50  # problems of one kind listed one by one; the rest are counted


@dataclass
class Checkup:
    """What the doctor found: facts to show, and problems (each one line) that make it unhealthy."""

    path: Path
    schema: str | None = None
    pending: list[str] = field(default_factory=list)  # migrations the next write will apply
    counts: dict[str, int] = field(default_factory=dict)
    decisions_per_reviewer: dict[str, int] = field(default_factory=dict)
    orphaned: list[orphans.OrphanedDecision] = field(default_factory=list)
    corrections: int | None = None  # corrections in force (None before schema 0007)
    orphaned_corrections: list[corrections.OrphanedCorrection] = field(default_factory=list)
    added: int | None = None  # claims reviewers added (None before schema 0009)
    orphaned_additions: list[added_claims.OrphanedAddition] = field(default_factory=list)
    outdated_documents: int = 0  # extracted by an older extractor: the next ingest reads them again
    unmatched_documents: int = 0  # stored but not matched yet: the next ingest matches them
    integrity: str = "not checked"
    foreign_keys: str = "not checked"
    review_log: str = "not checked"
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems


def examine(path: str | Path, *, busy_timeout_ms: int | None = None) -> Checkup:
    """Check the database at path without changing it; StoreError if it cannot be read at all."""
    path = Path(path)
    busy_timeout_ms = settings.busy_timeout_ms(busy_timeout_ms)
    db = opening.open_ours(path, create=False, read_only=True, busy_timeout_ms=busy_timeout_ms)
    try:
        with sqlite_errors(path, busy_timeout_ms):
            applied = opening.applied_migrations(db)
        checkup = Checkup(path, schema=applied[-1] if applied else None)
        checkup.pending = [name for name in opening.known_migrations() if name not in applied]
        tables = set(db.table_names())
        for label, check in _CHECKS:
            _run(label, check, db, tables, checkup)
        return checkup
    finally:
        db.close()


def _run(label: str, check: Callable, db: Database, tables: set[str], checkup: Checkup) -> None:
    """One check; a damaged page it trips over is a problem found, not the end of the checkup."""
    try:
        check(db, tables, checkup)
    except sqlite3.Error as error:
        checkup.problems.append(f"{label}: SQLite cannot read the file ({error})")


def _integrity(db: Database, tables: set[str], checkup: Checkup) -> None:
    """PRAGMA integrity_check: every page and index of the file is sound."""
    try:
        found = [row[0] for row in db.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:  # too damaged for the check to finish
        found = [f"SQLite cannot read the file ({error})"]
    checkup.integrity = "ok" if found == ["ok"] else _problems(len(found))
    if found != ["ok"]:
        checkup.problems.extend(_listed("integrity", found))


def _foreign_keys(db: Database, tables: set[str], checkup: Checkup) -> None:
    """PRAGMA foreign_key_check, and cluster members or links whose claim is gone."""
    found = [
        f"{table} row {rowid} refers to a missing {parent} row"
        for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check")
    ]
    if "cluster_members" in tables:
        found += [
            f"cluster {cluster_id} lists claim {claim_id}, which is not stored"
            for claim_id, cluster_id in db.execute(
                "SELECT claim_id, cluster_id FROM cluster_members WHERE claim_id NOT IN (SELECT id FROM claims)"
            )
        ]
        found += [
            f"link {a} - {b} ({link}) refers to a claim that is not stored"
            for a, b, link in db.execute(
                "SELECT a, b, link FROM claim_links WHERE a NOT IN (SELECT id FROM claims)"
                " OR b NOT IN (SELECT id FROM claims)"
            )
        ]
    checkup.foreign_keys = "ok" if not found else _problems(len(found))
    checkup.problems.extend(_listed("foreign keys", found))


def _counts(db: Database, tables: set[str], checkup: Checkup) -> None:
    """The rows of each table, and decisions per reviewer."""
    for label, table in (
        ("documents", "documents"),
        ("claims", "claims"),
        ("clusters", "clusters"),
        ("decisions", "decisions"),
        ("review log entries", "review_log"),
    ):
        if table in tables:
            checkup.counts[label] = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    if "decisions" in tables:
        checkup.decisions_per_reviewer = dict(
            db.execute("SELECT reviewer, count(*) FROM decisions GROUP BY reviewer ORDER BY reviewer")
        )


def _documents(db: Database, tables: set[str], checkup: Checkup) -> None:
    """Documents the next ingest will extract again or match."""
    checkup.outdated_documents = sum(
        is_older_extractor(version, EXTRACTOR_VERSION)
        for (version,) in db.execute("SELECT extractor_version FROM documents")
    )
    if "matched_at" in db["documents"].columns_dict:
        checkup.unmatched_documents = db.execute("SELECT count(*) FROM documents WHERE matched_at IS NULL").fetchone()[
            0
        ]


def _orphaned(db: Database, tables: set[str], checkup: Checkup) -> None:
    """Decisions whose claim is gone, with what the claim said."""
    if "decisions" in tables:
        checkup.orphaned = list(orphans.orphaned_decisions(db.conn))
        checkup.problems.extend(
            _listed(
                "orphaned decisions",
                [
                    f"{reviewer}'s decision on {claim_id} is on a claim that is neither stored nor recorded as"
                    " removed, so what it judged is unknown"
                    for claim_id, reviewer in orphans.unexplained_decisions(db.conn)
                ],
            )
        )


def _corrections(db: Database, tables: set[str], checkup: Checkup) -> None:
    """Corrections whose claim is gone (listed, not a problem), and whether each correction is what
    the last review-log entry about it says (a problem if not: the log no longer explains it)."""
    if "corrections" not in tables:
        return
    conn = db.conn
    checkup.corrections = conn.execute("SELECT count(*) FROM corrections").fetchone()[0]
    checkup.orphaned_corrections = list(corrections.orphaned_corrections(conn))
    stored = corrections.all_corrections(conn)
    last: dict[str, str | None] = {}
    for claim_id, state in conn.execute(
        """SELECT claim_id, to_correction FROM review_log
               WHERE from_correction IS NOT NULL OR to_correction IS NOT NULL ORDER BY id"""
    ):
        last[claim_id] = state
    found = []
    for claim_id in sorted(set(stored) | set(last)):
        logged = Correction.from_json(claim_id, last.get(claim_id))
        now = stored.get(claim_id)
        said = None if logged is None else (logged.changes, logged.rejected)
        if said != (None if now is None else (now.changes, now.rejected)):
            found.append(f"the correction of {claim_id} is not what the log's last entry about it says")
    checkup.problems.extend(_listed("corrections", found))


def _added(db: Database, tables: set[str], checkup: Checkup) -> None:
    """Claims reviewers added whose sentence a re-ingest changed: listed, not a problem (they come
    back with the sentence)."""
    if "added_claims" not in tables:
        return
    checkup.added = db.conn.execute("SELECT count(*) FROM added_claims").fetchone()[0]
    checkup.orphaned_additions = list(added_claims.orphaned_additions(db.conn))


def _final_verdicts(db: Database, tables: set[str], checkup: Checkup) -> None:
    """Every final verdict is what the last review-log entry about it says (a problem if not)."""
    if "final_verdicts" not in tables:
        return
    stored = {claim_id: (f.verdict, f.reason) for claim_id, f in final_verdicts.all_final_verdicts(db.conn).items()}
    last = {}  # claim id -> (verdict, reason) as the newest entry leaves it; None when it withdrew it
    for claim_id, verdict, reason in db.execute(
        "SELECT claim_id, to_verdict, to_note FROM review_log WHERE to_scope = ? ORDER BY id", [FINAL_SCOPE]
    ):
        last[claim_id] = (verdict, reason) if verdict else None
    found = [
        f"the final verdict on {claim_id} is not what the log's last entry about it says"
        for claim_id in sorted(set(stored) | set(last))
        if stored.get(claim_id) != last.get(claim_id)
    ]
    checkup.problems.extend(_listed("final verdicts", found))


def _review_log(db: Database, tables: set[str], checkup: Checkup) -> None:
    """Every decision is what the last log entry for its claim and reviewer says; actions are known."""
    if "review_log" not in tables:
        checkup.review_log = "none yet (schema before 0003)"
        return
    found = [
        f"{count} entries have the unknown action {action!r}"
        for action, count in db.execute(
            f"SELECT action, count(*) FROM review_log WHERE action NOT IN ({_quoted(LOG_ACTIONS)})"
            " GROUP BY action ORDER BY action"
        )
    ]
    # a correction's entries (and their undo and redo) set no verdict: from schema 0007 they are left out
    # nor does a cluster surgery's entry of clusters: from schema 0008 they are left out too
    columns = db["review_log"].columns_dict
    not_decisions = " AND from_correction IS NULL AND to_correction IS NULL" if "from_correction" in columns else ""
    if "to_clusters" in columns:
        not_decisions += " AND from_clusters IS NULL AND to_clusters IS NULL"
    if "to_added" in columns:  # nor does adding a claim (schema 0009)
        not_decisions += " AND from_added IS NULL AND to_added IS NULL"
    # nor do a final verdict's (scope 'final'): from schema 0010 they are checked by _final_verdicts
    not_decisions += f" AND COALESCE(to_scope, '') != '{FINAL_SCOPE}'"
    unexplained = _UNEXPLAINED.format(not_corrections=not_decisions)
    for what, claim_id, reviewer, verdict, note, scope, to_verdict, to_note, to_scope in db.execute(unexplained):
        if what == "unlogged":
            found.append(f"{reviewer}'s decision on {claim_id} ({verdict or 'note only'}) has no log entry")
        elif what == "lost":
            found.append(
                f"the log's last entry says {reviewer} decided {claim_id} ({to_verdict or 'note only'}),"
                " but that decision is not stored"
            )
        else:
            found.append(
                f"{reviewer}'s decision on {claim_id} ({_state(verdict, note, scope)}) is not what"
                f" the log's last entry says ({_state(to_verdict, to_note, to_scope)})"
            )
    checkup.review_log = "consistent" if not found else _problems(len(found))
    checkup.problems.extend(_listed("review log", found))


def _problems(count: int) -> str:
    return f"{count} problem{'s' if count != 1 else ''}"


def _state(verdict: str | None, note: str | None, scope: str | None) -> str:
    return ", ".join(filter(None, (verdict or "no verdict", f"note {note!r}" if note else None, scope)))


def _quoted(names: tuple[str, ...]) -> str:
    return ", ".join(f"'{name}'" for name in names)


# The last decision-setting log entry of each (claim, reviewer), against the stored decisions:
# rows where a decision has no entry, disagrees with it, or is missing though the entry sets one.
_UNEXPLAINED = f"""
WITH last AS (
    SELECT claim_id, reviewer, to_verdict, to_note, to_scope FROM (
        SELECT claim_id, reviewer, to_verdict, to_note, to_scope,
               row_number() OVER (PARTITION BY claim_id, reviewer ORDER BY id DESC) AS newest
        FROM review_log WHERE other_claim_id IS NULL AND action IN ({_quoted(DECISION_ACTIONS)}){{not_corrections}})
    WHERE newest = 1)
SELECT CASE WHEN l.reviewer IS NULL THEN 'unlogged' ELSE 'differs' END,
       r.claim_id, r.reviewer, r.verdict, r.note, r.scope, l.to_verdict, l.to_note, l.to_scope
FROM decisions r LEFT JOIN last l ON l.claim_id = r.claim_id AND l.reviewer = r.reviewer
WHERE l.reviewer IS NULL OR r.verdict IS NOT l.to_verdict OR r.note IS NOT l.to_note
      OR r.scope IS NOT l.to_scope
UNION ALL
SELECT 'lost', l.claim_id, l.reviewer, NULL, NULL, NULL, l.to_verdict, l.to_note, l.to_scope
FROM last l LEFT JOIN decisions r ON r.claim_id = l.claim_id AND r.reviewer = l.reviewer
WHERE r.claim_id IS NULL AND (l.to_verdict IS NOT NULL OR l.to_note IS NOT NULL)
ORDER BY 3, 2
"""


_CHECKS = (
    ("integrity", _integrity),
    ("foreign keys", _foreign_keys),
    ("counts", _counts),
    ("documents", _documents),
    ("orphaned decisions", _orphaned),
    ("corrections", _corrections),
    ("added claims", _added),
    ("final verdicts", _final_verdicts),
    ("review log", _review_log),
)


def _listed(label: str, found: list[str]) -> list[str]:
    """One line per problem, up to MAX_LISTED, then one line counting the rest."""
    lines = [f"{label}: {problem}" for problem in found[:MAX_LISTED]]
    if len(found) > MAX_LISTED:
        lines.append(f"{label}: … and {len(found) - MAX_LISTED} more")
    return lines
