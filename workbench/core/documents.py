"""Documents: reading a file, and finding its title, byline, body, passages and sentences.

The structure rules are about news and press-release copy in general: a headline above the
first paragraph of prose, a byline and date line near it, page furniture (navigation,
subscription prompts, spam, link lines, notes to editors) around the article.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from workbench.core.gc_pause import without_collector
from workbench.core.decoding import DecodeError, decode_with_note
from workbench.core.docx_reader import DocxError, is_docx, read_docx
from workbench.core.html_reader import looks_like_html, read_html
from workbench.core.pdf_reader import PDF_MEDIA_TYPE, RUNNING_LINES, PdfError, is_pdf, read_pdf
from workbench.core.lexicon import (
    BOILERPLATE_RE,
    BYLINE_RE,
    DATE_LINE,
    END_OF_BODY_RE,
    MONTHS,
    SPAM_RE,
    URL_RE,
    WordGate,
    folded_text,
    holds_any,
    lowered_text,
)
from workbench.core.model import Document, Span

MAX_BYTES = 20 * 1024 * 1024


class DocumentError(ValueError):
    """A file that cannot be ingested; the message is one line naming the reason."""


def load_document(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read, decode and segment one file. Raises DocumentError with a one-line reason."""
    path = Path(path)
    return document_from_bytes(path.name, read_document_bytes(path, max_bytes=max_bytes), path=str(path))


def read_document_bytes(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """A document file's bytes, or DocumentError naming why they cannot be read."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise DocumentError("not a regular file")
        if size > max_bytes:
            raise DocumentError(f"file is {size / 1_048_576:.1f} MB, over the {max_bytes / 1_048_576:.0f} MB limit")
        return path.read_bytes()
    except FileNotFoundError:
        raise DocumentError("no such file") from None
    except IsADirectoryError:
        raise DocumentError("is a folder") from None
    except PermissionError:
        raise DocumentError("permission denied") from None
    except OSError as exc:
        raise DocumentError(exc.strerror or str(exc)) from None


@without_collector
def document_from_bytes(name: str, data: bytes, *, path: str = "", media_type: str = "") -> Document:
    """Build a Document from a file's name and bytes, read by the first reader that takes it.
    `media_type` is what a web server said the bytes are (its Content-Type), if they were fetched."""
    if "html" in media_type.lower() and not is_pdf(name, data) and not is_docx(name, data):
        reader = _read_web_page
    else:
        reader = next(read for accepts, read in _READERS if accepts(name, data))
    text, encoding, media_type, meta, note = reader(data, name)
    doc = Document(
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        encoding=encoding,
        media_type=media_type,
        path=path,
        decoding_note=note,
    )
    segment(doc, meta)
    return doc


def _read_pdf(data: bytes, name: str) -> tuple[str, str, str, dict[str, str], str | None]:
    try:
        text, meta = read_pdf(data)
    except PdfError as exc:
        raise DocumentError(str(exc)) from None
    return text, "", PDF_MEDIA_TYPE, meta, None


def _read_docx(data: bytes, name: str) -> tuple[str, str, str, dict[str, str], str | None]:
    try:
        text, meta = read_docx(data)
    except DocxError as exc:
        raise DocumentError(str(exc)) from None
    if not text.strip():
        raise DocumentError("Word file has no text")
    return text, "", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", meta, None


def _read_text(data: bytes, name: str, *, web_page: bool = False) -> tuple[str, str, str, dict[str, str], str | None]:
    """A text file: plain, Markdown, or a web page (by its name, or by how it starts)."""
    try:
        text, encoding, note = decode_with_note(data)
    except DecodeError as exc:
        raise DocumentError(str(exc)) from None
    meta: dict[str, str] = {}
    media_type = "text/markdown" if name.lower().endswith((".md", ".markdown")) else "text/plain"
    if web_page or name.lower().endswith((".html", ".htm", ".xhtml")) or looks_like_html(text):
        text, meta = read_html(text)
        media_type = "text/html"
        if not text.strip():
            raise DocumentError("HTML page has no readable text")
    return text, encoding, media_type, meta, note


def _read_web_page(data: bytes, name: str) -> tuple[str, str, str, dict[str, str], str | None]:
    return _read_text(data, name, web_page=True)


# Readers in the order they are tried: (accepts(name, data), read(data, name)).
_READERS = ((is_pdf, _read_pdf), (is_docx, _read_docx), (lambda name, data: True, _read_text))


# --------------------------------------------------------------------------- passages

_LIST_ITEM = re.compile(r"[ \t]*(?:[-*•+|#>]|\d{1,3}[.)])\s")
# Written to start with a character class (not "[.!?…]+"), so the regex engine skips to the
# next full stop in C instead of trying the pattern at every character of the passage.
_SENTENCE_END = re.compile(r"[.!?…][.!?…]*[\"'”’)\]]*(?=\s+[\"'“‘(\[*_]*[A-Z0-9£$€])")
# The letters and full stops that end a text ("e.g", "Mr", ""): searched up to a sentence end.
_WORD_BEFORE = re.compile(r"(?:[^\W\d_]|\.)*\Z")
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "sr",
    "jr",
    "no",
    "nos",
    "vs",
    "v",
    "etc",
    "gov",
    "sen",
    "rep",
    "capt",
    "col",
    "gen",
    "lt",
    "sgt",
    "rev",
    "hon",
    "cllr",
    "clr",
    "inc",
    "ltd",
    "co",
    "corp",
    "approx",
    "est",
    "fig",
    "figs",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mt",
    "ft",
    "op",
    "vol",
    "pp",
    "cf",
    "al",
    "e.g",
    "i.e",
}


# Every rule asks only whether a passage has more or fewer words than a number up to 20, so
# words are counted up to _WORDS_COUNTED: a long paragraph is not split into all its words.
_WORDS_COUNTED = 21


@dataclass(slots=True)
class _Passage:
    start: int
    end: int
    text: str
    words: int  # the number of words, or _WORDS_COUNTED if it has more

    @property
    def is_prose(self) -> bool:
        return self.words >= 20 or (self.words >= 10 and bool(_ENDS_SENTENCE.search(self.text)))


_ENDS_SENTENCE = re.compile(r"[.!?:”\"]\s*$")
_ENDS_CLAUSE = re.compile(r"[.!?:]\W*$")


def _is_wrapped_block(text: str, lines: list[tuple[int, int]]) -> bool:
    """A block of hard-wrapped prose: lines of similar, typical width that mostly break
    mid-sentence (the next line goes on in lower case, or the line ends on a lower-case word)."""
    if len(lines) < 2:
        return False
    if any(_LIST_ITEM.match(text, start) for start, _ in lines[1:]):
        return False  # a list, table or headings: each line stands alone
    widths = [end - start for start, end in lines[:-1]]
    longest = max(widths)
    if not (45 <= longest <= 120 and min(widths) >= 0.55 * longest):
        return False
    soft = 0
    for (start, end), (next_start, _) in zip(lines, lines[1:]):
        last_word = text[start:end].rsplit(None, 1)[-1]
        following = text[next_start : next_start + 1]
        if (
            following.islower()
            or following.isdigit()
            or following in "£$€("
            or (last_word[:1].islower() or last_word.endswith(","))
        ):
            soft += 1
    return soft * 2 >= len(lines) - 1


def _continued_lines(text: str, block: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Lines of a block as separate passages, except where a line goes on mid-sentence
    (the next line starts in lower case after a line that does not end a sentence)."""
    groups: list[list[tuple[int, int]]] = []
    for line in block:
        start, end = line
        head = text[start:end].lstrip()[:1]
        if groups and head.islower() and not _ENDS_CLAUSE.search(text[groups[-1][-1][0] : groups[-1][-1][1]]):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def find_passages(text: str) -> list[Span]:
    """Paragraphs: blank-line separated blocks; lines of a block are separate passages unless
    the block is hard-wrapped prose."""
    blocks: list[list[tuple[int, int]]] = [[]]
    lines = text.split("\n")
    if not lines[-1]:
        lines.pop()  # the text ends with a newline (or is empty): no line after it
    start = 0
    for line in lines:
        end = start + len(line)
        if line and not line.isspace():
            blocks[-1].append((start, end))
        elif blocks[-1]:
            blocks.append([])
        start = end + 1
    passages: list[Span] = []
    for block in blocks:
        if not block:
            continue
        if len(block) == 1:
            groups = [block]  # one line: a passage of its own
        else:
            groups = [block] if _is_wrapped_block(text, block) else _continued_lines(text, block)
        for group in groups:
            start, end = group[0][0], group[-1][1]
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                passages.append(Span(start, end))
    return passages


def find_sentences(text: str, passage: Span) -> list[Span]:
    """Sentences of one passage, by punctuation, skipping abbreviations and initials."""
    spans = []
    start = passage.start
    for m in _SENTENCE_END.finditer(text, passage.start, passage.end):
        end = m.start()
        if text[end] == "." and end > start:  # after an abbreviation or an initial, a full stop ends no sentence
            # The word before it ends in a letter (a full stop there would have started the match),
            # so one of 7 or more characters is no abbreviation: look back no further. Most full
            # stops follow a digit, bracket or quote (no word) or seven letters: no search for those.
            last = text[end - 1]
            if (last.isalnum() and not last.isdecimal() or last == ".") and not (
                end - 7 >= start and text[end - 7 : end].isalpha()
            ):
                before = _WORD_BEFORE.search(text, max(start, end - 7), end)
                word = before.group().lower().rstrip(".")
                if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
        spans.append(Span(start, m.end()))
        start = m.end()
        while start < passage.end and text[start].isspace():
            start += 1
    if start < passage.end:
        spans.append(Span(start, passage.end))
    return spans


# --------------------------------------------------------------------------- sections


def _classify(text: str, passages: list[_Passage]) -> tuple[list[str], int | None]:
    """A section name for each passage, and the index of the title passage (or None)."""
    n = len(passages)
    is_furniture = _Furniture(text)
    furniture = [is_furniture(p) for p in passages]
    dates = [bool(DATE_LINE.match(p.text)) for p in passages]
    first_body = next((i for i, p in enumerate(passages) if p.is_prose and not furniture[i] and not dates[i]), None)
    if first_body is None:
        first_body = next((i for i in range(n) if not furniture[i] and not dates[i]), n)
    for i in range(first_body):
        if not dates[i] and _HAS_DATE.search(passages[i].text) and passages[i].words <= 16:
            dates[i] = True  # "Published: 09:14, 3 September 2014 | Updated: ..."
    candidates = [
        i
        for i in range(first_body)
        if not furniture[i] and not dates[i] and not _is_byline(passages[i].text) and _is_headline(passages[i].text)
    ]
    title = next((i for i in candidates if passages[i].text.startswith("# ")), None)
    if title is None:
        title = next((i for i in candidates if _has_verb(passages[i].text)), None)
    if title is None and candidates:
        title = candidates[-1]
    names = []
    for i, p in enumerate(passages):
        if title is not None and i < title or title is None and i < first_body:
            names.append("byline" if dates[i] or _is_byline(p.text) else "boilerplate")
        elif i == title:
            names.append("title")
        elif dates[i] or _is_byline(p.text):
            names.append("byline")
        elif furniture[i]:
            names.append("boilerplate")
        else:
            names.append("body")
    _mark_tail(passages, names, furniture, first_body)
    return names, title


def _mark_tail(passages, names, furniture, first_body) -> None:
    """Everything after a press release's ENDS / notes to editors, and a trailing run of short
    lines that holds page furniture, is boilerplate."""
    for i in range(first_body, len(passages)):
        if END_OF_BODY_RE.match(passages[i].text):
            for j in range(i, len(passages)):
                names[j] = "boilerplate"
            break
    tail_start = None
    for i in range(len(passages) - 1, first_body - 1, -1):
        if furniture[i]:
            tail_start = i
        elif passages[i].words > 12:
            break
    if tail_start is not None:
        for j in range(tail_start, len(passages)):
            names[j] = "boilerplate"


# A word from each alternative of SPAM_RE and of BOILERPLATE_RE: neither can match without one.
_SPAM_WORDS = ("replica", "rolex", "viagra", "cialis", "casino", "payday", "louis", "cheap", "escort", "porn")
_BOILERPLATE_WORDS = (
    "sign",
    "log",
    "subscri",
    "download",
    "skip",
    "access",
    "back",
    "page",
    "related",
    "stories",
    "picks",
    "most",
    "share",
    "follow",
    "cookie",
    "privacy",
    "conditions",
    "reserved",
    "copyright",
    "advertisement",
    "newsletter",
    "reading",
    "free",
    "member",
    "premium",
    "trusted",
    "read",
    "click",
    "print",
    "email",
    "article",
    "menu",
    "map",
    "comment",
    "release",
    "embargoed",
    "©",
)


_TABLE_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")


class _Furniture:
    """Whether a passage of one document is page furniture. The furniture regexes run only on
    passages that hold a word each needs (for URL_RE: 'http', 'www.', '@' or '#'), as most
    passages of an article hold none."""

    def __init__(self, text: str) -> None:
        self.folded = folded_text(lowered_text(text))
        self.spam = WordGate(_SPAM_WORDS, self.folded)
        self.urls = "http" in text or "www." in text or "@" in text or "#" in text

    def __call__(self, p: _Passage) -> bool:
        folded = self.folded
        if self.spam.may_match(folded, p.start, p.end) and SPAM_RE.search(p.text):
            return True
        if (
            p.words <= 15
            and (folded is None or holds_any(folded[p.start : p.end], _BOILERPLATE_WORDS))
            and BOILERPLATE_RE.search(p.text)
        ):
            return True
        t = p.text
        if self.urls and ("http" in t or "www." in t or "@" in t or "#" in t):
            t = URL_RE.sub("", t)
        stripped = t.strip(" :-–|.")
        if not stripped and _TABLE_RULE.match(p.text):
            return False  # a table's rule under its header row belongs to the table, like its rows
        return len(stripped) < len(p.text) * 0.5 and len(stripped.split()) <= 6


def _is_headline(line: str) -> bool:
    words = line.split()
    first = line.lstrip("#*_ \"'“‘")[:1]
    return (
        3 <= len(words) <= 30
        and (first.isupper() or first.isdigit())
        and "|" not in line
        and not line.rstrip().endswith((":", "."))
    )


_VERB_WORD = re.compile(
    r"^(?:[a-z]+(?:s|ed)|is|are|was|were|has|have|had|will|can|may|go|get|hit|cut|set|put|say|warn|call)$"
)


def _has_verb(line: str) -> bool:
    """Headlines have a verb ('comments', 'heralds', 'climbs', 'is'); mastheads and role lines
    ('House of Commons', 'Member of Parliament for Rotherham') do not."""
    words = re.findall(r"[A-Za-z']+", line)[1:]
    return any(_VERB_WORD.match(w.lower() if w.isupper() else w) for w in words)


_NAME_LINE = re.compile(r"^[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}$")


_NAME_ROLE = re.compile(r"^[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2},\s+[A-Z][\w ,&-]{2,60}$")
_HAS_DATE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{4}\b"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b"
)


def _is_byline(line: str) -> bool:
    line = line.strip()
    # _NAME_ROLE fails at once on nearly every passage, so it runs before the word count.
    return bool(BYLINE_RE.match(line)) or (bool(_NAME_ROLE.match(line)) and len(line.split()) <= 8)


def segment(doc: Document, meta: dict[str, str] | None = None) -> None:
    """Fill in the document's sections, passages, sentences, title, date and author."""
    meta = meta or {}
    text = doc.text
    spans = find_passages(text)
    passages = []
    for s in spans:
        passage_text = text[s.start : s.end]
        passages.append(_Passage(s.start, s.end, passage_text, len(passage_text.split(None, _WORDS_COUNTED - 1))))
    names, title = _classify(text, passages)
    running = set(meta.get(RUNNING_LINES, "").split("\n")) - {""}  # a PDF's running heads and feet
    if running:
        names = ["boilerplate" if p.text in running else name for p, name in zip(passages, names)]
        if title is not None and names[title] == "boilerplate":
            title = None
    doc.passages = spans
    doc.sections = [Span(p.start, p.end, name) for p, name in zip(passages, names)]
    doc.sentences = [s for span in spans for s in find_sentences(text, span)]
    doc.title = passages[title].text.strip("#*_ ") if title is not None else meta.get("headline")
    doc.published = _published(passages, names, meta)
    doc.author = _author(passages, names, title, meta)
    doc.site = _site(passages, title, meta, doc.path)


def _published(passages, names, meta) -> str | None:
    for p, name in zip(passages, names):
        if name == "byline":
            iso = parse_date(p.text)
            if iso:
                return iso
    for key in ("article:published_time", "date", "dc.date", "pubdate", "time"):
        if meta.get(key):
            m = re.match(r"\d{4}-\d{2}-\d{2}", meta[key])
            if m:
                return m.group()
    return None


# Words that name an outlet or an institution rather than a person: a short line of capitalised
# words holding one, before the title, is the outlet ("The Guardian - UK", "House of Commons").
OUTLET_WORDS = (
    "House",
    "Commons",
    "Office",
    "News",
    "Press",
    "Guardian",
    "Times",
    "World",
    "Post",
    "Herald",
    "Telegraph",
    "Journal",
    "Gazette",
    "Mail",
    "Express",
    "Tribune",
    "Chronicle",
    "Standard",
    "Observer",
    "Independent",
    "Mirror",
    "Record",
    "Echo",
    "Review",
    "Daily",
    "Weekly",
    "Magazine",
    "Radio",
    "Television",
    "BBC",
    "ITV",
    "Reuters",
    "Bloomberg",
    "Agency",
    "Media",
    "Online",
)
_OUTLET_WORD = re.compile(r"\b(?:" + "|".join(OUTLET_WORDS) + r")\b")
# Capitalised words (or "of", "the", "and", "for", a dash) and at most six of them.
_OUTLET_LINE = re.compile(r"(?:(?:[A-Z][\w'’&.]*|of|the|and|for|[-–—|:])\s*){1,6}")
_NOT_A_NAME = re.compile(r"\b(?:" + "|".join((*OUTLET_WORDS, "Street", "Road", "London", "UK")) + r")\b")
_HOST = re.compile(r"^https?://(?:www\.)?([^/:?#\s]+)", re.IGNORECASE)


def _site(passages, title, meta, path: str) -> str | None:
    """The document's outlet: the site name a web page gives, else a short outlet line before the
    title, else the host of the page's canonical URL or of the URL it was fetched from."""
    if meta.get("sitename"):
        return meta["sitename"].strip()
    for p in passages[:title] if title is not None else []:
        for line in p.text.splitlines():
            line = line.strip()
            if _OUTLET_WORD.search(line) and _OUTLET_LINE.fullmatch(line):
                return line
    for url in (meta.get("url"), path):
        host = _HOST.match(url or "")
        if host:
            return host.group(1).lower()
    return None


def _author(passages, names, title, meta) -> str | None:
    for p in passages:
        m = BYLINE_RE.match(p.text)
        if m:
            return m.group("name").rstrip(",.")
    if meta.get("author"):
        return meta["author"]
    lead = passages[:title] if title is not None else []
    for p, name in zip(lead, names):
        if _NAME_LINE.match(p.text.strip()) and not _NOT_A_NAME.search(p.text):
            return p.text.strip()
    return None


_DATE_PARTS = re.compile(
    r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[A-Za-z]+)\.?,?\s+(?P<y1>\d{4}))"
    r"|(?:(?P<m2>[A-Za-z]+)\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|(?P<dd>\d{1,2})/(?P<mm>\d{1,2})/(?P<yy>\d{4})"
)


def parse_date(text: str) -> str | None:
    """The first day-month-year date in text, as an ISO string."""
    for m in _DATE_PARTS.finditer(text):
        if m.group("iso"):
            return m.group("iso")
        if m.group("yy"):
            day, month = int(m.group("dd")), int(m.group("mm"))
            if 1 <= day <= 31 and 1 <= month <= 12:
                return f"{int(m.group('yy')):04d}-{month:02d}-{day:02d}"
            continue
        day, month, year = (
            (m.group("d1"), m.group("m1"), m.group("y1"))
            if m.group("y1")
            else (m.group("d2"), m.group("m2"), m.group("y2"))
        )
        number = MONTHS.get(month.lower())
        if number and 1 <= int(day) <= 31:
            return f"{int(year):04d}-{number:02d}-{int(day):02d}"
    return None
