"""The review log dialog."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from workbench.core.safe_text import one_line
from workbench.terminal import fit
from workbench.tui.screens.dialog import Dialog
from workbench.tui.widgets import verdict_label


class LogScreen(Dialog):
    """The reviewer's recent history, newest first, as the review log holds it."""

    def __init__(self, entries) -> None:
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        lines = []
        for e in self.entries:
            if e.clusters:
                change = f"clusters {one_line(e.clusters)}"
            elif e.other_claim_id:
                change = f"link {e.from_link_status} → {e.to_link_status}"
            elif e.from_note != e.to_note and e.from_verdict == e.to_verdict:
                change = "note: " + (one_line(e.to_note) or "removed")
            else:
                change = f"{verdict_label(e.from_verdict)} → {verdict_label(e.to_verdict)}"
            lines.append(
                Content.assemble(
                    (e.at[:19].replace("T", " "), "$text-muted"),
                    "  ",
                    (fit(e.action, 7), "bold"),
                    " ",
                    (fit(one_line(e.claim_id), 14), ""),
                    " ",
                    (f"cluster {one_line(e.cluster_id)} " if e.cluster_id else "", "$text-muted"),
                    change,
                )
            )
        with Vertical(classes="dialog", id="log-box"):
            yield Static(Content.styled("Review log", "bold"), classes="dialog-title")
            with VerticalScroll():
                yield Static(Content("\n").join(lines) if lines else Content.styled("Nothing yet.", "$text-muted"))
            yield Static(Content.styled("escape closes", "$text-muted"), classes="dialog-hint")
