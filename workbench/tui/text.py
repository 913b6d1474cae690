"""Turning stored values into what the reviewer reads: safe text, values, differences, a picture.

Document text is untrusted. `safe` replaces every control character (ESC and the other C0 and C1
codes, DEL, and the bidirectional overrides) with one visible character, so that offsets into
the text still hold and nothing reaches the terminal as a command. Nothing here parses markup:
callers build `Content` from these plain strings and style it by offsets.
"""
from __future__ import annotations

from collections.abc import Sequence

from workbench.core.report.text import (  # noqa: F401
    BIDI_CONTROLS, CONTROL_PICTURES, difference, format_amount, numeric_span, reading_note, relation_words,
)
from workbench.core.report.text import format_value as core_format_value

_PICTURES = dict(CONTROL_PICTURES)  # the reports' table, with tabs and carriage returns as spaces
_PICTURES[ord("\t")] = " "
_PICTURES[ord("\r")] = " "

_KEEP_NEWLINES = dict(_PICTURES)
del _KEEP_NEWLINES[ord("\n")]
_ONE_LINE = dict(_PICTURES)
_ONE_LINE[ord("\n")] = " "


def safe(text: str | None) -> str:
    """The text with control characters made visible, one character for one, newlines kept."""
    return (text or "").translate(_KEEP_NEWLINES)


def one_line(text: str | None) -> str:
    """`safe`, with line breaks as spaces: for rows and headings."""
    return (text or "").translate(_ONE_LINE)


def format_value(claim) -> str:
    """`core.report.text.format_value`, the one formatter of values, made safe for a row."""
    return one_line(core_format_value(claim))


numeric_range = numeric_span


def number_line(
    points: Sequence[tuple[float, float, bool]], width: int, kind: str = ""
) -> tuple[str, str, list[tuple[int, int, bool]]]:
    """A one-line picture of values on a shared scale, with the scale's ends below it.

    `points` are (low, high, is_selected). Returns the line, the label line, and for each point
    the columns it covers, so the caller can colour them. The selected value is drawn last.
    """
    width = max(width, 10)
    low = min(p[0] for p in points)
    high = max(p[1] for p in points)
    span = high - low
    if span <= 0:
        columns = [(width // 2, width // 2, selected) for _, _, selected in points]
    else:
        def column(x: float) -> int:
            return min(width - 1, max(0, round((x - low) / span * (width - 1))))

        columns = [(column(a), column(b), selected) for a, b, selected in points]
    cells = ["─"] * width
    for start, end, selected in sorted(columns, key=lambda c: c[2]):
        if end > start:
            for x in range(start, end + 1):
                cells[x] = "━"
            cells[start], cells[end] = "┣", "┫"
        else:
            cells[start] = "◆" if selected else "●"
    line = "".join(cells)

    left, right = format_amount(low, kind, None, None), format_amount(high, kind, None, None)
    if span <= 0:
        labels = left.center(width)
    else:
        labels = left + right.rjust(width - len(left))
    return line, labels, columns
