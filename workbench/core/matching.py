"""Cross-document matching: which claims state the same measured quantity, and do they agree.

The pipeline: features per claim (match_features), blocking on rare context words within a
kind family, scoring within each block with rapidfuzz.process.cdist, a pair decision that
weighs the words and the values together, and clustering under cannot-link constraints
(claims about different periods or report editions never share a cluster, even through a
third claim). Values are compared by core.compare.
"""
from __future__ import annotations

import hashlib
import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process, utils

from workbench.core.compare import ValueComparison, compare_claims
from workbench.core.match_features import (
    ClaimFeatures, build_features, document_frequencies, inverse_frequencies,
)
from workbench.core.model import Claim, Document


@dataclass(slots=True)
class MatchConfig:
    """Every knob of the matcher. Scores are 0..1 evidence unless named as 0..100."""

    group_threshold: float = 0.50  # evidence at or above which claims are grouped
    suggest_threshold: float = 0.36  # between this and group_threshold: a possible match
    near_margin: float = 0.04  # extra evidence when figures differ but agree within rounding
    differ_margin: float = 0.16  # extra evidence when figures differ beyond rounding
    copy_threshold: float = 90.0  # raw sentence score (0..100) for "one source repeated"
    edition_gap_days: int = 183  # documents further apart state different editions
    context_weight: float = 0.7  # weight of the weighted context overlap vs the masked score
    window: int = 12  # words either side of the figure that make up its context
    block_keys: int = 4  # the rarest context words per claim that name its blocks
    max_block: int = 300  # words shared by more claims than this are too common to block on
    block_cutoff: int = 35  # cdist score_cutoff (0..100) on the context strings
    workers: int = -1
    value_slack: float = 0.02
    all_pairs: bool = False  # score every pair within a kind family (slow; for comparison)


@dataclass(slots=True)
class PairEvidence:
    """Why two claims were, or were not, put together."""

    a: int
    b: int
    context: float  # weighted overlap of the words around the figures (0..1)
    masked_score: float  # rapidfuzz score of the sentences with numbers masked (0..100)
    raw_score: float  # rapidfuzz score of the raw sentences (0..100)
    evidence: float  # the combined score the thresholds apply to (0..1)
    values: ValueComparison
    copy: bool
    period_conflict: bool

    def needed(self, config: MatchConfig) -> float:
        """The evidence needed to group: more when the figures differ."""
        if self.values.same or self.values.compatible is None:
            return config.group_threshold
        if self.values.compatible:
            return config.group_threshold + config.near_margin
        return config.group_threshold + config.differ_margin


@dataclass(slots=True)
class ClusterResult:
    """Claims that state one quantity, with the reviewer's summary of their figures."""

    id: str
    claim_ids: list[str]
    roles: dict[str, str]  # claim id -> member | copy
    relation: str  # agree | differ
    suggested_verdict: str  # consistent | conflicting | unverified
    explanation: str
    subject: str
    kind: str


@dataclass(slots=True)
class LinkResult:
    """A scored pair shown to the reviewer: a possible match, a related claim, or a copy."""

    a: str
    b: str
    link: str  # possible | related | copy
    raw_score: float
    masked_score: float
    score: float
    explanation: str


@dataclass(slots=True)
class MatchResult:
    clusters: list[ClusterResult] = field(default_factory=list)
    links: list[LinkResult] = field(default_factory=list)

    def cluster_of(self) -> dict[str, str]:
        """Claim id -> cluster id, for claims in a cluster."""
        return {cid: k.id for k in self.clusters for cid in k.claim_ids}


# --------------------------------------------------------------------------- blocking

def _blocks(features: list[ClaimFeatures], idf: dict[str, float], df: Counter,
            config: MatchConfig) -> list[list[int]]:
    """Groups of claims worth scoring against each other: same family and unit, a rare word."""
    if config.all_pairs:
        whole: dict[tuple, list[int]] = defaultdict(list)
        for f in features:
            whole[(f.family, f.unit)].append(f.index)
        return [m for m in whole.values() if len(m) > 1]
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for f in features:
        ranked = sorted(
            (t for t in f.context if 2 <= df[t] <= config.max_block),
            key=lambda t: -(idf[t] * f.context[t]),
        )
        for t in ranked[: config.block_keys]:
            blocks[(f.family, f.unit, t)].append(f.index)
    return [m for m in blocks.values() if len(m) > 1]


def candidate_pairs(features: list[ClaimFeatures], blocks: list[list[int]],
                    config: MatchConfig, new: set[int] | None = None) -> np.ndarray:
    """Pairs (i < j) whose context strings score at least the cutoff within some block.

    With `new`, only pairs with at least one new claim are scored: the rows of each block's
    matrix are its new claims, so stored pairs are never rescored.
    """
    found: list[np.ndarray] = []
    texts = [f.context_text for f in features]
    for members in blocks:
        rows = members if new is None else [m for m in members if m in new]
        if not rows:
            continue
        scores = process.cdist(
            [texts[i] for i in rows], [texts[j] for j in members],
            scorer=fuzz.token_set_ratio, score_cutoff=config.block_cutoff,
            dtype=np.uint8, workers=config.workers,
        )
        r, c = np.nonzero(scores)
        if not len(r):
            continue
        a = np.asarray(rows, dtype=np.int64)[r]
        b = np.asarray(members, dtype=np.int64)[c]
        keep = a != b
        a, b = a[keep], b[keep]
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        found.append(lo * len(features) + hi)
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    return np.stack([codes // len(features), codes % len(features)], axis=1)


# --------------------------------------------------------------------------- scoring

def _context_overlap(a: ClaimFeatures, b: ClaimFeatures, idf: dict[str, float]) -> float:
    shared = a.context.keys() & b.context.keys()
    if not shared:
        return 0.0
    common = sum(min(a.context[t], b.context[t]) * idf[t] for t in shared)
    total_a = sum(w * idf[t] for t, w in a.context.items())
    total_b = sum(w * idf[t] for t, w in b.context.items())
    score = 2 * common / (total_a + total_b) if total_a + total_b else 0.0
    if a.near and b.near and set(a.near) & set(b.near):
        score += 0.1  # the figures count the same thing ("20 councils", "the 20 councils")
    return min(score, 1.0)


def _periods_conflict(a: ClaimFeatures, b: ClaimFeatures, config: MatchConfig) -> bool:
    if a.period and b.period:
        return a.period != b.period
    return False


def _editions_conflict(a: ClaimFeatures, b: ClaimFeatures, config: MatchConfig) -> bool:
    """Claims with no stated period, in documents published far apart, are about different times."""
    if a.period or b.period or a.published is None or b.published is None:
        return False
    return abs(a.published - b.published) > config.edition_gap_days


def score_pair(a: ClaimFeatures, b: ClaimFeatures, idf: dict[str, float],
               config: MatchConfig) -> PairEvidence:
    """All the evidence about one pair of claims."""
    context = _context_overlap(a, b, idf)
    masked = fuzz.token_set_ratio(a.masked, b.masked)
    raw = fuzz.ratio(a.sentence, b.sentence, processor=utils.default_process)
    values = compare_claims(a.claim, b.claim, slack=config.value_slack)
    evidence = config.context_weight * context + (1 - config.context_weight) * masked / 100
    copy = (a.claim.doc_name != b.claim.doc_name and raw >= config.copy_threshold
            and values.same)
    conflict = _periods_conflict(a, b, config) or (not copy and _editions_conflict(a, b, config))
    return PairEvidence(a.index, b.index, context, masked, raw, evidence, values, copy, conflict)


# --------------------------------------------------------------------------- clustering

class _Clusters:
    """Union-find whose merges respect cannot-link constraints at the level of whole clusters."""

    def __init__(self, features: list[ClaimFeatures], config: MatchConfig):
        self.parent = list(range(len(features)))
        self.periods: dict[int, set[str]] = {f.index: ({f.period} if f.period else set())
                                             for f in features}
        self.days: dict[int, list[int]] = {
            f.index: ([f.published] * 2 if (f.published is not None and not f.period) else [])
            for f in features}
        self.config = config

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def can_merge(self, ra: int, rb: int, copy: bool) -> bool:
        pa, pb = self.periods[ra], self.periods[rb]
        if pa and pb and (pa | pb) != pa & pb:
            return False
        if copy:
            return True
        da, db = self.days[ra], self.days[rb]
        if da and db and max(da[1], db[1]) - min(da[0], db[0]) > self.config.edition_gap_days:
            return False
        return True

    def merge(self, a: int, b: int, copy: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not self.can_merge(ra, rb, copy):
            return False
        self.parent[rb] = ra
        self.periods[ra] |= self.periods.pop(rb)
        da, db = self.days[ra], self.days.pop(rb)
        if da and db:
            self.days[ra] = [min(da[0], db[0]), max(da[1], db[1])]
        elif db:
            self.days[ra] = db
        return True


def _cluster_id(claim_ids: list[str]) -> str:
    return "k" + hashlib.sha1(min(claim_ids).encode()).hexdigest()[:10]


def _summarise(members: list[ClaimFeatures], copies: set[int], config: MatchConfig,
               cluster_id: str | None = None) -> ClusterResult:
    """Relation, suggested verdict and a readable explanation for one cluster."""
    claims = [f.claim for f in members]
    ids = [c.id for c in claims]
    roles = {f.claim.id: ("copy" if f.index in copies else "member") for f in members}
    comparisons: list[ValueComparison] = []
    distinct: list[ClaimFeatures] = []
    for f in members:
        if not any(compare_claims(f.claim, g.claim, slack=config.value_slack).same
                   for g in distinct):
            distinct.append(f)
    for x, y in itertools.combinations(distinct, 2):
        comparisons.append(compare_claims(x.claim, y.claim, slack=config.value_slack))
    relation = "agree" if len(distinct) == 1 else "differ"
    if any(c.compatible is False for c in comparisons):
        verdict = "conflicting"
    elif any(c.compatible is None for c in comparisons):
        verdict = "unverified"
    else:
        verdict = "consistent"
    docs = sorted({c.doc_name for c in claims})
    independent = len({c.doc_name for c in claims if roles[c.id] == "member"})
    parts: list[str] = []
    if len(distinct) == 1:
        parts.append(f"{distinct[0].claim.surface.strip()}: the same figure in all {len(claims)}"
                     f" mentions")
    else:
        anchor = distinct[0]
        conflicts = [c for c in comparisons if c.compatible is False]
        shown = conflicts + [c for c in comparisons if c.compatible is not False]
        parts.extend(c.explanation for c in shown[: max(3, len(conflicts))])
        del anchor
    if copies:
        parts.append("one source repeated: the same sentence in "
                     + ", ".join(docs) + ", not independent corroboration")
    head = f"{len(claims)} claims in {len(docs)} document{'s' if len(docs) != 1 else ''}"
    if independent <= 1 and copies:
        head += " (a single source)"
    kinds = Counter(c.kind for c in claims)
    subjects = Counter(c.subject for c in claims if c.subject)
    if subjects:
        subject = subjects.most_common(1)[0][0]
    else:
        weights: Counter = Counter()
        for f in members:
            for t, w in f.context.items():
                weights[t] += w
        subject = " ".join(t for t, _ in weights.most_common(4))
    return ClusterResult(
        id=cluster_id or _cluster_id(ids), claim_ids=ids, roles=roles, relation=relation,
        suggested_verdict=verdict, explanation=f"{head}. " + "; ".join(parts),
        subject=subject, kind=kinds.most_common(1)[0][0],
    )


def _link(ev: PairEvidence, features: list[ClaimFeatures], kind: str) -> LinkResult:
    a, b = features[ev.a].claim, features[ev.b].claim
    if a.id > b.id:
        a, b = b, a
    why = ev.values.explanation
    if kind == "related":
        pa, pb = features[ev.a].period, features[ev.b].period
        if pa and pb:
            why += f"; different periods ({pa} vs {pb}): related, not the same quantity"
        else:
            why += "; different report editions (documents published far apart)"
    elif kind == "copy":
        why += "; one source repeated"
    why += f" [context {ev.context:.2f}, masked {ev.masked_score:.0f}, raw {ev.raw_score:.0f}]"
    return LinkResult(a.id, b.id, kind, round(ev.raw_score, 1), round(ev.masked_score, 1),
                      round(ev.evidence, 3), why)


def match_claims(claims: list[Claim], documents: dict[str, Document] | list[Document],
                 config: MatchConfig | None = None, *,
                 existing: dict[str, str] | None = None,
                 new_ids: set[str] | None = None) -> MatchResult:
    """Cluster claims that state the same quantity, and list the links a reviewer should see.

    `existing` (claim id -> cluster id) and `new_ids` make the run incremental: only pairs
    that involve a new claim are scored, stored clusters are kept (and grown or joined),
    and the result holds only the clusters that changed and the new links.
    """
    config = config or MatchConfig()
    if not isinstance(documents, dict):
        documents = {d.name: d for d in documents}
    features = build_features(claims, documents, window=config.window)
    df = document_frequencies(features)
    idf = inverse_frequencies(df, len(features))
    new = None
    if new_ids is not None:
        new = {f.index for f in features if f.claim.id in new_ids}
    blocks = _blocks(features, idf, df, config)
    pairs = candidate_pairs(features, blocks, config, new)

    evidence: list[PairEvidence] = []
    for i, j in pairs.tolist():
        fa, fb = features[i], features[j]
        if fa.sentence_key == fb.sentence_key:
            continue  # two figures of one sentence are two quantities
        ev = score_pair(fa, fb, idf, config)
        if ev.copy or ev.evidence >= config.suggest_threshold:
            evidence.append(ev)

    clusters = _Clusters(features, config)
    existing = existing or {}
    stored_id: dict[int, str] = {}
    by_cluster: dict[str, list[int]] = defaultdict(list)
    for f in features:
        if f.claim.id in existing:
            by_cluster[existing[f.claim.id]].append(f.index)
    for cid, members in by_cluster.items():
        for m in members[1:]:
            clusters.parent[clusters.find(m)] = clusters.find(members[0])
            root = clusters.find(members[0])
            clusters.periods[root] = clusters.periods.get(root, set()) | clusters.periods.get(m, set())
        stored_id[clusters.find(members[0])] = cid

    def strength(ev: PairEvidence) -> tuple:
        return (not ev.copy, -(ev.evidence - ev.needed(config)))

    links: list[LinkResult] = []
    copies: set[int] = set()
    grouped: list[PairEvidence] = []
    for ev in sorted(evidence, key=strength):
        wants = ev.copy or ev.evidence >= ev.needed(config)
        if ev.period_conflict:
            if wants or ev.evidence >= config.group_threshold:
                links.append(_link(ev, features, "related"))
            continue
        if wants and clusters.merge(ev.a, ev.b, copy=ev.copy):
            grouped.append(ev)
            if ev.copy:
                later = max(ev.a, ev.b, key=lambda k: (features[k].published or 0,
                                                       features[k].claim.doc_name))
                copies.add(later)
                links.append(_link(ev, features, "copy"))
            continue
        if wants:  # refused at cluster level: a member's period or edition differs
            links.append(_link(ev, features, "related"))
        else:
            links.append(_link(ev, features, "possible"))

    # Links between claims that ended up in one cluster are not suggestions any more.
    index_of = {f.claim.id: f.index for f in features}
    links = [l for l in links if l.link != "possible"
             or clusters.find(index_of[l.a]) != clusters.find(index_of[l.b])]

    members: dict[int, list[ClaimFeatures]] = defaultdict(list)
    for f in features:
        members[clusters.find(f.index)].append(f)
    touched = None
    if new is not None:
        touched = {clusters.find(i) for i in new}
    result = MatchResult(links=links)
    for root, group in members.items():
        if len(group) < 2 or (touched is not None and root not in touched):
            continue
        keep_id = None
        for f in group:
            if f.claim.id in existing:
                keep_id = existing[f.claim.id]
                break
        group.sort(key=lambda f: (f.claim.doc_name, f.claim.start))
        result.clusters.append(_summarise(group, copies, config, keep_id))
    return result
