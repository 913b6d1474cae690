"""The number normaliser: finds numeric expressions in text and reads their value.

Table-driven and context-free: it knows how numbers are written ("one in seven", "60 out of
the 87", "£2bn", "pounds 7.2bn", "29.7million", "nearly 70%", "tens of thousands",
"2012/13") and which hedge words bound them. Every word it knows is in `number_lexicon`, and
every pattern below that names words is compiled from those tables. What an expression measures
(a count or a rate, the subject) is decided by `claims`, which sees the sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from workbench.core import number_lexicon as lex
from workbench.core.lexicon import holds_any, lowered_text, tried_only_at  # noqa: F401  (lowered_text: for callers)
from workbench.core.number_lexicon import (
    CURRENCY_SUBUNITS,
    DURATION_UNITS,
    MAGNITUDES,
    MEASURE_UNITS,
    MONTH_RE,
    MONTHS,
    first_letters,
    last_words,
    trie_pattern,
    words_pattern,
)

UNITS = lex.UNIT_WORDS
TENS = lex.TENS_WORDS
SCALES = lex.SCALE_WORDS
MULTIPLIERS = {**lex.SCALE_SUFFIXES, **lex.DOZEN_WORDS}
FRACTIONS = lex.ALL_FRACTION_WORDS
CURRENCY_SYMBOLS = {**lex.CURRENCY_SIGNS, **{p + "$": c for p, c in lex.DOLLAR_PREFIXES.items()}, **lex.CURRENCY_CODES}
CURRENCY_WORDS = {**lex.CURRENCY_WORDS, **lex.CURRENCY_SUBUNITS}


def _phrases_pattern(phrases) -> str:
    """Phrases (words separated by one space) as a prefix tree; white space in text matches each
    space. Any phrase the text holds is found (the engine backtracks into shorter ones)."""
    return trie_pattern(phrases)


_HEDGE_TAIL = re.compile(
    r"(?:^|(?<=[\s(\"“‘]))(?P<hedge>" + _phrases_pattern(lex.HEDGES_BEFORE) + r")\s+$", re.IGNORECASE
)
# The last word of every hedge: a hedge can only end a stretch of text that ends so.
_HEDGE_ENDINGS = last_words(lex.HEDGES_BEFORE)
# _HEDGE_TAIL tried only at the first letters of the hedges.
_HEDGE_TAIL_AT = tried_only_at(first_letters(lex.HEDGES_BEFORE), _HEDGE_TAIL)
_HEDGE_WORDS = max(len(p.split()) for p in lex.HEDGES_BEFORE)  # the most words a hedge has
_HEDGE_AFTER_FIRST = frozenset(first_letters(lex.HEDGES_AFTER) + first_letters(lex.HEDGES_AFTER).upper())
_HEDGE_AFTER = re.compile(r"\s*,?\s*(?P<hedge>" + _phrases_pattern(lex.HEDGES_AFTER) + r")(?![^\W_])", re.IGNORECASE)

_NUMBER_WORDS = list(UNITS) + list(TENS)
_W = words_pattern(_NUMBER_WORDS, suffixes=("fold",))
_SCALE_OR_DOZEN = list(SCALES) + list(lex.DOZEN_WORDS)
# The words that may go on a number in words; the reader (word_number_prefix) decides how many
# of them make one number ("two" of "two and three", all of "five and a half million").
_GOES_ON = words_pattern(
    _NUMBER_WORDS + _SCALE_OR_DOZEN + list(FRACTIONS) + list(lex.ALL_UNIT_ORDINALS) + ["point", "a", "one"]
)
_WORD_NUMBER = (
    rf"{_W}(?:[\s-]+(?:and\s+)?{_GOES_ON})*"
    rf"|(?:a|one)\s+{words_pattern(_SCALE_OR_DOZEN)}(?:[\s-]+(?:and\s+)?{_GOES_ON})*"
)
_VULGAR = lex.VULGAR_FRACTIONS
_VULGAR_CLASS = "".join(_VULGAR)
_GROUP_SPACES = "".join(c for c in lex.DIGIT_GROUP_SEPARATORS if c != ",")
_DIGITS = (
    rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?!,\d)|\d{{1,2}}(?:,\d\d)+,\d{{3}}(?:\.\d+)?"
    rf"|\d{{1,3}}(?:[{_GROUP_SPACES}]\d{{3}})+(?![\d/])(?:\.\d+)?"
    rf"|\d+[{_VULGAR_CLASS}]|\d+(?:\.\d+)?|\.\d+|[{_VULGAR_CLASS}](?!\d)"
)
_SMALL_NUMERATOR = words_pattern(["a"] + [w for w, v in UNITS.items() if 1 <= v <= 9])
# A fraction in words: an ordinal ("fifths", "a third") or, after a numerator, a compound one
# ("a twenty-first", "three thirty-fifths").
_FRACTION_WORD = (
    rf"(?:{_SMALL_NUMERATOR}[\s-]+)?{words_pattern(FRACTIONS)}"
    rf"|{_SMALL_NUMERATOR}[\s-]+{words_pattern(TENS)}[\s-]+{words_pattern(lex.ALL_UNIT_ORDINALS)}"
)
_PLURAL_SCALE_WORDS = [w for w in MAGNITUDES if " " not in w]
_MAGNITUDE_LONG = [w for w in MAGNITUDES if " " in w]

# What follows an ordinal that counts occurrences: "fifth time", "sixth straight session".
_COUNTED_AFTER = (
    rf"(?:\s+{words_pattern(lex.ORDINAL_LINKS)})?\s+"
    rf"(?-i:{words_pattern(w for w in lex.ORDINAL_COUNTED_NOUNS if w not in lex.ORDINAL_LINKS)})"
)

# A number atom: digits, number words, an ordinal that counts, a fraction, a vague magnitude, or "twice".
ATOM = re.compile(
    rf"""(?<![\w.,/-])(?:
        (?P<digits>(?:[-+−](?=[\d.]))?(?:{_DIGITS}))
      | (?P<ordinal>{words_pattern(lex.ORDINAL_WORDS)})(?={_COUNTED_AFTER})
      | (?P<fraction>{_FRACTION_WORD})(?=[\s,.;:!?)”"'’]|$)(?!{_COUNTED_AFTER})
      | (?P<magnitude>{trie_pattern(_MAGNITUDE_LONG)}\b|{words_pattern(w for w in _PLURAL_SCALE_WORDS if w not in lex.MAGNITUDES_BEFORE_OF_ONLY)}(?=\s+(?:of|more|fewer|upon|and|were|are|have|had|who|[a-z]+s\b))|{words_pattern(lex.MAGNITUDES_BEFORE_OF_ONLY)}(?=\s+of\b))
      | (?P<aunit>(?<=\s)an?\s+(?:decade|year|month|week|fortnight|century))(?=[\s,.;:)]|$)
      | (?P<twice>{words_pattern(lex.RATIO_WORDS)})(?=\s+(?:as|the|that|than|what|its|their|his|her|in|over|a)\b)
      | (?P<ratio_verb>{words_pattern(lex.RATIO_VERBS)})(?!\s+{words_pattern(lex.RATIO_VERB_IDIOMS_AFTER)})
      | (?P<words>{_WORD_NUMBER})
    )(?!\w*\d)""",
    re.IGNORECASE | re.VERBOSE,
)

_STARTERS = (
    _NUMBER_WORDS
    + list(FRACTIONS)
    + list(lex.ORDINAL_WORDS)
    + _PLURAL_SCALE_WORDS
    + ["tens"]
    + list(lex.RATIO_WORDS)
    + list(lex.RATIO_VERBS)
)
# Words that "a" or "an" can quantify ("a quarter", "an hour" is not one, "a decade" is).
_AFTER_A = (
    list(lex.FRACTION_WORDS)
    + _SCALE_OR_DOZEN
    + list(TENS)  # "a twenty-first"
    + ["decade", "year", "month", "week", "fortnight", "century"]
)

# Where a number can start, found by scanning the (lower-cased) document once; ATOM then reads
# the number at each hit. A start is only worth trying where ATOM's look-behind allows one (not
# inside a word or a number), so the scan tests that first: a run of digits gives one hit, and a
# number word a hit only at the start of a word. "a" and "an" are found by looking back from the
# word they quantify, rather than tried at every "a".
_NUMBER_BODY = rf"(?:(?P<digit>[-+−.]?[\d{_VULGAR_CLASS}])|(?P<word>" + trie_pattern(_STARTERS + _AFTER_A) + "))"
_NUMBER_START = re.compile(r"(?<![\w.,/-])" + _NUMBER_BODY)
_NUMBER_START_ANY_CASE = re.compile(_NUMBER_START.pattern, re.IGNORECASE)
# _NUMBER_START's hits after the text's first character, found by two scans that each start with
# what comes before a number, so that the regex engine skips to the next candidate in C (a
# look-behind first makes it try every character): a space, and any other character that is
# not a letter, digit, "_", ".", ",", "/" or "-" (the class lists these by code point; the
# look-behind drops letters and digits beyond ASCII).
_AFTER_SPACE = re.compile(" " + _NUMBER_BODY)
_AFTER_OTHER = re.compile(r"[\x00-\x1f!-+:-@\[-^`{-\U0010ffff](?<!\w)" + _NUMBER_BODY)
# For each word _NUMBER_START finds: (a number may start at it, "a"/"an" before it may start one).
_WORD_HITS = {
    word: (word.startswith(tuple(_STARTERS)), word.startswith(tuple(_AFTER_A))) for word in _STARTERS + _AFTER_A
}


_WORD_HITS = {
    word: (word.startswith(tuple(_STARTERS)), word.startswith(tuple(_AFTER_A))) for word in _STARTERS + _AFTER_A
}


def number_hits(text: str, lowered: str | None = None) -> list[re.Match]:
    """The matches of _NUMBER_START in the text (in lowered, when given), in no set order; each
    has group "digit" or "word"."""
    if lowered is None:
        return list(_NUMBER_START_ANY_CASE.finditer(text))
    first = _NUMBER_START.match(lowered)
    hits = [first] if first else []
    hits += _AFTER_SPACE.finditer(lowered)
    hits += _AFTER_OTHER.finditer(lowered)
    return hits


def quantity_starts(text: str, lowered: str | None = None) -> list[int]:
    """Sorted positions in the whole text where a number may start. `lowered` is text.lower()
    when that keeps every offset (the usual case); number words are then found by fast
    lower-case scans (_AFTER_SPACE, _AFTER_OTHER). Every position where ATOM can match is
    included; extra ones cost a try."""
    starts = [m.end() for m in _GLUED_CODE.finditer(text) if not text[m.start() - 1 : m.start()].isalnum()]
    source = text if lowered is None else lowered
    for m in number_hits(text, lowered):
        group = m.lastgroup
        p = m.start(group)
        hit = m.group(group)
        if group == "digit":
            starts.append(p)
            if hit[0] in "+−":
                starts.append(p + 1)  # ATOM may also read the number from its first digit
            continue
        at_word, after_a = _WORD_HITS.get(hit.lower(), (True, True))
        if at_word:
            starts.append(p)
        if after_a:
            q = p
            while q and source[q - 1].isspace():
                q -= 1
            if q < p and q:
                if source[q - 1] in "aA":
                    starts.append(q - 1)
                elif source[q - 1] in "nN" and q >= 2 and source[q - 2] in "aA":
                    starts.append(q - 2)
    return sorted(set(starts))


_PERCENT_WORDS = lex.PERCENT_RE
_POINT_WORDS = lex.POINT_RE
_SHARE = re.compile(  # "one in seven", "one-in-three", "60 out of the 87"
    rf"[\s-]+(?P<link>in|out[\s-]+of)[\s-]+(?:every\s+)?(?:the\s+)?(?P<den>{_DIGITS}|{_WORD_NUMBER})\b(?!\s*(?:{_PERCENT_WORDS}))",
    re.IGNORECASE,
)
# "one over three", "1 over twenty-one", "2000 over 3": a fraction said aloud. The denominator must
# end the clause ("won 3 over 2 days" is no fraction).
_OVER = re.compile(
    rf"\s+{words_pattern(lex.FRACTION_LINKS)}\s+(?P<den>{_DIGITS}|{_WORD_NUMBER})(?![^\W_])(?=\s*(?:[.,;:!?)]|$))",
    re.IGNORECASE,
)
_PER_BASE = re.compile(
    r"(?:\s+[a-z]+)?\s+per\s+(?P<den>100|1,000|10,000|100,000|1,000,000|(?:a|one)\s+(?:hundred|thousand|million))\b(?![,.]\d)"
)
_PLURAL_NOUN = re.compile(r"\s+(?:[a-z]+(?:ies|[^s\W]s)|people|children|men|women)\b")
_OF_A_SCALE = re.compile(rf"(?:\s+of)?(?:\s+an?)?\s+(?P<scale>{words_pattern(_SCALE_OR_DOZEN)})", re.IGNORECASE)
_FOLD = re.compile(r"-?fold\b|\s+fold\b", re.IGNORECASE)
# "3/4", "1/40 of", "2 1/4": a fraction in digits, which no further slash or digit follows (a date).
_SLASH_FRACTION = re.compile(r"\s?/\s?(?P<den>[1-9]\d{0,2})(?![\d/]|[.,]\d)")
_MIXED_FRACTION = re.compile(r"(?:\s+|-)(?P<num>[1-9]\d?)\s?/\s?(?P<den>[1-9]\d?)(?![\d/]|[.,]\d)")
_OF_SHARE = re.compile(
    rf"\s+of\s+(?:its|their|his|her|our|the)\s+(?P<den>{_DIGITS}|{_WORD_NUMBER})\b(?![,.]\d)", re.IGNORECASE
)
_PERCENT = re.compile(  # points first: "percentage points" is no "percentage"
    rf"\s*(?:(?P<points>{_POINT_WORDS})|{_PERCENT_WORDS}|"
    rf"(?P<bps>{words_pattern(lex.BASIS_POINT_WORDS)}))",
    re.IGNORECASE,
)
# "a quarter of a percentage point", "half a per cent", "a third of 1%": a fraction of one unit.
_OF_ONE_PERCENT = re.compile(
    rf"(?:\s+of)?\s+{words_pattern(lex.ONE_PERCENT_WORDS)}\s*(?:(?P<points>{_POINT_WORDS})|{_PERCENT_WORDS})",
    re.IGNORECASE,
)
_MULTIPLIER = re.compile(rf"\s*(?P<mult>{words_pattern(MULTIPLIERS)})(?!\s*%)", re.IGNORECASE)
_SHORT_SCALES = lex.SHORT_SCALES
# A dimension after a figure and "m": "1.8m tall", "a 20m-long bridge" are metres.
_DIMENSION_AFTER = re.compile(rf"(?:\s+|-){words_pattern(lex.DIMENSION_WORDS)}", re.IGNORECASE)
# Currency words after the figure. "5 pounds of apples" and "30 pounds per square inch" are
# weights and pressures, not money; "40p per person" is money.
_CURRENCY_WORD_AFTER = re.compile(
    rf"(?:\s*|-)(?P<cur>(?:pounds?)(?![^\W_])(?!\s*(?:of\b|per\b))|(?:pence|p)(?![^\W_])(?!\s*of\b)|"
    rf"{words_pattern(w for w in CURRENCY_WORDS if w not in ('pound', 'pounds', 'pence', 'p'))})",
    re.IGNORECASE,
)
# ISO codes: in capitals, or in lower case unless the code is an English word ("try").
_CODES_UPPER = sorted(set(lex.CURRENCY_CODES.values()) | {"RMB"})
_CODES_LOWER = [c for c in lex.CURRENCY_CODES if c not in lex.CODES_THAT_ARE_WORDS]
_CODE = rf"(?-i:(?P<mscale>M)?(?:{trie_pattern(_CODES_UPPER)})|{trie_pattern(_CODES_LOWER)})(?![^\W_])"
# A code in capitals glued before a figure: "USD115", "EUR50". The scanner's starts and ATOM skip
# a digit after a letter, so these are found by a scan of their own.
_GLUED_CODE = re.compile(rf"(?:{trie_pattern(_CODES_UPPER)})(?=\.?\d)")
_GLUED_DIGITS = re.compile(rf"(?P<digits>{_DIGITS})(?!\w*\d)")
# A code or a currency sign after the figure: "500 USD", "115USD", "30 MUSD", "10 €", "100₾".
_CODE_AFTER = re.compile(
    rf"\s?(?:(?P<code>{_CODE})|(?P<sign>[{re.escape(''.join(lex.CURRENCY_SIGNS))}])(?!\s?\d))", re.IGNORECASE
)
# A currency before the figure: a sign, a dollar with its country ("HK$", "c $", "Mex$"), a code
# in capitals ("USD 50", "MAUD 60") or a currency word ("pounds 7.2bn").
_CURRENCY_BEFORE = re.compile(
    rf"(?P<cur>(?:(?<![^\W_])(?P<prefix>{trie_pattern(lex.DOLLAR_PREFIXES)})\s?)?\$"
    rf"|[{re.escape(''.join(s for s in lex.CURRENCY_SIGNS if s != '$'))}]"
    rf"|(?<![^\W_])(?-i:(?P<mscale_before>M)?(?:{trie_pattern(_CODES_UPPER)})))\s?$",
    re.IGNORECASE,
)
# The characters a currency before a figure can end with (before one space): a gate that skips
# _CURRENCY_BEFORE where none stands.
_CURRENCY_BEFORE_LAST = frozenset(
    "$"
    + "".join(lex.CURRENCY_SIGNS)
    + "".join(c[-1] for c in _CODES_UPPER)
    + "".join(w[-1] + w[-1].upper() for w in lex.CURRENCY_WORDS_BEFORE)
)
# The characters a code or sign after a figure can start with (after one space).
_CODE_AFTER_FIRST = frozenset("M" + "".join(lex.CURRENCY_SIGNS) + "".join(c[0] for c in _CODES_UPPER + _CODES_LOWER))
_CURRENCY_REACH = 7  # characters: the longest currency before a figure ("mxn$ ", "MAUD ")
_CURRENCY_WORD_BEFORE = re.compile(rf"(?:^|\s)({words_pattern(lex.CURRENCY_WORDS_BEFORE)})\s$", re.I)
_CURRENCY_WORD_BEFORE_GATE = tuple(w[1:4] for w in lex.CURRENCY_WORDS_BEFORE)  # "ound", "oll", "uro"
# "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars 50": the cents.
_CENTS_AFTER = re.compile(
    rf"\s+(?:and\s+)?(?P<cents>\d{{1,2}}|{_W}(?:[\s-]+{_W})?)(?![^\W_])"
    rf"(?:\s*(?P<sub>{words_pattern(CURRENCY_SUBUNITS)})|(?=\s*(?:[.,;:!?)]|$)))",
    re.IGNORECASE,
)
# "$1,8923", "3,50 euros": a comma before a run of digits that is no group of three is a decimal
# comma (copy from a desk that writes decimals so). Read so only where a currency makes the figure
# an amount: "5,10 and 15" is a list.
DECIMAL_COMMA = re.compile(r"(?<=\d),(?P<dec>\d{1,2}|\d{4,})(?![\d,])")
_UNIT_WORDS = list(MEASURE_UNITS) + list(DURATION_UNITS) + ["times"]
_UNIT_AFTER = re.compile(rf"(?P<gap>\s*|-)(?P<unit>{words_pattern(_UNIT_WORDS)})", re.IGNORECASE)
_RANGE_TAIL = re.compile(rf"\s*(?:-|–|—|~|to|and)\s*(?P<cur>[£$€])?(?P<hi>{_DIGITS}|{_WORD_NUMBER})\b", re.IGNORECASE)
_CENTURY = rf"(?:{'|'.join(lex.YEAR_CENTURIES)})"
_YEAR = rf"{_CENTURY}\d\d"
_SPLIT_YEAR = re.compile(rf"(?P<a>{_YEAR})\s?[/–-]\s?(?P<b>\d\d(?:\d\d)?)\b(?![/.-]\d)")
_DECADE = re.compile(rf"(?P<y>{_CENTURY}\d0)[’']?s\b")
_DATE_DMY = re.compile(
    rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{MONTH_RE})(?:,?\s+(?P<y>{_YEAR}))?\b", re.IGNORECASE
)
_DATE_MDY = re.compile(
    rf"(?P<m>{MONTH_RE})\s+(?P<d>\d{{1,2}})(?![-–]\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y>{_YEAR}))?\b(?!\s*(?:%|per))"
)
# A month right before a figure: "April 1-15" are days of a month.
_MONTH_BEFORE = re.compile(rf"(?<![^\W\d_])(?:{MONTH_RE})\s+$")
_MONTH_REACH = max(map(len, MONTHS)) + 4
_DATE_MY = re.compile(rf"(?P<m>{MONTH_RE})\s+(?P<y>{_YEAR})\b")
_WORD_SEPARATOR = re.compile(r"[\s-]+")
_OF_CURRENCY = re.compile(rf"\s+of\s+({words_pattern(lex.CURRENCY_WORDS_BEFORE)})", re.I)
_ORDINAL_BEFORE = re.compile(r"(?:first|second|third|fourth|final|last|next)\s*$", re.I)
_DATE_PREPOSITION_BEFORE = re.compile(rf"(?<![^\W_]){words_pattern(lex.DATE_PREPOSITIONS)}\s+$", re.I)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.I)
BY_BEFORE = re.compile(r"\bby\s+$", re.I)
_MINUS_BEFORE = re.compile(rf"\b{words_pattern(lex.NEGATIVE_WORDS)}\s+$", re.I)
_MINUS_REACH = max(map(len, lex.NEGATIVE_WORDS)) + 2
_AND_AMOUNT = re.compile(rf"\s+and\s+(?P<cur>[£$€])?(?P<hi>{_DIGITS})(?!\d)")
_COMPARISON_AFTER = re.compile(r"\s+(?:as|the|more|higher|lower|larger|bigger|greater|faster|that|than|over)\b", re.I)


@dataclass(slots=True)
class Quantity:
    """A numeric expression found in text, read but not yet interpreted in context."""

    start: int
    end: int
    form: str  # number | percent | share | fraction | money | magnitude | ratio | year | split_year | date | duration | measure
    value: float | str | None = None
    value_min: float | None = None
    value_max: float | None = None
    qualifier: str = "exact"
    unit: str | None = None
    currency: str | None = None
    numerator: float | None = None
    denominator: float | None = None
    is_word: bool = False  # written in words ("seven"), not digits
    number_start: int = 0  # where the number itself starts (after any hedge)
    signed: bool = False  # written with an explicit + or - sign


_WORD_TOKEN = re.compile(r"[a-z]+")
# The number words each kind of number word may follow (None: the first word). Units follow only
# tens with no "and" between ("twenty-five", not "two and three"); "and" follows only a hundred
# or a larger scale ("a hundred and five", "two thousand and five").
_MAY_FOLLOW = {
    "unit": (None, "tens", "hundred", "scale", "fraction"),
    "tens": (None, "hundred", "scale", "fraction"),
    "hundred": (None, "unit", "tens", "fraction"),
    "scale": (None, "unit", "tens", "hundred", "dozen", "fraction"),
    "dozen": (None, "unit", "tens"),
}
_DECIMAL_DIGITS = {w: str(v) for w, v in UNITS.items() if v <= 9}


def _word_kind(token: str, first: bool) -> tuple[str, float] | None:
    if token in ("a", "one") and first:
        return "unit", 1
    if token in UNITS:
        return "unit", UNITS[token]
    if token in TENS:
        return "tens", TENS[token]
    if token in lex.DOZEN_WORDS:
        return "dozen", 12
    if token in SCALES:
        return ("hundred" if SCALES[token] == 100 else "scale"), SCALES[token]
    return None


def _and_fraction(tokens: list[re.Match], i: int) -> tuple[float, int] | None:
    """'a half', 'one fourth', 'three fifths' at tokens[i:]: (value, tokens used), or None."""
    if i + 1 >= len(tokens):
        return None
    numerator = tokens[i].group()
    if numerator in TENS:  # "fifty-four hundredths", "twenty hundredths": below one
        unit = UNITS.get(tokens[i + 1].group(), 0) if 1 <= UNITS.get(tokens[i + 1].group(), 0) <= 9 else 0
        at = i + 1 + bool(unit)
        den = FRACTIONS.get(tokens[at].group()) if at < len(tokens) else None
        value = TENS[numerator] + unit
        if den is None or value >= den or tokens[at].group() not in lex.FRACTION_PLURALS:
            return None
        return value / den, 2 + bool(unit)
    den = FRACTIONS.get(tokens[i + 1].group())
    if den is None:
        return None
    if numerator in ("a", "one"):
        return (1 / den, 2) if tokens[i + 1].group() in lex.FRACTION_WORDS else None
    value = UNITS.get(numerator)
    if value is None or value < 2 or tokens[i + 1].group() not in lex.FRACTION_PLURALS:
        return None
    return value / den, 2


def _decimals(tokens: list[re.Match], i: int) -> tuple[str, int]:
    """The digits said after "point" ("zero three", "seventy-one", "eleven"), and tokens used."""
    digits, used = "", 0
    while i + used < len(tokens):
        token = tokens[i + used].group()
        if token in _DECIMAL_DIGITS:
            digits += _DECIMAL_DIGITS[token]
        elif token in UNITS or token in TENS:  # "point eleven", "point seventy-one"
            value = UNITS.get(token) or TENS[token]
            if token in TENS and i + used + 1 < len(tokens) and 1 <= UNITS.get(tokens[i + used + 1].group(), 0) <= 9:
                value += UNITS[tokens[i + used + 1].group()]
                used += 1
            digits += str(value)
        else:
            break
        used += 1
    return digits, used


def word_number_prefix(text: str) -> tuple[float, int] | None:
    """The value of the longest start of text that reads as one number in words, and that start's
    length: 'one hundred and twenty-five' -> (125.0, 27); 'two and three years' -> (2.0, 3), as two
    numbers joined by "and" are not one; 'five and a half million' -> 5,500,000; 'two hundred point
    zero three' -> 200.03; 'twenty-three fifths' -> 4.6. None if text does not start with a number
    word. A reading stops before it would pass lex.LARGEST_WORD_VALUE."""
    lowered = text.lower()
    tokens = list(_WORD_TOKEN.finditer(lowered))
    total = current = 0.0
    last = None  # the kind of the last number word read
    last_scale = 0.0  # the last scale word's value ("million" of "one million and a half")
    after_and = False
    size = 0
    i = 0
    while i < len(tokens):
        token = tokens[i].group()
        if token == "and":
            if after_and or last is None:
                break
            fraction = _and_fraction(tokens, i + 1)
            if fraction:  # "three and a half", "one million and a half", "one hundred and three quarters"
                value, used = fraction
                scale_after = SCALES.get(tokens[i + 1 + used].group()) if i + 1 + used < len(tokens) else None
                if scale_after and scale_after > 100 and scale_after < (last_scale or 1e30):
                    total += (
                        current + value
                    ) * scale_after  # "five and a half million", "a billion and a half million"
                    current, last_scale, last = 0.0, scale_after, "scale"
                    size = tokens[i + 1 + used].end()
                    i += 2 + used
                elif current == 0 and last == "scale":
                    total += value * last_scale  # "one million and a half"
                    last, size = "fraction", tokens[i + used].end()
                    i += 1 + used
                else:
                    current += value
                    last, size = "fraction", tokens[i + used].end()
                    i += 1 + used
                after_and = False
                continue
            if last not in ("hundred", "scale"):
                break
            after_and = True
            i += 1
            continue
        if token == "point":
            if last not in ("unit", "tens", "hundred", "scale") or after_and:
                break
            digits, used = _decimals(tokens, i + 1)
            if not digits:
                break
            current += float("0." + digits)
            last, size = "fraction", tokens[i + used].end()
            i += 1 + used
            continue
        if token in FRACTIONS and last in ("unit", "tens", "hundred", "scale") and not after_and:
            if token not in lex.FRACTION_PLURALS:
                if last in ("hundred", "scale") and token not in lex.FRACTIONS_NOT_RANKS:
                    return None  # "the one hundred fifth": a rank
                break
            value = total + current  # "twenty-three fifths", "one hundred thirty fifths"
            total, current = 0.0, value / FRACTIONS[token]
            last, size = "fraction", tokens[i].end()
            i += 1
            continue
        if token in TENS and i + 1 < len(tokens) and tokens[i + 1].group() in lex.ALL_UNIT_ORDINALS:
            # A compound ordinal: the denominator of what was read before it ("one hundred
            # thirty-fifths" is 100/35, "twenty twenty fifths" 20/25), else a rank, no number.
            numerator = total + current
            plural = tokens[i + 1].group() in lex.UNIT_ORDINAL_PLURALS
            if last is not None and not after_and and numerator and (numerator != 1) == plural:
                return numerator / (TENS[token] + lex.ALL_UNIT_ORDINALS[tokens[i + 1].group()]), tokens[i + 1].end()
            if not plural:
                return None  # "the twenty-first", "one hundred and twenty-first": a rank
            # else the tens are the numerator: "twenty fifths" is 20/5, "a hundred and thirty fifths" 130/5
        read = _word_kind(token, last is None)
        if read is None:
            break
        kind, add = read
        if last not in _MAY_FOLLOW[kind] or (after_and and kind not in ("unit", "tens")):
            break
        if kind == "unit" and last == "tens" and add >= 10:
            break  # "twenty twelve" is not one number
        if kind == "tens" and last == "hundred" and current % 100:
            break
        if kind in ("unit", "tens"):
            value = current + add
        elif kind == "dozen":
            if current >= 100:
                break
            value = (current or 1) * 12
        elif kind == "hundred":
            if current >= 100:
                break  # "one hundred one hundred" is two numbers
            value = (current or 1) * 100
        else:
            if last_scale and add >= last_scale and current:
                break  # "two million three million"
            value = None
        if value is not None:
            if total + value > lex.LARGEST_WORD_VALUE:
                break
            current = value
        else:
            if add > last_scale and not current and total:
                new_total = total * add  # "a thousand million"
            else:
                new_total = total + (current or 1) * add
            if new_total > lex.LARGEST_WORD_VALUE:
                break
            total, current, last_scale = new_total, 0.0, add
        last, after_and, size = kind, False, tokens[i].end()
        i += 1
    if last is None:
        return None
    return float(total + current), size


def word_number_value(text: str) -> float | None:
    """'one hundred and twenty-five' -> 125; 'a million' -> 1e6; None if text is not one number
    in words ("two and three" is two numbers)."""
    read = word_number_prefix(text)
    if read is None or text[read[1] :].strip(" \t\n\r-"):
        return None
    return read[0]


def digits_value(text: str) -> float:
    for separator in lex.DIGIT_GROUP_SEPARATORS:
        text = text.replace(separator, "")
    if text and text[-1] in _VULGAR:
        return float(text[:-1] or 0) + _VULGAR[text[-1]]
    return float(text)


def atom_value(text: str) -> float | None:
    text = text.strip()
    if text[:1] in "-+−" and len(text) > 1:
        value = atom_value(text[1:])
        return None if value is None else (value if text[0] == "+" else -value)
    if text[:1].isdigit() or text[:1] == "." or text[:1] in _VULGAR:
        return digits_value(text)
    return word_number_value(text)


def hedge_before(text: str, start: int, floor: int) -> tuple[int, str]:
    """Extend a quantity leftwards over a hedge ('nearly', 'more than'); returns (start, qualifier)."""
    window_start = max(floor, start - 40)
    # The hedge ends where the white space before the number starts, on one of _HEDGE_ENDINGS
    # (the regex is case-insensitive, so a word that is not ASCII is left to it).
    end = start
    while end > window_start and text[end - 1].isspace():
        end -= 1
    if end == start:
        return start, "exact"
    # A hedge is at most _HEDGE_WORDS words, so it starts within the last that many words: the
    # search (which tries each start in turn) begins there rather than 40 characters back.
    words = text[window_start:end].rsplit(None, _HEDGE_WORDS)
    last_word = words[-1:]
    if not last_word or last_word[0].isascii() and not last_word[0].lower().endswith(_HEDGE_ENDINGS):
        return start, "exact"
    if len(words) > _HEDGE_WORDS:
        window_start += len(words[0])
    m = _HEDGE_TAIL_AT.search(text, window_start, start)
    if not m:
        return start, "exact"
    qualifier = lex.HEDGES_BEFORE.get(" ".join(m.group("hedge").lower().split()))
    return (m.start("hedge"), qualifier) if qualifier else (start, "exact")


# Between an amount and the same amount in another currency, in brackets: "$163m (£90m)".
_CONVERSION_BETWEEN = re.compile(r"\s*\(\s*")


def find_quantities(
    text: str, start: int, end: int, lowered: str | None = None, starts: list[int] | None = None
) -> list[Quantity]:
    """Every numeric expression between start and end, left to right, not overlapping.
    `starts` is quantity_starts(text, lowered), passed in when the caller reads many stretches
    of one text."""
    if starts is None:
        starts = quantity_starts(text, lowered)
    found: list[Quantity] = []
    pos = start
    for i in range(bisect_left(starts, start), bisect_left(starts, end)):
        candidate = starts[i]
        if candidate < pos:
            continue
        m = ATOM.match(text, candidate, end)
        if not m and text[candidate - 1 : candidate].isupper():  # "USD115": a figure glued to its code
            m = _GLUED_DIGITS.match(text, candidate, end) if _glued_code_ends(text, start, candidate) else None
        if not m:
            continue
        q = _read(text, m, start, end)
        if q is not None and found and q.start < found[-1].end and q.form == "money":
            # A currency word the last quantity took ("50 dollar") is not also this figure's
            # ("50 dollar 40 rmb"): read it again no further back than that quantity's end.
            q = _read(text, m, found[-1].end, end)
        if q is None:
            pos = m.end()
            continue
        if found and q.start < found[-1].end:
            q.start = found[-1].end
        if (
            found
            and q.form == "money" == found[-1].form
            and q.qualifier == "exact"
            and _CONVERSION_BETWEEN.fullmatch(text, found[-1].end, q.start)
        ):
            q.qualifier = found[-1].qualifier  # a bound before "$163m (£90m)" holds for both
        found.append(q)
        # Past the atom, unless it was read only in part ("two" of "two and three": "three" is next).
        pos = q.end if q.is_word else max(q.end, m.end())
    return found


def _glued_code_ends(text: str, floor: int, at: int) -> bool:
    """Whether a currency code in capitals, not part of a longer word, ends at at ("USD|115")."""
    for m in _GLUED_CODE.finditer(text, max(floor, at - _CURRENCY_REACH), at + 2):
        if m.end() == at and not text[m.start() - 1 : m.start()].isalnum():
            return True
    return False


def _read(text: str, m: re.Match, floor: int, end: int) -> Quantity | None:
    """Read one quantity starting with the atom m, extending it right (shares, units, money)
    and left (currency symbols, hedges)."""
    a_start, a_end = m.start(), m.end()
    raw = m.group()
    group = m.lastgroup
    if group == "fraction":
        scaled = _OF_A_SCALE.match(text, a_end, end)
        value = _fraction_value(raw) if scaled else None
        of_one = _OF_ONE_PERCENT.match(text, a_end, end) if value is None and " " in text[a_end : a_end + 1] else None
        share = _fraction_value(raw) if of_one else None
        if share is not None:  # "a quarter of a percentage point": 0.0025 of a level
            q = Quantity(a_start, of_one.end(), "percent", share / 100, is_word=True)
            q.unit = "percentage_point" if of_one.group("points") else None
        elif value is not None:  # "half a million", "a quarter of a million", "half million": a count
            scale = MULTIPLIERS[scaled.group("scale").lower()]
            q = Quantity(a_start, scaled.end(), "number", value * scale, is_word=True)
            currency, stop = _currency_after(text, q.end, end)
            if currency:
                q.form, q.currency, q.end = "money", currency, stop
        else:  # after a hedge or "by" ("cut by a quarter"), "a quarter" is a share
            q = _fraction(
                text,
                m,
                hedge_before(text, a_start, floor)[1] != "exact"
                or bool(BY_BEFORE.search(text, max(floor, a_start - 4), a_start)),
            )
    elif group == "magnitude":
        lo, hi = MAGNITUDES[" ".join(raw.lower().split())]
        q = Quantity(a_start, a_end, "magnitude", None, lo, hi, "range", is_word=True)
        cur = _CURRENCY_WORD_AFTER.match(text, a_end, end) if text[a_end : a_end + 4].lower() == " of " else None
        cur_m = _OF_CURRENCY.match(text, a_end, end) if cur is None else None
        if cur_m:
            q.form, q.currency, q.end = "money", CURRENCY_WORDS[cur_m.group(1).lower()], cur_m.end()
    elif group == "aunit":
        q = None
        if hedge_before(text, a_start, floor)[1] != "exact":
            unit = raw.split()[-1].lower()
            q = Quantity(a_start, a_end, "duration", 1.0, unit=DURATION_UNITS[unit], is_word=True)
    elif group == "ordinal":  # "a fifth time": a count of occurrences
        q = Quantity(a_start, a_end, "number", float(lex.ORDINAL_WORDS[raw.lower()]), is_word=True)
    elif group == "twice":
        value = lex.RATIO_WORDS[raw.lower()]
        q = Quantity(a_start, a_end, "ratio", float(value), unit="ratio", is_word=True)
    elif group == "ratio_verb":  # "profits doubled", "the deficit halved"
        q = Quantity(a_start, a_end, "ratio", float(lex.RATIO_VERBS[raw.lower()]), unit="ratio", is_word=True)
    else:
        q = _number(text, m, floor, end)
    if q is None:
        return None
    q.signed = raw[:1] in "-+−"
    lead = text[max(floor, q.start - _MINUS_REACH) : q.start].lower() if not q.signed else ""
    minus = (
        _MINUS_BEFORE.search(text, max(floor, q.start - _MINUS_REACH), q.start)
        if (lead and holds_any(lead, lex.NEGATIVE_WORDS))
        else None
    )
    if minus and q.form in ("number", "percent", "money", "measure", "fraction"):  # "wage growth of minus 2%"
        q.start, q.signed = minus.start(), True
        if q.value is not None:
            q.value = -q.value
        elif q.value_min is not None and q.value_max is not None:
            q.value_min, q.value_max = -q.value_max, -q.value_min
    q.number_start = q.start
    if q.form not in ("year", "split_year", "date"):
        q.start, qualifier = hedge_before(text, q.start, floor)
        if qualifier != "exact" and q.qualifier == "exact":
            q.qualifier = qualifier
        after = (
            _HEDGE_AFTER.match(text, q.end, end)
            if text[q.end : q.end + 4].lstrip(" ,\t\n")[:1] in _HEDGE_AFTER_FIRST
            else None
        )
        if after and q.qualifier in ("exact", "approx"):  # "about five hundred or more" is a bound
            qualifier = lex.HEDGES_AFTER[" ".join(after.group("hedge").lower().split())]
            if q.qualifier == "exact" or qualifier != "approx":
                q.qualifier = qualifier
                q.end = after.end()
    return q


# Comparatives after a share make it a change: "a third higher", "a quarter fewer".
HIGHER_AFTER = (" higher", " more", " bigger", " larger", " greater", " up ")
LOWER_AFTER = (" lower", " less", " fewer", " smaller", " down ")
_COMPARATIVES = HIGHER_AFTER + LOWER_AFTER


def _fraction_parts(raw: str) -> tuple[list[str], float, bool]:
    """A fraction in words split into its numerator's words, its denominator and whether that is
    plural: 'two thirds' -> (['two'], 3, True); 'a twenty-first' -> (['a'], 21, False)."""
    parts = _WORD_SEPARATOR.split(raw.lower())
    last = parts[-1]
    if len(parts) >= 2 and parts[-2] in TENS and last in lex.ALL_UNIT_ORDINALS:
        return parts[:-2], TENS[parts[-2]] + lex.ALL_UNIT_ORDINALS[last], last in lex.UNIT_ORDINAL_PLURALS
    plural = last in lex.FRACTION_PLURALS and last != "halves"
    return parts[:-1], FRACTIONS[last], plural


def _fraction_value(raw: str) -> float | None:
    """The value of a fraction in words ('a third', 'two thirds', 'half', 'three twenty-firsts'),
    or None when the words do not make one ('one thirds', 'two third', 'twenty-first' alone,
    which is a rank)."""
    numerator_words, denominator, plural = _fraction_parts(raw)
    if not numerator_words:  # "a half"; "twenty-first" alone is a rank, no fraction
        return None if _WORD_SEPARATOR.search(raw.strip()) else 1 / denominator
    numerator = 1 if numerator_words[0] in ("a", "one") else UNITS[numerator_words[0]]
    if (numerator == 1) == plural:
        return None
    return numerator / denominator


def _fraction(text: str, m: re.Match, hedged: bool = False) -> Quantity | None:
    """A fraction in words as a share, where it is one: 'a quarter of councils', 'two thirds',
    'nearly a third'; not 'the second half' or 'a fifth term'."""
    raw = m.group()
    numerator_words, _, _ = _fraction_parts(raw)
    parts = numerator_words + _WORD_SEPARATOR.split(raw.lower())[-1:]  # a numerator (if any), a denominator
    value = _fraction_value(raw)
    if value is None:
        return None
    if len(parts) == 1 and parts[0] in lex.FRACTION_PLURALS and parts[0] != "halves":
        return None  # "thirds" alone is not a share
    following = text[m.end() : m.end() + 12].lower()
    hedged = hedged or following.startswith(_COMPARATIVES)  # "a third higher than in 2015"
    ends_clause = following[:1] in _CLAUSE_ENDS
    if len(parts) == 1 and not hedged and not following.startswith((" of", " the", " a ", " an ")):
        return None  # "half" as in "the second half", "half-time"
    if (
        len(parts) == 2
        and not hedged
        and not following.startswith((" of", " the", " a ", " an ", " their", " its", " all"))
    ):
        several = parts[0] not in ("a", "one")  # "two thirds", "three quarters": a share wherever it stands
        if not several and not ends_clause and (not following.startswith(" ") or parts[0] not in UNITS):
            return None  # "a fifth term"
    if parts[-1] in ("quarter", "quarters") and (
        _ORDINAL_BEFORE.search(text[max(0, m.start() - 12) : m.start()]) or following.startswith(" past")
    ):
        return None  # "the second quarter", "a quarter past ten"
    return Quantity(m.start(), m.end(), "fraction", value, is_word=True, numerator=None, denominator=None)


_CLAUSE_ENDS = ("", ".", ",", ";", ":", "!", "?", ")", "\n")


class _Figure:
    """A figure being read: the number atom's value and where it ends, then (once the amount
    stage has run) its currency, multiplier and the span of the amount."""

    __slots__ = (
        "text",
        "floor",
        "end",
        "raw",
        "start",
        "a_end",
        "value",
        "is_word",
        "after",
        "currency",
        "q_start",
        "q_end",
        "multiplier",
    )

    def __init__(
        self, text: str, floor: int, end: int, raw: str, start: int, a_end: int, value: float, is_word: bool
    ) -> None:
        self.text, self.floor, self.end, self.raw = text, floor, end, raw
        self.start, self.a_end, self.value, self.is_word = start, a_end, value, is_word
        # The text just after the figure, lower-cased: readers look in it for the word their
        # pattern cannot match without ("fold", "in", "of", "per") before trying the pattern.
        self.after = text[a_end : a_end + 16].lower()
        self.currency, self.q_start, self.q_end, self.multiplier = None, start, a_end, 1


_NO_CLAIM = object()  # a reader's answer: the figure is read, and it is no claim ("on 3/4")


def _fold(f: _Figure):
    """'four-fold', 'tenfold', 'a 3-fold rise': a ratio."""
    fold = _FOLD.match(f.text, f.a_end, f.end) if "fold" in f.after else None
    return Quantity(f.start, fold.end(), "ratio", f.value, unit="ratio", is_word=f.is_word) if fold else None


def _slash_fraction(f: _Figure):
    """'3/4 of pensioners', '1/4 inch'; 'on 3/4' is a day and month, no claim."""
    text, a_end = f.text, f.a_end
    if f.is_word or "/" not in text[a_end : a_end + 2] or not f.raw.lstrip("-+−").isdigit():
        return None
    slash = _SLASH_FRACTION.match(text, a_end, f.end)
    if not slash or not 0 < abs(f.value) < int(slash.group("den")):
        return None
    if int(slash.group("den")) <= 12 and _DATE_PREPOSITION_BEFORE.search(text, max(f.floor, f.start - 7), f.start):
        return _NO_CLAIM
    return _digit_fraction(text, f.start, slash.end(), f.value / int(slash.group("den")), f.end)


def _year_span(f: _Figure):
    """'2012/13', '2013-14' and '1990s': a split year or a decade."""
    if f.is_word or not f.text.startswith(lex.YEAR_CENTURIES, f.start):
        return None
    for pattern, handler in ((_SPLIT_YEAR, _split_year), (_DECADE, _decade)):
        sm = pattern.match(f.text, f.start, f.end)
        if sm:
            return handler(sm)
    return None


def _day_of_month(f: _Figure):
    """'4 November 2013' is a date; '16 March', a day and month without a year, is one too
    (--03-16, as ISO 8601 writes a date of no year)."""
    if f.is_word or len(f.raw) > 2:
        return None
    dm = _DATE_DMY.match(f.text, f.start, f.end)
    if not dm:
        return None
    return _date(dm)


def _share(f: _Figure):
    """'one in seven', 'one-in-three', '60 out of the 87'."""
    share = _SHARE.match(f.text, f.a_end, f.end) if ("in" in f.after or "out" in f.after) else None
    if not share:
        return None
    value, den_text = f.value, share.group("den")
    den = atom_value(den_text)
    if not den or den <= value or (1800 <= den <= 2100 and "." not in den_text and not den_text[0].isalpha()):
        return None
    if value == 1 or share.group("link").lower() != "in" or den <= 1000:
        return Quantity(f.start, share.end(), "share", value / den, numerator=value, denominator=den, is_word=f.is_word)
    return None


def _over(f: _Figure):
    """'one over three', '1 over 20', '2000 over 3': the first number divided by the second."""
    over = _OVER.match(f.text, f.a_end, f.end) if holds_any(f.after, lex.FRACTION_LINKS) else None
    den = atom_value(over.group("den")) if over else None
    if not den:
        return None
    value = f.value / den
    return Quantity(f.start, over.end(), "fraction" if abs(value) < 1 else "number", value, is_word=f.is_word)


def _per_base(f: _Figure):
    """'70 per 10,000 children', '11.2 deaths per 100,000 people': a share of a round base."""
    if f.text[f.start - 1 : f.start] in ("£", "$", "€") or f.text.find("per", f.a_end, f.a_end + 64) < 0:
        return None
    per = _PER_BASE.match(f.text, f.a_end, f.end)
    den = atom_value(per.group("den")) if per else None
    if den and den > f.value:
        return Quantity(
            f.start, per.end(), "share", f.value / den, numerator=f.value, denominator=den, is_word=f.is_word
        )
    return None


def _of_share(f: _Figure):
    """'two of its five', '12 of the 40': a share of a whole named after it."""
    of_share = _OF_SHARE.match(f.text, f.a_end, f.end) if f.value >= 2 and "of" in f.after else None
    if not of_share:
        return None
    den = atom_value(of_share.group("den"))
    if den and den > f.value and not _PERCENT.match(f.text, of_share.end(), f.end):
        return Quantity(
            f.start, of_share.end(), "share", f.value / den, numerator=f.value, denominator=den, is_word=f.is_word
        )
    return None


def percent_scale(pm: re.Match) -> tuple[float, str | None]:
    """What one of the percentage words _PERCENT matched is worth as a share, and its unit:
    "%" 0.01; "percentage points" 0.01 of a level; "basis points" 0.0001 of a level."""
    if pm.group("bps"):
        return 0.0001, "percentage_point"
    return 0.01, ("percentage_point" if pm.group("points") else None)


def _percent(f: _Figure):
    """'13%', '3.5 per cent', '2 percentage points', '25 basis points'."""
    value, a_end = _mixed_fraction(f)
    pm = _PERCENT.match(f.text, a_end, f.end)
    if not pm:
        return None
    share, unit = percent_scale(pm)
    q = Quantity(f.start, pm.end(), "percent", value * share, is_word=f.is_word)
    q.unit = unit
    return q


def _mixed_fraction(f: _Figure) -> tuple[float, int]:
    """The figure's value and end with a mixed fraction after it read on: "2 1/4", "10 1/2
    miles", and the newswire's "7-1/2 pct" (7.5%)."""
    text, a_end = f.text, f.a_end
    if not f.is_word and "/" in text[a_end : a_end + 6] and f.raw.isdigit():
        mixed = _MIXED_FRACTION.match(text, a_end, f.end)
        if mixed and int(mixed.group("num")) < int(mixed.group("den")):
            return f.value + int(mixed.group("num")) / int(mixed.group("den")), mixed.end()
    return f.value, a_end


def _read_amount(f: _Figure) -> None:
    """Read on from the figure over what makes it an amount: a mixed fraction ("2 1/4"), a currency
    before it, "and a half", a scale ("£2bn", "10k"), a currency word, code or sign after it
    ("20 billion francs", "500 USD", "10 €") and cents ("3 dollars 50 cents")."""
    text, end, is_word = f.text, f.end, f.is_word
    a_start = f.start
    value, a_end = _mixed_fraction(f)
    if is_word or (
        text[a_start - 1 : a_start] not in _CURRENCY_BEFORE_LAST
        and text[a_start - 2 : a_start - 1] not in _CURRENCY_BEFORE_LAST
    ):
        currency, q_start, scale = None, a_start, 1  # no sign, code or currency word ends there
    else:
        currency, q_start, scale = _currency_before(text, f.floor, a_start)
    if not is_word and text[a_end : a_end + 1] == "," and f.raw.isdigit():
        comma = DECIMAL_COMMA.match(text, a_end, end)
        if comma and (
            currency or _CURRENCY_WORD_AFTER.match(text, comma.end(), end) or _CODE_AFTER.match(text, comma.end(), end)
        ):
            value, a_end = float(f"{f.raw}.{comma.group('dec')}"), comma.end()
    q_end = a_end
    multiplier = scale
    and_after = not is_word and "and" in text[a_end : a_end + 8].lower()
    if and_after:
        half = _AND_A_FRACTION.match(text, a_end, end)
        if half and _MULTIPLIER.match(text, half.end(), end):  # "5 and a half million"
            value += 1 / FRACTIONS[half.group("den").lower()]
            q_end = a_end = half.end()
    mm = _MULTIPLIER.match(text, a_end, end)
    if mm and not (is_word and (mm.group("mult").lower() in SCALES or mm.group("mult").lower() in lex.DOZEN_WORDS)):
        if _scale_applies(text, mm, f.raw, currency, end):
            multiplier *= MULTIPLIERS[mm.group("mult").lower()]
            q_end = mm.end()
    if multiplier > 1 and not is_word and mm and mm.group("mult").lower() in SCALES:
        value, multiplier, q_end = _scale_goes_on(text, q_end, end, value * multiplier, multiplier)
    if multiplier > 1 and not is_word:
        half = _AND_A_FRACTION.match(text, q_end, end) if "and" in text[q_end : q_end + 8].lower() else None
        if half and multiplier >= 1000:  # "3 million and a half"
            value += 1 / FRACTIONS[half.group("den").lower()]
            q_end = half.end()
    elif and_after:
        half = _AND_A_FRACTION.match(text, q_end, end)
        if half and _UNIT_AFTER.match(text, half.end(), end):  # "two and a half miles"
            value += 1 / FRACTIONS[half.group("den").lower()]
            q_end = half.end()
    if currency is None:
        cw = _CURRENCY_WORD_AFTER.match(text, q_end, end)
        if cw and not (cw.group("cur").lower() == "p" and is_word):
            word = " ".join(cw.group("cur").lower().split())
            currency = CURRENCY_WORDS[word]
            q_end = cw.end()
            if word in CURRENCY_SUBUNITS:
                multiplier = multiplier / 100
            elif multiplier == 1:
                cents = _CENTS_AFTER.match(text, q_end, end)
                cents_value = atom_value(cents.group("cents")) if cents else None
                if cents_value is not None and 0 < cents_value < 100 and cents_value.is_integer():
                    value += cents_value / 100  # "3 dollars 50 cents", "thirteen dollars and forty-five cents"
                    q_end = cents.end()
        elif (
            text[q_end + (text[q_end : q_end + 1] == " ") : q_end + 2 - (text[q_end : q_end + 1] != " ")]
            in _CODE_AFTER_FIRST
        ):
            code = _CODE_AFTER.match(text, q_end, end)
            if code:  # "500 USD", "115USD", "30 MUSD", "10 €"
                if code.group("code"):
                    found = code.group("code")
                    if code.group("mscale"):
                        found, multiplier = found[1:], multiplier * 1_000_000
                    currency = CURRENCY_SYMBOLS[found.lower()]
                else:
                    currency = lex.CURRENCY_SIGNS[code.group("sign")]
                q_end = code.end()
                after = _MULTIPLIER.match(text, q_end, end) if multiplier == 1 else None
                if after and after.group("mult").lower() not in _SHORT_SCALES:  # "75 USD million"
                    multiplier, q_end = MULTIPLIERS[after.group("mult").lower()], after.end()
                elif multiplier == 1 and code.group("code") and code.group("code").isupper() and value.is_integer():
                    cents = _CENTS_AFTER.match(text, q_end, end)  # "17 USD 25.", "15 USD 50 cents"
                    if cents and cents.group().split(None, 1)[0].lower() == "and":
                        cents = None  # "10 USD and 30": two amounts
                    cents_value = atom_value(cents.group("cents")) if cents else None
                    if cents_value is not None and 0 < cents_value < 100 and cents_value.is_integer():
                        value += cents_value / 100
                        q_end = cents.end()
    if currency is None and multiplier > 1:
        scaled = _SCALED_CURRENCY_AFTER.match(text, q_end, end)
        if scaled:  # "32 mln marks"
            currency, q_end = lex.SCALED_CURRENCY_WORDS[scaled.group("cur").lower()], scaled.end()
    f.a_end, f.value, f.currency, f.q_start, f.q_end, f.multiplier = a_end, value, currency, q_start, q_end, multiplier


_SCALED_CURRENCY_AFTER = re.compile(rf"\s+(?P<cur>{words_pattern(lex.SCALED_CURRENCY_WORDS)})", re.IGNORECASE)


# What may go on a figure and a scale word in words: a smaller number and scale ("4 thousand 3
# hundred"), or after "hundred", "and" and a number below a hundred ("3 hundred and 21").
_SCALE_GOES_ON = re.compile(
    rf"\s+(?P<link>and\s+)?(?P<n>\d{{1,3}}(?![.,]?\d)|{_WORD_NUMBER})(?![^\W_])(?:\s+(?P<scale>{words_pattern(SCALES)}))?(?![^\W_])",
    re.IGNORECASE,
)


def _scale_goes_on(text: str, at: int, end: int, total: float, scale: float) -> tuple[float, float, int]:
    """Read on from a figure and its scale word ("4 thousand", worth total) over the smaller parts
    said after it, as the word reader does in words: (value, multiplier, end). The multiplier is 1
    once a part is read, as the value then holds it."""
    multiplier = scale
    while True:
        part = _SCALE_GOES_ON.match(text, at, end)
        n = atom_value(part.group("n")) if part else None
        if not n or not n.is_integer():
            break
        smaller = SCALES[part.group("scale").lower()] if part.group("scale") else None
        if smaller and smaller < scale and n < 1000 and not part.group("link"):
            total, scale, at = total + n * smaller, smaller, part.end()
        elif smaller is None and part.group("link") and scale == 100 and n < 100:
            total, scale, at = total + n, 1, part.end()
        else:
            break
        multiplier = 1
    return (total, 1, at) if multiplier == 1 else (total / multiplier, multiplier, at)


def _money_between(f: _Figure):
    """'between £150,000 and £180,000', 'between £1m and £2m'."""
    if not f.currency or f.is_word:
        return None
    return _between_money(f.text, f.floor, f.q_start, f.q_end, f.end, f.value, f.multiplier, f.currency)


def _dash(f: _Figure):
    """'25,000-30,000', '10-15%', '£5-£10m', '4-6 weeks': a range after a dash; '5k-20k',
    '£5m-£10m': one after a scaled figure, when the second has the same scale."""
    if f.is_word:
        return None
    if f.multiplier != 1:
        return _scaled_dash(f)
    dash = _DASH_RANGE.match(f.text, f.a_end, f.end)
    if (
        dash
        and atom_value(dash.group("hi")) > f.value
        and (not dash.group("cur") or CURRENCY_SYMBOLS.get(dash.group("cur")) == f.currency)
    ):
        q = _dash_range(f.text, dash, f.value, f.q_start, f.end, f.currency)
        return _NO_CLAIM if q is None else q  # "12-14 June": days of a month
    return None


def _scaled_dash(f: _Figure):
    """'5k-20k', '£5m-£10m', '10bn-20bn': a range of two figures with one scale."""
    dash = _DASH_RANGE.match(f.text, f.q_end, f.end) if f.text[f.q_end : f.q_end + 1] in "-–—~ " else None
    mm = _MULTIPLIER.match(f.text, dash.end(), f.end) if dash else None
    if not mm or MULTIPLIERS[mm.group("mult").lower()] * (f.multiplier / _scale_of(f)) != f.multiplier:
        return None
    high = atom_value(dash.group("hi"))
    if high <= f.value or dash.group("cur") and CURRENCY_SYMBOLS.get(dash.group("cur")) != f.currency:
        return None
    low, high = f.value * f.multiplier, high * f.multiplier
    if f.currency:
        return Quantity(f.q_start, mm.end(), "money", None, low, high, "range", currency=f.currency)
    return Quantity(f.start, mm.end(), "number", None, low, high, "range")


def _scale_of(f: _Figure) -> float:
    """The scale word's or letter's part of a figure's multiplier ("m" of "£5m": a million)."""
    mm = _MULTIPLIER.match(f.text, f.a_end, f.end)
    return MULTIPLIERS[mm.group("mult").lower()] if mm else f.multiplier


def _money(f: _Figure):
    """'£2bn', '500 USD', 'twenty pounds'."""
    if not f.currency:
        return None
    return Quantity(f.q_start, f.q_end, "money", f.value * f.multiplier, currency=f.currency, is_word=f.is_word)


def _year(f: _Figure):
    """Four digits from 1800 to 2099, alone: a year."""
    raw = f.raw
    if f.multiplier == 1 and not f.is_word and len(raw) == 4 and raw.isdigit() and 1800 <= f.value <= 2099:
        return Quantity(f.start, f.a_end, "year", int(f.value))
    return None


def _between_range(f: _Figure):
    """'between 30 and 40', 'between two and 15 acres', 'between 18 and 21 per cent'."""
    text, end, value = f.text, f.end, f.value
    rng = _RANGE_TAIL.match(text, f.q_end, end)
    first_unit = None
    if not rng and f.multiplier == 1:  # "between 44 mg and 50 mg": the unit said with both figures
        first_unit = _unit_after(text, f.q_end, end)
        rng = _RANGE_TAIL.match(text, first_unit.end(), end) if first_unit else None
    if not rng or not rng.group(0).strip().lower().startswith("and") or f.multiplier != 1 or rng.group("cur"):
        return None
    # "between negative ten and fifteen": the sign word stands between "between" and the figure
    minus = (
        _MINUS_BEFORE.search(text, max(f.floor, f.start - _MINUS_REACH), f.start)
        if (holds_any(text[max(f.floor, f.start - _MINUS_REACH) : f.start].lower(), lex.NEGATIVE_WORDS))
        else None
    )
    if minus:
        value = -value
    between = _between_before(text, f.floor, minus.start() if minus else f.start, 9)
    hi = atom_value(rng.group("hi")) if between is not None else None
    if hi is None or hi <= value:
        return None
    if first_unit is not None:
        second = _unit_after(text, rng.end(), end)
        if not second or second.group("unit").lower() != first_unit.group("unit").lower():
            return None
    if _MONTH_AFTER.match(text, rng.end(), end):  # "between 24 and 26 December"
        return Quantity(between, rng.end(), "number", None, value, hi, "range", is_word=f.is_word)
    # what follows the second figure is both's: "between 5 and 10 million dollars", "18 and 21 per cent"
    return _dash_range(text, rng, value, between, end, None, f.is_word)


# "50 to 80%", "5 to 10 mln dlrs", "three to five years": a range, when the first figure is bare
# (what follows the second is both's). After "from" or a change word it is a change and a level
# ("rose from 5 to 10%", "up 1.20 to 18.50 dlrs"), two claims.
_TO_RANGE = re.compile(rf"\s+to\s+(?P<hi>{_DIGITS}|{_WORD_NUMBER})\b(?![\d/]|[.,]\d)", re.IGNORECASE)
_CHANGE_OR_FROM = (*lex.CHANGE_WORDS, *lex.FROM_WORDS)
_CHANGE_OR_FROM_BEFORE = re.compile(rf"(?<![^\W_])(?:{words_pattern(_CHANGE_OR_FROM)})\s+$", re.IGNORECASE)
_CHANGE_REACH = max(map(len, _CHANGE_OR_FROM)) + 3


def _to_range(f: _Figure):
    """'50 to 80%', '5 to 10 mln dlrs', 'three to five years'."""
    text, end = f.text, f.end
    if f.currency or f.q_end != f.a_end or " to " not in text[f.a_end : f.a_end + 5].lower():
        return None
    to = _TO_RANGE.match(text, f.a_end, end)
    hi = atom_value(to.group("hi")) if to else None
    if (
        hi is None
        or hi <= f.value
        or _CHANGE_OR_FROM_BEFORE.search(text, max(f.floor, f.start - _CHANGE_REACH), f.start)
    ):
        return None
    q = _dash_range(text, to, f.value, f.start, end, None, f.is_word)
    if q is None or (q.form == "number" and q.end == to.end()):
        return None  # days of a month, or two bare numbers ("aged 5 to 7" reads as two): as before
    return q


def _with_unit(f: _Figure):
    """'four years', '25lbs', '3-inch', 'three times the rate'; a scaled figure with a measure
    after it, '2.5 million tonnes', '1.08 mln tonnes', '2m barrels'."""
    um = _unit_after(f.text, f.q_end, f.end)
    if not um:
        return None
    unit = um.group("unit").lower()
    if f.multiplier != 1:
        if unit not in MEASURE_UNITS or unit == "points":
            return None
        return Quantity(
            f.start, um.end(), "measure", f.value * f.multiplier, unit=MEASURE_UNITS[unit], is_word=f.is_word
        )
    if unit in DURATION_UNITS and not f.text.startswith(_AGE_AFTER_UNIT, um.end()):
        return Quantity(f.start, um.end(), "duration", f.value, unit=DURATION_UNITS[unit], is_word=f.is_word)
    if unit in MEASURE_UNITS and unit != "points":
        return _compound_measure(f, um.end(), MEASURE_UNITS[unit])
    if unit == "times" and _COMPARISON_AFTER.match(f.text[um.end() : um.end() + 10]):
        return Quantity(f.start, um.end(), "ratio", f.value, unit="ratio", is_word=f.is_word)
    return None


def _compound_measure(f: _Figure, at: int, unit: str) -> Quantity:
    """A measure, read on over a smaller unit after it: "6ft 2in" is 6 1/6 feet."""
    rest = _COMPOUND_AFTER.match(f.text, at, f.end) if unit in _COMPOUND_LARGER else None
    if rest:
        smaller = _SMALLER_UNITS.get(rest.group("unit").lower())
        per = lex.COMPOUND_MEASURES.get((unit, smaller))
        amount = float(rest.group("n"))
        if per and amount < per:
            return Quantity(f.start, rest.end(), "measure", f.value + amount / per, unit=unit, is_word=f.is_word)
    return Quantity(f.start, at, "measure", f.value, unit=unit, is_word=f.is_word)


def _plain(f: _Figure):
    """Any other figure: a number (a count, or another number), scaled."""
    return Quantity(f.start, f.q_end, "number", f.value * f.multiplier, is_word=f.is_word)


# The readers of a figure, in the order they are tried; the first answer wins. Those before the
# amount stage read what follows the bare figure (a share, a percentage, a year); those after it
# see its currency and scale. To add a form, write a reader and place it here.
_FIGURE_READERS = (_fold, _slash_fraction, _over, _year_span, _day_of_month, _share, _per_base, _of_share, _percent)
_AMOUNT_READERS = (_money_between, _dash, _money, _year, _between_range, _to_range, _with_unit, _plain)


def _number(text: str, m: re.Match, floor: int, end: int) -> Quantity | None:
    """The quantity a number atom starts, reading words before it no further back than floor."""
    raw = m.group()
    a_start, a_end = m.start(), m.end()
    is_word = m.lastgroup == "words"
    if is_word:  # the words that make one number: "two" of "two and three"
        read = word_number_prefix(raw)
        if read is None:
            return None
        value, size = read
        raw, a_end = raw[:size], a_start + size
    else:
        value = atom_value(raw)
    if value is None:
        return None
    figure = _Figure(text, floor, end, raw, a_start, a_end, value, is_word)
    for reader in _FIGURE_READERS:
        q = reader(figure)
        if q is not None:
            return None if q is _NO_CLAIM else q
    _read_amount(figure)
    for reader in _AMOUNT_READERS:
        q = reader(figure)
        if q is not None:
            return None if q is _NO_CLAIM else q
    return None


def _unit_after(text: str, at: int, end: int) -> re.Match | None:
    """The unit after a figure: spaced, glued ("25lbs") or hyphenated ("3-inch"). A unit of one
    letter ("t", "g", "m") counts only glued and in lower case ("100t", not "4G"); "m" only
    before a dimension ("1.8m tall"), as it is more often millions."""
    um = _UNIT_AFTER.match(text, at, end)
    if um is None:
        return None
    unit = um.group("unit")
    if len(unit) == 1 and unit.isalpha() and (um.group("gap") or not unit.islower()):
        return None
    if unit.lower() == "m" and not _DIMENSION_AFTER.match(text, um.end(), end):
        return None
    return um


_SMALLER_UNITS = {
    **{w: u for w, u in MEASURE_UNITS.items() if u in {s for _, s in lex.COMPOUND_MEASURES}},
    **lex.COMPOUND_ONLY_UNITS,
}
_COMPOUND_LARGER = frozenset(large for large, _ in lex.COMPOUND_MEASURES)
_COMPOUND_AFTER = re.compile(
    rf"\s*(?:and\s+)?(?P<n>\d{{1,4}}(?:\.\d+)?)\s?(?P<unit>{words_pattern(_SMALLER_UNITS)})", re.IGNORECASE
)
_AGE_AFTER_UNIT = ("-old", " old", " of age")  # "95 years of age", "a 34-year-old": an age, not a duration
_AND_A_FRACTION = re.compile(rf"\s+and\s+(?:a|one)\s+(?P<den>{words_pattern(lex.FRACTION_WORDS)})", re.IGNORECASE)


def _currency_before(text: str, floor: int, start: int) -> tuple[str | None, int, float]:
    """(currency, where it starts, scale) of a currency written before a figure at start: "£",
    "HK$", "c $", "USD", "MAUD" (a million Australian dollars), "pounds"; (None, start, 1) if none."""
    left = text[max(floor, start - _CURRENCY_REACH) : start]
    cm = _CURRENCY_BEFORE.search(left)
    if cm:
        scale = 1.0
        if cm.group("prefix") is not None:
            prefix = cm.group("prefix").lower()
            if prefix in lex.DOLLAR_PREFIXES_GLUED_ONLY and cm.group("cur")[len(prefix)] != "$":
                return "USD", start - (len(left) - cm.end("cur")) - 1, 1.0  # "a $5 bill": the sign alone
            currency = lex.DOLLAR_PREFIXES[prefix]
        elif cm.group("cur") in lex.CURRENCY_SIGNS:
            currency = lex.CURRENCY_SIGNS[cm.group("cur")]
        else:
            code = cm.group("cur")
            if cm.group("mscale_before"):
                code, scale = code[1:], 1_000_000.0
            currency = lex.CURRENCY_CODES[code.lower()]
        return currency, start - (len(left) - cm.start()), scale
    return _currency_word_before(text, floor, start)


def _currency_word_before(text: str, floor: int, start: int) -> tuple[str | None, int, float]:
    """A currency word before a figure ("pounds 7.2bn"), as _currency_before gives it."""
    lead = text[max(floor, start - 9) : start]
    if holds_any(lead.lower(), _CURRENCY_WORD_BEFORE_GATE):
        wm = _CURRENCY_WORD_BEFORE.search(lead)
        if wm:
            return CURRENCY_WORDS[wm.group(1).lower()], start - (len(lead) - wm.start(1)), 1.0
    return None, start, 1.0


def _scale_applies(text: str, mm: re.Match, raw: str, currency: str | None, end: int) -> bool:
    """Whether the scale word or letter mm after a figure multiplies it. Words and "bn", "mn",
    "k" always; "M" (a capital) always; "b" glued ("1.2b"); "m" after money, before a plural noun
    ("2.5m people"), or glued to a decimal that ends the clause ("Waiting list: 7.6m."), never
    before a dimension ("1.8m tall"); else "m" is metres or part of a code."""
    word = mm.group("mult")
    low = word.lower()
    if low not in _SHORT_SCALES:
        return True
    if low == "m" and _DIMENSION_AFTER.match(text, mm.end(), end):
        return False
    if currency or word == "M" or low == "k":
        return True
    glued = mm.start("mult") == mm.start()
    if low == "b":
        return glued
    if _PLURAL_NOUN.match(text, mm.end(), end):
        return True
    return glued and "." in raw and text[mm.end() : mm.end() + 1] in _CLAUSE_ENDS


def _currency_after(text: str, at: int, end: int) -> tuple[str | None, int]:
    """(currency, end) of a currency word or code right after at ("half a million pounds",
    "a quarter million us dollars", "half million usd"); (None, at) if none."""
    cw = _CURRENCY_WORD_AFTER.match(text, at, end)
    if cw and cw.group("cur").lower() not in CURRENCY_SUBUNITS:
        return CURRENCY_WORDS[" ".join(cw.group("cur").lower().split())], cw.end()
    code = _CODE_AFTER.match(text, at, end)
    if code and code.group("code") and not code.group("mscale"):
        return CURRENCY_SYMBOLS[code.group("code").lower()], code.end()
    return None, at


def _digit_fraction(text: str, start: int, stop: int, value: float, end: int) -> Quantity:
    """A fraction in digits ("3/4", "1/40 of") as a share, or with a unit after it as a measure."""
    um = _unit_after(text, stop, end)
    if um and um.group("unit").lower() in MEASURE_UNITS:
        return Quantity(start, um.end(), "measure", value, unit=MEASURE_UNITS[um.group("unit").lower()])
    return Quantity(start, stop, "fraction", value)


# A second figure after a dash, closing a range: "25,000-30,000", "10-15%", "£5-£10m", "3 – 4 per
# cent". A hyphen must touch both figures (" - " is a dash between clauses); the second figure
# must end there, not go on into a phone number or a date ("1-800-555", "10-12/3"); a multiplier
# or unit may follow it ("£5-10m", "4-6 weeks").
_DASH_RANGE = re.compile(
    r"(?:-|\s-\s|\s?[–—~]\s?)(?P<cur>[£$€])?(?P<hi>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d/-]|[.,]\d)"
)
_MONTH_AFTER = re.compile(rf"\s+{MONTH_RE}\b")


def _dash_range(
    text: str, dash: re.Match, low: float, start: int, end: int, currency: str | None, is_word: bool = False
) -> Quantity | None:
    """The range that a figure and the figure after a dash make, read on past the second: a
    percentage, a multiplier ("£5-10m") and a currency word, or a unit. None for days of a month
    ("12-14 June", "April 1-15"), which are left unread: no claim."""
    high = atom_value(dash.group("hi"))
    at = dash.end()
    if _MONTH_AFTER.match(text, at, end) or _MONTH_BEFORE.search(text, max(0, start - _MONTH_REACH), start):
        return None
    percent = _PERCENT.match(text, at, end)
    if percent:
        share, unit = percent_scale(percent)
        q = Quantity(start, percent.end(), "percent", None, low * share, high * share, "range", is_word=is_word)
        q.unit = unit
        return q
    multiplier = 1
    mm = _MULTIPLIER.match(text, at, end)
    if mm and (currency or mm.group("mult").lower() not in _SHORT_SCALES):  # "4-6m" may be metres
        multiplier, at = MULTIPLIERS[mm.group("mult").lower()], mm.end()
    if currency is None:
        cw = _CURRENCY_WORD_AFTER.match(text, at, end)
        if cw:
            word = cw.group("cur").lower()
            currency, at = CURRENCY_WORDS[word], cw.end()
            if word in ("pence", "p", "cents"):
                multiplier = multiplier / 100
    if currency:
        return Quantity(start, at, "money", None, low * multiplier, high * multiplier, "range", currency=currency)
    unit_m = _UNIT_AFTER.match(text, at, end)
    unit = unit_m.group("unit").lower() if unit_m else ""
    if unit in DURATION_UNITS and multiplier == 1:
        return Quantity(start, unit_m.end(), "duration", None, low, high, "range", unit=DURATION_UNITS[unit])
    if unit in MEASURE_UNITS and unit != "points":  # "4-6 weeks"; "7.5 to 7.7 mln tonnes"
        low, high = low * multiplier, high * multiplier
        return Quantity(start, unit_m.end(), "measure", None, low, high, "range", unit=MEASURE_UNITS[unit])
    return Quantity(start, at, "number", None, low * multiplier, high * multiplier, "range", is_word=is_word)


def _between_before(text: str, floor: int, start: int, reach: int) -> int | None:
    """Where "between" starts, when it (and white space) ends at start, within reach characters
    and not before floor; else None."""
    lead = text[max(floor, start - reach) : start]
    m = _BETWEEN_BEFORE.search(lead) if "etween" in lead.lower() else None
    return start - (len(lead) - m.start()) if m else None


def _between_money(
    text: str, floor: int, start: int, at: int, end: int, low: float, multiplier: float, currency: str
) -> Quantity | None:
    """'between £150,000 and £180,000', 'between £1m and £2m': a range of money, or None. The
    first amount starts at start (its currency symbol) and ends at at, its figure low read with
    multiplier; without one of its own it takes the second's ("between £1.5 and £2 billion")."""
    between = _between_before(text, floor, start, 10)
    rng = _AND_AMOUNT.match(text, at, end) if between is not None else None
    if not rng or rng.group("cur") and CURRENCY_SYMBOLS.get(rng.group("cur")) != currency:
        return None
    high = atom_value(rng.group("hi"))
    stop = rng.end()
    mm = _MULTIPLIER.match(text, stop, end)
    high_multiplier = MULTIPLIERS[mm.group("mult").lower()] if mm else 1
    if mm:
        stop = mm.end()
    low *= multiplier if multiplier != 1 else high_multiplier
    if high is None or high * high_multiplier <= low:
        return None
    high *= high_multiplier
    return Quantity(between, stop, "money", None, low, high, "range", currency=currency)


def _split_year(m: re.Match) -> Quantity:
    a, b = int(m.group("a")), m.group("b")
    hi = int(b) if len(b) == 4 else (a // 100) * 100 + int(b)
    if hi <= a:
        hi = a + 1
    return Quantity(m.start(), m.end(), "split_year", None, float(a), float(hi), "range")


def _decade(m: re.Match) -> Quantity:
    y = int(m.group("y"))
    return Quantity(m.start(), m.end(), "split_year", None, float(y), float(y + 9), "range")


def _date(m: re.Match) -> Quantity:
    return Quantity(m.start(), m.end(), "date", _day_iso(m))


def _day_iso(m: re.Match) -> str:
    """A day's ISO 8601 string from a match with a month, a day and perhaps a year: 1987-03-19,
    or --03-19 with no year."""
    month = MONTHS[m.group("m").lower().rstrip(".")]
    day, year = int(m.group("d")), m.group("y")
    return f"{int(year):04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


_MONTH_START = re.compile(trie_pattern(sorted({m[:3].capitalize() for m in MONTHS})))
# "the first quarter of 2004", "the second half of 2005": a part of a year.
_YEAR_PART = re.compile(
    rf"(?<![^\W_])(?P<ord>{words_pattern(lex.YEAR_PART_ORDINALS)})[\s-]+(?P<part>{words_pattern(lex.YEAR_PARTS)})"
    rf"\s+of\s+(?:the\s+year\s+)?(?P<y>{_YEAR})\b",
    re.IGNORECASE,
)
_YEAR_PART_GATES = tuple(p[1:] for p in lex.YEAR_PARTS)  # "uarter", "alf": in either case of the first letter


def year_part_dates(text: str, start: int, end: int) -> list[Quantity]:
    """'the first quarter of 2004' (2004-Q1), 'the second half of 2005' (2005-H2), 'the last quarter
    of 2003' (2003-Q4), between start and end."""
    if not any(text.find(gate, start, end) >= 0 for gate in _YEAR_PART_GATES):
        return []
    out = []
    for m in _YEAR_PART.finditer(text, start, end):
        letter, count = lex.YEAR_PARTS[m.group("part").lower()]
        number = lex.YEAR_PART_ORDINALS[m.group("ord").lower()] or count
        if number <= count:
            out.append(Quantity(m.start(), m.end(), "date", f"{int(m.group('y')):04d}-{letter}{number}"))
    return out


def month_dates(text: str, start: int, end: int) -> list[Quantity]:
    """'April 2015', 'June 29, 2016', 'March 19': dates led by a month name, between start and end, and parts
    of a year ('the first quarter of 2004'). A stretch with no month's first three letters is
    skipped with one quick scan."""
    out = year_part_dates(text, start, end)
    if not _MONTH_START.search(text, start, end):
        return out
    for pattern in (_DATE_MDY, _DATE_MY):
        for m in pattern.finditer(text, start, end):
            month = MONTHS[m.group("m").lower().rstrip(".")]
            groups = m.groupdict()
            if groups.get("d"):  # "March 19, 1987"; "March 19" of no year is --03-19
                iso = _day_iso(m)
            elif groups.get("y"):
                iso = f"{int(m.group('y')):04d}-{month:02d}"
            else:
                continue
            out.append(Quantity(m.start(), m.end(), "date", iso))
    return out
