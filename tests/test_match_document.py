"""Repeats of one quantity within a document: headings, referring back, exact figures."""

from __future__ import annotations

import pytest

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


def story(headline: str, body: str) -> str:
    """A news story: the headline, a byline and date, then the body."""
    return headline + "\n\n" + BYLINE + body


# (headline, body, the surfaces in the order they appear), each a story whose figures are one cluster
JOINED = {
    "the_headline_figure_joins_the_body_figure_it_rounds": (
        "Hospital trust boss on £238K as wards close",
        "The chief executive of the Northgate hospital trust was paid £238,410 last year, its "
        "annual accounts show.\n\nTwo wards closed in the winter for lack of nurses.\n",
        ("£238K", "£238,410"),
    ),
    "a_crosshead_joins_the_paragraph_below_it": (
        "Families struggle with energy bills",
        "Energy bills rose again this winter, a charity says.\n\nONE IN THREE\n\n"
        "A survey for the charity found one in three families had cut back on heating.\n",
        ("ONE IN THREE", "one in three"),
    ),
    "the_figure_referring_back_joins_its_first_mention": (
        "Flood defence fund announced",
        "Ministers will spend £2.3bn on flood defences in the next six years, they announced "
        "on Tuesday.\n\nEngineers welcomed the plan. Farmers said rural schemes had been "
        "neglected for a decade.\n\nThe Treasury said the £2.3bn would come from existing "
        "budgets.\n",
        ("£2.3bn", "£2.3bn"),
    ),
    "an_exact_figure_said_twice_is_one_figure": (
        "Pay row at the town hall",
        "The town clerk earns £151,872 a year, the council's accounts show.\n\n"
        'Residents were angry. "We pay our bills and he\'s on £151,872," one said.\n',
        ("£151,872", "£151,872"),
    ),
}

# the same, for stories whose figures stay apart
APART = {
    "a_heading_does_not_join_a_figure_it_does_not_round": (
        "Council tax to rise by 4.9%",
        "Bills for a band D home will rise by 2.9 per cent in April, the council said.\n",
        ("4.9%", "2.9 per cent"),
    ),
    "a_table_row_is_not_a_heading": (
        "Employers add jobs in every sector",
        "Employers added jobs in every sector last year, official figures show.\n\n"
        "| Sector | Jobs | Change |\n|---|---|---|\n| Retail | 158,000 | +3% |\n\n"
        "Employers in building added more than 144,000 jobs over the year, the survey found, "
        "the most since the survey began.\n\nEconomists said the rise in hiring was likely to "
        "slow this year as the economy cooled and firms held back on investment.\n",
        ("158,000", "more than 144,000"),
    ),
    "a_round_figure_said_twice_may_count_two_things": (
        "Migration figures published",
        "Net migration to the UK rose to 244,000 in the year to September, official figures show."
        "\n\nSeparately, visas were granted to 244,000 students from outside the EU, the Home "
        "Office said.\n",
        ("244,000", "244,000"),
    ),
}


@pytest.mark.parametrize(("headline", "body", "surfaces"), JOINED.values(), ids=JOINED.keys())
def test_figures_join(headline, body, surfaces):
    assert clustered(story(headline, body), *surfaces)


@pytest.mark.parametrize(("headline", "body", "surfaces"), APART.values(), ids=APART.keys())
def test_figures_stay_apart(headline, body, surfaces):
    assert not clustered(story(headline, body), *surfaces)
