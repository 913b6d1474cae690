"""Claim extraction: every numeric statement in a document's title and body, interpreted in
its sentence (kind, sign, subject, period, speaker), with page furniture and names left out.

The jobs are modules of `workbench.core.extract`: what is not a claim (`nonclaims`), who speaks
(`speakers`), the sign of a change (`change`), the subject (`subject`), the period (`period`), the
kind and value in context (`interpret`) and ids (`ids`); this module runs them in order."""

from __future__ import annotations

import bisect
import math

from workbench.core.gc_pause import without_collector
from workbench.core.extract.ids import assign_ids
from workbench.core.extract.interpret import DIGITS_BEYOND_FLOAT, beyond_range, interpret
from workbench.core.extract.nonclaims import excluded_spans, sentence_quantities
from workbench.core.extract.period import YEAR_MENTION, claim_period
from workbench.core.extract.speakers import QUOTE_CHARS, QuoteCount, Speakers
from workbench.core.extract.subject import JUDGED_WORDS, subject_of
from workbench.core.lexicon import folded_text, holds_any
from workbench.core.model import Claim, Document, Span
from workbench.core.pdf_reader import PDF_MEDIA_TYPE, page_at
from workbench.core.numbers import Quantity, find_quantities, lowered_text, month_dates, quantity_starts

# What each version reads differently is listed in CHANGELOG.md ("Extractor 5", ...).
EXTRACTOR_VERSION = "6"
CLAIM_SECTIONS = {"title", "body"}


@without_collector
def extract_claims(doc: Document) -> list[Claim]:
    """All claims of a document, in text order, with stable ids."""
    text = doc.text
    lowered = lowered_text(text)
    folded = folded_text(lowered)
    excluded = excluded_spans(text)
    starts = quantity_starts(text, lowered)
    claims: list[Claim] = []
    speaker_state = Speakers(doc)
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
        quotes = QuoteCount(text, passage.start)
        for sentence in passage_sentences:
            at = bisect.bisect_left(starts, sentence.start)
            if at == len(starts) or starts[at] >= sentence.end:
                continue  # nothing in the sentence can start a number (nor a date, which holds one)
            quantities = sentence_quantities(text, sentence, passage, excluded, lowered, starts)
            if not quantities:
                continue
            may_be_judged = folded is None or holds_any(folded[sentence.start : sentence.end], JUDGED_WORDS)
            context = SentenceContext(text, sentence, quotes.open_at(sentence.start), speaker_state, may_be_judged)
            for q in quantities:
                claims.append(_claim(doc, q, sentence, passage, section.name, context))
    assign_ids(doc, claims)
    if doc.media_type == PDF_MEDIA_TYPE:
        for claim in claims:
            claim.page = page_at(text, claim.start)
    return claims


def read_selection(doc: Document, start: int, end: int) -> Claim | None:
    """The extractor's reading of a stretch of the text a reviewer selected as a missed claim:
    the first figure in it, interpreted in its sentence as extraction interprets it (kind, value,
    subject, speaker, period), with the selection, trimmed of white space, as its surface and
    offsets. None when the selection holds no figure. The id is left empty (core.added gives it)."""
    text = doc.text
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    # the candidates extraction reads in a sentence (nonclaims.sentence_quantities), without the
    # filters that set non-claims aside: the reviewer says this one is a claim. The longer of
    # two readings that start together wins ("4 November 2013" over "4").
    quantities = sorted(
        month_dates(text, start, end) + find_quantities(text, start, end), key=lambda q: (q.start, q.start - q.end)
    )
    if not quantities:
        return None
    sentence = next((s for s in doc.sentences if s.start <= start < s.end), Span(start, end))
    passage = next((p for p in doc.passages if p.start <= start < p.end), sentence)
    section = next((s.name for s in doc.sections if s.start <= start < s.end), "body")
    speakers = Speakers(doc)
    for entered in doc.passages:  # the speaker state extraction has on reaching the passage
        speakers.enter_passage(entered)
        if entered.start >= passage.start:
            break
    sentence_text = text[sentence.start : sentence.end]
    context = SentenceContext(text, sentence, bool(QUOTE_CHARS.search(sentence_text)), speakers, True)
    claim = _claim(doc, quantities[0], sentence, passage, section, context)
    claim.start, claim.end, claim.surface = start, end, text[start:end]
    if doc.media_type == PDF_MEDIA_TYPE:
        claim.page = page_at(text, start)
    return claim


class SentenceContext:
    """What every claim of one sentence shares: its speaker, the years it names (for periods),
    and whether a 'judged as' verb can be in it; worked out once per sentence."""

    __slots__ = ("speaker", "years", "year_starts", "periods", "may_be_judged")

    def __init__(self, text: str, sentence: Span, quote_open: bool, speakers: "Speakers", may_be_judged: bool) -> None:
        sentence_text = text[sentence.start : sentence.end]
        quoted = quote_open or speakers.continues_quote or bool(QUOTE_CHARS.search(sentence_text))
        self.speaker = speakers.for_sentence(sentence, sentence_text, quoted)
        self.years = list(YEAR_MENTION.finditer(text, sentence.start, sentence.end))
        self.year_starts = [m.start() for m in self.years]
        self.periods: dict[int, tuple] = {}  # a year match's start -> the period it gives
        self.may_be_judged = may_be_judged


def _claim(doc: Document, q: Quantity, sentence: Span, passage: Span, section: str, context: SentenceContext) -> Claim:
    text = doc.text
    kind, value, unit, note = interpret(text, q, sentence)
    claim = Claim(
        id="",
        doc_name=doc.name,
        start=q.start,
        end=q.end,
        surface=text[q.start : q.end],
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
    claim.period, claim.period_min, claim.period_max, claim.period_key = claim_period(text, q, sentence, context)
    if len(claim.surface) >= DIGITS_BEYOND_FLOAT:  # only then can a value be infinite
        for x in (claim.value, claim.value_min, claim.value_max, claim.numerator, claim.denominator):
            if isinstance(x, float) and not math.isfinite(x):
                beyond_range(claim)
                break
    return claim
