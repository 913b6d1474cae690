"""The review UI driven from the keyboard: every key path, checked in the database and on screen."""

from __future__ import annotations

import sqlite3

from review_corpus import first_row, rows, synchronously
from review_pilot import press_and_wait, ready, reviewing, run_from_palette, screen_text

from workbench.store.review.store import ReviewStore

from workbench.store.review.views import ViewSpec
from workbench.tui.app import ReviewApp
from workbench.tui.keys import REVIEW_BINDINGS
from workbench.tui.screens import FilterScreen, HelpScreen, ReviewScreen
from workbench.tui.widgets import ClaimList, ClusterPanel, PassagePanel


def decision(path, claim_id, reviewer="ann"):
    row = first_row(
        path, "SELECT verdict, note, scope FROM decisions WHERE claim_id = ? AND reviewer = ?", [claim_id, reviewer]
    )
    return tuple(row) if row else (None, None, None)


def log_actions(path):
    return rows(path, "SELECT action, claim_id, from_verdict, to_verdict FROM review_log ORDER BY id")


def selected(review: ReviewScreen) -> str:
    return review.detail.claim.surface


@synchronously
async def test_first_screen_shows_list_passage_cluster_and_progress(corpus):
    path, ids = corpus
    async with reviewing(path) as (pilot, review):
        text = screen_text(pilot.app)
        assert "Reviewed 0/14" in text and "claim 1 of 14" in text
        # conflicting cluster first; its first claim selected
        assert selected(review) == "40%"
        # the group is headed by what the cluster measures, its id last
        assert "▸ share of councils judged good · different" in text
        assert "Only 40% of councils were judged good" in text  # the source passage
        assert "First Social Care Report heralds more support" in text  # its title
        assert "2013-11-04" in text
        assert "Suggested: ✗ conflicting" in text and "one in four" in text
        assert "+15 pts" not in text and "−15 pts" in text  # one in four is 15 points below 40%
        assert "25%" in text and "◆" in text and "●" in text  # the number line
        assert review.query_one(ClaimList).has_focus


@synchronously
async def test_decide_is_saved_then_shown_and_moves_on(corpus):
    path, ids = corpus
    async with reviewing(path) as (pilot, review):
        await pilot.press("c")
        assert decision(path, ids[("002_munn.txt", "40%")]) == ("consistent", None, "claim")
        assert selected(review) == "one in four"
        text = screen_text(pilot.app)
        assert "Saved ✓ consistent  40%" in text
        assert "Reviewed 1/14" in text and "✓ 1" in text
        await pilot.press("x")
        assert decision(path, ids[("004_crin.txt", "one in four")])[0] == "conflicting"
        await pilot.press("k", "u")
        assert decision(path, ids[("004_crin.txt", "one in four")])[0] == "unverified"
        assert log_actions(path)[-1] == ("decide", ids[("004_crin.txt", "one in four")], "conflicting", "unverified")
        assert "✗ 0" in screen_text(pilot.app) and "? 1" in screen_text(pilot.app)


@synchronously
async def test_undo_and_redo_keys_go_through_the_log(corpus):
    path, ids = corpus
    forty, four = ids[("002_munn.txt", "40%")], ids[("004_crin.txt", "one in four")]
    async with reviewing(path) as (pilot, review):
        await pilot.press("c", "x")
        await pilot.press("z")
        assert decision(path, four)[0] is None
        assert selected(review) == "one in four"  # undo returns to the claim it changed
        assert "Undone verdict: conflicting → unreviewed" in screen_text(pilot.app)
        await pilot.press("ctrl+z")
        assert decision(path, forty)[0] is None
        assert selected(review) == "40%"
        assert "Reviewed 0/14" in screen_text(pilot.app)
        await pilot.press("y")
        assert decision(path, forty)[0] == "consistent"
        await pilot.press("ctrl+y")
        assert decision(path, four)[0] == "conflicting"
        await pilot.press("y")
        assert "Nothing to redo." in screen_text(pilot.app)
        assert [a for a, *_ in log_actions(path)] == ["decide", "decide", "undo", "undo", "redo", "redo"]


@synchronously
async def test_cluster_decision_and_override_of_one_member(corpus):
    path, ids = corpus
    async with reviewing(path) as (pilot, review):
        await pilot.press("j", "j")  # over the k1 heading to its first claim
        assert selected(review) == "13%"
        await pilot.press("C")
        members = [
            ids[("002_munn.txt", "13%")],
            ids[("004_crin.txt", "one in seven")],
            ids[("004_crin.txt", "One in seven")],
        ]
        assert [decision(path, m) for m in members] == [("consistent", None, "cluster")] * 3
        assert selected(review) == "20"  # on to the next cluster
        assert "for all 3 claims of cluster k1" in screen_text(pilot.app)
        await pilot.press("k", "x")  # the last member of k1, alone
        assert decision(path, members[2]) == ("conflicting", None, "claim")
        assert decision(path, members[0]) == ("consistent", None, "cluster")
        await pilot.press("z", "z")
        assert [decision(path, m)[0] for m in members] == [None, None, None]
        # a claim in no cluster cannot be decided as one
        await pilot.press("end", "X")
        assert decision(path, ids[("004_crin.txt", "seven#2")])[0] is None
        assert "in no cluster" in screen_text(pilot.app)


@synchronously
async def test_note_is_written_shown_and_undone(corpus):
    path, ids = corpus
    async with reviewing(path) as (pilot, review):
        await pilot.press("n")
        await pilot.press(*"see p. 12")
        await pilot.press("enter")
        forty = ids[("002_munn.txt", "40%")]
        assert decision(path, forty) == (None, "see p. 12", None)
        assert "note see p. 12" in screen_text(pilot.app)
        await pilot.press("c")  # the verdict keeps the note
        assert decision(path, forty) == ("consistent", "see p. 12", "claim")
        await pilot.press("k")
        assert "✎ 40%" in screen_text(pilot.app)
        await pilot.press("n", "escape")  # cancel changes nothing
        assert decision(path, forty)[1] == "see p. 12"
        await pilot.press("z", "z")
        assert decision(path, forty) == (None, None, None)
        assert review.detail.note is None


@synchronously
async def test_next_claim_previous_and_paging_keys(corpus):
    path, _ = corpus
    async with reviewing(path) as (pilot, review):
        await pilot.press("down")
        assert selected(review) == "one in four"
        await pilot.press("down")
        assert selected(review) == "13%"  # the heading is skipped
        await pilot.press("up", "up")
        assert selected(review) == "40%"
        await pilot.press("up")
        assert "first claim" in screen_text(pilot.app)
        await pilot.press("end")
        assert selected(review) == "seven"
        await pilot.press("home")
        assert selected(review) == "40%"
        await pilot.press("pagedown")
        assert selected(review) == "seven"
        await pilot.press("pageup")
        assert selected(review) == "40%"
        await pilot.press("ctrl+d")  # the cluster panel scrolls; the claim stays
        await pilot.press("ctrl+u")
        assert selected(review) == "40%"


@synchronously
async def test_next_unreviewed_and_next_conflicting(corpus):
    path, ids = corpus
    async with reviewing(path) as (pilot, review):
        await pilot.press("c", "c", "home", "space")
        assert selected(review) == "13%"
        await pilot.press("]")  # k3 members were decided consistent: nothing suggested-conflicting is left
        assert "No conflicting claim" in screen_text(pilot.app)
        await pilot.press("end", "x", "home", "]")
        assert selected(review) == "seven"
        await pilot.press("[")
        assert selected(review) == "seven"  # the only one, found again round the end


@synchronously
async def test_filters_from_the_filter_dialog_and_escape_clears_them(corpus):
    path, _ = corpus
    async with reviewing(path) as (pilot, review):
        await pilot.press("f")
        assert isinstance(pilot.app.screen, FilterScreen)
        await pilot.press("tab", "tab")  # verdicts -> relations -> kinds
        await pilot.press("space")  # the first kind: count
        await press_and_wait(pilot, "enter")
        assert review.spec.kinds == ("count",)
        assert review.order.claim_count == 5
        text = screen_text(pilot.app)
        assert "kind count" in text and "of 5" in text
        await pilot.press("v")  # verdict filter cycles: unreviewed
        await ready(pilot)
        assert review.spec.verdicts == ("unreviewed",)
        await press_and_wait(pilot, "escape")
        assert review.spec == ViewSpec() and review.order.claim_count == 14


@synchronously
async def test_search_in_claims_text(corpus):
    path, _ = corpus
    async with reviewing(path) as (pilot, review):
        await pilot.press("slash")
        await press_and_wait(pilot, *"birmingham", "enter")
        assert review.order.claim_count == 1 and selected(review) == "seven"
        assert 'search "birmingham"' in screen_text(pilot.app)
        await pilot.press("slash", "ctrl+a", "ctrl+k", "enter")  # an empty search clears it
        await ready(pilot)
        assert review.order.claim_count == 14
        assert selected(review) == "seven"  # the claim stays selected


@synchronously
async def test_grouping_switches_between_cluster_and_document(corpus):
    path, _ = corpus
    async with reviewing(path) as (pilot, review):
        await press_and_wait(pilot, "g")
        assert {g.kind for g in review.order.groups} == {"document"}
        assert selected(review) == "40%"
        assert "▸ 002_munn · 3 claims · First Social Care Report" in screen_text(pilot.app)
        await press_and_wait(pilot, "g")
        assert review.order.groups[0].key == "k3"


@synchronously
async def test_resume_returns_to_the_claim_grouping_and_filters(corpus):
    path, _ = corpus
    async with reviewing(path) as (pilot, review):
        await press_and_wait(pilot, "g")
        await press_and_wait(pilot, "v")
        await pilot.press("j", "j", "j")
        where = selected(review), review.spec
        await pilot.press("q")
    async with reviewing(path) as (pilot, review):
        assert (selected(review), review.spec) == where
        assert where[1] == ViewSpec(grouping="document", verdicts=("unreviewed",))
    # another reviewer starts afresh
    async with reviewing(path, "bob") as (pilot, review):
        assert review.spec == ViewSpec() and selected(review) == "40%"


@synchronously
async def test_resume_after_a_decision_without_quitting(corpus):
    path, _ = corpus
    async with reviewing(path) as (pilot, review):
        await pilot.press("j", "j", "c")
        after = selected(review)
        pilot.app.exit()  # no q: the decision itself saved the session
    async with reviewing(path) as (pilot, review):
        assert selected(review) == after


@synchronously
async def test_jump_to_cluster(corpus):
    path, _ = corpus
    async with reviewing(path) as (pilot, review):
        await pilot.press("J")
        await pilot.press(*"authorities rated", "enter")
        assert review.detail.cluster_id == "k2"
        # a cluster outside the current filter clears the filter to show it
        await press_and_wait(pilot, "v")
        await pilot.press("c")  # nothing to hide yet; decide k2's first claim
        await pilot.press("v", "v", "v", "v")  # back round to no filter, then the conflicting filter
        await ready(pilot)
        await press_and_wait(pilot, "v")
        review.jump_to_cluster("k1")
        await ready(pilot)
        assert review.detail.cluster_id == "k1"


@synchronously
async def test_possible_match_accept_reject_and_undo(corpus):
    path, ids = corpus
    half = ids[("003_guardian.txt", "half")]
    async with reviewing(path) as (pilot, review):
        await pilot.press("end", "up")
        assert selected(review) == "half"
        text = screen_text(pilot.app)
        assert "Possible matches" in text and "suggested" in text
        await pilot.press("a")
        store = ReviewStore(path, "ann")
        assert store.links(half, ("possible",))[0].status == "accepted"
        assert store.detail(half).cluster_id == "k3"
        assert "accepted" in screen_text(pilot.app)
        await pilot.press("z")
        assert store.links(half, ("possible",))[0].status == "suggested"
        await pilot.press("r")
        assert store.links(half, ("possible",))[0].status == "rejected"
        await pilot.press("m")  # only one suggestion: stays on it
        assert review.suggestion == 0


@synchronously
async def test_help_screen_lists_every_key(corpus):
    path, _ = corpus
    async with reviewing(path, size=(120, 50)) as (pilot, _):
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        help_text = "\n".join(str(column.render()) for column in pilot.app.screen.query(".help-column"))
        for binding in REVIEW_BINDINGS:
            assert binding.description in help_text
        assert "ctrl+p" in help_text
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ReviewScreen)


@synchronously
async def test_command_palette_offers_and_runs_every_action(corpus):
    path, ids = corpus
    async with reviewing(path) as (pilot, review):
        titles = {c.title for c in pilot.app.get_system_commands(review)}
        assert {b.description for b in REVIEW_BINDINGS} <= titles
        await run_from_palette(pilot, "Conflicting")
        assert decision(path, ids[("002_munn.txt", "40%")])[0] == "conflicting"
        await run_from_palette(pilot, "only document 003")
        assert review.order.claim_count == 6


@synchronously
async def test_review_log_screen(corpus):
    path, _ = corpus
    async with reviewing(path) as (pilot, _):
        await pilot.press("c", "z", "L")
        text = screen_text(pilot.app)
        assert "undo" in text and "consistent → unreviewed" in text
        await pilot.press("escape")


@synchronously
async def test_a_small_terminal_stacks_the_panels(corpus):
    path, _ = corpus
    async with reviewing(path, size=(80, 24)) as (pilot, review):
        assert review.has_class("-narrow")
        for widget in (review.query_one(ClaimList), review.query_one("#passage"), review.query_one("#cluster")):
            assert widget.region.height >= 3 and widget.region.width == 80
        text = screen_text(pilot.app)
        assert " 0/14 0%" in text and "c Consistent" in text and "? Help" in text
        await pilot.press("c")
        assert "Saved" in screen_text(pilot.app)
    async with reviewing(path, size=(160, 50)) as (pilot, review):
        assert review.has_class("-very-wide")
        assert review.query_one(ClaimList).region.width == 64
        assert "Qualifier" in screen_text(pilot.app)  # room for the full member table


@synchronously
async def test_the_list_reads_only_what_it_shows(tmp_path):
    """5,000 claims: the list asks for a screenful of rows, not the table."""
    from review_corpus import add_document, create_schema

    path = str(tmp_path / "big.db")
    db = create_schema(path)
    text = " ".join(f"Figure {i} is {i}." for i in range(5000))
    doc = add_document(db, "big.txt", text)
    db["claims"].insert_all(
        {
            "id": f"c{i:05}",
            "doc_id": doc,
            "seq": i,
            "start": text.index(f"is {i}.") + 3,
            "end": text.index(f"is {i}.") + 3 + len(str(i)),
            "surface": str(i),
            "kind": "count",
            "value": i,
            "qualifier": "exact",
        }
        for i in range(5000)
    )
    db.close()
    app = ReviewApp(path, "ann")
    async with app.run_test(size=(120, 40)) as pilot:
        review = await ready(pilot)
        fetched = []
        claims = review.query_one(ClaimList)
        original = claims.fetch_rows
        claims.fetch_rows = lambda rowids: fetched.append(len(rowids)) or original(rowids)
        claims._rows.clear()
        claims.refresh()
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        assert fetched and max(fetched) < 200
        assert len(claims._rows) < 400
        assert selected(review) == "4999"
        assert "Reviewed 0/5,000" in screen_text(pilot.app)


@synchronously
async def test_clicking_a_row_selects_it(corpus):
    path, _ = corpus
    async with reviewing(path) as (pilot, review):
        await pilot.click(ClaimList, offset=(10, 5))  # border, heading k3, 40%, one in four, heading k1, 13%
        await pilot.pause()
        assert selected(review) == "13%"


def test_passage_and_cluster_widgets_show_nothing_without_a_claim():
    assert "No claim selected" in PassagePanel().render().plain
    assert ClusterPanel().content_for(60).plain == ""


@synchronously
async def test_an_empty_database_opens_and_says_so(tmp_path):
    path = str(tmp_path / "new.db")  # not even created yet: the schema is applied on opening
    async with reviewing(path, size=(80, 24)) as (pilot, review):
        assert "No claims in this database yet" in screen_text(pilot.app)
        await pilot.press("c", "j", "space", "z", "n", "J")  # nothing to act on, nothing breaks
        await pilot.press("escape")
        assert review.detail is None and pilot.app.is_running


@synchronously
async def test_filters_that_match_nothing_say_how_to_clear_them(corpus):
    path, _ = corpus
    async with reviewing(path) as (pilot, review):
        await press_and_wait(pilot, "slash", *"zzzz", "enter")
        assert "escape clears them" in screen_text(pilot.app)
        await press_and_wait(pilot, "escape")
        assert review.order.claim_count == 14


@synchronously
async def test_deciding_a_claim_a_reingest_just_removed_says_it_is_gone(corpus):
    from workbench.store import orphans

    path, ids = corpus
    async with reviewing(path) as (pilot, review):
        assert selected(review) == "40%"
        gone = ids[("002_munn.txt", "40%")]
        conn = sqlite3.connect(path)  # another shell re-ingests an edited 002_munn.txt meanwhile
        with conn:
            orphans.keep_removed_claims(conn, [gone], "2024-01-01T00:00:00")
            conn.execute("DELETE FROM cluster_members WHERE claim_id = ?", [gone])
            conn.execute("DELETE FROM claims WHERE id = ?", [gone])
        conn.close()
        await pilot.press("c")
        text = screen_text(pilot.app)
        assert "Claim gone:" in text and "Saved ✓" not in text
    assert decision(path, gone) == ("consistent", None, "claim")  # kept, as an orphan
    conn = sqlite3.connect(path)
    [orphan] = orphans.orphaned_decisions(conn)
    conn.close()
    assert (orphan.claim_id, orphan.surface, orphan.verdict) == (gone, "40%", "consistent")
