"""Views of the claims: which claims the list shows (`ViewSpec`: grouping and filters, saved with
the session), in what order (`build_order`: a `ClaimOrder` of rowids with group headings), and the
search of an order for the next claim that needs the reviewer (`find_next`).
"""

from __future__ import annotations

import sqlite3
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace

from workbench.store import corrections
from workbench.store.review.rows import ROW_JOINS

UNREVIEWED = "unreviewed"
RELATIONS = ("agree", "differ", "none")  # 'none': the claim is in no cluster
GROUPINGS = ("cluster", "document")
_PAGE = 256  # claims fetched per query when scanning the order for the next match


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
    groups: Sequence[Group]  # a list, or the kept list's groups (store.review.kept_orders.KeptGroups)
    claim_count: int
    kept: bool = False  # read from the lists kept in the database (store.review.kept_orders)
    generation: int | None = None  # built at this list generation: it can be kept while that holds

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
    doc_rank = {
        doc_id: rank for rank, (doc_id,) in enumerate(conn.execute("SELECT id FROM documents ORDER BY name, id"))
    }
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

    cluster_of = dict(
        conn.execute("SELECT c.rowid, m.cluster_id FROM cluster_members m JOIN claims c ON c.id = m.claim_id")
    )
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
    decided = dict(
        conn.execute(
            """SELECT c.rowid, r.verdict FROM decisions r JOIN claims c ON c.id = r.claim_id
           WHERE r.reviewer = ? AND r.verdict IS NOT NULL""",
            [reviewer],
        )
    )
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


def find_next(
    conn: sqlite3.Connection, reviewer: str, order: ClaimOrder, start: int, step: int, want: str
) -> int | None:
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
        share = [reviewer]
    else:
        condition = "(r.verdict = 'conflicting' OR (r.verdict IS NULL AND k.suggested_verdict = 'conflicting'))"
    for offset in range(1, n + 1, _PAGE):
        positions = ((start + step * i) % n for i in range(offset, min(offset + _PAGE, n + 1)))
        window = [p for p in positions if order.entries[p] >= 0]
        if not window:
            continue
        rowids = [order.entries[p] for p in window]
        sql = f"""SELECT c.rowid {ROW_JOINS}
                  WHERE c.rowid IN ({",".join("?" * len(rowids))}) AND {condition}"""
        hits = {row[0] for row in conn.execute(sql, [reviewer, *rowids, *share])}
        for p in window:
            if order.entries[p] in hits:
                return p
    return None
