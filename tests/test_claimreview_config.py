"""workbench.toml and the ClaimReview a fact-check site can publish: the configuration parsed and
checked (one-line errors naming the file and key), `workbench config`, and the export validated
against the required and recommended properties of Google's fact-check markup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_helpers import ingest_seeds, review_seeds

from workbench.cli import main
from workbench.core.agreement import VERDICTS
from workbench.core.config import DEFAULT, RATED, ConfigError, parse_config
from workbench.core.model import Claim
from workbench.core.report.as_claimreview import claim_review
from workbench.core.report.model import MIXED, Decision, ReportClaim, Source
from workbench.store.review.store import ReviewStore

CONFIG = """\
[claimreview]
base_url = "https://factcheck.example.org/checks/"

[claimreview.organization]
name = "Example Fact Check"
url = "https://factcheck.example.org/"

[claimreview.rating]
best = 5
worst = 1
consistent = { name = "Correct", value = 5 }
conflicting = { name = "Misleading", value = 1 }
unverified = { name = "Unproven" }
"""


@pytest.fixture
def run(monkeypatch):
    monkeypatch.delenv("WORKBENCH_DB", raising=False)
    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args], catch_exceptions=True)


@pytest.fixture(scope="module")
def configured(tmp_path_factory) -> Path:
    """The reviewed seeds, with the workbench.toml above beside the database."""
    db = review_seeds(ingest_seeds(tmp_path_factory.mktemp("claimreview") / "seeds.db"))
    (db.parent / "workbench.toml").write_text(CONFIG, encoding="utf-8")
    carol = ReviewStore(str(db), "carol")
    try:  # a claim by a named author, with its date: the seeds' 000, a statement by an MP
        first = carol.conn.execute(
            "SELECT c.id FROM claims c JOIN documents d ON d.id = c.doc_id"
            " WHERE d.name LIKE '000%' ORDER BY c.seq LIMIT 1"
        ).fetchone()[0]
        carol.decide([first], "consistent")
    finally:
        carol.close()
    return db


# --------------------------------------------------------------------------- parsing


def test_the_scale_covers_every_verdict_from_core():
    assert RATED == (*VERDICTS, MIXED)
    assert set(DEFAULT.ratings) == set(RATED)


def test_a_file_sets_what_it_names_and_keeps_the_defaults_for_the_rest():
    config = parse_config(CONFIG, "x/workbench.toml")
    assert config.base_url == "https://factcheck.example.org/checks/" and config.organization == "Example Fact Check"
    assert config.ratings["conflicting"].name == "Misleading" and config.ratings["unverified"].value is None
    assert config.ratings[MIXED] == DEFAULT.ratings[MIXED]
    assert config.review_url("cluster-k1") == "https://factcheck.example.org/checks/cluster-k1"
    assert (
        parse_config('[claimreview]\nbase_url = "https://a.example/fc"', "f").review_url("c")
        == "https://a.example/fc/c"
    )
    assert parse_config("", "f").base_url is None and DEFAULT.review_url("c") is None


@pytest.mark.parametrize(
    "text, key",
    [
        ("[claimreview\n", "not valid TOML"),
        ("[claimreveiw]\n", ": claimreveiw: unknown key"),
        ('[claimreview]\nbase_url = "ftp://x.example/"', ": claimreview.base_url: must be an http or https URL"),
        ('[claimreview]\nbase_url = "javascript:alert(1)"', ": claimreview.base_url: must be an http or https URL"),
        ("[claimreview]\nbase_url = 3", ": claimreview.base_url: must be a string"),
        ('[claimreview.organization]\nname = ""', ": claimreview.organization.name: must be a non-empty string"),
        ('[claimreview.organization]\nname = "a\\nb"', ": claimreview.organization.name: must be one line"),
        ('[claimreview.rating]\nconsistent = "Correct"', ": claimreview.rating.consistent: must be a table"),
        ("[claimreview.rating]\nconsistent = { value = 5 }", ": claimreview.rating.consistent.name: missing"),
        (
            '[claimreview.rating]\nconsistent = { name = "Correct", value = 9 }',
            ": claimreview.rating.consistent.value: 9 is outside the scale 1 to 5",
        ),
        (
            '[claimreview.rating]\nconsistent = { name = "Correct", value = "5" }',
            ": claimreview.rating.consistent.value: must be a whole number",
        ),
        ('[claimreview.rating]\nconsistnet = { name = "Correct" }', ": claimreview.rating.consistnet: unknown key"),
        ("[claimreview.rating]\nbest = 1\nworst = 1", ": claimreview.rating.best: must differ"),
        ("[claimreview.rating]\nbest = true", ": claimreview.rating.best: must be a whole number"),
    ],
)
def test_a_bad_file_or_value_is_one_line_naming_the_file_and_key(text, key):
    with pytest.raises(ConfigError) as raised:
        parse_config(text, "dir/workbench.toml")
    message = str(raised.value)
    assert message.startswith("dir/workbench.toml: ") and key in message and "\n" not in message


def test_a_long_bad_value_is_quoted_in_part():
    with pytest.raises(ConfigError) as raised:
        parse_config(f'[claimreview]\nbase_url = "{"x" * 10_000}"', "workbench.toml")
    assert len(str(raised.value)) < 200 and str(raised.value).endswith("…")


# --------------------------------------------------------------------------- Google's fact-check markup


def assert_google_fact_check(review: dict) -> None:
    """Google's ClaimReview: required claimReviewed, reviewRating (with alternateName) and url;
    recommended author, itemReviewed (a Claim with author, datePublished and appearance)."""
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"].strip()
    assert "\n" not in review["claimReviewed"] and "“" not in review["claimReviewed"][:1]
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"].strip()
    if "ratingValue" in rating:
        assert (
            min(rating["worstRating"], rating["bestRating"])
            <= rating["ratingValue"]
            <= max(rating["worstRating"], rating["bestRating"])
        )
    assert review["url"].startswith("https://")
    assert review["author"]["@type"] == "Organization" and review["author"]["name"]
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    known = [a for a in item["appearance"] if "author" in a]
    if known:  # recommended: who made the claim, wherever a source says
        assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
    said = [a for a in item["appearance"] if a.get("author") == item.get("author")]
    if said and "datePublished" in said[0]:  # recommended: when the claim was made, where its source says
        assert item["datePublished"] == said[0]["datePublished"]
    assert item["appearance"] and all(
        a["@type"] == "CreativeWork" and (a.get("url") or a["identifier"]) for a in item["appearance"]
    )


def test_the_export_is_a_publishable_fact_check(configured, run):
    result = run("export", "--db", configured, "--format", "claimreview")
    assert result.exit_code == 0, result.output
    reviews = json.loads(result.stdout)
    assert len(reviews) == 5
    for review in reviews:
        assert_google_fact_check(review)
        assert review["author"] == {
            "@type": "Organization",
            "name": "Example Fact Check",
            "url": "https://factcheck.example.org/",
        }
        slug = review["identifier"].removeprefix("workbench:").replace(":", "-")
        assert review["url"] == f"https://factcheck.example.org/checks/{slug}"
    names = {r["reviewRating"]["alternateName"] for r in reviews}
    assert names == {"Correct", "Misleading", "Unproven", DEFAULT.ratings[MIXED].name}
    signed = [r for r in reviews if r["itemReviewed"].get("author")]
    assert [(r["itemReviewed"]["author"]["name"], r["itemReviewed"].get("datePublished")) for r in signed] == [
        ("Ofsted", None),  # the speaker of 004's headline, which gives no date
        ("Sarah Champion MP", "2016-06-29"),
    ]  # the speaker the sentence names, before the document's author
    mixed = signed[0]
    assert mixed["claimReviewed"] == "Child protection is inadequate at one in seven councils in England, says Ofsted"
    assert signed[1]["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Correct",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
        "ratingExplanation": signed[1]["reviewRating"]["ratingExplanation"],
    }
    unproven = next(r for r in reviews if r["reviewRating"]["alternateName"] == "Unproven")
    assert "ratingValue" not in unproven["reviewRating"]  # the scale gives it no value
    conflict = next(
        r
        for r in reviews
        if r["identifier"].startswith("workbench:cluster:") and r["reviewRating"]["alternateName"] == "Misleading"
    )
    assert "40%" in conflict["claimReviewed"] and "vs" not in conflict["claimReviewed"]
    again = json.loads(run("export", "--db", configured, "--format", "claimreview").stdout)
    assert [r["url"] for r in again] == [r["url"] for r in reviews]  # stable ids


def test_without_a_file_the_export_still_works_and_the_reviewers_sign(tmp_path, run):
    db = review_seeds(ingest_seeds(tmp_path / "seeds.db"))
    reviews = json.loads(run("export", "--db", db, "--format", "claimreview").stdout)
    assert reviews and all("url" not in r and r["author"] for r in reviews)
    authors = [a for r in reviews for a in (r["author"] if isinstance(r["author"], list) else [r["author"]])]
    assert {a["@type"] for a in authors} == {"Person"}


def test_a_bad_file_stops_the_export_in_one_line_and_writes_nothing(tmp_path, run):
    db = review_seeds(ingest_seeds(tmp_path / "seeds.db"))
    (tmp_path / "workbench.toml").write_text('[claimreview.rating]\nunverified = { name = "Unproven", value = 0 }\n')
    out = tmp_path / "reviews.jsonld"
    result = run("export", "--db", db, "-o", out)
    assert result.exit_code == 1 and not out.exists()
    assert result.stderr.strip() == (
        f"workbench: {tmp_path / 'workbench.toml'}: claimreview.rating.unverified.value: 0 is outside the scale 1 to 5"
    )
    assert run("export", "--db", db, "--format", "md").exit_code == 0  # other formats do not read it


def test_claimant_date_and_appearance_come_from_the_source():
    claim = Claim("c1", "page.html", 0, 3, "40%", "proportion", 40.0, subject="good")
    decision = (Decision("alice", "consistent", None, "claim", "2024-05-01T09:00:00+00:00"),)
    web = Source("d1", "page.html", "A page", "2023-02-01", "Jo Writer", location="https://news.example.co.uk/a/b?x=1")
    member = ReportClaim(claim, web, decision, sentence="Forty\npercent: 40% of them.")
    review = claim_review(member, parse_config(CONFIG, "f"))
    assert_google_fact_check(review)
    assert review["claimReviewed"] == "Forty percent: 40% of them."
    item = review["itemReviewed"]
    assert item["author"] == {
        "@type": "Organization",
        "name": "news.example.co.uk",
        "url": "https://news.example.co.uk",
    }
    assert item["datePublished"] == "2023-02-01"
    assert item["appearance"][0]["url"] == "https://news.example.co.uk/a/b?x=1"
    spoken = ReportClaim(
        Claim("c2", "page.html", 0, 3, "40%", "proportion", 40.0, speaker="Ann Minister"), web, decision
    )
    assert claim_review(spoken)["itemReviewed"]["author"] == {"@type": "Person", "name": "Ann Minister"}
    local = Source("d2", "reports/x.txt", None, None, "Jo Writer", location="/home/someone/reports/x.txt")
    alone = claim_review(ReportClaim(claim, local, decision))
    assert alone["itemReviewed"]["author"] == {"@type": "Person", "name": "Jo Writer"}
    assert alone["itemReviewed"]["appearance"][0]["identifier"] == "reports/x.txt"  # never the absolute path
    assert "url" not in alone["itemReviewed"]["appearance"][0]
    # the outlet that published it, by its site name, comes before the author and the bare host
    outlet = Source(
        "d3",
        "page.html",
        "A page",
        None,
        "Jo Writer",
        site="The Example News",
        location="https://news.example.co.uk/a/b",
    )
    assert claim_review(ReportClaim(claim, outlet, decision))["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "The Example News",
        "url": "https://news.example.co.uk",
    }
    printed = Source("d4", "paper.pdf", "A paper", None, "Jo Writer", site="The Example News")
    assert claim_review(ReportClaim(claim, printed, decision))["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "The Example News",
    }


# --------------------------------------------------------------------------- workbench config


def test_config_shows_the_file_in_effect_and_its_values(configured, run):
    result = run("config", "--db", configured)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"Configuration: from {configured.parent / 'workbench.toml'}"
    assert any(line.split() == ["claimreview.base_url", "https://factcheck.example.org/checks/"] for line in lines)
    assert any(line.split()[:2] == ["claimreview.rating.conflicting", "Misleading"] for line in lines)
    assert any(line.split() == ["claimreview.rating.unverified", "Unproven"] for line in lines)


def test_config_without_a_file_says_the_defaults_are_in_effect(tmp_path, run):
    result = run("config", "--db", tmp_path / "none.db")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"Configuration: defaults (no {tmp_path / 'workbench.toml'})"
    assert any(line.split() == ["claimreview.base_url", "not", "set"] for line in result.stdout.splitlines())


def test_config_with_a_bad_file_is_one_line(tmp_path, run):
    (tmp_path / "workbench.toml").write_bytes(b"\xff\xfe[")
    result = run("config", "--db", tmp_path / "x.db")
    assert (
        result.exit_code == 1 and result.stderr.strip() == f"workbench: {tmp_path / 'workbench.toml'}: not UTF-8 text"
    )
