"""Claim extraction: every numeric statement in a document's title and body, interpreted in
its sentence (kind, sign, subject, period, speaker), with page furniture and names left out."""
from __future__ import annotations

import bisect
import hashlib
import math
import re

from workbench.core.collector import without_collector
from workbench.core.lexicon import folded_text, holds_any, tried_only_at
from workbench.core.model import Claim, Document, Span
from workbench.core.numbers import (
    BY_BEFORE,
    HIGHER_AFTER,
    LOWER_AFTER,
    Quantity,
    find_quantities,
    lowered_text,
    month_dates,
    quantity_starts,
)

# What each version reads differently is listed in CHANGELOG.md ("Extractor 4", ...).
EXTRACTOR_VERSION = "4"
CLAIM_SECTIONS = {"title", "body"}

# Numbers that are not claims wherever they stand.
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+")
_AROUND_AT = re.compile(r"[\w.+-]*@[\w-]+(?:\.[\w-]+)*|#\w+")
_IDIOMS = [
    "at sixes and sevens", "a million miles", "one or two", "in two minds", "on all fours",
    "ten to one", "nine times out of ten", "a thousand times", "a hundred times", "one off",
    "one-off", "one time", "one-time", "two-way", "two way", "one-way", "one way", "one another",
    "no one", "one day", "at one point", "twenty-twenty", "fifty-fifty", "catch-22", "catch 22", "high five",
]
# Numbers that are not claims wherever they stand (looked for around each number).
_NON_CLAIM = re.compile(
    r"(?:(?:\+\d{1,3}[\s-]?\(?0|\(0|0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)"     # phone numbers
    r"|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"                                      # UK postcodes
    r"|\d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\.?|[AP]M|GMT|BST|UTC)\b|\d{1,2}:\d{2}(?!\d)|\d{1,2}\s?(?:am|pm)\b"
    r"|24/7|7/7|9/11|[Cc]atch[\s-]22)"
)
# It finds a match at every start, overlapping ones too; _in_non_claim_pattern keeps those
# that _NON_CLAIM.finditer would give.
_NON_CLAIM_AT = tried_only_at(r"+(\dA-Zc", _NON_CLAIM)
# A digit and what follows it in every match of _NON_CLAIM: a phone number's 0 and the eight
# digits, brackets, spaces or dashes after it; a postcode's last digit and two capitals; a time's
# "1:3", "0am", "0 p.m", "5GMT"; "24/7", "7/7", "9/11"; catch-22's "-22". Where this finds
# nothing, _NON_CLAIM has nothing to find either (a sentence seldom holds any).
_NON_CLAIM_DIGITS = re.compile(
    r"\d(?::\d|4/7|/7|/11|(?<=[\s-]2)2|\s?(?:[ap]\.?m|[AP]M|GMT|BST|UTC)|[A-Z]{2}|(?<=0)[\d)\s-]{8})")


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
# Names that contain a number: "BBC 1", "Radio 2", "No 10", "Article 50", "Formula One".
_NAME_BEFORE = re.compile(
    r"(?:\b(?:BBC|ITV|Radio|Channel|No\.?|Number|Room|Article|Section|Clause|Chapter|Page|"
    r"Level|Tier|Stage|Year|Apollo|Windows|Formula|Division|League|Series|Season|Episode|Part|"
    r"Schedule|Platform|Gate|Terminal|Junction|junction|Route|Flight|Type|Band|Grade|Category|Figure|Table|Vol|"
    r"Volume|Issue|Studio|Ward|Floor|Zone|Phase|Version|Mark|Mk|Model|Catch|Proposition|Prop|"
    r"Amendment|Highway|Interstate|Generation|iPhone|Galaxy|Boeing|Airbus|Matthew|John|Luke|"
    r"Mark|Psalm|Genesis|Exodus|Act|Acts|Henry|Edward|George|Elizabeth|Louis|Pope|World\s+War)\s+)$"
)
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
_JUDGED_WORDS = ("judged", "rated", "deemed", "found", "seen", "considered", "classed", "graded", "assessed",
                 "named", "labelled", "regarded", "declared", "ranked")
_AS_PREDICATE = re.compile(r"\bas\s+(?P<pred>(?:not\s+)?[a-z]+(?:\s+(?:or|and)\s+[a-z]+)?)")
_APPOSITIVE_AGE = re.compile(r"\b[A-Z][a-z'’-]+,\s$")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_YEAR = re.compile(r"(?P<a>(?:18|19|20)\d\d)(?:\s?[/–-]\s?(?P<b>\d\d(?:\d\d)?))?(?!\d)")
_PERIOD_LEAD = re.compile(
    r"(?P<prep>\b(?:in|since|during|for|from|by|until|till|between|over|of|the)\s+)?"
    r"(?P<year>(?:the\s+)?(?:financial\s+|calendar\s+|academic\s+)?year\s+(?:to|ending)\s+(?:[A-Z][a-z]+\s+)?)?$"
)
# A lead (not the empty match) starts with a preposition's first letter or "the", "financial",
# "calendar", "academic" or "year"'s.
_PERIOD_LEAD_AT = tried_only_at("isdfbutoacy", _PERIOD_LEAD)
_PERIOD_LEAD_WORDS = 6  # "in the financial year ending March": a preposition and five words
_TITLES = r"(?:(?:Cllr|Sir|Dr|Mr|Mrs|Ms|Miss|Prof|Professor|Lord|Lady|Baroness|Dame)\.?\s+)"
# said|says|added|warned|told|explained|argued|claimed|insisted|stated|responds|responded|commented,
# as a prefix tree (no word is a prefix of another, so it finds exactly what the flat list finds).
_SPEECH_VERB = re.compile(
    r"(?:a(?:dded|rgued)|c(?:laimed|ommented)|explained|insisted|respond(?:s|ed)|s(?:a(?:id|ys)|tated)|told|warned)\b"
)
_NAME_AFTER = re.compile(
    rf"(?:\s+[a-z]+(?=\s+[A-Z]))?\s+(?P<name>(?:{_TITLES}|the\s+)?"
    r"[A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'-]+|of|the|for)){0,5})"
)
_NAME_BEFORE_END = re.compile(
    rf"(?P<name>{_TITLES}?[A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'-]+|of|for|the)){{0,4}})"
    r"(?:,[^,\"“]{0,120},)?\s+$"
)
_NAME_BEFORE_END_AT = tried_only_at("A-Z", _NAME_BEFORE_END)  # a name or title starts with a capital
_INTRO_LINE = re.compile(
    r"^(?P<name>(?:(?:Cllr|Sir|Dr|Mr|Mrs|Ms|Prof|Professor|Lord|Lady|Baroness|Dame)\.?\s+)?"
    r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}),[^\n]{3,160}:\s*$"
)
_INTRODUCES = re.compile(r"\b(?:responds|responded|comments|commented)\s+(?:to|on)\b")


def _quote_left_open(text: str, was_open: bool) -> bool:
    """Whether a quotation is still open at the end of a passage (a quote running over
    several paragraphs reopens each with a quote mark, or none, and closes only at its end)."""
    curly = text.count("“") - text.count("”")
    if curly:
        return curly > 0
    if text.count("\"") % 2 == 1:
        return not was_open if not text.lstrip().startswith("\"") else True
    if "”" in text or text.rstrip().endswith(("\"", "”")):
        return False
    return was_open


_QUOTE_CHARS = re.compile(r"[\"“”]")
_COLON_QUOTE = re.compile(r":\s*[\"“]")
_PRONOUN = re.compile(r"^(?:He|She|They)$")
_PERSON = re.compile(
    r"\b(?:(?:Cllr|Sir|Dr|Mr|Mrs|Ms|Prof|Professor|Lord|Lady|Baroness|Dame)\.?\s+)?"
    r"[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2}\b"
)


@without_collector
def extract_claims(doc: Document) -> list[Claim]:
    """All claims of a document, in text order, with stable ids."""
    text = doc.text
    lowered = lowered_text(text)
    folded = folded_text(lowered)
    excluded = _excluded_spans(text)
    starts = quantity_starts(text, lowered)
    claims: list[Claim] = []
    speaker_state = _Speakers(doc)
    sentences = doc.sentences
    si = 0
    for passage, section in zip(doc.passages, doc.sections):
        passage_sentences = []
        while si < len(sentences) and sentences[si].start < passage.end:
            passage_sentences.append(sentences[si])
            si += 1
        speaker_state.enter_passage(passage)
        if section.name not in CLAIM_SECTIONS:
            continue
        quotes = _QuoteCount(text, passage.start)
        for sentence in passage_sentences:
            at = bisect.bisect_left(starts, sentence.start)
            if at == len(starts) or starts[at] >= sentence.end:
                continue  # nothing in the sentence can start a number (nor a date, which holds one)
            quantities = _sentence_quantities(text, sentence, passage, excluded, lowered, starts)
            if not quantities:
                continue
            may_be_judged = folded is None or holds_any(folded[sentence.start:sentence.end], _JUDGED_WORDS)
            context = _SentenceContext(text, sentence, quotes.open_at(sentence.start), speaker_state, may_be_judged)
            for q in quantities:
                claims.append(_claim(doc, q, sentence, passage, section.name, context))
    _assign_ids(doc, claims)
    return claims


class _QuoteCount:
    """Whether a quotation opened earlier in a passage is still open where a sentence starts,
    counting the quote marks of each stretch once as the sentences are visited in order."""

    __slots__ = ("text", "at", "opening", "closing", "straight")

    def __init__(self, text: str, passage_start: int) -> None:
        self.text, self.at = text, passage_start
        self.opening = self.closing = self.straight = 0

    def open_at(self, position: int) -> bool:
        stretch = self.text[self.at:position]
        self.opening += stretch.count("“")
        self.closing += stretch.count("”")
        self.straight += stretch.count("\"")
        self.at = position
        return self.opening > self.closing or self.straight % 2 == 1


class _SentenceContext:
    """What every claim of one sentence shares: its speaker, the years it names (for periods),
    and whether a 'judged as' verb can be in it; worked out once per sentence."""

    __slots__ = ("speaker", "years", "year_starts", "periods", "may_be_judged")

    def __init__(self, text: str, sentence: Span, quote_open: bool, speakers: "_Speakers", may_be_judged: bool) -> None:
        sentence_text = text[sentence.start:sentence.end]
        quoted = quote_open or speakers.continues_quote or bool(_QUOTE_CHARS.search(sentence_text))
        self.speaker = speakers.for_sentence(sentence, sentence_text, quoted)
        self.years = list(_YEAR.finditer(text, sentence.start, sentence.end))
        self.year_starts = [m.start() for m in self.years]
        self.periods: dict[int, tuple] = {}  # a year match's start -> the period it gives
        self.may_be_judged = may_be_judged


class _Speakers:
    """Who is speaking: attributions in the sentence, an intro line ('Jo Cleary, chair of
    X:'), a 'X said:' before a quote, carried over quoted paragraphs that follow."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.current: str | None = None
        self.seen: list[Span] = []  # passages entered so far, for resolving 'He said'
        self._last_person_cache: tuple[int, str | None] = (-1, None)
        self.passage_speaker: str | None = None
        self._cached: tuple[str | None, str | None] = (None, None)
        self.quote_open = False
        self.continues_quote = False
        self.verbs = _speech_verbs(doc.text)
        self.verb_starts = [start for start, _ in self.verbs]

    def _verbs_in(self, span: Span) -> list[tuple[int, int]] | None:
        """The speech verbs in a passage or sentence, as offsets into its text, from the scan of
        the whole document; None when the span is not bounded by white space (then the scan of
        the span alone could differ, so it is scanned alone)."""
        text = self.doc.text
        if span.start and not text[span.start - 1].isspace() or span.end < len(text) and not text[span.end].isspace():
            return None
        first = bisect.bisect_left(self.verb_starts, span.start)
        last = bisect.bisect_left(self.verb_starts, span.end)
        if first == last:
            return []
        return [(start - span.start, end - span.start) for start, end in self.verbs[first:last]]

    def enter_passage(self, passage: Span) -> None:
        text = self.doc.text[passage.start:passage.end]
        continues_quote = self.continues_quote = self.quote_open
        self.quote_open = _quote_left_open(text, self.quote_open)
        ends_with_colon = text.rstrip().endswith(":")
        intro = _INTRO_LINE.match(text) if ends_with_colon else None  # the line ends ':'
        found = _attribution(text, self._verbs_in(passage))
        if intro:
            self.current = _clean_name(intro.group("name"))
            self.passage_speaker = None
        elif found:
            self.passage_speaker = self._resolve(found, text)
            if ends_with_colon or _COLON_QUOTE.search(text) or (
                    ("respond" in text or "comment" in text) and _INTRODUCES.search(text)):
                self.current = self.passage_speaker
        elif not continues_quote and not text.lstrip().startswith(("\"", "“", "‘", "'")):
            self.current = None
            self.passage_speaker = None
        else:
            self.passage_speaker = None
        self.seen.append(passage)

    def for_sentence(self, sentence: Span, sentence_text: str, quoted: bool) -> str | None:
        if self._cached[0] != sentence_text:
            self._cached = (sentence_text, _attribution(sentence_text, self._verbs_in(sentence)))
        found = self._cached[1]
        if found:
            return self._resolve(found, sentence_text)
        return (self.passage_speaker or self.current) if quoted else None

    def _last_person(self) -> str | None:
        """The last person named in the passages entered so far. Looked up only when a pronoun
        needs it (rarely), rather than scanning every passage for names as it is entered."""
        if self._last_person_cache[0] != len(self.seen):
            found = None
            for span in reversed(self.seen):
                people = _PERSON.findall(self.doc.text, span.start, span.end)
                if people:
                    found = _clean_name(people[-1])
                    break
            self._last_person_cache = (len(self.seen), found)
        return self._last_person_cache[1]

    def _resolve(self, name: str, text: str = "") -> str | None:
        if _PRONOUN.match(name):
            before = text[:text.find(name + " ")] if name + " " in text else ""
            people = _PERSON.findall(before)
            return _clean_name(people[-1]) if people else self._last_person()
        return name


_SPEECH_VERBS = ("said", "says", "added", "warned", "told", "explained", "argued", "claimed", "insisted", "stated",
                 "responds", "responded", "commented")


def _speech_verbs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every match of _SPEECH_VERB in text, found with str.find, which is several
    times faster than the regex's scan. The same matches: a verb counts where no letter, digit or
    _ follows it (the regex's \\b), and no verb is a suffix of another, so matches cannot overlap."""
    spans = []
    n = len(text)
    for verb in _SPEECH_VERBS:
        size = len(verb)
        at = text.find(verb)
        while at != -1:
            end = at + size
            if end == n or not (text[end].isalnum() or text[end] == "_"):
                spans.append((at, end))
            at = text.find(verb, at + 1)
    spans.sort()
    return spans


def _attribution(text: str, verbs: list[tuple[int, int]] | None = None) -> str | None:
    """The person a sentence or passage attributes its words to ('said Cllr Roy Perry',
    'Debbie Jones, ..., said'). Led by the speech verbs (their offsets in text, when known)."""
    if verbs is None:
        verbs = [(m.start(), m.end()) for m in _SPEECH_VERB.finditer(text)]
    for _, verb_end in verbs:
        m = _NAME_AFTER.match(text, verb_end)
        if m:
            return _clean_name(m.group("name"))
    for verb_start, _ in verbs:
        window = text[max(0, verb_start - 160):verb_start]
        if _may_end_with_name(window):
            m = _NAME_BEFORE_END_AT.search(window)
            if m:
                return _clean_name(m.group("name"))
    return None


def _may_end_with_name(window: str) -> bool:
    """False when _NAME_BEFORE_END cannot match: the window must end, before its white space,
    with a comma, 'of', 'for', 'the' or a word holding a capital letter."""
    tail = window.rstrip()
    if len(tail) == len(window):
        return False  # no white space at the end
    if tail.endswith(","):
        return True
    last = tail.rsplit(None, 1)[-1] if tail else ""
    return last in ("of", "for", "the") or any("A" <= ch <= "Z" for ch in last)


_LEADING_THE = re.compile(r"^the\s+", re.I)
_TRAILING_LINK_WORD = re.compile(r"\s+(?:of|the|for)$")


def _clean_name(name: str) -> str:
    name = _LEADING_THE.sub("", name.strip())
    return _TRAILING_LINK_WORD.sub("", name)


def _excluded_spans(text: str) -> list[tuple[int, int]]:
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


def _sentence_quantities(text: str, sentence: Span, passage: Span, excluded, lowered, starts) -> list[Quantity]:
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
        if q.form == "date" and (_overlaps(excluded, q.start, q.end)
                                 or _in_non_claim_pattern(text, q.start, q.end, False, digits_nearby)):
            continue
        if q.form != "date" and _is_non_claim(text, q, sentence, passage, excluded, digits_nearby):
            continue
        found.append(q)
    return found


def _is_non_claim(text: str, q: Quantity, sentence: Span, passage: Span, excluded, digits_nearby: bool = True) -> bool:
    if _overlaps(excluded, q.number_start, q.end) or _in_non_claim_pattern(
            text, q.number_start, q.end, q.is_word, digits_nearby):
        return True
    before = text[max(sentence.start, q.number_start - 24):q.number_start]
    surface = text[q.number_start:q.end]
    if q.form == "number":
        following = text[q.end:q.end + 1]
        if following.isalpha() or following == "-" and text[q.end + 1:q.end + 2].isalpha() and not q.is_word \
                and not text.startswith(("-year-old", "-years-old"), q.end):  # an age: "a 34-year-old man"
            return True  # "29th", "3D", "4G", "737-800"
        if q.is_word and q.value == 1 and q.qualifier == "exact" and not _ONLY_BEFORE.search(before):
            return True  # "one of the", "one organisation": a pronoun or article, not a count
        figure = surface if q.value is not None else _FIRST_FIGURE.match(surface).group()  # "737" of "737-800"
        if (q.is_word or len(figure) <= 3) and _NAME_BEFORE.search(before):
            return True
        at_line_start = q.number_start == passage.start or text[q.number_start - 1] == "\n"
        if at_line_start and _LIST_MARKER_END.match(text, q.end, q.end + 2):
            return True  # a list marker "1. "
    if before[-1:] == "-" and "A" <= before[-2:-1] <= "Z":
        return True  # "Covid-19", "F-35"
    return False


_FIRST_FIGURE = re.compile(r"[^\s\-–—]*")  # a range's first figure: up to the dash or space
_ONLY_BEFORE = re.compile(r"\b(?:only|just)\s+$", re.I)
_LIST_MARKER_END = re.compile(r"[.)]\s")


# A value reaches infinity (or NaN) only from a number written in at least this many characters:
# 1.8e308 is the largest float and the largest multiplier ("trillion") is 1e12 (number words make
# no more than hundreds of trillions).
_DIGITS_BEYOND_FLOAT = 297


def _claim(doc: Document, q: Quantity, sentence: Span, passage: Span, section: str,
           context: _SentenceContext) -> Claim:
    text = doc.text
    kind, value, unit, note = _interpret(text, q, sentence)
    claim = Claim(
        id="",
        doc_name=doc.name,
        start=q.start,
        end=q.end,
        surface=text[q.start:q.end],
        kind=kind,
        value=value,
        value_min=q.value_min,
        value_max=q.value_max,
        qualifier=q.qualifier,
        unit=unit,
        currency=q.currency,
        numerator=q.numerator,
        denominator=q.denominator,
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        passage_start=passage.start,
        passage_end=passage.end,
        section=section,
        note=note,
    )
    claim.subject = subject_of(text, q, sentence, context.may_be_judged)
    claim.speaker = context.speaker
    claim.period, claim.period_min, claim.period_max = _period(text, q, sentence, context)
    if len(claim.surface) >= _DIGITS_BEYOND_FLOAT:  # only then can a value be infinite
        for x in (claim.value, claim.value_min, claim.value_max, claim.numerator, claim.denominator):
            if isinstance(x, float) and not math.isfinite(x):
                _beyond_range(claim)
                break
    return claim


def _beyond_range(claim: Claim) -> None:
    """A figure too large for a number ("999…9" with hundreds of digits) stays a claim, shown
    with its source, but without a value: none could be compared or written as JSON."""
    claim.value = claim.value_min = claim.value_max = claim.numerator = claim.denominator = None
    claim.note = "too large to read as a number"


_AGE_AFTER = ("-year-old", "-years-old", " year old", " years old", " year of age", " years of age")


def _interpret(text: str, q: Quantity, sentence: Span):
    """(kind, value, unit, note) of a quantity in its sentence."""
    form = q.form
    if form == "fraction":  # "a third higher", "a quarter fewer": a change
        following = text[q.end:q.end + 9].lower()
        if following.startswith(HIGHER_AFTER) or following.startswith(LOWER_AFTER):
            return "rate", round((1 if following.startswith(HIGHER_AFTER) else -1) * q.value, 6), None, None
    if form == "fraction" and BY_BEFORE.search(text, max(sentence.start, q.start - 4), q.start):
        sign = _change_sign(text, q, sentence)  # "cut by a quarter": a change
        if sign:
            return "rate", round(sign * q.value, 6), None, None
    if form in ("share", "fraction"):
        return "proportion", round(q.value, 6), None, None
    if form == "percent" and q.value is None:  # "between 18 and 21 per cent"
        sign = _change_sign(text, q, sentence)
        if sign < 0:
            q.value_min, q.value_max = -q.value_max, -q.value_min
        return ("rate" if sign else "proportion"), None, q.unit, None
    if form == "percent":
        if q.signed:
            return "rate", round(q.value, 6), q.unit, None
        sign = _change_sign(text, q, sentence)
        if sign:
            return "rate", round(sign * q.value, 6), q.unit, None
        return "proportion", round(q.value, 6), q.unit, None
    if form == "money":
        return "money", q.value, None, None
    if form == "magnitude":
        return "count", None, None, "vague magnitude"
    if form == "ratio":
        return "other", q.value, "ratio", None
    if form == "year":
        return "year", q.value, None, None
    if form == "split_year":
        return "year", None, None, "split year"
    if form == "date":
        return "date", q.value, None, None
    if form == "duration":
        return "duration", q.value, q.unit, None
    if form == "measure":
        return "other", q.value, q.unit, None
    before = text[max(sentence.start, q.start - 12):q.start].lower()
    after = text[q.end:q.end + 14].lower()  # " years of age"
    if before.endswith(("aged ", "age ", "ages ")) or after.startswith(_AGE_AFTER):
        return "other", q.value, "year of age", None
    if q.value is not None and after.startswith((",", " and ")) and _APPOSITIVE_AGE.search(
            text[max(sentence.start, q.start - 30):q.start]) and 0 < q.value < 120:
        return "other", q.value, "year of age", None  # "Kerry Donnelly, 34, said"
    value = q.value
    if value is None:  # a range ("between 30 and 40"): a count when both ends are whole numbers
        whole = all(isinstance(x, float) and x.is_integer() for x in (q.value_min, q.value_max))
        return ("count" if whole else "other"), None, None, None
    if isinstance(value, float) and value.is_integer():
        return "count", int(value), None, None
    return "other", value, None, None


def _change_sign(text: str, q: Quantity, sentence: Span) -> int:
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
    r"[,;:()–—det](?:(?<=[,;:()–—])|(?<=d)(?<!\w.)na\b|(?<=e)(?<!\w.)lihw\b|(?<=t)(?<!\w.)ub\b)")
_OF_NOUN_PHRASE = re.compile(
    r"\b(?:of|among)\s+(?:the\s+)?(?P<np>[\w'’\s-]{3,80}?)(?:\s+(?:that|which|who|have|has|were|was)\b|,|$)"
)
_SUBJECT_REACH = 600  # characters: longer than nearly every sentence of news
_HEAD_STOP = frozenset(("in", "at", "on", "for", "from", "by", "with", "since", "during", "to", "than", "that", "who",
                        "which", "where", "and", "or", "but", "as", "was", "were"))


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
        clause_after = text[q.end:clause_break.start() if clause_break else clause_end]
        judged = _JUDGED.search(clause_after)
        if judged is None and _JUDGED.search(text[floor:q.start] + " x"):
            judged = _AS_PREDICATE.search(clause_after)
    predicate = [judged.group("pred")] if judged else []
    if not head or all(w.lower() in ("people", "cent", "percent") for w in head):
        before = text[floor:q.start]
        last_break = _CLAUSE_OR_CONJUNCTION_REVERSED.search(before[::-1])
        if last_break and before[len(before) - last_break.start():].strip():
            before = before[len(before) - last_break.start():]  # the text after the last break
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


def _period(text: str, q: Quantity, sentence: Span, context: _SentenceContext):
    """The period a claim is about, where its sentence names one: ('in 2013-14', 2013, 2014)."""
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
        return None, None, None
    if right == len(years) or left >= 0 and q.start - starts[left] <= starts[right] - q.start:
        m = years[left]
    else:
        m = years[right]
    period = context.periods.get(m.start())
    if period is None:
        period = context.periods[m.start()] = _period_of_year(text, m, sentence)
    return period


def _period_of_year(text: str, m: re.Match, sentence: Span):
    """The period a year mention in a sentence names, with the words that lead it ('since 1985')."""
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
    words = text[window_start:m.start()].rsplit(None, _PERIOD_LEAD_WORDS)
    if len(words) > _PERIOD_LEAD_WORDS:
        window_start += len(words[0])
    lead = _PERIOD_LEAD_AT.search(text, window_start, m.start())  # None: only the empty lead
    preposition = (lead.group("prep") or "").strip().lower() if lead else ""
    if preposition and preposition not in ("the", "of"):
        start = lead.start()
    elif lead and lead.group("year"):
        start = lead.start("year")
    else:
        start = m.start()
    label = " ".join(text[start:m.end()].split())
    if preposition == "since":
        return label, a, None
    return label, a, hi


def _assign_ids(doc: Document, claims: list[Claim]) -> None:
    """Stable ids from the document name, the sentence's text and the surface: unchanged
    sentences keep their claims' ids when a document is edited and ingested again."""
    seen: dict[tuple[str, str], int] = {}
    sentences: dict[int, str] = {}
    prefixes: dict[int, "hashlib._Hash"] = {}
    for claim in claims:
        sentence_text = sentences.get(claim.sentence_start)
        if sentence_text is None:
            sentence_text = sentences[claim.sentence_start] = " ".join(
                doc.text[claim.sentence_start:claim.sentence_end].split())
        key = (sentence_text, claim.surface)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        prefix = prefixes.get(claim.sentence_start)
        if prefix is None:  # the sentence is hashed once, however many claims it holds
            prefix = prefixes[claim.sentence_start] = hashlib.blake2b(
                f"{doc.name}\x1f{sentence_text}\x1f".encode(), digest_size=8)
        hasher = prefix.copy()
        hasher.update(f"{claim.surface}\x1f{occurrence}".encode())
        digest = hasher.hexdigest()
        claim.id = "c" + digest
