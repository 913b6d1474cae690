"""Adding a claim the extractor missed, from the review UI: + opens the passage, the arrows move a
word at a time, shift+arrows select, enter reads the selection with the extractor's reader into the
correction dialog, enter there adds it; z and y undo and redo. Checked in the database, the log and
on screen."""

from __future__ import annotations

import json
import sqlite3

import pytest
from review_corpus import CLAIMS, CLUSTERS, build_small, first_row, rows, synchronously
from review_pilot import help_and_palette, press_and_wait, retype, reviewing, screen_text

from workbench.tui.screens import CorrectScreen
from workbench.tui.screens.add_claim import AddClaimScreen, words

# The small corpus, with Munn's "20 authorities" missed by the extractor.
MISSED = [c for c in CLAIMS if c[:2] != ("002_munn.txt", "20")]
WITHOUT_K2 = [k for k in CLUSTERS if k[0] != "k2"]


@pytest.fixture
def corpus(tmp_path):
    path = str(tmp_path / "claims.db")
    return path, build_small(path, claims=MISSED, clusters=WITHOUT_K2)


def stored(path, surface):
    return first_row(
        path,
        """SELECT c.id, c.kind, c.value, c.qualifier, c.surface, c."start", c."end", a.reviewer
                              FROM claims c LEFT JOIN added_claims a ON a.claim_id = c.id
                              WHERE c.surface = ?""",
        [surface],
    )


def logged(path):
    return rows(path, "SELECT action, reviewer, claim_id, from_added, to_added FROM review_log ORDER BY id")


async def select_thirteen(pilot, review):
    for _ in range(10):
        if review.detail.claim.surface == "13%":
            return
        await pilot.press("j")
    raise AssertionError("13% is not in the list")


def test_words_leave_the_punctuation_around_them_out():
    text = 'says "13% of (40%), all." £2bn'
    assert [text[s:e] for s, e in words(text)] == ["says", "13%", "of", "40%", "all", "£2bn"]


@synchronously
async def test_plus_selects_a_missed_figure_by_word_reads_it_and_adds_it_then_z_and_y(corpus):
    path, _ = corpus
    async with reviewing(path, size=(120, 45)) as (pilot, review):
        await select_thirteen(pilot, review)
        await pilot.press("plus")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, AddClaimScreen)
        assert "Selected: of" in screen_text(pilot.app)  # the cursor starts after the selected claim
        await pilot.press(*["right"] * 11)
        assert "Selected: 20" in screen_text(pilot.app)
        await pilot.press("shift+right")
        assert "Selected: 20 authorities" in screen_text(pilot.app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CorrectScreen)
        text = screen_text(pilot.app)
        assert "Add 20 authorities" in text and "The extractor's reader reads: 20 · count · exact" in text
        assert stored(path, "20 authorities") is None  # nothing written before it is confirmed
        await press_and_wait(pilot, "enter")
        claim_id, kind, value, qualifier, surface, start, end, reviewer = stored(path, "20 authorities")
        assert (kind, value, qualifier, reviewer) == ("count", 20, "exact", "ann")
        conn = sqlite3.connect(path)
        text_of_doc = conn.execute("SELECT text FROM documents WHERE name = '002_munn.txt'").fetchone()[0]
        conn.close()
        assert text_of_doc[start:end] == "20 authorities"
        action, who, logged_id, before, after = logged(path)[-1]
        assert (action, who, logged_id, before) == ("add", "ann", claim_id, None)
        assert json.loads(after)["surface"] == "20 authorities"
        assert review.detail.claim.id == claim_id  # the new claim is selected
        shown = screen_text(pilot.app)
        assert "added by ann (the extractor missed it)" in shown
        assert "Added 20 authorities · 002_munn" in shown
        assert review.progress.total == 14
        await press_and_wait(pilot, "z")
        assert stored(path, "20 authorities") is None
        assert "Undone added claim: 20 authorities in 002_munn" in screen_text(pilot.app)
        assert review.progress.total == 13
        await press_and_wait(pilot, "y")
        assert stored(path, "20 authorities")[0] == claim_id
        assert [row[0] for row in logged(path)] == ["add", "undo", "redo"]


@synchronously
async def test_the_reading_is_edited_and_checked_like_a_correction(corpus):
    path, _ = corpus
    async with reviewing(path, size=(120, 45)) as (pilot, review):
        await select_thirteen(pilot, review)
        await pilot.press("plus", *["right"] * 11, "shift+right", "enter")
        await pilot.pause()
        await retype(pilot, "#correct-kind", "proportion")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CorrectScreen)  # 20 is no proportion: refused, nothing stored
        assert "a proportion is between 0 and 1 (45% is 0.45); 20 is not" in screen_text(pilot.app)
        assert stored(path, "20 authorities") is None
        await retype(pilot, "#correct-kind", "count")
        await retype(pilot, "#correct-value", "21")
        await press_and_wait(pilot, "enter")
        assert stored(path, "20 authorities")[1:3] == ("count", 21)


@synchronously
async def test_a_selection_without_a_figure_is_refused_and_escape_adds_nothing(corpus):
    path, _ = corpus
    async with reviewing(path, size=(120, 45)) as (pilot, review):
        await select_thirteen(pilot, review)
        await pilot.press("plus", "right", "enter")  # "local"
        await pilot.pause()
        assert "Not added: no figure in 'local'; select the number with its words" in screen_text(pilot.app)
        await pilot.press("plus", "home", "shift+right")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, AddClaimScreen)
        await pilot.press("plus")  # an extracted claim cannot be added twice
        await pilot.pause()
        await pilot.press("left", "enter")
        await pilot.pause()
        await press_and_wait(pilot, "enter")
        assert "Not added: '13%' is already claim" in screen_text(pilot.app)
        assert logged(path) == []


@synchronously
async def test_the_add_key_is_in_the_help_and_the_palette(corpus):
    path, _ = corpus
    async with reviewing(path, size=(120, 60)) as (pilot, review):
        text, titles = await help_and_palette(pilot)
        assert "Add a missed claim…" in text
        assert "Add a missed claim…" in titles
