"""Every entry of every table in number_lexicon, read in a carrier phrase.

One test per table: a word added to a table is read here at once, and a table whose regex was
not rebuilt from it (a hand-typed copy that drifted) fails here.
"""

import pytest

from workbench.core import number_lexicon as lex
from workbench.core.claims import extract_claims
from workbench.core.documents import document_from_bytes


def claims_of(text: str):
    doc = document_from_bytes("t.txt", text.encode("utf-8"))
    claims = extract_claims(doc)
    for c in claims:
        assert doc.text[c.start : c.end] == c.surface
    return claims


def one(text: str):
    claims = claims_of(text)
    assert len(claims) == 1, f"{text!r}: {[(c.surface, c.kind, c.export_value()) for c in claims]}"
    return claims[0]


@pytest.mark.parametrize("word", [w for w in {**lex.UNIT_WORDS, **lex.TENS_WORDS}])
def test_number_words(word):
    c = one(f"They paid {word} pounds for it.")
    value = {**lex.UNIT_WORDS, **lex.TENS_WORDS}[word]
    assert (c.surface, c.kind, c.export_value(), c.currency) == (f"{word} pounds", "money", value, "GBP")


@pytest.mark.parametrize("tens", list(lex.TENS_WORDS))
def test_tens_and_units_make_one_number(tens):
    for unit, value in lex.UNIT_WORDS.items():
        if 1 <= value <= 9:
            for joint in ("-", " "):
                c = one(f"They counted {tens}{joint}{unit} ships.")
                assert c.export_value() == lex.TENS_WORDS[tens] + value, c.surface


@pytest.mark.parametrize("scale", list(lex.SCALE_WORDS))
def test_scale_words(scale):
    c = one(f"The fund holds two {scale} pounds.")
    assert (c.kind, c.export_value(), c.currency) == ("money", 2 * lex.SCALE_WORDS[scale], "GBP")
    c = one(f"The fund holds 2 {scale} pounds.")
    assert (c.kind, c.export_value(), c.currency) == ("money", 2 * lex.SCALE_WORDS[scale], "GBP")


@pytest.mark.parametrize("word", list(lex.DOZEN_WORDS))
def test_dozens(word):
    assert one(f"She bought five {word} eggs.").export_value() == 60
    assert one(f"She bought 3 {word} eggs.").export_value() == 36


@pytest.mark.parametrize("suffix", list(lex.SCALE_SUFFIXES))
def test_scale_suffixes(suffix):
    c = one(f"The deal is worth £2{suffix}.")
    assert (c.kind, c.export_value(), c.currency) == ("money", 2 * lex.SCALE_SUFFIXES[suffix], "GBP")


@pytest.mark.parametrize("word", list(lex.FRACTION_WORDS))
def test_fraction_words(word):
    c = one(f"Nearly a {word} of voters agreed.")
    assert (c.kind, c.qualifier) == ("proportion", "approx")
    assert c.export_value() == pytest.approx(1 / lex.FRACTION_WORDS[word], abs=1e-6)


@pytest.mark.parametrize("word", [w for w in lex.FRACTION_PLURALS if w != "halves"])
def test_fraction_plurals(word):
    c = one(f"Turnout was two {word}.")
    assert c.kind == "proportion"
    assert c.export_value() == pytest.approx(2 / lex.FRACTION_PLURALS[word], abs=1e-6)


@pytest.mark.parametrize("char", list(lex.VULGAR_FRACTIONS))
def test_vulgar_fractions(char):
    c = one(f"The dose was {char} of a tablet.")
    assert c.export_value() == pytest.approx(lex.VULGAR_FRACTIONS[char], abs=1e-6)
    c = one(f"The walk is 2{char} miles.")
    assert (c.kind, c.unit) == ("other", "mile")
    assert c.export_value() == pytest.approx(2 + lex.VULGAR_FRACTIONS[char], abs=1e-6)


@pytest.mark.parametrize("phrase", list(lex.MAGNITUDES))
def test_magnitudes(phrase):
    c = one(f"{phrase.capitalize()} of people marched.")
    assert (c.value_min, c.value_max) == lex.MAGNITUDES[phrase]
    c = one(f"It cost {phrase} of pounds.")
    assert (c.kind, c.currency, c.value_min) == ("money", "GBP", lex.MAGNITUDES[phrase][0])


@pytest.mark.parametrize("word", list(lex.RATIO_WORDS))
def test_ratio_words(word):
    c = one(f"The rate is {word} the national average.")
    assert (c.kind, c.unit, c.export_value()) == ("other", "ratio", lex.RATIO_WORDS[word])


@pytest.mark.parametrize("word", lex.NEGATIVE_WORDS)
def test_negative_words(word):
    assert one(f"Wage growth was {word} 2% last year.").export_value() == pytest.approx(-0.02)
    assert one(f"The answer is {word} five point five.").export_value() == pytest.approx(-5.5)


# Each money table, with the carrier phrases its entries are read in and the amount each reads as:
# {word} is the entry as the table has it, {upper} and {title} the entry in capitals and title case.
MONEY_TABLES = {
    "CURRENCY_SIGNS": [("The ticket cost {word}5 on the day.", 5), ("The ticket cost 5 {word} on the day.", 5)],
    "DOLLAR_PREFIXES": [("The ticket cost {upper}$5 on the day.", 5)],
    "CURRENCY_CODES": [
        ("It cost {upper} 50 in all.", 50),
        ("It cost 50 {upper} in all.", 50),
        ("It cost 50{upper} in all.", 50),
        ("It cost 50 M{upper} in all.", 50_000_000),
    ],
    "CURRENCY_WORDS": [("It cost 50 {word} in all.", 50), ("It cost 1.5 million {title} in all.", 1_500_000)],
    "CURRENCY_SUBUNITS": [("A stamp costs 50{word} more.", 0.5)],
    "CURRENCY_WORDS_BEFORE": [("The firm lost {word} 7.2bn last year.", 7_200_000_000)],
    "SCALED_CURRENCY_WORDS": [
        ("The firm lost 32 mln {word} last year.", 32_000_000),
        ("The firm lost 1.5 billion {title} last year.", 1_500_000_000),
    ],
}


@pytest.mark.parametrize("word", list(lex.SCALED_CURRENCY_WORDS))
def test_a_currency_word_that_is_also_a_word_is_money_only_after_a_scale(word):
    assert all(c.kind != "money" for c in claims_of(f"She scored 50 {word} out of 100 in the test."))


@pytest.mark.parametrize(("table", "word"), [(t, w) for t in MONEY_TABLES for w in getattr(lex, t)])
def test_money_tables(table, word):
    currency = getattr(lex, table)[word]
    for phrase, value in MONEY_TABLES[table]:
        if "{title}" in phrase and ". " in word:
            continue  # "U.S. Dollars": a full stop before a capital ends a sentence (find_sentences)
        c = one(text := phrase.format(word=word, upper=word.upper(), title=word.title()))
        assert (c.kind, c.export_value(), c.currency) == ("money", value, currency), text


@pytest.mark.parametrize("unit", list(lex.DURATION_UNITS))
def test_duration_units(unit):
    c = one(f"The work took 5 {unit} to finish.")
    assert (c.kind, c.export_value(), c.unit) == ("duration", 5, lex.DURATION_UNITS[unit])


@pytest.mark.parametrize("unit", [u for u in lex.MEASURE_UNITS if u != "points"])
def test_measure_units(unit):
    texts = [f"The post is 5{unit} tall."]
    if len(unit) > 1 and unit[0].isalpha():
        texts += [f"The post is 5 {unit} tall.", f"The post is a 5-{unit} one."]
    for text in texts:
        c = one(text)
        assert (c.kind, c.export_value(), c.unit) == ("other", 5, lex.MEASURE_UNITS[unit]), text


@pytest.mark.parametrize("hedge", list(lex.HEDGES_BEFORE))
def test_hedges_before(hedge):
    c = one(f"They said {hedge} 300 people came.")
    assert (c.surface, c.qualifier) == (f"{hedge} 300", lex.HEDGES_BEFORE[hedge])


@pytest.mark.parametrize("hedge", list(lex.HEDGES_AFTER))
def test_hedges_after(hedge):
    c = one(f"They said 300 {hedge} came.")
    assert (c.surface, c.qualifier) == (f"300 {hedge}", lex.HEDGES_AFTER[hedge])
    c = one(f"They said about 300 {hedge} came.")
    assert c.qualifier == lex.HEDGES_AFTER[hedge]


@pytest.mark.parametrize("month", list(lex.MONTHS))
def test_months(month):
    c = one(f"The office opened on 5 {month.capitalize()} 2015 to the public.")
    assert (c.kind, c.export_value()) == ("date", f"2015-{lex.MONTHS[month]:02d}-05")


def test_every_regex_in_numbers_is_built_from_the_tables():
    """No word of a table is typed into numbers.py (only the tables' names are)."""
    from pathlib import Path

    from workbench.core import numbers

    source = Path(numbers.__file__).read_text()
    for word in (
        "sixteen",
        "trillion",
        "yuan",
        "sterling",
        "dozens",
        "approximately",
        "september",
        "kilometres",
        "sept",
        "hundreds of",
        "more than",
        "or more",
    ):
        assert f'"{word}' not in source.lower() and f"|{word}" not in source.lower(), word


@pytest.mark.parametrize("word", list(lex.ORDINAL_WORDS))
def test_ordinals_that_count(word):
    for noun in lex.ORDINAL_COUNTED_NOUNS:
        c = one(f"Prices rose for a {word} {noun}, traders said.")
        assert (c.surface, c.kind, c.export_value()) == (word, "count", lex.ORDINAL_WORDS[word])
    for link in lex.ORDINAL_LINKS:
        c = one(f"Prices rose for a {word} {link} week.")
        assert (c.surface, c.export_value()) == (word, lex.ORDINAL_WORDS[word])


@pytest.mark.parametrize("word", list(lex.UNIT_ORDINALS))
def test_unit_ordinals_close_a_compound_denominator(word):
    den = 20 + lex.UNIT_ORDINALS[word]
    c = one(f"Turnout was a twenty-{word}.")
    assert (c.surface, c.kind) == (f"a twenty-{word}", "proportion")
    assert c.export_value() == pytest.approx(1 / den, abs=1e-6)
    if word + "s" in lex.UNIT_ORDINAL_PLURALS:  # not "seconds", which is time
        c = one(f"Turnout was three twenty-{word}s.")
        assert c.export_value() == pytest.approx(3 / den, abs=1e-6)
    assert claims_of(f"It was the twenty-{word} anniversary.") == []  # a rank, not twenty


@pytest.mark.parametrize("word", [w for w in lex.CHANGE_WORDS if w not in lex.CHANGE_WORDS_NAMING_A_LEVEL])
def test_change_words_before_a_percentage(word):
    c = one(f"The index {word} 4% in the quarter.")
    assert (c.kind, c.export_value()) == ("rate", 0.04 * lex.CHANGE_WORDS[word])


@pytest.mark.parametrize("word", [w for w in lex.CHANGE_WORDS if w not in lex.CHANGE_WORDS_BEFORE_ONLY])
def test_change_words_after_a_percentage(word):
    c = one(f"There was a 4% {word} in the quarter.")
    assert (c.kind, c.export_value()) == ("rate", 0.04 * lex.CHANGE_WORDS[word])


@pytest.mark.parametrize("word", lex.CHANGE_ADVERBS)
def test_change_adverbs_after_a_percentage(word):
    c = one(f"Sales were 4% {word} on last year.")
    assert c.export_value() == 0.04 * lex.CHANGE_WORDS[word]


@pytest.mark.parametrize("zone", lex.TIME_ZONES)
def test_time_zones_make_a_time(zone):
    assert claims_of(f"Trading opened at 11.30 {zone} and closed at 1650 {zone}.") == []


@pytest.mark.parametrize("zone", lex.DATE_LINE_TIME_ZONES)
def test_date_line_time_zones(zone):
    from workbench.core.lexicon import DATE_LINE

    assert DATE_LINE.match(f"Published: 3 September 2014, 09:14 {zone}")


@pytest.mark.parametrize("day", lex.WEEKDAYS)
def test_weekdays_in_a_date_line(day):
    from workbench.core.lexicon import DATE_LINE

    assert DATE_LINE.match(f"{day.capitalize()}, 3 May 2005")


@pytest.mark.parametrize("word", lex.PERIOD_PREPOSITIONS + tuple(f"the {k} year to" for k in lex.YEAR_KINDS))
def test_period_leads(word):
    doc = document_from_bytes("t.txt", f"Profits were £5m {word} 2015, it said.".encode())
    [c] = [c for c in extract_claims(doc) if c.kind == "money"]
    label = "2015" if word in lex.PERIOD_WORDS_LEFT_OUT else f"{word} 2015".removeprefix("the ")
    assert (c.period, c.period_min) == (label, 2015)


def test_every_regex_of_the_extract_package_is_built_from_the_tables():
    """No word of a table is typed into the modules that read the sign, the period or times."""
    from pathlib import Path

    from workbench.core import lexicon
    from workbench.core.extract import change, nonclaims, period

    for module, words in (
        (change, ("rose", "fell", "slump", "inflation")),
        (nonclaims, ("gmt", "bst")),
        (period, ("since", "during", "financial", "18|19")),
        (lexicon, ("tues", "est|")),
    ):
        source = Path(module.__file__).read_text().lower()
        for word in words:
            assert f"|{word}" not in source and f"{word}|" not in source and f"({word}" not in source, (module, word)


@pytest.mark.parametrize("verb", list(lex.RATIO_VERBS))
def test_ratio_verbs(verb):
    c = one(f"Profits {verb} last year, the firm said.")
    assert (c.surface, c.kind, c.export_value(), c.unit) == (verb, "other", lex.RATIO_VERBS[verb], "ratio")
    assert one(f"Profits more than {verb} last year.").qualifier == "lower_bound"


@pytest.mark.parametrize("word", lex.RATIO_VERB_IDIOMS_AFTER)
def test_ratio_verb_idioms_are_no_ratio(word):
    assert claims_of(f"The minister doubled {word} the plan.") == []


@pytest.mark.parametrize("code", sorted(set(lex.CURRENCY_CODES.values())))
def test_currency_codes_glued_before_the_figure(code):
    c = one(f"The fee rose to {code}115.5 last year.")
    assert (c.surface, c.kind, c.export_value(), c.currency) == (f"{code}115.5", "money", 115.5, code)


def test_letters_glued_to_a_figure_that_are_no_code_make_no_claim():
    assert claims_of("The MP3 player, the A380 and the XUSD5 went on sale.") == []


@pytest.mark.parametrize("word", lex.PERCENT_SIGNS + lex.PERCENT_WORDS)
def test_percent_signs_and_words(word):
    gap = "" if word in lex.PERCENT_SIGNS else " "
    c = one(f"The spread was 7{gap}{word} at the close.")
    assert (c.kind, c.unit, c.export_value()) == ("proportion", None, pytest.approx(0.07))
    c = one(f"The spread was 7-1/2{gap}{word} at the close.")
    assert (c.kind, c.export_value()) == ("proportion", pytest.approx(0.075))


@pytest.mark.parametrize("word", lex.POINT_WORDS)
def test_percentage_point_words(word):
    c = one(f"The spread was 7 {word} at the close.")
    assert (c.kind, c.unit, c.export_value()) == ("proportion", "percentage_point", pytest.approx(0.07))


@pytest.mark.parametrize("word", lex.BASIS_POINT_WORDS)
def test_basis_point_words(word):
    c = one(f"The spread was 40 {word} at the close.")
    assert (c.kind, c.unit, c.export_value()) == ("proportion", "percentage_point", pytest.approx(0.004))


@pytest.mark.parametrize("word", lex.ONE_PERCENT_WORDS)
def test_a_fraction_of_one_percentage_unit(word):
    c = one(f"Prices rose by a quarter of {word} percentage point.")
    assert (c.kind, c.unit, c.export_value()) == ("rate", "percentage_point", pytest.approx(0.0025))
    c = one(f"Prices rose by half of {word} per cent.")
    assert (c.kind, c.unit, c.export_value()) == ("rate", None, pytest.approx(0.005))
