"""What the matcher knows about each claim: its words with the numbers masked, and its period.

A claim's figure is masked out of its sentence ("One in seven councils" and "One in six
councils" both read "# councils"), so that the words say which quantity is measured and the
values are compared separately. Words near the figure weigh more than words far from it.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from workbench.core.compare import Reading, read_figure
from workbench.core.frames import QuantityFrame, read_frame
from workbench.core.model import Claim, Document
from workbench.core.periods import earlier_mentions, period_mentions, publication_day

MASK = "#"

STOPWORDS = frozenset(
    """
a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can could did do does doing down during each few for
from further had has have having he her here hers herself him himself his how i if in into is
it its itself just me more most my myself no nor of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves
said says say told according per cent percent also one ones its it's s t mr mrs ms dr
""".split()
)
IRREGULAR = {
    "children": "child",
    "people": "person",
    "women": "woman",
    "men": "man",
    "data": "data",
    "news": "news",
    "was": "was",
    "has": "has",
    "is": "is",
}
# Words that news text uses interchangeably for one thing, mapped to one stem. General
# newsroom vocabulary, not tied to any one document.
SYNONYMS = {
    "council": "authority",
    "authority": "authority",
    "municipality": "authority",
    "kid": "child",
    "youngster": "child",
    "increase": "rise",
    "rose": "rise",
    "risen": "rise",
    "grow": "rise",
    "grew": "rise",
    "growth": "rise",
    "climb": "rise",
    "jump": "rise",
    "surge": "rise",
    "decrease": "fall",
    "fell": "fall",
    "fallen": "fall",
    "decline": "fall",
    "drop": "fall",
    "dropp": "fall",
    "plunge": "fall",
    "slump": "fall",
    "immigrant": "migrant",
    "emigrant": "migrant",
    "immigr": "migrat",
    "emigr": "migrat",
    "house": "home",
    "dwell": "home",
    "property": "home",
    "firm": "company",
    "business": "company",
    "employee": "worker",
    "staff": "worker",
    "pupil": "student",
    "die": "death",
    "dy": "death",
    "fatality": "death",
    "dead": "death",
    "kill": "death",
    "individual": "person",
    "resident": "person",
}
WORD = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|billion|trillion|half|halves|thirds?|quarters?|"
    r"dozens?|hundreds|thousands|millions|billions)\b",
    re.I,
)
DIGITS = re.compile(r"[£$€]?\d[\d,.]*(?:\s?(?:%|bn|m|k|mn|tn)\b|%)?")
WORD = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]", re.I)  # "non-EU" stays one word

FAMILIES = {
    "count": "count",
    "proportion": "share",
    "rate": "change",
    "money": "money",
    "year": "time",
    "date": "time",
    "duration": "duration",
    "other": "other",
}


_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def significant_digits(surface: str) -> int:
    """How many significant digits a figure is written with: '£180,226' 6, '244,000' 3, '20' 1."""
    m = _FIGURE.search(surface)
    if not m:
        return 0
    digits = m.group(0).replace(",", "")
    if "." in digits:
        return len(digits.replace(".", "").lstrip("0"))
    return len(digits.lstrip("0").rstrip("0"))


def stem(word: str) -> str:
    """A light suffix-stripping stem: 'inspections', 'inspected', 'inspecting' -> 'inspect'."""
    word = word.lower().replace("’", "'").removesuffix("'s").strip("'")
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) <= 3:
        return SYNONYMS.get(word, word)
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "ion", "ed", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return SYNONYMS.get(word, word)


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
    context: dict[str, float] = field(default_factory=dict)  # stem -> weight, whole sentence
    own: dict[str, float] = field(default_factory=dict)  # the words that describe this figure
    words: frozenset = frozenset()  # every content stem of the sentence
    near: tuple[str, ...] = ()  # the content words right after the figure: what it counts
    period: str | None = None  # period key, as stated with the claim or in its sentence
    period_source: str | None = None  # stated | inferred (from the documents it matches)
    published: int | None = None  # publication day of the claim's document
    specificity: int = 0  # significant digits of the figure as written: 180,226 has 6
    reading: Reading | None = None  # the interval of values the figure's wording allows
    own_total: float = -1.0  # cached weight sums, filled in by the scorer
    context_total: float = -1.0
    sentence_key: tuple[str, int] = ("", 0)
    context_text: str = ""  # the most telling stems, sorted: what blocks are scored on (set by blocking)
    frame: QuantityFrame | None = None  # what the figure measures (frames.py)


NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion trillion half halves third thirds quarter quarters dozen "
    "dozens hundreds thousands millions billions".split()
)
TOKEN = re.compile(r"#\d+|[£$€]?\d[\d,.]*%?|[a-z][a-z'’-]*[a-z]|[a-z]")


def _masked_tokens(sentence: str, spans: list[tuple[int, int, int]]) -> list[str]:
    """The sentence's words, lowercased, with each claim span as '#<claim index>' and every
    other number as '#'."""
    pieces: list[str] = []
    cursor = 0
    for start, end, idx in sorted(spans):
        if start < cursor:
            continue
        pieces.append(sentence[cursor:start])
        pieces.append(f" #{idx} ")
        cursor = end
    pieces.append(sentence[cursor:])
    tokens = TOKEN.findall("".join(pieces).lower())
    return [MASK if (t[0] != "#" and (not t[0].isalpha() or t in NUMBER_WORDS)) else t for t in tokens]


# How much a word tells about a figure. The words after a figure, up to the next figure,
# describe it ("40% good, 43% adequate"); the words before it do when no other figure stands
# between. Words that belong to another figure of the sentence count a little, and the opening
# words before the first figure, which often name what a list of figures measures, a little more.
RIGHT_DECAY, LEFT_SCALE, LEFT_DECAY = 0.25, 0.7, 0.3
PREAMBLE_WEIGHT, OTHER_WEIGHT = 0.4, 0.2
# A "sentence" longer than this many words is a line without full stops (a table flattened, a
# dump of figures): each figure's context is then the words within NEIGHBOURHOOD_WORDS of it,
# so that the work per figure stays bounded and matching stays linear in the text.
LONG_SENTENCE_WORDS, NEIGHBOURHOOD_WORDS = 400, 60


def build_features(
    claims: list[Claim],
    documents: dict[str, Document],
    window: int = 12,
    near_words: int = 2,
    frames: Mapping[str, QuantityFrame] | None = None,
) -> list[ClaimFeatures]:
    """Features for every claim, in the order given. `frames` are quantity frames already read
    (claim id -> frame, as the store keeps them): those claims' frames are not read again."""
    frames = frames or {}
    by_sentence: dict[tuple[str, int, int], list[int]] = {}
    for i, c in enumerate(claims):
        by_sentence.setdefault((c.doc_name, c.sentence_start, c.sentence_end), []).append(i)
    features: list[ClaimFeatures | None] = [None] * len(claims)
    published: dict[str, int | None] = {}
    stems: dict[str, str] = {}
    for (doc_name, s_start, s_end), members in by_sentence.items():
        doc = documents.get(doc_name)
        text = doc.text if doc is not None else ""
        if doc_name not in published:
            published[doc_name] = publication_day(getattr(doc, "published", None))
        if s_end <= s_start:  # no sentence: fall back to the claim and a little around it
            c0 = claims[members[0]]
            s_start, s_end = max(0, c0.start - 200), min(len(text), c0.end + 200)
        sentence = text[s_start:s_end] if text else " ".join(claims[i].surface for i in members)
        spans = [(max(claims[i].start - s_start, 0), max(claims[i].end - s_start, 0), i) for i in members]
        tokens = _masked_tokens(sentence, spans)
        placeholder: dict[int, int] = {}
        word_stems: list[str | None] = []
        masks: list[int] = []
        for k, w in enumerate(tokens):
            if w[0] == MASK:
                masks.append(k)
                if len(w) > 1:
                    placeholder.setdefault(int(w[1:]), k)
                word_stems.append(None)
                continue
            st = stems.get(w)
            if st is None:
                st = stem(w)
                stems[w] = st = st if len(st) >= 2 and st not in STOPWORDS and w not in STOPWORDS else ""
            word_stems.append(st or None)
        earlier = _dated_earlier(sentence, spans, claims)
        periods = period_mentions(sentence)
        period_starts = [start for start, _, _ in periods]
        period_ends = [end for _, end, _ in periods]
        n_words = len(tokens)
        long_sentence = n_words > LONG_SENTENCE_WORDS
        sentence_words = frozenset(st for st in word_stems if st) if not long_sentence else None
        masked_text = " ".join(MASK if w[0] == MASK else w for w in tokens)
        for i in members:
            c = claims[i]
            centre = placeholder.get(i, 0)
            before, after = bisect.bisect_left(masks, centre), bisect.bisect_right(masks, centre)
            prev_mask = masks[before - 1] if before else -1  # the figures either side of this one
            next_mask = masks[after] if after < len(masks) else n_words
            first_mask = masks[0] if masks else centre
            own_preamble = centre == first_mask
            context: dict[str, float] = {}
            own: dict[str, float] = {}
            near: list[str] = []
            # In a sentence of ordinary length every word counts; in one of thousands of words (a
            # line without full stops) the figure's neighbourhood is its sentence.
            lo, hi = (
                (0, n_words)
                if not long_sentence
                else (max(0, centre - NEIGHBOURHOOD_WORDS), min(n_words, centre + NEIGHBOURHOOD_WORDS + 1))
            )
            words = sentence_words if sentence_words is not None else frozenset(st for st in word_stems[lo:hi] if st)
            for k in range(lo, hi):
                st = word_stems[k]
                if st is None:
                    continue
                if centre < k < next_mask:
                    d = k - centre
                    weight = 1.0 / (1.0 + RIGHT_DECAY * (d - 1)) if d <= window else OTHER_WEIGHT
                    mine = True
                    if len(near) < near_words and d <= 3:
                        near.append(st)
                elif prev_mask < k < centre:
                    d = centre - k
                    weight = LEFT_SCALE / (1.0 + LEFT_DECAY * (d - 1)) if d <= window else OTHER_WEIGHT
                    mine = True
                elif k < first_mask:
                    weight, mine = PREAMBLE_WEIGHT, own_preamble
                else:
                    weight, mine = OTHER_WEIGHT, False
                if weight > context.get(st, 0.0):
                    context[st] = weight
                if mine and weight > own.get(st, 0.0):
                    own[st] = weight
            subject_words = set()
            for w in WORD.findall(c.subject.lower()) if c.subject else ():
                if w not in STOPWORDS and w != MASK:
                    st = stem(w)
                    subject_words.add(st)
                    context[st] = own[st] = 1.0
            period, source = None, None
            if family(c.kind) != "time":
                period = c.period_key
                if period is None:
                    period = _nearest_period(periods, period_starts, period_ends, c.start - s_start, c.end - s_start)
                if i in earlier:  # "a year earlier ... 177,000": the period before
                    period = f"{earlier[i]} {period or ''}".strip()
                if period is not None:
                    source = "stated"
            features[i] = ClaimFeatures(
                index=i,
                claim=c,
                family=family(c.kind),
                unit=(c.currency or c.unit or ""),
                sentence=sentence,
                masked=masked_text,
                context=context,
                own=own,
                words=words | subject_words,
                near=tuple(near),
                period=period,
                period_source=source,
                published=published[doc_name],
                sentence_key=(doc_name, s_start),
                specificity=significant_digits(c.surface),
                reading=_reading(c),
                frame=frame if (frame := frames.get(c.id)) is not None else read_frame(c, doc),
            )
    return features  # type: ignore[return-value]


def _nearest_period(
    periods: list[tuple[int, int, str]], starts: list[int], ends: list[int], start: int, end: int
) -> str | None:
    """periods.period_near on mentions found once per sentence: the period nearest to the claim
    at [start, end), not overlapping it (the earlier one on a tie). Mentions are in order and do
    not overlap, so the nearest is the last one ending before the claim or the first after it."""
    before = bisect.bisect_right(ends, start) - 1
    after = bisect.bisect_left(starts, end)
    best: tuple[int, str] | None = None
    if before >= 0:
        best = (start - ends[before], periods[before][2])
    if after < len(periods) and (best is None or starts[after] - end < best[0]):
        best = (starts[after] - end, periods[after][2])
    return best[1] if best else None


def _dated_earlier(sentence: str, spans: list[tuple[int, int, int]], claims: list[Claim]) -> dict[int, str]:
    """Claim index -> the earlier-period phrase of its sentence that dates it: each phrase
    dates the figure nearest to it (the first claim on a tie). The figures are searched from
    the phrase's place among them, so a sentence of many figures costs a look-up per phrase."""
    mentions = earlier_mentions(sentence)
    if not mentions:
        return {}
    figures = sorted((s, e, i) for s, e, i in spans if family(claims[i].kind) != "time")
    if not figures:
        return {}
    figure_starts = [s for s, _, _ in figures]
    longest = max(e - s for s, e, _ in figures)
    found: dict[int, str] = {}
    for start, end, key in mentions:
        # every figure that could be nearest starts within `longest` of the phrase, or is the
        # first on either side of it
        lo = max(0, bisect.bisect_left(figure_starts, start - longest) - 1)
        hi = min(len(figures), bisect.bisect_right(figure_starts, end) + 1)
        found[min((max(s - end, start - e, 0), i) for s, e, i in figures[lo:hi])[1]] = key
    return found


def _reading(claim: Claim) -> Reading | None:
    try:
        return read_figure(claim)
    except (TypeError, ValueError):
        return None


def document_frequencies(features: list[ClaimFeatures]) -> Counter:
    """In how many claims' contexts each stem occurs."""
    df: Counter = Counter()
    for f in features:
        df.update(f.context.keys())
    return df


IDF_POWER = 1  # squared, so that one rare shared word outweighs a stock phrase


def inverse_frequencies(df: Counter, n: int) -> dict[str, float]:
    """Smoothed inverse document frequency per stem: rare words weigh more."""
    return {t: math.log((n + 1) / (count + 0.5)) ** IDF_POWER for t, count in df.items()}
