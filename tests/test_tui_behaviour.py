"""The review UI keeps the reviewer oriented: the list regroups when clusters change, scrolls to
the selected claim, dialogs fit small terminals and say what they act on, and status messages
are never stale. Each test drives the real app headless."""

from __future__ import annotations

import pytest
from review_corpus import build_small, first_row, synchronously
from review_pilot import jump_to_claim, press_and_wait, ready, reviewing, screen_text

from workbench.tui.widgets import ClaimList


def calls_to(obj, name: str) -> list[tuple]:
    """Record the arguments of every call to obj.name from now on, still calling the real method."""
    calls, real = [], getattr(obj, name)
    setattr(obj, name, lambda *a, **k: calls.append(a) or real(*a, **k))
    return calls


def heading_of(claims: ClaimList, claim_id: str) -> str:
    """The group heading above a claim in the claims list's order."""
    order = claims.order
    position = next(p for p, e in enumerate(order.entries) if e >= 0 and claims.row_at(p).id == claim_id)
    while order.entries[position] >= 0:
        position -= 1
    return claims._heading_line(order.groups[-order.entries[position] - 1], 200, claims.rich_style).text


@synchronously
async def test_accepting_a_match_regroups_the_list_at_once(corpus):
    path, ids = corpus
    half = ids[("003_guardian.txt", "half")]
    async with reviewing(path) as (pilot, review):
        await jump_to_claim(pilot, review, half)
        assert "not matched" in heading_of(review.claims, half)
        await press_and_wait(pilot, "a")
        assert review.current_claim_id == half
        heading = heading_of(review.claims, half)
        assert "not matched" not in heading and "k3" in heading, heading
        await pilot.press("z")  # undo: back out of the cluster, at once too
        await ready(pilot)
        assert "not matched" in heading_of(review.claims, half)


def visible_claim_ids(claims: ClaimList) -> list[str]:
    top = int(claims.scroll_y)
    rows = [claims.row_at(p) for p in range(top, min(len(claims.order), top + claims.scrollable_content_region.height))]
    return [row.id for row in rows if row is not None]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
@synchronously
async def test_resume_shows_the_selected_claim_in_the_list(tmp_path, size):
    from workbench.store.review.sessions import session_state
    from workbench.store.review.store import ReviewStore
    from workbench.store.review.views import ViewSpec

    path = str(tmp_path / "claims.db")
    build_small(path)
    async with reviewing(path, size=size) as (pilot, review):
        last = review.claims.claim_position(len(review.order) - 1, -1)
        last_id = review.claims.row_at(last).id
    store = ReviewStore(path, "ann")
    store.save_session(session_state(last_id, ViewSpec()))
    store.close()
    async with reviewing(path, size=size) as (pilot, review):
        assert review.current_claim_id == last_id
        assert last_id in visible_claim_ids(review.claims), (review.claims.scroll_y, visible_claim_ids(review.claims))
        await pilot.resize_terminal(size[0], size[1] - 6)
        await ready(pilot)
        assert last_id in visible_claim_ids(review.claims)
        await pilot.resize_terminal(size[0] + 40, 16)
        await ready(pilot)
        assert last_id in visible_claim_ids(review.claims)


@synchronously
async def test_help_fits_a_small_terminal_and_scrolls(corpus):
    from textual.containers import VerticalScroll

    path, _ = corpus
    async with reviewing(path, size=(80, 24)) as (pilot, _):
        await press_and_wait(pilot, "question_mark")
        text = screen_text(pilot.app)
        assert "escape or ? closes" in text, text  # the dialog's foot is on screen
        scroll = pilot.app.screen.query_one("#help-scroll", VerticalScroll)
        assert scroll.max_scroll_y > 0
        assert "Quit at once" not in text
        await press_and_wait(pilot, "end")
        assert "Quit at once" in screen_text(pilot.app)  # the last key is reachable
        await press_and_wait(pilot, "escape")
        assert "escape or ? closes" not in screen_text(pilot.app)


@pytest.mark.parametrize("width", [80, 100, 120, 160])
@synchronously
async def test_the_footer_shows_whole_keys_and_nothing_stray(corpus, width):
    from textual.widgets._footer import FooterKey

    path, _ = corpus
    async with reviewing(path, size=(width, 30)) as (pilot, _):
        await pilot.pause()
        footer = screen_text(pilot.app).splitlines()[-1]
        assert footer.rstrip().endswith("^p palette"), footer
        shown = [k for k in pilot.app.screen.query(FooterKey) if k.display and not k.has_class("-command-palette")]
        assert shown, footer
        for key in shown:
            assert f"{key.key_display} {key.description}" in footer, (key.description, footer)
        body = footer.rsplit("▏", 1)[0]
        words = {f"{k.key_display} {k.description}" for k in shown}
        rest = body
        for word in words:
            rest = rest.replace(word, "")
        assert not rest.strip(), (rest, footer)  # no cut key, no stray letters


def note_of(path, claim_id, reviewer="ann"):
    row = first_row(path, "SELECT note FROM decisions WHERE claim_id = ? AND reviewer = ?", [claim_id, reviewer])
    return row[0] if row else None


@synchronously
async def test_a_note_right_after_a_verdict_goes_to_the_claim_just_decided(corpus):
    from workbench.tui.screens import NoteScreen

    path, ids = corpus
    async with reviewing(path) as (pilot, review):
        decided = review.current_claim_id
        await press_and_wait(pilot, "x")
        following = review.current_claim_id
        assert following != decided
        await press_and_wait(pilot, "n")
        dialog = pilot.app.screen
        assert isinstance(dialog, NoteScreen)
        title = screen_text(pilot.app)
        assert "just marked conflicting" in title and "Why this verdict?" in title
        await press_and_wait(pilot, *"beyond rounding", "enter")
        assert note_of(path, decided) == "beyond rounding" and note_of(path, following) is None
        # after a move, n notes the claim the cursor is on, and the dialog names it
        await press_and_wait(pilot, "down")
        here = review.current_claim_id
        await press_and_wait(pilot, "n")
        assert "just marked" not in screen_text(pilot.app)
        await press_and_wait(pilot, *"ask", "enter")
        assert note_of(path, here) == "ask"


LONG = (
    "Councils report. "
    + " ".join(f"Sentence {i} says nothing in particular about the budget." for i in range(60))
    + " The share was 40% of councils. "
    + " ".join(f"Sentence {i} also says nothing in particular about the budget." for i in range(60, 120))
)
LONG_DOCS = [("long.txt", LONG, "A long report", "2014-01-01", None)]
LONG_CLAIMS = [("long.txt", "40%", 0, "proportion", 0.4, "exact", {})]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
@synchronously
async def test_notes_and_other_reviewers_are_seen_without_scrolling(tmp_path, size):
    from workbench.store.review.store import ReviewStore

    path = str(tmp_path / "long.db")
    ids = build_small(path, LONG_DOCS, LONG_CLAIMS, [], [])
    claim = ids[("long.txt", "40%")]
    eve = ReviewStore(path, "eve")
    eve.decide([claim], "conflicting")
    eve.set_note(claim, "eve checked table 2")
    eve.close()
    ann = ReviewStore(path, "ann")
    ann.set_note(claim, "ann wants the source")
    ann.close()
    async with reviewing(path, size=size) as (pilot, _):
        await pilot.pause()
        text = screen_text(pilot.app)
        assert "The share was 40%" in text  # the passage is scrolled to the claim
        assert "ann wants the source" in text and "eve checked table 2" in text, text


@synchronously
async def test_a_status_message_goes_when_it_stops_being_true(corpus):
    path, ids = corpus
    async with reviewing(path) as (pilot, review):
        await pilot.press("v")  # a verdict filter
        await ready(pilot)
        await press_and_wait(pilot, "escape")
        assert "Filters and search cleared." in screen_text(pilot.app)
        review.apply_filter(kinds=("count",))  # a new filter, from the palette
        await ready(pilot)
        assert "Filters and search cleared." not in screen_text(pilot.app)
        review.apply_filter(kinds=())
        await ready(pilot)
        await jump_to_claim(pilot, review, ids[("002_munn.txt", "13%")])
        await press_and_wait(pilot, "m")
        assert "No possible matches for this claim." in screen_text(pilot.app)
        await press_and_wait(pilot, "down")
        assert "No possible matches for this claim." not in screen_text(pilot.app)


@synchronously
async def test_the_filter_dialog_shows_which_boxes_are_on_and_that_none_means_all(corpus):
    from workbench.tui.screens import FilterScreen

    path, _ = corpus
    async with reviewing(path, size=(140, 40)) as (pilot, review):
        review.apply_filter(kinds=("count",))
        await ready(pilot)
        await press_and_wait(pilot, "f")
        assert isinstance(pilot.app.screen, FilterScreen)
        lines = screen_text(pilot.app).splitlines()
        count = next(line for line in lines if "count" in line and "▐" in line)
        assert "▐✓▌ count" in count, count
        assert "▐ ▌ proportion" in next(line for line in lines if "proportion" in line and "▐" in line)
        assert "▐X▌" not in "\n".join(lines)
        text = "\n".join(lines)
        assert "nothing ticked shows all" in text
        assert "Verdict" in text and "all" in text and "1 of" in text  # the Kind list: 1 of its kinds


@synchronously
async def test_the_jump_dialog_queries_once_per_opening_not_per_keystroke(corpus):
    from workbench.tui.screens import JumpScreen

    path, ids = corpus
    async with reviewing(path) as (pilot, review):
        calls = calls_to(review.store, "cluster_choices")
        await press_and_wait(pilot, "J")
        assert isinstance(pilot.app.screen, JumpScreen)
        await pilot.press(*"GOOD")  # the subject "share of councils judged good", in any case
        await ready(pilot)
        assert len(calls) == 1
        from textual.widgets import OptionList

        options = pilot.app.screen.query_one(OptionList)
        assert [options.get_option_at_index(i).id for i in range(options.option_count)] == ["k3"]
        await press_and_wait(pilot, "enter")
        assert review.detail.cluster_id == "k3"


@synchronously
async def test_the_command_palette_reads_the_database_once_per_opening(corpus):
    path, _ = corpus
    async with reviewing(path) as (pilot, review):
        calls = calls_to(review.store, "cluster_choices")
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        await pilot.press(*"show only kind")
        await pilot.pause(0.5)
        assert len(calls) == 1, len(calls)
        assert "Show only kind count" in screen_text(pilot.app)
        await pilot.press("escape")
        await pilot.pause(0.2)


@synchronously
async def test_once_started_the_review_keeps_what_lives_on_out_of_the_collectors_full_runs(corpus):
    """A full collection that scanned the app's modules, widgets and styles again took 30-60 ms,
    the slowest moves of all on a large database: they are frozen after the first screen, and
    handed back when the review closes."""
    import gc

    path, _ = corpus
    async with reviewing(path) as (pilot, review):
        await pilot.pause()
        assert gc.get_freeze_count() > 10_000
        await press_and_wait(pilot, "j")
    assert gc.get_freeze_count() == 0
