"""Repeats of one quantity within a document, which word overlap alone misses.

Writers restate their main figures: the headline and crossheads give the figure the next
paragraphs explain ("INFLATION RISES TO 2.1%" then "rose to 2.1 per cent in the year to June");
"the £1.2bn" refers back to the £1.2bn announced above; a figure as exact as £180,226 said
twice in one article is one figure (a rounder one, like 244,000, may count two things). The sentences around such repeats often share few words,
so these rules link them directly: each repeat joins the mention it restates.
"""

from __future__ import annotations

import re
from collections import defaultdict

from workbench.core.compare import compare_claims
from workbench.core.match.features import ClaimFeatures
from workbench.core.match.scoring import MatchConfig

# Kinds whose repeats can be told from the figure alone; a year or date is repeated about
# many things.
REPEAT_FAMILIES = frozenset({"count", "money", "share", "change", "other"})
REFERRING = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})
EXACT_DIGITS = 5  # a figure given this exactly (180,226) is one count, not a coincidence
HEADING_WORDS = 8  # a standalone line up to this many words, without a full stop, is a heading
_WORD_BEFORE = re.compile(r"\b([A-Za-z]+)\s+$")
# An amount and the same amount in another currency in brackets: "£1.3bn ($2.5bn)". What may
# stand between the two, and after the second.
_BRACKET_OPEN = re.compile(r"\s*\(\s*")
_BRACKET_CLOSE = re.compile(r"\s*\)")


def is_heading(f: ClaimFeatures) -> bool:
    """The claim stands in the document's headline or in a short crosshead."""
    if f.claim.section == "title":
        return True
    return _heading_line(f.sentence)


def _heading_line(sentence: str) -> bool:
    """A short line of its own without a closing full stop. Only the first HEADING_WORDS + 1 words
    are split off, so a sentence of megabytes costs no more than a short one."""
    words = sentence.split(maxsplit=HEADING_WORDS)
    if not words or len(words) > HEADING_WORDS:
        return False
    return words[0][0].isalpha() and words[-1][-1] not in ".?!:;,\"'”’)|" and "\n" not in sentence.strip()


def refers_back(f: ClaimFeatures) -> bool:
    """The figure follows a word that points back to an earlier mention ("the £1.2bn")."""
    before = f.sentence[max(0, f.claim.start - f.sentence_key[1] - 24) : f.claim.start - f.sentence_key[1]]
    m = _WORD_BEFORE.search(before)
    return bool(m) and m.group(1).lower() in REFERRING


def document_repeats(
    features: list[ClaimFeatures], config: MatchConfig, new: set[int] | None = None
) -> list[tuple[int, int]]:
    """Pairs (repeat, the mention it restates) within each document.

    Linear in the mentions of a document for the exact repeats (a figure's earlier mentions of
    the same value are looked up, sentence by sentence, not scanned), with whether a mention is a
    heading worked out once per sentence: one long line with thousands of figures stays fast.
    """
    by_doc: dict[str, list[ClaimFeatures]] = defaultdict(list)
    for f in features:
        if f.family in REPEAT_FAMILIES:
            by_doc[f.claim.doc_name].append(f)
    out: list[tuple[int, int]] = []
    for mentions in by_doc.values():
        if len(mentions) < 2 or (new is not None and not any(f.index in new for f in mentions)):
            continue
        mentions.sort(key=lambda f: f.claim.start)
        heading = _headings(mentions)
        # (family, unit, value) -> the earlier non-heading mentions of that value, grouped by sentence
        earlier: dict[tuple, list[tuple[tuple[str, int], list[ClaimFeatures]]]] = defaultdict(list)
        for k, f in enumerate(mentions):
            if heading[k]:
                # A heading announces what follows: the first figure after it that it rounds.
                target = next(
                    (
                        g
                        for j, g in enumerate(mentions[k + 1 :], k + 1)
                        if not heading[j] and _restates(f, g, config, rounding=True)
                    ),
                    None,
                )
            elif f.specificity >= EXACT_DIGITS or refers_back(f):
                target = next(
                    (
                        g
                        for key, group in earlier.get(_value_key(f), ())
                        if key != f.sentence_key
                        for g in group
                        if _restates(f, g, config, rounding=False)
                    ),
                    None,
                )
            else:
                target = None
            if target is not None:
                out.append((f.index, target.index))
            if not heading[k]:
                groups = earlier[_value_key(f)]
                if groups and groups[-1][0] == f.sentence_key:
                    groups[-1][1].append(f)
                else:
                    groups.append((f.sentence_key, [f]))
    return out


def currency_restatements(features: list[ClaimFeatures], new: set[int] | None = None) -> list[tuple[int, int]]:
    """Pairs (amount, its restatement) where a sentence gives an amount of money and, in brackets
    right after it, the same amount in another currency: "£1.3bn ($2.5bn)", "$19.1m (£9.9m)".
    They state one quantity, the one exception to "two figures of one sentence are never one
    quantity"; the matcher keeps them in one cluster and never compares their values."""
    by_sentence: dict[tuple[str, int], list[ClaimFeatures]] = defaultdict(list)
    for f in features:
        if f.claim.kind == "money" and f.claim.currency and (new is None or f.index in new):
            by_sentence[f.sentence_key].append(f)
    out: list[tuple[int, int]] = []
    for (_, sentence_start), amounts in by_sentence.items():
        if len(amounts) < 2:
            continue
        amounts.sort(key=lambda f: f.claim.start)
        text = amounts[0].sentence
        for f, g in zip(amounts, amounts[1:]):
            if f.claim.currency == g.claim.currency:
                continue
            between = _BRACKET_OPEN.fullmatch(text, f.claim.end - sentence_start, g.claim.start - sentence_start)
            if between and _BRACKET_CLOSE.match(text, g.claim.end - sentence_start):
                out.append((f.index, g.index))
    return out


def _headings(mentions: list[ClaimFeatures]) -> list[bool]:
    """is_heading of each mention, worked out once per sentence."""
    by_sentence: dict[tuple[str, int], bool] = {}
    flags = []
    for f in mentions:
        if f.claim.section == "title":
            flags.append(True)
            continue
        if f.sentence_key not in by_sentence:
            by_sentence[f.sentence_key] = _heading_line(f.sentence)
        flags.append(by_sentence[f.sentence_key])
    return flags


def _value_key(f: ClaimFeatures) -> tuple:
    """What an exact repeat must share with the mention it restates: family, unit and value."""
    value = f.claim.value
    try:
        hash(value)
    except TypeError:
        value = repr(value)
    return (f.family, f.unit, value)


def _restates(f: ClaimFeatures, g: ClaimFeatures, config: MatchConfig, *, rounding: bool) -> bool:
    if f.family != g.family or f.unit != g.unit or f.sentence_key == g.sentence_key:
        return False
    if not rounding and f.claim.value != g.claim.value:
        return False
    comparison = compare_claims(f.claim, g.claim, slack=config.value_slack, readings=(f.reading, g.reading))
    return comparison.same or (rounding and bool(comparison.compatible))
