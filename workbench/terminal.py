"""Plain-text tables for a terminal, cut to their columns in terminal cells.

A document or a file name can carry escape sequences that move the cursor, retitle the window
or hide text: every cell is made safe with `core.safe_text.terminal_line` before it is cut.
"""

from __future__ import annotations

from workbench.core.safe_text import terminal_line


def fit(text: str, width: int, align: str = "left") -> str:
    """`text` cropped with an ellipsis or padded to exactly `width` terminal cells (a wide
    character takes two), on the left or, with `align="right"`, on the right. The caller makes
    the text safe first: the CLI's tables and the review UI both crop through this."""
    from rich.cells import cell_len, set_cell_size  # here: `workbench --help` starts without rich

    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width) if align == "left" else " " * (width - cell_len(text)) + text


def table(rows, columns: tuple[tuple[str, int, str], ...]):
    """Lines of a plain-text table with fixed columns (heading, width, '<' or '>'), heading first.

    Cells are made safe and cut to their width; the last column is not padded. Rows stream
    through, so a table of any length starts printing at once.
    """

    def line(cells) -> str:
        parts = []
        for (_, width, align), cell in zip(columns, cells):
            parts.append(fit(terminal_line(cell), width, "right" if align == ">" else "left"))
        return "  ".join(parts).rstrip()

    yield line([heading for heading, _, _ in columns])
    for row in rows:
        yield line(row)
