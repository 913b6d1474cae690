"""The final verdict dialog: the adjudicator's verdict on a disputed claim (or on a cluster's
disputed claims), with the reason for it, which is required."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from workbench.core.adjudication import reason_problem
from workbench.core.safe_text import one_line, safe
from workbench.store.adjudication import Dispute
from workbench.terminal import fit
from workbench.tui.screens.dialog import Dialog
from workbench.tui.widgets import GLYPHS, VERDICT_STYLES, doc_label


class FinalVerdictScreen(Dialog):
    """Ask why this final verdict; dismissed with the reason, or None when cancelled. A missing
    reason is refused in one line and the dialog stays open."""

    def __init__(self, verdict: str, disputes: list[Dispute], cluster_id: str | None = None) -> None:
        super().__init__()
        self.verdict = verdict
        self.disputes = disputes
        self.cluster_id = cluster_id

    def compose(self) -> ComposeResult:
        first = self.disputes[0]
        if self.cluster_id is not None:
            what = Content.assemble(
                (f"the {len(self.disputes)} disputed claims of cluster ", "bold"),
                (one_line(self.cluster_id), "bold $text-accent"),
            )
        else:
            what = Content.assemble(
                ("“", "bold"),
                (one_line(first.surface), "bold $text-accent"),
                ("”", "bold"),
                (f" · {doc_label(first.doc_name)}", "$text-muted"),
            )
        with Vertical(classes="dialog", id="final-box"):
            yield Static(
                Content.assemble(
                    ("Final verdict ", "bold"),
                    (f"{GLYPHS[self.verdict]} {self.verdict}", f"bold {VERDICT_STYLES[self.verdict]}"),
                    (" on ", "bold"),
                    what,
                ),
                classes="dialog-title",
            )
            lines = []
            for dispute in self.disputes[:6]:
                if len(self.disputes) > 1:
                    lines.append(Content.styled(fit(one_line(dispute.surface), 40), "bold"))
                for given in dispute.verdicts:
                    lines.append(
                        Content.assemble(
                            ("  ", ""),
                            (fit(one_line(given.reviewer), 16), "bold"),
                            " ",
                            (
                                fit(f"{GLYPHS.get(given.verdict, '·')} {given.verdict or 'note only'}", 15),
                                VERDICT_STYLES.get(given.verdict, ""),
                            ),
                            (one_line(given.note) if given.note else "", "$text-muted"),
                        )
                    )
                if dispute.final is not None:
                    lines.append(
                        Content.assemble(
                            ("  now final: ", "$text-muted"),
                            (dispute.final.verdict, "bold"),
                            (
                                f" by {one_line(dispute.final.adjudicator)}: {one_line(dispute.final.reason)}",
                                "$text-muted",
                            ),
                        )
                    )
            if len(self.disputes) > 6:
                lines.append(Content.styled(f"… and {len(self.disputes) - 6} more", "$text-muted"))
            yield Static(Content("\n").join(lines), id="final-verdicts")
            reason = first.final.reason if first.final is not None and len(self.disputes) == 1 else ""
            yield Input(value=safe(reason), placeholder="Why this verdict? (required)", id="final-reason")
            yield Static(id="final-problem")
            yield Static(
                Content.styled("enter records the final verdict · escape cancels", "$text-muted"), classes="dialog-hint"
            )

    def on_mount(self) -> None:
        self.query_one("#final-reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        problem = reason_problem(event.value)
        if problem:
            self.app.bell()
            self.query_one("#final-problem", Static).update(
                Content.assemble(("Not recorded: ", "bold $text-error"), (problem, ""))
            )
            return
        self.dismiss(event.value.strip())
