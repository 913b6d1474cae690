"""The learned pair model: the shipped weights load, reproduce their figures, and refit."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from workbench.core.match.model import FEATURES, PairModel, load_model, shipped_model

ROOT = Path(__file__).resolve().parent.parent
TRAINING = ROOT / "training"


def _fit_script():
    spec = importlib.util.spec_from_file_location("fit_match_model", TRAINING / "fit_match_model.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fit_match_model", module)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_model_loads_with_thresholds_read_off_the_curve():
    model = shipped_model()
    assert model.features == FEATURES and len(model.coef) == len(FEATURES)
    assert 0 <= model.veto <= model.suggest <= model.group < 1
    cv = model.info["leave_one_story_out"]
    assert {"f1", "precision", "recall", "distractors_merged", "verdict"} <= set(cv)


def test_the_shipped_weights_reproduce_the_reported_dev_and_seed_figures():
    fit = _fit_script()
    scorer = fit.load_scorer()
    stories, golds = fit.load_stories()
    from workbench.core.match.pipeline import match_claims

    dev = [s for s in stories if s != "seeds"]
    claims = [c for s in dev for c in stories[s][0]]
    docs = {n: d for s in dev for n, d in stories[s][1].items()}
    figures = fit.figures(scorer, golds["dev"], fit.export_of([("dev", claims, match_claims(claims, docs))]))
    reported = shipped_model().info["dev_in_sample"]
    for key in ("precision", "recall", "f1", "distractors_merged", "verdict"):
        assert figures[key] == pytest.approx(reported[key]), key


def test_probabilities_follow_the_weights():
    model = PairModel(
        FEATURES,
        np.zeros(len(FEATURES)),
        np.ones(len(FEATURES)),
        np.eye(len(FEATURES))[0] * 2.0,
        -1.0,
        0.5,
        0.1,
        0.01,
        {},
    )
    x = np.zeros((2, len(FEATURES)))
    x[1, 0] = 1.0
    p = model.probability(x)
    assert p[0] == pytest.approx(1 / (1 + np.exp(1.0))) and p[1] == pytest.approx(1 / (1 + np.exp(-1.0)))


def test_a_model_file_for_other_features_is_refused_with_its_name(tmp_path):
    data = shipped_model().to_json()
    data["features"] = data["features"][:-1]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match=r"old\.json: fitted on features"):
        load_model(path)
    path.write_text("{not json")
    with pytest.raises(ValueError, match=r"old\.json: cannot read a match model"):
        load_model(path)


def test_labelled_pairs_align_extracted_claims_to_gold_groups():
    fit = _fit_script()
    stories, _ = fit.load_stories()
    from workbench.core.match.training import story_pairs

    claims, docs, gold = stories["DC-glazer-man-utd-bid-2005"]
    pairs = story_pairs(claims, docs, gold, "DC")
    assert pairs.x.shape == (len(pairs.y), len(FEATURES))
    assert 10 < pairs.y.sum() < len(pairs.y)  # the £800m, 300p and 28.1% groups among others


def test_refitting_gives_a_model_that_ranks_held_out_pairs():
    pytest.importorskip("sklearn")
    fit = _fit_script()
    stories, _ = fit.load_stories()
    from workbench.core.match.training import story_pairs

    pairs = {s: story_pairs(c, d, g, s) for s, (c, d, g) in stories.items()}
    held = "DB-lse-bids-2004-05"
    train = [s for s in stories if s != held]
    model = fit.fit(np.vstack([pairs[s].x for s in train]), np.concatenate([pairs[s].y for s in train]), 0.5, 0.1, {})
    p, y = model.probability(pairs[held].x), pairs[held].y
    # every true pair of the unseen story outranks the median false one
    assert p[y == 1].mean() > 5 * np.median(p[y == 0])
