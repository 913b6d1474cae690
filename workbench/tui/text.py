"""The review UI's picture of values on a shared scale: the cluster panel's number line.

Values are written by `core.report.text` and untrusted text is made safe by `core.safe_text`,
the same as on the command line and in the reports; this module only draws.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.core.report.text import format_amount


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
