"""The number normaliser: finds numeric expressions in text and reads their value.

Table-driven and context-free: it knows how numbers are written ("one in seven", "60 out of
the 87", "£2bn", "pounds 7.2bn", "29.7million", "nearly 70%", "tens of thousands",
"2012/13") and which hedge words bound them. What an expression measures (a count or a
rate, the subject) is decided by `claims`, which sees the sentence.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from workbench.core.lexicon import MONTH_RE, MONTHS, lowered_text, tried_only_at  # noqa: F401  (lowered_text: for callers)

UNITS = {
    "zero": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
MULTIPLIERS = {
    "hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000,
    "mn": 1_000_000, "mln": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000,
    "b": 1_000_000_000, "trillion": 1_000_000_000_000, "tn": 1_000_000_000_000,
}
FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
    "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
    "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}
# Vague magnitudes: a range of values.
MAGNITUDES = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (100, 999), "thousands": (1_000, 9_999),
    "tens of thousands": (10_000, 99_999), "hundreds of thousands": (100_000, 999_999),
    "millions": (1_000_000, 9_999_999), "tens of millions": (10_000_000, 99_999_999),
    "hundreds of millions": (100_000_000, 999_999_999), "billions": (1e9, 9.999e9),
}
CURRENCY_SYMBOLS = {"£": "GBP", "$": "USD", "€": "EUR", "us$": "USD", "a$": "AUD", "c$": "CAD",
                    "gbp": "GBP", "usd": "USD", "eur": "EUR", "¥": "JPY"}
CURRENCY_WORDS = {"pounds": "GBP", "pound": "GBP", "sterling": "GBP", "dollars": "USD",
                  "dollar": "USD", "euros": "EUR", "euro": "EUR", "pence": "GBP", "p": "GBP",
                  "cents": "USD", "yen": "JPY"}
DURATION_UNITS = {
    "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute",
    "hour": "hour", "hours": "hour", "hrs": "hour", "day": "day", "days": "day", "week": "week",
    "weeks": "week", "fortnight": "fortnight", "fortnights": "fortnight", "month": "month",
    "months": "month", "year": "year", "years": "year", "yrs": "year", "decade": "decade",
    "decades": "decade", "century": "century", "centuries": "century",
}
MEASURE_UNITS = {
    "km": "km", "kilometres": "km", "kilometers": "km", "miles": "mile", "mile": "mile",
    "mph": "mph", "kph": "kph", "kg": "kg", "kilos": "kg", "kilograms": "kg", "tonnes": "tonne",
    "tons": "tonne", "metres": "metre", "meters": "metre", "feet": "foot", "ft": "foot",
    "inches": "inch", "acres": "acre", "hectares": "hectare", "litres": "litre", "liters": "litre",
    "degrees": "degree", "°c": "degree_c", "°f": "degree_f", "gw": "GW", "mw": "MW", "kwh": "kWh",
    "twh": "TWh", "gb": "GB", "tb": "TB", "calories": "calorie", "points": "point",
}

HEDGES_BEFORE = [
    (r"nearly|almost|around|about|approximately|approx\.?|roughly|some|circa|c\.|"
     r"(?:an\s+)?estimated|close\s+to|in\s+the\s+region\s+of|getting\s+on\s+for|more\s+or\s+less|"
     r"just\s+about|an\s+average\s+of|on\s+average", "approx"),
    (r"(?:just\s+|well\s+|a\s+little\s+)?(?:more\s+than|over|above)|at\s+least|upwards\s+of|"
     r"in\s+excess\s+of|exceeding|greater\s+than|no\s+(?:fewer|less)\s+than|a\s+minimum\s+of|"
     r"north\s+of|as\s+many\s+as|as\s+much\s+as", "lower_bound"),
    (r"(?:just\s+|well\s+|a\s+little\s+)?(?:less\s+than|under|below|fewer\s+than)|up\s+to|"
     r"no\s+more\s+than|at\s+most|a\s+maximum\s+of|within|not\s+more\s+than|as\s+few\s+as|as\s+little\s+as",
     "upper_bound"),
]
_HEDGE_TAIL = re.compile(
    r"(?:^|(?<=[\s(\"“‘]))(?P<hedge>" + "|".join(f"(?:{p})" for p, _ in HEDGES_BEFORE) + r")\s+$",
    re.IGNORECASE,
)
# The last word of every hedge above: a hedge can only end a stretch of text that ends so.
_HEDGE_ENDINGS = ("nearly", "almost", "around", "about", "approximately", "approx", "approx.", "roughly", "some",
                  "circa", "c.", "estimated", "to", "of", "for", "less", "average", "than", "over", "above", "least",
                  "exceeding", "as", "under", "below", "most", "within")
# _HEDGE_TAIL tried only at the first letters of the hedges.
_HEDGE_TAIL_AT = tried_only_at("abcefgijlmnorsuw", _HEDGE_TAIL)
_HEDGE_WORDS = 4  # the most words a hedge above has ("in the region of", "a little more than")
_HEDGE_KIND = [(re.compile(rf"^(?:{p})$", re.IGNORECASE), q) for p, q in HEDGES_BEFORE]
_HEDGE_AFTER = re.compile(r"\s*(?:(?P<more>or\s+(?:more|above|over|higher))|(?P<less>or\s+(?:less|fewer|below|under))|(?P<so>or\s+so))\b",
                          re.IGNORECASE)

_W = r"(?:zero|nil|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_WORD_NUMBER = rf"{_W}(?:[\s-]+(?:and\s+)?(?:{_W}|hundred|thousand|million|billion))*|(?:a|one)\s+(?:hundred|thousand|million|billion|dozen)(?:[\s-]+(?:and\s+)?(?:{_W}|hundred|thousand|million|billion))*"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+[½¼¾⅓⅔]|\d+(?:\.\d+)?|\.\d+|[½¼¾⅓⅔](?!\d)"
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
_FRACTION_WORD = r"half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?"
_MAGNITUDE = r"(?:tens\s+of\s+|hundreds\s+of\s+)?(?:thousands|millions|billions)|hundreds|dozens"

# A number atom: digits, number words, a fraction, a vague magnitude, or "twice".
ATOM = re.compile(
    rf"""(?<![\w.,/-])(?:
        (?P<digits>(?:[-+−](?=[\d.]))?(?:{_DIGITS}))
      | (?P<fraction>(?:(?:a|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?(?:{_FRACTION_WORD}))(?=[\s,.;:!?)”"'’]|$)
      | (?P<magnitude>(?:tens|hundreds)\s+of\s+(?:thousands|millions)\b|{_MAGNITUDE}(?=\s+(?:of|more|fewer|upon|and|were|are|have|had|who|[a-z]+s\b)))
      | (?P<aunit>(?<=\s)an?\s+(?:decade|year|month|week|fortnight|century))(?=[\s,.;:)]|$)
      | (?P<twice>twice|thrice|double|treble|triple)(?=\s+(?:as|the|that|than|what|its|their|his|her|in|over|a)\b)
      | (?P<words>{_WORD_NUMBER})
    )(?!\w*\d)""",
    re.IGNORECASE | re.VERBOSE,
)

_STARTERS = list(UNITS) + list(TENS) + ["half", "halves", "third", "thirds", "quarter", "quarters",
                                        "fifth", "tens", "hundreds", "thousands", "millions",
                                        "billions", "dozens", "twice", "thrice", "double", "treble",
                                        "triple"]
# Words that "a" or "an" can quantify ("a quarter", "an hour" is not one, "a decade" is).
_AFTER_A = ["quarter", "third", "half", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "hundred",
            "thousand", "million", "billion", "dozen", "decade", "year", "month", "week", "fortnight", "century"]


def _trie_pattern(words: list[str]) -> str:
    """An alternation of words as a prefix tree, so the regex engine tests a few letters at a
    position instead of every word; like a longest-first alternation it matches the longest word."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


# Where a number can start, found by scanning the (lower-cased) document once; ATOM then reads
# the number at each hit. A start is only worth trying where ATOM's look-behind allows one (not
# inside a word or a number), so the scan tests that first: a run of digits gives one hit, and a
# number word a hit only at the start of a word. "a" and "an" are found by looking back from the
# word they quantify, rather than tried at every "a".
_NUMBER_BODY = r"(?:(?P<digit>[-+−.]?[\d½¼¾⅓⅔])|(?P<word>" + _trie_pattern(_STARTERS + _AFTER_A) + "))"
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
    word: (word.startswith(tuple(_STARTERS)), word.startswith(tuple(_AFTER_A)))
    for word in _STARTERS + _AFTER_A
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
    starts = []
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


_SHARE = re.compile(  # "one in seven", "one-in-three", "60 out of the 87"
    rf"[\s-]+(?P<link>in|out[\s-]+of)[\s-]+(?:every\s+)?(?:the\s+)?(?P<den>{_DIGITS}|{_WORD_NUMBER})\b(?!\s*(?:%|per\s*cent|percent))",
    re.IGNORECASE,
)
_PER_BASE = re.compile(r"(?:\s+[a-z]+)?\s+per\s+(?P<den>100|1,000|10,000|100,000|1,000,000|(?:a|one)\s+(?:hundred|thousand|million))\b(?![,.]\d)")
_PLURAL_NOUN = re.compile(r"\s+(?:[a-z]+(?:ies|[^s\W]s)|people|children|men|women)\b")
_OF_A_SCALE = re.compile(r"(?:\s+of)?\s+an?\s+(?P<scale>million|billion|thousand|hundred|dozen)\b", re.IGNORECASE)
_FOLD = re.compile(r"-?fold\b|\s+fold\b", re.IGNORECASE)
_SLASH_FRACTION = re.compile(r"/(?P<den>[1-9]|10)(?=\s+of\b)")
_OF_SHARE = re.compile(
    rf"\s+of\s+(?:its|their|his|her|our|the)\s+(?P<den>{_DIGITS}|{_WORD_NUMBER})\b(?![,.]\d)", re.IGNORECASE
)
_PERCENT = re.compile(r"\s*(?:%|per[\s-]*cent\b|percent\b|pc\b|(?P<points>percentage[\s-]+points?\b|ppts?\b))",
                      re.IGNORECASE)
_MULTIPLIER = re.compile(r"\s*(?P<mult>million|billion|trillion|thousand|hundred|bn|mn|mln|tn|m|k|b)\b(?!\s*%)",
                         re.IGNORECASE)
# "5 pounds of apples" and "30 pounds per square inch" are weights and pressures, not money;
# "40p per person" is money.
_CURRENCY_WORD_AFTER = re.compile(
    r"\s*(?P<cur>(?:pounds|pound|sterling|dollars|euros|cents|yen)\b(?!\s*(?:of\b|per\b))|(?:pence|p)\b(?!\s*of\b))",
    re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(?P<cur>£|\$|€|¥|US\$|A\$|C\$|GBP|USD|EUR|pounds|dollars|euros)\s?$", re.IGNORECASE)
_UNIT_AFTER = re.compile(r"[\s-]*(?P<unit>[a-z°]+)\b", re.IGNORECASE)
_RANGE_TAIL = re.compile(rf"\s*(?:-|–|—|to|and)\s*(?P<cur>[£$€])?(?P<hi>{_DIGITS}|{_WORD_NUMBER})\b", re.IGNORECASE)
_SPLIT_YEAR = re.compile(r"(?P<a>(?:18|19|20)\d\d)\s?[/–-]\s?(?P<b>\d\d(?:\d\d)?)\b(?![/.-]\d)")
_DECADE = re.compile(r"(?P<y>(?:18|19|20)\d0)[’']?s\b")
_DATE_DMY = re.compile(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{MONTH_RE})(?:,?\s+(?P<y>(?:18|19|20)\d\d))?\b", re.IGNORECASE)
_DATE_MDY = re.compile(rf"(?P<m>{MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>(?:18|19|20)\d\d))?\b(?!\s*(?:%|per))")
_DATE_MY = re.compile(rf"(?P<m>{MONTH_RE})\s+(?P<y>(?:18|19|20)\d\d)\b")
_WORD_SEPARATOR = re.compile(r"[\s-]+")
_OF_CURRENCY = re.compile(r"\s+of\s+(pounds|dollars|euros)\b", re.I)
_ORDINAL_BEFORE = re.compile(r"(?:first|second|third|fourth|final|last|next)\s*$", re.I)
_CURRENCY_WORD_BEFORE = re.compile(r"(?:^|\s)(pounds|dollars|euros)\s$", re.I)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.I)
BY_BEFORE = re.compile(r"\bby\s+$", re.I)
_MINUS_BEFORE = re.compile(r"\bminus\s+$", re.I)
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
    "unit": (None, "tens", "hundred", "scale"),
    "tens": (None, "hundred", "scale"),
    "hundred": (None, "unit"),
    "scale": (None, "unit", "tens", "hundred", "dozen"),
    "dozen": (None, "unit"),
}


def word_number_prefix(text: str) -> tuple[float, int] | None:
    """The value of the longest start of text that reads as one number in words, and that start's
    length: 'one hundred and twenty-five' -> (125.0, 27); 'two and three years' -> (2.0, 3), as two
    numbers joined by "and" are not one. None if text does not start with a number word."""
    total = current = 0
    last = None  # the kind of the last number word read
    after_and = False
    size = 0
    for m in _WORD_TOKEN.finditer(text.lower()):
        token = m.group()
        if token == "and":
            if last not in ("hundred", "scale") or after_and:
                break
            after_and = True
            continue
        if token in ("a", "one") and last is None:
            kind, add = "unit", 1
        elif token in UNITS:
            kind, add = "unit", UNITS[token]
        elif token in TENS:
            kind, add = "tens", TENS[token]
        elif token == "dozen":
            kind, add = "dozen", 0
        elif token in SCALES:
            kind, add = ("hundred" if SCALES[token] == 100 else "scale"), 0
        else:
            break
        if last not in _MAY_FOLLOW[kind] or (after_and and kind not in ("unit", "tens")):
            break
        if kind in ("unit", "tens"):
            current += add
        elif kind == "dozen":
            current = (current or 1) * 12
        elif kind == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * SCALES[token]
            current = 0
        last, after_and, size = kind, False, m.end()
    return (float(total + current), size) if last is not None else None


def word_number_value(text: str) -> float | None:
    """'one hundred and twenty-five' -> 125; 'a million' -> 1e6; None if text is not one number
    in words ("two and three" is two numbers)."""
    read = word_number_prefix(text)
    if read is None or text[read[1]:].strip(" \t\n\r-"):
        return None
    return read[0]


def digits_value(text: str) -> float:
    text = text.replace(",", "")
    if text and text[-1] in _VULGAR:
        return float(text[:-1] or 0) + _VULGAR[text[-1]]
    return float(text)


def atom_value(text: str) -> float | None:
    text = text.strip()
    if text[:1] in "-+−" and len(text) > 1:
        value = atom_value(text[1:])
        return None if value is None else (value if text[0] == "+" else -value)
    if text[:1].isdigit() or text[:1] == ".":
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
    phrase = " ".join(m.group("hedge").split())
    for pattern, qualifier in _HEDGE_KIND:
        if pattern.match(phrase):
            return m.start("hedge"), qualifier
    return start, "exact"


def find_quantities(text: str, start: int, end: int, lowered: str | None = None,
                    starts: list[int] | None = None) -> list[Quantity]:
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
        if not m:
            continue
        q = _read(text, m, start, end)
        if q is None:
            pos = m.end()
            continue
        if found and q.start < found[-1].end:
            q.start = found[-1].end
        found.append(q)
        # Past the atom, unless it was read only in part ("two" of "two and three": "three" is next).
        pos = q.end if q.is_word else max(q.end, m.end())
    return found


def _read(text: str, m: re.Match, floor: int, end: int) -> Quantity | None:
    """Read one quantity starting with the atom m, extending it right (shares, units, money)
    and left (currency symbols, hedges)."""
    a_start, a_end = m.start(), m.end()
    raw = m.group()
    group = m.lastgroup
    if group == "fraction":  # after a hedge or "by" ("cut by a quarter"), "a quarter" is a share
        q = _fraction(text, m, hedge_before(text, a_start, floor)[1] != "exact"
                      or bool(BY_BEFORE.search(text, max(floor, a_start - 4), a_start)))
        scaled = _OF_A_SCALE.match(text, a_end, end) if q else None
        if scaled:  # "half a million", "a quarter of a million": a count, not a share
            scale = 12 if scaled.group("scale").lower() == "dozen" else MULTIPLIERS[scaled.group("scale").lower()]
            q = Quantity(a_start, scaled.end(), "number", q.value * scale, is_word=True)
            cw = _CURRENCY_WORD_AFTER.match(text, q.end, end)
            if cw and cw.group("cur").lower() in ("pounds", "pound", "dollars", "dollar", "euros", "euro"):
                q.form, q.currency, q.end = "money", CURRENCY_WORDS[cw.group("cur").lower()], cw.end()
    elif group == "magnitude":
        lo, hi = MAGNITUDES[" ".join(raw.lower().split())]
        q = Quantity(a_start, a_end, "magnitude", None, lo, hi, "range", is_word=True)
        cur = _CURRENCY_WORD_AFTER.match(text, a_end, end) if text[a_end:a_end + 4].lower() == " of " else None
        if cur is None and _OF_CURRENCY.match(text[a_end:a_end + 16]):
            cur_m = _OF_CURRENCY.match(text[a_end:a_end + 16])
            q.form, q.currency, q.end = "money", CURRENCY_WORDS[cur_m.group(1).lower()], a_end + cur_m.end()
    elif group == "aunit":
        q = None
        if hedge_before(text, a_start, floor)[1] != "exact":
            unit = raw.split()[-1].lower()
            q = Quantity(a_start, a_end, "duration", 1.0, unit=DURATION_UNITS[unit], is_word=True)
    elif group == "twice":
        value = {"twice": 2, "double": 2, "thrice": 3, "treble": 3, "triple": 3}[raw.lower()]
        q = Quantity(a_start, a_end, "ratio", float(value), unit="ratio", is_word=True)
    else:
        q = _number(text, m, floor, end)
    if q is None:
        return None
    q.signed = raw[:1] in "-+−"
    minus = _MINUS_BEFORE.search(text, max(floor, q.start - 6), q.start) if not q.signed else None
    if minus and q.form in ("number", "percent", "money", "measure"):  # "wage growth of minus 2%"
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
        after = _HEDGE_AFTER.match(text, q.end, end)
        if after and q.qualifier == "exact":
            q.qualifier = "lower_bound" if after.group("more") else "upper_bound" if after.group("less") else "approx"
            q.end = after.end()
    return q


# Comparatives after a share make it a change: "a third higher", "a quarter fewer".
HIGHER_AFTER = (" higher", " more", " bigger", " larger", " greater", " up ")
LOWER_AFTER = (" lower", " less", " fewer", " smaller", " down ")
_COMPARATIVES = HIGHER_AFTER + LOWER_AFTER


def _fraction(text: str, m: re.Match, hedged: bool = False) -> Quantity | None:
    raw = m.group()
    parts = _WORD_SEPARATOR.split(raw.lower())
    denominator = FRACTIONS[parts[-1]]
    numerator = 1.0
    if len(parts) == 2:
        numerator = 1.0 if parts[0] in ("a", "one") else float(UNITS[parts[0]])
    elif parts[-1] in ("half",):
        numerator = 1.0
    elif parts[-1].endswith("s") and parts[-1] not in ("halves",):
        return None  # "thirds" alone is not a share
    following = text[m.end():m.end() + 12].lower()
    hedged = hedged or following.startswith(_COMPARATIVES)  # "a third higher than in 2015"
    if len(parts) == 1 and not hedged and not following.startswith((" of", " the", " a ", " an ")):
        return None  # "half" as in "the second half", "half-time"
    if len(parts) == 2 and not hedged and not following.startswith((" of", " the", " a ", " an ", " their", " its", " all")):
        if not following.startswith(" ") or parts[0] not in UNITS:
            return None
    if parts[-1] in ("quarter", "quarters") and (_ORDINAL_BEFORE.search(text[max(0, m.start() - 12):m.start()])
                                                  or following.startswith(" past")):
        return None  # "the second quarter", "a quarter past ten"
    return Quantity(m.start(), m.end(), "fraction", numerator / denominator, is_word=True,
                    numerator=None, denominator=None)


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

    fold = _FOLD.match(text, a_end, end)
    if fold:  # "four-fold", "tenfold", "a 3-fold rise": a ratio
        return Quantity(a_start, fold.end(), "ratio", value, unit="ratio", is_word=is_word)
    if not is_word:
        slash = _SLASH_FRACTION.match(text, a_end, end)
        if slash and 0 < value < int(slash.group("den")):  # "3/4 of pensioners"
            return Quantity(a_start, slash.end(), "fraction", value / int(slash.group("den")))
        if text.startswith(("18", "19", "20"), a_start):  # how split years and decades start
            for pattern, handler in ((_SPLIT_YEAR, _split_year), (_DECADE, _decade)):
                sm = pattern.match(text, a_start, end)
                if sm:
                    return handler(sm)
        if len(raw) <= 2:  # a day of the month: one or two digits, then the month
            dm = _DATE_DMY.match(text, a_start, end)
            if dm:
                return _date(dm) if dm.group("y") else None
    share = _SHARE.match(text, a_end, end)
    if share:
        den = atom_value(share.group("den"))
        if den and den > value and not (den >= 1800 and den <= 2100 and "." not in share.group("den")
                                        and not share.group("den")[0].isalpha()):
            if value == 1 or share.group("link").lower() != "in" or den <= 1000:
                return Quantity(a_start, share.end(), "share", value / den, numerator=value,
                                denominator=den, is_word=is_word)
    per = _PER_BASE.match(text, a_end, end) if text[a_start - 1:a_start] not in ("£", "$", "€") else None
    if per:  # "70 per 10,000 children", "11.2 deaths per 100,000 people": a share of a round base
        den = atom_value(per.group("den"))
        if den and den > value:
            return Quantity(a_start, per.end(), "share", value / den, numerator=value, denominator=den,
                            is_word=is_word)
    of_share = _OF_SHARE.match(text, a_end, end)
    if of_share and value >= 2:
        den = atom_value(of_share.group("den"))
        if den and den > value and not _PERCENT.match(text, of_share.end(), end):
            return Quantity(a_start, of_share.end(), "share", value / den, numerator=value,
                            denominator=den, is_word=is_word)
    pm = _PERCENT.match(text, a_end, end)
    if pm:
        q = Quantity(a_start, pm.end(), "percent", value / 100, is_word=is_word)
        if pm.group("points"):
            q.unit = "percentage_point"
        return q

    currency = None
    left = text[max(floor, a_start - 4):a_start]
    cm = _CURRENCY_BEFORE.search(left)
    q_start = a_start
    if cm and not is_word:
        currency = CURRENCY_SYMBOLS.get(cm.group("cur").lower()) or CURRENCY_WORDS.get(cm.group("cur").lower())
        q_start = a_start - (len(left) - cm.start())
    elif not is_word:
        lead = text[max(floor, a_start - 9):a_start].lower()
        wm = _CURRENCY_WORD_BEFORE.search(text[max(floor, a_start - 9):a_start]) if (
            "ound" in lead or "ollar" in lead or "uro" in lead) else None
        if wm:
            currency = CURRENCY_WORDS[wm.group(1).lower()]
            q_start = a_start - (len(text[max(floor, a_start - 9):a_start]) - wm.start(1))
    q_end = a_end
    mm = _MULTIPLIER.match(text, a_end, end)
    multiplier = 1
    if mm and not (is_word and mm.group("mult").lower() in SCALES):  # words read their scale words already
        word = mm.group("mult").lower()
        short = word in ("m", "k", "b", "mn", "mln")
        # "m" without a currency is a million before a plural noun ("2.5m people"); else it may
        # be metres ("a 5m wall", "the 20m-long bridge").
        if not short or currency or word in ("m", "mn", "mln") and _PLURAL_NOUN.match(text, mm.end(), end):
            multiplier = MULTIPLIERS[word]
            q_end = mm.end()
    if currency is None:
        cw = _CURRENCY_WORD_AFTER.match(text, q_end, end)
        if cw and not (cw.group("cur").lower() == "p" and is_word):
            word = cw.group("cur").lower()
            currency = CURRENCY_WORDS[word]
            if word in ("pence", "p", "cents"):
                multiplier = multiplier / 100
            q_end = cw.end()
    if currency and not is_word:  # "between £150,000 and £180,000"
        money_range = _between_money(text, floor, q_start, q_end, end, value, multiplier, currency)
        if money_range:
            return money_range
    if multiplier == 1 and not is_word:
        dash = _DASH_RANGE.match(text, a_end, end)
        if dash and atom_value(dash.group("hi")) > value and (
                not dash.group("cur") or CURRENCY_SYMBOLS.get(dash.group("cur")) == currency):
            return _dash_range(text, dash, value, q_start, end, currency)
    if currency:
        return Quantity(q_start, q_end, "money", value * multiplier, currency=currency,
                        is_word=is_word)

    if multiplier == 1 and not is_word and "," not in raw and "." not in raw and len(raw) == 4 \
            and 1800 <= value <= 2099:
        return Quantity(a_start, a_end, "year", int(value))
    rng = _RANGE_TAIL.match(text, q_end, end)
    between = _between_before(text, floor, a_start, 9) if (
        rng and rng.group(0).strip().lower().startswith("and") and multiplier == 1 and not rng.group("cur")) else None
    if between is not None:
        hi = atom_value(rng.group("hi"))
        if hi is not None and hi > value:
            unit_m = _UNIT_AFTER.match(text, rng.end(), end)
            unit = unit_m.group("unit").lower() if unit_m else ""
            q_start = between
            if unit in DURATION_UNITS:
                return Quantity(q_start, unit_m.end(), "duration", None, value, hi, "range", unit=DURATION_UNITS[unit])
            if unit in MEASURE_UNITS:
                return Quantity(q_start, unit_m.end(), "measure", None, value, hi, "range", unit=MEASURE_UNITS[unit])
            percent = _PERCENT.match(text, rng.end(), end)
            if percent:
                return Quantity(q_start, percent.end(), "percent", None, value / 100, hi / 100, "range",
                                is_word=is_word)
            return Quantity(q_start, rng.end(), "number", None, value, hi, "range", is_word=is_word)
    um = _UNIT_AFTER.match(text, q_end, end)
    if um and multiplier == 1:
        unit = um.group("unit").lower()
        if unit in DURATION_UNITS and not text[um.end():um.end() + 4].lower().startswith((" old", "-old")):
            follow = text[um.end():um.end() + 6]
            if not follow.startswith(("-old", " old")):
                return Quantity(a_start, um.end(), "duration", value, unit=DURATION_UNITS[unit],
                                is_word=is_word)
        if unit in MEASURE_UNITS and unit != "points":
            return Quantity(a_start, um.end(), "measure", value, unit=MEASURE_UNITS[unit],
                            is_word=is_word)
        if unit == "times" and _COMPARISON_AFTER.match(text[um.end():um.end() + 10]):
            return Quantity(a_start, um.end(), "ratio", value, unit="ratio", is_word=is_word)
    return Quantity(a_start, q_end, "number", value * multiplier, is_word=is_word)


# A second figure after a dash, closing a range: "25,000-30,000", "10-15%", "£5-£10m", "3 – 4 per
# cent". A hyphen must touch both figures (" - " is a dash between clauses); the second figure
# must end there, not go on into a phone number or a date ("1-800-555", "10-12/3"); a multiplier
# or unit may follow it ("£5-10m", "4-6 weeks").
_DASH_RANGE = re.compile(
    r"(?:-|\s?[–—]\s?)(?P<cur>[£$€])?(?P<hi>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d/-]|[.,]\d)")
_MONTH_AFTER = re.compile(rf"\s+{MONTH_RE}\b")


def _dash_range(text: str, dash: re.Match, low: float, start: int, end: int, currency: str | None) -> Quantity | None:
    """The range that a figure and the figure after a dash make, read on past the second: a
    percentage, a multiplier ("£5-10m") and a currency word, or a unit. None for days of a month
    ("12-14 June"), which, like a day without a year, are no claim."""
    high = atom_value(dash.group("hi"))
    at = dash.end()
    if _MONTH_AFTER.match(text, at, end):
        return None
    percent = _PERCENT.match(text, at, end)
    if percent:
        q = Quantity(start, percent.end(), "percent", None, low / 100, high / 100, "range")
        if percent.group("points"):
            q.unit = "percentage_point"
        return q
    multiplier = 1
    mm = _MULTIPLIER.match(text, at, end)
    if mm and (currency or mm.group("mult").lower() not in ("m", "k", "b", "mn", "mln")):
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
    unit_m = _UNIT_AFTER.match(text, at, end) if multiplier == 1 else None
    unit = unit_m.group("unit").lower() if unit_m else ""
    if unit in DURATION_UNITS:
        return Quantity(start, unit_m.end(), "duration", None, low, high, "range", unit=DURATION_UNITS[unit])
    if unit in MEASURE_UNITS and unit != "points":
        return Quantity(start, unit_m.end(), "measure", None, low, high, "range", unit=MEASURE_UNITS[unit])
    return Quantity(start, at, "number", None, low * multiplier, high * multiplier, "range")


def _between_before(text: str, floor: int, start: int, reach: int) -> int | None:
    """Where "between" starts, when it (and white space) ends at start, within reach characters
    and not before floor; else None."""
    lead = text[max(floor, start - reach):start]
    m = _BETWEEN_BEFORE.search(lead) if "etween" in lead.lower() else None
    return start - (len(lead) - m.start()) if m else None


def _between_money(text: str, floor: int, start: int, at: int, end: int, low: float, multiplier: float,
                   currency: str) -> Quantity | None:
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
    month = MONTHS[m.group("m").lower().rstrip(".")]
    day, year = int(m.group("d")), m.group("y")
    iso = f"{int(year):04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    return Quantity(m.start(), m.end(), "date", iso)


_MONTH_START = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")


def month_dates(text: str, start: int, end: int) -> list[Quantity]:
    """'April 2015', 'June 29, 2016': dates led by a month name, between start and end. A stretch
    with no month's first three letters is skipped with one quick scan."""
    if not _MONTH_START.search(text, start, end):
        return []
    out = []
    for pattern in (_DATE_MDY, _DATE_MY):
        for m in pattern.finditer(text, start, end):
            month = MONTHS[m.group("m").lower().rstrip(".")]
            groups = m.groupdict()
            if groups.get("d") and groups.get("y"):
                iso = f"{int(m.group('y')):04d}-{month:02d}-{int(m.group('d')):02d}"
            elif groups.get("y"):
                iso = f"{int(m.group('y')):04d}-{month:02d}"
            else:
                continue
            out.append(Quantity(m.start(), m.end(), "date", iso))
    return out
