"""Untrusted text made safe to show: the one table of dangerous characters, and the few ways of
showing text that every output chooses from.

Document text, notes, reviewer and file names are untrusted. Each control character (C0 and C1
codes, DEL, the bidirectional controls, lone surrogates) is replaced by one visible character,
so nothing reaches a terminal as a command and nothing reorders the text a reader sees. The
forms differ only in what they do with line breaks, tabs and runs of spaces:

- `visible`: every control character as its picture ("\\n" as ␊); with `keep_lines`, newlines
  and tabs kept (a CSV cell).
- `flow` and `flow_line`: running text, each run of whitespace one space (the reports).
- `one_line`: one character for one, line breaks and tabs as spaces (the review UI's rows).
- `safe`: one character for one, newlines kept, tabs and carriage returns as spaces (the review
  UI's passages, where offsets into the text must hold).
- `terminal_line`: a line break as ⏎, so a file name with a newline in it reads as one; tabs as
  spaces; a lone carriage return as ␍, since a terminal would act on it (the command line).
"""

from __future__ import annotations

import re
from collections.abc import Callable

# The one table of the characters a terminal or a reader's eye could be fooled by. The review
# UI's text, the JSON export's escapes and `visible` are all built from these.
C1_CONTROLS = tuple(range(0x80, 0xA0))  # 0x9B is an 8-bit escape
# Every bidirectional control: the marks (ALM, LRM, RLM), the embeddings and overrides, the isolates.
BIDI_MARKS = (0x061C, 0x200E, 0x200F)
BIDI_EMBEDDINGS = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
BIDI_CONTROLS = (*BIDI_MARKS, *BIDI_EMBEDDINGS)
LINE_SEPARATORS = (0x2028, 0x2029)
CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}  # ESC -> ␛
CONTROL_PICTURES[0x7F] = "\u2421"  # ␡
CONTROL_PICTURES.update({code: "\ufffd" for code in (*C1_CONTROLS, *BIDI_CONTROLS)})
_SURROGATES = re.compile(r"[\ud800-\udfff]")
# Every character of the table, and lone surrogates: compiled from the table, never retyped.
_UNSAFE_CLASS = "".join(re.escape(chr(code)) for code in sorted(CONTROL_PICTURES)) + "\ud800-\udfff"
_UNSAFE = re.compile(f"[{_UNSAFE_CLASS}]")
# Whitespace other than the space that _UNSAFE_CLASS leaves out: what str.isspace() and re's \s
# match above U+009F (a test checks every code point).
_OTHER_SPACES_CLASS = r"\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"

_KEEP_LINES = {code: picture for code, picture in CONTROL_PICTURES.items() if chr(code) not in "\n\t"}
_SPACED = {**CONTROL_PICTURES, ord("\t"): " ", ord("\r"): " "}  # the review UI's: tabs and CRs as spaces
_SPACED_KEEP_NEWLINES = {code: picture for code, picture in _SPACED.items() if code != ord("\n")}
_SPACED_ONE_LINE = {**_SPACED, ord("\n"): " "}


def untidy(special: str = "") -> Callable[[str], bool]:
    """A test of whether text holds anything `flow` would change (an unsafe character, whitespace
    other than the space, two spaces) or any of the `special` characters. Text that passes needs
    no work, which is nearly all text, and a large report escapes millions of strings: one
    character class and a substring test are several times faster than a pattern with choices."""
    search = re.compile(f"[{_UNSAFE_CLASS}{_OTHER_SPACES_CLASS}{re.escape(special)}]").search

    def needs_work(text: str) -> bool:
        return search(text) is not None or "  " in text

    # The character test alone, for a caller that writes the whole test inline, as
    # `needs_work.search(text) is None and "  " not in text` (one call less per string).
    needs_work.search = search
    return needs_work


_UNTIDY = untidy()


def _shown(text: object, pictures: dict[int, str]) -> str:
    """The text with each unsafe character replaced as `pictures` says, lone surrogates as �."""
    text = "" if text is None else str(text)
    if _UNSAFE.search(text) is None:
        return text
    return _SURROGATES.sub("\ufffd", text.translate(pictures))


def visible(text: object, *, keep_lines: bool = False) -> str:
    """The text with every control character made visible one for one (newlines and tabs too,
    unless `keep_lines`)."""
    return _shown(text, _KEEP_LINES if keep_lines else CONTROL_PICTURES)


def flow(text: object) -> str:
    """`visible`, with each run of whitespace (line breaks included) read as one space: running text."""
    text = "" if text is None else str(text)
    if not _UNTIDY(text):
        return text
    # split() breaks at what \s matches; joining the words is several times faster than a
    # substitution, and a run of whitespace at either end stays one space
    words = " ".join(text.split())
    if words and text[0].isspace():
        words = " " + words
    if text[-1:].isspace():
        words += " "
    return visible(words)


def flow_line(text: object) -> str:
    """`flow`, without space at either end: a report's heading, note or date on one line."""
    return flow(text).strip()


def one_line(text: object) -> str:
    """Text for a row or a heading of the review UI, one character for one: line breaks and
    tabs as spaces, every other control character as its picture."""
    return _shown(text, _SPACED_ONE_LINE)


def safe(text: object) -> str:
    """Text for a passage of the review UI, one character for one: newlines kept, tabs and
    carriage returns as spaces, every other control character as its picture."""
    return _shown(text, _SPACED_KEEP_NEWLINES)


def terminal_line(text: object) -> str:
    """Untrusted text for a single line of a terminal: file names, table cells, messages. A line
    break (LF or CRLF) shows as ⏎, a tab as a space, every other control character as its
    picture, a lone carriage return too (␍)."""
    text = "" if text is None else str(text)
    return visible(text.replace("\r\n", "\n").replace("\n", "⏎").replace("\t", " "))
