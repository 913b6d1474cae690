"""The sign of a change: whether a percentage or a share is a rise or a fall ('fell 0.7%', 'cuts
of 40%', 'a 5% rise') or a level ('rose to 2.1%')."""
from __future__ import annotations

import re

from workbench.core.lexicon import tried_only_at
from workbench.core.model import Span
from workbench.core.numbers import Quantity

_CHANGE = re.compile(
    r"\b(?P<word>ris(?:e|es|en|ing)|rose|increas(?:e|es|ed|ing)|up|grow(?:s|n|ing|th)?|grew|"
    r"jump(?:s|ed)?|climb(?:s|ed)?|soar(?:s|ed)?|surg(?:e|es|ed)|boost(?:s|ed)?|gain(?:s|ed)?|"
    r"fall(?:s|en|ing)?|fell|drop(?:s|ped)?|declin(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|down|"
    r"cut(?:s|ting)?|reduc(?:e|es|ed|tion|tions)|lower(?:ed)?|slump(?:s|ed)?|plung(?:e|es|ed)|"
    r"sl(?:id|ide|ides)|shr(?:ank|ink|unk|inks)|lost|loss(?:es)?|slash(?:es|ed)?|"
    r"inflation|deflation|change)\b",
    re.IGNORECASE,
)
# _CHANGE tried only at the first letters of its words.
_CHANGE_AT = tried_only_at("riugjcsbfdlp", _CHANGE)
_DIGIT = re.compile(r"\d")
_WORD_AFTER = re.compile(r"\s*(?:a\s+year\s+)?(?P<word>\w+)")
_UP_OR_DOWN_ON = re.compile(r"\s*(?:up|down)\s+(?:on|from)\b")
_FALLING = re.compile(
    r"^(?:fall|fell|drop|declin|decreas|down|cut|reduc|lower|slump|plung|sl[iu]d|shr|lost|loss|slash|deflation)",
    re.IGNORECASE,
)


def change_sign(text: str, q: Quantity, sentence: Span) -> int:
    """+1 or -1 when the percentage is a change ('fell 0.7%', 'cuts of 40%', 'a 5% rise'), else 0."""
    window_start = max(sentence.start, q.number_start - 60)
    before = text[window_start:q.start]
    words = before.split()[-6:]
    tail = " ".join(words)
    best = None
    for m in _CHANGE_AT.finditer(tail):  # the matches are whole words, so they cannot overlap
        best = m
    if best is not None and not _DIGIT.search(tail, best.end("found")):
        linking = tail[best.end("found"):].strip().lower()
        if linking in ("to", "at", "from"):
            return 0  # "rose to 2.1%": a new level, not the change
        if best.group("word").lower() in ("inflation", "change") and linking:
            return 0
        return -1 if _FALLING.match(best.group("word")) else 1
    after = text[q.end:min(sentence.end, q.end + 30)]
    m = _WORD_AFTER.match(after)
    if m and _CHANGE.fullmatch(m.group("word")) and m.group("word").lower() not in ("up", "down", "change", "inflation"):
        return -1 if _FALLING.match(m.group("word")) else 1
    if m and m.group("word").lower() in ("up", "down") and _UP_OR_DOWN_ON.match(after):
        return -1 if m.group("word").lower() == "down" else 1
    return 0
