"""Clusters of claims that state one quantity, and the links shown beside them: stored and read.

The matcher (core.match.pipeline) decides; this module keeps its decisions. A full recompute
replaces every cluster and suggested link in one transaction, keeping the reviewer's accepted
and rejected links. An incremental run matches only new claims against the stored ones.
Every function takes a sqlite_utils.Database (the Store's `db`).
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from workbench.core.match.pipeline import (
    ClusterResult,
    LinkResult,
    MatchConfig,
    MatchResult,
    match_claims,
    summarise_cluster,
)
from workbench.core.frames import FRAMES_VERSION, QuantityFrame
from workbench.core.match.model import PairModel, shipped_model
from workbench.core.model import Claim, Document
from workbench.store import rows
from workbench.store.errors import StoreError
from workbench.store.opening import write_transaction

CLUSTER_COLUMNS = ("id", "relation", "suggested_verdict", "explanation", "subject", "kind", "size")
LINK_COLUMNS = ("a", "b", "link", "raw_score", "masked_score", "status", "explanation")


# --------------------------------------------------------------------------- reading the corpus


def stored_corpus(db: Database, claim_ids: Iterable[str] | None = None) -> tuple[list[Claim], dict[str, Document]]:
    """Stored claims (all, or the given ones) and their documents, ready for the matcher."""
    sql = f"SELECT {rows.CLAIM_SELECT} FROM claims c JOIN documents d ON d.id = c.doc_id"
    params: list = []
    if claim_ids is not None:
        ids = list(claim_ids)
        sql += f" WHERE c.id IN ({', '.join('?' * len(ids))})"
        params = ids
    sql += " ORDER BY d.name, d.id, c.seq"
    claims = [rows.claim_from_row(row) for row in db.conn.execute(sql, params)]
    names = sorted({c.doc_name for c in claims})
    documents: dict[str, Document] = {}
    if names:
        doc_sql = f"SELECT name, sha256, text, published FROM documents WHERE name IN ({', '.join('?' * len(names))})"
        for name, sha, text, published in db.conn.execute(doc_sql, names):
            documents[name] = Document(name=name, sha256=sha, text=text, published=published)
    return claims, documents


def stored_frames(db: Database) -> dict[str, QuantityFrame]:
    """The quantity frames the store keeps (claim id -> frame), read by this FRAMES_VERSION when
    the claim was last matched: a claim whose document was stored again starts without one."""
    sql = f"SELECT id, {', '.join(rows.FRAME_COLUMNS)} FROM claims WHERE frames_version = ?"
    return {row[0]: rows.stored_frame(row[1:], FRAMES_VERSION) for row in db.conn.execute(sql, [FRAMES_VERSION])}


def document_loader(conn) -> "Callable[[str], Document | None]":
    """name -> the stored document as the matcher reads it (name, sha256, text, published)."""

    def load(name: str) -> Document | None:
        row = conn.execute(
            "SELECT name, sha256, text, published FROM documents WHERE name = ? ORDER BY id LIMIT 1", [name]
        ).fetchone()
        return Document(name=row[0], sha256=row[1], text=row[2], published=row[3]) if row else None

    return load


def _claim_ids_of_documents(db: Database, documents: Iterable[str]) -> set[str]:
    docs = list(documents)
    marks = ", ".join("?" * len(docs))
    sql = (
        f"SELECT c.id FROM claims c JOIN documents d ON d.id = c.doc_id WHERE d.id IN ({marks}) OR d.name IN ({marks})"
    )
    return {row[0] for row in db.conn.execute(sql, docs + docs)}


# --------------------------------------------------------------------------- writing


def _cluster_row(k: ClusterResult) -> tuple:
    return (k.id, k.relation, k.suggested_verdict, k.explanation, k.subject, k.kind, len(k.claim_ids))


def _link_row(link: LinkResult, status: str = "suggested") -> tuple:
    return (link.a, link.b, link.link, link.raw_score, link.masked_score, status, link.explanation)


def _write_clusters(db: Database, clusters: list[ClusterResult]) -> None:
    """Insert or replace clusters and their memberships; empty clusters left behind are removed."""
    conn = db.conn
    members = [cid for k in clusters for cid in k.claim_ids]
    for start in range(0, len(members), 500):
        chunk = members[start : start + 500]
        conn.execute(f"DELETE FROM cluster_members WHERE claim_id IN ({', '.join('?' * len(chunk))})", chunk)
    conn.executemany(
        f"INSERT OR REPLACE INTO clusters ({rows.quoted(CLUSTER_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [_cluster_row(k) for k in clusters],
    )
    conn.executemany(
        "INSERT INTO cluster_members (claim_id, cluster_id, role) VALUES (?, ?, ?)",
        [(cid, k.id, k.roles.get(cid, "member")) for k in clusters for cid in k.claim_ids],
    )
    conn.execute("DELETE FROM clusters WHERE id NOT IN (SELECT cluster_id FROM cluster_members)")
    conn.execute("UPDATE clusters SET size = (SELECT COUNT(*) FROM cluster_members m WHERE m.cluster_id = clusters.id)")


def _write_links(db: Database, links: list[LinkResult]) -> None:
    """Insert new links, leaving any link a reviewer has already accepted or rejected as it is."""
    db.conn.executemany(
        f"INSERT INTO claim_links ({rows.quoted(LINK_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (a, b, link) DO UPDATE SET raw_score = excluded.raw_score,"
        " masked_score = excluded.masked_score, explanation = excluded.explanation"
        " WHERE claim_links.status = 'suggested'",
        [_link_row(link) for link in links],
    )


def _write_frames(db: Database, frames: dict[str, QuantityFrame]) -> None:
    """Store the frames the matcher read, on the claims that hold none under this FRAMES_VERSION,
    so that an export states them without reading them again (rows.stored_frame)."""
    stale = [row[0] for row in db.conn.execute("SELECT id FROM claims WHERE frames_version IS NOT ?", [FRAMES_VERSION])]
    assignments = ", ".join(f"{column} = ?" for column in rows.FRAME_COLUMNS)
    db.conn.executemany(
        f"UPDATE claims SET {assignments}, frames_version = ? WHERE id = ?",
        [(*rows.frame_values(frames[claim_id]), FRAMES_VERSION, claim_id) for claim_id in stale if claim_id in frames],
    )


# --------------------------------------------------------------------------- the database's own model

MODEL_SUFFIX = ".match-model.json"  # beside the database file: its refitted pair model


def database_model_path(db: Database) -> Path | None:
    """Where the database's refitted pair model is kept: beside its file (None in memory)."""
    for _, name, filename in db.conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(filename + MODEL_SUFFIX) if filename else None
    return None


def database_model(db: Database) -> PairModel | None:
    """The pair model refitted for this database by `refit_database_model`, if there is one."""
    path = database_model_path(db)
    if path is None or not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return PairModel.from_json(data, str(path))
    except (OSError, ValueError) as exc:
        raise StoreError(
            f"{path}: cannot read this database's refitted match model ({exc});"
            " run `workbench match --refit` to write it again"
        ) from None


def database_config(db: Database, config: MatchConfig | None = None) -> MatchConfig:
    """`config` with the database's refitted model, unless it names a model of its own."""
    config = config or MatchConfig()
    if config.model is not None:
        return config
    model = database_model(db)
    return dataclasses.replace(config, model=model) if model is not None else config


@dataclass(slots=True)
class Refit:
    """What `refit_database_model` did."""

    path: Path
    labelled: int  # the reviewer's decided pairs
    used: int  # of them, those whose two claims are stored (and not of one sentence)
    accepted: int
    rejected: int


def refit_database_model(db: Database, *, reviewer_weight: float | None = None) -> Refit:
    """Refit the pair model on the shipped training pairs plus this database's labelled pairs,
    and keep it beside the database, where matching this database finds it. The shipped model
    file is never written."""
    from workbench.core.match.refit import REVIEWER_WEIGHT, refit, shipped_pairs
    from workbench.core.match.training import reviewed_pairs

    path = database_model_path(db)
    if path is None:
        raise StoreError("an in-memory database has no file to keep a refitted model beside")
    labels = labelled_pairs(db)
    claims, documents = stored_corpus(db)
    x, y = reviewed_pairs(claims, documents, labels)
    weight = REVIEWER_WEIGHT if reviewer_weight is None else reviewer_weight
    model = refit(shipped_model(), shipped_pairs(), x, y, reviewer_weight=weight)
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        os.replace(temporary, path)  # whole or not at all
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise StoreError(f"{path}: cannot write the refitted match model ({exc.strerror or exc})") from None
    return Refit(path, len(labels), int(len(y)), int(y.sum()), int(len(y) - y.sum()))


def recompute_clusters(db: Database, config: MatchConfig | None = None) -> MatchResult:
    """Match every stored claim afresh and replace the stored clusters and suggested links.

    Links a reviewer accepted stay accepted (their claims are merged again) and rejected
    pairs are never linked nor clustered again; all of it is one transaction.
    """
    config = database_config(db, config)
    claims, documents = stored_corpus(db)
    result = match_claims(claims, documents, config, rejected=rejected_pairs(db), frames=stored_frames(db))
    with write_transaction(db.conn):
        reviewed = _reviewed_links(db)
        db.conn.execute("DELETE FROM cluster_members")
        db.conn.execute("DELETE FROM clusters")
        db.conn.execute("DELETE FROM claim_links WHERE status = 'suggested'")
        _write_clusters(db, result.clusters)
        _write_links(db, result.links)
        _write_frames(db, result.frames)
        for a, b, link in reviewed["accepted"]:
            _merge_pair(db, a, b, config)
        db.conn.execute("UPDATE documents SET matched_at = ? WHERE matched_at IS NULL", [_now()])
    return result


def match_new_claims(
    db: Database,
    claim_ids: Iterable[str] | None = None,
    *,
    documents: Iterable[str] | None = None,
    config: MatchConfig | None = None,
) -> MatchResult:
    """Match newly stored claims (by id, or all claims of the given documents) against the rest.

    Only pairs that involve a new claim are scored; stored clusters keep their ids and may
    grow or join. The changed clusters and the new links are written in one transaction.
    """
    new_ids = set(claim_ids or ())
    if documents is not None:
        new_ids |= _claim_ids_of_documents(db, documents)
    if not new_ids:
        return MatchResult()
    return _match_and_write(db, new_ids, config)


def match_pending_documents(db: Database, config: MatchConfig | None = None) -> MatchResult:
    """Match the claims of every document not matched yet, and mark those documents matched.

    Pending are the documents an ingest stored since the last match: new ones, edited ones
    that replaced their stored version, and those a killed ingest stored but never matched.
    The clusters, links and marks are written in one transaction, so a kill before it commits
    leaves the documents pending for the next ingest.
    """
    pending = [row[0] for row in db.conn.execute("SELECT id FROM documents WHERE matched_at IS NULL")]
    if not pending:
        return MatchResult()
    new_ids = {
        row[0]
        for row in db.conn.execute(
            "SELECT c.id FROM claims c JOIN documents d ON d.id = c.doc_id WHERE d.matched_at IS NULL"
        )
    }
    return _match_and_write(db, new_ids, config, matched=pending)


def _match_and_write(
    db: Database, new_ids: set[str], config: MatchConfig | None, matched: list[str] = ()
) -> MatchResult:
    """Score the new claims against every stored claim; write the result and mark `matched` documents."""
    result = MatchResult()
    if new_ids:
        config = database_config(db, config)
        claims, docs = stored_corpus(db)
        existing = dict(db.conn.execute("SELECT claim_id, cluster_id FROM cluster_members"))
        result = match_claims(
            claims,
            docs,
            config,
            existing=existing,
            new_ids=new_ids,
            rejected=rejected_pairs(db),
            frames=stored_frames(db),
        )
    with write_transaction(db.conn):
        _write_clusters(db, result.clusters)
        _write_links(db, result.links)
        _write_frames(db, result.frames)
        _mark_matched(db, matched)
    return result


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _mark_matched(db: Database, documents: list[str]) -> None:
    now = _now()
    for start in range(0, len(documents), 500):
        chunk = documents[start : start + 500]
        db.conn.execute(
            f"UPDATE documents SET matched_at = ? WHERE id IN ({', '.join('?' * len(chunk))})", [now, *chunk]
        )


def detach_claims(db: Database, claim_ids: Iterable[str], config: MatchConfig | None = None) -> None:
    """Take claims that are gone (their document was replaced) out of their clusters and links.

    A cluster they leave is summarised again on its remaining members, or removed when fewer
    than two remain, so no cluster lists a claim that does not exist. The caller holds the
    transaction.
    """
    ids = list(claim_ids)
    conn = db.conn
    left: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        left |= {
            row[0]
            for row in conn.execute(
                f"SELECT DISTINCT cluster_id FROM cluster_members WHERE claim_id IN ({marks})", chunk
            )
        }
        conn.execute(f"DELETE FROM cluster_members WHERE claim_id IN ({marks})", chunk)
        conn.execute(f"DELETE FROM claim_links WHERE a IN ({marks}) OR b IN ({marks})", chunk + chunk)
    summaries = []
    for cluster_id in sorted(left):
        roles = dict(conn.execute("SELECT claim_id, role FROM cluster_members WHERE cluster_id = ?", [cluster_id]))
        if len(roles) < 2:
            conn.execute("DELETE FROM cluster_members WHERE cluster_id = ?", [cluster_id])
            conn.execute("DELETE FROM clusters WHERE id = ?", [cluster_id])
            continue
        claims, documents = stored_corpus(db, roles)
        summaries.append(summarise_cluster(claims, documents, config, cluster_id=cluster_id, roles=roles))
    if summaries:
        _write_clusters(db, summaries)


# --------------------------------------------------------------------------- reading clusters


def _cluster_dict(row: tuple) -> dict:
    return dict(zip(CLUSTER_COLUMNS, row))


def cluster(db: Database, cluster_id: str) -> dict | None:
    """A cluster with its members (claim id, role, document, surface, value), or None."""
    row = db.conn.execute(f"SELECT {rows.quoted(CLUSTER_COLUMNS)} FROM clusters WHERE id = ?", [cluster_id]).fetchone()
    if row is None:
        return None
    found = _cluster_dict(row)
    found["members"] = cluster_members(db, cluster_id)
    found["claim_ids"] = [m["claim_id"] for m in found["members"]]
    return found


def cluster_of_claim(db: Database, claim_id: str) -> dict | None:
    """The cluster a claim belongs to, with its members; None for a claim that stands alone."""
    row = db.conn.execute("SELECT cluster_id FROM cluster_members WHERE claim_id = ?", [claim_id]).fetchone()
    return cluster(db, row[0]) if row else None


def cluster_members(db: Database, cluster_id: str) -> list[dict]:
    """The claims of one cluster, in document order."""
    sql = (
        "SELECT m.claim_id, m.role, d.name, c.surface, c.kind, c.value, c.value_text,"
        ' c.value_min, c.value_max, c.qualifier, c."start", c."end"'
        " FROM cluster_members m JOIN claims c ON c.id = m.claim_id"
        " JOIN documents d ON d.id = c.doc_id WHERE m.cluster_id = ? ORDER BY d.name, c.seq"
    )
    names = (
        "claim_id",
        "role",
        "doc",
        "surface",
        "kind",
        "value",
        "value_text",
        "value_min",
        "value_max",
        "qualifier",
        "start",
        "end",
    )
    return [dict(zip(names, row)) for row in db.conn.execute(sql, [cluster_id])]


def all_clusters(db: Database) -> list[dict]:
    """Every cluster with its claim ids: the export's `clusters` list."""
    members: dict[str, list[str]] = defaultdict(list)
    for claim_id, cluster_id in db.conn.execute(
        "SELECT m.claim_id, m.cluster_id FROM cluster_members m JOIN claims c ON c.id = m.claim_id"
        " JOIN documents d ON d.id = c.doc_id ORDER BY d.name, c.seq"
    ):
        members[cluster_id].append(claim_id)
    out = []
    for row in db.conn.execute(f"SELECT {rows.quoted(CLUSTER_COLUMNS)} FROM clusters ORDER BY id"):
        found = _cluster_dict(row)
        found["claim_ids"] = members.get(found["id"], [])
        out.append(found)
    return out


def links_of_claim(db: Database, claim_id: str, *, status: str | None = None) -> list[dict]:
    """The links that touch a claim: possible matches, related claims and copies."""
    sql = f"SELECT {rows.quoted(LINK_COLUMNS)} FROM claim_links WHERE (a = ? OR b = ?)"
    params: list = [claim_id, claim_id]
    if status is not None:
        sql += " AND status = ?"
        params.append(status)
    sql += " ORDER BY link, raw_score DESC"
    return [dict(zip(LINK_COLUMNS, row)) for row in db.conn.execute(sql, params)]


def labelled_pairs(db: Database) -> dict[tuple[str, str], int]:
    """The reviewer's verdicts on pairs of claims: (a, b) with a < b -> 1 (accepted, one
    quantity) or 0 (rejected, not one quantity).

    Read from the append-only review log (the last accept, reject or undo of each pair wins),
    so a verdict outlives a re-ingest that removed one of its claims and applies again when
    the claim's sentence comes back (claim ids are derived from the sentence). Links accepted
    or rejected without the log (`accept_link`, `reject_link`) count as well.
    """
    labels: dict[tuple[str, str], int] = {}
    status_label = {"accepted": 1, "rejected": 0}
    for a, b, status in db.conn.execute(
        "SELECT claim_id, other_claim_id, to_link_status FROM review_log WHERE other_claim_id IS NOT NULL ORDER BY id"
    ):
        key = _ordered(a, b)
        if status in status_label:
            labels[key] = status_label[status]
        else:  # undone: back to a plain suggestion
            labels.pop(key, None)
    for a, b, status in db.conn.execute(
        "SELECT a, b, status FROM claim_links WHERE link = 'possible' AND status != 'suggested'"
    ):
        if status in status_label:
            labels[_ordered(a, b)] = status_label[status]
    return labels


def rejected_pairs(db: Database) -> set[tuple[str, str]]:
    """Pairs a reviewer said are not one quantity: never suggested or clustered again."""
    return {pair for pair, label in labelled_pairs(db).items() if label == 0}


def _reviewed_links(db: Database) -> dict[str, list[tuple[str, str, str]]]:
    found: dict[str, list] = {"accepted": [], "rejected": []}
    for a, b, link, status in db.conn.execute("SELECT a, b, link, status FROM claim_links WHERE status != 'suggested'"):
        found.setdefault(status, []).append((a, b, link))
    return found


# --------------------------------------------------------------------------- reviewing links


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def accept_link(db: Database, a: str, b: str, link: str = "possible", config: MatchConfig | None = None) -> str:
    """Accept a suggested match: the two claims (and their clusters) become one cluster.

    Returns the id of the cluster that now holds both.
    """
    a, b = _ordered(a, b)
    with write_transaction(db.conn):
        _set_status(db, a, b, link, "accepted")
        return _merge_pair(db, a, b, config)


def reject_link(db: Database, a: str, b: str, link: str = "possible") -> None:
    """Reject a suggested match: it stays stored as rejected and is not suggested again."""
    a, b = _ordered(a, b)
    with write_transaction(db.conn):
        _set_status(db, a, b, link, "rejected")


def _set_status(db: Database, a: str, b: str, link: str, status: str) -> None:
    cursor = db.conn.execute(
        "UPDATE claim_links SET status = ? WHERE a = ? AND b = ? AND link = ?", [status, a, b, link]
    )
    if cursor.rowcount == 0:
        db.conn.execute(
            f"INSERT INTO claim_links ({rows.quoted(LINK_COLUMNS)}) VALUES (?, ?, ?, NULL, NULL, ?, ?)",
            [a, b, link, status, "set by a reviewer"],
        )


def _merge_pair(db: Database, a: str, b: str, config: MatchConfig | None) -> str:
    """Put two claims and everything clustered with them into one cluster; the caller commits."""
    current = dict(db.conn.execute("SELECT claim_id, cluster_id FROM cluster_members WHERE claim_id IN (?, ?)", [a, b]))
    cluster_ids = sorted({current[c] for c in (a, b) if c in current})
    member_ids = {a, b}
    roles: dict[str, str] = {}
    for cid in cluster_ids:
        for claim_id, role in db.conn.execute("SELECT claim_id, role FROM cluster_members WHERE cluster_id = ?", [cid]):
            member_ids.add(claim_id)
            roles[claim_id] = role
    claims, documents = stored_corpus(db, member_ids)
    keep = cluster_ids[0] if cluster_ids else None
    merged = summarise_cluster(claims, documents, config, cluster_id=keep, roles=roles)
    _write_clusters(db, [merged])
    return merged.id
