"""Making untrusted text (document text, file names, subjects) safe to print to a terminal.

A document or a file name can carry escape sequences that move the cursor, retitle the window
or hide text. Every control character is replaced by one visible character, so a printed line
shows what is there and offsets into the text still line up.
"""
from __future__ import annotations

import re

# C0 controls as their Unicode "control pictures" (ESC -> ␛), DEL as ␡; C1 controls, the
# bidirectional overrides and lone surrogates (undecodable bytes in a file name) as U+FFFD.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _picture(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def safe_text(text: object, *, keep: str = "\n\t") -> str:
    """The text with every control character except those in `keep` made visible, one for one."""
    text = "" if text is None else str(text)
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _picture(m), text)


def one_line(text: object) -> str:
    """`safe_text` for a single line: file names, table cells, messages (newlines shown as ⏎)."""
    text = "" if text is None else str(text)
    return safe_text(text.replace("\r\n", "\n").replace("\n", "⏎").replace("\t", " "), keep="")


def fit(text: str, width: int) -> str:
    """One line of at most `width` characters, cut with an ellipsis when longer."""
    text = one_line(text)
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def table(rows, columns: tuple[tuple[str, int, str], ...]):
    """Lines of a plain-text table with fixed columns (heading, width, '<' or '>'), heading first.

    Cells are made safe and cut to their width; the last column is not padded. Rows stream
    through, so a table of any length starts printing at once.
    """
    def line(cells) -> str:
        parts = []
        for (_, width, align), cell in zip(columns, cells):
            cell = fit(cell, width)
            parts.append(cell.rjust(width) if align == ">" else cell.ljust(width))
        return "  ".join(parts).rstrip()

    yield line([heading for heading, _, _ in columns])
    for row in rows:
        yield line(row)
