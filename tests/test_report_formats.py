"""The verification report in every format, on the seeds reviewed by a fixed script: snapshots of
what a reader gets, and checks of what each format promises (ClaimReview's fields, the JSON's
review data beside every field it had before, the statement of what is not reviewed yet)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from file_snapshots import matches_file
from report_helpers import export, ingest_seeds, review_seeds

from workbench.core.config import DEFAULT
from workbench.export import FORMATS
from workbench.store.clusters import all_clusters
from workbench.store.db import open_store

RATING_NAMES = {rating.name for rating in DEFAULT.ratings.values()}


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory) -> Path:
    """The seeds with the scripted review, in a database named seeds.db."""
    return review_seeds(ingest_seeds(tmp_path_factory.mktemp("report") / "seeds.db"))


@pytest.fixture(scope="module")
def unreviewed(tmp_path_factory) -> Path:
    return ingest_seeds(tmp_path_factory.mktemp("plain") / "seeds.db")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_on_the_reviewed_seeds(reviewed, fmt, snapshot):
    assert matches_file(snapshot, f"report/seeds{FORMATS[fmt]}", export(reviewed, fmt).encode())


def test_every_anchor_of_the_html_report_is_unique_and_every_link_has_one(reviewed):
    page = export(reviewed, "html")
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # a claim quoted twice (its cluster, the unverified claims) has two anchors
    assert set(re.findall(r' href="#([^"]+)"', page)) <= set(ids)


def test_the_markdown_report_says_what_is_not_reviewed_yet(reviewed):
    with open_store(reviewed, create=False) as store:
        total = store.summary()["claims"]
        decided = store.db.conn.execute(
            "SELECT count(DISTINCT claim_id) FROM decisions WHERE verdict IS NOT NULL"
        ).fetchone()[0]
        unreviewed = [
            surface
            for (surface,) in store.db.conn.execute(
                "SELECT surface FROM claims WHERE id NOT IN (SELECT claim_id FROM decisions WHERE verdict IS NOT NULL)"
            )
        ]
    report = export(reviewed, "md")
    assert f"**The review is not finished:** {total - decided} of {total} claims" in report
    listed = report.split("## Not yet reviewed", 1)[1].split("## Appendix", 1)[0]
    assert f"**{total - decided} of {total} claims** have no verdict yet" in listed
    rows = [line for line in listed.splitlines() if line.startswith("| ") and not line.startswith("| Claim |")]
    assert sorted(row.split(" | ")[0][2:] for row in rows) == sorted(unreviewed)
    assert "Ask the DfE press office" in listed  # a note on a claim not judged yet is shown with it


def test_a_report_before_any_review_and_after_all_of_it(unreviewed, tmp_path):
    report = export(unreviewed, "md")
    assert "**Not reviewed yet:** none of the 48 claims has a verdict" in report
    assert "- **Reviewers:** none yet" in report

    done = tmp_path / "done.db"
    done.write_bytes(unreviewed.read_bytes())
    with open_store(done) as store:
        store.db.conn.execute(
            "INSERT INTO decisions (claim_id, reviewer, verdict, scope, decided_at)"
            " SELECT id, 'carol', 'consistent', 'claim', '2024-06-01T10:00:00+00:00' FROM claims"
        )
        store.db.conn.commit()
    report = export(done, "md")
    assert "**The review is complete:** every one of the 48 claims has a verdict." in report
    assert "## Not yet reviewed\n\nNone: every claim has a verdict." in report


def test_conflicts_come_first_with_every_members_evidence(reviewed):
    report = export(reviewed, "md")
    clusters = report.split("## Clusters", 1)[1].split("## Claims checked on their own", 1)[0]
    headings = re.findall(r"^### \d+\. (.+)$", clusters, re.M)
    assert headings[0].startswith("**Conflict**")
    assert not any("Conflict" in h for h in headings[1:])
    first = clusters.split("\n### 2. ", 1)[0]
    assert first.count("\n> ") == first.count("\n#### ") == 2  # each member quoted from its source
    assert re.search(r"> .*\*\*40%\*\*", first) and re.search(r"> .*\*\*one in four\*\*", first)
    assert "conflicting** — alice, 2024-05-01 09:00 UTC (given for the whole cluster)" in first
    assert "**Note:** alice, 2024-05-01 09:01 UTC: Ofsted's table gives 25% good" in first


def test_claimreview_has_the_required_fields(reviewed):
    reviews = json.loads(export(reviewed, "claimreview"))
    assert len(reviews) == 4  # two reviewed clusters, two reviewed claims outside clusters
    for item in reviews:
        assert item["@context"] == "https://schema.org" and item["@type"] == "ClaimReview"
        assert isinstance(item["claimReviewed"], str) and item["claimReviewed"]
        rating = item["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"] in RATING_NAMES and rating["ratingExplanation"]
        assert item["itemReviewed"]["@type"] == "Claim"
        appearances = item["itemReviewed"]["appearance"]
        assert appearances and all(a["@type"] == "CreativeWork" and a["name"] for a in appearances)
        authors = item["author"] if isinstance(item["author"], list) else [item["author"]]
        assert authors and all(a["@type"] == "Person" and a["name"] in ("alice", "bob") for a in authors)
        assert re.fullmatch(r"2024-05-01", item["datePublished"])
    conflict = next(
        r
        for r in reviews
        if r["reviewRating"]["alternateName"] == DEFAULT.ratings["conflicting"].name
        and r["identifier"].startswith("workbench:cluster:")
    )
    assert "40%" in conflict["reviewRating"]["ratingExplanation"]
    dated = [a for a in conflict["itemReviewed"]["appearance"] if "datePublished" in a]
    assert [a["datePublished"] for a in dated] == ["2013-11-04"]  # the one source that gives its date
    disputed = next(r for r in reviews if "35 years" in r["reviewRating"]["ratingExplanation"])
    assert (
        disputed["reviewRating"]["alternateName"] == DEFAULT.ratings["conflicting"].name
    )  # bob's verdict outweighs alice's
    assert [a["name"] for a in disputed["author"]] == ["alice", "bob"]
    assert "30 years, not 35" in disputed["reviewBody"]


def test_claimreview_can_be_pasted_into_a_script_element(tmp_path):
    db = ingest_seeds(tmp_path / "seeds.db")
    with open_store(db) as store:
        claim = store.db.conn.execute("SELECT id FROM claims LIMIT 1").fetchone()[0]
        store.db.conn.execute(
            "INSERT INTO decisions VALUES (?, '</script><script>alert(1)</script>',"
            " 'consistent', '</script> & <!--', 'claim', '2024-05-01T09:00:00+00:00')",
            [claim],
        )
        store.db.conn.commit()
    raw = export(db, "claimreview")
    assert not re.search(r"[<>&]", raw)
    assert json.loads(raw)[0]["author"]["name"] == "</script><script>alert(1)</script>"


def test_json_adds_the_review_and_keeps_every_field_it_had(reviewed):
    data = json.loads(export(reviewed, "json"))
    assert list(data) == [
        "schema_version",
        "documents",
        "claims",
        "clusters",
        "decisions",
        "review_log",
        "orphaned_decisions",
        "agreement",
        "corrections",
        "final_verdicts",
        "in_dispute",
    ]
    assert data["schema_version"] == 1
    with open_store(reviewed, create=False) as store:
        assert [{k: v for k, v in c.items() if k != "frame"} for c in data["clusters"]] == all_clusters(store.db)
        assert all(set(c["frame"]) == {"measure", "place", "period", "basis", "source"} for c in data["clusters"])
        assert [c["id"] for c in data["claims"]] == [c.id for c in store.iter_claims()]
    cluster_of = {claim_id: k["id"] for k in data["clusters"] for claim_id in k["claim_ids"]}
    assert all(c["cluster_id"] == cluster_of.get(c["id"]) for c in data["claims"])
    by_reviewer = {(d["claim_id"], d["reviewer"]): d for d in data["decisions"]}
    years = next(c["id"] for c in data["claims"] if c["surface"] == "35 years")
    assert by_reviewer[(years, "alice")]["verdict"] == "consistent"
    assert by_reviewer[(years, "bob")] == {
        "claim_id": years,
        "reviewer": "bob",
        "verdict": "conflicting",
        "note": "The ONS series starts in 1985: 30 years, not 35.",
        "scope": "claim",
        "decided_at": "2024-05-01T09:06:00.000+00:00",
    }
    log = data["review_log"]
    assert [entry["id"] for entry in log] == sorted(entry["id"] for entry in log)
    assert {entry["action"] for entry in log} == {"decide", "note"}
    assert {entry["reviewer"] for entry in log} == {"alice", "bob"}
