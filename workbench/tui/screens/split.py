"""The split dialog: choose which claims of a cluster go to a new cluster of their own."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import SelectionList, Static

from workbench.core.safe_text import one_line
from workbench.store.review.rows import Member
from workbench.terminal import fit
from workbench.tui.screens.dialog import Dialog
from workbench.tui.widgets import doc_label


class SplitScreen(Dialog):
    """Every claim of the cluster, to tick (space) those that leave it; enter splits them off.
    Claim text and document names are shown as Content, never as markup."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="split.cancel"),
        Binding("enter", "split", "Split", priority=True, id="split.confirm"),
    ]

    def __init__(self, cluster_id: str, members: Sequence[Member], chosen: str | None = None) -> None:
        super().__init__()
        self.cluster_id = cluster_id
        self.members = list(members)
        self.chosen = chosen  # ticked at the start: the selected claim

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="split-box"):
            yield Static(Content.styled(f"Split cluster {one_line(self.cluster_id)}", "bold"), classes="dialog-title")
            yield Static(Content("Tick the claims that go to a new cluster; the others stay."))
            yield SelectionList[str](
                *(
                    (
                        Content.assemble(
                            (fit(doc_label(m.doc_name), 24), "$text-muted"), " ", (one_line(m.surface), "bold")
                        ),
                        m.id,
                        m.id == self.chosen,
                    )
                    for m in self.members
                ),
                id="split-members",
            )
            yield Static(Content(""), id="split-error")
            yield Static(
                Content.styled("space ticks · enter splits · escape cancels", "$text-muted"), classes="dialog-hint"
            )

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_split(self) -> None:
        chosen = list(self.query_one(SelectionList).selected)
        if not chosen or len(chosen) == len(self.members):
            why = "tick at least one claim" if not chosen else "leave at least one claim in the cluster"
            self.query_one("#split-error", Static).update(Content.styled(why, "$text-error"))
            self.app.bell()
            return
        self.dismiss(chosen)
