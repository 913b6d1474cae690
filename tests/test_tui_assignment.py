"""Assignment and blind review in the review UI: space walks the reviewer's own share first; a
blind review (assign --blind, or review --blind) hides the other reviewers' verdicts and notes on a
claim until this reviewer has decided it, and refuses to open their decisions."""

from __future__ import annotations


from review_corpus import rows, synchronously
from review_pilot import press_and_wait, ready, reviewing, screen_text

from workbench.store.assignment import AssignmentStore
from workbench.store.review.store import ReviewStore
from workbench.tui.screens import ReviewScreen

SECRET = "bob thinks 25%, see table 3"


def share(path, reviewer):
    return {claim_id for (claim_id,) in rows(path, "SELECT claim_id FROM assignments WHERE reviewer = ?", [reviewer])}


def bob_decides(path, claim_id):
    bob = ReviewStore(path, "bob")
    bob.decide([claim_id], "conflicting")
    bob.set_note(claim_id, SECRET)
    bob.close()


@synchronously
async def test_space_walks_the_reviewers_own_share_first(corpus):
    path, ids = corpus
    lead = AssignmentStore(path, "lead")
    lead.assign(["ann", "bob"], 0.0, seed=5)
    lead.close()
    mine = share(path, "ann")
    assert 0 < len(mine) < len(ids)
    async with reviewing(path, size=(140, 40)) as (pilot, review):
        decided = set()
        for _ in range(len(mine) + 2):
            if decided == mine:
                break
            await press_and_wait(pilot, "space")
            current = review.current_claim_id
            assert current in mine, "space left the share while some of it was unreviewed"
            await press_and_wait(pilot, "c")
            decided.add(current)
        assert decided == mine
        await press_and_wait(pilot, "space")
        assert "Your share is done" in screen_text(pilot.app)
        assert review.current_claim_id not in mine  # on to an unreviewed claim outside the share


@synchronously
async def test_a_blind_review_shows_the_others_verdicts_only_once_decided(corpus):
    path, ids = corpus
    forty = ids[("002_munn.txt", "40%")]
    bob_decides(path, forty)
    async with reviewing(path, size=(140, 40), blind=True) as (pilot, review):
        assert review.current_claim_id == forty
        text = screen_text(pilot.app)
        assert SECRET not in text and "other reviewers" not in text
        assert "Blind review" in text
        await pilot.press("o")
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert "other reviewers' decisions show on each claim once you have decided it" in screen_text(pilot.app)
        await pilot.press("A")
        assert isinstance(pilot.app.screen, ReviewScreen)
        titles = [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]
        assert titles  # the palette's key commands are there; its reviewer entries are not (below)
        from workbench.tui.commands import ReviewCommands

        provider = ReviewCommands(pilot.app.screen)
        offered = [t for t, *_ in provider._commands()]
        assert not [t for t in offered if "bob" in t or t.startswith("Export report")]  # both would show bob's
        assert "Show only conflicting claims" in offered
        await pilot.press("c")  # decided: the cursor moves on; back to it
        await ready(pilot)
        await press_and_wait(pilot, "k")
        assert review.current_claim_id == forty
        assert SECRET in screen_text(pilot.app)


@synchronously
async def test_assign_blind_is_stored_and_a_review_without_it_shows_the_others(corpus):
    path, ids = corpus
    forty = ids[("002_munn.txt", "40%")]
    bob_decides(path, forty)
    async with reviewing(path, size=(140, 40)) as (pilot, _):
        assert SECRET in screen_text(pilot.app)  # not blind: bob's note is in view
    lead = AssignmentStore(path, "lead")
    lead.assign(["ann", "bob"], 0.5, seed=1, blind=True)
    lead.close()
    async with reviewing(path, size=(140, 40)) as (pilot, _):
        assert SECRET not in screen_text(pilot.app)


def test_review_blind_on_the_command_line_hides_the_others_notes(corpus):
    import os
    import sys

    from test_tui_process import Terminal, wait_for

    path, ids = corpus
    bob_decides(path, ids[("002_munn.txt", "40%")])
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("WORKBENCH_DB", None)
    terminal = Terminal(
        [sys.executable, "-m", "workbench", "review", "--db", path, "--reviewer", "ann", "--blind"], env
    )
    try:
        wait_for(lambda: "Blind review" in terminal.screen_text())
        assert "bob thinks" not in terminal.screen_text()
        terminal.type("c")  # decide it: bob's verdict and note are shown on the claim from now on
        terminal.type("k")
        wait_for(lambda: "bob thinks" in terminal.screen_text().replace("\n", ""))
        terminal.type("q")
        _, status = os.waitpid(terminal.pid, 0)
        terminal.pid = None
        assert os.WEXITSTATUS(status) == 0
    finally:
        if terminal.pid is not None:
            terminal.kill()
