"""The help dialog: every key of the review screen, by what it is for."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from workbench.tui.keys import ADJUDICATION_KEYS, REVIEW_KEYS, key_names
from workbench.tui.screens.dialog import Dialog
from workbench.terminal import fit


HELP_SECTIONS = ("Decide", "Correct", "Move", "Matches", "Clusters", "Reviewers", "View", "Other")
APP_KEYS = [
    ("Other", Binding("ctrl+p", "", "Command palette: every action")),
    ("Other", Binding("tab", "", "Next panel (arrows scroll it)")),
    ("Other", Binding("ctrl+q", "", "Quit at once")),
]


# The key tables the help lists, each with its sections in two columns.
REVIEW_COLUMNS = (("Decide", "Correct", "Matches", "Clusters", "Reviewers"), ("Move", "View", "Other"))
ADJUDICATION_COLUMNS = (("Adjudicate", "Decide"), ("Move", "View", "Other"))


class HelpScreen(Dialog):
    """Every key of a screen, by what it is for: the review screen's unless told another table."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss(None)", "Close", id="help.close")]

    def __init__(
        self, keys: list[tuple[str, Binding]] = REVIEW_KEYS, columns: tuple[tuple[str, ...], ...] = REVIEW_COLUMNS
    ) -> None:
        super().__init__()
        self.keys = keys
        self.columns = columns

    @classmethod
    def adjudication(cls) -> HelpScreen:
        return cls(ADJUDICATION_KEYS, ADJUDICATION_COLUMNS)

    def compose(self) -> ComposeResult:
        sections: dict[str, list[Binding]] = {name: [] for name in (*HELP_SECTIONS, *self.columns[0], *self.columns[1])}
        for name, binding in [*self.keys, *APP_KEYS]:
            sections.setdefault(name, []).append(binding)

        def column(names: list[str]) -> Static:
            lines: list[Content] = []
            for name in names:
                if not sections[name]:
                    continue
                if lines:
                    lines.append(Content(""))
                lines.append(Content.styled(name, "bold $text-accent"))
                lines.extend(Content.assemble((fit(key_names(b), 14), "bold"), b.description) for b in sections[name])
            return Static(Content("\n").join(lines), classes="help-column")

        with Vertical(id="help-box", classes="dialog"):
            yield Static(Content("Keys"), classes="dialog-title")
            with VerticalScroll(id="help-scroll"), Horizontal(id="help-keys"):
                for names in self.columns:
                    yield column(list(names))
            yield Static(
                Content.styled("↑ ↓ pgup pgdn scroll · escape or ? closes", "$text-muted"), classes="dialog-hint"
            )

    # Rows the dialog needs besides the keys: its border, title, hint and their margins, and a
    # line of the screen above and below it.
    HELP_CHROME = 8

    def on_mount(self) -> None:
        self._fit()
        self.query_one("#help-scroll").focus()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Let the keys scroll in what the terminal leaves, so the dialog is never cut off."""
        self.query_one("#help-scroll").styles.max_height = max(3, self.size.height - self.HELP_CHROME)
