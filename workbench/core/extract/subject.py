"""The subject of a claim: a short phrase naming what a quantity measures, from its sentence."""

from __future__ import annotations

import re

from workbench.core.model import Span
from workbench.core.numbers import Quantity

_STOP = set(
    """a an the of in on at to for from by with and or but that which who whom whose this these
    those there their its his her our your my as is are was were be been being has have had do
    does did will would could should can may might must not no only just than then so such very
    more most less fewer over under about around nearly almost some all any each every per
    into out up down also still yet now it they he she we you i them us him me what when where
    why how said says says told while whilst if though although because since during across
    between after before including including""".split()
)
_VERBISH = re.compile(
    r"^(?:is|are|was|were|be|been|has|have|had|will|would|could|should|can|may|might|must|said|"
    r"says|say|do|does|did|got|get|became|become|remain(?:s|ed)?|required?|require[sd]?|"
    r"\w+ed)$",
    re.IGNORECASE,
)
_JUDGED = re.compile(
    r"\b(?:judged|rated|deemed|found|seen|considered|classed|graded|assessed|named|labelled|"
    r"regarded|declared|ranked)\s+(?:to\s+be\s+|as\s+|being\s+)?(?P<pred>(?:not\s+)?[a-z]+(?:\s+(?:or|and)\s+[a-z]+)?)",
    re.IGNORECASE,
)
# Each word _JUDGED needs, to skip it in sentences that hold none.
JUDGED_WORDS = (
    "judged",
    "rated",
    "deemed",
    "found",
    "seen",
    "considered",
    "classed",
    "graded",
    "assessed",
    "named",
    "labelled",
    "regarded",
    "declared",
    "ranked",
)
_AS_PREDICATE = re.compile(r"\bas\s+(?P<pred>(?:not\s+)?[a-z]+(?:\s+(?:or|and)\s+[a-z]+)?)")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def _content_words(words: list[str]) -> list[str]:
    return [w for w in words if w.lower() not in _STOP and not w[0].isdigit()]


_SUBJECT_LEAD = re.compile(r"\s*(?:(?:of|out of)\b)?\s*(?:(?:the|all|those|these|its|their)\b)?\s*", re.I)
_PHRASE_BREAK = re.compile(r"[,.;:()\"“”–—]")
_CLAUSE_BREAK = re.compile(r"[,;:()–—]")
# [,;:()–—]|\band\b|\bwhile\b|\bbut\b, spelt backwards: searched in the reversed text, its
# first match is the last one in the text (the matches cannot overlap), found without reading
# the whole clause. Written to start with a character class, so that the engine skips in C to
# the next character a match can start with; "(?<!\w.)" after a word's first letter is the
# "\b" before it.
_CLAUSE_OR_CONJUNCTION_REVERSED = re.compile(
    r"[,;:()–—det](?:(?<=[,;:()–—])|(?<=d)(?<!\w.)na\b|(?<=e)(?<!\w.)lihw\b|(?<=t)(?<!\w.)ub\b)"
)
_OF_NOUN_PHRASE = re.compile(
    r"\b(?:of|among)\s+(?:the\s+)?(?P<np>[\w'’\s-]{3,80}?)(?:\s+(?:that|which|who|have|has|were|was)\b|,|$)"
)
_SUBJECT_REACH = 600  # characters: longer than nearly every sentence of news
_HEAD_STOP = frozenset(
    (
        "in",
        "at",
        "on",
        "for",
        "from",
        "by",
        "with",
        "since",
        "during",
        "to",
        "than",
        "that",
        "who",
        "which",
        "where",
        "and",
        "or",
        "but",
        "as",
        "was",
        "were",
    )
)


def subject_of(text: str, q: Quantity, sentence: Span, may_be_judged: bool = True) -> str:
    """A short phrase naming what a quantity measures: the noun phrase it quantifies, what it
    was judged to be, and failing those the words in front of it. `may_be_judged` False says
    the sentence holds none of _JUDGED's verbs (so that regex is not run)."""
    # Read no further than _SUBJECT_REACH either side: a sentence of a few hundred kilobytes
    # (a file with no full stops) would otherwise cost its whole length for every claim in it.
    after_start = _SUBJECT_LEAD.match(text, q.end, sentence.end).end()  # the text after it: after_start:after_end
    after_end = min(sentence.end, after_start + _SUBJECT_REACH)
    floor = max(sentence.start, q.start - _SUBJECT_REACH)
    head: list[str] = []
    # Words cannot hold a phrase break, so the head ends at the first break: read words up to it.
    phrase_break = _PHRASE_BREAK.search(text, after_start, after_end)
    for word in _WORD.findall(text, after_start, phrase_break.start() if phrase_break else after_end):
        lower = word.lower()
        if not head and lower.endswith("ed") and not _VERBISH.match(word[:-2] + "s"):
            head.append(word)  # a participle before its noun: "inspected authorities"
            continue
        if lower in _HEAD_STOP or _VERBISH.match(word):
            if (lower == "and" or lower == "or") and not head:
                continue
            break
        head.append(word)
        if len(head) >= 5:
            break
    head = _content_words(head)
    judged = None
    if may_be_judged:
        clause_end = min(sentence.end, q.end + 120)
        clause_break = _CLAUSE_BREAK.search(text, q.end, clause_end)
        clause_after = text[q.end : clause_break.start() if clause_break else clause_end]
        judged = _JUDGED.search(clause_after)
        if judged is None and _JUDGED.search(text[floor : q.start] + " x"):
            judged = _AS_PREDICATE.search(clause_after)
    predicate = [judged.group("pred")] if judged else []
    if not head or all(w.lower() in ("people", "cent", "percent") for w in head):
        before = text[floor : q.start]
        last_break = _CLAUSE_OR_CONJUNCTION_REVERSED.search(before[::-1])
        if last_break and before[len(before) - last_break.start() :].strip():
            before = before[len(before) - last_break.start() :]  # the text after the last break
        of_np = _OF_NOUN_PHRASE.search(before) if "of" in before or "among" in before else None
        if of_np:
            head = _content_words(of_np.group("np").split())[:5]
        else:
            head = _content_words(_WORD.findall(before))[-5:]
        if not predicate:
            predicate = []
            for m in _WORD.finditer(text, after_start, after_end):  # the first content word after it
                if m.group().lower() not in _STOP:
                    predicate.append(m.group())
                    break
    words = [w.lower().strip("'’") for w in head + predicate]
    return " ".join([w for w in words if w])[:120]
