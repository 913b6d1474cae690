"""The review UI shows every figure truthfully: the Δ column compares only what can be compared,
in the cluster's unit, and never says "same" beside an explanation that says "excludes"."""

from __future__ import annotations

import pytest
from review_corpus import build_small, synchronously
from review_pilot import jump_to_claim, reviewing, screen_text

from workbench.core.model import Claim
from workbench.core.report.text import difference
from workbench.tui.widgets import ClusterPanel


def claim(surface, kind, value, qualifier="exact", **fields) -> Claim:
    return Claim("c" + surface, "doc.txt", 0, 0, surface, kind, value=value, qualifier=qualifier, **fields)


@pytest.mark.parametrize(
    "mine,theirs,shown",
    [
        (claim("17", "count", 17), claim("43", "count", 43), "−26 (−60%)"),
        (claim("20", "count", 20), claim("one in seven", "proportion", 1 / 7), "—"),  # a count and a share
        (
            claim("over 70%", "proportion", 0.7, "lower_bound"),
            claim("nearly 70%", "proportion", 0.7, "approx"),
            "conflicts",
        ),
        (claim("about 70%", "proportion", 0.7, "approx"), claim("70%", "proportion", 0.7), "fits"),
        (
            claim("£1.5bn", "money", 1.5e9, currency="GBP"),
            claim("£1.2bn", "money", 1.2e9, currency="GBP"),
            "+£0.3bn (+25%)",
        ),
        (claim("£5", "money", 5.0, currency="GBP"), claim("$5", "money", 5.0, currency="USD"), "—"),
        (claim("13%", "proportion", 0.13), claim("one in seven", "proportion", 1 / 7), "−1.29 pts"),
        (
            claim("2012/13", "year", None, "range", value_min=2012, value_max=2013),
            claim("2013-14", "year", None, "range", value_min=2013, value_max=2014),
            "differs",
        ),
    ],
)
def test_the_difference_is_only_between_comparable_readings(mine, theirs, shown):
    assert difference(mine, theirs) == shown


# A cluster in which a bound and a hedge meet at the same figure, and a count is related to a share.
DOCS = [
    (
        "a.txt",
        "Ofsted says over 70% of councils were not good. One in seven was inadequate.",
        "Councils",
        "2014-01-02",
        None,
    ),
    ("b.txt", "Nearly 70% of councils were not good, and 20 were inadequate.", "Report", "2014-01-03", None),
]
CLAIMS = [
    ("a.txt", "over 70%", 0, "proportion", 0.7, "lower_bound", {}),
    ("a.txt", "One in seven", 0, "proportion", 1 / 7, "exact", {}),
    ("b.txt", "Nearly 70%", 0, "proportion", 0.7, "approx", {}),
    ("b.txt", "20", 0, "count", 20, "exact", {}),
]
CLUSTERS = [
    (
        "k1",
        "differ",
        "conflicting",
        "over 70% vs Nearly 70%: 'over 70%' excludes Nearly 70%",
        "councils not good",
        "proportion",
        [("a.txt", "over 70%"), ("b.txt", "Nearly 70%")],
    )
]
LINKS = [("a.txt", "One in seven", "b.txt", "20", "related", 0.6, "suggested", "a share and a count")]


@pytest.fixture
def bounds(tmp_path):
    path = str(tmp_path / "claims.db")
    return path, build_small(path, DOCS, CLAIMS, CLUSTERS, LINKS)


@synchronously
async def test_the_cluster_panel_never_calls_a_bound_and_a_hedge_the_same(bounds):
    path, ids = bounds
    async with reviewing(path) as (pilot, review):
        await jump_to_claim(pilot, review, ids[("b.txt", "Nearly 70%")])
        panel = review.query_one(ClusterPanel)
        rows = [line for line in panel.render().plain.splitlines() if "over 70%" in line and "a " in line]
        assert rows and "conflicts" in rows[0] and "same" not in rows[0]


@synchronously
async def test_a_related_count_is_not_subtracted_from_a_share(bounds):
    path, ids = bounds
    async with reviewing(path) as (pilot, review):
        await jump_to_claim(pilot, review, ids[("a.txt", "One in seven")])
        text = review.query_one(ClusterPanel).render().plain
        line = next(line for line in text.splitlines() if line.lstrip().startswith("b ") and " 20 " in line)
        assert "+19.9" not in line and "—" in line, line


YEARS_DOCS = [("y.txt", "The report 2012/12 and the report 2012/13 were both late.", "Reports", None, None)]
YEARS_CLAIMS = [
    ("y.txt", "2012/12", 0, "year", None, "range", {"value_min": 2012, "value_max": 2013, "note": "split year"}),
    ("y.txt", "2012/13", 0, "year", None, "range", {"value_min": 2012, "value_max": 2013, "note": "split year"}),
]


@synchronously
async def test_a_reading_that_departs_from_the_text_says_as_written(tmp_path):
    from workbench.tui.widgets import PassagePanel

    path = str(tmp_path / "years.db")
    ids = build_small(path, YEARS_DOCS, YEARS_CLAIMS, [], [])
    async with reviewing(path) as (pilot, review):
        await jump_to_claim(pilot, review, ids[("y.txt", "2012/12")])
        assert "as written: 2012/12" in review.query_one(PassagePanel).render().plain
        await jump_to_claim(pilot, review, ids[("y.txt", "2012/13")])
        assert "as written" not in review.query_one(PassagePanel).render().plain


UNDATED_DOCS = [("u.txt", "One in seven councils failed. In all, 20 councils were inadequate.", "Undated", None, None)]
UNDATED_CLAIMS = [
    ("u.txt", "One in seven", 0, "proportion", 1 / 7, "exact", {}),
    ("u.txt", "20", 0, "count", 20, "exact", {}),
]
UNDATED_LINKS = [("u.txt", "One in seven", "u.txt", "20", "related", 0.6, "suggested", "a share and a count")]


@synchronously
async def test_a_related_claim_of_the_same_undated_document_is_not_said_to_be_of_another_period(tmp_path):
    path = str(tmp_path / "undated.db")
    ids = build_small(path, UNDATED_DOCS, UNDATED_CLAIMS, [], UNDATED_LINKS)
    async with reviewing(path) as (pilot, review):
        await jump_to_claim(pilot, review, ids[("u.txt", "One in seven")])
        text = review.query_one(ClusterPanel).render().plain
        assert "other periods" not in text and "Related claims" in text
        lines = text.splitlines()
        at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("u ") and " 20 " in line)
        assert "period unknown" in lines[at] + lines[at + 1], lines[at : at + 2]


def test_the_period_label_says_what_the_stored_periods_say():
    from workbench.tui.widgets import period_label

    dated = claim("seven", "count", 7, period="2013-14")
    other = claim("seven", "count", 7, period="2012/13")
    undated = claim("20", "count", 20)
    assert period_label(dated, other) == "period 2013-14"
    assert period_label(dated, dated) == "same period"
    assert period_label(dated, undated) == period_label(undated, dated) == "period unknown"


BIG_DOCS = [
    (
        "p.txt",
        "The scheme cost £7,600,000,000 in all, and 7,600,012 people used it. Between 7,500,000 and"
        " 7,600,000 a year signed up.",
        "Scheme",
        None,
        None,
    ),
    ("q.txt", "The scheme cost £7.5bn, and 7,512,400 people used it.", "Scheme", None, None),
]
BIG_CLAIMS = [
    ("p.txt", "7,600,012", 0, "count", 7600012, "exact", {}),
    ("q.txt", "7,512,400", 0, "count", 7512400, "exact", {}),
    ("p.txt", "7,500,000", 0, "count", None, "range", {"value_min": 7500000, "value_max": 7600000}),
]
BIG_CLUSTERS = [
    (
        "k1",
        "differ",
        "conflicting",
        "7,600,012 vs 7,512,400: 87,612 apart",
        "users",
        "count",
        [("p.txt", "7,600,012"), ("q.txt", "7,512,400")],
    )
]


@pytest.mark.parametrize("size", [(120, 40), (220, 50)])
@synchronously
async def test_values_and_differences_are_never_cut(tmp_path, size):
    from workbench.tui.widgets import ClaimList

    path = str(tmp_path / "big.db")
    ids = build_small(path, BIG_DOCS, BIG_CLAIMS, BIG_CLUSTERS, [])
    async with reviewing(path, size=size) as (pilot, review):
        await jump_to_claim(pilot, review, ids[("p.txt", "7,600,012")])
        listed = "\n".join(review.query_one(ClaimList).render_line(y).text for y in range(8))
        assert "7,600,012" in listed and "7,500,000–7,600,000" in listed, listed
        panel = review.query_one(ClusterPanel).render().plain
        row = next(line for line in panel.splitlines() if line.lstrip().startswith("q ") or " q " in line[:14])
        assert "7,512,400" in row and "−87,612 (−1.2%)" in row, row


SPEAKER_DOCS = [
    ("s.txt", "Council news\n\nCllr Roy Perry said 40% of roads were repaired.", "Council news", "2014-02-01", None)
]
SPEAKER_CLAIMS = [("s.txt", "40%", 0, "proportion", 0.4, "exact", {"speaker": "Cllr Roy Perry"})]


@synchronously
async def test_the_source_header_names_the_author_and_the_claim_its_speaker(tmp_path):
    from workbench.tui.widgets import PassagePanel

    path = str(tmp_path / "speaker.db")
    build_small(path, SPEAKER_DOCS, SPEAKER_CLAIMS, [], [])
    async with reviewing(path) as (pilot, review):
        lines = review.query_one(PassagePanel).render().plain.splitlines()
        assert "Roy Perry" not in lines[1], lines[:2]  # the document has no author
        assert any("speaker Cllr Roy Perry" in line for line in lines), lines


@pytest.mark.parametrize(
    "relation,verdict,words",
    [
        ("agree", "consistent", "same figure"),
        ("differ", "consistent", "different figures, compatible"),
        ("differ", "conflicting", "different figures"),
        ("differ", "unverified", "different figures, not all comparable"),
    ],
)
def test_relation_words_never_contradict_the_suggestion(relation, verdict, words):
    from workbench.core.report.text import relation_words

    assert relation_words(relation, verdict) == words


@synchronously
async def test_the_cluster_line_says_one_thing_with_the_explanation(tmp_path):
    """ "13% vs one in seven" read "values differ · suggests consistent" beside "within the
    rounding": the figures differ, and are compatible; the UI says both in one line."""
    path = str(tmp_path / "claims.db")
    ids = build_small(path)
    async with reviewing(path, size=(160, 40)) as (pilot, review):
        await jump_to_claim(pilot, review, ids[("002_munn.txt", "13%")])
        text = screen_text(pilot.app)
        assert "values differ" not in text
        assert "▸ share of authorities judged inadequate · different figures," in text, text
        assert "share of authorities judged inadequate · different figures, compatible · 3 claims" in text
        assert "Suggested: ✓ consistent" in text
