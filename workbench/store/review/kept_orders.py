"""Claims lists kept in the database between reviews, so that the review opens on a large
database without building its list first (2.5 s at 600,000 claims).

A view's list (store.review.views.build_order) depends only on the claims, their documents'
names, the clusters and their members, and the claims marked not a claim; and, for views that
filter by verdict or search the text, on the reviewer's decisions and the documents' text. Lists
of views of the first kind are kept, each with the *list generation* it was built at: a counter
that triggers (migration 0015) raise on every change to the tables and columns the lists are
built from, from whichever program writes them. A kept list is used only while the counter still
stands where it stood when the list was built, and only while every one of those triggers exists.

Keeping a list is best effort: a database that is busy, read-only or not migrated yet keeps
none, and the list is built as before.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from array import array
from collections.abc import Iterable, Sequence
from typing import overload

from workbench.store import connection
from workbench.store.errors import StoreError
from workbench.store.schema import LIST_GENERATION_TRIGGERS
from workbench.store.review.views import ClaimOrder, Group, ViewSpec, build_order

KEPT_VIEWS = 3  # lists kept at most (the most recently kept): one per view reviewers return to
_KIND_CODES = {"cluster": "c", "document": "d", "unmatched": "u"}
_KINDS = {code: kind for kind, code in _KIND_CODES.items()}


def can_keep(spec: ViewSpec) -> bool:
    """Whether the list of this view depends only on what the list generation follows."""
    return not spec.verdicts and not spec.search.strip()


def _spec_key(spec: ViewSpec) -> str:
    return json.dumps(spec.as_dict(), sort_keys=True)


def list_generation(conn: sqlite3.Connection) -> int | None:
    """The list generation, or None when the database does not follow it (not migrated, or a
    trigger dropped by a later rebuild of its table)."""
    try:
        triggers = conn.execute(
            f"SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN "
            f"({','.join('?' * len(LIST_GENERATION_TRIGGERS))})",
            LIST_GENERATION_TRIGGERS,
        ).fetchone()[0]
        if triggers != len(LIST_GENERATION_TRIGGERS):
            return None
        row = conn.execute("SELECT n FROM list_generation WHERE id = 1").fetchone()
    except sqlite3.OperationalError:  # no such table: a database before migration 0015
        return None
    return row[0] if row else None


def order_for(conn: sqlite3.Connection, reviewer: str, spec: ViewSpec) -> ClaimOrder:
    """The view's list: the kept one while it is current, else built (and marked with the
    generation it was built at, so that `keep` can keep it). On a connection in autocommit mode
    (the review's), read in one transaction, so the list and its generation are of one moment."""
    if not can_keep(spec) or conn.in_transaction:
        return build_order(conn, reviewer, spec)
    conn.execute("BEGIN")
    try:
        generation = list_generation(conn)
        if generation is None:
            return build_order(conn, reviewer, spec)
        order = _read(conn, spec, generation)
        if order is None:
            order = build_order(conn, reviewer, spec)
            order.generation = generation
        return order
    finally:
        conn.execute("COMMIT")


def _read(conn: sqlite3.Connection, spec: ViewSpec, generation: int) -> ClaimOrder | None:
    row = conn.execute(
        "SELECT entries, group_kinds, group_keys, group_sizes, claim_count FROM kept_orders"
        " WHERE spec = ? AND generation = ?",
        [_spec_key(spec), generation],
    ).fetchone()
    if row is None:
        return None
    try:
        entries, sizes = _array(row[0]), _array(row[3])
        kinds, keys = row[1], json.loads(row[2])
        if not (len(kinds) == len(keys) == len(sizes)) or set(kinds) - _KINDS.keys():
            return None
    except (ValueError, TypeError):  # not a list this version wrote: build it instead
        return None
    return ClaimOrder(spec, entries, KeptGroups(kinds, keys, sizes), row[4], kept=True, generation=generation)


class KeptGroups(Sequence[Group]):
    """A kept list's groups, each made when it is first asked for: the list shows a screenful of
    headings, and making all of them (130,000 at 600,000 claims) took a fifth of a second of the
    first screen."""

    def __init__(self, kinds: str, keys: list[str], sizes: array) -> None:
        self._kinds, self._keys, self._sizes = kinds, keys, sizes

    def __len__(self) -> int:
        return len(self._keys)

    @overload
    def __getitem__(self, index: int) -> Group: ...
    @overload
    def __getitem__(self, index: slice) -> list[Group]: ...
    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return Group(_KINDS[self._kinds[index]], self._keys[index], self._sizes[index])


def _array(blob: bytes) -> array:
    values = array("q")
    values.frombytes(blob)
    if sys.byteorder == "big":
        values.byteswap()  # kept little-endian, whatever machine wrote the file
    return values


def _blob(values: Iterable[int]) -> bytes:
    out = array("q", values)
    if sys.byteorder == "big":
        out.byteswap()
    return out.tobytes()


def keep(conn: sqlite3.Connection, order: ClaimOrder) -> bool:
    """Keep a list built by `order_for`, if the database has not changed since it was built; in
    the caller's write transaction. Returns whether it was kept. The oldest kept lists beyond
    KEPT_VIEWS, and every list of an earlier generation, are dropped."""
    if order.kept or order.generation is None or not can_keep(order.spec):
        return False
    if list_generation(conn) != order.generation:
        return False
    conn.execute("DELETE FROM kept_orders WHERE generation != ?", [order.generation])
    conn.execute(
        "INSERT OR REPLACE INTO kept_orders"
        " (spec, generation, entries, group_kinds, group_keys, group_sizes, claim_count, kept_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(kept_at), 0) + 1 FROM kept_orders))",
        [
            _spec_key(order.spec),
            order.generation,
            _blob(order.entries),
            "".join(_KIND_CODES[g.kind] for g in order.groups),
            json.dumps([g.key for g in order.groups]),
            _blob(g.size for g in order.groups),
            order.claim_count,
        ],
    )
    conn.execute(
        "DELETE FROM kept_orders WHERE spec NOT IN (SELECT spec FROM kept_orders ORDER BY kept_at DESC LIMIT ?)",
        [KEPT_VIEWS],
    )
    order.kept = True
    return True


def kept_specs(conn: sqlite3.Connection) -> list[ViewSpec]:
    """The views whose lists are kept (current or not), most recently kept first."""
    try:
        rows = conn.execute("SELECT spec FROM kept_orders ORDER BY kept_at DESC").fetchall()
    except sqlite3.OperationalError:
        return []
    specs = []
    for (text,) in rows:
        try:
            specs.append(ViewSpec.from_dict(json.loads(text)))
        except ValueError:
            continue
    return specs


def refresh(path: str, *, since: int | None = None) -> int:
    """Build and keep again the kept lists that a write has made stale (every writing command ends
    with it), so that the next review opens at once; returns how many were kept. With `since`,
    only if the list generation has moved from it. A list of a view nobody has opened is never
    built here. Best effort, as `keep` is."""
    try:
        conn = connection.connect(path, autocommit=True)
    except StoreError:
        return 0
    kept = 0
    try:
        if since is not None and list_generation(conn) == since:
            return 0
        for spec in kept_specs(conn):
            order = order_for(conn, "", spec)
            if order.kept or order.generation is None:
                continue
            with connection.write_transaction(conn):
                kept += keep(conn, order)
    except sqlite3.Error:
        pass
    finally:
        conn.close()
    return kept
