"""Cluster surgery: a reviewer merges two clusters, splits one, moves a claim to another cluster or
detaches it to stand alone.

Each operation is planned here, on plain ids: the groups of claims it leaves (a group of fewer than
two claims is no cluster), and the pairs it labels. A claim put with others is an accepted pair
with one of them, as accepting a possible match is; a claim taken from others is a rejected pair
with each of them, a cannot-link the matcher never undoes. `link_statuses` then says which stored
link statuses change, including reviewed links the new grouping contradicts (an accepted pair now
apart is rejected, a rejected pair now together accepted), so that the labels always agree with the
clusters the reviewer made.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

OPERATIONS = ("merge", "split", "move", "detach")

Pair = tuple[str, str]


class SurgeryError(ValueError):
    """An operation that cannot be done, said in one line that names the id at fault."""


@dataclass(frozen=True, slots=True)
class Group:
    """Claims that end up together; `cluster_id` is the cluster they keep (None: a new one)."""

    cluster_id: str | None
    claim_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """What an operation does: the groups it leaves over the claims it touches, and its labels."""

    operation: str
    claim_id: str | None  # the claim moved, detached or first split off; None for a merge
    cluster_id: str  # the cluster operated on (a merge: the one kept)
    groups: tuple[Group, ...]
    accept: tuple[Pair, ...] = ()
    reject: tuple[Pair, ...] = ()
    touched: tuple[str, ...] = field(default=())  # every claim of the clusters involved
    summary: str = ""  # one line for the status line and the CLI: "merged cluster k2 into k1"


def ordered(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def _members(clusters: Mapping[str, Sequence[str]], cluster_id: str) -> list[str]:
    if cluster_id not in clusters:
        raise SurgeryError(f"no cluster {cluster_id}")
    return list(clusters[cluster_id])


def _cross(left: Iterable[str], right: Iterable[str]) -> tuple[Pair, ...]:
    right = list(right)
    return tuple(sorted({ordered(a, b) for a in left for b in right}))


def merge(clusters: Mapping[str, Sequence[str]], a: str, b: str) -> Plan:
    """Cluster `a` and cluster `b` become one, keeping the smaller id."""
    first, second = _members(clusters, a), _members(clusters, b)
    if a == b:
        raise SurgeryError(f"cannot merge cluster {a} with itself")
    keep = min(a, b)
    together = tuple(dict.fromkeys(first + second))
    return Plan(
        "merge",
        None,
        keep,
        (Group(keep, together),),
        accept=(ordered(min(first), min(second)),),
        touched=together,
        summary=f"merged cluster {max(a, b)} into {keep} ({len(together)} claims)",
    )


def split(clusters: Mapping[str, Sequence[str]], cluster_id: str, claim_ids: Sequence[str]) -> Plan:
    """The given claims leave `cluster_id` for a cluster of their own; the rest stay."""
    members = _members(clusters, cluster_id)
    chosen = list(dict.fromkeys(claim_ids))
    if not chosen:
        raise SurgeryError(f"name the claims of cluster {cluster_id} that go to the new cluster")
    for claim_id in chosen:
        if claim_id not in members:
            raise SurgeryError(f"claim {claim_id} is not in cluster {cluster_id}")
    rest = [m for m in members if m not in chosen]
    if not rest:
        raise SurgeryError(f"every claim of cluster {cluster_id} was chosen; leave at least one behind")
    head = min(chosen)
    return Plan(
        "split",
        head,
        cluster_id,
        (Group(cluster_id, tuple(rest)), Group(None, tuple(chosen))),
        accept=tuple(ordered(head, c) for c in sorted(chosen) if c != head),
        reject=_cross(chosen, rest),
        touched=tuple(members),
        summary=f"split {len(chosen)} of the {len(members)} claims of cluster {cluster_id} into new cluster",
    )


def move(clusters: Mapping[str, Sequence[str]], cluster_of: Mapping[str, str], claim_id: str, target: str) -> Plan:
    """The claim leaves its cluster (if any) and joins `target`."""
    joined = _members(clusters, target)
    source = cluster_of.get(claim_id)
    if source == target:
        raise SurgeryError(f"claim {claim_id} is already in cluster {target}")
    left = [m for m in _members(clusters, source) if m != claim_id] if source else []
    groups = [Group(target, tuple([*joined, claim_id]))]
    if source:
        groups.insert(0, Group(source, tuple(left)))
    return Plan(
        "move",
        claim_id,
        target,
        tuple(groups),
        accept=(ordered(claim_id, min(joined)),),
        reject=_cross([claim_id], left),
        touched=tuple(dict.fromkeys([*left, claim_id, *joined])),
        summary=f"moved claim {claim_id} " + (f"from cluster {source} " if source else "") + f"to cluster {target}",
    )


def detach(clusters: Mapping[str, Sequence[str]], cluster_of: Mapping[str, str], claim_id: str) -> Plan:
    """The claim leaves its cluster and stands alone."""
    source = cluster_of.get(claim_id)
    if source is None:
        raise SurgeryError(f"claim {claim_id} is in no cluster")
    members = _members(clusters, source)
    left = [m for m in members if m != claim_id]
    return Plan(
        "detach",
        claim_id,
        source,
        (Group(source, tuple(left)), Group(None, (claim_id,))),
        reject=_cross([claim_id], left),
        touched=tuple(members),
        summary=f"detached claim {claim_id} from cluster {source}",
    )


def link_statuses(plan: Plan, reviewed: Mapping[Pair, str]) -> dict[Pair, str]:
    """The link statuses the plan sets: pair -> 'accepted' | 'rejected', only where they change.

    `reviewed` holds the current status of every reviewed (or suggested) link among the touched
    claims. Besides the plan's own pairs, a reviewed link the new groups contradict is turned over.
    """
    group_of = {claim_id: i for i, g in enumerate(plan.groups) for claim_id in g.claim_ids}
    wanted: dict[Pair, str] = {}
    for (a, b), status in reviewed.items():
        if a not in group_of or b not in group_of:
            continue
        together = group_of[a] == group_of[b]
        if status == "accepted" and not together:
            wanted[(a, b)] = "rejected"
        elif status == "rejected" and together:
            wanted[(a, b)] = "accepted"
    wanted.update({pair: "accepted" for pair in plan.accept})
    wanted.update({pair: "rejected" for pair in plan.reject})
    return {pair: status for pair, status in sorted(wanted.items()) if reviewed.get(pair) != status}


def new_cluster_id(claim_ids: Sequence[str], taken: Iterable[str]) -> str:
    """An id for a cluster a split or detach makes, unlike every id in `taken`."""
    taken = set(taken)
    seed = ",".join(sorted(claim_ids))
    for attempt in range(100):
        candidate = "k" + hashlib.sha1(f"{seed}#{attempt}".encode()).hexdigest()[:10]
        if candidate not in taken:
            return candidate
    raise SurgeryError("cannot find a free cluster id")  # 100 collisions of sha1: not in this world


def clusters_of(state: str | None) -> list[dict]:
    """A logged snapshot (JSON of columns, cluster rows and member rows) as the export gives it:
    each cluster's id, relation, suggested verdict and claim ids."""
    if not state:
        return []
    data = json.loads(state)
    found = {row[0]: dict(zip(data["columns"], row)) for row in data["clusters"]}
    out = []
    for cluster_id, row in sorted(found.items()):
        out.append(
            {
                "id": cluster_id,
                "relation": row.get("relation"),
                "suggested_verdict": row.get("suggested_verdict"),
                "claim_ids": sorted(m[0] for m in data["members"] if m[1] == cluster_id),
            }
        )
    return out
