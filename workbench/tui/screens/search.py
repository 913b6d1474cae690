"""The search dialog."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from workbench.core.safe_text import safe
from workbench.tui.screens.dialog import Dialog


class SearchScreen(Dialog):
    """Search the claims' text: surface, subject and the sentence around each claim."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled("Search claims", "bold"), classes="dialog-title")
            yield Input(
                value=safe(self.text), placeholder="words in the claim, its subject or its sentence", id="search-input"
            )
            yield Static(
                Content.styled("enter searches · empty clears · escape cancels", "$text-muted"), classes="dialog-hint"
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)
