"""The adjudication screen (`workbench review --adjudicator`): each claim reviewers disagree on,
with every reviewer's verdict and note side by side, and the adjudicator's final verdict, given
with a reason and undone like any decision.

Claims, notes and reviewer names are untrusted: shown as `Content` built with one_line/safe."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workbench.core.safe_text import one_line, safe
from workbench.store.adjudication import AdjudicationStore, Dispute, disputes
from workbench.store.review.log import Change
from workbench.store.review.store import connect
from workbench.terminal import fit
from workbench.tui.keys import ADJUDICATION_BINDINGS
from workbench.tui.messages import DisputesLoaded
from workbench.tui.screens.final_verdict import FinalVerdictScreen
from workbench.tui.screens.help import HelpScreen
from workbench.tui.screens.writing import CHANGE_NAMES, DONE_WORDS, WritingScreen, after_writes
from workbench.tui.widgets import GLYPHS, VERDICT_STYLES, StatusLine, doc_label, screen_layout


def _verdict(verdict: str | None) -> tuple[str, str]:
    return f"{GLYPHS.get(verdict, '·')} {verdict or 'note only'}", VERDICT_STYLES.get(verdict, "")


class AdjudicationScreen(WritingScreen):
    """The disputes on the left, those still in dispute first; the selected one on the right, with
    every reviewer's verdict and note and the final verdict, if there is one."""

    BINDINGS = ADJUDICATION_BINDINGS
    CSS_PATH = "../adjudication.tcss"
    AUTO_FOCUS = "#disputes"

    def __init__(self, store: AdjudicationStore) -> None:
        super().__init__()
        self.store = store
        self.settled = True  # list the claims already settled too, after those in dispute
        self.disputes: list[Dispute] = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield from screen_layout(
            Static(id="adjudication-top"),
            Container(
                OptionList(id="disputes"),
                VerticalScroll(
                    Static(id="dispute"),
                    Horizontal(id="dispute-reviewers"),
                    Static(id="dispute-final"),
                    id="dispute-scroll",
                ),
                id="adjudication-body",
            ),
        )

    def on_mount(self) -> None:
        self.status = self.query_one(StatusLine)
        self.options = self.query_one("#disputes", OptionList)
        self.options.border_title = "Disagreements"
        self.query_one("#dispute-scroll").border_title = "Reviewers side by side"
        self.status.say(("Loading disagreements…", "$text-muted"))
        self.load()

    # loading --------------------------------------------------------------------------------

    def load(self, claim_id: str | None = None) -> None:
        """Read the disputes again, in a worker, and select `claim_id` (else the current one)."""
        self._load(self.settled, claim_id or self.current_id)

    @work(thread=True, exclusive=True, group="disputes")
    def _load(self, settled: bool, claim_id: str | None) -> None:
        conn = connect(self.store.path)
        try:
            self.post_message(DisputesLoaded(disputes(conn, settled=settled), settled, claim_id))
        finally:
            conn.close()

    def on_disputes_loaded(self, message: DisputesLoaded) -> None:
        self.when_written(self._disputes_loaded, message)  # a write under way acts on the list it started on

    def _disputes_loaded(self, message: DisputesLoaded) -> None:
        if message.settled != self.settled:
            return  # a list the adjudicator has already toggled away from
        first_load = not self.loaded
        self.loaded = True
        self.disputes = message.disputes
        self.options.clear_options()
        for dispute in self.disputes:
            self.options.add_option(Option(self._row(dispute), id=dispute.claim_id))
        open_ = sum(d.in_dispute for d in self.disputes)
        shown = f"{open_:,} in dispute" + (f", {len(self.disputes) - open_:,} settled" if self.settled else "")
        self.options.border_title = Content(f"Disagreements · {shown}")
        self.query_one("#adjudication-top", Static).update(
            Content.assemble(
                (" Adjudication ", "bold"),
                (f"as {one_line(self.store.reviewer)}", "bold $text-accent"),
                (f" · {shown}" + ("" if self.settled else " (v shows the settled ones)"), "$text-muted"),
            )
        )
        ids = [d.claim_id for d in self.disputes]
        index = ids.index(message.claim_id) if message.claim_id in ids else 0
        if self.disputes:
            self.options.highlighted = index
        self._show(self.disputes[index] if self.disputes else None)
        if first_load:
            if self.disputes:
                self.status.say(("Ready. ", "bold"), ("c x u give the final verdict · ? for keys", "$text-muted"))
            else:
                self.status.say(
                    ("No disagreements: ", "bold"),
                    ("every claim two reviewers decided has one verdict.", "$text-muted"),
                )

    @staticmethod
    def _row(dispute: Dispute) -> Content:
        parts: list = [
            ("● " if dispute.in_dispute else "  ", "bold $text-warning"),
            (fit(one_line(dispute.surface), 16), "bold"),
            " ",
            (fit(doc_label(dispute.doc_name), 12), "$text-muted"),
            " ",
        ]
        for given in dispute.verdicts:  # one glyph per reviewer, by name (the names are beside); → the final one
            if given.verdict:
                parts.append((f"{GLYPHS[given.verdict]} ", VERDICT_STYLES[given.verdict]))
        if dispute.final is not None:
            parts += [
                ("→ ", "$text-muted"),
                (GLYPHS[dispute.final.verdict], f"bold {VERDICT_STYLES[dispute.final.verdict]}"),
            ]
        return Content.assemble(*parts)

    # the selected dispute ------------------------------------------------------------------------

    @property
    def current(self) -> Dispute | None:
        index = self.options.highlighted if self.loaded else None
        return self.disputes[index] if index is not None and 0 <= index < len(self.disputes) else None

    @property
    def current_id(self) -> str | None:
        current = self.current
        return current.claim_id if current is not None else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show(self.current)

    def _show(self, dispute: Dispute | None) -> None:
        """The claim and its sentence; a column per reviewer with their verdict and note; the final verdict."""
        panel = self.query_one("#dispute", Static)
        columns = self.query_one("#dispute-reviewers", Horizontal)
        final_line = self.query_one("#dispute-final", Static)
        columns.remove_children()
        if dispute is None:
            panel.update(Content.styled("Nothing to adjudicate.", "$text-muted"))
            final_line.update("")
            return
        cluster = f" · cluster {one_line(dispute.cluster_id)}" if dispute.cluster_id else " · in no cluster"
        panel.update(
            Content("\n").join(
                [
                    Content.assemble(
                        ("“", "bold"),
                        (one_line(dispute.surface), "bold $text-accent"),
                        ("”", "bold"),
                        (f" · {doc_label(dispute.doc_name)}{cluster}", "$text-muted"),
                    ),
                    Content(safe(dispute.sentence).strip()),
                ]
            )
        )
        columns.mount_all(Static(self._column(given), classes="reviewer-column") for given in dispute.verdicts)
        final = dispute.final
        if final is None:
            final_line.update(
                Content.assemble(
                    ("In dispute: ", "bold $text-warning"),
                    ("no final verdict yet. c x u give one, with a reason.", "$text-muted"),
                )
            )
        else:
            text, style = _verdict(final.verdict)
            final_line.update(
                Content.assemble(
                    ("Final verdict ", "bold"),
                    (text, f"bold {style}"),
                    (f" by {one_line(final.adjudicator)}\n", "$text-muted"),
                    ("Reason: ", "$text-muted"),
                    (one_line(final.reason), ""),
                )
            )

    @staticmethod
    def _column(given) -> Content:
        """One reviewer's verdict and note, as a column beside the others'."""
        text, style = _verdict(given.verdict)
        scope = " (cluster)" if given.scope == "cluster" else ""
        return Content.assemble(
            (one_line(given.reviewer), "bold"),
            "\n",
            (text + scope, style),
            "\n",
            (f"“{one_line(given.note)}”", "italic") if given.note else ("no note", "$text-muted"),
        )

    # final verdicts --------------------------------------------------------------------------

    @after_writes
    def action_final(self, verdict: str) -> None:
        dispute = self.current
        if dispute is None:
            self.app.bell()
            return
        self._ask(verdict, [dispute], None)

    @after_writes
    def action_final_cluster(self, verdict: str) -> None:
        dispute = self.current
        if dispute is None or dispute.cluster_id is None:
            self.app.bell()
            self.status.say(("This claim is in no cluster; ", "bold"), ("c x u give its final verdict.", "$text-muted"))
            return
        members = [d for d in self.disputes if d.cluster_id == dispute.cluster_id]
        self._ask(verdict, [d for d in members if d.in_dispute] or members, dispute.cluster_id)

    def _ask(self, verdict: str, chosen: list[Dispute], cluster_id: str | None) -> None:
        def record(reason: str | None) -> None:
            if reason is not None:
                self.save(
                    "adjudicate", [d.claim_id for d in chosen], verdict, reason, cluster_id=cluster_id, saved=recorded
                )

        def recorded(change: Change) -> None:
            text, style = _verdict(verdict)
            what = (
                f" for {len(chosen)} claims of cluster {one_line(cluster_id)}"
                if cluster_id
                else f" on {fit(one_line(chosen[0].surface), 30)}"
            )
            self.status.say(
                ("Final verdict ", "bold $text-success"),
                (text, f"bold {style}"),
                (what, ""),
                *((("  (unchanged)", "$text-muted"),) if not change.items else ()),
                ("  z undoes", "$text-muted"),
            )
            self.load(self._next_in_dispute_after(chosen))

        self.app.push_screen(FinalVerdictScreen(verdict, chosen, cluster_id), record)

    def _next_in_dispute_after(self, done: list[Dispute]) -> str | None:
        """The claim to select once these are settled: the next one still in dispute, else the first of them."""
        skip = {d.claim_id for d in done}
        index = self.options.highlighted or 0
        ordered = self.disputes[index:] + self.disputes[:index]
        following = next((d for d in ordered if d.in_dispute and d.claim_id not in skip), None)
        return following.claim_id if following is not None else done[0].claim_id

    def show_undone(self, change: Change, write: str) -> None:
        first = change.items[0]
        what = CHANGE_NAMES.get(first.action_kind, first.action_kind)
        many = f" for {len(change.items)} claims" if len(change.items) > 1 else ""
        before, after = (
            (first.from_link_status, first.to_link_status)
            if first.action_kind == "link"
            else (first.from_verdict, first.to_verdict)
        )
        self.status.say(
            (f"{DONE_WORDS[write]} ", "bold $text-warning"),
            (f"{what}: {before or 'none'} → {after or 'none'}{many}", ""),
        )
        self.load(first.claim_id)

    # moving and viewing ------------------------------------------------------------------------

    def _move_to(self, index: int) -> None:
        if self.disputes:
            self.options.highlighted = max(0, min(index, len(self.disputes) - 1))

    @after_writes
    def action_next_claim(self) -> None:
        self._move_to((self.options.highlighted or 0) + 1)

    @after_writes
    def action_previous_claim(self) -> None:
        self._move_to((self.options.highlighted or 0) - 1)

    @after_writes
    def action_next_in_dispute(self) -> None:
        start = self.options.highlighted or 0
        n = len(self.disputes)
        for step in range(1, n + 1):
            if self.disputes[(start + step) % n].in_dispute:
                self._move_to((start + step) % n)
                return
        self.app.bell()
        self.status.say(
            ("No claim is in dispute: ", "bold"), ("every disagreement has a final verdict.", "$text-muted")
        )

    @after_writes
    def action_toggle_settled(self) -> None:
        self.settled = not self.settled
        self.status.say(
            ("Showing ", ""), ("settled claims too" if self.settled else "only the claims in dispute", "bold")
        )
        self.load()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen.adjudication())

    @after_writes
    def action_quit_review(self) -> None:
        self.app.exit()
