"""Repeats of one quantity within a document: headings, referring back, exact figures."""
from __future__ import annotations

from workbench.core.claims import extract_claims
from workbench.core.documents import document_from_bytes
from workbench.core.match.pipeline import match_claims


def clustered(text: str, *surfaces: str) -> bool:
    """Whether the first mentions of these surfaces (in order of the text) end up in one cluster."""
    doc = document_from_bytes("story.txt", text.encode())
    claims = extract_claims(doc)
    cluster_of = match_claims(claims, [doc]).cluster_of()
    found, cursor = [], 0
    for surface in surfaces:
        claim = next(c for c in claims if c.surface == surface and c.start >= cursor)
        found.append(cluster_of.get(claim.id))
        cursor = claim.end
    return found[0] is not None and len(set(found)) == 1


BYLINE = "By Sam Reed, Health Correspondent\n\n3 March 2015\n\n"


def test_the_headline_figure_joins_the_body_figure_it_rounds():
    text = ("Hospital trust boss on £238K as wards close\n\n" + BYLINE +
            "The chief executive of the Northgate hospital trust was paid £238,410 last year, its "
            "annual accounts show.\n\nTwo wards closed in the winter for lack of nurses.\n")
    assert clustered(text, "£238K", "£238,410")


def test_a_crosshead_joins_the_paragraph_below_it():
    text = ("Families struggle with energy bills\n\n" + BYLINE +
            "Energy bills rose again this winter, a charity says.\n\nONE IN THREE\n\n"
            "A survey for the charity found one in three families had cut back on heating.\n")
    assert clustered(text, "ONE IN THREE", "one in three")


def test_a_heading_does_not_join_a_figure_it_does_not_round():
    text = ("Council tax to rise by 4.9%\n\n" + BYLINE +
            "Bills for a band D home will rise by 2.9 per cent in April, the council said.\n")
    assert not clustered(text, "4.9%", "2.9 per cent")


def test_a_table_row_is_not_a_heading():
    text = ("Employers add jobs in every sector\n\n" + BYLINE +
            "Employers added jobs in every sector last year, official figures show.\n\n"
            "| Sector | Jobs | Change |\n|---|---|---|\n| Retail | 158,000 | +3% |\n\n"
            "Employers in building added more than 144,000 jobs over the year, the survey found, "
            "the most since the survey began.\n\nEconomists said the rise in hiring was likely to "
            "slow this year as the economy cooled and firms held back on investment.\n")
    assert not clustered(text, "158,000", "more than 144,000")


def test_the_figure_referring_back_joins_its_first_mention():
    text = ("Flood defence fund announced\n\n" + BYLINE +
            "Ministers will spend £2.3bn on flood defences in the next six years, they announced "
            "on Tuesday.\n\nEngineers welcomed the plan. Farmers said rural schemes had been "
            "neglected for a decade.\n\nThe Treasury said the £2.3bn would come from existing "
            "budgets.\n")
    assert clustered(text, "£2.3bn", "£2.3bn")


def test_an_exact_figure_said_twice_is_one_figure():
    text = ("Pay row at the town hall\n\n" + BYLINE +
            "The town clerk earns £151,872 a year, the council's accounts show.\n\n"
            "Residents were angry. \"We pay our bills and he's on £151,872,\" one said.\n")
    assert clustered(text, "£151,872", "£151,872")


def test_a_round_figure_said_twice_may_count_two_things():
    text = ("Migration figures published\n\n" + BYLINE +
            "Net migration to the UK rose to 244,000 in the year to September, official figures show."
            "\n\nSeparately, visas were granted to 244,000 students from outside the EU, the Home "
            "Office said.\n")
    assert not clustered(text, "244,000", "244,000")
