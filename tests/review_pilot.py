"""Helpers for driving the review UI headless in tests: open it, wait until a view has loaded, read the screen."""

from __future__ import annotations

import html
import re
from contextlib import asynccontextmanager

from workbench.tui.app import ReviewApp

# One run of text in Rich's SVG export: its column (x), its row (the clip path's line number), its characters.
_SVG_TEXT = re.compile(
    r'<text [^>]*?x="(?P<x>[\d.]+)" [^>]*?textLength="(?P<length>[\d.]+)" '
    r'clip-path="url\(#[\w-]+-line-(?P<row>\d+)\)">(?P<text>.*?)</text>'
)


async def loaded(pilot):
    """Wait until the workers building the current view are done and the screen is redrawn.

    Returns the screen on top (a dialog, or the adjudication screen); ready() returns the review screen.
    """
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    while _writing(pilot.app):  # a key that waited for a write may have started another
        await pilot.pause(0.01)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    return pilot.app.screen


def _writing(app) -> bool:
    """Whether a screen of the app has a write under way or waiting to start (screens.writing)."""
    return any(getattr(screen, "writing", False) for screen in app.screen_stack)


async def ready(pilot):
    """Wait as loaded() does; returns the review screen."""
    await loaded(pilot)
    return pilot.app.review


@asynccontextmanager
async def reviewing(path, reviewer: str = "ann", size: tuple[int, int] = (120, 40), **options):
    """The review app on the database at path, run headless at size with its first view loaded.

    Yields (pilot, review screen); options go to ReviewApp (adjudicator=True, blind=True, ...).
    """
    async with ReviewApp(path, reviewer, **options).run_test(size=size) as pilot:
        yield pilot, await ready(pilot)


async def jump_to_claim(pilot, screen, claim_id: str):
    """Select claim_id in the screen's list and wait until its detail is shown."""
    screen.jump_to_claim(claim_id)
    return await ready(pilot)


async def press_and_wait(pilot, *keys: str):
    """Press keys, then wait until the work they started is done and the screen redrawn."""
    await pilot.press(*keys)
    return await ready(pilot)


async def run_from_palette(pilot, words: str):
    """Open the command palette, type words, wait for its matches, run the first, and wait until
    the work it started is done; returns the screen on top."""
    await pilot.press("ctrl+p")
    await pilot.press(*words)
    await pilot.pause(0.3)
    await pilot.press("enter")
    return await loaded(pilot)


async def retype(pilot, selector: str, text: str) -> None:
    """Empty the input at selector on the screen on top, focus it and type text into it."""
    box = pilot.app.screen.query_one(selector)
    box.value = ""
    box.focus()
    await pilot.press(*text)


async def help_and_palette(pilot) -> tuple[str, list[str]]:
    """Open the help (?), read it and close it: returns its text and the command palette's titles."""
    from workbench.tui.screens import HelpScreen

    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HelpScreen)
    text = screen_text(pilot.app)
    await pilot.press("escape")
    screen = await loaded(pilot)
    return text, [command.title for command in pilot.app.get_system_commands(screen)]


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
