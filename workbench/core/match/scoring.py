"""Scoring a pair of claims: do their words describe one quantity, and are they about one time?

Context similarity weighs the words that describe each figure against the other's sentence
(rare words count more); the sentence scores come from rapidfuzz with the figures masked.
Candidate pairs are scored in bulk: the word overlaps with numpy over token ids, the sentence
scores with rapidfuzz.process.cpdist, and only pairs worth a suggestion reach Python.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process, utils

from workbench.core.compare import SAME_TOLERANCE, ValueComparison, compare_claims
from workbench.core.match.features import ClaimFeatures
from workbench.core.match.model import FEATURES, FrameIndex, PairModel, pair_matrix, shipped_model
from workbench.core.periods import period_years, publication_year


@dataclass(slots=True)
class MatchConfig:
    """The matcher's settings. Whether a pair is one quantity is the fitted model's call
    (match/model.py); what is left here is where to look (blocking) and what counts as time apart.
    """

    group_threshold: float | None = None  # model probability to group; None: the model's own
    suggest_threshold: float | None = None  # probability to show a possible match; None: the model's
    veto_threshold: float | None = None  # below this probability a pair may not share a cluster
    model: PairModel | None = None  # None: the model shipped in the package
    copy_threshold: float = 90.0  # raw sentence score (0..100) for "one source repeated"
    edition_gap_days: int = 183  # documents further apart state different editions
    period_lag_years: int = 1  # a document reports on periods at most this long before it
    edition_vote_ratio: float = 1.5  # an undated document takes the clearly best-matched edition
    window: int = 12  # words either side of the figure that make up its context
    block_keys: int = 4  # the rarest context words per claim that name its blocks
    max_block: int = 300  # words shared by more claims than this are too common to block on
    context_words: int = 8  # the most telling words of a claim, which blocks are scored on
    block_above: int = 1000  # a kind family with fewer claims than this is scored all-pairs
    min_shared_keys: int = 2  # in small blocks, rare words two claims must share to be scored
    block_cutoff: int = 50  # cdist score_cutoff (0..100) on the context strings
    figure_block_whole: int = 4  # a block of one round figure up to this size is scored whole
    distinct_digits: int = 3  # a figure written with this many significant digits is distinctive
    workers: int = -1
    value_slack: float = 0.0  # relative slack on top of rounding when comparing two figures
    max_suggestions: int = 3  # possible matches shown per claim, best first
    all_pairs: bool = False  # score every pair within a kind family (slow; for comparison)
    former_rule: bool = True  # also group the pairs the seed-era hand-set rule groups (see FORMER_RULE)

    def pair_model(self) -> PairModel:
        return self.model if self.model is not None else shipped_model()

    def grouping(self) -> float:
        return self.group_threshold if self.group_threshold is not None else self.pair_model().group

    def vetoing(self) -> float:
        return self.veto_threshold if self.veto_threshold is not None else self.pair_model().veto

    def suggesting(self) -> float:
        return self.suggest_threshold if self.suggest_threshold is not None else self.pair_model().suggest


class LazyComparison:
    """same / compatible / gap known at once; the worded explanation made only when asked."""

    __slots__ = ("same", "compatible", "gap", "_a", "_b", "_slack", "_full")

    def __init__(self, same: bool, compatible: bool, gap: float, a: ClaimFeatures, b: ClaimFeatures, slack: float):
        self.same, self.compatible, self.gap = same, compatible, gap
        self._a, self._b, self._slack, self._full = a, b, slack, None

    def _compare(self) -> ValueComparison:
        if self._full is None:
            self._full = compare_claims(
                self._a.claim, self._b.claim, slack=self._slack, readings=(self._a.reading, self._b.reading)
            )
        return self._full

    @property
    def explanation(self) -> str:
        return self._compare().explanation

    @property
    def rule(self) -> str:
        return self._compare().rule


@dataclass(slots=True)
class PairEvidence:
    """Why two claims were, or were not, put together."""

    a: int
    b: int
    context: float  # weighted overlap of the words around the figures (0..1)
    masked_score: float  # rapidfuzz score of the sentences with numbers masked (0..100)
    raw_score: float  # rapidfuzz score of the raw sentences (0..100)
    evidence: float  # the model's probability that the two state one quantity (0..1)
    values: ValueComparison | LazyComparison
    copy: bool
    period_conflict: bool
    former: bool = False  # the seed-era rule (FORMER_RULE) would group the pair

    def needed(self, config: MatchConfig) -> float:
        """The evidence (model probability) needed to group."""
        return config.grouping()


def _coverage(a: ClaimFeatures, b: ClaimFeatures, idf: dict[str, float]) -> float:
    """How much of what describes a's figure the sentence of b also says (0..1)."""
    total = a.own_total
    if total < 0:
        total = a.own_total = sum(w * idf.get(t, 1.0) for t, w in a.own.items())
    words = b.words
    covered = sum(w * idf.get(t, 1.0) for t, w in a.own.items() if t in words)
    return covered / total if total else 0.0


def _dice(a: ClaimFeatures, b: ClaimFeatures, idf: dict[str, float]) -> float:
    shared = a.context.keys() & b.context.keys()
    if not shared:
        return 0.0
    common = sum(min(a.context[t], b.context[t]) * idf[t] for t in shared)
    for f in (a, b):
        if f.context_total < 0:
            f.context_total = sum(w * idf[t] for t, w in f.context.items())
    total = a.context_total + b.context_total
    return 2 * common / total if total else 0.0


# The same unusual figure is itself evidence: two articles rarely state 180,226 of two things.
SPECIFIC_FIGURE_BONUS = {3: 0.12, 4: 0.25, 5: 0.3}


def context_similarity(a: ClaimFeatures, b: ClaimFeatures, idf: dict[str, float]) -> float:
    """Do the words around the two figures describe one quantity? (0..1)

    Each side's describing words must be found in the other's sentence (the weaker side
    decides), blended with the overlap of the two whole contexts. For counts, the figures
    counting the same thing ("20 councils", "the 20 councils") adds to it.
    """
    cover = min(_coverage(a, b, idf), _coverage(b, a, idf))
    score = 0.7 * cover + 0.3 * _dice(a, b, idf)
    if (
        a.family in ("count", "money", "other")
        and min(a.specificity, b.specificity) >= 3
        and a.claim.value == b.claim.value
        and a.unit == b.unit
    ):
        score += SPECIFIC_FIGURE_BONUS[min(a.specificity, b.specificity, 5)]
    if a.family in ("count", "money") and a.near and b.near and set(a.near) & set(b.near):
        score += 0.1
        if a.claim.doc_name == b.claim.doc_name and a.claim.value == b.claim.value and a.near[0] == b.near[0]:
            score += 0.2  # a later "the 20 councils" refers back to "20 councils"
    return min(score, 1.0)


_BONUS_FAMILIES = ("count", "money", "other")
_NEAR_FAMILIES = ("count", "money")


class ContextIndex:
    """The words of every claim as token ids, so that many pairs are scored at once.

    `similarity(a, b)` gives, for arrays of claim indices, exactly what context_similarity
    gives for one pair, computed with numpy: sorted (claim, token) codes turn "is this word
    in that sentence" into a binary search.
    """

    def __init__(self, features: list[ClaimFeatures], idf: dict[str, float]):
        vocab: dict[str, int] = {}
        self.n = n = len(features)
        own_ptr, own_tok, own_w = [0], [], []
        ctx_ptr, ctx_tok, ctx_w = [0], [], []
        word_codes = []
        near0 = np.full(n, -1, dtype=np.int64)
        near1 = np.full(n, -1, dtype=np.int64)
        for f in features:
            for t, w in f.own.items():
                own_tok.append(vocab.setdefault(t, len(vocab)))
                own_w.append(w * idf.get(t, 1.0))
            own_ptr.append(len(own_tok))
            for t, w in f.context.items():
                ctx_tok.append(vocab.setdefault(t, len(vocab)))
                ctx_w.append(w)
            ctx_ptr.append(len(ctx_tok))
            for t in f.words:
                word_codes.append((f.index, vocab.setdefault(t, len(vocab))))
            if f.near:
                near0[f.index] = vocab.setdefault(f.near[0], len(vocab))
                if len(f.near) > 1:
                    near1[f.index] = vocab.setdefault(f.near[1], len(vocab))
        self.v = v = max(len(vocab), 1)
        idf_by_id = np.zeros(v)
        for t, i in vocab.items():
            idf_by_id[i] = idf.get(t, 1.0)
        self.own_ptr = np.asarray(own_ptr, dtype=np.int64)
        self.own_tok = np.asarray(own_tok, dtype=np.int64)
        self.own_w = np.asarray(own_w, dtype=np.float64)
        self.ctx_ptr = np.asarray(ctx_ptr, dtype=np.int64)
        self.ctx_tok = np.asarray(ctx_tok, dtype=np.int64)
        self.ctx_w = np.asarray(ctx_w, dtype=np.float64)
        self.ctx_idf = idf_by_id[self.ctx_tok] if len(self.ctx_tok) else np.zeros(0)
        owner = np.repeat(np.arange(n), np.diff(self.ctx_ptr))
        codes = owner * v + self.ctx_tok
        order = np.argsort(codes, kind="stable")
        self.ctx_codes, self.ctx_w_sorted = codes[order], self.ctx_w[order]
        if word_codes:
            pairs = np.asarray(word_codes, dtype=np.int64)
            self.word_codes = np.unique(pairs[:, 0] * v + pairs[:, 1])
        else:
            self.word_codes = np.zeros(0, dtype=np.int64)
        own_owner = np.repeat(np.arange(n), np.diff(self.own_ptr))
        self.own_total = np.bincount(own_owner, weights=self.own_w, minlength=n)
        self.ctx_total = np.bincount(owner, weights=self.ctx_w * self.ctx_idf, minlength=n)
        self.near0, self.near1 = near0, near1
        docs: dict[str, int] = {}
        units: dict[str, int] = {}
        self.doc = np.asarray([docs.setdefault(f.claim.doc_name, len(docs)) for f in features], dtype=np.int64)
        self.unit = np.asarray([units.setdefault(f.unit, len(units)) for f in features], dtype=np.int64)
        self.bonus_family = np.asarray([f.family in _BONUS_FAMILIES for f in features], dtype=bool)
        self.near_family = np.asarray([f.family in _NEAR_FAMILIES for f in features], dtype=bool)
        self.spec = np.asarray([f.specificity for f in features], dtype=np.int64)
        self.value = np.asarray([_plain_number(f.claim.value) for f in features], dtype=np.float64)
        nan = float("nan")
        readings = [f.reading for f in features]
        self.lo = np.asarray([r.lo if r else nan for r in readings], dtype=np.float64)
        self.hi = np.asarray([r.hi if r else nan for r in readings], dtype=np.float64)
        self.point = np.asarray([r.point if (r and r.point is not None) else nan for r in readings], dtype=np.float64)
        self.loose = np.asarray([(r.basis in ("bound", "hedge")) if r else False for r in readings])
        self.basis = np.asarray([hash(r.basis) if r else 0 for r in readings], dtype=np.int64)
        self.python_only = np.asarray(
            [r is None or f.family == "time" or f.claim.kind == "rate" for f, r in zip(features, readings)]
        )

    def value_flags(self, a: np.ndarray, b: np.ndarray, slack: float):
        """same, compatible and gap for many pairs, as compare_claims gives them.

        Pairs whose figures need more than intervals (dates, rates, missing readings) are
        flagged in the last array and left to compare_claims.
        """
        la, ha, lb, hb = self.lo[a], self.hi[a], self.lo[b], self.hi[b]
        pa, pb = self.point[a], self.point[b]
        with np.errstate(invalid="ignore"):
            finite_a, finite_b = np.isfinite(la) & np.isfinite(ha), np.isfinite(lb) & np.isfinite(hb)
            pad_a = np.where(finite_a, slack * np.maximum(np.abs(la), np.abs(ha)), 0.0) if slack else 0.0
            pad_b = np.where(finite_b, slack * np.maximum(np.abs(lb), np.abs(hb)), 0.0) if slack else 0.0
            shared = np.minimum(ha + pad_a, hb + pad_b) - np.maximum(la - pad_a, lb - pad_b)
            point = (la == ha) | (lb == hb)
            compatible = np.where(point, shared >= 0, shared > 1e-12)
            points = ~np.isnan(pa) & ~np.isnan(pb)
            scale = np.maximum(np.abs(pa), np.abs(pb))
            close = np.abs(pa - pb) <= np.maximum(SAME_TOLERANCE * scale, 1e-12)
            loose_mismatch = (self.loose[a] | self.loose[b]) & (self.basis[a] != self.basis[b])
            same_points = points & close & ~loose_mismatch
            same_ranges = np.isnan(pa) & np.isnan(pb) & (la == lb) & (ha == hb)
            same = same_points | same_ranges
            gap = np.where(
                points,
                np.divide(np.abs(pa - pb), scale, out=np.zeros(len(a)), where=scale > 0),
                np.where((la <= hb) & (lb <= ha), 0.0, 1.0),
            )
        return same, compatible | same, gap, self.python_only[a] | self.python_only[b]

    @staticmethod
    def _explode(ptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each row, the positions of its entries in a CSR array, and the row they belong to."""
        lengths = ptr[rows + 1] - ptr[rows]
        total = int(lengths.sum())
        owner = np.repeat(np.arange(len(rows)), lengths)
        if not total:
            return np.zeros(0, dtype=np.int64), owner
        starts = np.repeat(ptr[rows] - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
        return starts + np.arange(total), owner

    def _lookup(self, codes: np.ndarray, table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if not len(table):
            return np.zeros(len(codes), dtype=bool), np.zeros(len(codes), dtype=np.int64)
        pos = np.minimum(np.searchsorted(table, codes), len(table) - 1)
        return table[pos] == codes, pos

    def _coverage(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        idx, owner = self._explode(self.own_ptr, a)
        hit, _ = self._lookup(b[owner] * self.v + self.own_tok[idx], self.word_codes)
        covered = np.bincount(owner, weights=self.own_w[idx] * hit, minlength=len(a))
        total = self.own_total[a]
        return np.divide(covered, total, out=np.zeros(len(a)), where=total > 0)

    def _dice(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        idx, owner = self._explode(self.ctx_ptr, a)
        hit, pos = self._lookup(b[owner] * self.v + self.ctx_tok[idx], self.ctx_codes)
        other = np.where(hit, self.ctx_w_sorted[pos] if len(pos) else 0.0, 0.0)
        common = np.bincount(owner, weights=np.minimum(self.ctx_w[idx], other) * self.ctx_idf[idx], minlength=len(a))
        total = self.ctx_total[a] + self.ctx_total[b]
        return np.divide(2 * common, total, out=np.zeros(len(a)), where=total > 0)

    def similarity(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        score = 0.7 * np.minimum(self._coverage(a, b), self._coverage(b, a)) + 0.3 * self._dice(a, b)
        same_value = (self.value[a] == self.value[b]) & ~np.isnan(self.value[a])
        spec = np.minimum(np.minimum(self.spec[a], self.spec[b]), 5)
        bonus_ok = self.bonus_family[a] & same_value & (spec >= 3) & (self.unit[a] == self.unit[b])
        table = np.zeros(6)
        for digits, bonus in SPECIFIC_FIGURE_BONUS.items():
            table[digits] = bonus
        score += np.where(bonus_ok, table[spec], 0.0)
        a0, a1, b0, b1 = self.near0[a], self.near1[a], self.near0[b], self.near1[b]
        overlap = (((a0 == b0) | (a0 == b1)) & (a0 >= 0)) | (((a1 == b0) | (a1 == b1)) & (a1 >= 0))
        near_ok = self.near_family[a] & overlap
        score += np.where(near_ok, 0.1, 0.0)
        back = near_ok & (self.doc[a] == self.doc[b]) & same_value & (a0 == b0) & (a0 >= 0)
        score += np.where(back, 0.2, 0.0)
        return np.minimum(score, 1.0)


def _plain_number(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return float("nan")
    return float(value)


def _span(f: ClaimFeatures) -> tuple[int, int] | None:
    return period_years(f.period)


def period_conflict(a: ClaimFeatures, b: ClaimFeatures, config: MatchConfig, copy: bool) -> bool:
    """Are the two claims about different periods or report editions?

    Periods stated with the claims always count; for a copied sentence nothing else does.
    Otherwise a document's own period stands in for a claim that states none, and a claim
    with no period at all is taken to be about the time its document was published.
    """
    if a.period_source == "stated" and b.period_source == "stated":
        return a.period != b.period
    if copy:
        return False
    if a.period and b.period:
        return a.period != b.period
    return _time_apart(_span(a) if a.period else None, a.published, _span(b) if b.period else None, b.published, config)


def _time_apart(span_a, day_a, span_b, day_b, config: MatchConfig) -> bool:
    if span_a is None and span_b is None:
        if day_a is None or day_b is None:
            return False
        return abs(day_a - day_b) > config.edition_gap_days
    if span_a is not None and span_b is None and day_b is not None:
        return period_outside(span_a, publication_year(day_b), config)
    if span_b is not None and span_a is None and day_a is not None:
        return period_outside(span_b, publication_year(day_a), config)
    return False


def period_outside(span: tuple[int, int], year: int, config: MatchConfig) -> bool:
    return year - span[1] > config.period_lag_years or span[0] - year > config.period_lag_years


def score_pair(a: ClaimFeatures, b: ClaimFeatures, idf: dict[str, float], config: MatchConfig) -> PairEvidence:
    """All the evidence about one pair of claims (however low its probability)."""
    masked = fuzz.token_set_ratio(a.masked, b.masked)
    raw = fuzz.ratio(a.sentence, b.sentence, processor=utils.default_process)
    values = compare_claims(a.claim, b.claim, slack=config.value_slack, readings=(a.reading, b.reading))
    context = context_similarity(a, b, idf)
    copy = a.claim.doc_name != b.claim.doc_name and raw >= config.copy_threshold and values.same
    conflict = period_conflict(a, b, config, copy)
    x = pair_matrix(
        [a, b],
        FrameIndex([a, b]),
        np.array([0]),
        np.array([1]),
        context=np.array([context]),
        masked=np.array([masked], float),
        raw=np.array([raw], float),
        same=np.array([values.same]),
        compatible=np.array([_compat_code(values.compatible)]),
        gap=np.array([values.gap]),
        period_conflict=np.array([conflict]),
        same_doc=np.array([a.claim.doc_name == b.claim.doc_name]),
        spec=np.array([min(a.specificity, b.specificity)]),
        loose=np.array([_loose(a) or _loose(b)]),
    )
    apart = _times_apart(x, np.array([values.same]), np.array([_compat_code(values.compatible)]))[0]
    p = 0.0 if apart else float(config.pair_model().probability(x)[0])
    former = not apart and bool(
        former_rule(
            np.array([context]),
            np.array([masked], float),
            np.array([values.same]),
            np.array([_compat_code(values.compatible)]),
            np.array([values.gap]),
        )[0]
    )
    return PairEvidence(a.index, b.index, context, masked, raw, p, values, copy, conflict, former)


# The hand-set rule the matcher used before the model (tuned on the five seeds), kept as a second
# way into a cluster while the seeds' review scenarios depend on it: evidence = context_weight *
# context + (1 - context_weight) * resemblance must reach `group`, plus `near` when the figures
# differ within rounding (at most `close_gap` apart) or `differ` when they differ beyond it; no
# pair with less than `min_context` word overlap, nor with differing figures below `differ_context`.
FORMER_RULE = {
    "context_weight": 0.7,
    "group": 0.25,
    "near": 0.04,
    "differ": 0.17,
    "min_context": 0.2,
    "differ_context": 0.45,
    "close_gap": 0.15,
}


def former_rule(
    context: np.ndarray, masked: np.ndarray, same: np.ndarray, compat: np.ndarray, gap: np.ndarray
) -> np.ndarray:
    """Which pairs the seed-era rule groups (compat: 1 compatible, 0 not, -1 not comparable)."""
    r = FORMER_RULE
    resemblance = np.maximum(0.0, (masked - 50.0) / 50.0)
    evidence = r["context_weight"] * context + (1 - r["context_weight"]) * resemblance
    needed = np.where(
        same.astype(bool) | (compat < 0),
        r["group"],
        np.where(
            (compat == 1) & (gap <= r["close_gap"]),
            r["group"] + r["near"],
            np.where(context < r["differ_context"], np.inf, r["group"] + r["differ"]),
        ),
    )
    return (context >= r["min_context"]) & (evidence >= needed)


_TIME_COLUMN = FEATURES.index("time")  # the pair's figures are years or dates (match/model.py)


def _times_apart(x: np.ndarray, same: np.ndarray, compat: np.ndarray) -> np.ndarray:
    """Pairs of two different times, which never state one quantity: "August 1986" and "April
    1984" (every group of years or dates in the gold files agrees); the same or a containing time
    may ("September 2003" and "2003"). `x` holds the pairs' FEATURES, `compat` compare's codes."""
    return (x[:, _TIME_COLUMN] > 0) & ~same.astype(bool) & (compat != 1)


def _compat_code(compatible: bool | None) -> int:
    return -1 if compatible is None else int(bool(compatible))


def _loose(f: ClaimFeatures) -> bool:
    return f.reading is not None and f.reading.basis in ("bound", "hedge")


@dataclass(frozen=True, slots=True)
class PairSpace:
    """What scoring a pair of claims needs besides the pair: every claim's features, the
    configuration, and the indexes built once over them (the context index weighs words by `idf`)."""

    features: list[ClaimFeatures]
    config: MatchConfig
    index: ContextIndex
    frames: FrameIndex

    @classmethod
    def of(cls, features: list[ClaimFeatures], idf: dict[str, float], config: MatchConfig) -> PairSpace:
        return cls(features, config, ContextIndex(features, idf), FrameIndex(features))


def pair_inputs(space: PairSpace, pairs: np.ndarray):
    """Candidate pairs (two figures of one sentence left out) with their model features.

    Returns (left, right, X, extras) where extras holds the arrays PairEvidence is built from.
    """
    features, config, index, frames = space.features, space.config, space.index, space.frames
    sentence_ids: dict[tuple[str, int], int] = {}
    sid = np.fromiter(
        (sentence_ids.setdefault(f.sentence_key, len(sentence_ids)) for f in features),
        dtype=np.int64,
        count=len(features),
    )
    if len(pairs):
        pairs = pairs[sid[pairs[:, 0]] != sid[pairs[:, 1]]]
    else:
        pairs = np.zeros((0, 2), dtype=np.int64)
    left, right = pairs[:, 0], pairs[:, 1]
    context = index.similarity(left, right)
    masked = process.cpdist(
        [features[i].masked for i in left.tolist()],
        [features[j].masked for j in right.tolist()],
        scorer=fuzz.token_set_ratio,
        workers=config.workers,
    ).astype(float)
    raw = process.cpdist(
        [features[i].sentence for i in left.tolist()],
        [features[j].sentence for j in right.tolist()],
        scorer=fuzz.ratio,
        processor=utils.default_process,
        workers=config.workers,
    ).astype(float)
    same, compatible, gap, slow = index.value_flags(left, right, config.value_slack)
    compat = compatible.astype(np.int64)
    slow_values: dict[int, ValueComparison] = {}
    for k in np.nonzero(slow)[0].tolist():
        fa, fb = features[int(left[k])], features[int(right[k])]
        v = compare_claims(fa.claim, fb.claim, slack=config.value_slack, readings=(fa.reading, fb.reading))
        slow_values[k] = v
        same[k], compat[k], gap[k] = v.same, _compat_code(v.compatible), v.gap
    cross = index.doc[left] != index.doc[right]
    copy = cross & (raw >= config.copy_threshold) & same
    conflict = np.fromiter(
        (
            period_conflict(features[i], features[j], config, c)
            for i, j, c in zip(left.tolist(), right.tolist(), copy.tolist())
        ),
        dtype=bool,
        count=len(left),
    )
    loose = index.loose[left] | index.loose[right]
    x = pair_matrix(
        features,
        frames,
        left,
        right,
        context=context,
        masked=masked,
        raw=raw,
        same=same,
        compatible=compat,
        gap=gap,
        period_conflict=conflict,
        same_doc=~cross,
        spec=np.minimum(index.spec[left], index.spec[right]),
        loose=loose,
        workers=config.workers,
    )
    extras = dict(
        context=context,
        masked=masked,
        raw=raw,
        same=same,
        compat=compat,
        gap=gap,
        copy=copy,
        conflict=conflict,
        slow_values=slow_values,
    )
    return left, right, x, extras


def score_pairs(space: PairSpace, pairs: np.ndarray, vetoes: list[np.ndarray] | None = None) -> list[PairEvidence]:
    """Evidence for candidate pairs, keeping those worth a suggestion (or copies).

    With `vetoes`, the pairs the model is sure are different quantities (probability below
    the veto threshold) are appended to it as an (n, 2) array: no cluster may join them.

    Word overlaps are computed for all pairs at once (ContextIndex), the masked and raw
    sentence scores with rapidfuzz.process.cpdist, the probability with the fitted model;
    pairs below the suggestion threshold are dropped before any per-pair Python. Two figures
    of one sentence are never the same quantity.
    """
    if not len(pairs):
        return []
    features, config = space.features, space.config
    left, right, x, e = pair_inputs(space, pairs)
    p = config.pair_model().probability(x)
    former = (
        former_rule(e["context"], e["masked"], e["same"], e["compat"], e["gap"])
        if config.former_rule
        else np.zeros(len(p), dtype=bool)
    )
    apart = _times_apart(x, e["same"], e["compat"])
    p = np.where(apart, 0.0, p)
    former &= ~apart
    if vetoes is not None:
        sure = (p < config.vetoing()) & ~e["copy"] & ~former
        vetoes.append(np.stack([left[sure], right[sure]], axis=1))
    keep = np.nonzero((p >= config.suggesting()) | e["copy"] | former)[0]
    out: list[PairEvidence] = []
    for k in keep.tolist():
        i, j = int(left[k]), int(right[k])
        values = e["slow_values"].get(k)
        if values is None:
            values = LazyComparison(
                bool(e["same"][k]),
                bool(e["compat"][k] == 1),
                float(e["gap"][k]),
                features[i],
                features[j],
                config.value_slack,
            )
        out.append(
            PairEvidence(
                i,
                j,
                float(e["context"][k]),
                float(e["masked"][k]),
                float(e["raw"][k]),
                float(p[k]),
                values,
                bool(e["copy"][k]),
                bool(e["conflict"][k]),
                bool(former[k]),
            )
        )
    return out
