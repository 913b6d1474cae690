"""Each reader of the number reader's ordered table, with the phrases it answers.

`numbers._FIGURE_READERS` and `numbers._AMOUNT_READERS` are tried in order and the first answer
wins. These tests wrap every reader to record which one answered, so a phrase checks both the
reading and that the reader meant for it is the one that read it (a reader placed too early
would take it). Adding a reader means adding its phrases here; the first test says so.
"""

from __future__ import annotations

import pytest

from workbench.core import numbers

# reader: [(text, the surface it reads, form, value or (low, high), currency or unit or None)]
# A reader that answers "no claim" (days of a month: "12-14 June") is listed with form None.
PHRASES = {
    "_fold": [
        ("Claims saw a four-fold rise.", "four-fold", "ratio", 4, None),
        ("Sales grew tenfold last year.", "tenfold", "ratio", 10, None),
    ],
    "_slash_fraction": [
        ("Use a 1/4 inch drill bit.", "1/4 inch", "measure", 0.25, "inch"),
        ("They said 3/4 of pensioners agreed.", "3/4", "fraction", 0.75, None),
        ("The meeting is on 3/4 at noon.", None, None, None, None),
    ],
    "_over": [
        ("The odds were one over three.", "one over three", "fraction", 1 / 3, None),
        ("It came to 1 over 20.", "1 over 20", "fraction", 0.05, None),
    ],
    "_year_span": [
        ("Spending in 2012/13 fell.", "2012/13", "split_year", (2012, 2013), None),
        ("Growth in the 1990s was slow.", "1990s", "split_year", (1990, 1999), None),
    ],
    "_day_of_month": [
        ("The report came out on 4 November 2013.", "4 November 2013", "date", None, None),
        ("We meet on 4 November.", "4 November", "date", None, None),
    ],
    "_share": [
        ("Inadequate at one in seven councils.", "one in seven", "share", 1 / 7, None),
        ("It was 60 out of the 87 schools.", "60 out of the 87", "share", 60 / 87, None),
    ],
    "_per_base": [("There were 70 per 10,000 children in care.", "70 per 10,000", "share", 0.007, None)],
    "_of_share": [
        ("Two of its five hospitals closed.", "Two of its five", "share", 0.4, None),
        ("He won 12 of the 40 seats.", "12 of the 40", "share", 0.3, None),
    ],
    "_percent": [
        ("Prices rose by 13% in a year.", "13%", "percent", 0.13, None),
        ("Inflation was 3.5 per cent.", "3.5 per cent", "percent", 0.035, None),
    ],
    "_money_between": [
        (
            "Homes sold for between £150,000 and £180,000.",
            "between £150,000 and £180,000",
            "money",
            (150_000, 180_000),
            "GBP",
        )
    ],
    "_dash": [
        ("Crowds of 25,000-30,000 came.", "25,000-30,000", "number", (25_000, 30_000), None),
        ("Rents rose 10-15% this year.", "10-15%", "percent", (0.10, 0.15), None),
        ("The range is 1000 - 5000 this year.", "1000 - 5000", "number", (1000, 5000), None),
    ],
    "_money": [
        ("The scheme costs £2bn.", "£2bn", "money", 2e9, "GBP"),
        ("It sold for 500 USD.", "500 USD", "money", 500, "USD"),
        ("He paid twenty pounds.", "twenty pounds", "money", 20, "GBP"),
    ],
    "_year": [("The law changed in 2014.", "2014", "year", 2014, None)],
    "_between_range": [
        ("Between 30 and 40 people came.", "Between 30 and 40", "number", (30, 40), None),
        ("Rates of between 18 and 21 per cent.", "between 18 and 21 per cent", "percent", (0.18, 0.21), None),
        ("The dose is between 44 mg and 50 mg daily.", "between 44 mg and 50 mg", "measure", (44, 50), "mg"),
        ("It costs between 5 and 10 million dollars.", "between 5 and 10 million dollars", "money", (5e6, 1e7), "USD"),
    ],
    "_to_range": [
        ("About 50 to 80% of voters agreed.", "About 50 to 80%", "percent", (0.5, 0.8), None),
        ("It will cost 5 to 10 mln dlrs.", "5 to 10 mln dlrs", "money", (5e6, 10e6), "USD"),
        ("It took two to three weeks.", "two to three weeks", "duration", (2, 3), "week"),
    ],
    "_with_unit": [
        ("She waited four years.", "four years", "duration", 4, "year"),
        ("The bag weighs 25lbs.", "25lbs", "measure", 25, "pound_weight"),
        ("The harvest was 2.5 million tonnes.", "2.5 million tonnes", "measure", 2.5e6, "tonne"),
    ],
    "_plain": [
        ("There were 17 councils.", "17", "number", 17, None),
        ("Seventy-five people came.", "Seventy-five", "number", 75, None),
    ],
}

CASES = [(reader, *case) for reader, cases in PHRASES.items() for case in cases]


def _names(readers) -> list[str]:
    return [reader.__name__ for reader in readers]


def test_every_reader_in_the_tables_has_phrases_and_no_phrase_names_a_lost_reader():
    readers = _names(numbers._FIGURE_READERS) + _names(numbers._AMOUNT_READERS)
    assert sorted(readers) == sorted(PHRASES)


@pytest.fixture
def answers(monkeypatch) -> list[tuple[str, object]]:
    """Every reader's answers while a test reads text, in order: (reader name, its answer)."""
    seen: list[tuple[str, object]] = []

    def recording(reader):
        def read(figure):
            answer = reader(figure)
            if answer is not None:
                seen.append((reader.__name__, answer))
            return answer

        read.__name__ = reader.__name__
        return read

    for table in ("_FIGURE_READERS", "_AMOUNT_READERS"):
        monkeypatch.setattr(numbers, table, tuple(recording(r) for r in getattr(numbers, table)))
    return seen


@pytest.mark.parametrize("reader, text, surface, form, value, extra", CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_the_reader_meant_for_a_phrase_reads_it(answers, reader, text, surface, form, value, extra):
    found = numbers.find_quantities(text, 0, len(text))
    answered = [name for name, _ in answers]
    assert reader in answered, f"{reader} did not answer; {answered} did"
    if surface is None:  # the reader's answer is "no claim"
        assert dict(answers)[reader] is numbers._NO_CLAIM
        return
    q = dict(answers)[reader]
    assert q in found
    assert text[q.start : q.end] == surface
    assert q.form == form
    if isinstance(value, tuple):
        assert (q.value_min, q.value_max) == pytest.approx(value)
    elif value is not None:
        assert q.value == pytest.approx(value)
    if extra is not None:
        assert extra in (q.currency, q.unit)
