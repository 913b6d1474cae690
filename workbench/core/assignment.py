"""Splitting the claims to review among reviewers: whole clusters together, a share of them seen by
two reviewers (double review, so that agreement can be measured), the load balanced by claims.

Pure: the store gives the units (a cluster's claims, or a claim alone) and keeps the result.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


class AssignmentError(ValueError):
    """Reviewers or an overlap that cannot make a split, said in one line."""


@dataclass(frozen=True, slots=True)
class Unit:
    """Claims reviewed together: a cluster's claims to assign, or one claim standing alone.
    `reviewers`: who already holds other claims of the cluster (its new claims go to them)."""

    claim_ids: tuple[str, ...]
    reviewers: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.claim_ids)


@dataclass(frozen=True, slots=True)
class Split:
    """Which reviewers each claim goes to; `double`: the claims given to two reviewers."""

    assigned: dict[str, tuple[str, ...]]  # reviewer -> claim ids, in the order given
    double: frozenset[str]


def check_reviewers(reviewers: list[str], overlap: float) -> list[str]:
    """The reviewers, each once, in the order given; AssignmentError when they cannot make a split."""
    names = list(dict.fromkeys(name.strip() for name in reviewers))
    if not names or any(not name for name in names):
        raise AssignmentError("name at least one reviewer (an empty name is none)")
    if not 0 <= overlap <= 1:
        raise AssignmentError(
            f"the overlap is a share of the claims, between 0 and 1 (0.2 is a fifth); {overlap} is not"
        )
    if overlap > 0 and len(names) < 2:
        raise AssignmentError("a double review needs two reviewers; name another, or use --overlap 0")
    return names


def split(units: list[Unit], reviewers: list[str], overlap: float, seed: int | None = None) -> Split:
    """Give each unit to one reviewer, and about `overlap` of the claims (by count, whole units) to
    a second one as well, balancing the claims each reviewer gets. A unit whose cluster is already
    held by reviewers goes to them. The same units, reviewers and seed give the same split."""
    names = check_reviewers(reviewers, overlap)
    rng = random.Random(seed)
    load = dict.fromkeys(names, 0)
    assigned: dict[str, list[str]] = {name: [] for name in names}
    double: set[str] = set()

    def give(unit: Unit, to: list[str]) -> None:
        for name in to:
            assigned[name].extend(unit.claim_ids)
            load[name] += unit.size
        if len(to) > 1:
            double.update(unit.claim_ids)

    free = []
    for unit in units:
        held = [name for name in unit.reviewers if name in load]
        if held:
            give(unit, held)
        elif unit.size:
            free.append(unit)
    rng.shuffle(free)
    target = round(overlap * sum(unit.size for unit in free))
    doubled, chosen = 0, set()
    for index, unit in enumerate(free):  # in the shuffled order: which units two reviewers see
        if abs(doubled + unit.size - target) < abs(doubled - target):
            chosen.add(index)
            doubled += unit.size
    # the largest units first, each to the least loaded reviewers (ties: in the order named)
    for index in sorted(range(len(free)), key=lambda i: -free[i].size):
        copies = 2 if index in chosen else 1
        give(free[index], sorted(names, key=lambda name: (load[name], names.index(name)))[:copies])
    return Split({name: tuple(ids) for name, ids in assigned.items()}, frozenset(double))
