"""The JSON export carries each claim's quantity frame and each cluster's shared frame."""

from __future__ import annotations

import json

from click.testing import CliRunner
from test_clusters_store import DOCS, make

from workbench.cli import main
from workbench.core.frames import FRAMES_VERSION, QuantityFrame, frame_heading
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


def _matched_database(path):
    with open_store(path) as store:
        for name, (published, text) in DOCS.items():
            store.add_document(*make(name, published, text), extractor_version="test")
        store_clusters.recompute_clusters(store.db)


def _exported_frames(path) -> dict[str, dict]:
    result = CliRunner().invoke(main, ["export", "--db", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return {claim["id"]: claim["frame"] for claim in json.loads(result.output)["claims"]}


def test_matching_stores_each_frame_and_the_export_states_the_stored_one(tmp_path):
    path = tmp_path / "claims.db"
    _matched_database(path)
    read = _exported_frames(path)
    with open_store(path) as store:
        columns = ", ".join(f"frame_{field}" for field in FIELDS)
        sql = f"SELECT id, {columns} FROM claims WHERE frames_version = ?"
        stored = {cid: dict(zip(FIELDS, values)) for cid, *values in store.db.conn.execute(sql, [FRAMES_VERSION])}
        assert stored == read  # every claim matched holds the frame the matcher read
        claim_id = next(iter(stored))
        store.db.conn.execute("UPDATE claims SET frame_measure = 'stored measure' WHERE id = ?", [claim_id])
        store.db.conn.commit()
    exported = _exported_frames(path)
    assert exported[claim_id] == {**read[claim_id], "measure": "stored measure"}
    assert {cid: f for cid, f in exported.items() if cid != claim_id} == {
        cid: f for cid, f in read.items() if cid != claim_id
    }


def test_frames_stored_by_other_readers_or_on_corrected_claims_are_read_again(tmp_path):
    path = tmp_path / "claims.db"
    _matched_database(path)
    read = _exported_frames(path)
    with open_store(path) as store:
        ids = sorted(read)
        store.db.conn.execute("UPDATE claims SET frame_measure = 'stale'")
        store.db.conn.execute("UPDATE claims SET frames_version = ? WHERE id = ?", [FRAMES_VERSION - 1, ids[0]])
        store.db.conn.execute("UPDATE claims SET frames_version = NULL WHERE id = ?", [ids[1]])
        store.db.conn.commit()
    runner = CliRunner()
    fixed = runner.invoke(main, ["claim", "edit", ids[2], "--db", str(path), "--value", "5", "--reviewer", "ann"])
    assert fixed.exit_code == 0, fixed.output
    exported = _exported_frames(path)
    for claim_id in ids[:3]:
        assert exported[claim_id]["measure"] != "stale"
    assert exported[ids[0]] == read[ids[0]] and exported[ids[1]] == read[ids[1]]
    assert all(exported[cid]["measure"] == "stale" for cid in ids[3:])


def test_a_new_match_stores_the_frames_of_claims_that_hold_a_stale_one(tmp_path):
    path = tmp_path / "claims.db"
    _matched_database(path)
    with open_store(path) as store:
        store.db.conn.execute("UPDATE claims SET frame_measure = NULL, frames_version = NULL")
        store.db.conn.commit()
        store_clusters.recompute_clusters(store.db)
        counts = store.db.conn.execute(
            "SELECT count(*), count(frame_measure), sum(frames_version = ?) FROM claims", [FRAMES_VERSION]
        ).fetchone()
    assert counts[0] > 0 and counts == (counts[0], counts[0], counts[0])


def test_the_stored_frame_columns_are_the_fields_of_a_frame():
    from workbench.core.frames import FRAME_FIELDS
    from workbench.store import rows

    assert rows.FRAME_COLUMNS == tuple(f"frame_{field}" for field in FRAME_FIELDS)


def _stale_database(path) -> list[str]:
    """A matched database where one claim holds a frame of an older reader, one none, one is
    corrected, and the rest hold the frames matching stored: frames from both places."""
    _matched_database(path)
    with open_store(path) as store:
        ids = [cid for (cid,) in store.db.conn.execute("SELECT claim_id FROM cluster_members ORDER BY claim_id")]
        store.db.conn.execute("UPDATE claims SET frames_version = ? WHERE id = ?", [FRAMES_VERSION - 1, ids[0]])
        store.db.conn.execute("UPDATE claims SET frames_version = NULL WHERE id = ?", [ids[1]])
        store.db.conn.commit()
    fixed = CliRunner().invoke(main, ["claim", "edit", ids[2], "--db", str(path), "--value", "5", "--reviewer", "ann"])
    assert fixed.exit_code == 0, fixed.output
    return ids


def test_each_cluster_states_the_frame_its_members_share_wherever_their_frames_come_from(tmp_path):
    from workbench.core.frames import cluster_frame

    path = tmp_path / "claims.db"
    ids = _stale_database(path)
    result = CliRunner().invoke(main, ["export", "--db", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    export = json.loads(result.output)
    frames = {claim["id"]: QuantityFrame(**claim["frame"]) for claim in export["claims"]}
    members = {cid for cluster in export["clusters"] for cid in cluster["claim_ids"]}
    assert set(ids[:3]) <= members
    for cluster in export["clusters"]:
        expected = cluster_frame([frames[cid] for cid in cluster["claim_ids"]])
        assert cluster["frame"] == expected.as_dict(), cluster["id"]


def test_the_export_keeps_no_frame_in_memory_until_the_clusters(tmp_path, monkeypatch):
    import gc

    from workbench.core.report import as_json

    path = tmp_path / "claims.db"
    ids = _stale_database(path)
    alive = []
    real = as_json._write_list

    def write_list(fp, key, items):
        if key == "clusters":
            gc.collect()
            alive.append(sum(isinstance(o, QuantityFrame) for o in gc.get_objects()))
        return real(fp, key, items)

    monkeypatch.setattr(as_json, "_write_list", write_list)
    result = CliRunner().invoke(main, ["export", "--db", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(ids) == 4 and alive == [0]  # before: a frame held for each clustered claim


def test_a_json_export_that_reads_many_frames_says_why_and_how_to_store_them(tmp_path, monkeypatch):
    from workbench import export

    path = tmp_path / "claims.db"
    _matched_database(path)
    monkeypatch.setattr(export, "FRAMES_NOTICE_FROM", 2)
    stored = CliRunner().invoke(main, ["export", "--db", str(path), "--format", "json"])
    assert stored.exit_code == 0 and "quantity frames" not in stored.stderr
    with open_store(path) as store:
        count = store.db.conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        store.db.conn.execute("UPDATE claims SET frames_version = NULL")
        store.db.conn.commit()
    unstored = CliRunner().invoke(main, ["export", "--db", str(path), "--format", "json"])
    assert unstored.exit_code == 0
    assert unstored.stderr == (
        f"workbench: reading the quantity frames of {count:,} claims from their text, since this database"
        " holds none for them; `workbench match` stores them, and the next export is quicker\n"
    )
    assert json.loads(unstored.stdout) == json.loads(stored.stdout)  # the same frames, read again
    markdown = CliRunner().invoke(main, ["export", "--db", str(path), "--format", "md"])
    assert markdown.exit_code == 0 and markdown.stderr == ""  # no other format reads frames
