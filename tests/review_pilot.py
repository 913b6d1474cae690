"""Helpers for driving the review UI headless in tests: wait until a view has loaded, read the screen."""
from __future__ import annotations


async def ready(pilot):
    """Wait until the workers building the current view are done and the screen is redrawn."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.review


def screen_text(app) -> str:
    """What the terminal shows now, as plain text, one line per row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
