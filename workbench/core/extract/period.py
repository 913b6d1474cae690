"""The period a claim is about: the year or split year its sentence names nearest to it ('in 2015',
'the financial year ending March 2016')."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from workbench.core import number_lexicon as lex
from workbench.core.lexicon import tried_only_at
from workbench.core.model import Span
from workbench.core.number_lexicon import first_letters, trie_pattern, words_pattern
from workbench.core.numbers import Quantity
from workbench.core.periods import normalise_period

if TYPE_CHECKING:
    from workbench.core.claims import SentenceContext

YEAR_MENTION = re.compile(
    rf"(?P<a>(?:{trie_pattern(lex.YEAR_CENTURIES)})\d\d)(?:\s?[/–-]\s?(?P<b>\d\d(?:\d\d)?))?(?!\d)"
)
_PERIOD_LEAD = re.compile(
    rf"(?P<prep>\b{words_pattern(lex.PERIOD_PREPOSITIONS)}\s+)?"
    rf"(?P<year>(?:the\s+)?(?:{words_pattern(lex.YEAR_KINDS)}\s+)?year\s+(?:to|ending)\s+(?:[A-Z][a-z]+\s+)?)?$"
)
# A lead (not the empty match) starts with a preposition's first letter or that of "the", a kind
# of year or "year".
_PERIOD_LEAD_AT = tried_only_at(first_letters(lex.PERIOD_PREPOSITIONS + lex.YEAR_KINDS + ("the", "year")), _PERIOD_LEAD)
_PERIOD_LEAD_WORDS = 6  # "in the financial year ending March": a preposition and five words


def claim_period(text: str, q: Quantity, sentence: Span, context: "SentenceContext"):
    """The period a claim is about, where its sentence names one, as written, its first and last
    year and its comparable key: ('in 2013-14', 2013, 2014, '2013/14'); four Nones where none."""
    # The year mention nearest the claim's start that does not overlap the claim (the earlier of
    # two as near), found from the claim's place among the sorted mentions: a sentence naming
    # thousands of years costs no more per claim than one naming two.
    years, starts = context.years, context.year_starts
    at = bisect.bisect_left(starts, q.start)
    left = at - 1
    while left >= 0 and years[left].start() < q.end and q.start < years[left].end():
        left -= 1
    right = at
    while right < len(years) and years[right].start() < q.end and q.start < years[right].end():
        right += 1
    if left < 0 and right == len(years):
        return None, None, None, None
    if right == len(years) or left >= 0 and q.start - starts[left] <= starts[right] - q.start:
        m = years[left]
    else:
        m = years[right]
    period = context.periods.get(m.start())
    if period is None:
        period = context.periods[m.start()] = _period_of_year(text, m, sentence)
    return period


def _period_of_year(text: str, m: re.Match, sentence: Span):
    """The period a year mention in a sentence names, with the words that lead it ('since 1985'),
    its years and its key (`periods.normalise_period`), computed here once for the matcher."""
    a = int(m.group("a"))
    b = m.group("b")
    hi = a
    if b:
        hi = int(b) if len(b) == 4 else (a // 100) * 100 + int(b)
        if hi <= a:
            hi = a + 1
    window_start = max(sentence.start, m.start() - 60)
    # The lead is at most _PERIOD_LEAD_WORDS words, so it starts within the last that many
    # words: the search (which tries each start in turn) begins there.
    words = text[window_start : m.start()].rsplit(None, _PERIOD_LEAD_WORDS)
    if len(words) > _PERIOD_LEAD_WORDS:
        window_start += len(words[0])
    lead = _PERIOD_LEAD_AT.search(text, window_start, m.start())  # None: only the empty lead
    preposition = (lead.group("prep") or "").strip().lower() if lead else ""
    if preposition and preposition not in lex.PERIOD_WORDS_LEFT_OUT:
        start = lead.start()
    elif lead and lead.group("year"):
        start = lead.start("year")
    else:
        start = m.start()
    label = " ".join(text[start : m.end()].split())
    if preposition == "since":
        return label, a, None, normalise_period(label, a, None)
    return label, a, hi, normalise_period(label, a, hi)
