"""The add-claim dialog: select, word by word, a figure in the source passage that the extractor
missed. Left and right move the cursor a word, shift+left and shift+right stretch the selection a
word, enter takes it. The passage is the document's own text, shown as Content, never as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from workbench.core.safe_text import one_line, safe
from workbench.tui.screens.dialog import Dialog
from workbench.tui.widgets import doc_label

_WORD = re.compile(r"\S+")
_EDGE = "\"'“”‘’()[]{}«».,;:!?"  # stripped from a word's ends: "(40%)," is the word 40%


def words(text: str) -> list[tuple[int, int]]:
    """The words of a passage as (start, end) offsets, punctuation around them left out."""
    found = []
    for m in _WORD.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        if start < end:
            found.append((start, end))
    return found


@dataclass(frozen=True, slots=True)
class Proposed:
    """A claim to add, as the correction dialog takes it: the reader's reading, nothing corrected yet."""

    claim: object
    original: object = None
    correction: object = None


class AddClaimScreen(Dialog):
    """Select a stretch of the passage; dismissed with its (start, end) in the document, or None."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="add.cancel"),
        Binding("left", "move(-1)", "Previous word", show=False, id="add.left"),
        Binding("right", "move(1)", "Next word", show=False, id="add.right"),
        Binding("shift+left", "stretch(-1)", "Select to the previous word", show=False, id="add.stretch_left"),
        Binding("shift+right", "stretch(1)", "Select to the next word", show=False, id="add.stretch_right"),
        Binding("home", "edge(0)", "First word", show=False, id="add.first"),
        Binding("end", "edge(-1)", "Last word", show=False, id="add.last"),
        Binding("enter", "take", "Read the selection", id="add.take"),
    ]

    def __init__(self, doc_name: str, passage: str, passage_start: int, near: int = 0) -> None:
        """`near`: an offset in the document; the cursor starts on the first word after it."""
        super().__init__()
        self.doc_name = doc_name
        self.passage = passage
        self.passage_start = passage_start
        self.words = words(passage)
        start = next((i for i, (s, _) in enumerate(self.words) if s + passage_start >= near), 0)
        self.anchor = self.cursor = start

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="add-box"):
            yield Static(
                Content.assemble(
                    ("Add a missed claim", "bold"), (" · ", "$text-muted"), (doc_label(self.doc_name), "$text-muted")
                ),
                classes="dialog-title",
            )
            with VerticalScroll(id="add-scroll"):
                yield Static(self._passage(), id="add-passage")
            yield Static(self._selected(), id="add-selected")
            yield Static(
                Content.styled("← → a word · shift+← → select · enter reads it · escape cancels", "$text-muted"),
                classes="dialog-hint",
            )

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected stretch, as offsets into the passage."""
        if not self.words:
            return None
        first, last = sorted((self.anchor, self.cursor))
        return self.words[first][0], self.words[last][1]

    def _passage(self) -> Content:
        content = Content(safe(self.passage), strip_control_codes=False)
        if self.selection is None:
            return content
        start, end = self.selection
        content = content.stylize("bold reverse $text-accent", start, end)
        cursor_start, cursor_end = self.words[self.cursor]
        return content.stylize("underline", cursor_start, cursor_end)

    def _selected(self) -> Content:
        if self.selection is None:
            return Content.styled("This passage has no words.", "$text-muted")
        start, end = self.selection
        return Content.assemble(("Selected: ", "$text-muted"), (one_line(self.passage[start:end]), "bold"))

    def _show(self) -> None:
        self.query_one("#add-passage", Static).update(self._passage())
        self.query_one("#add-selected", Static).update(self._selected())

    def action_move(self, step: int) -> None:
        if self.words:
            self.cursor = self.anchor = min(max(self.cursor + step, 0), len(self.words) - 1)
            self._show()

    def action_stretch(self, step: int) -> None:
        if self.words:
            self.cursor = min(max(self.cursor + step, 0), len(self.words) - 1)
            self._show()

    def action_edge(self, which: int) -> None:
        if self.words:
            self.cursor = self.anchor = 0 if which == 0 else len(self.words) - 1
            self._show()

    def action_take(self) -> None:
        if self.selection is None:
            self.app.bell()
            return
        start, end = self.selection
        self.dismiss((self.passage_start + start, self.passage_start + end))
