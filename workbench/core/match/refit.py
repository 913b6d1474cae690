"""Refitting the pair model for one database: the shipped training pairs plus its reviewer's labels.

The package ships the labelled pairs its model was fitted on (`data/match_pairs.npz`, written
by `training/fit_match_model.py`), so a database can be refitted without the training folder
or scikit-learn: the fit here is the same L2-regularised logistic regression (the objective of
scikit-learn's `LogisticRegression(C=...)`, intercept not penalised), solved by Newton's method
in numpy. The features are standardised on the combined pairs, as the fitting script does.
The thresholds (`group`, `suggest`, `veto`) stay those of the shipped model, read off the
leave-one-story-out curve; only the weights learn from the reviewer.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from io import BytesIO
from pathlib import Path

import numpy as np

from workbench.core.match.model import FEATURES, PairModel

PAIRS_FILE = "match_pairs.npz"
# How many training pairs one reviewer decision counts as. The shipped pairs come from other
# outlets and stories; a decision is about this database's own claims, and there are few.
REVIEWER_WEIGHT = 10.0


@dataclass(slots=True)
class TrainingPairs:
    """Labelled pairs as model features: x (one row of FEATURES each), y (1 one quantity), w (weight)."""

    x: np.ndarray
    y: np.ndarray
    w: np.ndarray | None = None
    C: float = 0.3  # the inverse regularisation strength the shipped model was fitted with

    def weights(self) -> np.ndarray:
        return np.ones(len(self.y)) if self.w is None else np.asarray(self.w, float)

    def save(self, path: str | Path) -> None:
        np.savez_compressed(
            path, x=self.x, y=self.y, w=self.weights(), C=np.asarray(self.C), features=np.asarray(FEATURES)
        )

    @classmethod
    def load(cls, data: bytes, source: str = PAIRS_FILE) -> "TrainingPairs":
        try:
            with np.load(BytesIO(data), allow_pickle=False) as found:
                features = tuple(str(f) for f in found["features"])
                pairs = cls(
                    np.asarray(found["x"], float),
                    np.asarray(found["y"], np.int64),
                    np.asarray(found["w"], float),
                    float(found["C"]),
                )
        except (KeyError, ValueError, OSError) as exc:
            raise ValueError(f"{source}: not a set of training pairs ({exc})") from None
        if features != FEATURES or pairs.x.shape[1:] != (len(FEATURES),):
            raise ValueError(
                f"{source}: pairs of other features; rewrite them with training/fit_match_model.py --pairs-only"
            )
        return pairs


def shipped_pairs() -> TrainingPairs:
    data = resources.files("workbench.core").joinpath("data", PAIRS_FILE).read_bytes()
    return TrainingPairs.load(data)


def fit_logistic(
    x: np.ndarray, y: np.ndarray, weight: np.ndarray, C: float, iterations: int = 100, tolerance: float = 1e-10
) -> tuple[np.ndarray, float]:
    """Minimise 0.5*|coef|^2 + C * sum(weight * log loss) by Newton's method: (coef, intercept)."""
    n, k = x.shape
    design = np.hstack([x, np.ones((n, 1))])
    beta = np.zeros(k + 1)
    penalty = np.ones(k + 1)
    penalty[-1] = 0.0  # the intercept is not penalised

    def objective(b: np.ndarray) -> float:
        z = design @ b
        loss = np.logaddexp(0.0, z) - y * z
        return 0.5 * float(np.sum(penalty * b * b)) + C * float(np.sum(weight * loss))

    current = objective(beta)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(design @ beta)))
        gradient = C * design.T @ (weight * (p - y)) + penalty * beta
        hessian = C * (design * (weight * p * (1.0 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian + 1e-12 * np.eye(k + 1), gradient)
        size = 1.0
        while size > 1e-8:
            trial = beta - size * step
            value = objective(trial)
            if value <= current:
                break
            size /= 2.0
        else:
            break
        beta, previous, current = trial, current, value
        if previous - current <= tolerance * max(1.0, abs(current)):
            break
    return beta[:-1].copy(), float(beta[-1])


def refit(
    base: PairModel,
    pairs: TrainingPairs,
    x: np.ndarray | None = None,
    y: np.ndarray | None = None,
    *,
    reviewer_weight: float = REVIEWER_WEIGHT,
) -> PairModel:
    """The model `base` refitted on `pairs` plus labelled pairs (x, y), keeping its thresholds."""
    xs, ys, ws = [pairs.x], [pairs.y], [pairs.weights()]
    added = 0 if y is None else len(y)
    if added:
        xs.append(np.asarray(x, float).reshape(added, len(FEATURES)))
        ys.append(np.asarray(y, np.int64))
        ws.append(np.full(added, reviewer_weight))
    allx, ally, allw = np.vstack(xs), np.concatenate(ys), np.concatenate(ws)
    mean = allx.mean(axis=0)
    scale = allx.std(axis=0)
    scale[scale == 0] = 1.0
    coef, intercept = fit_logistic((allx - mean) / scale, ally, allw, pairs.C)
    positives = int(np.asarray(y).sum()) if added else 0
    info = {
        "refitted_from": "the shipped training pairs",
        "shipped_pairs": int(len(pairs.y)),
        "reviewer_pairs": added,
        "reviewer_positives": positives,
        "reviewer_weight": reviewer_weight,
        "C": pairs.C,
    }
    return PairModel(FEATURES, mean, scale, coef, intercept, base.group, base.suggest, base.veto, info)
