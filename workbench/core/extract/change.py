"""The sign of a change: whether a percentage or a share is a rise or a fall ('fell 0.7%', 'cuts
of 40%', 'a 5% rise') or a level ('rose to 2.1%'). The words are number_lexicon.CHANGE_WORDS."""

from __future__ import annotations

import re

from workbench.core import number_lexicon as lex
from workbench.core.lexicon import tried_only_at
from workbench.core.model import Span
from workbench.core.number_lexicon import first_letters, words_pattern
from workbench.core.numbers import Quantity

_CHANGE = re.compile(rf"\b(?P<word>{words_pattern(lex.CHANGE_WORDS)})", re.IGNORECASE)
# _CHANGE tried only at the first letters of its words.
_CHANGE_AT = tried_only_at(first_letters(lex.CHANGE_WORDS), _CHANGE)
_DIGIT = re.compile(r"\d")
_WORD_AFTER = re.compile(r"\s*(?:a\s+year\s+)?(?P<word>\w+)")
_UP_OR_DOWN_ON = re.compile(rf"\s*{words_pattern(lex.CHANGE_ADVERBS)}\s+(?:on|from)\b")


def change_sign(text: str, q: Quantity, sentence: Span) -> int:
    """+1 or -1 when the percentage is a change ('fell 0.7%', 'cuts of 40%', 'a 5% rise'), else 0."""
    window_start = max(sentence.start, q.number_start - 60)
    before = text[window_start : q.start]
    words = before.split()[-6:]
    tail = " ".join(words)
    best = None
    for m in _CHANGE_AT.finditer(tail):  # the matches are whole words, so they cannot overlap
        best = m
    if best is not None and not _DIGIT.search(tail, best.end("found")):
        linking = tail[best.end("found") :].strip().lower()
        if linking in ("to", "at", "from"):
            return 0  # "rose to 2.1%": a new level, not the change
        word = best.group("word").lower()
        if word in lex.CHANGE_WORDS_NAMING_A_LEVEL and linking:
            return 0
        return lex.CHANGE_WORDS[word]
    after = text[q.end : min(sentence.end, q.end + 30)]
    m = _WORD_AFTER.match(after)
    word = m.group("word").lower() if m else ""
    if word in lex.CHANGE_WORDS and word not in lex.CHANGE_WORDS_BEFORE_ONLY:
        return lex.CHANGE_WORDS[word]
    if word in lex.CHANGE_ADVERBS and _UP_OR_DOWN_ON.match(after):
        return lex.CHANGE_WORDS[word]
    return 0
