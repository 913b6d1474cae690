"""What the matcher knows about each claim: its words with the numbers masked, and its period.

A claim's figure is masked out of its sentence ("One in seven councils" and "One in six
councils" both read "# councils"), so that the words say which quantity is measured and the
values are compared separately. Words near the figure weigh more than words far from it.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from workbench.core.model import Claim, Document
from workbench.core.periods import normalise_period, period_near, publication_day

MASK = "#"

STOPWORDS = frozenset("""
a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can could did do does doing down during each few for
from further had has have having he her here hers herself him himself his how i if in into is
it its itself just me more most my myself no nor of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves
said says say told according per cent percent also one ones its it's s t mr mrs ms dr
""".split())
IRREGULAR = {"children": "child", "people": "person", "women": "woman", "men": "man",
             "data": "data", "news": "news", "was": "was", "has": "has", "is": "is"}
NUMBER_WORD = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|billion|trillion|half|halves|thirds?|quarters?|"
    r"dozens?|hundreds|thousands|millions|billions)\b", re.I)
DIGITS = re.compile(r"[£$€]?\d[\d,.]*(?:\s?(?:%|bn|m|k|mn|tn)\b|%)?")
WORD = re.compile(r"[#]|[a-z][a-z'’]*[a-z]|[a-z]", re.I)

FAMILIES = {
    "count": "count", "proportion": "share", "rate": "change", "money": "money",
    "year": "time", "date": "time", "duration": "duration", "other": "other",
}


def stem(word: str) -> str:
    """A light suffix-stripping stem: 'inspections', 'inspected', 'inspecting' -> 'inspect'."""
    word = word.lower().replace("’", "'").removesuffix("'s").strip("'")
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "ion", "ed", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def family(kind: str) -> str:
    """The kind family within which claims are compared: a share is never a change or a count."""
    return FAMILIES.get(kind, "other")


@dataclass(slots=True)
class ClaimFeatures:
    """A claim as the matcher sees it."""

    index: int
    claim: Claim
    family: str
    unit: str  # unit or currency, '' when none
    sentence: str  # the raw sentence
    masked: str  # the sentence lowercased, every figure replaced by '#'
    context: dict[str, float] = field(default_factory=dict)  # stem -> proximity weight
    near: tuple[str, ...] = ()  # the content words right after the figure: what it counts
    period: str | None = None  # explicit period key, from the claim or its sentence
    published: int | None = None  # publication day of the claim's document
    sentence_key: tuple[str, int] = ("", 0)
    context_text: str = ""  # the stems of the nearest words, sorted: what blocks are scored on


def _mask_sentence(sentence: str, spans: list[tuple[int, int, int]]) -> tuple[str, dict[int, int]]:
    """Replace each claim span (relative to the sentence) with a placeholder token.

    Returns the masked text and, for each claim index, the character offset of its placeholder.
    """
    pieces: list[str] = []
    where: dict[int, int] = {}
    cursor = 0
    length = 0
    for start, end, idx in sorted(spans):
        if start < cursor:
            where[idx] = where.get(idx, length)
            continue
        chunk = sentence[cursor:start]
        chunk = NUMBER_WORD.sub(MASK, DIGITS.sub(MASK, chunk))
        pieces.append(chunk)
        length += len(chunk)
        where[idx] = length + 1
        pieces.append(f" {MASK} ")
        length += 3
        cursor = end
    tail = NUMBER_WORD.sub(MASK, DIGITS.sub(MASK, sentence[cursor:]))
    pieces.append(tail)
    return "".join(pieces), where


def _proximity(distance: int) -> float:
    return 1.0 / (1.0 + 0.3 * max(distance - 1, 0))


def build_features(claims: list[Claim], documents: dict[str, Document],
                   window: int = 12, near_words: int = 2) -> list[ClaimFeatures]:
    """Features for every claim, in the order given."""
    by_sentence: dict[tuple[str, int, int], list[int]] = {}
    for i, c in enumerate(claims):
        by_sentence.setdefault((c.doc_name, c.sentence_start, c.sentence_end), []).append(i)
    features: list[ClaimFeatures | None] = [None] * len(claims)
    published: dict[str, int | None] = {}
    for (doc_name, s_start, s_end), members in by_sentence.items():
        doc = documents.get(doc_name)
        text = doc.text if doc is not None else ""
        if doc_name not in published:
            published[doc_name] = publication_day(getattr(doc, "published", None))
        if s_end <= s_start:  # no sentence: fall back to the claim and a little around it
            c0 = claims[members[0]]
            s_start, s_end = max(0, c0.start - 200), min(len(text), c0.end + 200)
        sentence = text[s_start:s_end] if text else " ".join(claims[i].surface for i in members)
        spans = [(max(claims[i].start - s_start, 0), max(claims[i].end - s_start, 0), i)
                 for i in members]
        masked, where = _mask_sentence(sentence, spans)
        masked_lower = masked.lower()
        words = [(m.start(), m.group(0)) for m in WORD.finditer(masked_lower)]
        for i in members:
            c = claims[i]
            pos = where.get(i, 0)
            centre = min(range(len(words)), key=lambda k: abs(words[k][0] - pos)) if words else 0
            context: dict[str, float] = {}
            near: list[str] = []
            for k, (_, w) in enumerate(words):
                d = abs(k - centre)
                if d == 0 or d > window or w == MASK or w in STOPWORDS:
                    continue
                s = stem(w)
                if len(s) < 2:
                    continue
                weight = _proximity(d)
                if weight > context.get(s, 0.0):
                    context[s] = weight
                if k > centre and len(near) < near_words and k - centre <= 3:
                    near.append(s)
            for w in WORD.findall(c.subject.lower()) if c.subject else ():
                if w not in STOPWORDS and w != MASK:
                    s = stem(w)
                    context[s] = max(context.get(s, 0.0), 1.0)
            own = normalise_period(c.period, c.period_min, c.period_max)
            period = None
            if family(c.kind) != "time":
                period = own or period_near(sentence, c.start - s_start, c.end - s_start)
            nearest = sorted(context, key=lambda t: -context[t])[:window]
            features[i] = ClaimFeatures(
                index=i, claim=c, family=family(c.kind), unit=(c.currency or c.unit or ""),
                sentence=sentence, masked=" ".join(w for _, w in words),
                context=context, near=tuple(near), period=period,
                published=published[doc_name], sentence_key=(doc_name, s_start),
                context_text=" ".join(sorted(nearest)),
            )
    return features  # type: ignore[return-value]


def document_frequencies(features: list[ClaimFeatures]) -> Counter:
    """In how many claims' contexts each stem occurs."""
    df: Counter = Counter()
    for f in features:
        df.update(f.context.keys())
    return df


def inverse_frequencies(df: Counter, n: int) -> dict[str, float]:
    """Smoothed inverse document frequency per stem: rare words weigh more."""
    return {t: math.log((n + 1) / (count + 0.5)) for t, count in df.items()}
