"""The note dialog: write or change the note on a claim."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from workbench.core.safe_text import one_line, safe
from workbench.tui.screens.dialog import Dialog
from workbench.tui.widgets import doc_label


class NoteScreen(Dialog):
    """Write or change the note on a claim; an empty note removes it."""

    def __init__(self, surface: str, note: str, doc_name: str = "", verdict: str | None = None) -> None:
        super().__init__()
        self.surface = surface
        self.note = note
        self.doc_name = doc_name
        self.verdict = verdict  # the verdict just given to this claim, when the note follows it

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Content.assemble(
                    ("Note on ", "bold"),
                    (one_line(self.surface), "bold $text-accent"),
                    *(((" · ", "$text-muted"), (doc_label(self.doc_name), "$text-muted")) if self.doc_name else ()),
                    *(((f"  just marked {self.verdict}", "$text-muted"),) if self.verdict else ()),
                ),
                classes="dialog-title",
            )
            ask = "Why this verdict?" if self.verdict else "A note on this claim"
            yield Input(value=safe(self.note), placeholder=f"{ask} (empty removes the note)", id="note-input")
            yield Static(Content.styled("enter saves · escape cancels", "$text-muted"), classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)
