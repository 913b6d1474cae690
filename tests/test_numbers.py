"""The number normaliser and claim interpretation, one phrasing at a time.

Each case is a sentence as news copy writes it; the test finds the claim by its surface and
checks kind, value and qualifier as the gold conventions define them.
"""

import pytest

from workbench.core.claims import extract_claims
from workbench.core.documents import document_from_bytes
from workbench.core.numbers import word_number_value


def claims_of(text: str):
    doc = document_from_bytes("t.txt", text.encode("utf-8"))
    return doc, extract_claims(doc)


def only_claim(text: str, surface: str):
    doc, claims = claims_of(text)
    matching = [c for c in claims if c.surface == surface]
    assert matching, f"no claim {surface!r} in {[c.surface for c in claims]}"
    claim = matching[0]
    assert doc.text[claim.start : claim.end] == claim.surface
    return claim


@pytest.mark.parametrize(
    "sentence, surface, kind, value, qualifier",
    [
        ("One in seven councils in England are inadequate.", "One in seven", "proportion", 0.142857, "exact"),
        ("Ofsted judged a quarter of local authorities as inadequate.", "a quarter", "proportion", 0.25, "exact"),
        ("Three-quarters of councils are not good enough.", "Three-quarters", "proportion", 0.75, "exact"),
        ("Of the councils inspected, 13% were inadequate.", "13%", "proportion", 0.13, "exact"),
        ("House prices fell 0.7% last month.", "0.7%", "rate", -0.007, "exact"),
        ("Deaths have fallen by 69 per cent since 1985.", "69 per cent", "rate", -0.69, "exact"),
        ("Councils have faced cuts to their budgets of 40% since 2010.", "40%", "rate", -0.4, "exact"),
        ("Sales rose 3.5 per cent in March.", "3.5 per cent", "rate", 0.035, "exact"),
        ("There was a 5% rise in crime.", "5%", "rate", 0.05, "exact"),
        ("Inflation rose to 2.1 per cent in May.", "2.1 per cent", "proportion", 0.021, "exact"),
        (
            "It affects 60 out of the 87 inspected local authorities.",
            "60 out of the 87",
            "proportion",
            0.689655,
            "exact",
        ),
        ("Nine out of 10 doctors agree.", "Nine out of 10", "proportion", 0.9, "exact"),
        ("The government pledged £2bn to the NHS.", "£2bn", "money", 2_000_000_000, "exact"),
        ("The company lost pounds 7.2bn last year.", "pounds 7.2bn", "money", 7_200_000_000, "exact"),
        ("He was paid pounds 180,226 in bonuses.", "pounds 180,226", "money", 180_226, "exact"),
        ("A ticket costs 50p more.", "50p", "money", 0.5, "exact"),
        ("The fund holds $3.5 million.", "$3.5 million", "money", 3_500_000, "exact"),
        ("Some 29.7million people watched.", "Some 29.7million", "count", 29_700_000, "approx"),
        ("There are 1.41 million pupils.", "1.41 million", "count", 1_410_000, "exact"),
        ("About 298,000 people arrived.", "About 298,000", "count", 298_000, "approx"),
        ("Nearly 70% of services were not good enough.", "Nearly 70%", "proportion", 0.7, "approx"),
        ("Over 70% of authorities are not yet good.", "Over 70%", "proportion", 0.7, "lower_bound"),
        ("More than 300 jobs will go.", "More than 300", "count", 300, "lower_bound"),
        ("Up to 300 jobs will go.", "Up to 300", "count", 300, "upper_bound"),
        ("At least 12 schools will close.", "At least 12", "count", 12, "lower_bound"),
        ("Turnout was below 40% in the ward.", "below 40%", "proportion", 0.4, "upper_bound"),
        ("Almost 400 people signed.", "Almost 400", "count", 400, "approx"),
        ("Around 2,000 homes flooded.", "Around 2,000", "count", 2_000, "approx"),
        ("Fewer than 20 staff remain.", "Fewer than 20", "count", 20, "upper_bound"),
        ("Nearly a third of children live in poverty.", "Nearly a third", "proportion", 0.333333, "approx"),
        ("Infant mortality is almost twice the national average.", "almost twice", "other", 2, "approx"),
        ("The figures for 2016 were worse.", "2016", "year", 2016, "exact"),
        ("The new framework starts in April 2015.", "April 2015", "date", "2015-04", "exact"),
        ("The report was published on 4 November 2013.", "4 November 2013", "date", "2013-11-04", "exact"),
        ("There were eight incidents in four years.", "four years", "duration", 4, "exact"),
        ("Deaths declined over the last 35 years.", "35 years", "duration", 35, "exact"),
        ("There were twenty-five complaints.", "twenty-five", "count", 25, "exact"),
        ("Seven authorities were seen as inadequate.", "Seven", "count", 7, "exact"),
    ],
)
def test_phrasing(sentence, surface, kind, value, qualifier):
    claim = only_claim(sentence, surface)
    assert claim.kind == kind
    exported = claim.export_value()
    if isinstance(value, str):
        assert exported == value
    else:
        assert exported == pytest.approx(value, rel=1e-4)
    assert claim.qualifier == qualifier


@pytest.mark.parametrize(
    "sentence, surface, low, high",
    [
        ("Tens of thousands of people marched.", "Tens of thousands", 10_000, 99_999),
        ("There are thousands more children at risk.", "thousands", 1_000, 9_999),
        ("Hundreds of thousands of homes lost power.", "Hundreds of thousands", 100_000, 999_999),
        ("The Social Care Annual Report 2012/13 was published.", "2012/13", 2012, 2013),
        ("Of the 43 services inspected in 2013-14, 26 required improvement.", "2013-14", 2013, 2014),
        ("The first report, 2012/12, was a typo.", "2012/12", 2012, 2013),
        ("Crime peaked in the 1990s.", "1990s", 1990, 1999),
    ],
)
def test_ranges(sentence, surface, low, high):
    claim = only_claim(sentence, surface)
    assert claim.export_value() == {"min": low, "max": high}
    assert claim.qualifier == "range"


def test_share_keeps_numerator_and_denominator():
    claim = only_claim("It affects 60 out of the 87 inspected local authorities.", "60 out of the 87")
    assert (claim.numerator, claim.denominator) == (60, 87)


def test_expression_broken_across_a_hard_line_break():
    text = (
        "The share of pupils reaching the expected standard was 71.4\n"
        "per cent, the department said, while spending reached £2.5\n"
        "billion over the period covered by the review of the schools.\n"
    )
    doc, claims = claims_of(text)
    surfaces = {c.surface: c for c in claims}
    assert "71.4\nper cent" in surfaces
    assert surfaces["71.4\nper cent"].export_value() == pytest.approx(0.714)
    assert surfaces["£2.5\nbillion"].export_value() == 2_500_000_000
    for claim in claims:
        assert doc.text[claim.start : claim.end] == claim.surface


@pytest.mark.parametrize(
    "sentence",
    [
        "Watch it on BBC 1 or listen on Radio 2 tonight.",
        "Leaders met at the G7 summit and later at No 10.",
        "It is one of the most important things councils do.",
        "Social care would come a poor second to schools, once again.",
        "Call 020 7946 0958 for details.",
        "Write to House of Commons, London SW1A 0AA.",
        "See https://www.gov.uk/file/532288/report_2016.pdf for the report.",
        "The meeting starts at 10.30am on Monday.",
        "Covid-19 has changed everything.",
        "They were at sixes and sevens all season.",
        "He was managed as one organisation.",
        "She came on the 29th of the month.",
    ],
)
def test_not_claims(sentence):
    _, claims = claims_of(sentence)
    assert [c.surface for c in claims] == []


def test_idioms_do_not_hide_real_numbers_nearby():
    _, claims = claims_of("One of the 20 councils deemed inadequate was Birmingham.")
    assert [c.surface for c in claims] == ["20"]


@pytest.mark.parametrize(
    "words, value",
    [
        ("seven", 7),
        ("twenty-five", 25),
        ("one hundred and twenty", 120),
        ("a million", 1_000_000),
        ("two thousand and five", 2005),
        ("a dozen", 12),
        ("fourteen", 14),
    ],
)
def test_word_numbers(words, value):
    assert word_number_value(words) == value


def test_subject_names_the_measured_thing():
    claim = only_claim("Ofsted judged a quarter of local authorities as inadequate.", "a quarter")
    assert "local authorities" in claim.subject
    assert "inadequate" in claim.subject
    claim = only_claim("The average house price was £198,000, Halifax said.", "£198,000")
    assert "house price" in claim.subject


def test_speaker_and_period():
    claim = only_claim('"We have seen 300 more cases in 2013-14," said Cllr Roy Perry, of the LGA.', "300")
    assert claim.speaker == "Cllr Roy Perry"
    assert claim.period == "in 2013-14"
    assert (claim.period_min, claim.period_max) == (2013, 2014)
    claim = only_claim("Deaths have fallen by 69 per cent since 1985.", "69 per cent")
    assert claim.period == "since 1985"


def test_claim_ids_are_stable_and_survive_edits_elsewhere():
    first, a = claims_of("Title of the piece here\n\nPrices rose 5% in May. Sales fell 2%.\n")
    second, b = claims_of("Title of the piece here\n\nPrices rose 5% in May. Sales fell 3%.\n")
    assert a[0].id == b[0].id  # unchanged sentence, same id
    assert a[1].id != b[1].id
    _, again = claims_of("Title of the piece here\n\nPrices rose 5% in May. Sales fell 2%.\n")
    assert [c.id for c in again] == [c.id for c in a]


@pytest.mark.parametrize(
    "sentence, surface, kind, value, qualifier, unit",
    [
        ("Net migration of British citizens was -75,000 last year.", "-75,000", "count", -75_000, "exact", None),
        ("| Family | 33,000 | -2% |", "-2%", "rate", -0.02, "exact", None),
        ("| Work | 158,000 | +3% |", "+3%", "rate", 0.03, "exact", None),
        ("Pay rose by 2½ per cent this year.", "2½ per cent", "rate", 0.025, "exact", None),
        ("Sites have lain empty for more than a decade.", "more than a decade", "duration", 1, "lower_bound", "decade"),
        ("Nearly half said they would leave.", "Nearly half", "proportion", 0.5, "approx", None),
        ("Plans must be approved within 18 months.", "within 18 months", "duration", 18, "upper_bound", "month"),
        ("The trust closed two of its five wards.", "two of its five", "proportion", 0.4, "exact", None),
        ("Mum-of-three Kerry Donnelly, 34, said the bins were a disgrace.", "34", "other", 34, "exact", "year of age"),
        ("Buyers aged below 40 can apply.", "below 40", "other", 40, "upper_bound", "year of age"),
    ],
)
def test_signed_fractional_bounded_and_age_phrasings(sentence, surface, kind, value, qualifier, unit):
    claim = only_claim(sentence, surface)
    assert (claim.kind, claim.qualifier, claim.unit) == (kind, qualifier, unit)
    assert claim.export_value() == pytest.approx(value)


def test_between_two_numbers_is_one_range():
    claim = only_claim("Plots of between two and 15 acres will be sold.", "between two and 15 acres")
    assert claim.export_value() == {"min": 2, "max": 15}
    assert claim.qualifier == "range"


@pytest.mark.parametrize(
    "sentence, surface, iso",
    [
        ("The branch meets on Tuesday 23 September at the civic centre.", "23 September", "--09-23"),
        ("Swissair announced on March 19 that it was placing an order.", "March 19", "--03-19"),  # Reuters-21578
        ("The strike began March 3.", "March 3", "--03-03"),
        ("It said on March 19, 1987 that it would go.", "March 19, 1987", "1987-03-19"),
    ],
)
def test_a_day_of_a_month_is_a_date_with_or_without_its_year(sentence, surface, iso):
    """A day and month without a year is a date of no year (ISO 8601's --MM-DD), as the gold's
    conventions write it; "March 19" was read as a count of 19."""
    _, claims = claims_of(sentence)
    assert [(c.surface, c.kind, c.export_value()) for c in claims] == [(surface, "date", iso)]


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("The county council said on Monday that 300 jobs would go.", None),  # was "Monday"
        ("It said on March 19 that 40 jobs would go.", None),  # was "March"
        ("It said 40 people came.", None),  # was "It"
        ("The figure was 40, said Cllr Roy Perry.", "Cllr Roy Perry"),
        ("Debbie Jones, the council's director, said 40 people came.", "Debbie Jones"),
    ],
)
def test_a_day_a_month_or_it_is_no_speaker(sentence, speaker):
    _, claims = claims_of(sentence)
    assert [c.speaker for c in claims if c.kind != "date"] == [speaker]


def test_speaker_carries_over_a_quote_that_runs_over_several_paragraphs():
    text = (
        "Minister responds to audit report\n\n"
        "Responding to the report, Jane Doe MP said:\n\n"
        '"The findings are worrying, with 40% of trusts in deficit.\n\n'
        'It is vital that the 60 trusts affected get help."\n\n'
        "The report covers 230 trusts.\n"
    )
    _, claims = claims_of(text)
    speakers = {c.surface: c.speaker for c in claims}
    assert speakers == {"40%": "Jane Doe MP", "60": "Jane Doe MP", "230": None}


def test_he_said_resolves_to_the_person_named_just_before():
    text = (
        "Inspector condemns city\n\n"
        "Debbie Jones said the picture was mixed.\n\n"
        'Chief inspector Sir Michael Wilshaw called the city a disgrace. He said: "We had seven failed inspections."\n'
    )
    _, claims = claims_of(text)
    assert claims[-1].surface == "seven" and claims[-1].speaker == "Sir Michael Wilshaw"


def test_percentage_range_and_a_count_of_offences():
    claim = only_claim("Between 18 and 21 per cent of pupils were absent.", "Between 18 and 21 per cent")
    assert claim.kind == "proportion" and claim.export_value() == {"min": 0.18, "max": 0.21}
    claim = only_claim("Police recorded ten offences in the park.", "ten")
    assert claim.subject.startswith("offences")


def test_cp1252_with_typographic_quotes_is_read_without_guessing():
    from workbench.core.decoding import decode_bytes

    text = "\u201cWe paid \u00a3180,226\u201d \u2013 the caf\u00e9 said."
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


@pytest.mark.parametrize(
    "sentence, surface, qualifier",
    [
        # The longest hedges, with many words before them: the hedge is looked for only among
        # the last few words before a number, so these pin how many words that must be.
        (
            "Last year the struggling county council said it expected in the region of 500 applications.",
            "in the region of 500",
            "approx",
        ),
        (
            "Over the whole of the past decade the trust has employed a little more than 20 consultants.",
            "a little more than 20",
            "lower_bound",
        ),
        (
            "By the end of the long and difficult winter there were a little fewer than 30 beds free.",
            "a little fewer than 30",
            "upper_bound",
        ),
        (
            "Of all the many schemes that the minister announced, no fewer than 12 were dropped.",
            "no fewer than 12",
            "lower_bound",
        ),
    ],
)
def test_long_hedges_after_many_words(sentence, surface, qualifier):
    assert only_claim(sentence, surface).qualifier == qualifier


def test_longest_period_lead_after_many_words():
    claim = only_claim(
        "According to the figures released by the department on Tuesday, councils spent £2bn "
        "in the financial year ending March 2015.",
        "£2bn",
    )
    assert claim.period == "in the financial year ending March 2015"
    assert (claim.period_min, claim.period_max) == (2015, 2015)


@pytest.mark.parametrize(
    "sentence, surface, kind, low, high, unit, currency",
    [
        # Two figures joined by a dash are one range, read on past the second figure.
        ("Officials expect 25,000-30,000 visitors this summer.", "25,000-30,000", "count", 25_000, 30_000, None, None),
        ("About 10-15 per cent of councils failed.", "About 10-15 per cent", "proportion", 0.10, 0.15, None, None),
        ("Prices fell 3-4% on the year.", "3-4%", "rate", -0.04, -0.03, None, None),
        ("It will cost £5-10m to fix.", "£5-10m", "money", 5_000_000, 10_000_000, None, "GBP"),
        ("Some 2–3 million people moved.", "Some 2–3 million", "count", 2_000_000, 3_000_000, None, None),
        ("Tickets cost 5-10 pounds.", "5-10 pounds", "money", 5, 10, None, "GBP"),
        ("Repairs take 4-6 weeks.", "4-6 weeks", "duration", 4, 6, "week", None),
        ("Between 30 and 40 councils failed.", "Between 30 and 40", "count", 30, 40, None, None),
        ("It took between two and three years.", "between two and three years", "duration", 2, 3, "year", None),
    ],
)
def test_ranges_after_a_dash_or_between(sentence, surface, kind, low, high, unit, currency):
    claim = only_claim(sentence, surface)
    assert (claim.kind, claim.qualifier, claim.unit, claim.currency) == (kind, "range", unit, currency)
    assert claim.export_value() == {"min": pytest.approx(low), "max": pytest.approx(high)}


@pytest.mark.parametrize(
    "sentence, surfaces",
    [
        ("The Boeing 737-800 landed.", []),  # a model, not a range
        ("Dial 1-800-555-0199 today.", ["1"]),  # a phone number is no range
        ("The festival runs on 12-14 June.", []),  # days of a month without a year
        ("The score ended 3-1.", ["3"]),  # a second figure below the first is no range
        ("It is a fifty-fifty chance.", []),
        ("Around six sixth-form colleges were affected.", ["Around six"]),  # not "six six"
        ("Two and three bedroom homes sold.", ["Two", "three"]),  # two numbers, not five
    ],
)
def test_dashes_and_number_words_that_make_no_range(sentence, surfaces):
    _, claims = claims_of(sentence)
    assert [c.surface for c in claims] == surfaces


def test_a_range_after_a_name_and_comma_is_not_an_age():
    """'John Smith, 34, said' gives an age; a range in that place used to fail the whole file."""
    claim = only_claim("The chairman, John Smith, between 30 and 40, said no.", "between 30 and 40")
    assert claim.kind == "count" and claim.export_value() == {"min": 30, "max": 40}


@pytest.mark.parametrize("words", ["two and three", "twenty and five", "six six", "one hundred hundred"])
def test_words_that_are_not_one_number(words):
    assert word_number_value(words) is None


@pytest.mark.parametrize(
    "sentence, surface, kind, value, unit, currency",
    [
        ("HALF a million Brits skip meals.", "HALF a million", "count", 500_000, None, None),
        ("A quarter of a million people signed.", "A quarter of a million", "count", 250_000, None, None),
        ("Half a dozen councils agreed.", "Half a dozen", "count", 6, None, None),
        ("Half a million pounds was spent.", "Half a million pounds", "money", 500_000, None, "GBP"),
        ("One-in-three say they are desperate.", "One-in-three", "proportion", 0.333333, None, None),
        ("Energy bills have soared four-fold.", "four-fold", "other", 4, "ratio", None),
        ("Costs rose tenfold.", "tenfold", "other", 10, "ratio", None),
        ("Just 3/4 of pensioners got the rebate.", "3/4", "proportion", 0.75, None, None),
    ],
)
def test_tabloid_phrasings(sentence, surface, kind, value, unit, currency):
    claim = only_claim(sentence, surface)
    assert (claim.kind, claim.unit, claim.currency) == (kind, unit, currency)
    assert claim.export_value() == pytest.approx(value, rel=1e-4)


def test_a_date_written_with_a_slash_is_no_fraction():
    _, claims = claims_of("On 3/4 the fair opened.")
    assert all(c.kind != "proportion" for c in claims)


@pytest.mark.parametrize(
    "sentence, surface, kind, value",
    [
        ("The plan will cut the waiting list by a quarter by 2029.", "a quarter", "rate", -0.25),
        ("Net migration was up by more than a third on the year before.", "more than a third", "rate", 0.333333),
        ("Waits are down by two-thirds since 2021.", "two-thirds", "rate", -0.666667),
        ("The team won by a third of a point.", "a third", "proportion", 0.333333),  # no change word
    ],
)
def test_a_share_after_by_is_a_change_when_a_change_word_leads(sentence, surface, kind, value):
    claim = only_claim(sentence, surface)
    assert (claim.kind, claim.export_value()) == (kind, pytest.approx(value, rel=1e-4))


@pytest.mark.parametrize(
    "sentence, surface, low, high, currency",
    [
        (
            "Each home will cost between £150,000 and £180,000 to build.",
            "between £150,000 and £180,000",
            150_000,
            180_000,
            "GBP",
        ),
        ("It costs between £1m and £2m.", "between £1m and £2m", 1_000_000, 2_000_000, "GBP"),
        ("Between £1.5 and £2 billion is needed.", "Between £1.5 and £2 billion", 1_500_000_000, 2_000_000_000, "GBP"),
        ("Tickets are between $5 and $10 each.", "between $5 and $10", 5, 10, "USD"),
    ],
)
def test_money_between_two_amounts_is_one_range(sentence, surface, low, high, currency):
    claim = only_claim(sentence, surface)
    assert (claim.kind, claim.qualifier, claim.currency) == ("money", "range", currency)
    assert claim.export_value() == {"min": low, "max": high}


def test_a_quarter_past_the_hour_is_no_share():
    _, claims = claims_of("The meeting ran on until a quarter past ten.")
    assert "a quarter" not in [c.surface for c in claims]


def test_a_currency_sign_ending_the_line_before_is_not_part_of_the_next_figure():
    doc, claims = claims_of("Prices in €\n10 shops rose.\n")
    ten = [c for c in claims if c.surface.endswith("10")]
    assert ten and all(c.sentence_start <= c.start and c.currency is None for c in ten)


@pytest.mark.parametrize(
    "sentence, surface",
    [("A 34-year-old man was jailed for 18 months.", "34"), ("The twins, 7-years-old, won the prize.", "7")],
)
def test_hyphenated_ages(sentence, surface):
    claim = only_claim(sentence, surface)
    assert (claim.kind, claim.export_value(), claim.unit) == ("other", int(surface), "year of age")


def test_a_motorway_junction_is_a_name():
    _, claims = claims_of("The crash was near junction 4 of the M5, and traffic queued to Junction 14.")
    assert claims == []


@pytest.mark.parametrize(
    "sentence, surfaces",
    [
        (
            "The scheme reaches 2.5m people a year, at a cost of 40p per person per day.",
            [("2.5m", "count", 2_500_000, None), ("40p", "money", 0.4, "GBP")],
        ),
        (
            "Some 3m households and 1.41m pupils were affected.",
            [("Some 3m", "count", 3_000_000, None), ("1.41m", "count", 1_410_000, None)],
        ),
        ("A 5m wall and the 20m-long bridge were built.", [("20m", "other", 20, None)]),  # metres, not millions
        ("It weighs 5 pounds of flour.", [("5", "count", 5, None)]),  # a weight, not money
    ],
)
def test_m_for_million_and_pence_per_person(sentence, surfaces):
    _, claims = claims_of(sentence)
    assert [(c.surface, c.kind, c.export_value(), c.currency) for c in claims] == [
        (s, k, pytest.approx(v), cur) for s, k, v, cur in surfaces
    ]


@pytest.mark.parametrize(
    "sentence, surface, kind, value",
    [
        ("Wage growth of minus 2% in real terms hit households.", "minus 2%", "rate", -0.02),
        ("Temperatures of minus 5 degrees are forecast.", "minus 5 degrees", "other", -5),
    ],
)
def test_minus_makes_a_figure_negative(sentence, surface, kind, value):
    claim = only_claim(sentence, surface)
    assert (claim.kind, claim.export_value()) == (kind, pytest.approx(value))


@pytest.mark.parametrize(
    "sentence, surface, value, numerator, denominator",
    [
        ("The rate of children in care reached 70 per 10,000 children.", "70 per 10,000", 0.007, 70, 10_000),
        ("Suicide rates were 11.2 deaths per 100,000 people.", "11.2 deaths per 100,000", 0.000112, 11.2, 100_000),
    ],
)
def test_a_figure_per_a_round_base_is_one_share(sentence, surface, value, numerator, denominator):
    claim = only_claim(sentence, surface)
    assert (claim.kind, claim.numerator, claim.denominator) == ("proportion", numerator, denominator)
    assert claim.export_value() == pytest.approx(value)


@pytest.mark.parametrize(
    "sentence, surface, value",
    [
        ("Knife crime remains a third higher than in 2015.", "a third", 0.333333),
        ("A quarter fewer pupils passed this year.", "A quarter", -0.25),
    ],
)
def test_a_share_before_a_comparative_is_a_change(sentence, surface, value):
    claim = only_claim(sentence, surface)
    assert (claim.kind, claim.export_value()) == ("rate", pytest.approx(value, rel=1e-4))


@pytest.mark.parametrize(
    "text",
    [
        "one hundred " * 155,  # a reading in words that would pass the largest float
        "one hundred " * 155 + "people came.",
        "a thousand million " * 40,
        "Investors lost tens of billions of dollars and hundreds of billions of yen.",  # Reuters-21578
        "Trade in Sepember 1987 rose 5%.",  # a misspelt month (Reuters-21578)
        "Sales of tens of trillions and hundreds of trillions were claimed.",
    ],
)
def test_a_reader_never_raises_on_text(text):
    _, claims = claims_of(text)
    for c in claims:
        assert c.value is None or abs(c.value) < 1e19


def test_vague_magnitudes_of_every_scale_are_ranges():
    c = only_claim("Investors lost tens of billions of dollars.", "tens of billions of dollars")
    assert (c.kind, c.value_min, c.value_max, c.currency) == ("money", 10e9, 100e9 - 1, "USD")
    c = only_claim("Hundreds of billions were wiped off.", "Hundreds of billions")
    assert (c.value_min, c.value_max) == (100e9, 1000e9 - 1)


def test_scores_is_a_magnitude_only_before_of():
    _, claims = claims_of("Scores were level at 3 100 votes each.")
    assert [(c.surface, c.export_value()) for c in claims] == [("3 100", 3100)]
    assert only_claim("Scores of people came.", "Scores").value_min == 40


def test_a_misspelt_month_is_no_date_and_no_crash():
    _, claims = claims_of("Trade in Sepember 1987 rose 5%.")
    assert [(c.surface, c.kind) for c in claims] == [("1987", "year"), ("5%", "rate")]


@pytest.mark.parametrize(
    "sentence, surface, kind, value, currency_or_unit",
    [
        # number words that hold a shorter one ("six" of "sixteen"), compounds, scales, dozens
        ("Sixteen councils replied.", "Sixteen", "count", 16, None),
        ("They found ninety-nine faults.", "ninety-nine", "count", 99, None),
        ("Seventy-five pupils passed.", "Seventy-five", "count", 75, None),
        ("The debt is twenty-one trillion pounds.", "twenty-one trillion pounds", "money", 21e12, "GBP"),
        ("She bought five dozen eggs.", "five dozen", "count", 60, None),
        (
            "Four million five hundred sixty-seven thousand one hundred twenty-three votes were cast.",
            "Four million five hundred sixty-seven thousand one hundred twenty-three",
            "count",
            4_567_123,
            None,
        ),
        ("The answer is minus five point five.", "minus five point five", "other", -5.5, None),
        # halves and fractions
        ("The walk is two and a half miles.", "two and a half miles", "other", 2.5, "mile"),
        ("There are five and a half million fishes in the lake.", "five and a half million", "count", 5_500_000, None),
        ("Turnout was two thirds.", "two thirds", "proportion", 0.666667, None),
        ("It was one sixth of the total.", "one sixth", "proportion", 0.166667, None),
        ("The track is a 1/4 mile oval.", "1/4 mile", "other", 0.25, "mile"),
        ("Only 1/40 of the land is farmed.", "1/40", "proportion", 0.025, None),
        ("It takes 10 1/2 miles of cable.", "10 1/2 miles", "other", 10.5, "mile"),
        ("Add ½ teaspoon of salt.", "½ teaspoon", "other", 0.5, "teaspoon"),
        ("Half a trillion dollars was spent.", "Half a trillion dollars", "money", 5e11, "USD"),
        # money
        ("Output broke through 100 billion yuan.", "100 billion yuan", "money", 1e11, "CNY"),
        ("He was fined 10,000 Swiss francs.", "10,000 Swiss francs", "money", 10_000, "CHF"),
        ("The charge was C$300 million.", "C$300 million", "money", 3e8, "CAD"),
        ("Exports rose to HK$10.05 billion.", "HK$10.05 billion", "money", 10.05e9, "HKD"),
        ("The cost is 500 USD, more than expected.", "500 USD", "money", 500, "USD"),
        ("It costs 115USD.", "115USD", "money", 115, "USD"),
        ("They lost 75 USD million in three years.", "75 USD million", "money", 75e6, "USD"),
        ("It only cost 3 dollars 50 cents.", "3 dollars 50 cents", "money", 3.5, "USD"),
        ("Shares closed one penny lower.", "one penny", "money", 0.01, "GBP"),
        ("A ticket was 5 € at the door.", "5 €", "money", 5, "EUR"),
        ("It cost 10 000 dollars.", "10 000 dollars", "money", 10_000, "USD"),  # was a false "$0"
        ("China's population is 1 414 021 100.", "1 414 021 100", "count", 1_414_021_100, None),
        ("The total was 1 234 567.89 pounds.", "1 234 567.89 pounds", "money", 1_234_567.89, "GBP"),
        ("It cost 1\u202f250 euros.", "1\u202f250 euros", "money", 1250, "EUR"),  # a narrow no-break space
        ("Am I eligible for a loan of 12,34,567.89 rupees?", "12,34,567.89 rupees", "money", 1_234_567.89, "INR"),
        ("It won a $48.2 million army contract.", "$48.2 million", "money", 48.2e6, "USD"),  # "a" is no AUD
        # scale suffixes and units
        ("The race has 10k entrants.", "10k", "count", 10_000, None),
        ("The firm is valued at 1.2b.", "1.2b", "count", 1.2e9, None),
        ("Waiting list: 7.6m.", "7.6m", "count", 7.6e6, None),
        ("You weigh 200lbs.", "200lbs", "other", 200, "pound_weight"),
        ("Pour in 75ml of milk.", "75ml", "other", 75, "ml"),
        ("It has a 3-inch screen.", "3-inch", "other", 3, "inch"),
        ("They bought a 45-acre farm.", "45-acre", "other", 45, "acre"),
        ("I'm 1.8m tall.", "1.8m", "other", 1.8, "metre"),
        ("Output was 1.08 mln tonnes.", "1.08 mln tonnes", "other", 1.08e6, "tonne"),  # was a count
        ("They represent 33.13 mln shares.", "33.13 mln", "count", 33_130_000, None),  # was 33130000.000000004
        ("They shipped 2m tonnes of grain.", "2m tonnes", "other", 2e6, "tonne"),
        ("Farmers sowed 15.8 mln hectares.", "15.8 mln hectares", "other", 15.8e6, "hectare"),
        # newswire abbreviations (Reuters-21578): "dlrs", "stg", "cts", "pct", "7-1/2"
        ("It earned 388 mln dlrs last year.", "388 mln dlrs", "money", 388e6, "USD"),
        ("It will raise 25 mln Canadian dlrs.", "25 mln Canadian dlrs", "money", 25e6, "CAD"),
        ("The loan is 1.5 billion U.S. dlrs.", "1.5 billion U.S. dlrs", "money", 1.5e9, "USD"),
        ("It paid 100 mln stg for the stake.", "100 mln stg", "money", 100e6, "GBP"),
        ("Shr 31 cts vs 53 cts.", "31 cts", "money", 0.31, "USD"),
        ("The bank raised its prime rate to 7-1/2 pct.", "7-1/2 pct", "rate", 0.075, None),
        ("The bond yields 8 1/4 pct.", "8 1/4 pct", "proportion", 0.0825, None),
        ("The stock closed at 52-3/4 dlrs.", "52-3/4 dlrs", "money", 52.75, "USD"),
        # ages
        ("Now, after ninety five years of age, perspectives change.", "ninety five", "other", 95, "year of age"),
    ],
)
def test_issue_13_forms(sentence, surface, kind, value, currency_or_unit):
    claim = only_claim(sentence, surface)
    assert claim.kind == kind
    assert claim.export_value() == pytest.approx(value, rel=1e-5)
    assert currency_or_unit in (claim.currency, claim.unit)


@pytest.mark.parametrize(
    "sentence, surface, kind, low, high, currency_or_unit",
    [
        # "to", a spaced dash, and a scale, currency or unit said once for both figures
        ("Sales were 4-6 mln dlrs.", "4-6 mln dlrs", "money", 4e6, 6e6, "USD"),  # was a count of 4-6
        ("Costs were 5 to 10 mln dlrs.", "5 to 10 mln dlrs", "money", 5e6, 10e6, "USD"),
        ("Costs were between 5 and 10 million dollars.", "between 5 and 10 million dollars", "money", 5e6, 1e7, "USD"),
        ("It was 1,000 to 1,200 tonnes.", "1,000 to 1,200 tonnes", "other", 1000, 1200, "tonne"),
        ("It was put at 7.5 to 7.7 mln tonnes.", "7.5 to 7.7 mln tonnes", "other", 7.5e6, 7.7e6, "tonne"),
        ("About 50 to 80% of voters agreed.", "About 50 to 80%", "proportion", 0.5, 0.8, None),
        ("The dose is between 44 mg and 50 mg daily.", "between 44 mg and 50 mg", "other", 44, 50, "mg"),
        ("The range is 1000 - 5000 this year.", "1000 - 5000", "count", 1000, 5000, None),
    ],
)
def test_ranges_read_once_for_both_figures(sentence, surface, kind, low, high, currency_or_unit):
    claim = only_claim(sentence, surface)
    assert (claim.kind, claim.qualifier) == (kind, "range")
    assert (claim.value_min, claim.value_max) == (pytest.approx(low), pytest.approx(high))
    assert currency_or_unit in (claim.currency, claim.unit)


@pytest.mark.parametrize(
    "sentence, surfaces",
    [
        ("Crude rose 1.20 to 18.50 dlrs a barrel.", ["1.20", "18.50 dlrs"]),  # a change and its level
        ("It expanded from 40 to 1,796 cinemas.", ["40", "1,796"]),
        ("Oil closed up $2.80 to $51.15.", ["$2.80", "$51.15"]),
        ("Shipments for April 1-15 rose.", []),  # days of a month
    ],
)
def test_a_change_and_its_level_are_no_range(sentence, surfaces):
    _, claims = claims_of(sentence)
    assert [c.surface for c in claims] == surfaces


@pytest.mark.parametrize(
    "sentence, claims",
    [
        ("Prices were 5% higher than a year earlier.", [("5%", "rate", 0.05)]),  # "a year" was a duration
        ("Sales were lower than a month before.", []),
        ("It took more than a year to build.", [("more than a year", "duration", 1)]),
    ],
)
def test_a_year_earlier_is_when_not_how_long(sentence, claims):
    _, found = claims_of(sentence)
    assert [(c.surface, c.kind, c.export_value()) for c in found] == claims


@pytest.mark.parametrize(
    "sentence, surface, qualifier",
    [
        ("His score is less than or equal to 30.", "less than or equal to 30", "upper_bound"),
        ("Sales exceed 3000 a week.", "exceed 3000", "lower_bound"),
        ("There're about five hundred or more in these products.", "about five hundred or more", "lower_bound"),
        ("His score is 200 or greater.", "200 or greater", "lower_bound"),
        ("People aged 65 and over were asked.", "65 and over", "lower_bound"),
        # said as a maximum or with a verb
        ("The yuan is undervalued by as much as 40%.", "as much as 40%", "upper_bound"),
        ("As many as 300 jobs could go.", "As many as 300", "upper_bound"),
        ("Growth had topped 9% in 2004.", "topped 9%", "lower_bound"),
    ],
)
def test_bounds(sentence, surface, qualifier):
    assert only_claim(sentence, surface).qualifier == qualifier


@pytest.mark.parametrize(
    "sentence, surfaces",
    [
        ("Oil prices rose for a sixth straight session.", [("sixth", 6)]),
        ("The Fed will raise rates for a fifth time this year.", [("fifth", 5)]),
        ("It was the third meeting between the two exchanges.", [("third", 3), ("two", 2)]),
        # ranks, orders and shares are not counts of occurrences
        ("Birmingham is our second city.", []),
        ("The film finished in second place.", []),
        ("The firm came third with sales of 7,000.", [("7,000", 7000)]),
        ("The second half was better.", []),
        ("A fifth of voters agreed.", [("A fifth", 0.2)]),
    ],
)
def test_ordinals_that_count_occurrences(sentence, surfaces):
    _, claims = claims_of(sentence)
    assert [(c.surface, c.export_value()) for c in claims] == [(s, pytest.approx(v)) for s, v in surfaces]


@pytest.mark.parametrize(
    "sentence, surface, value",
    [
        ("Growth in the first quarter of 2004 was 5%.", "first quarter of 2004", "2004-Q1"),
        ("Sales fell in the fourth quarter of 2003.", "fourth quarter of 2003", "2003-Q4"),
        ("Prices rose in the second half of 2005.", "second half of 2005", "2005-H2"),
        ("The final quarter of 2003 was weak.", "final quarter of 2003", "2003-Q4"),
    ],
)
def test_parts_of_a_year_are_dates(sentence, surface, value):
    claim = only_claim(sentence, surface)
    assert (claim.kind, claim.value) == ("date", value)


def test_a_quarter_of_a_year_group_is_a_share_not_a_date():
    _, claims = claims_of("A quarter of 2004 graduates found work.")
    assert [(c.surface, c.kind) for c in claims] == [("A quarter", "proportion"), ("2004", "year")]


@pytest.mark.parametrize(
    "sentence, surface, value, unit",
    [
        ("He is 6ft 2in tall.", "6ft 2in", 6 + 2 / 12, "foot"),
        ("He is 5 feet and 2 inches.", "5 feet and 2 inches", 5 + 2 / 12, "foot"),
        ("She weighs 9 stone 4lb.", "9 stone 4lb", 9 + 4 / 14, "stone"),
        ("The walk is 5 feet in 2 minutes.", "5 feet", 5, "foot"),  # "in" is a unit only after a number
    ],
)
def test_measures_in_two_units(sentence, surface, value, unit):
    claim = only_claim(sentence, surface)
    assert (claim.kind, claim.unit) == ("other", unit)
    assert claim.export_value() == pytest.approx(value)


@pytest.mark.parametrize(
    "sentence, qualifiers",
    [
        (
            "Takings were more than $163m (£90m) in 12 days.",
            [("more than $163m", "lower_bound"), ("£90m", "lower_bound"), ("12 days", "exact")],
        ),
        ("It cost about £5m ($9m).", [("about £5m", "approx"), ("$9m", "approx")]),
        ("The films took an estimated $121.9m (£63.3m).", [("$121.9m", "exact"), ("£63.3m", "exact")]),
    ],
)
def test_a_conversion_in_brackets_takes_the_qualifier_of_the_amount_before(sentence, qualifiers):
    _, claims = claims_of(sentence)
    assert [(c.surface, c.qualifier) for c in claims] == qualifiers


@pytest.mark.parametrize(
    "sentence, surfaces",
    [
        ("US crude was trading at $51.39 at 0710 GMT in Asian trade.", ["$51.39"]),  # a 24-hour time
        ("By 1650 GMT, the dollar was trading lower.", []),
        ("A milder aftershock followed at 0758 hrs.", []),  # was a duration of 758 hours (Reuters-21578)
        ("The flight lasted 12 hrs.", ["12 hrs"]),
        ("The film fell one place to number five.", []),  # a rank in a chart
    ],
)
def test_times_and_ranks_are_no_claims(sentence, surfaces):
    _, claims = claims_of(sentence)
    assert [c.surface for c in claims] == surfaces


def test_one_year_old_is_an_age_though_one_alone_is_no_count():
    claim = only_claim("It is a promise that is one year old.", "one")
    assert (claim.kind, claim.unit, claim.export_value()) == ("other", "year of age", 1)
    _, claims = claims_of("One of the firms fell.")
    assert claims == []


@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("The answer is one hundred thirty fifths.", "one hundred thirty fifths", 100 / 35),
        ("The answer is one hundred thirty-fifths.", "one hundred thirty-fifths", 100 / 35),
        ("The answer is twenty twenty fifths.", "twenty twenty fifths", 20 / 25),
        ("The answer is minus one hundred thirty fifths.", "minus one hundred thirty fifths", -100 / 35),
        # Without a numerator before them, or after "and", the tens are the numerator.
        ("The answer is twenty fifths.", "twenty fifths", 4),
        ("The answer is one hundred and thirty fifths.", "one hundred and thirty fifths", 26),
        ("The answer is twenty-three fifths.", "twenty-three fifths", 4.6),
    ],
)
def test_compound_ordinal_denominators(text, surface, value):
    assert only_claim(text, surface).export_value() == pytest.approx(value, rel=1e-6)


@pytest.mark.parametrize(
    "text", ["the twenty-first century", "on the one hundred and twenty-first day", "the thirty-third floor"]
)
def test_compound_ordinals_are_ranks_not_numbers(text):
    assert claims_of(f"It was {text} of the plan.")[1] == []


@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("The ratio is one over three.", "one over three", 1 / 3),
        ("The ratio is 1 over twenty-one.", "1 over twenty-one", 1 / 21),
        ("The ratio is 1 over one hundred and twenty one.", "1 over one hundred and twenty one", 1 / 121),
        ("The answer is negative one over 20.", "negative one over 20", -0.05),
        ("The answer is 2000 over 3.", "2000 over 3", 2000 / 3),
    ],
)
def test_a_fraction_said_as_over(text, surface, value):
    assert only_claim(text, surface).export_value() == pytest.approx(value, rel=1e-4)


def test_over_before_a_noun_is_a_bound_not_a_fraction():
    _, claims = claims_of("The side won 3 over 2 days of play.")
    assert "3 over 2" not in [c.surface for c in claims]


@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("I can give you 3 hundred and 21 yuan.", "3 hundred and 21 yuan", 321),
        ("The count was 4 thousand 3 hundred and 21 in all.", "4 thousand 3 hundred and 21", 4321),
        ("The count was 3 hundred and one in all.", "3 hundred and one", 301),
        ("They raised £3 million 500 thousand for it.", "£3 million 500 thousand", 3_500_000),
    ],
)
def test_digits_and_scale_words_go_on_as_in_words(text, surface, value):
    assert only_claim(text, surface).export_value() == value


def test_and_after_a_scale_above_a_hundred_joins_nothing():
    _, claims = claims_of("The plan costs £3 million and 50 jobs go.")
    assert [c.surface for c in claims][:2] == ["£3 million", "50"]


@pytest.mark.parametrize(
    "text, surface, kind, low, high, currency",
    [
        ("The number range is 5k-20k in all.", "5k-20k", "count", 5_000, 20_000, None),
        ("The work will cost £5m-£10m, it said.", "£5m-£10m", "money", 5e6, 10e6, "GBP"),
        ("The work will cost £5m-10m, it said.", "£5m-10m", "money", 5e6, 10e6, "GBP"),
        ("He scores between negative ten and fifteen.", "between negative ten and fifteen", "count", -10, 15, None),
    ],
)
def test_ranges_of_scaled_and_signed_figures(text, surface, kind, low, high, currency):
    c = only_claim(text, surface)
    assert (c.kind, c.value_min, c.value_max, c.qualifier, c.currency) == (kind, low, high, "range", currency)


@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("The answer is two and fifty-four hundredths.", "two and fifty-four hundredths", 2.54),
        ("The answer is two hundred and fifty-four hundredths.", "two hundred and fifty-four hundredths", 200.54),
        ("The answer is two and ninety hundredths.", "two and ninety hundredths", 2.9),
    ],
)
def test_and_a_fraction_with_a_numerator_in_tens(text, surface, value):
    assert only_claim(text, surface).export_value() == pytest.approx(value)


def test_a_decimal_after_and_is_not_a_part_of_the_scaled_figure():
    _, claims = claims_of("The sums are 3 hundred and 2.12 hundred in all.")
    assert [(c.surface, c.export_value()) for c in claims] == [("3 hundred", 300), ("2.12 hundred", 212)]


def test_a_currency_word_taken_by_one_amount_is_not_the_next_ones():
    _, claims = claims_of("The change was 50 dollar 40 rmb in all.")
    assert [(c.surface, c.currency) for c in claims] == [("50 dollar", "USD"), ("40 rmb", "CNY")]


@pytest.mark.parametrize(
    "text, surfaces",
    [
        ("The fee will increase to 17 USD 25.", [("17 USD 25", 17.25)]),
        ("The prices were 10 USD, 20 USD and 30.", [("10 USD", 10), ("20 USD", 20), ("30", 30)]),
    ],
)
def test_cents_after_a_code(text, surfaces):
    _, claims = claims_of(text)
    assert [(c.surface, c.export_value()) for c in claims] == surfaces


@pytest.mark.parametrize(
    "text, surfaces",
    [
        ("It took one hundred twenty seconds to load.", [("one hundred twenty seconds", 120)]),
        ("It took three twenty-seconds to load.", [("three", 3), ("twenty-seconds", 20)]),
        ("They sold a hundred half-price seats.", [("a hundred", 100)]),
        ("It marked the one hundred fifth anniversary of the club.", []),
    ],
)
def test_seconds_are_time_and_ordinals_after_a_hundred_are_ranks(text, surfaces):
    _, claims = claims_of(text)
    assert [(c.surface, c.export_value()) for c in claims] == surfaces
