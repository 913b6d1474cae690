"""The JSON export: its shape, its streaming, and its safety for terminals."""

from __future__ import annotations

import io
import json

from report_helpers import SCORER_CLAIM_FIELDS

from workbench.core.report.as_json import DOCUMENT_FIELDS, SCHEMA_VERSION, claim_object, dumps, write_export_json


def document_dict(doc) -> dict:
    return {
        "id": doc.id,
        "name": doc.name,
        "title": doc.title,
        "published": doc.published,
        "author": doc.author,
        "site": doc.site,
        "sha256": doc.sha256,
        "encoding": doc.encoding,
        "text": doc.text,
    }


def export(documents, claims, clusters=(), **kwargs) -> dict:
    fp = io.StringIO()
    write_export_json(fp, documents, claims, clusters, **kwargs)
    return json.loads(fp.getvalue())


def test_export_has_the_versioned_envelope_and_the_documented_fields(make_document):
    doc, claims = make_document()
    data = export([document_dict(doc)], claims)
    assert list(data) == ["schema_version", "documents", "claims", "clusters"]
    assert data["schema_version"] == SCHEMA_VERSION == 1
    assert data["documents"] == [{name: document_dict(doc)[name] for name in DOCUMENT_FIELDS}]
    assert "text" not in data["documents"][0]
    assert data["clusters"] == []
    assert len(data["claims"]) == len(claims)
    for item, claim in zip(data["claims"], claims):
        assert SCORER_CLAIM_FIELDS <= set(item)
        assert item == {**claim.as_dict(), "cluster_id": None}
        assert doc.text[item["start"] : item["end"]] == item["surface"]


def test_values_follow_the_gold_conventions(make_document):
    doc, claims = make_document()
    by_surface = {c["surface"]: c for c in export([document_dict(doc)], claims)["claims"]}
    assert by_surface["20"]["value"] == 20 and isinstance(by_surface["20"]["value"], int)
    assert by_surface["2012/13"]["value"] == {"min": 2012, "max": 2013}
    assert by_surface["Thousands"]["value"] == {"min": 1000, "max": 9999}
    assert by_surface["Thousands"]["qualifier"] == "range"
    assert by_surface["£2bn"]["value"] == 2_000_000_000 and by_surface["£2bn"]["currency"] == "GBP"
    assert by_surface["April 2015"]["value"] == "2015-04"
    assert abs(by_surface["One in seven"]["value"] - 1 / 7) < 1e-9


def test_cluster_ids_come_from_a_mapping_or_a_function(make_document):
    doc, claims = make_document()
    first, second = claims[0].id, claims[2].id
    cluster = {"id": "k1", "claim_ids": [first, second], "relation": "agree", "suggested_verdict": "consistent"}
    mapping = {first: "k1", second: "k1"}
    for cluster_of in (mapping, mapping.get):
        data = export([document_dict(doc)], claims, [cluster], cluster_of=cluster_of)
        ids = {c["id"]: c["cluster_id"] for c in data["claims"]}
        assert ids[first] == ids[second] == "k1"
        assert [v for k, v in ids.items() if k not in mapping] == [None] * (len(claims) - 2)
        assert data["clusters"] == [cluster]


def test_an_empty_export_is_valid_json():
    assert export([], []) == {"schema_version": 1, "documents": [], "claims": [], "clusters": []}


def test_the_export_is_streamed_item_by_item(make_document):
    doc, claims = make_document()
    fp = io.StringIO()
    written_before = []

    def claims_one_by_one():
        for claim in claims:
            written_before.append(fp.getvalue().count('"surface"'))
            yield claim

    write_export_json(fp, iter([document_dict(doc)]), claims_one_by_one(), iter(()))
    assert written_before == list(range(len(claims)))  # each claim was written before the next was read
    assert json.loads(fp.getvalue())["claims"][-1]["id"] == claims[-1].id


def test_terminal_control_characters_are_escaped_but_survive_a_round_trip(make_document):
    doc, claims = make_document()
    hostile = "\x1b]0;owned\x07 share \x9b31m of \u202ecouncils\u2028"
    claims[0].subject = hostile
    text = io.StringIO()
    write_export_json(text, [document_dict(doc)], claims, [])
    raw = text.getvalue()
    assert not any(ch in raw for ch in "\x1b\x07\x9b\u202e\u2028")
    assert json.loads(raw)["claims"][0]["subject"] == hostile
    assert "£2bn" in raw  # readable UTF-8, not \u escapes, for everything else


def test_dumps_is_one_line():
    assert "\n" not in dumps({"a": "line one\nline two", "b": [1, 2]})


def test_claim_object_adds_only_the_cluster_id(make_document):
    _, claims = make_document()
    item = claim_object(claims[0], {claims[0].id: "k9"})
    assert item.pop("cluster_id") == "k9"
    assert item == claims[0].as_dict()
