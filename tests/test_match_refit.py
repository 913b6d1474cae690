"""Refitting the pair model for one database on the shipped pairs plus its reviewer's labels."""

from __future__ import annotations

from importlib import resources

import numpy as np
import pytest
from click.testing import CliRunner
from test_clusters_store import cid, clustered_database, make

from workbench.cli import main
from workbench.core.match.model import shipped_model
from workbench.core.match.refit import fit_logistic, refit, shipped_pairs
from workbench.core.match.training import reviewed_pairs
from workbench.core.match.pipeline import MatchConfig
from workbench.store import clusters as store_clusters
from workbench.store.db import open_store
from workbench.store.review.store import ReviewStore

LATE = ("d.txt", "2014-02-28", "Net migration reached 212,000 in the year to September 2013, the ONS said.")
REJECTED = tuple(sorted((cid("a.txt", "212,000"), cid("b.txt", "212,000"))))
UNLABELLED = tuple(sorted((cid("a.txt", "212,000"), cid("d.txt", "212,000"))))


def test_the_numpy_fit_is_scikit_learns_logistic_regression():
    from sklearn.linear_model import LogisticRegression

    pairs = shipped_pairs()
    x = (pairs.x - pairs.x.mean(axis=0)) / np.where(pairs.x.std(axis=0) > 0, pairs.x.std(axis=0), 1.0)
    reference = LogisticRegression(C=pairs.C, max_iter=100000, tol=1e-12).fit(x, pairs.y, sample_weight=pairs.weights())
    coef, intercept = fit_logistic(x, pairs.y, pairs.weights(), pairs.C)
    assert np.allclose(coef, reference.coef_[0], atol=1e-3)
    assert intercept == pytest.approx(reference.intercept_[0], abs=1e-3)


def test_the_shipped_pairs_are_those_the_shipped_model_was_fitted_on():
    pairs, model = shipped_pairs(), shipped_model()
    again = refit(model, pairs)
    assert np.abs(again.probability(pairs.x) - model.probability(pairs.x)).max() < 0.03
    assert (again.group, again.suggest, again.veto) == (model.group, model.suggest, model.veto)


@pytest.fixture
def db_path(tmp_path):
    path = clustered_database(
        tmp_path / "claims.db", MatchConfig(group_threshold=1.0, suggest_threshold=0.05, former_rule=False)
    )
    review = ReviewStore(str(path), "alice")
    try:
        review.set_link_status(*REJECTED, "rejected")
    finally:
        review.close()
    return path


def _probability(db, model, pair) -> float:
    claims, documents = store_clusters.stored_corpus(db)
    x, _ = reviewed_pairs(claims, documents, {pair: 0})
    return float(model.probability(x)[0])


def test_match_refit_learns_from_the_rejection_and_keeps_the_model_beside_the_database(db_path):
    shipped = resources.files("workbench.core").joinpath("data", "match_model.json").read_bytes()
    result = CliRunner().invoke(main, ["match", "--refit", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "on 1 of 1 reviewed pairs (0 accepted, 1 rejected)" in result.output
    assert resources.files("workbench.core").joinpath("data", "match_model.json").read_bytes() == shipped
    with open_store(db_path) as store:
        model = store_clusters.database_model(store.db)
        assert model is not None and model.info["reviewer_pairs"] == 1
        assert store_clusters.database_config(store.db).model is not None
        # The same kind of pair, not labelled, is now less likely one quantity for this database.
        assert _probability(store.db, model, UNLABELLED) < _probability(store.db, shipped_model(), UNLABELLED)


def test_later_matching_uses_the_refitted_model(db_path, monkeypatch):
    with open_store(db_path) as store:
        store_clusters.refit_database_model(store.db)
        used = []
        original = store_clusters.match_claims

        def spy(claims, documents, config=None, **kw):
            used.append(config.pair_model())
            return original(claims, documents, config, **kw)

        monkeypatch.setattr(store_clusters, "match_claims", spy)
        store_clusters.recompute_clusters(store.db)
        store.store_document(
            *make("c.txt", "2014-02-28", "The number arriving for work fell to 105,000."), extractor_version="test"
        )
        store_clusters.match_pending_documents(store.db)
        assert len(used) == 2 and all(m.info.get("reviewer_pairs") == 1 for m in used)


def test_a_damaged_refitted_model_is_a_one_line_error(db_path):
    (db_path.parent / (db_path.name + store_clusters.MODEL_SUFFIX)).write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(main, ["match", "--db", str(db_path)])
    assert result.exit_code != 0
    assert "cannot read this database's refitted match model" in result.output
    assert "Traceback" not in result.output
