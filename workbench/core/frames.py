"""What a figure measures: a quantity frame read from the words around each claim.

A frame names the quantity a claim states, so that two claims can be compared on what they
are about rather than on a bag of nearby words:

    measure  the noun phrase the figure measures, negation kept ("trade shortfall",
             "rise in imports", "councils not found to be good")
    place    the population or place it is about ("US", "London", "England and Wales")
    period   a period key as `periods.py` writes them ("2004-11", "2004", "2004-Q4",
             "year to 2013-09"), or a day named relative to the story ("tuesday"); stated in the
             sentence, else inherited from the paragraph, a heading or the document's date.
             Relative periods ("last month", "a year earlier", "the previous quarter") are
             resolved against the period they are relative to when it is known.
    basis    how the figure is reckoned, where stated: "month on month", "annual",
             "year to date", "forecast"
    source   who states it: "the ONS" in "according to the ONS", "Halifax" in "Halifax said"

Every field is a string or None. The readers are small named functions over word tables kept
as data at the top of this module; nothing here is tied to one document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields as dataclass_fields
from datetime import date
from functools import lru_cache

from workbench.core.model import Claim, Document
from workbench.core.periods import MONTHS, period_mentions, publication_day

__all__ = [
    "QuantityFrame",
    "read_frame",
    "read_frames",
    "period_label",
    "frame_heading",
    "cluster_frame",
    "FrameReader",
    "FRAMES_VERSION",
]

# Raised whenever a reader below (or a table it reads) changes what it returns: frames stored by
# the matcher under another version are read again, not exported. tests/test_frames_version.py
# fails when the seeds' frames change and this has not.
FRAMES_VERSION = 1


@dataclass(slots=True, frozen=True)
class QuantityFrame:
    """What one claim's figure measures. Fields are strings or None (see the module doc)."""

    measure: str | None = None
    place: str | None = None
    period: str | None = None
    basis: str | None = None
    source: str | None = None

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in FRAME_FIELDS}

    @classmethod
    def from_dict(cls, fields: dict) -> QuantityFrame:
        """The frame of an as_dict() mapping; fields it lacks are None, others are ignored."""
        return cls(*(fields.get(name) for name in FRAME_FIELDS))


FRAME_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclass_fields(QuantityFrame))


# --------------------------------------------------------------------------- word tables

# Closed-class words: a measure phrase never starts or ends on one, and one of the verbs
# below ends the noun phrase before a figure.
FUNCTION_WORDS = frozenset(
    """
a an the this that these those its their his her our your my some any each every all both
of to in on at by for from with into onto over under about around than as per and or but
nor so yet after before since while during between among against through up down off out
is are was were be been being am has have had having do does did will would shall should
can could may might must it he she they we you i there here who which what whom whose
when where why how not no never also only just still even almost nearly some more most less
least very much many few just around roughly approximately about some past above below
beyond near within behind record new
""".split()
)
# Words of time and comparison that end a measure phrase, never belong to it.
TIME_NOUNS = frozenset(
    """
year years month months week weeks quarter quarters day days time times previous last earlier
later ago next monday tuesday wednesday thursday friday saturday sunday today yesterday
january february march april may june july august september october november december
""".split()
)
# Common verbs that are not linking verbs but end the phrase before one: "LSE saw its shares surge".
OTHER_VERBS = frozenset(
    "saw see sees showed show shows put puts left keep keeps kept took said "
    "says told thought think expects expected suggested suggest".split()
)
# Verbs (and verb forms) that link a measured thing to its figure: "X rose to 5%".
LINK_VERBS = frozenset(
    """
is are was were be been being stood stands stand rose rises risen rising fell falls fallen falling
reached reaches hit hits totalled totaled climbed climbs jumped jumps dropped drops slipped grew
grows increased decreased declined soared surged plunged slumped widened narrowed came comes
amounted averaged valued paid made earned raised topped passed exceeded hovered gained lost shed
added pushed ballooned edged eased closed ended settled traded offered bought sold owns held
expanded contracted shrank shrunk soaring rallied
""".split()
)
CHANGE_UP = frozenset(
    "rose rise rises risen rising climbed climb climbs jumped jump jumps grew "
    "grow grows increased increase increases soared soar surged surge gained "
    "gain gains widened widen ballooned edged up higher".split()
)
CHANGE_DOWN = frozenset(
    "fell fall falls fallen falling dropped drop drops slipped slip slips "
    "decreased decrease decreases declined decline declines plunged plunge "
    "slumped slump narrowed narrow eased lost lose loses shed down lower".split()
)
CHANGES = CHANGE_UP | CHANGE_DOWN
# Words that end a predicate after a counted phrase ("were judged good at safeguarding").
PREDICATE_END = frozenset("at in for by on with from and but while which who that after since because than of".split())
NEGATIONS = frozenset("not no never neither nor".split())
# Words that end a noun phrase after a figure ("20 councils were ...").
PHRASE_BREAK = frozenset(
    "is are was were be been has have had will would could should can may "
    "might said says say told and or but while which who that than as "
    "after before since because when if".split()
)
# Attribution verbs: "Halifax said", "according to the ONS".
SAY_VERBS = (
    r"said|says|say|told|reported|reports|estimated|estimates|announced|announces|"
    r"predicted|predicts|forecast|forecasts|expects|expected|added|warned|claimed|stated"
)
# Of those, the ones that are not also nouns, for "NAME said" (so "Further reports had" is no source).
NAME_SAY_VERBS = r"said|says|told|announced|warned|claimed|stated|predicted|predicts"
# Words that qualify a head noun but never name what is measured on their own: a measure of
# these alone ("first", "average", "higher", "rose faster") is no measure.
MODIFIERS = frozenset(
    """
first second third fourth fifth sixth latest final average mean median high higher highest low
lower lowest top bottom total overall estimated faster slower well alone now already again
further big bigger biggest small smaller smallest large larger largest full
""".split()
)
# Irregular participles and verbs news puts before a figure, which the -ed/-ing rule misses.
PARTICIPLES = frozenset("seen taken given shown known gone done begun become won spent sent".split())
# Conjunctions: a source never begins with one ("But the FT" is the FT).
CONJUNCTIONS = frozenset("and but or so yet nor as".split())
# Words of time that never name a source ("The county council said on Monday").
TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today "
    "tonight last this next week month year earlier later on in".split()
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Places: countries, nations and regions news writes about, and the adjectives that name them.
PLACE_ADJECTIVES = {
    "british": "UK",
    "english": "England",
    "scottish": "Scotland",
    "welsh": "Wales",
    "irish": "Ireland",
    "american": "US",
    "us": "US",
    "uk": "UK",
    "european": "Europe",
    "chinese": "China",
    "japanese": "Japan",
    "german": "Germany",
    "french": "France",
    "indian": "India",
    "russian": "Russia",
    "canadian": "Canada",
    "australian": "Australia",
    "italian": "Italy",
    "spanish": "Spain",
    "brazilian": "Brazil",
    "mexican": "Mexico",
    "asian": "Asia",
    "african": "Africa",
    "dutch": "Netherlands",
    "swiss": "Switzerland",
    "korean": "Korea",
    "global": "world",
    "worldwide": "world",
    "international": "world",
}
PLACES = frozenset(
    """
UK US USA Britain England Scotland Wales Ireland London Europe EU Asia Africa America China
Japan Germany France India Russia Canada Australia Italy Spain Brazil Mexico Korea Netherlands
Switzerland Sweden Norway Denmark Poland Greece Turkey Iran Iraq Israel Egypt Nigeria Kenya
Pakistan Indonesia Singapore Taiwan Argentina Chile Belgium Austria Portugal Finland Manchester
Birmingham Leeds Glasgow Edinburgh Cardiff Belfast Liverpool Bristol Paris Berlin Tokyo Beijing
Shanghai Moscow Washington York California Texas Florida Scotland Yorkshire Cornwall Kent
Midlands
""".split()
)
# Places of more than one word, read whole ("New York" is not York), with the name they go by.
PLACE_PHRASES = {
    "New York": "New York",
    "New Jersey": "New Jersey",
    "New Zealand": "New Zealand",
    "Hong Kong": "Hong Kong",
    "South Africa": "South Africa",
    "South Korea": "South Korea",
    "North Korea": "North Korea",
    "Saudi Arabia": "Saudi Arabia",
    "Los Angeles": "Los Angeles",
    "Northern Ireland": "Northern Ireland",
    "United States": "US",
    "United Kingdom": "UK",
    "Latin America": "Latin America",
    "Middle East": "Middle East",
    "Wall Street": "US",
}
_PLACE_PHRASE = re.compile(
    r"\b(" + "|".join(re.escape(p) for p in sorted(PLACE_PHRASES, key=len, reverse=True)) + r")\b"
)
# Benchmarks and indices, which set a figure's population as a place does ("Brent" vs "US light crude").
BENCHMARKS = frozenset("Brent WTI FTSE Dow Nasdaq Nikkei DAX CAC Hang Seng".split())
# Basis: how a figure is reckoned.
BASIS_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        (
            "month on month",
            r"\bmonth[- ]on[- ]month\b|\bon the (?:previous )?month\b|"
            r"\bfrom the previous month\b|\bmonthly\b",
        ),
        ("quarter on quarter", r"\bquarter[- ]on[- ]quarter\b|\bon the (?:previous )?quarter\b"),
        ("year to date", r"\byear[- ]to[- ]date\b|\bso far this year\b|\bsince the start of the year\b"),
        (
            "annual",
            r"\byear[- ]on[- ]year\b|\bannual(?:ly|ised|ized)?\b|\ba year earlier\b|"
            r"\bon the (?:previous )?year\b|\bover the (?:past|last) (?:year|12 months)\b|"
            r"\bin the (?:year|12 months) to\b|\bper year\b|\ba year\b",
        ),
        (
            "forecast",
            r"\b(?:forecasts?|predict(?:s|ed|ions?)?|expect(?:s|ed|ations?)?|tipped|"
            r"projected|projections?|estimates? (?:that|for)|could|would|will|likely|"
            r"target)\b",
        ),
    )
)
_SOURCE_PATTERNS: tuple[re.Pattern, ...] = (
    re.compile(
        r"\baccording to ((?:the )?[A-Z][\w&'’.-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w&'’.-]*)*"
        r"|(?:the |a )?[a-z]+(?: [a-z]+)?)"
    ),
    re.compile(
        rf"((?:[Tt]he )?[A-Z][\w&'’.-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w&'’.-]*)*"
        rf"|[Tt]he (?:[a-z]+ ){{0,2}}[a-z]+)(?:,[^,]{{2,60}},)?\s+(?:{NAME_SAY_VERBS})\b"
    ),
    re.compile(rf"\b(?:{SAY_VERBS})\s+((?:the )?[A-Z][\w&'’.-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w&'’.-]*)*)"),
)
_RELATIVE = re.compile(
    r"\b(?P<which>last|previous|preceding|prior|this|next|a|one|the)\s+(?P<unit>month|year|quarter|week)"
    r"(?:\s+(?P<after>earlier|before|ago|later))?\b|\bthe\s+(?:year|month|quarter)\s+before\b",
    re.I,
)
_MONTH_ALONE = re.compile(
    r"\b(?:in|for|during|of|by)\s+("
    + "|".join(sorted((m for m in MONTHS if len(m) > 3), key=len, reverse=True))
    + r")\b(?!\s+\d)",
    re.I,
)
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")(?:'s)?\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’&.-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*|[^\sA-Za-z\d]")
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—–]|,\s|\s-\s|\bwhile\b|\bwhereas\b|\bbut\b", re.I)


# --------------------------------------------------------------------------- readers

_BEFORE_BRACKET = re.compile(r"[£$€]?\d[\d,.]*\s*(?:%|[a-z]{0,8})\s*\($")
_AFTER_BRACKET = re.compile(r"^\s*\([^()]{1,40}\)")


@lru_cache(maxsize=4096)  # each reader of one claim asks for the same clause
def _clause(sentence: str, start: int, end: int) -> tuple[str, str]:
    """The words of the figure's clause before and after the figure. A restatement in
    brackets ("£1.3bn ($2.5bn) offer") reads as the figure it restates."""
    left = sentence[:start]
    right = sentence[end:]
    outer = _BEFORE_BRACKET.search(left)
    if outer and right.lstrip().startswith(")"):
        left, right = left[: outer.start()], right.lstrip()[1:]
    else:
        inner = _AFTER_BRACKET.match(right)
        if inner:
            right = right[inner.end() :]
    cut = list(_CLAUSE_BREAK.finditer(left))
    if cut:
        left = left[cut[-1].end() :]
    m = _CLAUSE_BREAK.search(right)
    if m:
        right = right[: m.start()]
    return left, right


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if w[0].isalpha() and w.lower() not in ("s", "'s")]


def _is_number_word(word: str) -> bool:
    return word.lower() in _NUMBER_WORDS


_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve "
    "twenty thirty forty fifty hundred thousand million billion trillion "
    "bn m mn k tn half third quarter cent percent pence p dollars dlrs "
    "pounds euros barrel".split()
)


def _trim(words: list[str]) -> list[str]:
    def loose(w: str) -> bool:
        w = w.lower()
        return w in FUNCTION_WORDS or w in TIME_NOUNS or _is_number_word(w)

    while words and loose(words[0]):
        words = words[1:]
    while words and loose(words[-1]):
        words = words[:-1]
    return words


_AUXILIARIES = frozenset("has have had is are was were be been being will would could may might not never also".split())
# Verbs whose object, not their subject, is what the figure measures: "pushed the deficit to $5bn".
TRANSITIVE = frozenset(
    "pushed push pushes took put puts raised cut cuts lifted lifts brought "
    "drove drives sent valued valuing kept keeps".split()
)
# Words a noun phrase read backwards from its verb never crosses.
PHRASE_START = frozenset(
    "that which who whom whose while as than because when if it he she they we i you there said says say told".split()
)


def _noun_phrase_end(words: list[str]) -> list[str]:
    """The noun phrase ending a run of words: 'LSE saw its shares' -> 'shares',
    'Net migration to the UK' stays whole."""
    while words and words[-1].lower() in _AUXILIARIES:
        words = words[:-1]
    k = len(words)
    while k > 0 and len(words) - k < 8:
        w = words[k - 1].lower()
        if w in PHRASE_START or w in LINK_VERBS or w in OTHER_VERBS or w in TRANSITIVE or w in _AUXILIARIES:
            break
        k -= 1
    return _trim(words[k:])


def _phrase_before_verb(left: list[str], change: bool = False) -> tuple[list[str], str | None, bool]:
    """In 'The trade shortfall was', the phrase before the linking verb, the verb, negation."""
    for k in range(len(left) - 1, -1, -1):
        w = left[k].lower()
        if w in LINK_VERBS or w in TRANSITIVE or (change and w in CHANGES):
            negated = any(x.lower() in NEGATIONS for x in left[max(0, k - 2) :])
            head = left[:k]
            # "rose by", "stood at", "fell to": the object between verb and figure is not the measure,
            # but "pushed the deficit to" names it after the verb.
            between = _trim(left[k + 1 :])
            if between and w in TRANSITIVE:
                return between, w, negated
            return _noun_phrase_end(head[-8:]), w, negated
    return [], None, False


def _phrase_after(right: list[str]) -> tuple[list[str], bool]:
    """In '20 councils were not found to be good', the counted phrase and its predicate."""
    words: list[str] = []
    negated = False
    k = 0
    while k < len(right) and k < 8:
        w = right[k].lower()
        if w in PHRASE_BREAK:
            if w in {"were", "was", "are", "is"} and words:
                # the predicate says which of them are counted: "were judged good"
                tail: list[str] = []
                for t in right[k + 1 : k + 7]:
                    if t.lower() in PREDICATE_END:
                        break
                    tail.append(t)
                if tail:
                    negated = tail[0].lower() in NEGATIONS
                    words.extend(tail)
            break
        words.append(right[k])
        k += 1
    return _trim(words), negated


_VERBISH = frozenset(LINK_VERBS | OTHER_VERBS | TRANSITIVE | CHANGES | set(SAY_VERBS.split("|")))


def _is_head(word: str) -> bool:
    """Whether a word can be the head of a measure: not a function word, a word of time, a
    number word, a verb or participle ("seen", "taking"), nor a modifier alone."""
    w = word.lower()
    if (
        w in FUNCTION_WORDS
        or w in TIME_NOUNS
        or w in _VERBISH
        or w in MODIFIERS
        or w in PARTICIPLES
        or _is_number_word(w)
        or w in NEGATIONS
    ):
        return False
    return not (len(w) > 4 and (w.endswith("ed") or w.endswith("ing")))


def is_measure(words: list[str]) -> bool:
    """Whether a phrase names something measured: it has at least one word that can head it."""
    return any(_is_head(w) for w in words)


def read_measure(sentence: str, start: int, end: int, kind: str) -> str | None:
    """The noun phrase the figure at [start, end) of the sentence measures."""
    left_text, right_text = _clause(sentence, start, end)
    left, right = _words(left_text), _words(right_text)
    # "a deficit of $55bn", "a stake of 28.1%": the phrase before "of"
    if left and left[-1].lower() == "of" and len(left) > 1 and left[-2].lower() not in ("worth",):
        phrase = _trim(left[-5:-1])
        if phrase and kind not in ("proportion",):
            return _join(phrase)
    after, neg_after = _phrase_after(right)
    if after and after[0].lower() == "of":
        after = _trim(after[1:])
    if after and after[0].lower() == "worth":
        after = _trim(after[1:])
    before, verb, neg_before = _phrase_before_verb(left, change=kind == "rate")
    # A phrase right after the figure names what it counts ("20 councils", "a £1.3bn offer");
    # one after a preposition ("£5bn in October") does not.
    strong_after = (
        bool(after) and bool(right) and (right[0].lower() not in FUNCTION_WORDS or right[0].lower() in ("of", "worth"))
    )
    phrase: list[str]
    if kind in ("rate",) and before:
        phrase = before
        if verb in CHANGE_DOWN:
            phrase = ["fall", "in", *phrase]
        elif verb in CHANGE_UP:
            phrase = ["rise", "in", *phrase]
    elif strong_after or (after and not before):
        phrase = after
    elif before:
        phrase = before
    else:
        phrase = after or _trim(left[-4:])
    if not phrase:
        return None
    first = _words(sentence[:80])[:1]
    if (
        first
        and first[0][:1].isupper()
        and first[0][1:].islower()
        and first[0] not in PLACES
        and first[0] not in BENCHMARKS
        and first[0] in phrase
    ):  # capitalised only as the first word
        phrase = [w.lower() if w == first[0] else w for w in phrase]
    text = _join(phrase)
    if (neg_before or neg_after) and not any(w.lower() in NEGATIONS for w in phrase):
        text = "not " + text
    return text


def _join(words: list[str]) -> str:
    out = " ".join(words[:8])
    return out[:1].lower() + out[1:] if out[:1].isupper() and not out[:2].isupper() else out


_PLACE_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")


def read_place(sentence: str, start: int, end: int) -> str | None:
    """The place or population of the figure's clause, nearest the figure first."""
    left_text, right_text = _clause(sentence, start, end)
    found: list[tuple[int, str]] = []
    for text, offset, sign in ((left_text, len(left_text), -1), (right_text, 0, 1)):
        skip_until = -1
        phrases = [(m.start(), m.end(), PLACE_PHRASES[m.group(1)]) for m in _PLACE_PHRASE.finditer(text)]
        for p0, _, place in phrases:
            found.append((abs(p0 - offset) if sign < 0 else p0, place))
        for m in _PLACE_WORD.finditer(text):
            w = m.group(0)
            if not w[0].isupper():  # every place, benchmark and place adjective is capitalised
                continue
            if phrases and any(p0 <= m.start() < p1 for p0, p1, _ in phrases):
                continue
            w = w.rstrip(".")
            place = PLACE_ADJECTIVES.get(w.lower()) if (w[0].isupper() or w.isupper()) else None
            if place is None and w in BENCHMARKS:
                place = w
            if m.start() < skip_until:
                continue
            if place is None and w in PLACES:
                place = w
                # "England and Wales"
                rest = text[m.end() :]
                joined = re.match(r"\s+and\s+([A-Z][a-z]+)", rest)
                if joined and joined.group(1) in PLACES:
                    place = f"{w} and {joined.group(1)}"
                    skip_until = m.end() + joined.end()
            if place:
                found.append((abs(m.start() - offset) if sign < 0 else m.start(), place))
    if not found:
        return None
    return min(found)[1]


def read_basis(sentence: str, start: int, end: int) -> str | None:
    """How the figure is reckoned, where the clause says so."""
    left_text, right_text = _clause(sentence, start, end)
    text = f"{left_text} # {right_text}"
    for name, pattern in BASIS_PATTERNS:
        if pattern.search(text):
            return name
    return None


@lru_cache(maxsize=4096)  # every claim of a sentence has the same source
def read_source(sentence: str, speaker: str | None = None) -> str | None:
    """Who states the figure: 'according to the ONS', 'Halifax said'; the speaker otherwise."""
    for pattern in _SOURCE_PATTERNS:
        for m in pattern.finditer(sentence):
            name = _clean_source(m.group(1))
            if name:
                return name
    return _clean_source(speaker) if speaker else None


def _clean_source(text: str) -> str | None:
    words = text.split()
    while words and words[-1].lower().strip(",") in TIME_WORDS:
        words.pop()
    while words and words[0].lower() in TIME_WORDS | CONJUNCTIONS:
        words.pop(0)
    if not words or all(w.lower() in FUNCTION_WORDS for w in words):
        return None
    if len(words) == 1 and words[0].lower() in FUNCTION_WORDS | {"he", "she", "they", "it", "we", "i"}:
        return None
    name = " ".join(words).strip(",.")
    if name.lower() in ("he", "she", "they", "it", "we", "i", "who", "which"):
        return None
    return name


# --------------------------------------------------------------------------- periods


def _month_shift(key: str, months: int) -> str:
    y, m = int(key[:4]), int(key[5:7])
    total = y * 12 + (m - 1) + months
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def _relative(key: str, unit: str, steps: int) -> str | None:
    """The period `steps` units before (negative) or after the period `key`."""
    if re.fullmatch(r"\d{4}-\d\d", key):
        months = {"month": 1, "quarter": 3, "year": 12}.get(unit)
        return _month_shift(key, steps * months) if months else None
    if re.fullmatch(r"\d{4}-Q\d", key):
        if unit == "quarter":
            q = int(key[:4]) * 4 + int(key[6]) - 1 + steps
            return f"{q // 4:04d}-Q{q % 4 + 1}"
        if unit == "year":
            return f"{int(key[:4]) + steps:04d}-Q{key[6]}"
    m = re.fullmatch(r"year to (\d{4})-(\d\d)", key)
    if m and unit == "year":
        return f"year to {int(m.group(1)) + steps:04d}-{m.group(2)}"
    if re.fullmatch(r"\d{4}", key) and unit == "year":
        return f"{int(key) + steps:04d}"
    return None


def resolve_relative(text: str, anchor: str | None) -> str | None:
    """'a year earlier', 'last month', 'the previous quarter' read against the anchor period."""
    if not anchor:
        return None
    for m in _RELATIVE.finditer(text):
        which = (m.group("which") or "the").lower()
        unit = (m.group("unit") or "").lower()
        after = (m.group("after") or "").lower()
        if not unit:  # "the year before"
            unit = m.group(0).split()[1].lower()
            steps = -1
        elif after in ("earlier", "before", "ago") or which in ("last", "previous", "preceding", "prior"):
            steps = -1
        elif which == "next" or after == "later":
            steps = 1
        else:
            continue
        if unit == "week":
            continue
        if which == "last" and not after and anchor and re.fullmatch(r"\d{4}-\d\d", anchor):
            pass
        resolved = _relative(anchor, unit, steps)
        if resolved:
            return resolved
    return None


def _month_in_year(month: int, published: date | None, year_hint: str | None) -> str | None:
    if year_hint:
        return f"{year_hint[:4]}-{month:02d}"
    if published is None:
        return None
    year = published.year if month <= published.month else published.year - 1
    return f"{year:04d}-{month:02d}"


@lru_cache(maxsize=256)  # a paragraph and a headline are asked about once per claim in them
def _stated_period(text: str, published: date | None, year_hint: str | None) -> str | None:
    mentions = period_mentions(text)
    if mentions:
        return mentions[0][2]
    m = _MONTH_ALONE.search(text)
    if m:
        key = _month_in_year(MONTHS[m.group(1).lower()], published, year_hint)
        return key or m.group(1).lower()
    return None


def read_period(
    sentence: str, start: int, end: int, *, paragraph: str = "", heading: str = "", published: str | None = None
) -> str | None:
    """The figure's period: stated in its clause or sentence, else inherited, then resolved."""
    pub_day = publication_day(published)
    pub = date.fromordinal(pub_day) if pub_day is not None else None
    left_text, right_text = _clause(sentence, start, end)
    own_text = f"{left_text} # {right_text}"
    inherited = None
    for text in (paragraph, heading):
        inherited = _stated_period(text, pub, None) if text else None
        if inherited:
            break
    # The publication date dates nothing by itself (a release in February reports on the year
    # to September), but it places a month or a relative period in its year.
    hint = inherited if inherited and re.match(r"\d{4}", inherited) else None
    published_month = f"{pub.year:04d}-{pub.month:02d}" if pub is not None else None
    relative = resolve_relative(
        own_text, _stated_period(sentence[:start] + sentence[end:], pub, hint) or inherited or published_month
    )
    if relative:
        return relative
    for text in (own_text, sentence[:start] + " # " + sentence[end:]):
        stated = _stated_period(text, pub, hint)
        if stated:
            return stated
    day = _WEEKDAY.search(own_text) or _WEEKDAY.search(sentence)
    if day:
        return day.group(1).lower()
    return inherited


def period_label(key: str | None) -> str | None:
    """A period key as a reader writes it: '2004-11' -> 'November 2004'."""
    if not key:
        return None
    m = re.fullmatch(r"(\d{4})-(\d\d)", key)
    if m:
        return f"{date(2000, int(m.group(2)), 1):%B} {m.group(1)}"
    m = re.fullmatch(r"(\d{4})-Q(\d)", key)
    if m:
        return f"Q{m.group(2)} {m.group(1)}"
    m = re.fullmatch(r"year to (\d{4})-(\d\d)", key)
    if m:
        return f"year to {date(2000, int(m.group(2)), 1):%B} {m.group(1)}"
    return key[:1].upper() + key[1:] if key.isalpha() else key


def frame_heading(frame: QuantityFrame) -> str:
    """'average UK house price · November 2004 · ODPM': measure, place, period and source."""
    parts = [frame.measure or "figure"]
    if frame.place and frame.place.lower() not in (frame.measure or "").lower():
        parts[0] = f"{parts[0]} ({frame.place})"
    for extra in (period_label(frame.period), frame.source):
        if extra:
            parts.append(extra)
    return " · ".join(parts)


def cluster_frame(frames: list[QuantityFrame]) -> QuantityFrame:
    """The frame a cluster's members share: each field as most of them state it (the first
    member's wording among equals); None where no member states it. A measure that names
    nothing ("in", "first", "rose faster": no word that can head a noun phrase) is not counted,
    so a cluster is headed by the members that say what they measure."""
    fields = {}
    for name in ("measure", "place", "period", "basis", "source"):
        counts: dict[str, int] = {}
        for f in frames:
            value = getattr(f, name)
            if value and (name != "measure" or is_measure(_words(value))):
                counts[value] = counts.get(value, 0) + 1
        fields[name] = max(counts, key=counts.get) if counts else None
    return QuantityFrame(**fields)


# --------------------------------------------------------------------------- entry points


def _enclosing(spans, start: int):
    for s in spans:
        if s.start <= start < s.end:
            return s
    return None


CONTEXT_CHARS = 300  # of the claim's sentence read either side of the figure
PARAGRAPH_CHARS = 1500  # of its paragraph read either side of the sentence, for an inherited period


def read_frame(claim: Claim, document: Document | None) -> QuantityFrame:
    """The quantity frame of one claim, read from its sentence, paragraph, heading and date."""
    text = document.text if document is not None else ""
    s0, s1 = claim.sentence_start, claim.sentence_end
    if not text or s1 <= s0:
        s0, s1 = max(0, claim.start - 200), min(len(text), claim.end + 200)
    if text:  # the readers search the sentence: a bounded window of it, so that a document of one
        s0 = max(s0, claim.start - CONTEXT_CHARS)  # endless sentence is read in linear time
        s1 = min(s1, claim.end + CONTEXT_CHARS)
    sentence = text[s0:s1] if text else claim.surface
    start, end = max(claim.start - s0, 0), max(claim.end - s0, 0)
    if not text:
        start, end = 0, len(sentence)
    paragraph = heading = ""
    if document is not None:
        if claim.passage_end > claim.passage_start:
            before = text[max(claim.passage_start, claim.sentence_start - PARAGRAPH_CHARS) : claim.sentence_start]
            after = text[claim.sentence_end : min(claim.passage_end, claim.sentence_end + PARAGRAPH_CHARS)]
            paragraph = before + " " + after
        title = next((s for s in document.sections if s.name == "title"), None)
        if title is not None and not (title.start <= claim.start < title.end):
            heading = text[title.start : title.end]
    period = None
    if claim.kind not in ("year", "date"):
        period = read_period(
            sentence,
            start,
            end,
            paragraph=paragraph,
            heading=heading,
            published=document.published if document is not None else None,
        )
    return QuantityFrame(
        measure=read_measure(sentence, start, end, claim.kind),
        place=read_place(sentence, start, end),
        period=period,
        basis=read_basis(sentence, start, end),
        source=read_source(sentence, claim.speaker),
    )


def read_frames(claims: list[Claim], documents: dict[str, Document]) -> dict[str, QuantityFrame]:
    """Claim id -> frame, for every claim."""
    return {c.id: read_frame(c, documents.get(c.doc_name)) for c in claims}


class FrameReader:
    """Frames of claims that come in document order (an export's stream), each document
    loaded once by `load(name)` (None when it is not stored): the frames matching read."""

    def __init__(self, load):
        self._load = load
        self._name: str | None = None
        self._document: Document | None = None

    def __call__(self, claim: Claim) -> QuantityFrame:
        if claim.doc_name != self._name:
            self._name, self._document = claim.doc_name, self._load(claim.doc_name)
        return read_frame(claim, self._document)
