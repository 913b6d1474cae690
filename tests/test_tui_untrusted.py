"""Untrusted text is shown as text: markup, ANSI escapes and control characters from a document
display literally in every view, never crash the app and never run an action."""

from __future__ import annotations

import pytest
from review_corpus import build_small, synchronously
from review_pilot import loaded, screen_text

from workbench.store.review.store import ReviewStore
from workbench.tui.app import ReviewApp
from workbench.tui.screens import (
    FilterScreen,
    HelpScreen,
    JumpScreen,
    LogScreen,
    NoteScreen,
    ReviewScreen,
    SearchScreen,
)
from workbench.tui.screens.add_claim import AddClaimScreen
from workbench.tui.screens.split import SplitScreen

NASTY = "[bold]x[/foo] [b [@click=app.quit]q[/] \x1b[31mred\x1b[0m \x1b]0;pwned\x07 \x00\x08\x9b\u202eevil"
NASTY_TEXT = f"""[@click=app.quit]Headline {NASTY}

Councils [bold]reported [b 40%[/foo] of cases \x1b[2J and \x1b[31m 25%\x1b[0m more. {NASTY}

Tail [@click=app.bell] 7 [link=https://example.com]x[/link]"""

DOCS = [
    ("002_munn.txt", None, "First Social Care Report heralds more support", "2013-11-04", "Meg Munn"),
    ("[bold]evil[/foo].txt", NASTY_TEXT, f"[@click=app.quit]{NASTY}", "[b", f"[/foo]{NASTY}"),
]
CLAIMS = [
    ("002_munn.txt", "40%", 0, "proportion", 0.40, "exact", {}),
    (
        "[bold]evil[/foo].txt",
        "40%[/foo]",
        0,
        "proportion",
        0.40,
        "exact",
        {"subject": NASTY, "speaker": "[@click=app.quit]", "period": "[b"},
    ),
    ("[bold]evil[/foo].txt", "25%", 0, "[red]kind", 0.25, "exact", {"value_text": NASTY}),
    ("[bold]evil[/foo].txt", "7", 0, "count", 7, "exact", {}),
]
CLUSTERS = [
    (
        "k[/x]",
        "differ",
        "conflicting",
        f"[@click=app.quit]{NASTY}",
        f"[bold]{NASTY}",
        "proportion",
        [("002_munn.txt", "40%"), ("[bold]evil[/foo].txt", "40%[/foo]")],
    )
]
LINKS = [("[bold]evil[/foo].txt", "25%", "002_munn.txt", "40%", "possible", 0.5, "suggested", NASTY)]


@pytest.fixture
def nasty_db(tmp_path):
    from review_corpus import MUNN

    path = str(tmp_path / "claims.db")
    docs = [(name, text or MUNN, title, date, author) for name, text, title, date, author in DOCS]
    ids = build_small(path, docs=docs, claims=CLAIMS, clusters=CLUSTERS, links=LINKS)
    store = ReviewStore(path, "ann")
    store.set_note(ids[("[bold]evil[/foo].txt", "40%[/foo]")], f"note {NASTY}")
    store.close()
    return path


def assert_literal(app, *expected: str) -> str:
    """The screen holds the expected strings verbatim, and nothing that a terminal would obey."""
    assert app.is_running and app._exception is None
    text = screen_text(app)
    for piece in expected:
        assert piece in text, piece
    assert not any(ch in text for ch in "\x1b\x07\x00\x08\x9b\u202e")
    app.export_screenshot()  # renders every segment once more, as SVG
    return text


@pytest.mark.slow
@synchronously
async def test_untrusted_text_passes_through_every_view_literally(nasty_db):
    app = ReviewApp(nasty_db, "ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        review = app.review
        assert review.detail.claim.surface == "40%"
        text = assert_literal(app, "▸ [bold]", "[@click=app.quit]")  # the heading, literally
        assert "40%[/foo]" in text  # the other member, in the list and the cluster table

        await pilot.press("j")  # the hostile claim: passage, cluster, links, note
        assert review.detail.claim.surface == "40%[/foo]"
        text = assert_literal(
            app,
            "Councils [bold]reported [b 40%[/foo] of cases",
            "␛[2J",
            "␛[31m 25%␛[0m",
            "note [bold]x[/foo]",
            "[@click=app.quit]",
        )
        assert "\ufffd" in text  # the C1 control and the bidi override, made visible

        for widget in ("#passage", "#cluster", "#claims", "#topbar", "#status"):  # nothing there is a link
            await pilot.click(widget, offset=(2, 0))
            await pilot.click(widget, offset=(20, 1))
        assert app.is_running and isinstance(app.screen, ReviewScreen)
        await pilot.press("g")  # document headings carry file names and titles
        await loaded(pilot)
        assert_literal(app, "▸ [bold]evil[/foo] · 3 claims · [@click=app.quit]")

        await pilot.press("end", "up")  # the claim with a hostile kind and value text
        assert_literal(app, "[red]kind")
        await pilot.press("c")  # the status line repeats the claim's surface
        assert_literal(app, "Saved")
        await pilot.press("home", "j", "c")
        assert_literal(app, "Saved ✓ consistent  40%[/foo]")

        await pilot.press("k", "n")
        assert isinstance(app.screen, NoteScreen)
        assert_literal(app, "Note on 40%[/foo]", "note [bold]x[/foo]")
        await pilot.press("escape")

        await pilot.press("slash", *"[b", "enter")
        await loaded(pilot)
        assert_literal(app, 'search "[b"')
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        assert_literal(app, "[b")
        await pilot.press("escape", "escape")

        # each dialog: the keys that open it, and what it must show literally
        for keys, dialog, literals in (
            ("f", FilterScreen, ("[bold]evil[/foo] (3)", "[red]kind")),
            ("J", JumpScreen, ("k[/x]", "[bold][bold]x[/foo]")),
            ("S", SplitScreen, ("Split cluster k[/x]", "40%[/foo]", "[bold]evil[/foo]")),  # cluster surgery
            ("plus", AddClaimScreen, ("Councils [bold]reported [b 40%[/foo] of cases", "Selected: of")),
            ("t", JumpScreen, ("Move 40%[/foo] to cluster…",)),
        ):
            await pilot.press(keys)
            assert isinstance(app.screen, dialog), keys
            assert_literal(app, *literals)
            await pilot.press("escape")

        await pilot.press("d")
        await loaded(pilot)
        assert_literal(app, "from cluster k[/x]")
        await pilot.press("z")
        await loaded(pilot)

        await pilot.press("L")
        assert isinstance(app.screen, LogScreen)
        assert_literal(app, "note: note [bold]x[/foo]", "clusters k[/x] (2) → none")
        await pilot.press("escape")

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")

        await pilot.press("ctrl+p")
        await pilot.press(*"evil")
        await pilot.pause(0.5)
        assert_literal(app, "[bold]evil[/foo]")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)

    async with ReviewApp(nasty_db, "ann").run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert_literal(pilot.app, "[bold]")
        await pilot.press("home", "j")
        assert_literal(pilot.app, "40%[/foo]")


EVE = "[bold]eve[/foo]\x1b[31m\r\x08\x07\u202e[@click=app.quit]"  # a reviewer's name, as typed after --reviewer


@synchronously
async def test_reviewer_names_and_their_notes_show_literally_on_the_reviewer_screens(nasty_db):
    from workbench.tui.reviewers import AgreementScreen, ChooseReviewerScreen, ReviewerScreen

    hostile = ReviewStore(nasty_db, EVE)
    claim = hostile.conn.execute("SELECT id FROM claims WHERE surface = '40%[/foo]'").fetchone()[0]
    hostile.decide([claim], "conflicting")
    hostile.set_note(claim, f"eve's note {NASTY}\r\x08")
    munn = hostile.conn.execute("SELECT id FROM claims WHERE surface = '40%'").fetchone()[0]
    app = ReviewApp(nasty_db, "ann")
    async with app.run_test(size=(200, 50)) as pilot:  # wide enough that her line is not wrapped
        await loaded(pilot)
        hostile.decide([munn], "unverified")  # while ann's review is open
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown_name = "[bold]eve[/foo]␛[31m ␈␇\ufffd[@click=app.quit]"
        assert_literal(app, f"Refreshed: 1 change by {shown_name} since you opened the review.")
        await pilot.press("j")  # the claim eve noted: her verdict and note beside the passage
        await loaded(pilot)  # they are read by a worker
        assert_literal(app, f"{shown_name} ✗ conflicting — eve's note [bold]x[/foo]")

        await pilot.press("c", "k")  # ann decides it too, so that the two can be compared
        await pilot.press("A")
        assert isinstance(app.screen, AgreementScreen)
        assert_literal(app, f"Agreement ann and {shown_name}", "40%[/foo]", "evil[/foo]")
        await pilot.press("enter")  # the one disagreement, to adjudicate
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.review.detail.claim.surface == "40%[/foo]"

        await pilot.press("o")
        assert isinstance(app.screen, ChooseReviewerScreen)
        assert_literal(app, shown_name[:24])
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, ReviewerScreen)
        assert_literal(app, f"{shown_name}'s decisions, read-only", "40%[/foo]")
        await pilot.press("j")
        assert_literal(app, "note eve's note [bold]x[/foo]", "ann ✓ consistent")
        await pilot.press("escape")

        await pilot.press("ctrl+p", *"decisions (read")
        await pilot.pause(0.5)
        assert_literal(app, "[bold]eve[/foo]")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "\r" not in screen_text(app)
    hostile.close()
