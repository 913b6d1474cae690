"""An amount restated in another currency in brackets ("£1.3bn ($2.5bn)") is one quantity: the two
share a cluster though they share a sentence, so the same amount given in either currency in
another document joins them, and their values are compared only within each currency. The rule
that two figures of one sentence are never one quantity still holds for everything else."""

from __future__ import annotations

from workbench.core.claims import extract_claims
from workbench.core.documents import document_from_bytes
from workbench.core.match.pipeline import match_claims

BID = (
    "Deutsche Boerse has offered £1.3bn ($2.5bn) for the London Stock Exchange, the exchange said on"
    " Monday.\n\nThe LSE said the offer undervalued it.\n"
)
BID_IN_DOLLARS = (
    "The German exchange made a $2.5bn offer for the London Stock Exchange on Monday, the"
    " exchange said.\n\nShares rose.\n"
)
BID_IN_POUNDS = (
    "Deutsche Boerse tabled a £1.3bn offer for the London Stock Exchange on Monday.\n\n"
    "Analysts said more bids could follow.\n"
)


def corpus(*texts: str):
    docs = [document_from_bytes(f"d{i}.txt", text.encode()) for i, text in enumerate(texts)]
    claims = [c for d in docs for c in extract_claims(d)]
    return claims, {d.name: d for d in docs}


def cluster_of(result, claim_id):
    return next((c for c in result.clusters if claim_id in c.claim_ids), None)


def money(claims, doc, surface):
    return next(c for c in claims if c.doc_name == doc and c.surface == surface)


def stay_apart(result, first, second) -> bool:
    """Whether the match put second outside first's cluster (or first in none)."""
    cluster = cluster_of(result, first.id)
    return cluster is None or second.id not in cluster.claim_ids


def test_an_amount_and_its_restatement_are_one_quantity_across_documents():
    claims, docs = corpus(BID, BID_IN_DOLLARS, BID_IN_POUNDS)
    result = match_claims(claims, docs)
    pounds, dollars = money(claims, "d0.txt", "£1.3bn"), money(claims, "d0.txt", "$2.5bn")
    cluster = cluster_of(result, pounds.id)
    assert cluster is not None and dollars.id in cluster.claim_ids
    # each currency gives one figure: they agree, and no pound is compared with a dollar
    assert cluster.relation == "agree" and cluster.suggested_verdict == "consistent"
    assert "restated in GBP and USD" in cluster.explanation
    assert "different currencies" not in cluster.explanation


def test_two_amounts_of_one_sentence_without_brackets_stay_apart():
    claims, docs = corpus("The fund spent £1.3bn and raised $2.5bn in the year, the report said.\n")
    result = match_claims(claims, docs)
    pounds, dollars = money(claims, "d0.txt", "£1.3bn"), money(claims, "d0.txt", "$2.5bn")
    assert stay_apart(result, pounds, dollars)


def test_a_restatement_the_reviewer_rejected_stays_apart():
    claims, docs = corpus(BID)
    pounds, dollars = money(claims, "d0.txt", "£1.3bn"), money(claims, "d0.txt", "$2.5bn")
    assert cluster_of(match_claims(claims, docs), pounds.id) is not None
    result = match_claims(claims, docs, rejected=[(pounds.id, dollars.id)])
    assert stay_apart(result, pounds, dollars)


def test_the_same_currency_in_brackets_is_not_a_restatement():
    claims, docs = corpus("Sales were £1.3bn (£1.1bn a year earlier), the company said.\n")
    result = match_claims(claims, docs)
    first, second = money(claims, "d0.txt", "£1.3bn"), money(claims, "d0.txt", "£1.1bn")
    assert stay_apart(result, first, second)
