"""Cross-document matching: which claims state the same measured quantity, and do they agree.

The pipeline: features per claim (match_features), blocking here (rare context words or the
same figure, within a kind family; rapidfuzz.process.cdist within large blocks), pair scores
and the pair decision that weighs words and values together (match_scoring, compare), and
clustering here under cannot-link constraints: claims about different periods or report
editions never share a cluster, even through a third claim.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process, utils

from workbench.core.gc_pause import collector_paused
from workbench.core.compare import ValueComparison, compare_claims, read_figure, share_against_count
from workbench.core.match.within_document import currency_restatements, document_repeats
from workbench.core.frames import QuantityFrame, cluster_frame, frame_heading
from workbench.core.match.features import ClaimFeatures, build_features, document_frequencies, inverse_frequencies
from workbench.core.match.scoring import (
    MatchConfig,
    PairEvidence,
    PairSpace,
    context_similarity,
    period_conflict,
    period_outside,
    score_pairs,
)
from workbench.core.model import Claim, Document
from workbench.core.periods import period_years, publication_year


@dataclass(slots=True)
class ClusterResult:
    """Claims that state one quantity, with the reviewer's summary of their figures."""

    id: str
    claim_ids: list[str]
    roles: dict[str, str]  # claim id -> member | copy
    relation: str  # agree | differ
    suggested_verdict: str  # consistent | conflicting | unverified
    explanation: str
    subject: str  # the heading: measure, place, period and source of the members' frames
    kind: str
    frame: QuantityFrame | None = None  # the frame the members share (frames.cluster_frame)


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
    frames: dict[str, QuantityFrame] = field(default_factory=dict)  # claim id -> the frame it was matched on

    def cluster_of(self) -> dict[str, str]:
        """Claim id -> cluster id, for claims in a cluster."""
        return {cid: k.id for k in self.clusters for cid in k.claim_ids}


# --------------------------------------------------------------------------- blocking


def _value_key(f: ClaimFeatures):
    c = f.claim
    if c.is_range:
        return (c.value_min, c.value_max)
    if isinstance(c.value, (int, float)):
        return float(f"{float(c.value):.6g}")  # float noise aside, the figure as written
    return c.value


def _blocks(
    features: list[ClaimFeatures], idf: dict[str, float], df: Counter, config: MatchConfig
) -> list[tuple[list[int], int, str]]:
    """Groups of claims worth scoring against each other, each with its score cutoff.

    Claims meet in a block when they share a kind family and unit and one of their rarest
    context words, or the same figure (to six significant digits). A small block of one figure
    is kept whole (cutoff 0): the same figure needs less shared wording.
    """
    whole: dict[tuple, list[int]] = defaultdict(list)
    for f in features:
        whole[(f.family, f.unit)].append(f.index)
    if config.all_pairs:
        return [(m, 0, "whole") for m in whole.values() if len(m) > 1]
    blocks: dict[tuple, list[int]] = defaultdict(list)
    small = [m for m in whole.values() if 1 < len(m) <= config.block_above]
    for f in features:
        blocks[(f.family, f.unit, "=", _value_key(f))].append(f.index)
        if len(whole[(f.family, f.unit)]) <= config.block_above:
            by_weight = sorted(f.context, key=lambda t: -(idf[t] * f.context[t]))
            f.context_text = " ".join(sorted(by_weight[: config.context_words]))
            continue
        by_weight = sorted(f.context, key=lambda t: -(idf[t] * f.context[t]))
        f.context_text = " ".join(sorted(by_weight[: config.context_words]))
        ranked = [t for t in by_weight if 2 <= df[t] <= config.max_block]
        for t in ranked[: config.block_keys]:
            blocks[(f.family, f.unit, "w", t)].append(f.index)
    out = [(m, config.block_cutoff, "whole") for m in small]
    for key, members in blocks.items():
        if len(members) < 2 or len(members) > config.max_block:
            continue
        if key[2] == "=":
            # The same figure needs less shared wording when it is distinctive ("180,226",
            # "244,000"). A round figure ("20", "300,000") recurs by chance in a large corpus
            # and would pair every mention with every other: past a handful of mentions, its
            # members must share some context to be scored at all.
            whole_block = len(members) <= config.figure_block_whole or all(
                features[i].specificity >= config.distinct_digits for i in members
            )
            out.append((members, 0 if whole_block else config.block_cutoff, "figure"))
        else:
            out.append((members, config.block_cutoff, "word"))
    return out


PAIRS_PER_BATCH = 200_000
_SMALL_BLOCK = 48  # smaller blocks are pooled into one cpdist call instead of a cdist each


def candidate_pairs(
    features: list[ClaimFeatures],
    blocks: list[tuple[list[int], int, str]],
    config: MatchConfig,
    new: set[int] | None = None,
) -> np.ndarray:
    """Pairs (i < j) whose context strings score at least their block's cutoff.

    A large block is scored as one matrix with rapidfuzz.process.cdist (uint8 scores,
    score_cutoff, all cores); the many small blocks are pooled and scored pair by pair with
    process.cpdist, which saves a thread pool per tiny matrix. With `new`, only pairs with
    at least one new claim are formed, so stored pairs are never rescored.
    """
    n = len(features)
    texts = [f.context_text for f in features]
    found: list[np.ndarray] = []
    pooled: list[np.ndarray] = []
    for members, cutoff, kind in blocks:
        ids = np.asarray(members, dtype=np.int64)
        if new is None:
            rows = ids
        else:
            rows = np.asarray([m for m in members if m in new], dtype=np.int64)
            if not len(rows):
                continue
        if cutoff <= 0 or (kind == "word" and len(members) <= _SMALL_BLOCK):
            a = np.repeat(rows, len(ids))
            b = np.tile(ids, len(rows))
            keep = a < b if new is None else a != b
            codes = np.minimum(a[keep], b[keep]) * n + np.maximum(a[keep], b[keep])
            (found if cutoff <= 0 else pooled).append(codes)
            continue
        scores = process.cdist(
            [texts[i] for i in rows.tolist()],
            [texts[j] for j in members],
            scorer=fuzz.token_set_ratio,
            score_cutoff=cutoff,
            dtype=np.uint8,
            workers=config.workers,
        )
        r, c = np.nonzero(scores)
        a, b = rows[r], ids[c]
        keep = a != b
        found.append(np.minimum(a[keep], b[keep]) * n + np.maximum(a[keep], b[keep]))
    if pooled:
        # Small word blocks: a pair must share at least `min_shared_keys` rare words before
        # its context strings are scored, pooled in one cpdist call.
        codes, counts = np.unique(np.concatenate(pooled), return_counts=True)
        codes = codes[counts >= config.min_shared_keys]
        a, b = codes // n, codes % n
        scores = process.cpdist(
            [texts[i] for i in a.tolist()],
            [texts[j] for j in b.tolist()],
            scorer=fuzz.token_set_ratio,
            score_cutoff=config.block_cutoff,
            dtype=np.uint8,
            workers=config.workers,
        )
        found.append(codes[scores >= config.block_cutoff])
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    return np.stack([codes // n, codes % n], axis=1)


# --------------------------------------------------------------------------- clustering

FRAME_PERIODS_LINK = False


class _Clusters:
    """Union-find whose merges respect cannot-link constraints at the level of whole clusters.

    Each cluster keeps what its members say about time: the periods they state, the periods
    their documents imply, and the publication days of members with no period at all. Two
    clusters merge only when every member of one could be about the same time as every
    member of the other, so a claim of unknown period cannot bridge 2012/13 and 2016.
    """

    def __init__(self, features: list[ClaimFeatures], config: MatchConfig):
        self.parent = list(range(len(features)))
        # The sentences of each cluster's members: two figures of one sentence are never one
        # quantity, so no cluster may hold both, even through a third claim.
        self.sentences: dict[int, set[tuple[str, int]]] = {f.index: {f.sentence_key} for f in features}
        # Pairs the model is sure state different quantities: never in one cluster.
        self.members: dict[int, list[int]] = {f.index: [f.index] for f in features}
        self.cannot: dict[int, set[int]] = defaultdict(set)

        self.stated: dict[int, set[str]] = {}
        self.implied: dict[int, set[str]] = {}
        self.days: dict[int, tuple[int, int] | None] = {}
        for f in features:
            self.stated[f.index] = {f.period} if f.period_source == "stated" else set()
            self.implied[f.index] = {f.period} if f.period else set()
            self.days[f.index] = (f.published, f.published) if (f.published is not None and not f.period) else None
        self.config = config

    def forbid(self, pairs: np.ndarray) -> None:
        for a, b in pairs.tolist():
            self.cannot[a].add(b)
            self.cannot[b].add(a)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def can_merge(self, ra: int, rb: int, copy: bool) -> bool:
        small, large = sorted((self.sentences[ra], self.sentences[rb]), key=len)
        if any(k in large for k in small):
            return False
        if self.cannot:
            little, other = (ra, rb) if len(self.members[ra]) <= len(self.members[rb]) else (rb, ra)
            for m in self.members[little]:
                if any(self.find(x) == other for x in self.cannot.get(m, ())):
                    return False
        sa, sb = self.stated[ra], self.stated[rb]
        if sa and sb and len(sa | sb) > 1:
            return False
        if copy:
            return True
        ia, ib = self.implied[ra], self.implied[rb]
        if ia and ib and len(ia | ib) > 1:
            return False
        da, db = self.days[ra], self.days[rb]
        if da and db and max(da[1], db[1]) - min(da[0], db[0]) > self.config.edition_gap_days:
            return False
        for periods, days in ((ia, db), (ib, da)):
            if periods and days:
                for p in periods:
                    span = period_years(p)
                    if span and any(period_outside(span, publication_year(d), self.config) for d in days):
                        return False
        return True

    def union(self, ra: int, rb: int) -> int:
        self.parent[rb] = ra
        self.sentences[ra] |= self.sentences.pop(rb)
        self.members[ra].extend(self.members.pop(rb))
        self.stated[ra] |= self.stated.pop(rb)
        self.implied[ra] |= self.implied.pop(rb)
        da, db = self.days[ra], self.days.pop(rb)
        if da and db:
            self.days[ra] = (min(da[0], db[0]), max(da[1], db[1]))
        elif db:
            self.days[ra] = db
        return ra

    def restate(self, a: int, b: int) -> bool:
        """Join an amount and its restatement in another currency, though they share a sentence
        ("£1.3bn ($2.5bn)"), unless the reviewer said they are not one quantity."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if any(self.find(x) == rb for m in self.members[ra] for x in self.cannot.get(m, ())):
            return False
        self.union(ra, rb)
        return True

    def merge(self, a: int, b: int, copy: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not self.can_merge(ra, rb, copy):
            return False
        self.union(ra, rb)
        return True


def _best_suggestions(possible: list[PairEvidence], clusters: "_Clusters", per_claim: int) -> list[PairEvidence]:
    """The strongest possible matches of each claim, leaving out pairs already clustered."""
    kept: dict[int, int] = defaultdict(int)
    out = []
    for ev in sorted(possible, key=lambda e: -e.evidence):
        if clusters.find(ev.a) == clusters.find(ev.b):
            continue
        if kept[ev.a] < per_claim or kept[ev.b] < per_claim:
            kept[ev.a] += 1
            kept[ev.b] += 1
            out.append(ev)
    return out


def _infer_undated(features: list[ClaimFeatures], evidence: list[PairEvidence], config: MatchConfig) -> bool:
    """Date documents that state no period and no publication date by the company they keep.

    An undated article that shares figures with dated ones is about the same report edition:
    it takes the period (or publication date) of the dated documents its claims match, when
    one edition clearly outweighs any other. Returns whether any document was dated.
    """
    dated: dict[str, tuple[str | None, int | None]] = {}
    for f in features:
        if f.published is not None:
            dated[f.claim.doc_name] = (None, f.published)
    votes: dict[str, Counter] = defaultdict(Counter)
    for ev in evidence:
        fa, fb = features[ev.a], features[ev.b]
        if (
            ev.period_conflict
            or ev.copy
            or not ev.values.compatible
            or fa.claim.doc_name == fb.claim.doc_name
            or ev.evidence < ev.needed(config)
        ):
            continue
        for f, g in ((fa, fb), (fb, fa)):
            if f.claim.doc_name not in dated and g.claim.doc_name in dated:
                votes[f.claim.doc_name][dated[g.claim.doc_name]] += ev.evidence
    changed = False
    for doc, tally in votes.items():
        (best, weight), *rest = tally.most_common(2)
        if rest and weight < config.edition_vote_ratio * rest[0][1]:
            continue
        period, day = best
        for f in features:
            if f.claim.doc_name == doc and not f.period:
                if period:
                    f.period, f.period_source = period, "inferred"
                elif day is not None:
                    f.published = day
                changed = True
    return changed


BASE_CUES = ("total", "all", "every", "whole", "entire")
# A share and a count are shown side by side when their describing words overlap this much
# (context similarity, 0..1), and this much more when the share does not fit the count.
RELATED_CONTEXT, RELATED_DIFFER_CONTEXT = 0.25, 0.42


def _population(f: ClaimFeatures) -> set[str]:
    return set(f.near)


def share_count_links(
    features: list[ClaimFeatures], idf: dict[str, float], config: MatchConfig, new: set[int] | None = None
) -> list[LinkResult]:
    """Shares and counts of the same thing, checked against a base the corpus states.

    "one in seven councils" and "20 councils" cannot be compared alone, but a count that names
    the whole population ("a total 152 local authorities") turns the share into a count: one
    in seven of 152 is about 21.7. Such pairs are shown side by side as related claims.
    """
    bases = [
        f
        for f in features
        if f.family == "count"
        and f.claim.qualifier == "exact"
        and isinstance(f.claim.value, (int, float))
        and any(t in f.own for t in BASE_CUES)
    ]
    if not bases:
        return []
    counts: dict[str, list[ClaimFeatures]] = defaultdict(list)
    # By index, not `f not in bases`: the dataclass __eq__ compares every field of every base
    # (tens of millions of comparisons on real newswire).
    base_index = {b.index for b in bases}
    for f in features:
        if f.family == "count" and f.index not in base_index and isinstance(f.claim.value, (int, float)):
            for t in _population(f):
                counts[t].append(f)
    out: list[LinkResult] = []
    seen: set[tuple[int, int]] = set()
    for share in features:
        if share.claim.kind != "proportion" or not _population(share):
            continue
        reading = read_figure(share.claim)
        if reading is None or reading.basis == "exact":  # "60 out of the 87" names its own base
            continue
        base = next(
            (b for b in bases if _population(b) & _population(share) and not period_conflict(share, b, config, False)),
            None,
        )
        if base is None:
            continue
        for t in _population(share):
            for count in counts.get(t, ()):
                key = (share.index, count.index)
                if key in seen or (new is not None and not {share.index, count.index} & new):
                    continue
                seen.add(key)
                if float(count.claim.value) >= float(base.claim.value) or period_conflict(share, count, config, False):
                    continue
                context = context_similarity(share, count, idf)
                if context < RELATED_CONTEXT:
                    continue
                check = share_against_count(share.claim, count.claim, float(base.claim.value))
                if check.compatible is None or (not check.compatible and context < RELATED_DIFFER_CONTEXT):
                    continue
                a, b = sorted((share.claim.id, count.claim.id))
                raw = fuzz.ratio(share.sentence, count.sentence, processor=utils.default_process)
                masked = fuzz.token_set_ratio(share.masked, count.masked)
                out.append(
                    LinkResult(
                        a,
                        b,
                        "related",
                        round(raw, 1),
                        round(masked, 1),
                        round(context, 3),
                        f"{check.explanation} (base: {base.claim.surface.strip()}"
                        f" in {base.claim.doc_name}); a share and a count of the"
                        f" same thing [context {context:.2f}]",
                    )
                )
    return out


def _cluster_id(claim_ids: list[str]) -> str:
    return "k" + hashlib.sha1(min(claim_ids).encode()).hexdigest()[:10]


MAX_COMPARED = 12  # distinct figures compared pairwise in one cluster's summary


def _compare(a: ClaimFeatures, b: ClaimFeatures, config: MatchConfig) -> ValueComparison:
    return compare_claims(a.claim, b.claim, slack=config.value_slack, readings=(a.reading, b.reading))


def _currency(f: ClaimFeatures) -> str | None:
    return f.claim.currency if f.claim.kind == "money" else None


def _summarise(
    members: list[ClaimFeatures], copies: set[int], config: MatchConfig, cluster_id: str | None = None
) -> ClusterResult:
    """Relation, suggested verdict and a readable explanation for one cluster."""
    claims = [f.claim for f in members]
    ids = [c.id for c in claims]
    copies = {f.index for f in members if f.index in copies}
    roles = {f.claim.id: ("copy" if f.index in copies else "member") for f in members}
    comparisons: list[ValueComparison] = []
    distinct: list[ClaimFeatures] = []
    by_value: dict = {}
    for f in members:
        c = f.claim
        by_value.setdefault((repr(c.value), c.value_min, c.value_max, c.qualifier, c.unit, c.currency), f)
    for f in by_value.values():
        if not any(_compare(f, g, config).same for g in distinct):
            distinct.append(f)
    # An amount and its restatement in another currency ("£1.3bn ($2.5bn)") are one quantity
    # whose figures cannot be compared without an exchange rate: figures are compared within
    # each currency, and they agree when each currency gives one figure (the gold's convention).
    per_currency: dict[str | None, int] = Counter(_currency(f) for f in distinct)
    for x, y in itertools.combinations(distinct[:MAX_COMPARED], 2):
        if _currency(x) != _currency(y) and _currency(x) and _currency(y):
            continue
        comparisons.append(_compare(x, y, config))
    one_each = all(n == 1 for n in per_currency.values())  # the same figure within each currency
    relation = "agree" if one_each else "differ"
    if any(c.compatible is False for c in comparisons):
        verdict = "conflicting"
    elif any(c.compatible is None for c in comparisons) or (not comparisons and not one_each):
        verdict = "unverified"
    else:
        verdict = "consistent"
    docs = sorted({c.doc_name for c in claims})
    independent = len({c.doc_name for c in claims if roles[c.id] == "member"})
    parts: list[str] = []
    if len(distinct) == 1:
        parts.append(f"{distinct[0].claim.surface.strip()}: the same figure in all {len(claims)} mentions")
    elif one_each:  # one figure in each currency: "£1.5bn ($2.9bn)" in every document
        parts.append(
            ", ".join(f.claim.surface.strip() for f in distinct)
            + f": the same figure in each currency in all {len(claims)} mentions"
        )
    else:
        conflicts = [c for c in comparisons if c.compatible is False]
        shown = conflicts + [c for c in comparisons if c.compatible is not False]
        parts.extend(c.explanation for c in shown[: max(3, len(conflicts))])
    currencies = sorted(c for c in per_currency if c)
    if len(currencies) > 1:
        parts.append(f"the amount restated in {' and '.join(currencies)}: figures compared within each currency only")
    if copies:
        parts.append("one source repeated: the same sentence in " + ", ".join(docs) + ", not independent corroboration")
    head = f"{len(claims)} claims in {len(docs)} document{'s' if len(docs) != 1 else ''}"
    if independent <= 1 and copies:
        head += " (a single source)"
    kinds = Counter(c.kind for c in claims)
    frame = cluster_frame([f.frame for f in members if f.frame is not None])
    subjects = Counter(c.subject for c in claims if c.subject)
    if frame.measure:  # "average UK house price · November 2004 · ODPM"
        subject = frame_heading(frame)
    elif subjects:
        subject = subjects.most_common(1)[0][0]
    else:
        weights: Counter = Counter()
        for f in members:
            for t, w in f.context.items():
                weights[t] += w
        subject = " ".join(t for t, _ in weights.most_common(4))
    return ClusterResult(
        id=cluster_id or _cluster_id(ids),
        claim_ids=ids,
        roles=roles,
        relation=relation,
        suggested_verdict=verdict,
        explanation=f"{head}. " + "; ".join(parts),
        subject=subject,
        kind=kinds.most_common(1)[0][0],
        frame=frame,
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
    return LinkResult(a.id, b.id, kind, round(ev.raw_score, 1), round(ev.masked_score, 1), round(ev.evidence, 3), why)


def match_claims(
    claims: list[Claim],
    documents: dict[str, Document] | list[Document],
    config: MatchConfig | None = None,
    *,
    existing: dict[str, str] | None = None,
    new_ids: set[str] | None = None,
    rejected: Iterable[tuple[str, str]] = (),
    frames: Mapping[str, QuantityFrame] | None = None,
) -> MatchResult:
    """Cluster claims that state the same quantity, and list the links a reviewer should see.

    `existing` (claim id -> cluster id) and `new_ids` make the run incremental: only pairs
    that involve a new claim are scored, stored clusters are kept (and grown or joined),
    and the result holds only the clusters that changed and the new links.
    `rejected` holds pairs of claim ids a reviewer said are not one quantity: such a pair is
    never linked or suggested, and never shares a cluster, not even through a third claim.
    `frames` (claim id -> quantity frame) are frames read before, for claims whose text has not
    changed since: they are not read again (the store keeps them; reading them is a third of a
    match of one new document into a large database).
    """
    config = config or MatchConfig()
    if not isinstance(documents, dict):
        documents = {d.name: d for d in documents}
    with collector_paused():  # millions of small objects, no cycles (bench/README.md)
        return _match(claims, documents, config, existing, new_ids, rejected, frames)


def _rejected_indices(features: list[ClaimFeatures], rejected: Iterable[tuple[str, str]]) -> set[tuple[int, int]]:
    """The reviewer's rejected pairs as (low, high) feature indices, for the claims present."""
    where = {f.claim.id: f.index for f in features}
    out = set()
    for a, b in rejected:
        i, j = where.get(a), where.get(b)
        if i is not None and j is not None and i != j:
            out.add((min(i, j), max(i, j)))
    return out


def _match(
    claims: list[Claim],
    documents: dict[str, Document],
    config: MatchConfig,
    existing: dict[str, str] | None,
    new_ids: set[str] | None,
    rejected: Iterable[tuple[str, str]] = (),
    frames: Mapping[str, QuantityFrame] | None = None,
) -> MatchResult:
    features = build_features(claims, documents, window=config.window, frames=frames)
    df = document_frequencies(features)
    idf = inverse_frequencies(df, len(features))
    new = None
    if new_ids is not None:
        new = {f.index for f in features if f.claim.id in new_ids}
    blocks = _blocks(features, idf, df, config)
    pairs = candidate_pairs(features, blocks, config, new)

    space = PairSpace.of(features, idf, config)
    evidence: list[PairEvidence] = []
    vetoes: list[np.ndarray] = []
    for start in range(0, len(pairs), PAIRS_PER_BATCH):  # bounded memory, however many pairs
        evidence.extend(score_pairs(space, pairs[start : start + PAIRS_PER_BATCH], vetoes))

    refused_ids = {(min(a, b), max(a, b)) for a, b in rejected}
    refused = _rejected_indices(features, refused_ids)
    if refused:
        evidence = [ev for ev in evidence if (min(ev.a, ev.b), max(ev.a, ev.b)) not in refused]
    if _infer_undated(features, evidence, config):
        for ev in evidence:
            ev.period_conflict = period_conflict(features[ev.a], features[ev.b], config, ev.copy)

    clusters = _Clusters(features, config)
    for v in vetoes:
        clusters.forbid(v)
    if refused:
        clusters.forbid(np.asarray(sorted(refused), dtype=np.int64))
    existing = existing or {}
    stored_id: dict[int, str] = {}
    by_cluster: dict[str, list[int]] = defaultdict(list)
    for f in features:
        if f.claim.id in existing:
            by_cluster[existing[f.claim.id]].append(f.index)
    for cid, members in by_cluster.items():
        root = clusters.find(members[0])
        for m in members[1:]:
            other = clusters.find(m)
            if other != root:
                root = clusters.union(root, other)
        stored_id[root] = cid

    for amount, restatement in currency_restatements(features, new):
        clusters.restate(amount, restatement)

    def strength(ev: PairEvidence) -> tuple:
        return (not ev.copy, -(ev.evidence - ev.needed(config)))

    links: list[LinkResult] = []
    possible: list[PairEvidence] = []
    copies: set[int] = set()
    grouped: list[PairEvidence] = []
    for ev in sorted(evidence, key=strength):
        # Within one document, figures are joined by the restatement rules (match_document);
        # the model decides pairs across documents.
        wants = (
            ev.copy
            or (ev.evidence >= ev.needed(config) and features[ev.a].claim.doc_name != features[ev.b].claim.doc_name)
            or (config.former_rule and ev.former)
        )
        if ev.period_conflict:
            if wants or ev.evidence >= config.grouping():
                links.append(_link(ev, features, "related"))
            continue
        if wants and clusters.merge(ev.a, ev.b, copy=ev.copy):
            grouped.append(ev)
            if ev.copy:
                later = max(ev.a, ev.b, key=lambda k: (features[k].published or 0, features[k].claim.doc_name))
                copies.add(later)
                links.append(_link(ev, features, "copy"))
            continue
        if wants:  # refused at cluster level: a member's period or edition differs
            links.append(_link(ev, features, "related"))
        else:
            possible.append(ev)
    for repeat, mention in document_repeats(features, config, new):
        clusters.merge(repeat, mention)
    links.extend(
        _link(ev, features, "possible") for ev in _best_suggestions(possible, clusters, config.max_suggestions)
    )

    links.extend(
        link
        for link in share_count_links(features, idf, config, new)
        if not refused or (min(link.a, link.b), max(link.a, link.b)) not in refused_ids
    )

    members: dict[int, list[ClaimFeatures]] = defaultdict(list)
    for f in features:
        members[clusters.find(f.index)].append(f)
    touched = None
    if new is not None:
        touched = {clusters.find(i) for i in new}
    result = MatchResult(links=links, frames={f.claim.id: f.frame for f in features if f.frame is not None})
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


def summarise_cluster(
    claims: list[Claim],
    documents: dict[str, Document] | list[Document],
    config: MatchConfig | None = None,
    *,
    cluster_id: str | None = None,
    roles: dict[str, str] | None = None,
) -> ClusterResult:
    """Relation, verdict and explanation for a cluster a reviewer put together by hand."""
    config = config or MatchConfig()
    if not isinstance(documents, dict):
        documents = {d.name: d for d in documents}
    features = build_features(claims, documents, window=config.window)
    features.sort(key=lambda f: (f.claim.doc_name, f.claim.start))
    copies = {f.index for f in features if (roles or {}).get(f.claim.id) == "copy"}
    return _summarise(features, copies, config, cluster_id)
