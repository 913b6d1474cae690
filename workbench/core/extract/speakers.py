"""Who is speaking: quotations open across sentences and paragraphs, attributions ('said Cllr Roy
Perry', 'Debbie Jones, ..., said'), intro lines ('Jo Cleary, chair of X:') and pronouns."""

from __future__ import annotations

import bisect
import re

from workbench.core import number_lexicon as lex
from workbench.core.lexicon import tried_only_at
from workbench.core.model import Document, Span

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
    if text.count('"') % 2 == 1:
        return not was_open if not text.lstrip().startswith('"') else True
    if "”" in text or text.rstrip().endswith(('"', "”")):
        return False
    return was_open


QUOTE_CHARS = re.compile(r"[\"“”]")
_COLON_QUOTE = re.compile(r":\s*[\"“]")
_PRONOUN = re.compile(r"^(?:He|She|They)$")
# Words that stand where a speaker's name would and name nobody: "It said 40 people came".
_NOBODY = re.compile(r"^(?:It|This|That|There)$")
_PERSON = re.compile(
    r"\b(?:(?:Cllr|Sir|Dr|Mr|Mrs|Ms|Prof|Professor|Lord|Lady|Baroness|Dame)\.?\s+)?"
    r"[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2}\b"
)


class QuoteCount:
    """Whether a quotation opened earlier in a passage is still open where a sentence starts,
    counting the quote marks of each stretch once as the sentences are visited in order."""

    __slots__ = ("text", "at", "opening", "closing", "straight")

    def __init__(self, text: str, passage_start: int) -> None:
        self.text, self.at = text, passage_start
        self.opening = self.closing = self.straight = 0

    def open_at(self, position: int) -> bool:
        stretch = self.text[self.at : position]
        self.opening += stretch.count("“")
        self.closing += stretch.count("”")
        self.straight += stretch.count('"')
        self.at = position
        return self.opening > self.closing or self.straight % 2 == 1


class Speakers:
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
        text = self.doc.text[passage.start : passage.end]
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
            if (
                ends_with_colon
                or _COLON_QUOTE.search(text)
                or (("respond" in text or "comment" in text) and _INTRODUCES.search(text))
            ):
                self.current = self.passage_speaker
        elif not continues_quote and not text.lstrip().startswith(('"', "“", "‘", "'")):
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
            before = text[: text.find(name + " ")] if name + " " in text else ""
            people = _PERSON.findall(before)
            return _clean_name(people[-1]) if people else self._last_person()
        return name


_SPEECH_VERBS = (
    "said",
    "says",
    "added",
    "warned",
    "told",
    "explained",
    "argued",
    "claimed",
    "insisted",
    "stated",
    "responds",
    "responded",
    "commented",
)


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
        if m and not _names_nobody(name := _clean_name(m.group("name"))):
            return name
    for verb_start, _ in verbs:
        window = text[max(0, verb_start - 160) : verb_start]
        if _may_end_with_name(window):
            m = _NAME_BEFORE_END_AT.search(window)
            if m and not _names_nobody(name := _clean_name(m.group("name"))):
                return name
    return None


# Months and weekdays: "The county council said on Monday", "it said on March 19" name a time.
_TIME_WORDS = frozenset((*lex.MONTHS, *lex.WEEKDAYS))


def _names_a_time(name: str) -> bool:
    """Whether the "name" after a speech verb is a day or month instead of a speaker."""
    return all(word.lower().rstrip(".") in _TIME_WORDS for word in name.split())


def _names_nobody(name: str) -> bool:
    """A day or month ("said on Monday"), or a word such as "It", where a name would stand."""
    return _NOBODY.match(name) is not None or _names_a_time(name)


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
