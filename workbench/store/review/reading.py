"""Everything the review reads: the claims list a page of rows at a time, a claim with its source,
its cluster and its links, the documents, the reviewer's progress and log. `ReviewReader` holds
the connection; `ReviewStore` (store.review.store) adds the writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import fields, replace

from workbench.core.agreement import VERDICTS
from workbench.core.corrections import Correction, apply as apply_correction
from workbench.core.model import DocumentRow
from workbench.store import added, corrections
from workbench.store.review.log import LogEntry, ReviewLog
from workbench.store.rows import document_row_sql
from workbench.store.review.rows import (
    MEMBER_COLUMNS,
    ROW_COLUMNS,
    ROW_JOINS,
    ClaimDetail,
    ClaimRow,
    Cluster,
    ClusterSummary,
    Link,
    Member,
    Progress,
    Refreshed,
    passage_bounds,
)
from workbench.store.review import kept_orders
from workbench.store.review.views import ClaimOrder, ViewSpec, find_next


class ReviewReader:
    """One reviewer's reads of a claims database, on a connection owned by the calling thread."""

    def __init__(self, conn: sqlite3.Connection, reviewer: str) -> None:
        self.conn = conn
        self.reviewer = reviewer
        self.history = ReviewLog(conn, reviewer)
        self._doc_text: tuple[str | None, str] = (None, "")

    def build_order(self, spec: ViewSpec) -> ClaimOrder:
        """The view's list: the one kept in the database while it is current, else built."""
        return kept_orders.order_for(self.conn, self.reviewer, spec)

    def order_at(self, spec: ViewSpec, claim_id: str | None) -> tuple[ClaimOrder, int | None]:
        """The view's claims list, with the position of `claim_id` in it (None when absent)."""
        order = self.build_order(spec)
        rowid = self.rowid_of(claim_id) if isinstance(claim_id, str) else None
        return order, order.position_of(rowid) if rowid is not None else None

    def rows(self, rowids: Sequence[int]) -> dict[int, ClaimRow]:
        """The list rows of these claims (one query), keyed by rowid; missing claims are absent."""
        found: dict[int, ClaimRow] = {}
        for start in range(0, len(rowids), 500):
            chunk = list(rowids[start : start + 500])
            sql = f"SELECT {ROW_COLUMNS} {ROW_JOINS} WHERE c.rowid IN ({','.join('?' * len(chunk))})"
            for row in self.conn.execute(sql, [self.reviewer, *chunk]):
                claim = ClaimRow(*row[:-1], has_note=bool(row[-1]))
                found[claim.rowid] = claim
        fixes = corrections.corrections_of(self.conn, [row.id for row in found.values()])
        for rowid, row in found.items():
            if row.id in fixes:
                found[rowid] = replace(apply_correction(row, fixes[row.id]), corrected=True)
        return found

    def rowid_of(self, claim_id: str) -> int | None:
        row = self.conn.execute("SELECT rowid FROM claims WHERE id = ?", [claim_id]).fetchone()
        return row[0] if row else None

    def claim_ids_of_rowids(self, rowids: Sequence[int]) -> list[str]:
        if not rowids:
            return []
        sql = f"SELECT id FROM claims WHERE rowid IN ({','.join('?' * len(rowids))})"
        return [row[0] for row in self.conn.execute(sql, list(rowids))]

    def detail(self, claim_id: str) -> ClaimDetail | None:
        """The claim with its passage (read as a substring, never the whole document)."""
        row = self.conn.execute(
            f"""
            SELECT {MEMBER_COLUMNS}, c.rowid, d.title, d.author, c.start, c.end,
                   c.passage_start, c.passage_end, c.sentence_start, c.sentence_end, d.chars,
                   m.cluster_id, r.note, r.decided_at, c.page
            FROM claims c
            JOIN documents d ON d.id = c.doc_id
            LEFT JOIN cluster_members m ON m.claim_id = c.id
            LEFT JOIN decisions r ON r.claim_id = c.id AND r.reviewer = ?
            WHERE c.id = ?
            """,
            [self.reviewer, claim_id],
        ).fetchone()
        if row is None:
            return None
        n = len(fields(Member)) - 1
        original = Member(*row[:n])
        correction = corrections.correction_of(self.conn, claim_id)
        member = apply_correction(original, correction)
        rowid, title, author, start, end, p_start, p_end, s_start, s_end, _chars, cluster_id, note, decided_at, page = (
            row[n:]
        )
        p_start, p_end = passage_bounds(start, end, p_start, p_end, s_start, s_end)
        passage = self._text(member.doc_id)[p_start:p_end]
        others = tuple(
            (s, e)
            for s, e in self.conn.execute(
                "SELECT start, end FROM claims WHERE doc_id = ? AND start >= ? AND end <= ? AND id != ?",
                [member.doc_id, p_start, p_end, claim_id],
            )
        )
        return ClaimDetail(
            claim=member,
            rowid=rowid,
            doc_title=title,
            doc_author=author,
            start=start,
            end=end,
            passage_start=p_start,
            passage=passage,
            other_spans=others,
            cluster_id=cluster_id,
            note=note,
            decided_at=decided_at,
            correction=correction,
            original=original if correction else None,
            page=page,
            added=added.added_of(self.conn, claim_id),
        )

    def _text(self, doc_id: str) -> str:
        """A document's text, kept for the next claim of the same document. (SQLite's substr()
        would stop at a NUL character, which an untrusted document may well contain.)"""
        if self._doc_text[0] != doc_id:
            row = self.conn.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
            self._doc_text = (doc_id, (row[0] or "") if row else "")
        return self._doc_text[1]

    def cluster(self, cluster_id: str) -> Cluster | None:
        row = self.conn.execute(
            "SELECT id, relation, suggested_verdict, explanation, subject, kind, size FROM clusters WHERE id = ?",
            [cluster_id],
        ).fetchone()
        return Cluster(*row) if row else None

    def clusters(self, cluster_ids: Iterable[str]) -> dict[str, Cluster]:
        ids = list(dict.fromkeys(cluster_ids))
        found = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for row in self.conn.execute(
                "SELECT id, relation, suggested_verdict, explanation, subject, kind, size "
                f"FROM clusters WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                found[row[0]] = Cluster(*row)
        return found

    def members(self, cluster_id: str, limit: int = 500) -> list[Member]:
        """Every claim of the cluster, from every document, in document order, as corrected;
        claims marked not a claim are left out."""
        return self._corrected(
            [
                Member(*row)
                for row in self.conn.execute(
                    f"""
                SELECT {MEMBER_COLUMNS}, m.role
                FROM cluster_members m
                JOIN claims c ON c.id = m.claim_id
                JOIN documents d ON d.id = c.doc_id
                LEFT JOIN decisions r ON r.claim_id = c.id AND r.reviewer = ?
                WHERE m.cluster_id = ?
                ORDER BY d.name, c.doc_id, c.seq, c.start
                LIMIT ?
                """,
                    [self.reviewer, cluster_id, limit],
                )
            ]
        )

    def _corrected(self, members: list[Member]) -> list[Member]:
        """The members as corrected, without those marked not a claim."""
        fixes = corrections.corrections_of(self.conn, [m.id for m in members])
        return [apply_correction(m, fixes.get(m.id)) for m in members if m.id not in fixes or not fixes[m.id].rejected]

    def cluster_summary(self, cluster_id: str) -> ClusterSummary:
        """What the cluster panel says of a cluster too large to lay out whole, in one query."""
        row = self.conn.execute(
            """
            SELECT COUNT(*), COUNT(DISTINCT c.doc_id), COUNT(DISTINCT c.kind),
                   SUM(r.verdict = 'consistent'), SUM(r.verdict = 'conflicting'), SUM(r.verdict = 'unverified'),
                   MIN(COALESCE(c.value_min, c.value)), MAX(COALESCE(c.value_max, c.value)), MIN(c.kind)
            FROM cluster_members m
            JOIN claims c ON c.id = m.claim_id
            LEFT JOIN decisions r ON r.claim_id = c.id AND r.reviewer = ?
            WHERE m.cluster_id = ?
            """,
            [self.reviewer, cluster_id],
        ).fetchone()
        count, documents, kinds, consistent, conflicting, unverified, low, high, kind = row
        median = None
        if count and low is not None:
            median = self.conn.execute(
                """
                SELECT v FROM (SELECT (COALESCE(c.value_min, c.value) + COALESCE(c.value_max, c.value)) / 2.0 AS v
                               FROM cluster_members m JOIN claims c ON c.id = m.claim_id
                               WHERE m.cluster_id = ? AND COALESCE(c.value_min, c.value) IS NOT NULL)
                ORDER BY v LIMIT 1 OFFSET (SELECT COUNT(*) FROM cluster_members m JOIN claims c ON c.id = m.claim_id
                                           WHERE m.cluster_id = ? AND COALESCE(c.value_min, c.value) IS NOT NULL) / 2
                """,
                [cluster_id, cluster_id],
            ).fetchone()[0]
        return ClusterSummary(
            count,
            documents,
            {"consistent": consistent or 0, "conflicting": conflicting or 0, "unverified": unverified or 0},
            kind if kinds == 1 else None,
            low,
            median,
            high,
        )

    def member_ids(self, cluster_id: str) -> list[str]:
        return [
            row[0]
            for row in self.conn.execute(
                "SELECT claim_id FROM cluster_members WHERE cluster_id = ? ORDER BY claim_id", [cluster_id]
            )
        ]

    def links(self, claim_id: str, kinds: Sequence[str] = ("possible", "related")) -> list[Link]:
        """Links from this claim to claims of other clusters, best score first."""
        params = {"id": claim_id, "reviewer": self.reviewer}
        link_marks = marks("l", kinds, params)
        rows = self.conn.execute(
            f"""
            SELECT l.a, l.b, l.link, COALESCE(l.masked_score, l.raw_score), l.status, l.explanation,
                   {MEMBER_COLUMNS}
            FROM claim_links l
            JOIN claims c ON c.id = CASE WHEN l.a = :id THEN l.b ELSE l.a END
            JOIN documents d ON d.id = c.doc_id
            LEFT JOIN decisions r ON r.claim_id = c.id AND r.reviewer = :reviewer
            WHERE (l.a = :id OR l.b = :id) AND l.link IN ({link_marks})
            ORDER BY l.link, COALESCE(l.masked_score, l.raw_score) DESC, c.id
            """,
            params,
        )
        links = [Link(*row[:6], other=Member(*row[6:])) for row in rows]
        kept = {m.id: m for m in self._corrected([link.other for link in links])}
        return [replace(link, other=kept[link.other.id]) for link in links if link.other.id in kept]

    def documents(self) -> list[DocumentRow]:
        """Every document, by name, with the claims it holds now."""
        columns = document_row_sql(count_claims=True)
        return [DocumentRow(*row) for row in self.conn.execute(f"SELECT {columns} FROM documents d ORDER BY d.name")]

    def document_names(self, doc_ids: Sequence[str]) -> dict[str, tuple[str, str | None]]:
        """(name, title) of these documents, by id."""
        ids = list(doc_ids)
        found = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            sql = f"SELECT id, name, title FROM documents WHERE id IN ({','.join('?' * len(chunk))})"
            found.update({row[0]: (row[1], row[2]) for row in self.conn.execute(sql, chunk)})
        return found

    def document_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def kinds(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT DISTINCT kind FROM claims ORDER BY kind")]

    def cluster_choices(self, text: str = "", limit: int = 50) -> list[Cluster]:
        """Clusters whose id or subject contains `text`, conflicting ones first."""
        like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return [
            Cluster(*row)
            for row in self.conn.execute(
                """SELECT id, relation, suggested_verdict, explanation, subject, kind, size FROM clusters
                   WHERE id LIKE :q ESCAPE '\\' OR subject LIKE :q ESCAPE '\\'
                   ORDER BY suggested_verdict != 'conflicting', relation != 'differ', id LIMIT :limit""",
                {"q": like, "limit": limit},
            )
        ]

    def first_member_rowid(self, cluster_id: str) -> int | None:
        row = self.conn.execute(
            """SELECT c.rowid FROM cluster_members m JOIN claims c ON c.id = m.claim_id
               JOIN documents d ON d.id = c.doc_id WHERE m.cluster_id = ?
               ORDER BY d.name, c.doc_id, c.seq, c.start LIMIT 1""",
            [cluster_id],
        ).fetchone()
        return row[0] if row else None

    def progress(self) -> Progress:
        total = self.conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0] - len(
            corrections.rejected_rowids(self.conn)
        )
        counts = dict(
            self.conn.execute(
                """SELECT r.verdict, COUNT(*) FROM decisions r JOIN claims c ON c.id = r.claim_id
                   WHERE r.reviewer = ? AND r.verdict IS NOT NULL GROUP BY r.verdict""",
                [self.reviewer],
            ).fetchall()
        )
        return Progress(total, {v: counts.get(v, 0) for v in VERDICTS})

    def decision(self, claim_id: str) -> tuple[str | None, str | None, str | None]:
        """This reviewer's (verdict, note, scope) for the claim; Nones when undecided."""
        row = self.conn.execute(
            "SELECT verdict, note, scope FROM decisions WHERE claim_id = ? AND reviewer = ?", [claim_id, self.reviewer]
        ).fetchone()
        return tuple(row) if row else (None, None, None)

    def find(self, order: ClaimOrder, start: int, step: int, want: str) -> int | None:
        """Position of the nearest claim that needs the reviewer, from `start` on (views.find_next)."""
        return find_next(self.conn, self.reviewer, order, start, step, want)

    def refresh(self, since_log_id: int = 0) -> Refreshed:
        """Read this reviewer's progress again, and count what other reviewers logged after
        `since_log_id` (the `log_id` of the previous refresh): another process's decisions are
        in every read that follows its commit, and this says how many there are."""
        log_id = self.history.last_id()
        return Refreshed(self.progress(), log_id, self.history.by_others(since_log_id, log_id))

    def last_log_id(self) -> int:
        """The id of the newest review-log entry, by any reviewer (0 for an empty log)."""
        return self.history.last_id()

    def log(self, limit: int = 200) -> list[LogEntry]:
        """This reviewer's most recent log entries, newest first."""
        return self.history.entries(limit)

    def correction(self, claim_id: str) -> Correction | None:
        """The correction in force on a claim, or None."""
        return corrections.correction_of(self.conn, claim_id)

    def _reading(self, claim_id: str) -> dict | None:
        """The extractor's reading of the claim's correctable fields, or None if it is not stored."""
        row = self.conn.execute(
            """SELECT kind, COALESCE(value_text, value), value_min, value_max, qualifier, unit, currency
               FROM claims WHERE id = ?""",
            [claim_id],
        ).fetchone()
        if row is None:
            return None
        return dict(zip(("kind", "value", "value_min", "value_max", "qualifier", "unit", "currency"), row))


def marks(prefix: str, values: Sequence[str], params: dict) -> str:
    """Named placeholders `:prefix0, :prefix1, ...` for the values, which are put in `params`."""
    names = []
    for i, value in enumerate(values):
        params[f"{prefix}{i}"] = value
        names.append(f":{prefix}{i}")
    return ", ".join(names)
