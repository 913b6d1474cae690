"""Final verdicts as stored: read and written on a plain sqlite3 connection (no sqlite-utils), so
that the review log (store.review) can write them inside its own transactions and the report and
the export can read them. A database made before schema 0010 has none.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from workbench.core.adjudication import FinalVerdict, check_verdict
from workbench.store.tables import by_claim_id, has_table

_COLUMNS = "claim_id, verdict, reason, adjudicator, decided_at"


def has_final_verdicts(conn: sqlite3.Connection) -> bool:
    """Whether the database has the final_verdicts table (schema 0010 or later)."""
    return has_table(conn, "final_verdicts")


def final_verdict_of(conn: sqlite3.Connection, claim_id: str) -> FinalVerdict | None:
    """The final verdict in force on the claim, or None."""
    if not has_final_verdicts(conn):
        return None
    row = conn.execute(f"SELECT {_COLUMNS} FROM final_verdicts WHERE claim_id = ?", [claim_id]).fetchone()
    return FinalVerdict(*row) if row else None


def all_final_verdicts(conn: sqlite3.Connection) -> dict[str, FinalVerdict]:
    """Every final verdict, by claim id (an adjudicator's work: never more than fits in memory)."""
    if not has_final_verdicts(conn):
        return {}
    return {row[0]: FinalVerdict(*row) for row in conn.execute(f"SELECT {_COLUMNS} FROM final_verdicts")}


def write_final(
    conn: sqlite3.Connection, claim_id: str, verdict: str | None, reason: str | None, adjudicator: str, at: str
) -> None:
    """Put a final verdict in force on a claim, or with verdict None remove it; the caller holds
    the transaction (store.review's log writes every change through here)."""
    if verdict is None:
        conn.execute("DELETE FROM final_verdicts WHERE claim_id = ?", [claim_id])
        return
    conn.execute(
        """INSERT INTO final_verdicts (claim_id, verdict, reason, adjudicator, decided_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (claim_id) DO UPDATE SET verdict = excluded.verdict, reason = excluded.reason,
               adjudicator = excluded.adjudicator, decided_at = excluded.decided_at""",
        [claim_id, check_verdict(verdict), reason or "", adjudicator, at],
    )


def final_verdicts_of(conn: sqlite3.Connection, claim_ids: Iterable[str]) -> dict[str, FinalVerdict]:
    """The final verdicts in force on these claims, by claim id."""
    if not has_final_verdicts(conn):
        return {}
    return by_claim_id(conn, "final_verdicts", _COLUMNS, claim_ids, lambda row: FinalVerdict(*row))
