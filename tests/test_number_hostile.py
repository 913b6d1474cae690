"""A reader never raises on text: documents built from every word and sign the number reader
knows, in any order and any number, are read without an exception, with exact offsets and finite
values (issue 14, item 3: "one hundred" said 155 times overflowed a float; "tens of billions"
and "Sepember" raised KeyError)."""

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core import number_lexicon as lex
from workbench.core.claims import extract_claims
from workbench.core.documents import document_from_bytes

PIECES = sorted(
    {
        *lex.UNIT_WORDS,
        *lex.TENS_WORDS,
        *lex.SCALE_WORDS,
        *lex.DOZEN_WORDS,
        *lex.SCALE_SUFFIXES,
        *lex.ALL_FRACTION_WORDS,
        *lex.VULGAR_FRACTIONS,
        *lex.MAGNITUDES,
        *lex.RATIO_WORDS,
        *lex.NEGATIVE_WORDS,
        *lex.CURRENCY_SIGNS,
        *(p + "$" for p in lex.DOLLAR_PREFIXES),
        *(c.upper() for c in lex.CURRENCY_CODES),
        *lex.CURRENCY_WORDS,
        *lex.CURRENCY_SUBUNITS,
        *lex.DURATION_UNITS,
        *lex.MEASURE_UNITS,
        *lex.HEDGES_BEFORE,
        *lex.HEDGES_AFTER,
        *lex.MONTHS,
        *lex.ORDINAL_WORDS,
        *lex.ORDINAL_COUNTED_NOUNS,
        *lex.YEAR_PART_ORDINALS,
        "Sepember",
        "and",
        "a",
        "an",
        "point",
        "of",
        "per",
        "between",
        "in",
        "out of",
        "%",
        "per cent",
        "fold",
        "1",
        "12",
        "2004",
        "999999999999999999999",
        "0.5",
        "3/4",
        "1,000",
        "10 000",
        "12,34,567",
        "-",
        "–",
        "/",
        ".",
        ",",
        "(",
        ")",
        "\n",
        "\n\n",
    }
)
SEPARATORS = [" ", " ", " ", "", "-", "  ", "\u00a0"]


@st.composite
def documents(draw):
    pieces = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=60))
    repeat = draw(st.integers(1, 40))  # runs of the same words ("one hundred" said many times)
    glue = [draw(st.sampled_from(SEPARATORS)) for _ in pieces]
    text = "".join(p + g for p, g in zip(pieces, glue))
    return "Figures: " + (text * repeat)[:20_000]


@settings(max_examples=300, deadline=None)
@given(documents())
def test_any_sequence_of_number_words_is_read_without_raising(text):
    doc = document_from_bytes("t.txt", text.encode("utf-8"))
    for claim in extract_claims(doc):
        assert doc.text[claim.start : claim.end] == claim.surface
        for x in (claim.value, claim.value_min, claim.value_max):
            assert x is None or isinstance(x, str) or math.isfinite(x)


def test_long_runs_of_number_words():
    for word in (
        "one hundred ",
        "a thousand million ",
        "tens of billions of ",
        "five and a half ",
        "two point ",
        "twenty-one trillion ",
        "three quarters ",
        "dozen ",
    ):
        doc = document_from_bytes("t.txt", (word * 400).encode())
        for claim in extract_claims(doc):
            assert doc.text[claim.start : claim.end] == claim.surface
            assert claim.value is None or abs(claim.value) <= lex.LARGEST_WORD_VALUE * 1e6
