"""Helpers for driving the review UI headless in tests: wait until a view has loaded, read the screen."""
from __future__ import annotations

import html
import re

# One run of text in Rich's SVG export: its column (x), its row (the clip path's line number), its characters.
_SVG_TEXT = re.compile(
    r'<text [^>]*?x="(?P<x>[\d.]+)" [^>]*?textLength="(?P<length>[\d.]+)" '
    r'clip-path="url\(#[\w-]+-line-(?P<row>\d+)\)">(?P<text>.*?)</text>'
)


async def ready(pilot):
    """Wait until the workers building the current view are done and the screen is redrawn."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.review


def screen_text(app) -> str:
    """What the terminal shows now, as plain text, one line per row.

    Read from the public `App.export_screenshot()` SVG: each run of text sits at its column, and
    runs of spaces (which the SVG leaves out) are spaces again.
    """
    width, height = app.size
    rows = [[" "] * width for _ in range(height)]
    for run in _SVG_TEXT.finditer(app.export_screenshot()):
        text = html.unescape(run["text"]).replace("\xa0", " ")
        column = round(float(run["x"]) / (float(run["length"]) / len(text)))
        row = rows[int(run["row"])]
        for offset, char in enumerate(text):
            if column + offset < width:
                row[column + offset] = char
    return "\n".join("".join(row) for row in rows)
