"""The report's queries: claims joined with their documents, clusters and every reviewer's
decisions, streamed in report order so that no export holds all claims in memory.

Each list is one query whose ORDER BY brings a cluster's members (and a claim's decisions)
together; rows are folded into report records as they arrive and dropped once written. Passages
are read with SQL's substr() around each claim, never as whole documents. Wrap an export in
`snapshot()` so that every query sees the database as it was when the export began, however
much a reviewer decides meanwhile.
"""

from __future__ import annotations

import itertools
import operator
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.agreement import Agreement, agreement_from_matrix
from workbench.core.model import Claim
from workbench.core.adjudication import FinalVerdict
from workbench.core.report.model import (
    ADJUDICATED,
    ALL,
    CHECKED_ALONE,
    DISAGREED,
    IN_DISPUTE,
    MIXED,
    REVIEWED_ALONE,
    UNREVIEWED,
    UNVERIFIED,
    VERDICTS,
    Decision,
    DocumentEntry,
    Excerpt,
    ReportClaim,
    ReportCluster,
    ReportSummary,
    ReviewerCounts,
    Source,
)
from workbench.core.corrections import Correction, apply as apply_correction, describe
from workbench.core.report.text import format_when
from workbench.store import connection, corrections, final_verdicts, orphans, rows
from workbench.store.review import log
from workbench.store.orphans import OrphanedDecision, count_orphaned_decisions
from workbench.store.verdicts import IS_DECIDED, IS_VERDICT as _IS_VERDICT

if TYPE_CHECKING:
    from workbench.core.frames import QuantityFrame

_PAGE = 500
_SOURCES_KEPT = 4096  # documents whose Source a fold remembers (memory stays flat)
EXCERPT_REACH = 320  # characters of the passage quoted on each side of a claim
SENTENCE_LIMIT = 600  # characters of a claim's sentence read (for ClaimReview's claimReviewed)

# A claim's passage when it was recorded and holds the claim; else the whole document.
_HAS_PASSAGE = 'c.passage_end > c.passage_start AND c.passage_start <= c."start" AND c."end" <= c.passage_end'
_FIRST = f"CASE WHEN {_HAS_PASSAGE} THEN c.passage_start ELSE 0 END"
_LAST = f'CASE WHEN {_HAS_PASSAGE} THEN c.passage_end ELSE COALESCE(d.chars, c."end") END'
_LO = f'max({_FIRST}, c."start" - {EXCERPT_REACH})'
_HI = f'min({_LAST}, c."end" + {EXCERPT_REACH})'
_PASSAGE_COLUMNS = f"{_FIRST}, {_LAST}, {_LO}, {_HI}, substr(d.text, {_LO} + 1, {_HI} - {_LO})"
_NO_PASSAGE_COLUMNS = "NULL, NULL, NULL, NULL, NULL"
_SENTENCE_COLUMN = f"substr(d.text, c.sentence_start + 1, min(c.sentence_end - c.sentence_start, {SENTENCE_LIMIT}))"
# The claim's columns in the order of Claim's fields, so that Claim(*row) rebuilds it (a date's
# ISO string stands in for the number it does not have).
_CLAIM_SOURCES = {"doc_name": "d.name", "value": "COALESCE(c.value_text, c.value)"}
_CLAIM_SELECT = ", ".join(_CLAIM_SOURCES.get(f.name, f'c."{f.name}"') for f in fields(Claim))
_N_CLAIM = len(fields(Claim))
_CLAIM_COLUMNS = f"{_CLAIM_SELECT}, d.id, d.title, d.published, d.author, d.site, d.path, m.cluster_id"
_DECISION_COLUMNS = "r.reviewer, r.verdict, r.note, r.scope, r.decided_at"
# A claim's final verdict (schema 0009), joined as `fv`; NULLs for a database without the table.
_FINAL_COLUMNS = "fv.verdict, fv.reason, fv.adjudicator, fv.decided_at"
_FINAL_JOIN = "LEFT JOIN final_verdicts fv ON fv.claim_id = c.id"
_HAS_FINAL = "EXISTS (SELECT 1 FROM final_verdicts f WHERE f.claim_id = c.id)"


def _text_columns(passages: bool, sentences: bool) -> str:
    """The columns of the text read around each claim: its passage, its sentence, or neither."""
    return f"{_PASSAGE_COLUMNS if passages else _NO_PASSAGE_COLUMNS}, {_SENTENCE_COLUMN if sentences else 'NULL'}"


_HAS_VERDICT = "EXISTS (SELECT 1 FROM decisions x WHERE x.claim_id = c.id AND x.verdict {})"
# Reviewers gave the claim different verdicts: two decisions on it whose verdicts differ.
_DISAGREED = f"""EXISTS (SELECT 1 FROM decisions x JOIN decisions y ON y.claim_id = x.claim_id
                         WHERE x.claim_id = c.id AND x.verdict {_IS_VERDICT} AND y.verdict {_IS_VERDICT}
                               AND y.verdict > x.verdict)"""
_WHICH = {
    ALL: "1",
    CHECKED_ALONE: "m.cluster_id IS NULL AND " + _HAS_VERDICT.format(IS_DECIDED),
    UNVERIFIED: _HAS_VERDICT.format("= 'unverified'"),
    UNREVIEWED: "NOT " + _HAS_VERDICT.format("IS NOT NULL"),
    REVIEWED_ALONE: "m.cluster_id IS NULL AND " + _HAS_VERDICT.format("IS NOT NULL"),
    DISAGREED: _DISAGREED,
}

# Per cluster: whether a member was found conflicting (its final verdict, else any reviewer's), and
# how many verdicts its members have.
_CLUSTER_FLAGS = """
    flags AS (SELECT m.cluster_id, max(COALESCE({final}, x.verdict) = 'conflicting') AS conflict,
                     count(x.verdict) AS decided
              FROM cluster_members m JOIN decisions x ON x.claim_id = m.claim_id
              GROUP BY m.cluster_id)
"""
_FINAL_OF_MEMBER = "(SELECT f.verdict FROM final_verdicts f WHERE f.claim_id = m.claim_id)"
# Conflicts first (found by a reviewer, or suggested by the matcher while nobody has decided),
# then clusters whose values differ, then the rest.
_CLUSTER_RANK = """
    CASE WHEN f.conflict = 1 OR (COALESCE(f.decided, 0) = 0 AND k.suggested_verdict = 'conflicting') THEN 0
         WHEN k.relation = 'differ' THEN 1 ELSE 2 END
"""


class ReportQueries:
    """The report's data (core.report.model.ReportData) read from one open database connection."""

    def __init__(self, conn: sqlite3.Connection, database: str) -> None:
        self.conn = conn
        self.database = database
        self._corrections: dict[str, Correction] | None = None
        self._summary: ReportSummary | None = None
        self._tables = 0  # temporary tables made for ranked clusters
        self._decisions_join = _decisions_join(conn)
        self.finals = final_verdicts.has_final_verdicts(conn)  # schema 0009: adjudicators' final verdicts
        self._final_columns = _FINAL_COLUMNS if self.finals else "NULL, NULL, NULL, NULL"
        self._final_join = _FINAL_JOIN if self.finals else ""
        self._flags = _CLUSTER_FLAGS.format(final=_FINAL_OF_MEMBER if self.finals else "NULL")

    def _where(self, which: str) -> str:
        """The condition selecting one of the report's lists of claims (core.report.model's kinds)."""
        if which == IN_DISPUTE:
            return f"{_DISAGREED} AND NOT {_HAS_FINAL}" if self.finals else _DISAGREED
        if which == ADJUDICATED:
            return _HAS_FINAL if self.finals else "0"
        return _WHICH[which]

    @property
    def corrections(self) -> dict[str, Correction]:
        """Every correction, by claim id, read once per export (inside its snapshot)."""
        if self._corrections is None:
            self._corrections = corrections.all_corrections(self.conn)
        return self._corrections

    def _rejected(self, claim_id: str) -> bool:
        fix = self.corrections.get(claim_id)
        return fix is not None and fix.rejected

    def _not_rejected(self, alias: str = "c") -> str:
        """A condition leaving out claims marked not a claim (none before schema 0007)."""
        if not corrections.has_corrections(self.conn):
            return "1"
        return f"{alias}.id NOT IN (SELECT claim_id FROM corrections WHERE rejected = 1)"

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One read transaction around every query of an export: a consistent view in WAL mode."""
        began = not self.conn.in_transaction
        if began:
            self.conn.execute("BEGIN")
        try:
            yield
        finally:
            if began and self.conn.in_transaction:
                self.conn.execute("COMMIT")

    def claim_count(self) -> int:
        """How many claims the database holds (a first read, which begins a snapshot)."""
        return self._value("SELECT count(*) FROM claims")

    def count_claims(self, which: str) -> int:
        """How many claims one of the report's lists (core.report.model's kinds) holds."""
        return self._value(
            "SELECT count(*) FROM claims c LEFT JOIN cluster_members m ON m.claim_id = c.id"
            f" WHERE {self._where(which)} AND {self._not_rejected()}"
        )

    def reads_a_file(self) -> bool:
        """Whether the connection reads the database file itself, which another process can open
        too (not a private upgraded copy of an older file in memory)."""
        row = self.conn.execute("SELECT file FROM pragma_database_list WHERE name = 'main'").fetchone()
        return bool(row and row[0])

    def _rows(self, sql: str, params=()) -> Iterator[tuple]:
        cursor = self.conn.execute(sql, params)
        while page := cursor.fetchmany(_PAGE):
            yield from page

    def _value(self, sql: str, params=()):
        return self.conn.execute(sql, params).fetchone()[0]

    # ----------------------------------------------------------------------- the summary

    def summary(self) -> ReportSummary:
        """Counts of documents, claims, reviewed claims and clusters; verdicts and notes per
        reviewer. Counted once: an export reads one snapshot, so they cannot change under it."""
        if self._summary is None:
            self._summary = self._count_summary()
        return self._summary

    def use_summary(self, summary: ReportSummary) -> None:
        """Take the summary another process counted from the same snapshot (a report's second
        piece is one report with its first), rather than counting it again."""
        self._summary = summary

    def _count_summary(self) -> ReportSummary:
        documents, first, last = self.conn.execute(
            "SELECT count(*), min(published), max(published) FROM documents"
        ).fetchone()
        clusters, reviewed_clusters, conflicts = self.conn.execute(
            f"""WITH {self._flags}
                SELECT count(*), count(f.decided), COALESCE(sum({_CLUSTER_RANK} = 0), 0)
                FROM clusters k LEFT JOIN flags f ON f.cluster_id = k.id
                WHERE EXISTS (SELECT 1 FROM cluster_members m WHERE m.cluster_id = k.id)"""
        ).fetchone()
        return ReportSummary(
            database=self.database,
            documents=documents,
            claims=self._value(f"SELECT count(*) FROM claims c WHERE {self._not_rejected()}"),
            reviewed=self._value(f"SELECT count(*) FROM claims c WHERE {_HAS_VERDICT.format('IS NOT NULL')}"),
            clusters=clusters,
            clusters_reviewed=reviewed_clusters,
            conflicts=conflicts,
            reviewers=tuple(self._reviewer_counts()),
            first_published=first,
            last_published=last,
            agreements=tuple(self.agreements()),
            disagreements=self._value(f"SELECT count(*) FROM claims c WHERE {_DISAGREED}"),
            in_dispute=self._value(
                f"SELECT count(*) FROM claims c WHERE {self._where(IN_DISPUTE)} AND {self._not_rejected()}"
            ),
            adjudicated=self._value(
                f"SELECT count(*) FROM claims c WHERE {self._where(ADJUDICATED)} AND {self._not_rejected()}"
            ),
            orphaned=count_orphaned_decisions(self.conn),
        )

    def _reviewer_counts(self) -> Iterator[ReviewerCounts]:
        """Each reviewer's verdicts and notes on the stored claims (decisions on claims since gone are not counted)."""
        rows_ = self.conn.execute(
            """SELECT r.reviewer, r.verdict, count(*), sum(COALESCE(r.note, '') != ''), min(r.decided_at),
                      max(r.decided_at)
               FROM decisions r JOIN claims c ON c.id = r.claim_id
               GROUP BY r.reviewer, r.verdict ORDER BY r.reviewer"""
        )
        for reviewer, group in itertools.groupby(rows_, key=lambda row: row[0]):
            group = list(group)
            yield ReviewerCounts(
                reviewer=reviewer,
                verdicts={verdict: count for _, verdict, count, *_ in group if verdict in VERDICTS},
                notes=sum(row[3] for row in group),
                first=min((row[4] for row in group if row[4]), default=None),
                last=max((row[5] for row in group if row[5]), default=None),
            )

    def agreements(self) -> Iterator[Agreement]:
        """The agreement of every two reviewers who gave verdicts on the same stored claims, the pair
        sharing most claims first; counted in SQL, so it takes the same memory for any number of claims."""
        cells = self.conn.execute(
            f"""SELECT a.reviewer, b.reviewer, a.verdict, b.verdict, count(*)
                FROM decisions a
                JOIN decisions b ON b.claim_id = a.claim_id AND b.reviewer > a.reviewer
                JOIN claims c ON c.id = a.claim_id
                WHERE a.verdict {_IS_VERDICT} AND b.verdict {_IS_VERDICT}
                GROUP BY a.reviewer, b.reviewer, a.verdict, b.verdict
                ORDER BY a.reviewer, b.reviewer"""
        ).fetchall()  # at most 9 rows per pair of reviewers
        pairs = [
            agreement_from_matrix(first, second, [(va, vb, n) for *_, va, vb, n in group])
            for (first, second), group in itertools.groupby(cells, key=lambda row: row[:2])
        ]
        return iter(sorted(pairs, key=lambda pair: -pair.claims))

    def orphaned_decisions(self) -> Iterator[OrphanedDecision]:
        """Decisions on claims no longer stored (a re-ingest removed them), by document, position
        and reviewer, each with what its claim said; streamed, like every list of the report."""
        return orphans.orphaned_decisions(self.conn)

    # ----------------------------------------------------------------------- clusters and claims

    def clusters(
        self,
        *,
        reviewed_only: bool = False,
        passages: bool = True,
        sentences: bool = False,
        first: int | None = None,
        skip: int = 0,
    ) -> Iterator[ReportCluster]:
        """Clusters with their members, conflicts first, members in document order; with each
        member's passage and/or sentence when asked for; only the `first` few when given, and
        after the `skip` first (a report rendered in pieces reads its clusters piece by piece).

        The few are chosen by ranking the clusters alone, so that the key findings do not sort
        every member of every cluster to read twenty; a cluster is counted there only if it has
        a member that is still a claim, as only such a cluster is yielded."""
        conditions = ["f.decided > 0"] if reviewed_only else []
        columns = (
            "k.id, k.relation, k.suggested_verdict, k.explanation, k.subject, k.kind,"
            f" {_CLAIM_COLUMNS}, {_text_columns(passages, sentences)}, {self._final_columns}, {_DECISION_COLUMNS}"
        )
        members = f"""JOIN cluster_members m ON m.cluster_id = k.id
            JOIN claims c ON c.id = m.claim_id
            JOIN documents d ON d.id = c.doc_id
            {self._final_join}
            {self._decisions_join}"""
        ranked = self._ranked_clusters(conditions, first, skip)
        if ranked is not None:
            # The clusters ranked first, alone, into a table in their order: the members are then
            # read cluster by cluster, and only each cluster's members are sorted, never the
            # passages of every member together (which SQLite would sort in temporary files).
            sql = f"""SELECT {columns} FROM {ranked} o CROSS JOIN clusters k ON k.id = o.id {members}
                      ORDER BY o.pos, d.name, c.doc_id, c.seq, r.reviewer"""
        else:  # no table can be made (a read-only copy in memory): one query sorts it all
            if first is not None or skip:
                conditions.append(f"k.id IN ({self._ranking(conditions, first, skip)})")
            where = "WHERE " + " AND ".join(conditions) if conditions else ""
            sql = f"""WITH {self._flags} SELECT {columns} FROM clusters k LEFT JOIN flags f ON f.cluster_id = k.id
                      {members} {where} ORDER BY {_CLUSTER_RANK}, k.id, d.name, c.doc_id, c.seq, r.reviewer"""
        try:
            for _, group in itertools.groupby(self._report_claims(sql, prefix=6), key=lambda pair: pair[0][0]):
                (head, first_member), *rest = group
                yield ReportCluster(*head, members=[first_member, *(member for _, member in rest)])
        finally:
            if ranked is not None:
                self._drop(ranked)

    def _ranking(self, conditions: list[str], first: int | None, skip: int, columns: str = "k.id") -> str:
        """The clusters that hold a claim and meet `conditions`, in the report's order (conflicts
        first), the `first` after the `skip` first: their `columns`; `flags` is a WITH of the query."""
        ranked = " AND ".join([*conditions, self._has_claims("k")])
        return f"""SELECT {columns} FROM clusters k LEFT JOIN flags f ON f.cluster_id = k.id WHERE {ranked}
                   ORDER BY {_CLUSTER_RANK}, k.id LIMIT {-1 if first is None else int(first)} OFFSET {int(skip)}"""

    def _ranked_clusters(self, conditions: list[str], first: int | None, skip: int) -> str | None:
        """A temporary table of the ranked clusters' ids (`_ranking`), `pos` their place in the
        report; None when the connection takes no table (query_only)."""
        self._tables += 1
        name = f"temp.report_clusters_{self._tables}"
        try:
            self.conn.execute(f"CREATE TABLE {name} (pos INTEGER PRIMARY KEY, id TEXT NOT NULL)")
        except sqlite3.OperationalError:
            return None
        position = f"row_number() OVER (ORDER BY {_CLUSTER_RANK}, k.id), k.id"
        self.conn.execute(
            f"INSERT INTO {name} (pos, id) WITH {self._flags} {self._ranking(conditions, first, skip, position)}"
        )
        return name

    def _drop(self, table: str) -> None:
        try:
            self.conn.execute(f"DROP TABLE IF EXISTS {table}")
        except sqlite3.OperationalError:  # still read by a statement left open: it goes with the connection
            pass

    def _has_claims(self, cluster: str) -> str:
        """A condition on the cluster aliased `cluster`: one of its members is a claim (stored, and not marked not a claim)."""
        return f"EXISTS (SELECT 1 {self._member_claims(cluster)})"

    def _member_claims(self, cluster: str) -> str:
        """FROM and WHERE of the claims that are members of the cluster aliased `cluster`."""
        return (
            "FROM cluster_members hm JOIN claims hc ON hc.id = hm.claim_id"
            f" WHERE hm.cluster_id = {cluster}.id AND {self._not_rejected('hc')}"
        )

    def cluster_sizes(self) -> Iterator[int]:
        """How many claims each cluster the report shows holds, in the report's order of clusters."""
        size = f"(SELECT count(*) {self._member_claims('k')})"
        for (count,) in self._rows(f"WITH {self._flags} {self._ranking([], None, 0, size)}"):
            yield count

    def claims(self, which: str, *, passages: bool = True, sentences: bool = False) -> Iterator[ReportClaim]:
        """Claims of one kind (core.report.model: ALL, UNREVIEWED, ...), by document and position;
        with each one's passage and/or sentence when asked for."""
        sql = f"""
            SELECT {_CLAIM_COLUMNS}, {_text_columns(passages, sentences)}, {self._final_columns}, {_DECISION_COLUMNS}
            FROM claims c
            JOIN documents d ON d.id = c.doc_id
            LEFT JOIN cluster_members m ON m.claim_id = c.id
            {self._final_join}
            {self._decisions_join}
            WHERE {self._where(which)}
            ORDER BY d.name, c.doc_id, c.seq, r.reviewer"""
        for _, member in self._report_claims(sql, prefix=0):
            yield member

    def _report_claims(self, sql: str, *, prefix: int) -> Iterator[tuple[tuple, ReportClaim]]:
        """Fold rows (one per claim and reviewer) into ReportClaims; `prefix` columns come first and are passed on.

        A report folds every claim of the database, so the common case is kept short: a claim
        with no decision and no correction, whose document's Source was made for its last claim."""
        claim_end = prefix + _N_CLAIM
        corrections_ = self.corrections
        sources: dict[str, Source] = {}  # a document's Source, shared by its claims
        for _, group in itertools.groupby(self._rows(sql), key=operator.itemgetter(prefix)):
            row, *more = group
            read = Claim(*row[prefix:claim_end])
            fix = corrections_.get(read.id)
            if fix is None:
                claim = read
            elif fix.rejected:
                continue  # not a claim: left out of every list of the report
            else:
                claim = apply_correction(read, fix)
            doc_id = row[claim_end]
            source = sources.get(doc_id)
            if source is None:
                if len(sources) >= _SOURCES_KEPT:
                    sources.clear()
                # id, title, published, author, site, location
                source = sources[doc_id] = Source(doc_id, claim.doc_name, *row[claim_end + 1 : claim_end + 6])
            first, last, lo, hi, excerpt, sentence = row[claim_end + 7 : claim_end + 13]
            final_verdict = row[claim_end + 13]
            if more or row[-5] is not None:
                decisions = tuple(Decision(*r[-5:]) for r in (row, *more) if r[-5] is not None)
            else:
                decisions = ()
            yield (
                row[:prefix],
                ReportClaim(
                    claim=claim,
                    source=source,
                    decisions=decisions,
                    cluster_id=row[claim_end + 6],
                    excerpt=None if lo is None else self._excerpt(claim, doc_id, first, last, lo, hi, excerpt),
                    sentence=sentence,
                    correction=None if fix is None else _correction_words(read, claim, fix),
                    final=None
                    if not final_verdict
                    else FinalVerdict(read.id, final_verdict, *_final_details(row[claim_end + 14 : claim_end + 17])),
                ),
            )

    def _excerpt(self, claim: Claim, doc_id: str, first, last, lo, hi, text) -> Excerpt | None:
        """The passage around the claim; read again in Python if SQL's substr() stopped early (at a NUL)."""
        if lo is None:
            return None
        if text is None or len(text) != hi - lo:
            whole = self._value("SELECT text FROM documents WHERE id = ?", [doc_id]) or ""
            text = whole[lo:hi]
        return Excerpt(text, claim.start - lo, claim.end - lo, cut_before=lo > first, cut_after=hi < last)

    def documents(self) -> Iterator[DocumentEntry]:
        """Documents by name, each with its claims counted once, under the claim's one verdict
        (`combined_verdict`: conflicting if any reviewer found it so, the common verdict if all
        agree, else mixed), so that the counts add up to the reviewed claims."""
        shown = (*VERDICTS, MIXED)
        final_verdict = "fv.verdict" if self.finals else "NULL"
        counted = ", ".join(f"sum(v = {v!r}) AS n_{v}" for v in shown)
        sql = f"""
            WITH one AS (
                SELECT c.doc_id,
                       CASE WHEN max({final_verdict}) IS NOT NULL THEN max({final_verdict})
                            WHEN max(x.verdict = 'conflicting') THEN 'conflicting'
                            WHEN count(DISTINCT x.verdict) = 1 THEN min(x.verdict)
                            ELSE {MIXED!r} END AS v
                FROM claims c JOIN decisions x ON x.claim_id = c.id AND x.verdict IS NOT NULL
                {self._final_join}
                GROUP BY c.id),
            per AS (SELECT doc_id, count(*) AS reviewed, {counted} FROM one GROUP BY doc_id)
            SELECT {rows.document_row_sql(count_claims=True)},
                   d.sha256, d.encoding, COALESCE(per.reviewed, 0),
                   {", ".join(f"COALESCE(per.n_{v}, 0)" for v in shown)}
            FROM documents d LEFT JOIN per ON per.doc_id = d.id ORDER BY d.name, d.id"""
        base = len(rows.DOCUMENT_ROW_COLUMNS)
        for row in self._rows(sql):
            yield DocumentEntry(
                *row[:base],
                sha256=row[base],
                encoding=row[base + 1],
                reviewed=row[base + 2],
                verdicts=dict(zip(shown, row[base + 3 :])),
            )

    # ----------------------------------------------------------------------- the JSON export

    def export_documents(self) -> Iterator[dict]:
        """Each document's export fields, by name."""
        columns = ("id", "name", "title", "published", "author", "site", "sha256", "encoding")
        for row in self._rows(f"SELECT {rows.quoted(columns)} FROM documents ORDER BY name, id"):
            yield dict(zip(columns, row))

    def export_claims(self) -> Iterator[tuple[Claim, str | None, dict | None, QuantityFrame | None]]:
        """Every claim, as corrected, with the id of its cluster, its correction object (None when
        uncorrected) and the frame the matcher stored for it (None when it stored none under this
        FRAMES_VERSION, or the claim is corrected), by document name and position; claims marked
        not a claim are left out."""
        sql = (
            f"SELECT {rows.CLAIM_SELECT}, {rows.quoted(rows.FRAME_COLUMNS, 'c')}, c.frames_version, m.cluster_id"
            " FROM documents d CROSS JOIN claims c ON c.doc_id = d.id"  # by document: sorted within each only
            " LEFT JOIN cluster_members m ON m.claim_id = c.id"
            " ORDER BY d.name, d.id, c.seq"
        )
        frame_at = rows.N_CLAIM_SELECT
        for row in self._rows(sql):
            claim = rows.claim_from_row(row[:frame_at])
            fix = self.corrections.get(claim.id)
            if fix is None:
                yield claim, row[-1], None, rows.stored_frame(row[frame_at:-2], row[-2])
                continue
            if fix.rejected:
                continue
            corrected = apply_correction(claim, fix)
            yield corrected, row[-1], _export_correction(claim, corrected, fix), None

    def claims_without_frames(self) -> int:
        """How many claims hold no quantity frame stored under this FRAMES_VERSION (matched by an
        older version, or never matched): the JSON export reads theirs from the text."""
        from workbench.core.frames import FRAMES_VERSION

        return self._value("SELECT count(*) FROM claims WHERE frames_version IS NOT ?", [FRAMES_VERSION])

    def export_corrections(self) -> Iterator[dict]:
        """Every correction in force, by claim id: on stored claims, marked not a claim, or
        orphaned (the claim's sentence changed in a re-ingest)."""
        stored = corrections.stored_claim_ids(self.conn, self.corrections)
        for claim_id in sorted(self.corrections):
            fix = self.corrections[claim_id]
            yield {"claim_id": claim_id, **fix.as_dict(), "orphaned": claim_id not in stored}

    def export_clusters(self, frames: ExportFrames | None = None) -> Iterator[dict] | Iterator[tuple[dict, list]]:
        """Every cluster by id, with its members' ids in document order; with `frames`, as
        (cluster, its members' quantity frames) pairs: each member's stored frame, or the one
        the export read for it (kept in `frames`), read back in the same query."""
        columns = ("id", "relation", "suggested_verdict", "explanation", "subject", "kind", "size")
        framed = frames is not None
        joined = framed and frames.in_memory is None  # the frames read at export are in the table
        frame_columns = ""
        if framed:
            read = (
                f"h.claim_id, {ExportFrames.COLUMNS}" if joined else ", ".join(["NULL"] * (1 + len(rows.FRAME_COLUMNS)))
            )
            frame_columns = f", {rows.quoted(rows.FRAME_COLUMNS, 'c')}, c.frames_version, {read}"
        sql = (
            f"SELECT {', '.join('k.' + rows.quoted([c]) for c in columns)}, c.id{frame_columns}"
            " FROM clusters k LEFT JOIN cluster_members m ON m.cluster_id = k.id"
            " LEFT JOIN claims c ON c.id = m.claim_id LEFT JOIN documents d ON d.id = c.doc_id"
            + (f" LEFT JOIN {ExportFrames.TABLE} h ON h.claim_id = c.id" if joined else "")
            + " ORDER BY k.id, d.name, d.id, c.seq"
        )
        if framed:
            frames.flush()
        at = len(columns)  # the member's id, then (framed) its stored frame and the one read at export
        stored_at = at + 1
        for _, group in itertools.groupby(self._rows(sql), key=lambda row: row[0]):
            first, *more = group
            group = [row for row in (first, *more) if row[at] is not None and not self._rejected(row[at])]
            cluster = {**dict(zip(columns, first)), "claim_ids": [row[at] for row in group]}
            if framed:
                yield cluster, [frames.frame_of(row[at], row[stored_at:]) for row in group]
            else:
                yield cluster

    def export_final_verdicts(self) -> Iterator[dict]:
        """Every final verdict in force, by claim id, with whether its claim is still stored."""
        found = final_verdicts.all_final_verdicts(self.conn)
        stored = corrections.stored_claim_ids(self.conn, found)
        for claim_id in sorted(found):
            yield {**found[claim_id].as_dict(), "orphaned": claim_id not in stored}

    def export_in_dispute(self) -> Iterator[str]:
        """The ids of the claims in dispute (reviewers' verdicts differ, no final verdict), by
        document and position; claims marked not a claim are left out."""
        sql = (
            f"SELECT c.id FROM claims c JOIN documents d ON d.id = c.doc_id"
            f" WHERE {self._where(IN_DISPUTE)} ORDER BY d.name, c.doc_id, c.seq"
        )
        for (claim_id,) in self._rows(sql):
            if not self._rejected(claim_id):
                yield claim_id

    def decisions(self) -> Iterator[dict]:
        """Every reviewer's decision on every claim (including claims no longer stored), by claim and reviewer."""
        columns = ("claim_id", "reviewer", "verdict", "note", "scope", "decided_at")
        for row in self._rows(f"SELECT {rows.quoted(columns)} FROM decisions ORDER BY claim_id, reviewer"):
            yield dict(zip(columns, row))

    def review_log(self) -> Iterator[dict]:
        """The review log, oldest entry first."""
        columns = log.columns_in(self.conn)
        for row in self._rows(f"SELECT {rows.quoted(columns)} FROM review_log ORDER BY id"):
            yield dict(zip(columns, row))


class ExportFrames:
    """The quantity frames an export reads from the text (for the claims whose frames are not
    stored), kept in a temporary table of the export's connection, not in memory, until its
    clusters are written and read them back (`ReportQueries.export_clusters`).

    Called with a claim, it reads the claim's frame with `read` (core.frames.FrameReader) and
    keeps it."""

    TABLE = "temp.export_frames"
    _FIELDS = tuple(column.removeprefix("frame_") for column in rows.FRAME_COLUMNS)
    COLUMNS = ", ".join(f"h.{name}" for name in _FIELDS)

    def __init__(self, conn: sqlite3.Connection, read) -> None:
        self._conn = conn
        self._read = read
        self._kept: list[tuple] = []
        # A database read through an upgraded copy in memory (query_only) takes no table: the
        # frames are kept here then, beside the copy that holds the whole database anyway.
        self.in_memory: dict[str, QuantityFrame | None] | None = None
        try:
            conn.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS export_frames (claim_id TEXT PRIMARY KEY, {', '.join(self._FIELDS)})"
            )
            conn.execute(f"DELETE FROM {self.TABLE}")
        except sqlite3.OperationalError:
            self.in_memory = {}

    def __call__(self, claim: Claim) -> QuantityFrame | None:
        frame = self._read(claim)
        if self.in_memory is not None:
            self.in_memory[claim.id] = frame
            return frame
        self._kept.append((claim.id, *(rows.frame_values(frame) if frame is not None else (None,) * len(self._FIELDS))))
        if len(self._kept) >= _PAGE:
            self.flush()
        return frame

    def flush(self) -> None:
        """Write the frames read since the last flush to the table."""
        if self._kept:
            marks = ", ".join("?" * (1 + len(self._FIELDS)))
            self._conn.executemany(f"INSERT OR REPLACE INTO {self.TABLE} VALUES ({marks})", self._kept)
            self._kept.clear()

    def frame_of(self, claim_id: str, columns: Sequence) -> QuantityFrame | None:
        """A member's frame from its columns in export_clusters (its stored frame, frames_version,
        and the table's claim_id and fields): the one read at export, else the stored one."""
        if self.in_memory is not None:
            if claim_id in self.in_memory:
                return self.in_memory[claim_id]
        elif columns[len(rows.FRAME_COLUMNS) + 1] is not None:
            from workbench.core.frames import QuantityFrame

            return QuantityFrame(*columns[len(rows.FRAME_COLUMNS) + 2 :])
        return rows.stored_frame(columns[: len(rows.FRAME_COLUMNS)], columns[len(rows.FRAME_COLUMNS)])


class CommitWatch:
    """Whether any connection, in any process, committed to the database file between the watch's
    making and a later look: SQLite's data_version, read on a connection of the watch's own.

    Two read snapshots begun within one unchanged interval see the same database, which is how
    a report rendered in two processes is known to be one consistent report. The later look may
    come from another thread."""

    def __init__(self, path: str | Path) -> None:
        self._conn = connection.connect(path, read_only=True, any_thread=True)
        try:
            self._first = self._version()
        except BaseException:
            self._conn.close()
            raise

    def _version(self) -> int:
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def unchanged(self) -> bool:
        return self._version() == self._first

    def close(self) -> None:
        self._conn.close()


def _decisions_join(conn: sqlite3.Connection) -> str:
    """The join of each claim's decisions (aliased r), through the decisions' primary key: left
    to itself, SQLite, which has no statistics of a read-only database, builds an automatic
    covering index of the whole table for each list of claims instead (25 MB of temporary files
    each time on the reviewed Reuters database)."""
    key = next((row[1] for row in conn.execute("PRAGMA index_list(decisions)") if row[3] == "pk"), None)
    indexed = f' INDEXED BY "{key}"' if key else ""
    return f"LEFT JOIN decisions r{indexed} ON r.claim_id = c.id"


def _final_details(columns: tuple) -> tuple[str, str, str | None]:
    """A final verdict's reason, adjudicator and time from its columns (the text ones never None)."""
    reason, adjudicator, decided_at = columns
    return reason or "", adjudicator or "", decided_at


def _correction_words(read: Claim, corrected: Claim, fix: Correction | None) -> str | None:
    """The report's line on a corrected claim: "read as £2m, corrected to £20.4m by alice"."""
    if fix is None:
        return None
    words = describe(read, corrected, fix)
    return f"{words} on {format_when(fix.corrected_at)}" if words and fix.corrected_at else words or None


def _export_correction(read: Claim, corrected: Claim, fix: Correction) -> dict:
    """The export's correction object on a claim: the extractor's reading, who corrected it, when."""
    original = read.as_dict()
    return {
        "original": {name: original[name] for name in ("kind", "value", "qualifier", "unit", "currency")},
        "reviewer": fix.reviewer,
        "corrected_at": fix.corrected_at,
        "description": describe(read, corrected, fix),
    }
