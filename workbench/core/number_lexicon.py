"""Every word and sign the number reader knows, kept as data, and the helpers that compile a
table into a regex.

`numbers` builds its scanner, its atom regex, its hedge, currency, unit and scale patterns and
its fast gates (first letters, last words) from these tables and nothing else: to teach the
reader a new word, add it here (and a phrase to tests/test_number_lexicon.py); never type a word
into a regex beside a table.
"""

from __future__ import annotations

import re
import unicodedata

# --------------------------------------------------------------------------- number words

UNIT_WORDS = {
    "zero": 0,
    "nil": 0,
    "nought": 0,
    "naught": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALE_WORDS = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
# Words that multiply the number before them by twelve ("five dozen", "3 dozens").
DOZEN_WORDS = {"dozen": 12, "dozens": 12, "doz": 12, "dozs": 12, "dz": 12, "dzs": 12}
# The largest value a reading in words may reach: 'one hundred' said 155 times is not a number.
LARGEST_WORD_VALUE = 1e18

# Scale words and abbreviations after digits ("2.5 million", "£2bn", "10k", "1.2b", "10 bln").
# "m", "k" and "b" are read as scales only where `numbers` says so (a currency, a plural noun
# after it, or a capital M); the rest always.
SCALE_SUFFIXES = {
    **SCALE_WORDS,
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "mil": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "bln": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "tln": 1_000_000_000_000,
    "lakh": 100_000,
    "lakhs": 100_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
}
SHORT_SCALES = ("m", "k", "b")  # scale letters that may also be a unit (metres) or a code

# Ordinals naming a fraction's denominator: "a third", "two fifths", "one hundredth". Plurals
# are made by FRACTION_PLURALS.
FRACTION_WORDS = {
    "half": 2,
    "third": 3,
    "quarter": 4,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 1_000,
    "millionth": 1_000_000,
    "billionth": 1_000_000_000,
    "trillionth": 1_000_000_000_000,
}
FRACTION_PLURALS = {("halves" if word == "half" else word + "s"): den for word, den in FRACTION_WORDS.items()}
ALL_FRACTION_WORDS = {**FRACTION_WORDS, **FRACTION_PLURALS}
# Fraction words that also name a place in a sequence often enough ("the second half", "a fourth
# term") that they are a share only before "of", after a hedge, or with a number before them.
ORDINAL_FRACTIONS = tuple(w for w in ALL_FRACTION_WORDS if w not in ("half", "halves"))

# Fraction words that name no rank: "a hundred half-price seats" is a hundred, "the one hundred
# fifth" a rank and no number.
FRACTIONS_NOT_RANKS = ("half", "quarter")
# Ordinals of the units, which close a compound ordinal after a tens word: "twenty-first",
# "thirty-fifths" (the denominator 35 of "one hundred thirty-fifths"), "ninety-ninth".
UNIT_ORDINALS = {"first": 1, "second": 2, **{w: v for w, v in FRACTION_WORDS.items() if 3 <= v <= 9 and w != "quarter"}}
# "seconds" is the unit of time far more often ("one hundred twenty seconds"), so it is no plural.
UNIT_ORDINAL_PLURALS = {word + "s": value for word, value in UNIT_ORDINALS.items() if word != "second"}
ALL_UNIT_ORDINALS = {**UNIT_ORDINALS, **UNIT_ORDINAL_PLURALS}
# A word between two numbers that makes the first the numerator of a fraction: "one over three".
FRACTION_LINKS = ("over",)

# Ordinals that count occurrences ("a fifth time", "the third meeting", "a sixth straight
# session") are counts; only before one of ORDINAL_COUNTED_NOUNS, as ranks ("second place", "our
# second city") and orders ("the first thing") are not. "first" counts nothing.
ORDINAL_WORDS = {"second": 2, **{w: v for w, v in FRACTION_WORDS.items() if 3 <= v <= 20 and w != "quarter"}}
ORDINAL_LINKS = ("straight", "consecutive", "successive", "running")
ORDINAL_COUNTED_NOUNS = (
    "time",
    "day",
    "week",
    "month",
    "year",
    "decade",
    "session",
    "meeting",
    "attempt",
    "bid",
    "term",
    "film",
    "album",
    "game",
    "match",
    "race",
    "election",
    "visit",
    "edition",
    "season",
    "hike",
    "rise",
    "cut",
    "increase",
    "fall",
    "round of talks",
    "night",
    "weekend",
)

# The one-character fractions of Unicode ("½", "⅓", "⅙"), with the value Unicode gives each.
VULGAR_FRACTIONS = {ch: unicodedata.numeric(ch) for ch in "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"}

# Vague magnitudes: a range of values. "tens of" and "hundreds of" each plural scale are made below.
_PLURAL_SCALES = {"thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000, "trillions": 1_000_000_000_000}
MAGNITUDES: dict[str, tuple[float, float]] = {
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (100, 999),
    **{word: (low, low * 10 - 1) for word, low in _PLURAL_SCALES.items()},
    **{f"tens of {word}": (low * 10, low * 100 - 1) for word, low in _PLURAL_SCALES.items()},
    **{f"hundreds of {word}": (low * 100, low * 1000 - 1) for word, low in _PLURAL_SCALES.items()},
}
# Magnitude words that are one only before "of" ("scores of people"; "scores were level" is not).
MAGNITUDES_BEFORE_OF_ONLY = ("scores",)
# What may separate groups of three digits ("1,234,567", "40 000", "1 414 021 100" with a space,
# a no-break or a thin space); the comma also groups Indian style ("12,34,567").
DIGIT_GROUP_SEPARATORS = (",", " ", "\u00a0", "\u2009", "\u202f")
# Ratios said in one word: "twice the rate", "treble the number".
RATIO_WORDS = {"twice": 2, "double": 2, "thrice": 3, "treble": 3, "triple": 3}
# Verbs that say a ratio: "profits doubled" (2), "the deficit halved" (0.5), "sales trebled" (3).
RATIO_VERBS = {
    "doubled": 2,
    "doubling": 2,
    "halved": 0.5,
    "halving": 0.5,
    "trebled": 3,
    "trebling": 3,
    "tripled": 3,
    "tripling": 3,
    "quadrupled": 4,
    "quadrupling": 4,
}
# Words after a ratio verb that make an idiom, no ratio: "doubled down", "doubled as a school".
RATIO_VERB_IDIOMS_AFTER = ("down", "as", "up", "over", "back")
# Signs said in words: "minus 2%", "negative ten".
NEGATIVE_WORDS = ("minus", "negative")

# --------------------------------------------------------------------------- money

# Signs written before (or, as "10 €", after) the figure.
CURRENCY_SIGNS = {
    "£": "GBP",
    "$": "USD",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₪": "ILS",
    "₦": "NGN",
    "₱": "PHP",
    "₫": "VND",
    "฿": "THB",
    "₿": "BTC",
    "₡": "CRC",
    "₾": "GEL",
    "₭": "LAK",
    "₴": "UAH",
    "₸": "KZT",
}
# Letters before a dollar sign that name whose dollar it is ("HK$", "C$", "NZ$", "Mex$").
DOLLAR_PREFIXES = {
    "us": "USD",
    "a": "AUD",
    "au": "AUD",
    "aud": "AUD",
    "c": "CAD",
    "ca": "CAD",
    "can": "CAD",
    "cad": "CAD",
    "hk": "HKD",
    "nz": "NZD",
    "nzd": "NZD",
    "s": "SGD",
    "sg": "SGD",
    "mex": "MXN",
    "mx": "MXN",
    "mxn": "MXN",
    "r": "BRL",
    "nt": "TWD",
    "usd": "USD",
}
# Prefixes that are also words ("a $5 bill"): read only glued to the sign ("A$5").
DOLLAR_PREFIXES_GLUED_ONLY = ("a", "s", "r")
# ISO codes (and "RMB"), before or after the figure, glued or spaced: "USD115", "500 USD".
CURRENCY_CODES = {
    code.lower(): code
    for code in (
        "GBP",
        "USD",
        "EUR",
        "JPY",
        "CNY",
        "INR",
        "AUD",
        "CAD",
        "CHF",
        "HKD",
        "NZD",
        "SEK",
        "NOK",
        "DKK",
        "ZAR",
        "MXN",
        "BRL",
        "RUB",
        "KRW",
        "SGD",
        "TRY",
        "BTC",
        "PKR",
        "PLN",
        "CZK",
        "HUF",
        "ILS",
        "THB",
        "TWD",
        "AED",
        "SAR",
        "NGN",
        "KES",
        "EGP",
    )
}
CURRENCY_CODES["rmb"] = "CNY"
# Codes that are also English words: read only when written in capitals.
CODES_THAT_ARE_WORDS = ("try",)
# Currency words after the figure ("20 billion francs", "10,000 Swiss francs", "one-yen").
CURRENCY_WORDS = {
    "pounds": "GBP",
    "pound": "GBP",
    "sterling": "GBP",
    "pounds sterling": "GBP",
    "dollars": "USD",
    "dollar": "USD",
    "us dollars": "USD",
    "us dollar": "USD",
    "u.s. dollars": "USD",
    "u.s. dollar": "USD",
    "american dollars": "USD",
    "australian dollars": "AUD",
    "australian dollar": "AUD",
    "canadian dollars": "CAD",
    "canadian dollar": "CAD",
    "hong kong dollars": "HKD",
    "new zealand dollars": "NZD",
    "singapore dollars": "SGD",
    "euros": "EUR",
    "euro": "EUR",
    "yen": "JPY",
    "yuan": "CNY",
    "chinese yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
    "rupee": "INR",
    "indian rupees": "INR",
    "pakistani rupees": "PKR",
    "francs": "CHF",
    "franc": "CHF",
    "swiss francs": "CHF",
    "swiss franc": "CHF",
    "french francs": "FRF",
    "belgian francs": "BEF",
    "pesetas": "ESP",
    "peseta": "ESP",
    "lira": "TRY",
    "turkish lira": "TRY",
    "italian lire": "ITL",
    "lire": "ITL",
    "markka": "FIM",
    "finnish markka": "FIM",
    "guilders": "NLG",
    "dutch guilders": "NLG",
    "deutsche marks": "DEM",
    "deutschmarks": "DEM",
    "roubles": "RUB",
    "rubles": "RUB",
    "rand": "ZAR",
    "kronor": "SEK",
    "swedish kronor": "SEK",
    "krona": "SEK",
    "norwegian crowns": "NOK",
    "danish crowns": "DKK",
    "mexican pesos": "MXN",
    "pesos": "MXN",
    "bitcoins": "BTC",
    "bitcoin": "BTC",
    "naira": "NGN",
    "shekels": "ILS",
    "ringgit": "MYR",
    "baht": "THB",
    # Newswire abbreviations (Reuters, AP): "388 mln dlrs", "100 mln stg".
    "dlrs": "USD",
    "dlr": "USD",
    "stg": "GBP",
    "ecus": "XEU",  # the European Currency Unit (1979-1998)
    "ecu": "XEU",
}
# Each named dollar in the newswire's abbreviation too: "25 mln Canadian dlrs", "10 mln U.S. dlrs".
CURRENCY_WORDS.update(
    {name[: -len("dollars")] + "dlrs": code for name, code in list(CURRENCY_WORDS.items()) if name.endswith(" dollars")}
)
# Currency words that are also common English words ("top marks"): money only after a scale
# word, "32 mln marks", "18 billion marks".
SCALED_CURRENCY_WORDS = {"marks": "DEM"}
# Words for the hundredth part of a currency: the figure before them is divided by a hundred.
CURRENCY_SUBUNITS = {
    "pence": "GBP",
    "p": "GBP",
    "penny": "GBP",
    "pennies": "GBP",
    "cents": "USD",
    "cent": "USD",
    "cts": "USD",  # newswire: "31 cts a share"
}
# Currency words that may also stand before the figure ("pounds 7.2bn", "dollar 22.5 million").
CURRENCY_WORDS_BEFORE = {"pounds": "GBP", "dollars": "USD", "dollar": "USD", "euros": "EUR"}
# "a scale of X" before a currency: "30 MUSD", "MEUR 120" (a million of the code).
CODE_SCALE_PREFIXES = {"m": 1_000_000}

# --------------------------------------------------------------------------- units

DURATION_UNITS = {
    "second": "second",
    "seconds": "second",
    "minute": "minute",
    "minutes": "minute",
    "hour": "hour",
    "hours": "hour",
    "hrs": "hour",
    "mths": "month",  # the newswire's "Nine mths"
    "mth": "month",
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "fortnight": "fortnight",
    "fortnights": "fortnight",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "yrs": "year",
    "decade": "decade",
    "decades": "decade",
    "century": "century",
    "centuries": "century",
}
# Units of measure, as written after a figure (spaced, glued "25lbs" or hyphenated "3-inch").
MEASURE_UNITS = {
    "km": "km",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "miles": "mile",
    "mile": "mile",
    "mph": "mph",
    "kph": "kph",
    "kmph": "kph",
    "km/h": "kph",
    "kg": "kg",
    "kgs": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "g": "gram",
    "grams": "gram",
    "gram": "gram",
    "mg": "mg",
    "milligrams": "mg",
    "tonne": "tonne",
    "tonnes": "tonne",
    "ton": "tonne",
    "tons": "tonne",
    "t": "tonne",
    "lb": "pound_weight",
    "lbs": "pound_weight",
    "oz": "ounce",
    "ounce": "ounce",
    "ounces": "ounce",
    "stone": "stone",
    "metre": "metre",
    "metres": "metre",
    "meter": "metre",
    "meters": "metre",
    "cm": "cm",
    "centimetres": "cm",
    "centimeters": "cm",
    "mm": "mm",
    "millimetres": "mm",
    "millimeters": "mm",
    "foot": "foot",
    "feet": "foot",
    "ft": "foot",
    "inch": "inch",
    "inches": "inch",
    "m": "metre",
    "yard": "yard",
    "yards": "yard",
    "yd": "yard",
    "acre": "acre",
    "acres": "acre",
    "hectare": "hectare",
    "hectares": "hectare",
    "ha": "hectare",
    "litre": "litre",
    "litres": "litre",
    "liter": "litre",
    "liters": "litre",
    "l": "litre",
    "ml": "ml",
    "millilitres": "ml",
    "milliliters": "ml",
    "gallon": "gallon",
    "gallons": "gallon",
    "pint": "pint",
    "pints": "pint",
    "cup": "cup",
    "cups": "cup",
    "teaspoon": "teaspoon",
    "teaspoons": "teaspoon",
    "tablespoon": "tablespoon",
    "tablespoons": "tablespoon",
    "degree": "degree",
    "degrees": "degree",
    "°": "degree",
    "°c": "degree_c",
    "°f": "degree_f",
    "celsius": "degree_c",
    "fahrenheit": "degree_f",
    "gw": "GW",
    "mw": "MW",
    "kw": "kW",
    "kwh": "kWh",
    "twh": "TWh",
    "gwh": "GWh",
    "mwh": "MWh",
    "kb": "KB",
    "mb": "MB",
    "gb": "GB",
    "tb": "TB",
    "bit": "bit",
    "bits": "bit",
    "calorie": "calorie",
    "calories": "calorie",
    "kcal": "kcal",
    "sq ft": "sq_ft",
    "square feet": "sq_ft",
    "square miles": "sq_mile",
    "square metres": "sq_metre",
    "square meters": "sq_metre",
    "square kilometres": "sq_km",
    "square kilometers": "sq_km",
    "rad": "radian",
    "radians": "radian",
    "points": "point",
}
# Measures said in two units, the smaller after the larger ("6ft 2in", "5 feet and 2 inches",
# "a stone and 4lb"): (larger, smaller) -> how many smaller make one larger, and the words for the
# smaller that are read only there ("in" alone is too common a word to be a unit elsewhere).
COMPOUND_MEASURES = {
    ("foot", "inch"): 12,
    ("stone", "pound_weight"): 14,
    ("pound_weight", "ounce"): 16,
    ("mile", "yard"): 1760,
}
COMPOUND_ONLY_UNITS = {"in": "inch", "ins": "inch"}
# Per cent after a figure: signs ("13%") and words ("3.5 per cent", the newswire's "5.2 pct").
PERCENT_SIGNS = ("%",)
PERCENT_WORDS = ("per cent", "per cents", "per-cent", "percent", "percents", "percentage", "pc", "pct")
# Percentage points: a change of a level given in per cent ("rose 0.3 percentage points").
POINT_WORDS = ("percentage points", "percentage point", "percentage-points", "percentage-point", "ppts", "ppt")
# A hundredth of a percentage point: "25 basis points" is 0.25 percentage points (0.0025).
BASIS_POINT_WORDS = ("basis points", "basis point", "basis-points", "basis-point", "bps", "bp")
# The "one" of a fraction of one percentage unit: "a quarter of a percentage point" is 0.25
# points, "half of one per cent" 0.5%, "a third of 1%" 0.33%.
ONE_PERCENT_WORDS = ("a", "one", "1")

# Words of size after a figure and "m" that make the "m" metres: "1.8m tall", "a 20m-long bridge".
DIMENSION_WORDS = (
    "tall",
    "long",
    "high",
    "wide",
    "deep",
    "thick",
    "away",
    "across",
    "in length",
    "in height",
    "in diameter",
    "above",
    "below",
    "underground",
)

# --------------------------------------------------------------------------- hedges and bounds

_BOUND_MODIFIERS = ("", "just ", "well ", "a little ", "slightly ", "far ", "much ")
_MORE_THAN = ("more than", "over", "above", "greater than", "larger than", "bigger than", "higher than")
_LESS_THAN = ("less than", "under", "below", "fewer than", "smaller than", "lower than")
# Each hedge phrase before a figure, and the qualifier it gives. Words are separated by one space
# here; any white space matches it in text.
HEDGES_BEFORE: dict[str, str] = {
    **{
        p: "approx"
        for p in (
            "nearly",
            "almost",
            "around",
            "about",
            "approximately",
            "approx",
            "approx.",
            "roughly",
            "some",
            "circa",
            "c.",
            "close to",
            "in the region of",
            "getting on for",
            "more or less",
            "just about",
            "an average of",
            "on average",
            "in the order of",
            "on the order of",
            "something like",
        )
    },
    **{m + p: "lower_bound" for m in _BOUND_MODIFIERS for p in _MORE_THAN},
    **{
        p: "lower_bound"
        for p in (
            "at least",
            "upwards of",
            "in excess of",
            "exceeding",
            "exceed",
            "exceeds",
            "exceeded",
            "surpass",
            "surpasses",
            "surpassed",
            "surpassing",
            "no fewer than",
            "no less than",
            "not less than",
            "a minimum of",
            "north of",
            "topped",
            "tops",
            "topping",
            "greater than or equal to",
            "more than or equal to",
            "at least or equal to",
            "higher or equal than",
            "bigger or equal than",
            "greater or equal than",
            "larger or equal than",
        )
    },
    **{m + p: "upper_bound" for m in _BOUND_MODIFIERS for p in _LESS_THAN},
    **{
        p: "upper_bound"
        for p in (
            "up to",
            "no more than",
            "at most",
            "a maximum of",
            "within",
            "not more than",
            "as few as",
            "as many as",
            "as much as",  # "undervalued by as much as 40%": at most 40%
            "as little as",
            "less than or equal to",
            "fewer than or equal to",
            "smaller or equal than",
            "less or equal than",
            "lower or equal than",
            "at most or equal to",
            "south of",
        )
    },
}
# Not hedges: "an estimated $121.9m" is a figure given as an estimate, written to the last digit;
# its qualifier is exact, as the gold conventions have it (only words that round a figure, such as
# "about", make it approximate).
# Words after a figure that make it a bound or an estimate: "200 or more", "five hundred or less".
HEDGES_AFTER: dict[str, str] = {
    **{
        f"{link} {word}": "lower_bound"
        for link in ("or", "and")
        for word in ("more", "above", "over", "higher", "greater", "greater than", "larger", "bigger")
    },
    **{f"or {word}": "upper_bound" for word in ("less", "fewer", "below", "under", "lower", "smaller")},
    "or so": "approx",
}

# --------------------------------------------------------------------------- changes

# Words that make a percentage or a share near them a change, and its direction: "fell 0.7%",
# "cuts of 40%", "a 5% rise" (+1 a rise, -1 a fall). Every form is written out.
CHANGE_WORDS: dict[str, int] = {
    **{
        w: 1
        for w in (
            "rise",
            "rises",
            "risen",
            "rising",
            "rose",
            "increase",
            "increases",
            "increased",
            "increasing",
            "up",
            "grow",
            "grows",
            "grown",
            "growing",
            "growth",
            "grew",
            "jump",
            "jumps",
            "jumped",
            "climb",
            "climbs",
            "climbed",
            "soar",
            "soars",
            "soared",
            "surge",
            "surges",
            "surged",
            "boost",
            "boosts",
            "boosted",
            "gain",
            "gains",
            "gained",
            "raise",
            "raises",
            "raised",
            "raising",
            "hike",
            "hikes",
            "hiked",
            "higher",
            "expand",
            "expands",
            "expanded",
            "expanding",
            "expansion",
            "rally",
            "rallies",
            "rallied",
            "rebound",
            "rebounds",
            "rebounded",
            "inflation",
            "change",
        )
    },
    **{
        w: -1
        for w in (
            "fall",
            "falls",
            "fallen",
            "falling",
            "fell",
            "drop",
            "drops",
            "dropped",
            "decline",
            "declines",
            "declined",
            "declining",
            "decrease",
            "decreases",
            "decreased",
            "decreasing",
            "down",
            "cut",
            "cuts",
            "cutting",
            "reduce",
            "reduces",
            "reduced",
            "reduction",
            "reductions",
            "lower",
            "lowered",
            "slump",
            "slumps",
            "slumped",
            "plunge",
            "plunges",
            "plunged",
            "slid",
            "slide",
            "slides",
            "shrank",
            "shrink",
            "shrunk",
            "shrinks",
            "lost",
            "loss",
            "losses",
            "slash",
            "slashes",
            "slashed",
            "dip",
            "dips",
            "dipped",
            "slip",
            "slips",
            "slipped",
            "ease",
            "eases",
            "eased",
            "tumble",
            "tumbles",
            "tumbled",
            "sank",
            "sink",
            "sinks",
            "contracted",
            "contraction",
            "deflation",
        )
    },
}
# Words before "X to Y" that make it a change and the level it reached, not a range, like the
# change words: "from 40 to 1,796 cinemas", "adding 1.89 to 48.62 dlrs".
FROM_WORDS = ("from", "add", "adds", "added", "adding")
# Change words said after the figure only with "on" or "from" ("5% up on last year").
CHANGE_ADVERBS = ("up", "down")
# Change words that make a change after the figure only so (CHANGE_ADVERBS), or not at all.
CHANGE_WORDS_BEFORE_ONLY = (*CHANGE_ADVERBS, "change", "inflation")
# Change words that name a level, not a change, when any word follows them before the figure
# ("inflation was 2.1%", "the change in 2004 was 5%").
CHANGE_WORDS_NAMING_A_LEVEL = ("inflation", "change")

# --------------------------------------------------------------------------- times

# Time zones after a clock time ("11.30 GMT", "0710 GMT"): a time, not a claim.
TIME_ZONES = ("GMT", "BST", "UTC")
# Words after "a year", "a month" that make it a point in time, not a length of time: "5% higher
# than a year earlier", "up from a month ago".
RELATIVE_TIME_AFTER = ("earlier", "before", "previously", "ago")
# Words after a 24-hour clock time that, like a zone, make it a time: "at 0758 hrs".
CLOCK_WORDS = ("hrs",)
# Time zones a date line may name after its time ("3 September 2014, 09:14 EST").
DATE_LINE_TIME_ZONES = ("GMT", "BST", "UTC", "EST", "EDT", "CET")

# --------------------------------------------------------------------------- months

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
# Days of the week as a date line writes them ("Tues, 3 May 2005", "Thursday 2 June 2005").
WEEKDAYS = (
    "monday",
    "mon",
    "tuesday",
    "tues",
    "tue",
    "wednesday",
    "wed",
    "thursday",
    "thurs",
    "thur",
    "thu",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
)
# Words before a year that make it the period a claim is about ("in 2015", "the year to March
# 2016"), and the kinds of year that may stand before "year".
PERIOD_PREPOSITIONS = ("in", "since", "during", "for", "from", "by", "until", "till", "between", "over", "of", "the")
YEAR_KINDS = ("financial", "calendar", "academic")
# Of those, the words the period's label leaves out ("profits of 2015" is about "2015").
PERIOD_WORDS_LEFT_OUT = ("the", "of")
# Parts of a year named by an ordinal: "the first quarter of 2004" is "2004-Q1", "the second half
# of 2005" "2005-H2" (ISO 8601 partial dates as the gold conventions write them).
YEAR_PART_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 0, "last": 0}
YEAR_PARTS = {"quarter": ("Q", 4), "half": ("H", 2)}
# Words before a day and month written with a slash ("on 3/4"): a date there, not a fraction.
DATE_PREPOSITIONS = ("on", "since", "from", "until", "till", "by", "before", "after", "dated")
# The years a date or a year mention may fall in: 1800 to 2099.
YEAR_CENTURIES = ("18", "19", "20")


# --------------------------------------------------------------------------- compiling tables


def trie_pattern(words) -> str:
    """An alternation of words as a prefix tree, so the regex engine tests a few letters at a
    position instead of every word; like a longest-first alternation it matches the longest word.
    A space in a word matches any run of white space."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


def words_pattern(words, suffixes=()) -> str:
    """The words as one group that matches only whole words: the longest of them that ends where
    no letter or digit follows (so "six" is not read in "sixteen", nor "m" in "miles"), or where
    one of suffixes follows ("ten" of "tenfold")."""
    ahead = "".join(f"(?={re.escape(s)})|" for s in suffixes)
    return rf"(?:{trie_pattern(words)})(?:{ahead}(?![^\W_]))"


def first_letters(words) -> str:
    """The first characters of words, lower-cased and without repeats, for a character-class gate."""
    return "".join(sorted({w[0].lower() for w in words}))


def last_words(phrases) -> tuple[str, ...]:
    """The last word of every phrase: a phrase can only end a stretch of text that ends so."""
    return tuple(sorted({p.split()[-1] for p in phrases}))


def capitalised_pattern(words) -> str:
    """The words as a trie that matches them capitalised ("Sep", "September"), for case-sensitive
    patterns that take a capital as a sign of a name (a month, not the verb "may")."""
    return trie_pattern(w[:1].upper() + w[1:] for w in words)


MONTH_RE = rf"(?:{capitalised_pattern(MONTHS)})(?![^\W\d_])\.?"
# Per cent and percentage points after a figure, as patterns (try points first: "percentage
# points" is no "percentage").
PERCENT_RE = f"{trie_pattern(PERCENT_SIGNS)}|{words_pattern(PERCENT_WORDS)}"
POINT_RE = words_pattern(POINT_WORDS)
