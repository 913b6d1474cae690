"""The review UI's corrections, driven from the keyboard: e edits a claim, D marks it not a claim,
z and y undo and redo them; checked in the database, the log and on screen."""

from __future__ import annotations

import json

from review_corpus import first_row, rows, synchronously
from review_pilot import help_and_palette, press_and_wait, retype, reviewing, screen_text

from workbench.tui.screens import CorrectScreen


def correction(path, claim_id):
    row = first_row(path, "SELECT changes, rejected, reviewer FROM corrections WHERE claim_id = ?", [claim_id])
    return (json.loads(row[0]), bool(row[1]), row[2]) if row else None


def logged(path):
    return rows(path, "SELECT action, claim_id FROM review_log ORDER BY id")


@synchronously
async def test_e_corrects_the_value_and_shows_both_readings_then_z_undoes_it(corpus):
    path, ids = corpus
    forty = ids[("002_munn.txt", "40%")]
    async with reviewing(path) as (pilot, review):
        assert review.detail.claim.id == forty
        await pilot.press("e")
        assert isinstance(pilot.app.screen, CorrectScreen)
        assert "The extractor read: 40% · proportion · exact" in screen_text(pilot.app)
        await retype(pilot, "#correct-value", "40")
        await pilot.press("enter")
        # refused in one line, the dialog stays open and nothing is stored
        assert isinstance(pilot.app.screen, CorrectScreen)
        assert "a proportion is between 0 and 1 (45% is 0.45); 40 is not" in screen_text(pilot.app)
        assert correction(path, forty) is None
        await retype(pilot, "#correct-value", "0.4-0.45")
        await press_and_wait(pilot, "enter")
        assert not isinstance(pilot.app.screen, CorrectScreen)
        assert correction(path, forty) == (
            {"value": None, "value_min": 0.4, "value_max": 0.45, "qualifier": "range"},
            False,
            "ann",
        )
        text = screen_text(pilot.app)
        assert "read as 40% (exact), corrected to 40%–45% (range) by ann" in text
        assert "✱ 40%" in text  # the list marks the corrected claim and shows its corrected value
        assert logged(path)[-1] == ("correct", forty)
        await press_and_wait(pilot, "z")
        assert correction(path, forty) is None
        assert "Undone correction" in screen_text(pilot.app)
        assert "corrected to" not in screen_text(pilot.app)
        await press_and_wait(pilot, "y")
        assert correction(path, forty)[0]["value_max"] == 0.45
        assert [a for a, _ in logged(path)] == ["correct", "undo", "redo"]


@synchronously
async def test_escape_in_the_dialog_changes_nothing(corpus):
    path, ids = corpus
    async with reviewing(path) as (pilot, _):
        await pilot.press("e")
        await retype(pilot, "#correct-kind", "count")
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, CorrectScreen)
        assert logged(path) == []


@synchronously
async def test_D_marks_not_a_claim_it_leaves_the_list_and_z_brings_it_back(corpus):
    path, ids = corpus
    forty = ids[("002_munn.txt", "40%")]
    async with reviewing(path) as (pilot, review):
        assert "Reviewed 0/14" in screen_text(pilot.app)
        await press_and_wait(pilot, "D")
        assert correction(path, forty) == ({}, True, "ann")
        assert review.detail.claim.id != forty
        text = screen_text(pilot.app)
        assert "Marked not a claim" in text and "Reviewed 0/13" in text
        assert review.order.position_of(review.store.rowid_of(forty)) is None
        await press_and_wait(pilot, "z")
        assert correction(path, forty) is None
        assert review.order.position_of(review.store.rowid_of(forty)) is not None
        assert "Reviewed 0/14" in screen_text(pilot.app)


@synchronously
async def test_the_correction_keys_are_in_the_help_and_the_palette(corpus):
    path, _ = corpus
    async with reviewing(path, size=(120, 50)) as (pilot, review):
        text, titles = await help_and_palette(pilot)
        assert "Correct" in text and "Edit claim (correct reading)" in text
        assert "Not a claim (z brings it back)" in text
        assert "Edit claim (correct reading)" in titles and "Not a claim (z brings it back)" in titles
