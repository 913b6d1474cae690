"""The learned pair decision: how likely two claims state one quantity, from labelled pairs.

Each candidate pair is described by a short vector of features that carry across outlets
(`FEATURES`): how much their describing words overlap, how alike their number-masked
sentences are, how their figures relate (the same, within rounding, beyond), whether their
frames (measure, place, period, basis, source; see frames.py) agree, how specific the figures
are, and whether they sit in one document. A logistic regression fitted on labelled pairs
turns the vector into a probability. Its weights are a data file in the package
(`data/match_model.json`), refitted with `python training/fit_match_model.py`; at run time the
model is plain numpy, so scikit-learn is needed only to refit.

The three thresholds that remain, `group`, `suggest` and `veto` in the data file, are read off
the leave-one-story-out curves the fitting script prints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from workbench.core.match.features import STOPWORDS, WORD, ClaimFeatures, stem

MODEL_FILE = "match_model.json"

# The feature vector of a pair, in order. Each is 0..1 or an indicator.
FEATURES: tuple[str, ...] = (
    "context",  # weighted overlap of the words describing the two figures
    "resemblance",  # number-masked sentence similarity, rescaled so unrelated ~ 0
    "raw",  # raw sentence similarity (copies score near 1)
    "same_value",  # the same figure after normalisation
    "within_rounding",  # different as written, compatible within rounding or hedges
    "value_beyond",  # figures that cannot be the same value
    "log_gap",  # how far apart the figures are, log-scaled
    "incomparable",  # figures that cannot be compared (None)
    "specific",  # significant digits of the less specific figure, /6
    "same_specific",  # same figure written with 3+ significant digits
    "same_document",
    "measure_similarity",  # token-set similarity of the two measure phrases
    "measure_missing",  # either claim has no measure phrase
    "period_same",
    "period_differ",
    "place_same",
    "place_differ",
    "source_same",
    "source_differ",
    "basis_differ",
    "old_period_conflict",  # periods or report editions differ (periods.py rules)
    "loose",  # either figure is a bound or hedge ("more than", "about")
    "measure_x_beyond",  # measure agreement when the figures differ beyond rounding
    "measure_x_same",  # measure agreement when the figures are the same
    "context_x_same",  # word overlap when the figures are the same
    "same_round",  # the same figure written with one or two significant digits ("two", "12")
    "time",  # years and dates: a figure that sets the period of another
    "measure_disjoint",  # both measures read, not one word (stem) in common
    "disjoint_x_same_doc",  # ... within one document, where a figure recurs for other things
)
FAMILY_FEATURES = ("time",)


@dataclass(slots=True)
class PairModel:
    """Logistic regression weights over FEATURES, with the thresholds read off the CV curve."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    group: float  # probability at or above which a pair is grouped
    suggest: float  # probability at or above which a pair is shown as a possible match
    veto: float  # probability below which two claims may never share a cluster
    info: dict

    def probability(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> dict:
        return {
            "features": list(self.features),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": float(self.intercept),
            "group": self.group,
            "suggest": self.suggest,
            "veto": self.veto,
            "info": self.info,
        }

    @classmethod
    def from_json(cls, data: dict, source: str = MODEL_FILE) -> "PairModel":
        try:
            features = tuple(data["features"])
            model = cls(
                features,
                np.asarray(data["mean"], float),
                np.asarray(data["scale"], float),
                np.asarray(data["coef"], float),
                float(data["intercept"]),
                float(data["group"]),
                float(data["suggest"]),
                float(data["veto"]),
                dict(data.get("info", {})),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{source}: not a match model ({exc})") from None
        if features != FEATURES:
            raise ValueError(
                f"{source}: fitted on features {list(features)}, this version uses "
                f"{list(FEATURES)}; refit with training/fit_match_model.py"
            )
        if not (len(model.mean) == len(model.scale) == len(model.coef) == len(FEATURES)):
            raise ValueError(f"{source}: weight arrays do not match the {len(FEATURES)} features")
        return model

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_json(), indent=1) + "\n", encoding="utf-8")


def load_model(path: str | Path | None = None) -> PairModel:
    """The model in `path`, or the one shipped in the package."""
    if path is not None:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"{path}: cannot read a match model ({exc})") from None
        return PairModel.from_json(data, str(path))
    return shipped_model()


@lru_cache(maxsize=1)
def shipped_model() -> PairModel:
    text = resources.files("workbench.core").joinpath("data", MODEL_FILE).read_text("utf-8")
    return PairModel.from_json(json.loads(text))


# --------------------------------------------------------------------------- features


class FrameIndex:
    """Frame fields of every claim as integer codes (0 = unknown), for vectorised agreement."""

    def __init__(self, features: list[ClaimFeatures]):
        stems: dict[str, str] = {}

        def stemmed(text: str | None) -> str:
            words = []
            for w in WORD.findall((text or "").lower()):
                if w in STOPWORDS:
                    continue
                st = stems.get(w)
                if st is None:
                    st = stems[w] = stem(w)
                words.append(st)
            return " ".join(words)

        # Measures as stems, synonyms folded ("councils" and "local authorities" share "authority").
        self.measure = [stemmed(f.frame.measure) if f.frame else "" for f in features]
        for name in ("period", "place", "source", "basis"):
            codes: dict[str, int] = {}
            values = []
            for f in features:
                v = getattr(f.frame, name) if f.frame else None
                values.append(codes.setdefault(v.lower(), len(codes) + 1) if v else 0)
            setattr(self, name, np.asarray(values, dtype=np.int64))


def _agreement(codes: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    ca, cb = codes[a], codes[b]
    known = (ca > 0) & (cb > 0)
    return (known & (ca == cb)).astype(float), (known & (ca != cb)).astype(float)


def pair_matrix(
    features: list[ClaimFeatures],
    frames: FrameIndex,
    a: np.ndarray,
    b: np.ndarray,
    *,
    context: np.ndarray,
    masked: np.ndarray,
    raw: np.ndarray,
    same: np.ndarray,
    compatible: np.ndarray,
    gap: np.ndarray,
    period_conflict: np.ndarray,
    same_doc: np.ndarray,
    spec: np.ndarray,
    loose: np.ndarray,
    workers: int = 1,
) -> np.ndarray:
    """The FEATURES of pairs (a[k], b[k]), one row each.

    `compatible` holds 1 (compatible), 0 (not) or -1 (not comparable).
    """
    n = len(a)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    resemblance = np.maximum(0.0, (masked - 50.0) / 50.0)
    same = same.astype(float)
    comparable = compatible >= 0
    within = ((compatible == 1) & (same == 0)).astype(float)
    beyond = ((compatible == 0) & (same == 0)).astype(float)
    log_gap = np.where(same > 0, 0.0, np.minimum(np.log1p(np.abs(gap) * 100.0) / np.log(101.0), 1.0))
    mtexts_a = [frames.measure[i] for i in a.tolist()]
    mtexts_b = [frames.measure[j] for j in b.tolist()]
    msim = process.cpdist(mtexts_a, mtexts_b, scorer=fuzz.token_set_ratio, workers=workers) / 100.0
    missing = np.asarray([not x or not y for x, y in zip(mtexts_a, mtexts_b)], dtype=float)
    msim = np.where(missing > 0, 0.0, msim)
    period_same, period_differ = _agreement(frames.period, a, b)
    place_same, place_differ = _agreement(frames.place, a, b)
    source_same, source_differ = _agreement(frames.source, a, b)
    _, basis_differ = _agreement(frames.basis, a, b)
    specific = np.minimum(spec, 6) / 6.0
    columns = {
        "context": context,
        "resemblance": resemblance,
        "raw": raw / 100.0,
        "same_value": same,
        "within_rounding": within,
        "value_beyond": beyond,
        "log_gap": log_gap,
        "incomparable": (~comparable).astype(float),
        "specific": specific,
        "same_specific": same * (spec >= 3),
        "same_document": same_doc.astype(float),
        "measure_similarity": msim,
        "measure_missing": missing,
        "period_same": period_same,
        "period_differ": period_differ,
        "place_same": place_same,
        "place_differ": place_differ,
        "source_same": source_same,
        "source_differ": source_differ,
        "basis_differ": basis_differ,
        "old_period_conflict": period_conflict.astype(float),
        "loose": loose.astype(float),
        "measure_x_beyond": msim * beyond,
        "measure_x_same": msim * same,
        "context_x_same": context * same,
        "same_round": same * (spec <= 2),
    }
    disjoint = np.asarray(
        [bool(x and y) and not (set(x.split()) & set(y.split())) for x, y in zip(mtexts_a, mtexts_b)], dtype=float
    )
    columns["measure_disjoint"] = disjoint
    columns["disjoint_x_same_doc"] = disjoint * same_doc
    fam = [features[i].family for i in a.tolist()]
    for name in FAMILY_FEATURES:
        columns[name] = np.fromiter((f == name for f in fam), dtype=float, count=n)
    return np.column_stack([np.asarray(columns[name], dtype=float) for name in FEATURES])
