"""The quantity frame: measure, place, period, basis and source read from a claim's words."""

from __future__ import annotations

import hashlib

import pytest

from workbench.core.frames import (
    QuantityFrame,
    frame_heading,
    period_label,
    read_basis,
    read_frame,
    read_measure,
    read_period,
    read_place,
    read_source,
)
from workbench.core.model import Claim, Document, Span


def at(sentence: str, figure: str) -> tuple[str, int, int]:
    i = sentence.index(figure)
    return sentence, i, i + len(figure)


@pytest.mark.parametrize(
    "sentence, figure, kind, measure",
    [
        ("The trade shortfall was $55.5bn in October.", "$55.5bn", "money", "trade shortfall"),
        (
            "Net migration to the UK rose to 212,000 in the year to September 2013.",
            "212,000",
            "count",
            "net migration to the UK",
        ),
        (
            "The average UK house price was £180,226 in November, the ODPM said.",
            "£180,226",
            "money",
            "average UK house price",
        ),
        ("Imports rose by 3.4%, while exports increased by only 0.6%.", "3.4%", "rate", "rise in imports"),
        ("Imports rose by 3.4%, while exports increased by only 0.6%.", "0.6%", "rate", "rise in exports"),
        ("House prices fell 0.3% in March.", "0.3%", "rate", "fall in house prices"),
        (
            "Forty per cent of councils were not found to be good.",
            "Forty per cent",
            "proportion",
            "councils not found to be good",
        ),
        ("Some 20 councils were judged inadequate.", "20", "count", "councils judged inadequate"),
        ("That pushed the 10 month deficit to $500.5bn.", "$500.5bn", "money", "deficit"),
        ("LSE saw its shares surge 4.9% in early trade.", "4.9%", "rate", "rise in shares"),
    ],
)
def test_the_measure_is_the_noun_phrase_the_figure_measures(sentence, figure, kind, measure):
    assert read_measure(*at(sentence, figure), kind) == measure


def test_a_restatement_in_brackets_measures_what_the_figure_it_restates_measures():
    sentence = "Deutsche Boerse made a £1.3bn ($2.5bn) offer for the LSE."
    assert (
        read_measure(*at(sentence, "$2.5bn"), "money")
        == read_measure(*at(sentence, "£1.3bn"), "money")
        == "offer for the LSE"
    )


@pytest.mark.parametrize(
    "sentence, figure, place",
    [
        ("Unemployment in England and Wales rose to 5%.", "5%", "England and Wales"),
        ("US light crude fell 32 cents to $51.43.", "$51.43", "US"),
        ("Brent crude fell 32 cents.", "32 cents", "Brent"),
        ("British house prices rose 2%.", "2%", "UK"),
        ("The price of a home in London averaged £504,000.", "£504,000", "London"),
        ("Sales rose 4% last year.", "4%", None),
    ],
)
def test_the_place_or_population(sentence, figure, place):
    assert read_place(*at(sentence, figure)) == place


@pytest.mark.parametrize(
    "sentence, figure, kwargs, period",
    [
        ("Prices rose 2% in November.", "2%", {"published": "2004-12-15"}, "2004-11"),
        ("Prices rose 2% in November.", "2%", {"published": "2004-10-15"}, "2003-11"),
        ("Prices rose 2% last month.", "2%", {"published": "2004-12-15"}, "2004-11"),
        (
            "Output grew 1.2% in the previous quarter.",
            "1.2%",
            {"paragraph": "Output grew 0.8% in the third quarter of 2004."},
            "2004-Q2",
        ),
        (
            "Net migration was 212,000 in the year to September 2013, up from 154,000 a year earlier.",
            "154,000",
            {},
            "year to 2012-09",
        ),
        (
            "Net migration was 212,000 in the year to September 2013, up from 154,000 a year earlier.",
            "212,000",
            {},
            "year to 2013-09",
        ),
        ("Net migration was 212,000.", "212,000", {"heading": "Figures for 2014"}, "2014"),
        ("Shares rose 5% on Tuesday.", "5%", {}, "tuesday"),
        # The publication date places a month in its year but dates nothing by itself.
        ("Net migration reached 212,000, the statisticians said.", "212,000", {"published": "2014-02-28"}, None),
    ],
)
def test_the_period_stated_inherited_or_resolved(sentence, figure, kwargs, period):
    assert read_period(*at(sentence, figure), **kwargs) == period


@pytest.mark.parametrize(
    "sentence, figure, basis",
    [
        ("The UK economy grew 0.5% month on month.", "0.5%", "month on month"),
        ("Prices were 3% higher than a year earlier.", "3%", "annual"),
        ("Sales are up 7% so far this year.", "7%", "year to date"),
        ("Growth is forecast to reach 2.5% next year.", "2.5%", "forecast"),
        ("Sales rose 7% in March.", "7%", None),
    ],
)
def test_the_basis_where_stated(sentence, figure, basis):
    assert read_basis(*at(sentence, figure)) == basis


@pytest.mark.parametrize(
    "sentence, source",
    [
        ("Prices rose 2%, according to the ONS.", "the ONS"),
        ("Prices rose 2%, Halifax said.", "Halifax"),
        ("The county council said on Monday that 300 jobs would go.", "The county council"),
        ("The chancellor, George Osborne, said borrowing was £90bn.", "The chancellor"),
        ("Further reports had suggested an offer of 533p.", None),
    ],
)
def test_the_source_or_speaker(sentence, source):
    assert read_source(sentence) == source


def test_the_speaker_stands_in_when_no_source_is_named():
    assert read_source("Borrowing will be £90bn next year.", "George Osborne") == "George Osborne"


def test_read_frame_takes_the_heading_and_the_documents_date():
    text = "House prices in November\n\nThe average UK house price was £180,226 in November, the ODPM said.\n"
    doc = Document(
        name="a.txt",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        published="2004-12-20",
        sections=[Span(0, 24, "title"), Span(26, len(text), "body")],
    )
    start = text.index("£180,226")
    sentence_start = text.index("The average")
    claim = Claim(
        id="c",
        doc_name="a.txt",
        start=start,
        end=start + 8,
        surface="£180,226",
        kind="money",
        value=180226,
        currency="GBP",
        sentence_start=sentence_start,
        sentence_end=len(text) - 1,
        passage_start=sentence_start,
        passage_end=len(text) - 1,
    )
    frame = read_frame(claim, doc)
    assert frame == QuantityFrame(
        measure="average UK house price", place="UK", period="2004-11", basis=None, source="the ODPM"
    )
    assert frame_heading(frame) == "average UK house price · November 2004 · the ODPM"
    assert frame.as_dict() == {
        "measure": "average UK house price",
        "place": "UK",
        "period": "2004-11",
        "basis": None,
        "source": "the ODPM",
    }


@pytest.mark.parametrize(
    "key, label",
    [
        ("2004-11", "November 2004"),
        ("2004-Q3", "Q3 2004"),
        ("year to 2013-09", "year to September 2013"),
        ("2013/14", "2013/14"),
        ("tuesday", "Tuesday"),
        (None, None),
    ],
)
def test_period_labels(key, label):
    assert period_label(key) == label


def test_a_cluster_is_headed_by_the_frame_most_members_state():
    from workbench.core.frames import cluster_frame

    frames = [
        QuantityFrame("average UK house price", "UK", "2004-11", None, "the ODPM"),
        QuantityFrame("average house price", "UK", "2004-11", None, None),
        QuantityFrame("average UK house price", None, None, "annual", "the ODPM"),
    ]
    shared = cluster_frame(frames)
    assert shared == QuantityFrame("average UK house price", "UK", "2004-11", "annual", "the ODPM")
    assert frame_heading(shared) == "average UK house price · November 2004 · the ODPM"
    assert cluster_frame([]) == QuantityFrame()


def test_a_frame_is_read_from_the_figures_own_stretch_of_an_endless_sentence():
    """Each reader looks at most CONTEXT_CHARS either side of the figure, so that one sentence
    of thousands of figures is matched in linear time (it was quadratic: 2,000 claims on one
    line took 32 s of CPU); a place said 480 characters further on is not the figure's place."""
    from workbench.core.claims import extract_claims
    from workbench.core.documents import document_from_bytes
    from workbench.core.frames import CONTEXT_CHARS, read_frame

    filler = " ".join(["and the other things they said about it"] * 12)
    assert len(filler) > CONTEXT_CHARS
    near = document_from_bytes("near.txt", b"Prices rose 5% in Scotland last year.\n")
    far = document_from_bytes("far.txt", f"Prices rose 5% {filler} in Scotland last year.\n".encode())
    frames = [read_frame(next(c for c in extract_claims(d) if c.surface == "5%"), d) for d in (near, far)]
    assert frames[0].place == "Scotland" and frames[1].place is None
    assert frames[1].measure == frames[0].measure == "rise in prices"


# --------------------------------------------------------------------------- headings


def test_a_measure_of_function_words_modifiers_or_verbs_alone_names_nothing():
    from workbench.core.frames import is_measure

    for words in (
        ["in"],
        ["first"],
        ["average"],
        ["rose", "faster"],
        ["seen"],
        ["taking"],
        ["estimated"],
        ["of", "the"],
        [],
    ):
        assert not is_measure(words), words
    for words in (["average", "house", "price"], ["net", "migration"], ["shares"], ["takeover", "bid"]):
        assert is_measure(words), words


def test_a_cluster_is_headed_by_the_members_that_say_what_they_measure():
    from workbench.core.frames import QuantityFrame, cluster_frame, frame_heading

    frames = [
        QuantityFrame(measure="in", period="2004-11"),
        QuantityFrame(measure="in"),
        QuantityFrame(measure="average house price", source="the ODPM"),
    ]
    shared = cluster_frame(frames)
    assert shared.measure == "average house price"
    assert frame_heading(shared) == "average house price · November 2004 · the ODPM"
    assert cluster_frame([QuantityFrame(measure="first"), QuantityFrame(measure="in")]).measure is None


def test_a_source_never_begins_with_a_conjunction():
    from workbench.core.frames import read_source

    assert read_source("The club has a stake worth 30%.", "But the FT") == "the FT"
    assert read_source("And the ONS said the rate was 5%.") == "the ONS"
    assert read_source("The club has a stake worth 30%.", "and") is None


def test_a_place_of_two_words_is_read_whole():
    from workbench.core.frames import read_place

    s = "US crude oil closed at $51.15 a barrel in New York on Tuesday."
    assert read_place(s, s.index("$51"), s.index("$51") + 6) == "New York"
    s = "Exports from the United States rose 5% in October."
    assert read_place(s, s.index("5%"), s.index("5%") + 2) == "US"


def test_every_place_and_benchmark_is_capitalised_as_read_place_expects():
    """read_place skips words that do not start with a capital: a table entry in lower case
    would never be found."""
    from workbench.core import frames

    assert all(name[:1].isupper() for name in frames.PLACES)
    assert all(name[:1].isupper() for name in frames.BENCHMARKS)
    assert frames.read_place("Prices rose 5% in London and in Britain", 12, 14) == "London"
