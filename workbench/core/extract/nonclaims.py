"""Numbers that are not claims: web addresses, e-mail addresses and handles, phone numbers, postcodes,
times, idioms ("one or two"), names that hold a number ("Radio 2"), list markers; and the
quantities of a sentence that remain once they are set aside."""

from __future__ import annotations

import bisect
import re

from workbench.core.extract.interpret import AGE_AFTER
from workbench.core.lexicon import tried_only_at
from workbench.core.number_lexicon import CLOCK_WORDS, RELATIVE_TIME_AFTER, TIME_ZONES, trie_pattern, words_pattern
from workbench.core.model import Span
from workbench.core.numbers import Quantity, find_quantities, month_dates

# Numbers that are not claims wherever they stand.
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+")
_AROUND_AT = re.compile(r"[\w.+-]*@[\w-]+(?:\.[\w-]+)*|#\w+")
_IDIOMS = [
    "at sixes and sevens",
    "a million miles",
    "one or two",
    "in two minds",
    "on all fours",
    "ten to one",
    "nine times out of ten",
    "a thousand times",
    "a hundred times",
    "one off",
    "one-off",
    "one time",
    "one-time",
    "two-way",
    "two way",
    "one-way",
    "one way",
    "one another",
    "no one",
    "one day",
    "at one point",
    "twenty-twenty",
    "fifty-fifty",
    "catch-22",
    "catch 22",
    "high five",
]
_ZONE = f"(?:{trie_pattern(TIME_ZONES)})"  # "GMT", "BST", "UTC"
_CLOCK = f"(?:{trie_pattern(TIME_ZONES + CLOCK_WORDS)})"  # after a 24-hour time: "0710 GMT", "0758 hrs"
# Numbers that are not claims wherever they stand (looked for around each number).
_NON_CLAIM = re.compile(
    r"(?:(?:\+\d{1,3}[\s-]?\(?0|\(0|0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)"  # phone numbers
    r"|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"  # UK postcodes
    rf"|\d{{1,2}}[:.]\d{{2}}\s?(?:[ap]\.?m\.?|[AP]M|{_ZONE})\b|\d{{1,2}}:\d{{2}}(?!\d)|\d{{1,2}}\s?(?:am|pm)\b"
    rf"|(?<!\d)(?:[01]\d|2[0-3])[0-5]\d\s?{_CLOCK}\b"  # "0710 GMT", "1650 GMT", "0758 hrs"
    r"|24/7|7/7|9/11|[Cc]atch[\s-]22)"
)
# It finds a match at every start, overlapping ones too; _in_non_claim_pattern keeps those
# that _NON_CLAIM.finditer would give.
_NON_CLAIM_AT = tried_only_at(r"+(\dA-Zc", _NON_CLAIM)
# A digit and what follows it in every match of _NON_CLAIM: a phone number's 0 and the eight
# digits, brackets, spaces or dashes after it; a postcode's last digit and two capitals; a time's
# "1:3", "0am", "0 p.m", "5GMT" (also a 24-hour "0710 GMT"); "24/7", "7/7", "9/11"; catch-22's "-22". Where this finds
# nothing, _NON_CLAIM has nothing to find either (a sentence seldom holds any).
_NON_CLAIM_DIGITS = re.compile(
    rf"\d(?::\d|4/7|/7|/11|(?<=[\s-]2)2|\s?(?:[ap]\.?m|[AP]M|{_CLOCK})|[A-Z]{{2}}|(?<=0)[\d)\s-]{{8}})"
)


def _idiom_pattern(idioms: list[str]) -> str:
    """The idioms as one alternation (first letter in either case, \\s+ between words), written
    to start with a character class: the regex engine then skips in C to the next letter an
    idiom can start with, instead of trying every idiom at every character. Idioms sharing a
    first letter stay in their order, so the regex finds what the flat alternation finds."""
    by_first: dict[str, list[str]] = {}
    for idiom in idioms:
        by_first.setdefault(idiom[0].lower(), []).append(re.escape(idiom[1:]).replace("\\ ", r"\s+"))
    firsts = "".join(letter + letter.upper() for letter in by_first)
    branches = "|".join(f"(?<=[{letter}{letter.upper()}])(?:{'|'.join(rests)})" for letter, rests in by_first.items())
    return f"[{firsts}](?:{branches})"


_IDIOM = re.compile(_idiom_pattern(_IDIOMS))
# Names that contain a number: "BBC 1", "Radio 2", "No 10", "Article 50", "Formula One"; and a
# rank, "number two" in a chart.
_NAME_BEFORE = re.compile(
    r"(?:\b(?:BBC|ITV|Radio|Channel|No\.?|Number|number|Room|Article|Section|Clause|Chapter|Page|"
    r"Level|Tier|Stage|Year|Apollo|Windows|Formula|Division|League|Series|Season|Episode|Part|"
    r"Schedule|Platform|Gate|Terminal|Junction|junction|Route|Flight|Type|Band|Grade|Category|Figure|Table|Vol|"
    r"Volume|Issue|Studio|Ward|Floor|Zone|Phase|Version|Mark|Mk|Model|Catch|Proposition|Prop|"
    r"Amendment|Highway|Interstate|Generation|iPhone|Galaxy|Boeing|Airbus|Matthew|John|Luke|"
    r"Mark|Psalm|Genesis|Exodus|Act|Acts|Henry|Edward|George|Elizabeth|Louis|Pope|World\s+War)\s+)$"
)


def excluded_spans(text: str) -> list[tuple[int, int]]:
    """URLs, e-mail addresses and handles: found once per document, as they can be long."""
    spans = _web_addresses(text)
    at = text.find("@")
    while at != -1:  # e-mail addresses and handles, looked for only where there is an @
        m = _AROUND_AT.search(text, max(0, at - 64), min(len(text), at + 64))
        if m and m.start() <= at < m.end():
            spans.append((m.start(), m.end()))
        at = text.find("@", at + 1)
    spans.sort()
    return spans


def _web_addresses(text: str) -> list[tuple[int, int]]:
    """The spans _WEB_ADDRESS.finditer(text) gives, tried only where str.find sees 'http' or
    'www.' (where a match must start), rather than by the regex scanning the whole text."""
    starts = []
    for lead in ("http", "www."):
        at = text.find(lead)
        while at != -1:
            starts.append(at)
            at = text.find(lead, at + 1)
    spans = []
    end = 0
    for at in sorted(starts):
        if at < end:
            continue  # inside the address found before ("http://www.")
        m = _WEB_ADDRESS.match(text, at)
        if m:
            end = m.end()
            spans.append((at, end))
    return spans


def _in_non_claim_pattern(text: str, start: int, end: int, is_word: bool, digits_nearby: bool = True) -> bool:
    """A phone number, postcode, time or idiom covering the span, looked for nearby only.
    `digits_nearby` False says _NON_CLAIM_DIGITS finds nothing in a stretch of text holding
    the 24 characters either side of the span (so there is no phone number, postcode or time)."""
    low, high = max(0, start - 24), min(len(text), end + 24)
    if is_word:
        for m in _IDIOM.finditer(text, low, high):
            if m.start() < end and start < m.end():
                return True
        return False
    if not digits_nearby:
        return False
    after = low  # as _NON_CLAIM.finditer(text, low, high): each match starts after the last
    for m in _NON_CLAIM_AT.finditer(text, low, high):
        match_start, match_end = m.span("found")
        if match_start < after:
            continue
        if match_start < end and start < match_end:
            return True
        after = match_end
    return False


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(spans, (end, end))
    while i > 0:
        i -= 1
        s, e = spans[i]
        if e > start:
            if s < end:
                return True
        if s < start - 200:
            break
    return False


def sentence_quantities(text: str, sentence: Span, passage: Span, excluded, lowered, starts) -> list[Quantity]:
    candidates = month_dates(text, sentence.start, sentence.end)
    candidates += find_quantities(text, sentence.start, sentence.end, lowered, starts)
    if not candidates:
        return candidates
    candidates.sort(key=lambda q: (q.start, q.start - q.end))
    # Every quantity lies in the sentence, so every stretch _in_non_claim_pattern reads lies here.
    digits_nearby = _NON_CLAIM_DIGITS.search(text, max(0, sentence.start - 24), sentence.end + 24) is not None
    found: list[Quantity] = []
    for q in candidates:
        if found and q.start < found[-1].end:
            continue  # the longer reading of an overlapping pair wins ("4 November 2013")
        if q.form == "date" and (
            _overlaps(excluded, q.start, q.end) or _in_non_claim_pattern(text, q.start, q.end, False, digits_nearby)
        ):
            continue
        if q.form != "date" and _is_non_claim(text, q, sentence, passage, excluded, digits_nearby):
            continue
        found.append(q)
    return found


def _is_non_claim(text: str, q: Quantity, sentence: Span, passage: Span, excluded, digits_nearby: bool = True) -> bool:
    if _overlaps(excluded, q.number_start, q.end) or _in_non_claim_pattern(
        text, q.number_start, q.end, q.is_word, digits_nearby
    ):
        return True
    before = text[max(sentence.start, q.number_start - 24) : q.number_start]
    surface = text[q.number_start : q.end]
    if q.form == "number":
        following = text[q.end : q.end + 1]
        if (
            following.isalpha()
            or following == "-"
            and text[q.end + 1 : q.end + 2].isalpha()
            and not q.is_word
            and not text.startswith(("-year-old", "-years-old"), q.end)
        ):  # an age: "a 34-year-old man"
            return True  # "29th", "3D", "4G", "737-800"
        if (
            q.is_word
            and q.value == 1
            and q.qualifier == "exact"
            and not _ONLY_BEFORE.search(before)
            and not text.startswith(AGE_AFTER, q.end)
        ):  # "one year old" is an age
            return True  # "one of the", "one organisation": a pronoun or article, not a count
        figure = surface if q.value is not None else _FIRST_FIGURE.match(surface).group()  # "737" of "737-800"
        if (q.is_word or len(figure) <= 3) and _NAME_BEFORE.search(before):
            return True
        at_line_start = q.number_start == passage.start or text[q.number_start - 1] == "\n"
        if at_line_start and _LIST_MARKER_END.match(text, q.end, q.end + 2):
            return True  # a list marker "1. "
    if before[-1:] == "-" and "A" <= before[-2:-1] <= "Z":
        return True  # "Covid-19", "F-35"
    if q.form == "duration" and q.is_word and q.value == 1 and _RELATIVE_TIME.match(text, q.end):
        return True  # "higher than a year earlier": when, not how long
    return False


_RELATIVE_TIME = re.compile(rf"\s+{words_pattern(RELATIVE_TIME_AFTER)}", re.IGNORECASE)


_FIRST_FIGURE = re.compile(r"[^\s\-–—]*")  # a range's first figure: up to the dash or space
_ONLY_BEFORE = re.compile(r"\b(?:only|just)\s+$", re.I)
_LIST_MARKER_END = re.compile(r"[.)]\s")
