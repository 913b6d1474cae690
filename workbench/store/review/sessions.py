"""Each reviewer's session: where they were (the claim) and what the list showed (the `ViewSpec`),
saved as JSON so that the review opens again where it was left."""

from __future__ import annotations

import json
import sqlite3

from workbench.store.review import log as changelog
from workbench.store.review.views import ViewSpec


def session_state(claim_id: str | None, spec: ViewSpec) -> dict:
    """The state a session saves: the claim shown and the view's grouping and filters."""
    return {"claim_id": claim_id, **spec.as_dict()}


def save_session(conn: sqlite3.Connection, reviewer: str, state: dict) -> None:
    """Save the reviewer's session state, inside the caller's transaction."""
    conn.execute(
        """INSERT INTO sessions (reviewer, state, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (reviewer) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at""",
        [reviewer, json.dumps(state), changelog.now()],
    )


def load_session(conn: sqlite3.Connection, reviewer: str) -> dict | None:
    """The reviewer's saved session state; None when there is none or it cannot be read."""
    row = conn.execute("SELECT state FROM sessions WHERE reviewer = ?", [reviewer]).fetchone()
    if row is None:
        return None
    try:
        state = json.loads(row[0])
    except (TypeError, ValueError):
        return None
    return state if isinstance(state, dict) else None
