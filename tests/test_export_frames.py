"""The JSON export carries each claim's quantity frame and each cluster's shared frame."""

from __future__ import annotations

import json

from click.testing import CliRunner
from test_clusters_store import DOCS, make

from workbench.cli import main
from workbench.core.frames import QuantityFrame, frame_heading
from workbench.core.match.features import build_features
from workbench.store import clusters as store_clusters
from workbench.store.db import open_store

FIELDS = ["measure", "place", "period", "basis", "source"]


def test_claims_and_clusters_carry_the_frames_matching_read(tmp_path):
    path = tmp_path / "claims.db"
    with open_store(path) as store:
        for name, (published, text) in DOCS.items():
            store.add_document(*make(name, published, text), extractor_version="test")
        store_clusters.recompute_clusters(store.db)
        claims, documents = store_clusters.stored_corpus(store.db)
        read = {f.claim.id: f.frame for f in build_features(claims, documents)}
    result = CliRunner().invoke(main, ["export", "--db", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    export = json.loads(result.output)
    assert export["claims"] and export["clusters"]
    for claim in export["claims"]:
        assert list(claim["frame"]) == FIELDS
        assert claim["frame"] == read[claim["id"]].as_dict()
    migration = next(c for c in export["claims"] if c["surface"] == "212,000")
    assert migration["frame"]["period"] == "year to 2013-09"
    assert "migration" in migration["frame"]["measure"]
    for cluster in export["clusters"]:
        assert list(cluster["frame"]) == FIELDS
        # The cluster's subject is the heading of the frame it exports.
        assert cluster["subject"] == frame_heading(QuantityFrame(**cluster["frame"]))
