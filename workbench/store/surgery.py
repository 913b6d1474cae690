"""Cluster surgery in the database: what an operation touches, the clusters it leaves, and putting
a set of clusters back as the review log recorded them (what undo and redo do).

The plan is core.surgery's; the relation, suggested verdict and explanation of every cluster it
leaves are the matcher's own (core.match.pipeline.summarise_cluster). The review store (store.review)
logs each operation as one batch: an entry holding the clusters before and after, and one link
entry per pair it labels, which is what keeps the surgery through a re-match (an accepted pair
is merged again, a rejected one never clustered) and what `workbench match --refit` learns from.

Functions take a plain sqlite3 connection, inside the caller's transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence

from workbench.core.surgery import Pair, Plan, SurgeryError, clusters_of, link_statuses, new_cluster_id

_CHUNK = 500
PlanMaker = Callable[[Mapping[str, Sequence[str]], Mapping[str, str]], Plan]


def has_surgery(conn: sqlite3.Connection) -> bool:
    """Whether the review log has the cluster columns (schema 0008 or later)."""
    return any(row[1] == "to_clusters" for row in conn.execute("PRAGMA table_info(review_log)"))


def _marks(values: Sequence) -> str:
    return ", ".join("?" * len(values))


def involved(
    conn: sqlite3.Connection, cluster_ids: Iterable[str], claim_ids: Iterable[str]
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The members of the named clusters and of the named claims' clusters, and those claims'
    clusters; refuses, naming it, a claim not stored or marked not a claim."""
    claim_ids = list(dict.fromkeys(claim_ids))
    for claim_id in claim_ids:
        if conn.execute("SELECT 1 FROM claims WHERE id = ?", [claim_id]).fetchone() is None:
            raise SurgeryError(f"no claim {claim_id}")
        if _rejected(conn, claim_id):
            raise SurgeryError(f"claim {claim_id} is marked not a claim; restore it first")
    cluster_of = dict(
        conn.execute(
            f"SELECT claim_id, cluster_id FROM cluster_members WHERE claim_id IN ({_marks(claim_ids)})", claim_ids
        )
    )
    wanted = list(dict.fromkeys([*cluster_ids, *cluster_of.values()]))
    clusters: dict[str, list[str]] = {}
    for cluster_id in wanted:
        if conn.execute("SELECT 1 FROM clusters WHERE id = ?", [cluster_id]).fetchone() is None:
            continue  # core says "no cluster …"
        clusters[cluster_id] = [
            row[0]
            for row in conn.execute(
                "SELECT m.claim_id FROM cluster_members m JOIN claims c ON c.id = m.claim_id"
                " WHERE m.cluster_id = ? ORDER BY c.doc_id, c.seq",
                [cluster_id],
            )
        ]
    return clusters, cluster_of


def _rejected(conn: sqlite3.Connection, claim_id: str) -> bool:
    from workbench.store import corrections

    found = corrections.correction_of(conn, claim_id)
    return found is not None and found.rejected


def snapshot(conn: sqlite3.Connection, claim_ids: Sequence[str]) -> str:
    """The clusters holding any of these claims, members and all, as JSON."""
    ids = list(claim_ids)
    cluster_ids = [
        row[0]
        for row in conn.execute(
            f"SELECT DISTINCT cluster_id FROM cluster_members WHERE claim_id IN ({_marks(ids)})", ids
        )
    ]
    cursor = conn.execute(f"SELECT * FROM clusters WHERE id IN ({_marks(cluster_ids)}) ORDER BY id", cluster_ids)
    columns = [d[0] for d in cursor.description]
    return json.dumps(
        {
            "claims": ids,
            "columns": columns,
            "clusters": cursor.fetchall(),
            "members": conn.execute(
                f"SELECT claim_id, cluster_id, role FROM cluster_members WHERE cluster_id IN ({_marks(cluster_ids)})"
                " ORDER BY cluster_id, claim_id",
                cluster_ids,
            ).fetchall(),
        }
    )


def put_clusters(conn: sqlite3.Connection, state: str | None) -> None:
    """Make the clusters of the snapshot's claims what the snapshot says. A cluster that held
    one of them and is not in the snapshot keeps its other members, or goes when fewer than two
    remain."""
    if not state:
        return
    wanted = json.loads(state)
    claims = wanted["claims"]
    held = {
        row[0]
        for row in conn.execute(
            f"SELECT DISTINCT cluster_id FROM cluster_members WHERE claim_id IN ({_marks(claims)})", claims
        )
    }
    conn.execute(f"DELETE FROM cluster_members WHERE claim_id IN ({_marks(claims)})", claims)
    columns = wanted["columns"]
    conn.executemany(
        f"INSERT OR REPLACE INTO clusters ({', '.join(columns)}) VALUES ({_marks(columns)})", wanted["clusters"]
    )
    conn.executemany(
        "INSERT OR REPLACE INTO cluster_members (claim_id, cluster_id, role) VALUES (?, ?, ?)", wanted["members"]
    )
    kept = {row[0] for row in wanted["clusters"]}
    for cluster_id in held - kept:
        (left,) = conn.execute("SELECT COUNT(*) FROM cluster_members WHERE cluster_id = ?", [cluster_id]).fetchone()
        if left < 2:
            conn.execute("DELETE FROM cluster_members WHERE cluster_id = ?", [cluster_id])
            conn.execute("DELETE FROM clusters WHERE id = ?", [cluster_id])
        else:
            conn.execute("UPDATE clusters SET size = ? WHERE id = ?", [left, cluster_id])


def set_link_status(conn: sqlite3.Connection, a: str, b: str, status: str | None) -> None:
    """Set a possible match's status, making the link if there is none; None removes the link
    (undoing a surgery that made it)."""
    if status is None:
        conn.execute("DELETE FROM claim_links WHERE a = ? AND b = ? AND link = 'possible'", [a, b])
        return
    cursor = conn.execute(
        "UPDATE claim_links SET status = ? WHERE a = ? AND b = ? AND link = 'possible'", [status, a, b]
    )
    if cursor.rowcount == 0:
        conn.execute(
            "INSERT INTO claim_links (a, b, link, status, explanation)"
            " VALUES (?, ?, 'possible', ?, 'set by a reviewer')",
            [a, b, status],
        )


def reviewed_links(conn: sqlite3.Connection, claim_ids: Sequence[str]) -> dict[Pair, str]:
    """The status of every possible match between two of these claims."""
    ids = list(claim_ids)
    found: dict[Pair, str] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for a, b, status in conn.execute(
            f"SELECT a, b, status FROM claim_links WHERE link = 'possible' AND a IN ({_marks(chunk)})", chunk
        ):
            found[(a, b)] = status
    touched = set(ids)
    return {pair: status for pair, status in found.items() if pair[1] in touched}


def clusters_after(conn: sqlite3.Connection, plan: Plan) -> str:
    """The clusters the plan leaves, summarised by the matcher's own rules, as a snapshot."""
    from sqlite_utils import Database

    from workbench.core.match.pipeline import summarise_cluster
    from workbench.store.clusters import CLUSTER_COLUMNS, stored_corpus

    db = Database(conn)
    roles = dict(
        conn.execute(
            f"SELECT claim_id, role FROM cluster_members WHERE claim_id IN ({_marks(plan.touched)})", plan.touched
        )
    )
    taken = {row[0] for row in conn.execute("SELECT id FROM clusters")}
    rows, members = [], []
    for group in plan.groups:
        if len(group.claim_ids) < 2:
            continue
        cluster_id = group.cluster_id or new_cluster_id(group.claim_ids, taken)
        taken.add(cluster_id)
        claims, documents = stored_corpus(db, group.claim_ids)
        summary = summarise_cluster(
            claims, documents, None, cluster_id=cluster_id, roles={c: roles[c] for c in group.claim_ids if c in roles}
        )
        rows.append(
            [
                summary.id,
                summary.relation,
                summary.suggested_verdict,
                summary.explanation,
                summary.subject,
                summary.kind,
                len(summary.claim_ids),
            ]
        )
        members.extend([c, summary.id, summary.roles.get(c, "member")] for c in summary.claim_ids)
    return json.dumps(
        {"claims": list(plan.touched), "columns": list(CLUSTER_COLUMNS), "clusters": rows, "members": members}
    )


def plan_changes(conn: sqlite3.Connection, plan: Plan) -> tuple[str, str, dict[Pair, tuple[str | None, str]]]:
    """The clusters before and after the plan (JSON), and each link it changes: (from, to) status."""
    reviewed = reviewed_links(conn, plan.touched)
    links = {pair: (reviewed.get(pair), status) for pair, status in link_statuses(plan, reviewed).items()}
    return snapshot(conn, plan.touched), clusters_after(conn, plan), links


def describe_change(before: str | None, after: str | None) -> str | None:
    """A logged surgery's clusters in words: "k1 (3), k2 (2) → k1 (5)"; None for other entries."""
    if before is None and after is None:
        return None

    def words(state: str | None) -> str:
        found = clusters_of(state)
        return ", ".join(f"{k['id']} ({len(k['claim_ids'])})" for k in found) or "none"

    return f"{words(before)} → {words(after)}"
