"""Other reviewers in the review UI: choosing one, their decisions read-only, and the agreement
between two reviewers with the claims they disagree on, each a jump to adjudicate it.

Loaded only when one of these screens is first opened, so it costs the start-up nothing.
Reviewer names, claims and notes are untrusted text: shown as `Content` made with one_line/safe.
"""

from __future__ import annotations

import sqlite3

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workbench.core.agreement import VERDICTS, Agreement, describe_kappa
from workbench.core.safe_text import one_line
from workbench.store.agreement import ReviewerAgreement, other_decisions, reviewer_agreement, reviewer_pairs, reviewers
from workbench.store.review.store import ReviewStore
from workbench.store.review.views import ViewSpec
from workbench.terminal import fit
from workbench.tui.messages import OrderLoaded
from workbench.tui.screens import Dialog, first_claim, label_groups
from workbench.tui.widgets import (
    GLYPHS,
    VERDICT_STYLES,
    ClaimList,
    NotesPanel,
    PassagePanel,
    StatusLine,
    TopBar,
    claims_body,
    doc_label,
    screen_layout,
)

MAX_LISTED = 1000  # disagreements listed on the agreement screen; `workbench agreement` lists all

# What `v` cycles through on another reviewer's view: the claims they decided, one verdict, all.
REVIEWER_FILTERS = (VERDICTS, ("conflicting",), ("consistent",), ("unverified",), ())


def agreement_pairs(conn: sqlite3.Connection, me: str, other: str | None = None) -> list[tuple[str, str]]:
    """The pairs of reviewers the agreement screen offers: this reviewer with `other`, or with
    each reviewer who decided a claim (most shared first), then the pairs without this reviewer."""
    deciding = [r.name for r in reviewers(conn) if r.decided]
    if other is not None:
        return [(me, other)] if me in deciding and other in deciding and me != other else []
    shared = {(a, b): n for a, b, n in reviewer_pairs(conn)}
    mine = [name for name in deciding if name != me] if me in deciding else []
    mine.sort(key=lambda name: -shared.get(tuple(sorted((me, name))), 0))
    rest = [(a, b) for a, b in shared if me not in (a, b)]
    return [(me, name) for name in mine] + rest


def _verdict(verdict: str | None) -> tuple[str, str]:
    return f"{GLYPHS.get(verdict, '·')} {verdict or 'no verdict'}", VERDICT_STYLES.get(verdict, "")


class ChooseReviewerScreen(Dialog):
    """Pick another reviewer whose decisions to look at."""

    def __init__(self, conn: sqlite3.Connection, me: str) -> None:
        super().__init__()
        self.others = [r for r in reviewers(conn) if r.name != me]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="reviewers-box"):
            yield Static(Content.styled("Another reviewer's decisions", "bold"), classes="dialog-title")
            if not self.others:
                yield Static(
                    Content.styled("No other reviewer has decided anything in this database yet.", "$text-muted")
                )
            else:
                options = OptionList(id="reviewer-options")
                for r in self.others:
                    counts = [(f"  {GLYPHS[v]} {r.by_verdict[v]:,}", VERDICT_STYLES[v]) for v in VERDICTS]
                    notes = f"  ✎ {r.notes:,}" if r.notes else ""
                    options.add_option(
                        Option(
                            Content.assemble(
                                (fit(one_line(r.name), 24), "bold"),
                                (f"{r.decided:>7,} decided", ""),
                                *counts,
                                (notes, "$text-muted"),
                            ),
                            id=r.name,
                        )
                    )
                yield options
            yield Static(
                Content.styled("enter opens (read-only) · escape closes", "$text-muted"), classes="dialog-hint"
            )

    def on_mount(self) -> None:
        if self.others:
            self.query_one(OptionList).highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class ReviewerScreen(Screen):
    """Another reviewer's decisions, read-only: the claims they decided, each in its passage with
    their verdict and note, and every other reviewer's beside it. Enter selects the claim in
    one's own review; no key here writes anything."""

    BINDINGS = [
        Binding("down,j", "move(1)", "Next", show=False),
        Binding("up,k", "move(-1)", "Previous", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home", "edge(0)", "First", show=False),
        Binding("end", "edge(-1)", "Last", show=False),
        Binding("v", "cycle_filter", "Cycle verdict filter"),
        Binding("enter", "open_in_review", "Open in my review"),
        Binding("escape,q", "dismiss(None)", "Back"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    AUTO_FOCUS = "#claims"

    def __init__(self, path: str, reviewer: str, me: str) -> None:
        super().__init__()
        self.path = path
        self.reviewer = reviewer
        self.me = me
        self.store: ReviewStore | None = None
        self.spec = ViewSpec(verdicts=VERDICTS)
        self.order = None
        self.claim_id: str | None = None
        self._doc_names: dict = {}

    def compose(self) -> ComposeResult:
        self.store = ReviewStore(self.path, self.reviewer)
        yield from screen_layout(TopBar(id="topbar"), claims_body(self.store.rows, self._label_groups))

    def on_mount(self) -> None:
        self.claims = self.query_one(ClaimList)
        self.passage = self.query_one(PassagePanel)
        self.query_one("#passage").border_title = "Source"
        self.query_one(StatusLine).say(
            (f"{one_line(self.reviewer)}'s decisions, read-only. ", "bold"),
            ("enter opens the claim in your review · v filters · escape goes back", "$text-muted"),
        )
        self._load(self.spec)

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    def _label_groups(self, groups):
        return label_groups(self.store, self._doc_names, groups)

    @work(thread=True, exclusive=True, group="reviewer-order")
    def _load(self, spec: ViewSpec) -> None:
        store = ReviewStore(self.path, self.reviewer)
        try:
            self.post_message(OrderLoaded(*store.order_at(spec, self.claim_id)))
        finally:
            store.close()

    def on_order_loaded(self, message: OrderLoaded) -> None:
        message.stop()
        if message.order.spec != self.spec:
            return
        self.order = message.order
        position = message.position if message.position is not None else first_claim(message.order)
        self.claims.set_order(message.order, position if position is not None else -1)
        name = one_line(self.reviewer)
        what = {VERDICTS: f"Claims decided by {name}", (): "Every claim"}.get(
            self.spec.verdicts, f"Claims {name} found {'/'.join(self.spec.verdicts)}"
        )
        self.claims.border_title = Content(f"{what} · {message.order.claim_count:,}")
        self._select(position)

    def _select(self, position: int | None) -> None:
        if position is not None:
            self.claims.move_cursor(position)
        row = self.claims.row_at(position) if position is not None else None
        self.claim_id = row.id if row else None
        detail = self.store.detail(self.claim_id) if self.claim_id else None
        others = other_decisions(self.store.conn, self.claim_id, self.reviewer) if detail else []
        self.passage.show(detail, others)
        self.query_one(NotesPanel).show(detail, others)
        shown = {VERDICTS: "every claim they decided", (): "every claim"}.get(
            self.spec.verdicts, "/".join(self.spec.verdicts)
        )
        if self.order is not None and position is not None:
            shown += f" · claim {position - self.order.group_at(position):,} of {self.order.claim_count:,}"
        where = f"{one_line(self.reviewer)}'s decisions, read-only · {shown}"
        self.query_one(TopBar).show(self.store.progress(), where)

    def on_claim_list_clicked(self, message: ClaimList.Clicked) -> None:
        message.stop()
        self._select(message.position)

    def action_move(self, step: int) -> None:
        position = self.claims.claim_position(self.claims.cursor + step, step)
        if position is not None:
            self._select(position)

    def action_page(self, direction: int) -> None:
        if self.order is None or not len(self.order):
            return
        target = min(max(self.claims.cursor + direction * max(1, self.claims.size.height - 1), 0), len(self.order) - 1)
        self._select(self.claims.claim_position(target, direction) or self.claims.claim_position(target, -direction))

    def action_edge(self, end: int) -> None:
        if self.order is not None and len(self.order):
            self._select(
                self.claims.claim_position(0, 1) if end == 0 else self.claims.claim_position(len(self.order) - 1, -1)
            )

    def action_cycle_filter(self) -> None:
        index = REVIEWER_FILTERS.index(self.spec.verdicts) if self.spec.verdicts in REVIEWER_FILTERS else 0
        self.spec = ViewSpec(verdicts=REVIEWER_FILTERS[(index + 1) % len(REVIEWER_FILTERS)])
        self._load(self.spec)

    def action_open_in_review(self) -> None:
        self.dismiss(self.claim_id)


class AgreementScreen(Dialog):
    """Percent agreement and Cohen's kappa between two reviewers, their verdict counts, and the
    claims they disagree on: enter on one selects it in the review, to adjudicate."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", id="agreement.close"),
        Binding("p", "next_pair", "Next pair of reviewers", id="agreement.next_pair"),
    ]

    def __init__(self, conn: sqlite3.Connection, pairs: list[tuple[str, str]]) -> None:
        super().__init__()
        self.conn = conn
        self.pairs = pairs
        self.index = 0
        self.result: ReviewerAgreement | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="agreement-box"):
            yield Static(id="agreement-title", classes="dialog-title")
            yield Static(id="agreement-figures")
            yield Static(id="agreement-heading")
            yield OptionList(id="agreement-options")
            hint = (
                "enter opens the claim to adjudicate · "
                + ("p next pair · " if len(self.pairs) > 1 else "")
                + "escape closes"
            )
            yield Static(Content.styled(hint, "$text-muted"), classes="dialog-hint")

    def on_mount(self) -> None:
        self._show()

    def action_next_pair(self) -> None:
        self.index = (self.index + 1) % len(self.pairs)
        self._show()

    def _show(self) -> None:
        a, b = self.pairs[self.index]
        result = self.result = reviewer_agreement(self.conn, a, b)
        names = one_line(a), one_line(b)
        n = result.agreement.claims
        pair = f" ({self.index + 1} of {len(self.pairs)} pairs)" if len(self.pairs) > 1 else ""
        self.query_one("#agreement-title", Static).update(
            Content.assemble(
                ("Agreement ", "bold"),
                (names[0], "bold $text-accent"),
                (" and ", "bold"),
                (names[1], "bold $text-accent"),
                (f" · {n:,} claim{'s' if n != 1 else ''} both decided{pair}", "$text-muted"),
            )
        )
        self.query_one("#agreement-figures", Static).update(self._figures(result.agreement, names))
        options = self.query_one("#agreement-options", OptionList)
        options.clear_options()
        disagreements = result.disagreements
        heading = Content("")
        if disagreements:
            more = (
                f" (the first {MAX_LISTED:,}: `workbench agreement` lists all)"
                if len(disagreements) > MAX_LISTED
                else ""
            )
            heading = Content.assemble(
                (
                    f"{len(disagreements):,} claim{'s' if len(disagreements) != 1 else ''} where they disagree{more}\n",
                    "bold",
                ),
                (f" {fit('document', 14)} {fit('claim', 26)} {fit(names[0], 18)} {fit(names[1], 18)}", "$text-muted"),
            )
        elif n:
            heading = Content.styled("They agree on every claim both decided.", "$text-success")
        self.query_one("#agreement-heading", Static).update(heading)
        for d in disagreements[:MAX_LISTED]:
            va, vb = (_verdict(v) for v in d.verdicts)
            options.add_option(
                Option(
                    Content.assemble(
                        (fit(doc_label(d.doc), 14), "$text-muted"),
                        " ",
                        (fit(one_line(d.surface), 26), "bold"),
                        " ",
                        (fit(va[0], 18), va[1]),
                        " ",
                        (fit(vb[0], 18), vb[1]),
                    ),
                    id=d.claim_id,
                )
            )
        options.display = bool(disagreements)
        if disagreements:
            options.highlighted = 0
            options.focus()

    @staticmethod
    def _figures(result: Agreement, names: tuple[str, str]) -> Content:
        n = result.claims
        kappa = result.kappa
        if kappa is None:
            kappa_text = Content.assemble(("undefined", "bold"), (f": {result.kappa_undefined_because}", "$text-muted"))
        else:
            kappa_text = Content.assemble((f"{kappa:.3f}", "bold"), (f" ({describe_kappa(kappa)})", "$text-muted"))
        lines = []
        if n:
            lines.append(
                Content.assemble(
                    ("percent agreement ", "$text-muted"),
                    (f"{result.percent_agreement:.1f}%", "bold"),
                    (f" ({result.agreed:,} of {n:,})   chance {result.chance_agreement_percent:.1f}%", "$text-muted"),
                )
            )
        lines.append(Content.assemble(("Cohen's kappa ", "$text-muted"), kappa_text))
        if n:
            a, b = result.reviewers
            counts, matrix = result.counts, result.matrix
            lines.append(
                Content.styled(
                    f"\n{fit('verdict', 14)} {fit(names[0], 12, 'right')} {fit(names[1], 12, 'right')}"
                    f" {fit('both', 6, 'right')}",
                    "$text-muted",
                )
            )
            for v in VERDICTS:
                lines.append(
                    Content.assemble(
                        (fit(_verdict(v)[0], 14), VERDICT_STYLES[v]),
                        f" {counts[a][v]:>12,} {counts[b][v]:>12,} {matrix[v][v]:>6,}",
                    )
                )
        return Content("\n").join(lines)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
