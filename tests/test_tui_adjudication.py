"""The adjudication screen (`workbench review --adjudicator`), driven from the keyboard: each
disagreement with every reviewer's verdict and note, a final verdict with a required reason for a
claim (c x u) or a cluster's disputes (C X U), undo and redo; checked in the database, the log and
on screen."""

from __future__ import annotations


import pytest
from lock_holder import LockHolder, wait_out_any_lock
from review_corpus import build_small, rows, synchronously
from review_pilot import help_and_palette, loaded, retype, screen_text

from workbench.store.doctor import examine
from workbench.store.review.store import ReviewStore
from workbench.tui.app import ReviewApp
from workbench.tui.screens import AdjudicationScreen, FinalVerdictScreen

HOSTILE = "[/foo] [b [@click=app.quit]"


@pytest.fixture
def disputed(tmp_path):
    """ann and bob disagree on cluster k3 (40% and one in four) and on 43, in no cluster; agree on 20."""
    path = str(tmp_path / "claims.db")
    ids = build_small(path)
    forty, quarter = ids[("002_munn.txt", "40%")], ids[("004_crin.txt", "one in four")]
    alone, twenty = ids[("003_guardian.txt", "43")], ids[("002_munn.txt", "20")]
    ann, bob = ReviewStore(path, "ann"), ReviewStore(path, HOSTILE)
    ann.decide([forty, quarter], "conflicting", cluster_id="k3")
    ann.set_note(forty, "15 points apart")
    bob.decide([forty, quarter], "consistent", cluster_id="k3")
    bob.set_note(forty, "different years [/foo]")
    ann.decide([alone], "consistent")
    bob.decide([alone], "unverified")
    ann.decide([twenty], "consistent")
    bob.decide([twenty], "consistent")
    ann.close()
    bob.close()
    return path, ids


@synchronously
async def test_the_view_lists_each_disagreement_with_every_reviewers_verdict_and_note(disputed):
    path, ids = disputed
    async with ReviewApp(path, "cara", adjudicator=True).run_test(size=(140, 40)) as pilot:
        screen = await loaded(pilot)
        assert isinstance(screen, AdjudicationScreen)
        assert [d.claim_id for d in screen.disputes] == [
            ids[("002_munn.txt", "40%")],
            ids[("003_guardian.txt", "43")],
            ids[("004_crin.txt", "one in four")],
        ]
        text = screen_text(pilot.app)
        assert "3 in dispute, 0 settled" in text
        assert "Only 40% of councils were judged good" in text
        assert "ann" in text and "✗ conflicting (cluster)" in text and "15 points apart" in text
        assert "✓ consistent (cluster)" in text and "different years [/foo]" in text
        assert HOSTILE[:13] in text  # the reviewer's name, as written (cropped to its column)
        assert "In dispute: no final verdict yet" in text
        assert ids[("002_munn.txt", "20")] not in [d.claim_id for d in screen.disputes]  # they agree on it


@synchronously
async def test_x_records_a_final_verdict_with_a_required_reason_and_z_undoes_it(disputed):
    path, ids = disputed
    forty = ids[("002_munn.txt", "40%")]
    async with ReviewApp(path, "cara", adjudicator=True).run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("x")
        assert isinstance(pilot.app.screen, FinalVerdictScreen)
        assert "Final verdict ✗ conflicting on “40%”" in screen_text(pilot.app)
        await pilot.press("enter")  # no reason: refused, nothing stored
        assert isinstance(pilot.app.screen, FinalVerdictScreen)
        assert "Not recorded: a final verdict needs a reason" in screen_text(pilot.app)
        assert rows(path, "SELECT count(*) FROM final_verdicts") == [(0,)]
        await retype(pilot, "#final-reason", "the report says 40%")
        await pilot.press("enter")
        screen = await loaded(pilot)
        assert isinstance(screen, AdjudicationScreen)
        assert rows(path, "SELECT claim_id, verdict, reason, adjudicator FROM final_verdicts") == [
            (forty, "conflicting", "the report says 40%", "cara")
        ]
        assert rows(
            path, "SELECT action, claim_id, to_verdict, to_note, to_scope FROM review_log WHERE reviewer = 'cara'"
        ) == [("adjudicate", forty, "conflicting", "the report says 40%", "final")]
        text = screen_text(pilot.app)
        assert "Final verdict ✗ conflicting on 40%" in text  # the status line
        assert "2 in dispute, 1 settled" in text
        # the next claim still in dispute is selected; the settled one went to the end of the list
        assert screen.current_id == ids[("003_guardian.txt", "43")]
        assert screen.disputes[-1].claim_id == forty and screen.disputes[-1].final.reason == "the report says 40%"
        await pilot.press("z")
        screen = await loaded(pilot)
        assert rows(path, "SELECT count(*) FROM final_verdicts") == [(0,)]
        assert "Undone final verdict: conflicting → none" in screen_text(pilot.app)
        assert screen.current_id == forty
        await pilot.press("y")
        await loaded(pilot)
        assert rows(path, "SELECT verdict FROM final_verdicts") == [("conflicting",)]
        assert [a for (a,) in rows(path, "SELECT action FROM review_log WHERE reviewer = 'cara'")] == [
            "adjudicate",
            "undo",
            "redo",
        ]
    checkup = examine(path)
    assert checkup.healthy, checkup.problems


@synchronously
async def test_capital_c_settles_the_clusters_disputes_in_one_batch(disputed):
    path, ids = disputed
    async with ReviewApp(path, "cara", adjudicator=True).run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("C")
        assert "the 2 disputed claims of cluster k3" in screen_text(pilot.app)
        await retype(pilot, "#final-reason", "same year, rounding")
        await pilot.press("enter")
        screen = await loaded(pilot)
        assert sorted(rows(path, "SELECT claim_id, verdict FROM final_verdicts")) == sorted(
            [(ids[("002_munn.txt", "40%")], "consistent"), (ids[("004_crin.txt", "one in four")], "consistent")]
        )
        assert rows(path, "SELECT count(DISTINCT batch), min(cluster_id) FROM review_log WHERE reviewer = 'cara'") == [
            (1, "k3")
        ]
        assert "Final verdict ✓ consistent for 2 claims of cluster k3" in screen_text(pilot.app)
        await pilot.press("v")  # only those in dispute
        screen = await loaded(pilot)
        assert [d.claim_id for d in screen.disputes] == [ids[("003_guardian.txt", "43")]]
        await pilot.press("space")
        assert "every disagreement has a final verdict" not in screen_text(pilot.app)


@synchronously
async def test_escape_cancels_and_a_claim_in_no_cluster_refuses_a_cluster_verdict(disputed):
    path, ids = disputed
    async with ReviewApp(path, "cara", adjudicator=True).run_test(size=(140, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("down")
        assert screen.current_id == ids[("003_guardian.txt", "43")]
        await pilot.press("X")
        assert isinstance(pilot.app.screen, AdjudicationScreen)
        assert "This claim is in no cluster" in screen_text(pilot.app)
        await pilot.press("u")
        await retype(pilot, "#final-reason", "changed my mind")
        await pilot.press("escape")
        await loaded(pilot)
        assert isinstance(pilot.app.screen, AdjudicationScreen)
        assert rows(path, "SELECT count(*) FROM final_verdicts") == [(0,)]
        assert rows(path, "SELECT count(*) FROM review_log WHERE reviewer = 'cara'") == [(0,)]


@synchronously
async def test_help_and_the_palette_list_the_adjudication_keys(disputed):
    path, _ = disputed
    async with ReviewApp(path, "cara", adjudicator=True).run_test(size=(140, 50)) as pilot:
        await loaded(pilot)
        text, titles = await help_and_palette(pilot)
        for line in (
            "Final verdict: conflicting",
            "Cluster final: consistent",
            "Next claim still in dispute",
            "Undo",
            "Quit",
        ):
            assert line in text
        assert "Edit claim" not in text  # the review screen's own keys are not offered here
        assert "Final verdict: unverified" in titles and "Settled claims: show / hide" in titles
        assert "Edit claim (correct reading)" not in titles


@synchronously
async def test_no_disagreements_says_so(tmp_path):
    path = str(tmp_path / "claims.db")
    build_small(path)
    async with ReviewApp(path, "cara", adjudicator=True).run_test(size=(120, 30)) as pilot:
        await loaded(pilot)
        assert "No disagreements:" in screen_text(pilot.app)
        await pilot.press("x")
        assert isinstance(pilot.app.screen, AdjudicationScreen)


def test_the_adjudication_view_as_a_reviewer_sees_it(disputed, snap_compare):
    path, _ = disputed
    assert snap_compare(ReviewApp(path, "cara", adjudicator=True), terminal_size=(120, 32), run_before=loaded)


def test_the_adjudication_dialog_as_a_reviewer_sees_it(disputed, snap_compare):
    path, _ = disputed

    async def reason_typed(pilot):
        await loaded(pilot)
        await pilot.press("x")
        await retype(pilot, "#final-reason", "the report says 40%")
        await pilot.pause()

    assert snap_compare(ReviewApp(path, "cara", adjudicator=True), terminal_size=(120, 32), run_before=reason_typed)


@synchronously
async def test_a_final_verdict_waiting_for_the_lock_says_saving_and_is_recorded_once_it_is_free(disputed):

    path, ids = disputed
    forty = ids[("002_munn.txt", "40%")]
    async with ReviewApp(path, "cara", adjudicator=True).run_test(size=(140, 40)) as pilot:
        screen = await loaded(pilot)
        wait_out_any_lock(screen.store)
        await pilot.press("x")
        await retype(pilot, "#final-reason", "the report says 40%")
        with LockHolder(path) as holder:
            await pilot.press("enter")
            while screen.store.writer().busy_waits < 1:  # the write is waiting for the lock
                await pilot.pause(0.02)
            text = screen_text(pilot.app)
            assert "Saving…" in text and "Final verdict ✗" not in text
            assert rows(path, "SELECT count(*) FROM final_verdicts") == [(0,)]
            await pilot.press("question_mark")  # the screen answers meanwhile
            await pilot.pause()
            assert pilot.app.screen is not screen
            await pilot.press("escape")
            holder.release.set()
            await loaded(pilot)
        assert "Final verdict ✗ conflicting on 40%" in screen_text(pilot.app)
        assert rows(path, "SELECT claim_id, verdict FROM final_verdicts") == [(forty, "conflicting")]
