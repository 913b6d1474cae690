"""The report with an adjudicator's final verdicts: every format uses the final verdict where there
is one, says which claims are still in dispute, and keeps hostile reasons as text."""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_report_review import HOSTILE_NOTE, TAX, claim_ids, decide, export, section, store_text

from workbench.core.config import DEFAULT
from workbench.store.adjudication import AdjudicationStore

REASON = "The council's budget book says 5%; bob read the 2015 figure."


@pytest.fixture
def adjudicated(tmp_path):
    """alice and bob disagree on 5% (settled conflicting by cara) and on 200 (still in dispute);
    only alice decided 14."""
    db = tmp_path / "tax.db"
    store_text(db, "tax.txt", TAX)
    ids = claim_ids(db)
    decide(db, "alice", {ids["5%"]: "consistent", ids["200"]: "consistent", ids["14"]: "consistent"})
    decide(db, "bob", {ids["5%"]: "unverified", ids["200"]: "conflicting"}, {ids["200"]: "Payroll says 180."})
    judge = AdjudicationStore(str(db), "cara")
    judge.adjudicate([ids["5%"]], "conflicting", REASON)
    judge.adjudicate([ids["14"]], "consistent", HOSTILE_NOTE)  # a final verdict where nobody disagreed
    judge.close()
    return db, ids


def test_markdown_gives_the_final_verdict_and_lists_the_claims_in_dispute(adjudicated):
    db, ids = adjudicated
    markdown = export(db, "md")
    assert "- **To adjudicate:** 1 claim given different verdicts and no final verdict: in dispute" in markdown
    assert "- **Adjudicated:** 2 claims given a final verdict" in markdown
    agreement = section(markdown, "Agreement between reviewers")
    in_dispute = agreement.split("### Claims to adjudicate", 1)[1].split("### Final verdicts", 1)[0]
    rows = [line for line in in_dispute.splitlines() if line.startswith("| ") and not line.startswith("| Document")]
    assert len(rows) == 1 and "| 200 |" in rows[0] and "alice **consistent**; bob **conflicting**" in rows[0]
    finals = agreement.split("### Final verdicts", 1)[1]
    five = next(line for line in finals.splitlines() if "| 5% |" in line)
    assert "alice **consistent**; bob **unverified**" in five and "**conflicting** — cara" in five and REASON in five
    checked = section(markdown, "Claims checked on their own")
    assert "- **Final verdict:** **conflicting** — cara, " in checked and REASON in checked
    assert "- **In dispute:** the reviewers gave different verdicts; no final verdict yet" in checked
    appendix = section(markdown, "Appendix: documents")
    assert "1 consistent, 2 conflicting, 0 unverified" in appendix  # 5% under its final verdict


def test_html_keeps_a_hostile_reason_as_text(adjudicated):
    db, _ = adjudicated
    page = export(db, "html")
    finals = page.split('<div class="group" id="final-verdicts">', 1)[1].split("</div>", 1)[0]
    assert "<script>alert(2)" not in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in finals
    assert 'href="#final-verdicts"' in page


def test_csv_has_the_final_verdict_and_whether_a_claim_is_in_dispute(adjudicated):
    db, ids = adjudicated
    rows = {row["surface"]: row for row in csv.DictReader(io.StringIO(export(db, "csv")))}
    assert (rows["5%"]["final_verdict"], rows["5%"]["final_reason"], rows["5%"]["adjudicator"]) == (
        "conflicting",
        REASON,
        "cara",
    )
    assert rows["5%"]["adjudicated_at"] and rows["5%"]["in_dispute"] == "0"
    assert rows["200"]["final_verdict"] == "" and rows["200"]["in_dispute"] == "1"
    assert rows["2016"]["in_dispute"] == "0"


def test_json_lists_final_verdicts_and_claims_in_dispute_and_agreement_leaves_out_the_adjudicator(adjudicated):
    db, ids = adjudicated
    data = json.loads(export(db, "json"))
    assert data["in_dispute"] == [ids["200"]]
    finals = {f["claim_id"]: f for f in data["final_verdicts"]}
    assert finals[ids["5%"]]["verdict"] == "conflicting" and finals[ids["5%"]]["reason"] == REASON
    assert finals[ids["5%"]]["adjudicator"] == "cara" and finals[ids["5%"]]["orphaned"] is False
    logged = [e for e in data["review_log"] if e["reviewer"] == "cara"]
    assert [(e["action"], e["to_verdict"], e["to_scope"]) for e in logged] == [
        ("adjudicate", "conflicting", "final"),
        ("adjudicate", "consistent", "final"),
    ]
    assert [a["reviewers"] for a in data["agreement"]] == [["alice", "bob"]]
    assert {d["reviewer"] for d in data["decisions"]} == {"alice", "bob"}


def test_claimreview_rates_the_final_verdict_and_says_what_is_in_dispute(adjudicated):
    db, ids = adjudicated
    reviews = {r["identifier"]: r for r in json.loads(export(db, "claimreview"))}
    five = reviews[f"workbench:claim:{ids['5%']}"]
    assert five["reviewRating"]["alternateName"] == DEFAULT.ratings["conflicting"].name  # not "mixed"
    assert f"Final verdict conflicting by cara: {REASON}" in five["reviewBody"]
    assert [a["name"] for a in five["author"]] == ["alice", "bob", "cara"]
    disputed = reviews[f"workbench:claim:{ids['200']}"]
    assert "In dispute: reviewers gave this claim different verdicts" in disputed["reviewBody"]


def test_a_claim_marked_not_a_claim_is_neither_in_dispute_nor_counted(adjudicated):
    from workbench.store.review.store import ReviewStore

    db, ids = adjudicated
    store = ReviewStore(str(db), "alice")
    store.correct(ids["200"], rejected=True)
    store.close()
    markdown = export(db, "md")
    assert "To adjudicate" not in markdown and "- **Adjudicated:** 2 claims" in markdown
    assert json.loads(export(db, "json"))["in_dispute"] == []
