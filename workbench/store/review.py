"""Everything the review UI asks of the database: ordered views of the claims, one page of rows
at a time, a claim's source and cluster, reviewers' decisions with their log, undo and redo, and
each reviewer's session.

Plain `sqlite3`, not sqlite-utils: the review screen has to be up within a second of starting, and
sqlite-utils is slow to import. Each connection belongs to the thread that opened it. Every change
is one short write transaction that is committed before the method returns, so a decision the UI
shows as made has reached the database.

The review log is the history of every change a reviewer makes. Entries written by one action
share a `batch` (the id of the batch's first entry). Undo and redo append entries of their own
with the batch they undo or redo, so the log alone says which batches are in force: undo takes
the batch most recently made or redone; redo takes back the batch most recently undone, unless a
new decision has been made since.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from collections import defaultdict
from array import array
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timezone
from pathlib import Path

from workbench.core import surgery as core_surgery
from workbench.core.corrections import Correction, apply as apply_correction
from workbench.core.added import AddedClaim, AddError, check_span, new_added_claim
from workbench.core.agreement import VERDICTS
from workbench.core.claims import read_selection
from workbench.store import (
    added, connection, corrections, final_verdicts, integrity, orphans, settings, surgery, versions,
)
from workbench.store.errors import ClaimGone, StoreError, sqlite_errors

UNREVIEWED = "unreviewed"
RELATIONS = ("agree", "differ", "none")  # 'none': the claim is in no cluster
GROUPINGS = ("cluster", "document")
LINK_STATUSES = ("suggested", "accepted", "rejected")

# actions that start a batch of their own
_NEW_ACTIONS = ("decide", "note", "link", "correct", "surgery", "add", "adjudicate")
_NEW_ACTIONS_SQL = ", ".join(f"'{action}'" for action in _NEW_ACTIONS)
_PAGE = 256  # claims fetched per query when scanning the order for the next match
BUSY_RETRIES = 3  # then how many more times a write asks for the lock before it gives up


def connect(path: str, busy_timeout_ms: int | None = None) -> sqlite3.Connection:
    """Open the database for this thread as every reader and writer does (store.connection:
    foreign keys on, the busy timeout), autocommit (transactions are explicit), in WAL mode with
    synchronous=NORMAL, as the store sets it, where the file allows."""
    conn = connection.connect(path, busy_timeout_ms=busy_timeout_ms, autocommit=True)
    connection.set_file_pragmas(conn, strict=False)  # read-only file or locked: keep its mode
    return conn


def needs_migration(path: str) -> bool:
    """Whether the database lacks any migration of this version (cheap: no sqlite-utils import)."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return True
    try:
        return bool(versions.pending_migrations(conn))
    except sqlite3.Error:
        return True
    finally:
        conn.close()


def migrate(path: str) -> None:
    """Bring the database to the current schema, as any writing command does when it opens it."""
    from workbench.store.db import open_store

    open_store(path).close()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


# --- views: which claims, in what order --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ViewSpec:
    """What the claims list shows: the grouping and the filters. Saved with the session."""

    grouping: str = "cluster"  # cluster | document
    verdicts: tuple[str, ...] = ()  # the reviewer's verdicts, or 'unreviewed'
    docs: tuple[str, ...] = ()  # document ids
    kinds: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()  # the cluster's relation: agree | differ | none
    search: str = ""  # case-insensitive, in the surface, the subject or the claim's sentence

    @property
    def is_filtered(self) -> bool:
        return bool(self.verdicts or self.docs or self.kinds or self.relations or self.search)

    def cleared(self) -> ViewSpec:
        return ViewSpec(grouping=self.grouping)

    def as_dict(self) -> dict:
        return {f.name: list(v) if isinstance(v := getattr(self, f.name), tuple) else v for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict | None) -> ViewSpec:
        """A spec from saved JSON, ignoring unknown keys and values that no longer make sense."""
        if not isinstance(data, dict):
            return cls()
        spec = cls()
        grouping = data.get("grouping")
        if grouping in GROUPINGS:
            spec = replace(spec, grouping=grouping)
        for name in ("verdicts", "docs", "kinds", "relations"):
            value = data.get(name)
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                spec = replace(spec, **{name: tuple(value)})
        if isinstance(data.get("search"), str):
            spec = replace(spec, search=data["search"])
        return spec


@dataclass(frozen=True, slots=True)
class Group:
    """A heading in the claims list: a cluster, a document, or a document's unmatched claims."""

    kind: str  # cluster | document | unmatched
    key: str  # cluster id or document id
    size: int  # claims of the group shown in this view


@dataclass(slots=True)
class ClaimOrder:
    """One snapshot of the claims list: claim rowids in display order, with group headings.

    `entries[i]` is a claim's rowid, or `-(g + 1)` for the heading of `groups[g]`. 100,000
    claims take 800 KB; the rows themselves are fetched a page at a time when shown.
    """

    spec: ViewSpec
    entries: array
    groups: list[Group]
    claim_count: int

    def __len__(self) -> int:
        return len(self.entries)

    def position_of(self, rowid: int) -> int | None:
        try:
            return self.entries.index(rowid)
        except ValueError:
            return None

    def group_at(self, position: int) -> int:
        """Index of the group the entry at `position` belongs to (-1 when ungrouped)."""
        for pos in range(position, -1, -1):
            entry = self.entries[pos]
            if entry < 0:
                return -entry - 1
        return -1


def build_order(conn: sqlite3.Connection, reviewer: str, spec: ViewSpec) -> ClaimOrder:
    """The claims that `spec` selects, in display order, with a heading before each group.

    Grouped by cluster: clusters suggested as conflicting first, then those whose values differ,
    then the rest; members by document name and position; then the claims in no cluster, by
    document. Grouped by document: by document name, then position.

    SQLite reads the claims in the order of the (doc_id, seq) index, without sorting, and the
    groups are put in order here on small integer keys: sorting 100,000 joined rows on text
    columns in SQL took most of a second.
    """
    doc_rank = {doc_id: rank for rank, (doc_id,) in enumerate(
        conn.execute("SELECT id FROM documents ORDER BY name, id"))}
    where, params = [], []
    if spec.docs:
        where.append(f"c.doc_id IN ({','.join('?' * len(spec.docs))})")
        params += spec.docs
    if spec.kinds:
        where.append(f"c.kind IN ({','.join('?' * len(spec.kinds))})")
        params += spec.kinds
    needle = spec.search.casefold().strip()
    columns = "c.rowid, c.doc_id" + (", c.surface, c.subject, c.sentence_start, c.sentence_end" if needle else "")
    rows: Iterable[tuple] = conn.execute(
        f"SELECT {columns} FROM claims c {'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY c.doc_id, c.seq",
        params,
    )
    if needle:
        rows = _search(conn, rows, needle)

    cluster_of = dict(conn.execute(
        "SELECT c.rowid, m.cluster_id FROM cluster_members m JOIN claims c ON c.id = m.claim_id"))
    wanted = _verdict_filter(conn, reviewer, spec.verdicts)
    rejected = corrections.rejected_rowids(conn)
    if rejected:
        decided = wanted
        wanted = lambda rowid: rowid not in rejected and (decided is None or decided(rowid))  # noqa: E731
    relations = set(spec.relations)
    relation_of: dict[str, str] = {}
    cluster_rank: dict[str, tuple] = {}
    for cluster_id, verdict, relation in conn.execute("SELECT id, suggested_verdict, relation FROM clusters"):
        relation_of[cluster_id] = relation
        cluster_rank[cluster_id] = (0 if verdict == "conflicting" else 1 if relation == "differ" else 2, cluster_id)

    by_cluster = spec.grouping != "document"
    # cluster id -> [(doc rank, index, rowid)]; doc id -> rowids, in document order.
    # This loop runs over every claim while the UI starts: no per-row allocations it can avoid.
    clusters: defaultdict[str, list[tuple[int, int, int]]] = defaultdict(list)
    documents: defaultdict[str, list[int]] = defaultdict(list)
    get_cluster = cluster_of.get if by_cluster or relations else (lambda rowid: None)
    rank_of = doc_rank.get
    for index, row in enumerate(rows):
        rowid = row[0]
        if wanted is not None and not wanted(rowid):
            continue
        cluster_id = get_cluster(rowid)
        if relations and (relation_of.get(cluster_id, "none") if cluster_id else "none") not in relations:
            continue
        if by_cluster and cluster_id is not None:
            clusters[cluster_id].append((rank_of(row[1], -1), index, rowid))
        else:
            documents[row[1]].append(rowid)

    entries, groups = array("q"), []
    for cluster_id in sorted(clusters, key=lambda k: cluster_rank.get(k, (3, k))):
        members = clusters[cluster_id]
        members.sort()
        groups.append(Group("cluster", cluster_id, len(members)))
        entries.append(-len(groups))
        entries.extend(rowid for _, _, rowid in members)
    kind = "unmatched" if by_cluster else "document"
    for doc_id in sorted(documents, key=lambda d: doc_rank.get(d, -1)):
        rowids = documents[doc_id]
        groups.append(Group(kind, doc_id, len(rowids)))
        entries.append(-len(groups))
        entries.extend(rowids)
    return ClaimOrder(spec, entries, groups, len(entries) - len(groups))


def _verdict_filter(conn: sqlite3.Connection, reviewer: str, verdicts: Sequence[str]):
    """A test of a claim's rowid against the verdict filter, or None when there is none."""
    if not verdicts:
        return None
    decided = dict(conn.execute(
        """SELECT c.rowid, r.verdict FROM decisions r JOIN claims c ON c.id = r.claim_id
           WHERE r.reviewer = ? AND r.verdict IS NOT NULL""", [reviewer]))
    chosen = set(verdicts)
    if UNREVIEWED in chosen:
        return lambda rowid: decided.get(rowid, UNREVIEWED) in chosen
    return lambda rowid: decided.get(rowid) in chosen


def _search(conn: sqlite3.Connection, rows: Iterable[tuple], needle: str) -> Iterator[tuple]:
    """Keep the rows whose surface, subject or sentence contains `needle` (already casefolded).

    Sentences are read from the documents that contain the needle at all, one document at a time.
    """
    texts: dict[str, str | None] = {}
    for row in rows:
        _rowid, doc_id, surface, subject, s_start, s_end = row
        if needle in (surface or "").casefold() or needle in (subject or "").casefold():
            yield row
            continue
        if doc_id not in texts:
            text = conn.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()[0]
            texts[doc_id] = text if text and needle in text.casefold() else None
        text = texts[doc_id]
        if text is not None and s_end and needle in text[s_start:s_end].casefold():
            yield row


def _marks(prefix: str, values: Sequence[str], params: dict) -> str:
    names = []
    for i, value in enumerate(values):
        params[f"{prefix}{i}"] = value
        names.append(f":{prefix}{i}")
    return ", ".join(names)


# --- what is shown ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One line of the claims list."""

    rowid: int
    id: str
    doc_id: str
    doc_name: str
    surface: str
    kind: str
    value: float | None
    value_text: str | None
    value_min: float | None
    value_max: float | None
    qualifier: str
    unit: str | None
    currency: str | None
    cluster_id: str | None
    suggested_verdict: str | None
    verdict: str | None  # this reviewer's
    scope: str | None
    has_note: bool
    corrected: bool = False  # a reviewer corrected the extractor's reading


_ROW_COLUMNS = """
    c.rowid, c.id, c.doc_id, d.name, c.surface, c.kind, c.value, c.value_text, c.value_min,
    c.value_max, c.qualifier, c.unit, c.currency, m.cluster_id, k.suggested_verdict,
    r.verdict, r.scope, COALESCE(r.note, '') != ''
"""
_ROW_JOINS = """
    FROM claims c
    JOIN documents d ON d.id = c.doc_id
    LEFT JOIN cluster_members m ON m.claim_id = c.id
    LEFT JOIN clusters k ON k.id = m.cluster_id
    LEFT JOIN decisions r ON r.claim_id = c.id AND r.reviewer = ?
"""


@dataclass(frozen=True, slots=True)
class Member:
    """A claim shown beside another: a member of its cluster, or the other end of a link."""

    id: str
    doc_id: str
    doc_name: str
    published: str | None
    surface: str
    kind: str
    value: float | None
    value_text: str | None
    value_min: float | None
    value_max: float | None
    qualifier: str
    unit: str | None
    currency: str | None
    speaker: str | None
    period: str | None
    subject: str | None
    verdict: str | None
    scope: str | None
    role: str | None = None  # cluster members: member | copy


_MEMBER_COLUMNS = """
    c.id, c.doc_id, d.name, d.published, c.surface, c.kind, c.value, c.value_text, c.value_min,
    c.value_max, c.qualifier, c.unit, c.currency, c.speaker, c.period, c.subject, r.verdict, r.scope
"""


@dataclass(frozen=True, slots=True)
class ClaimDetail:
    """A claim with its source: the passage around it and the document's title, date and author."""

    claim: Member
    rowid: int
    doc_title: str | None
    doc_author: str | None
    start: int
    end: int
    passage_start: int
    passage: str  # the document's text from passage_start
    other_spans: tuple[tuple[int, int], ...]  # other claims inside the passage
    cluster_id: str | None
    note: str | None
    decided_at: str | None
    correction: Correction | None = None  # in force on the claim, which `claim` shows applied
    original: Member | None = None  # the extractor's reading, when corrected
    page: int | None = None  # the PDF page the claim is on (from 1); None for other documents
    added: AddedClaim | None = None  # set when a reviewer added the claim (the extractor missed it)


@dataclass(frozen=True, slots=True)
class Cluster:
    id: str
    relation: str | None
    suggested_verdict: str | None
    explanation: str | None
    subject: str | None
    kind: str | None
    size: int | None


@dataclass(frozen=True, slots=True)
class ClusterSummary:
    """A cluster in figures: its members, their documents, this reviewer's verdicts on them, and
    the spread of their numeric values (kind is None when the members are of several kinds)."""

    count: int
    documents: int
    verdicts: dict[str, int]
    kind: str | None
    low: float | None
    median: float | None
    high: float | None

    @property
    def undecided(self) -> int:
        return self.count - sum(self.verdicts.values())


@dataclass(frozen=True, slots=True)
class Link:
    """A scored link from the selected claim to another: a related claim or a possible match."""

    a: str
    b: str
    link: str  # possible | related | copy
    score: float | None
    status: str | None
    explanation: str | None
    other: Member


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A document as the filter lists it."""

    id: str
    name: str
    title: str | None
    claims: int


@dataclass(slots=True)
class Progress:
    """How far the reviewer has come: claims decided out of all claims, per verdict."""

    total: int
    by_verdict: dict[str, int] = field(default_factory=dict)

    @property
    def reviewed(self) -> int:
        return sum(self.by_verdict.values())

    def apply(self, change: Change) -> None:
        for item in change.items:
            if item.action_kind not in ("link", "adjudicate") and item.from_verdict != item.to_verdict:
                if item.from_verdict:
                    self.by_verdict[item.from_verdict] = self.by_verdict.get(item.from_verdict, 0) - 1
                if item.to_verdict:
                    self.by_verdict[item.to_verdict] = self.by_verdict.get(item.to_verdict, 0) + 1


@dataclass(frozen=True, slots=True)
class ChangeItem:
    """One claim's (or one link's) state before and after a logged change."""

    claim_id: str
    from_verdict: str | None
    to_verdict: str | None
    from_note: str | None
    to_note: str | None
    from_scope: str | None
    to_scope: str | None
    other_claim_id: str | None = None
    action_kind: str = "decide"  # the original action: decide | note | link | correct | clusters | add | adjudicate
    from_correction: str | None = None  # action 'correct': the correction before and after (JSON)
    to_correction: str | None = None
    from_clusters: str | None = None  # kind 'clusters' (cluster surgery): the clusters before and after (JSON)
    to_clusters: str | None = None
    from_added: str | None = None  # action 'add': the added claim's record before and after (JSON)
    to_added: str | None = None


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


@dataclass(frozen=True, slots=True)
class Refreshed:
    """The database read afresh: this reviewer's progress, and what the others logged meanwhile."""

    progress: Progress
    log_id: int  # the newest review-log entry: what the next refresh counts from
    by_others: dict[str, int]  # other reviewer -> log entries they wrote since the last refresh


class ReviewStore:
    """One reviewer's view of a claims database, on a connection owned by the calling thread.

    Other reviewers may write to the same file from other processes at the same time: each
    write takes the lock for one short transaction, waits for it (busy timeout, then a few
    retries), and StoreError says so if the lock cannot be had; nothing is half-written."""

    def __init__(self, path: str, reviewer: str, *, busy_timeout_ms: int | None = None,
                 busy_retries: int = BUSY_RETRIES) -> None:
        self.path = path
        self.reviewer = reviewer
        self.busy_timeout_ms = settings.busy_timeout_ms(busy_timeout_ms)
        self.busy_retries = busy_retries
        self.busy_waits = 0  # times a write found the lock still held after the busy timeout
        self._checked = False  # the check before the first write has passed on this connection
        self._check_done: threading.Event | None = None  # set by a check run in the background
        self._check_error: StoreError | None = None  # what that check found
        self.conn = connect(path, self.busy_timeout_ms)
        self._doc_text: tuple[str | None, str] = (None, "")

    def close(self) -> None:
        self.conn.close()

    def check_in_background(self) -> None:
        """Run the check the first write needs (integrity.refuse_damaged: every table) now, on a connection of its own, so that it is done by the time the reviewer
        first decides; the first write waits for it rather than running it again. Called from a
        worker thread: it blocks until the check is done."""
        done = threading.Event()
        self._check_done = done
        try:
            conn = connect(self.path, self.busy_timeout_ms)
            try:
                integrity.refuse_damaged(conn, Path(self.path))
            finally:
                conn.close()
            self._checked = True
        except StoreError as error:  # damaged: the first write refuses with this reason
            self._check_error = error
        except sqlite3.Error:  # not checked here: the first write checks, and says why
            pass
        finally:
            done.set()

    # reading -------------------------------------------------------------------------------

    def build_order(self, spec: ViewSpec) -> ClaimOrder:
        return build_order(self.conn, self.reviewer, spec)

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
            sql = f"SELECT {_ROW_COLUMNS} {_ROW_JOINS} WHERE c.rowid IN ({','.join('?' * len(chunk))})"
            for row in self.conn.execute(sql, [self.reviewer, *chunk]):
                found[row[0]] = ClaimRow(*row[:-1], has_note=bool(row[-1]))
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
            SELECT {_MEMBER_COLUMNS}, c.rowid, d.title, d.author, c.start, c.end,
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
        (rowid, title, author, start, end, p_start, p_end, s_start, s_end, chars, cluster_id,
         note, decided_at, page) = row[n:]
        p_start, p_end = _passage_bounds(start, end, p_start, p_end, s_start, s_end)
        passage = self._text(member.doc_id)[p_start:p_end]
        others = tuple(
            (s, e)
            for s, e in self.conn.execute(
                "SELECT start, end FROM claims WHERE doc_id = ? AND start >= ? AND end <= ? AND id != ?",
                [member.doc_id, p_start, p_end, claim_id],
            )
        )
        return ClaimDetail(member, rowid, title, author, start, end, p_start, passage, others,
                           cluster_id, note, decided_at, correction, original if correction else None,
                           page, added.added_of(self.conn, claim_id))

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
        return self._corrected([
            Member(*row)
            for row in self.conn.execute(
                f"""
                SELECT {_MEMBER_COLUMNS}, m.role
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
        ])

    def _corrected(self, members: list[Member]) -> list[Member]:
        """The members as corrected, without those marked not a claim."""
        fixes = corrections.corrections_of(self.conn, [m.id for m in members])
        return [apply_correction(m, fixes.get(m.id)) for m in members
                if m.id not in fixes or not fixes[m.id].rejected]

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
        return ClusterSummary(count, documents, {"consistent": consistent or 0, "conflicting": conflicting or 0,
                                                  "unverified": unverified or 0},
                              kind if kinds == 1 else None, low, median, high)

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
        link_marks = _marks("l", kinds, params)
        rows = self.conn.execute(
            f"""
            SELECT l.a, l.b, l.link, COALESCE(l.masked_score, l.raw_score), l.status, l.explanation,
                   {_MEMBER_COLUMNS}
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

    def documents(self) -> list[DocumentSummary]:
        return [
            DocumentSummary(*row)
            for row in self.conn.execute(
                """SELECT d.id, d.name, d.title, (SELECT COUNT(*) FROM claims c WHERE c.doc_id = d.id)
                   FROM documents d ORDER BY d.name"""
            )
        ]

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
            corrections.rejected_rowids(self.conn))
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
            "SELECT verdict, note, scope FROM decisions WHERE claim_id = ? AND reviewer = ?",
            [claim_id, self.reviewer],
        ).fetchone()
        return tuple(row) if row else (None, None, None)

    def find(self, order: ClaimOrder, start: int, step: int, want: str) -> int | None:
        """Position of the nearest claim after `start` (before it when `step` is -1) that is
        unreviewed (`want='unreviewed'`), unreviewed and in this reviewer's share (`want='assigned'`,
        see store.assignment), or conflicting by this reviewer's verdict or, while undecided, by its
        cluster's suggestion (`want='conflicting'`). Wraps around once."""
        n = len(order.entries)
        if n == 0:
            return None
        share = []
        if want == "unreviewed":
            condition = "r.verdict IS NULL"
        elif want == "assigned":
            condition = "r.verdict IS NULL AND c.id IN (SELECT claim_id FROM assignments WHERE reviewer = ?)"
            share = [self.reviewer]
        else:
            condition = "(r.verdict = 'conflicting' OR (r.verdict IS NULL AND k.suggested_verdict = 'conflicting'))"
        for offset in range(1, n + 1, _PAGE):
            positions = ((start + step * i) % n for i in range(offset, min(offset + _PAGE, n + 1)))
            window = [p for p in positions if order.entries[p] >= 0]
            if not window:
                continue
            rowids = [order.entries[p] for p in window]
            sql = f"""SELECT c.rowid {_ROW_JOINS}
                      WHERE c.rowid IN ({','.join('?' * len(rowids))}) AND {condition}"""
            hits = {row[0] for row in self.conn.execute(sql, [self.reviewer, *rowids, *share])}
            for p in window:
                if order.entries[p] in hits:
                    return p
        return None

    def refresh(self, since_log_id: int = 0) -> Refreshed:
        """Read this reviewer's progress again, and count what other reviewers logged after
        `since_log_id` (the `log_id` of the previous refresh): another process's decisions are
        in every read that follows its commit, and this says how many there are."""
        log_id = self.last_log_id()
        by_others = dict(self.conn.execute(
            """SELECT reviewer, COUNT(*) FROM review_log WHERE id > ? AND id <= ? AND reviewer != ?
               GROUP BY reviewer ORDER BY reviewer""", [since_log_id, log_id, self.reviewer]))
        return Refreshed(self.progress(), log_id, by_others)

    def last_log_id(self) -> int:
        """The id of the newest review-log entry, by any reviewer (0 for an empty log)."""
        return self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM review_log").fetchone()[0]

    def log(self, limit: int = 200) -> list[LogEntry]:
        """This reviewer's most recent log entries, newest first."""
        shapes = ", from_clusters, to_clusters" if surgery.has_surgery(self.conn) else ", NULL, NULL"
        return [
            LogEntry(*row[:12], clusters=surgery.describe_change(*row[12:]))
            for row in self.conn.execute(
                f"""SELECT id, batch, reviewer, at, action, claim_id, cluster_id, from_verdict,
                          to_verdict, from_note, to_note, other_claim_id{shapes}
                   FROM review_log WHERE reviewer = ? ORDER BY id DESC LIMIT ?""",
                [self.reviewer, limit],
            )
        ]

    # writing -------------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (IMMEDIATE) and committed on leaving. A busy
        database (another reviewer's process writing) is waited for; if it stays busy, or the
        file cannot be written, StoreError explains and the transaction is rolled back whole."""
        waited_ms = self.busy_timeout_ms * (self.busy_retries + 1)
        with sqlite_errors(Path(self.path), waited_ms):
            if not self._checked:  # the fast start skipped it: check before the first write
                if self._check_done is not None:
                    self._check_done.wait()  # check_in_background's, under way or done
                if self._check_error is not None:
                    raise self._check_error
                if not self._checked:
                    integrity.refuse_damaged(self.conn, Path(self.path))
                    self._checked = True
            with connection.write_transaction(self.conn, retries=self.busy_retries, on_wait=self._waited):
                yield self.conn

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
                items.append(ChangeItem(claim_id, old_verdict, verdict, note, note,
                                        old_scope if old_verdict else None, scope if verdict else None))
            change = self._record("decide", items, cluster_id)
            if session is not None:
                self._save_session(session)
        self._say_gone(gone)
        return change

    def set_note(self, claim_id: str, note: str | None) -> Change:
        """Set (or, with an empty note, clear) the reviewer's note on a claim."""
        note = note or None
        with self._write():
            gone = self._refuse_unknown_claims([claim_id])
            verdict, old_note, scope = self.decision(claim_id)
            items = [] if (old_note or None) == note else [
                ChangeItem(claim_id, verdict, verdict, old_note, note, scope, scope, action_kind="note")
            ]
            change = self._record("note", items, None)
        self._say_gone(gone)
        return change

    def correct(self, claim_id: str, changes: dict | None = None, *, rejected: bool | None = None,
                reset: bool = False) -> Change:
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
            new = Correction(claim_id, fields_now, is_rejected, self.reviewer, _now())
            items = []
            if old is None or (old.changes, old.rejected) != (new.changes, new.rejected):
                items = [ChangeItem(claim_id, None, None, None, None, None, None, action_kind="correct",
                                    from_correction=old.to_json() if old else None,
                                    to_correction=None if new.is_empty else new.to_json())]
                if old is None and new.is_empty:
                    items = []
            change = self._record("correct", items, None)
        self._say_gone(gone)
        return change

    def correction(self, claim_id: str) -> Correction | None:
        """The correction in force on a claim, or None."""
        return corrections.correction_of(self.conn, claim_id)

    def _reading(self, claim_id: str) -> dict | None:
        """The extractor's reading of the claim's correctable fields, or None if it is not stored."""
        row = self.conn.execute(
            """SELECT kind, COALESCE(value_text, value), value_min, value_max, qualifier, unit, currency
               FROM claims WHERE id = ?""", [claim_id]).fetchone()
        if row is None:
            return None
        return dict(zip(("kind", "value", "value_min", "value_max", "qualifier", "unit", "currency"), row))

    def _refuse_unknown_claims(self, claim_ids: Sequence[str]) -> list[str]:
        """Inside the write: the claims a re-ingest removed since the view was loaded. A claim whose
        record was kept (what it said) can still be decided, as an orphan; one never recorded
        cannot, since nobody could later tell what the decision was about."""
        recorded, unknown = orphans.missing_claims(self.conn, list(claim_ids))
        if unknown:
            raise ClaimGone(
                f"claim {unknown[0]} is not stored in {self.path} (its document was ingested again since"
                " this view was loaded); reopen the review to see the current claims",
                kept=False)
        return recorded

    def _say_gone(self, gone: Sequence[str]) -> None:
        """After the commit: tell the reviewer their decision landed on claims no longer stored."""
        if gone:
            which = f"{len(gone)} claims are" if len(gone) > 1 else f"claim {gone[0]} is"
            raise ClaimGone(
                f"{which} no longer stored in {self.path}: the document was ingested again since this view"
                " was loaded. The decision is kept as an orphaned decision, with what the claim said"
                " (`workbench doctor` lists it); reopen the review to see the current claims", kept=True)

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
                before = self._cluster_snapshot(a, b) if status == "accepted" else None
                items = [ChangeItem(a, row[0], status, before, None, None, None, b, action_kind="link")]
            change = self._record("link", items, None)
        self._merge_accepted(change)
        return change

    # claims the extractor missed ----------------------------------------------------------------

    def read_selection(self, doc_id: str, start: int, end: int):
        """The extractor's reading of a selected stretch of a document (a core.model.Claim), as the
        starting value of a claim to add; AddError says why there is none."""
        doc = added.stored_document(self.conn, doc_id)
        if doc is None:
            raise AddError(f"no document {doc_id}")
        check_span(doc, start, end)
        claim = read_selection(doc, start, end)
        if claim is None:
            raise AddError(f"no figure in {doc.text[start:end].strip()[:60]!r}; select the number with its words")
        return claim

    def add_claim(self, doc_id: str, start: int, end: int, changes: dict | None = None) -> Change:
        """Store the selection as a claim the reviewer added, read by the extractor's reader with
        `changes` (from core.corrections.build_changes) over that reading: one logged, undoable
        change. AddError (nothing written) when it cannot be, e.g. it is a claim already."""
        with self._write():
            doc = added.stored_document(self.conn, doc_id)
            if doc is None:
                raise AddError(f"no document {doc_id}")
            claim, record = new_added_claim(doc, start, end, changes, reviewer=self.reviewer, added_at=_now())
            same = self.conn.execute(
                'SELECT id FROM claims WHERE doc_id = ? AND "start" = ? AND "end" = ?',
                [doc_id, claim.start, claim.end]).fetchone()
            if same is not None or self.conn.execute("SELECT 1 FROM claims WHERE id = ?", [claim.id]).fetchone():
                raise AddError(f"{claim.surface!r} is already claim {same[0] if same else claim.id}")
            item = ChangeItem(claim.id, None, None, None, None, None, None, action_kind="add",
                              to_added=record.to_json())
            return self._record("add", [item], None)

    # cluster surgery ---------------------------------------------------------------------------

    def merge_clusters(self, a: str, b: str) -> Change:
        """Make clusters `a` and `b` one cluster (keeping the smaller id): logged and undoable."""
        return self._surgery([a, b], [], lambda clusters, _of: core_surgery.merge(clusters, a, b))

    def split_cluster(self, cluster_id: str, claim_ids: Sequence[str]) -> Change:
        """Move the given claims of a cluster into a new cluster of their own."""
        return self._surgery([cluster_id], claim_ids,
                             lambda clusters, _of: core_surgery.split(clusters, cluster_id, claim_ids))

    def move_claim(self, claim_id: str, cluster_id: str) -> Change:
        """Take a claim from its cluster (if any) into another cluster."""
        return self._surgery([cluster_id], [claim_id],
                             lambda clusters, of: core_surgery.move(clusters, of, claim_id, cluster_id))

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
            items = [ChangeItem(subject, None, None, None, None, None, None, action_kind="clusters",
                                from_clusters=before, to_clusters=after)]
            items += [ChangeItem(a, old, new, None, None, None, None, b, action_kind="link")
                      for (a, b), (old, new) in links.items()]
            change = self._record("surgery", items, plan.cluster_id)
        made = sorted({row[0] for row in json.loads(after)["clusters"]}
                      - {row[0] for row in json.loads(before)["clusters"]})
        summary = plan.summary if plan.operation != "split" or not made else f"{plan.summary} {made[0]}"
        return replace(change, summary=summary)

    def undo(self) -> Change | None:
        """Undo the batch this reviewer most recently made or redid; None when there is none."""
        with self._write():
            batch = self._undo_target()
            if batch is None:
                return None
            items = self._batch_items(batch)
            reverse = tuple(
                ChangeItem(i.claim_id, i.to_verdict, i.from_verdict, i.to_note, i.from_note,
                           i.to_scope, i.from_scope, i.other_claim_id, i.action_kind,
                           i.to_correction, i.from_correction, i.to_clusters, i.from_clusters,
                           i.to_added, i.from_added)
                for i in items
            )
            return self._record("undo", reverse, self._batch_cluster(batch), batch=batch)

    def redo(self) -> Change | None:
        """Redo the batch most recently undone, unless a new change was made since."""
        with self._write():
            batch = self._redo_target()
            if batch is None:
                return None
            change = self._record("redo", self._batch_items(batch), self._batch_cluster(batch), batch=batch)
        self._merge_accepted(change)
        return change

    def save_session(self, state: dict) -> None:
        with self._write():
            self._save_session(state)

    def load_session(self) -> dict | None:
        row = self.conn.execute("SELECT state FROM sessions WHERE reviewer = ?", [self.reviewer]).fetchone()
        if row is None:
            return None
        try:
            state = json.loads(row[0])
        except (TypeError, ValueError):
            return None
        return state if isinstance(state, dict) else None

    # the log's mechanics ---------------------------------------------------------------------

    def _save_session(self, state: dict) -> None:
        self.conn.execute(
            """INSERT INTO sessions (reviewer, state, updated_at) VALUES (?, ?, ?)
               ON CONFLICT (reviewer) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at""",
            [self.reviewer, json.dumps(state), _now()],
        )

    def _record(self, action: str, items: Sequence[ChangeItem], cluster_id: str | None,
                batch: int | None = None) -> Change:
        """Apply the items' target states and append them to the log, inside the caller's
        transaction. A new action's batch is the id of its first log entry."""
        if not items:
            return Change(action, 0, (), cluster_id)
        if batch is None:
            batch = self.conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM review_log").fetchone()[0]
        at = _now()
        for item in items:
            if item.action_kind == "correct":
                corrections.write_correction(self.conn, item.claim_id, item.to_correction)
                self.conn.execute(
                    """INSERT INTO review_log (batch, reviewer, at, action, claim_id, cluster_id,
                           from_correction, to_correction) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    [batch, self.reviewer, at, action, item.claim_id, cluster_id, item.from_correction,
                     item.to_correction])
                continue
            if item.action_kind == "add":
                added.write_added(self.conn, item.claim_id, item.to_added, at)
                self.conn.execute(
                    """INSERT INTO review_log (batch, reviewer, at, action, claim_id, cluster_id,
                           from_added, to_added) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    [batch, self.reviewer, at, action, item.claim_id, cluster_id, item.from_added, item.to_added])
                continue
            if item.action_kind == "clusters":
                surgery.put_clusters(self.conn, item.to_clusters)
                self.conn.execute(
                    """INSERT INTO review_log (batch, reviewer, at, action, claim_id, cluster_id,
                           from_clusters, to_clusters) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    [batch, self.reviewer, at, action, item.claim_id, cluster_id, item.from_clusters,
                     item.to_clusters])
                continue
            if item.action_kind == "adjudicate":  # a final verdict: store.adjudication
                final_verdicts.write_final(self.conn, item.claim_id, item.to_verdict, item.to_note, self.reviewer, at)
            elif item.action_kind == "link":
                surgery.set_link_status(self.conn, item.claim_id, item.other_claim_id, item.to_verdict)
                if item.to_note:  # undoing an accept: the clusters as they were before the merge
                    self._restore_clusters(item.claim_id, item.to_note)
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
            self.conn.execute(
                """INSERT INTO review_log (batch, reviewer, at, action, claim_id, cluster_id,
                       from_verdict, to_verdict, from_note, to_note, from_scope, to_scope, other_claim_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [batch, self.reviewer, at, action, item.claim_id, cluster_id, item.from_verdict,
                 item.to_verdict, item.from_note, item.to_note, item.from_scope, item.to_scope,
                 item.other_claim_id],
            )
        return Change(action, batch, tuple(items), cluster_id)

    def _cluster_snapshot(self, a: str, b: str) -> str:
        """The clusters of two claims, members and all, as JSON: what undoing their merge restores."""
        cluster_ids = [row[0] for row in self.conn.execute(
            "SELECT DISTINCT cluster_id FROM cluster_members WHERE claim_id IN (?, ?)", [a, b])]
        marks = ",".join("?" * len(cluster_ids))
        cursor = self.conn.execute(f"SELECT * FROM clusters WHERE id IN ({marks})", cluster_ids)
        columns = [d[0] for d in cursor.description]
        return json.dumps({
            "claims": [a, b],
            "columns": columns,
            "clusters": cursor.fetchall(),
            "members": self.conn.execute(
                f"SELECT claim_id, cluster_id, role FROM cluster_members WHERE cluster_id IN ({marks})",
                cluster_ids).fetchall(),
        })

    def _restore_clusters(self, claim_id: str, snapshot: str) -> None:
        """Put back the clusters a merge replaced (inside the caller's transaction)."""
        before = json.loads(snapshot)
        merged = {row[0] for row in self.conn.execute(
            "SELECT cluster_id FROM cluster_members WHERE claim_id IN (?, ?)", before["claims"])}
        for cluster_id in merged:
            self.conn.execute("DELETE FROM cluster_members WHERE cluster_id = ?", [cluster_id])
            self.conn.execute("DELETE FROM clusters WHERE id = ?", [cluster_id])
        claims = [m[0] for m in before["members"]] or before["claims"]
        self.conn.execute(f"DELETE FROM cluster_members WHERE claim_id IN ({','.join('?' * len(claims))})", claims)
        columns = before["columns"]
        self.conn.executemany(
            f"INSERT OR REPLACE INTO clusters ({','.join(columns)}) VALUES ({','.join('?' * len(columns))})",
            before["clusters"])
        self.conn.executemany(
            "INSERT INTO cluster_members (claim_id, cluster_id, role) VALUES (?, ?, ?)", before["members"])

    def _merge_accepted(self, change: Change) -> None:
        """Merge the clusters of the links this change accepted, as the matcher's store does."""
        accepted = [i for i in change.items if i.action_kind == "link" and i.to_verdict == "accepted"]
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

    def _undo_target(self) -> int | None:
        seen = set()
        for batch, action in self._backwards():
            if batch in seen:
                continue
            if action != "undo":
                return batch
            seen.add(batch)
        return None

    def _redo_target(self) -> int | None:
        seen = set()
        for batch, action in self._backwards():
            if action in _NEW_ACTIONS:
                return None
            if batch in seen:
                continue
            if action == "undo":
                return batch
            seen.add(batch)
        return None

    def _batch_items(self, batch: int) -> tuple[ChangeItem, ...]:
        """The items the batch's original action changed, as it changed them."""
        fixes = ", from_correction, to_correction" if corrections.has_corrections(self.conn) else ""
        if fixes and surgery.has_surgery(self.conn):
            fixes += ", from_clusters, to_clusters"
            if added.has_added(self.conn):
                fixes += ", from_added, to_added"
        return tuple(
            _logged_item(row)
            for row in self.conn.execute(
                f"""SELECT claim_id, from_verdict, to_verdict, from_note, to_note, from_scope, to_scope,
                          other_claim_id, action{fixes}
                   FROM review_log WHERE batch = ? AND reviewer = ?
                     AND action IN ({_NEW_ACTIONS_SQL})
                   ORDER BY id""",
                [batch, self.reviewer],
            )
        )

    def _batch_cluster(self, batch: int) -> str | None:
        row = self.conn.execute("SELECT cluster_id FROM review_log WHERE id = ?", [batch]).fetchone()
        return row[0] if row else None


def _logged_item(row: Sequence) -> ChangeItem:
    """A log entry as the change item it records; a surgery's entries are its clusters and its links."""
    item = ChangeItem(*row)
    if item.action_kind == "surgery":
        item = replace(item, action_kind="link" if item.other_claim_id else "clusters")
    return item


def _passage_bounds(start, end, p_start, p_end, s_start, s_end) -> tuple[int, int]:
    """The passage around a claim; the sentence, or a window, when the passage is not recorded."""
    if p_end and p_start <= start and end <= p_end:
        return p_start, p_end
    if s_end and s_start <= start and end <= s_end:
        return s_start, s_end
    return max(0, start - 300), end + 300


def session_state(claim_id: str | None, spec: ViewSpec) -> dict:
    return {"claim_id": claim_id, **spec.as_dict()}

