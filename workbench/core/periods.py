"""The period a claim is about, read from the claim itself or from the words of its sentence.

Two claims about the same measure in different periods ("the 2012/13 report" vs "the 2016
report"; "the year to September 2013" vs "the year to June 2014") state different quantities.
A period is normalised to a short key so that "2013-14" and "2013/14" compare equal.
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from workbench.core.number_lexicon import RELATIVE_TIME_AFTER, trie_pattern

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
_YEAR = r"((?:19|20)\d\d)"

_PATTERNS: list[tuple[str, re.Pattern]] = [
    (
        "year_to",
        re.compile(
            rf"\b(?:year|12 months|twelve months)\s+(?:to|ending|ended|up to)\s+(?:the\s+end\s+of\s+)?{_MONTH}\.?\s+{_YEAR}\b",
            re.I,
        ),
    ),
    ("split", re.compile(rf"\b{_YEAR}\s*(?:/|-|–|to)\s*(\d\d|(?:19|20)\d\d)\b")),
    ("since", re.compile(rf"\bsince\s+(?:{_MONTH}\s+)?{_YEAR}\b", re.I)),
    ("quarter", re.compile(rf"\b(?:the\s+)?(first|second|third|fourth|final|last)\s+quarter\s+of\s+{_YEAR}\b", re.I)),
    ("month", re.compile(rf"\b{_MONTH}\.?\s+{_YEAR}\b", re.I)),
    ("year", re.compile(rf"\b(?:in|during|for|of|by|throughout)\s+(?:the\s+year\s+)?{_YEAR}\b", re.I)),
]
_ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}


def _split_key(first: str, second: str) -> str | None:
    a = int(first)
    b = int(second) if len(second) == 4 else int(first[:2] + second)
    if b < a:  # "2012/12": a typo or a same-year range; keep the first year
        b = a
    if b - a > 1:
        return f"{a}-{b}"
    return f"{a}/{str(b)[2:]}" if b != a else str(a)


def period_mentions(text: str) -> list[tuple[int, int, str]]:
    """Every period the text names: (start, end, key), without overlaps, in order."""
    if not _ANY_YEAR.search(text):
        return []
    found: list[tuple[int, int, str]] = []
    taken_starts: list[int] = []  # the mentions kept so far, in order: they never overlap, so the
    taken_ends: list[int] = []  # only one that can overlap a match is the last to start before its end
    for name, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            before = bisect.bisect_left(taken_starts, m.end()) - 1
            if before >= 0 and taken_ends[before] > m.start():
                continue
            g = m.groups()
            if name == "year_to":
                key = f"year to {int(g[1]):04d}-{MONTHS[g[0].lower()]:02d}"
            elif name == "split":
                key = _split_key(g[0], g[1])
            elif name == "since":
                key = f"since {g[1]}"
            elif name == "quarter":
                key = f"{g[1]}-Q{_QUARTERS[g[0].lower()]}"
            elif name == "month":
                key = f"{g[1]}-{MONTHS[g[0].lower()]:02d}"
            else:
                key = g[0]
            if key:
                found.append((m.start(), m.end(), key))
                at = bisect.bisect_left(taken_starts, m.start())
                taken_starts.insert(at, m.start())
                taken_ends.insert(at, m.end())
    return sorted(found)


def normalise_period(text: str | None, first: int | None = None, last: int | None = None) -> str | None:
    """A claim's own period, as the extractor wrote it, turned into a comparable key."""
    if text:
        mentions = period_mentions(text)
        if mentions:
            return mentions[0][2]
        bare = re.fullmatch(rf"\s*{_YEAR}\s*", text)
        if bare:
            return bare.group(1)
    if first is not None and last is not None:
        return str(first) if first == last else _split_key(str(first), str(last))
    if first is not None:
        return str(first)
    return None


_EARLIER = re.compile(
    rf"\b(?:(?:a|one|two|three|twelve|\d+)\s+(?:year|years|month|months)\s+(?:{trie_pattern(RELATIVE_TIME_AFTER)})"
    r"|(?:the|a)\s+(?:previous|preceding|prior)\s+(?:year|twelve\s+months|12\s+months)"
    r"|the\s+year\s+before)\b",
    re.I,
)
_COMPARED_WITH = re.compile(r"\b(?:on|than|over|with|from|against|to)\s*$", re.I)


def earlier_mentions(sentence: str) -> list[tuple[int, int, str]]:
    """Phrases that put a figure in an earlier period ("A year earlier net migration had stood
    at 177,000"; "from 250 a year ago"), as (start, end, key). A phrase that names the base of a
    comparison ("up sharply on the previous year") dates no figure and is left out."""
    out = []
    for m in _EARLIER.finditer(sentence):
        if _COMPARED_WITH.search(sentence[max(0, m.start() - 12) : m.start()]):
            continue
        out.append((m.start(), m.end(), "before: " + " ".join(m.group(0).lower().split())))
    return out


def period_near(sentence: str, start: int, end: int) -> str | None:
    """The period named in a sentence nearest to a claim at [start, end) of that sentence.

    A period that is itself the claim (a year claim) does not count.
    """
    best: tuple[int, str] | None = None
    for s, e, key in period_mentions(sentence):
        if s < end and start < e:
            continue
        distance = s - end if s >= end else start - e
        if best is None or distance < best[0]:
            best = (distance, key)
    return best[1] if best else None


def publication_day(published: str | None) -> int | None:
    """The day number of an ISO publication date ('2016-06-29', '2016-06', '2016'), or None."""
    if not published:
        return None
    m = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", published)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2) or 7), int(m.group(3) or 1)).toordinal()
    except ValueError:
        return None


def period_years(key: str | None) -> tuple[int, int] | None:
    """The first and last calendar year a period key covers; None for 'since' baselines."""
    if not key or key.startswith("since"):
        return None
    if key.startswith("year to "):
        year, month = int(key[8:12]), int(key[13:15])
        return (year - 1, year) if month < 12 else (year, year)
    m = re.fullmatch(r"(\d{4})/(\d\d)", key)
    if m:
        first = int(m.group(1))
        return first, int(str(first)[:2] + m.group(2))
    m = re.fullmatch(r"(\d{4})-(\d{4})", key)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = re.match(r"(\d{4})", key)
    if m:
        return int(m.group(1)), int(m.group(1))
    return None


def publication_year(day: int | None) -> int | None:
    """The calendar year of a publication day number."""
    return date.fromordinal(day).year if day is not None else None
