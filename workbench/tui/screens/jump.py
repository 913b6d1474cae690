"""The jump dialog: go to a cluster by its id or subject."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from workbench.core.safe_text import one_line
from workbench.store.review.store import ReviewStore
from workbench.terminal import fit
from workbench.tui.screens.dialog import Dialog


class JumpScreen(Dialog):
    """Jump to a cluster, found by its id or its subject; conflicting clusters come first."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="jump.cancel"),
        Binding("down", "move(1)", "Down", show=False, id="jump.down"),
        Binding("up", "move(-1)", "Up", show=False, id="jump.up"),
    ]

    def __init__(
        self, store: ReviewStore, title: str = "Jump to cluster", verb: str = "jumps", exclude: str | None = None
    ) -> None:
        """`title` and `verb` say what choosing a cluster does (cluster surgery chooses the
        cluster to merge with or move to); the cluster `exclude` is not offered."""
        super().__init__()
        self.store = store
        self.title_text = title
        self.verb = verb
        self.exclude = exclude

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="jump-box"):
            yield Static(Content.styled(self.title_text, "bold"), classes="dialog-title")
            yield Input(placeholder="cluster id or subject", id="jump-input")
            yield OptionList(id="jump-options")
            yield Static(
                Content.styled(f"enter {self.verb} · up/down choose · escape cancels", "$text-muted"),
                classes="dialog-hint",
            )

    SHOWN = 50  # choices listed at once; typing narrows them

    def on_mount(self) -> None:
        # One query per opening: every cluster, conflicting first, then narrowed in memory as the
        # reviewer types (SQL's LIKE, which the store used per keystroke, ignores ASCII case too).
        self.choices = [
            (c, f"{c.id}\n{c.subject or ''}".casefold())
            for c in self.store.cluster_choices(limit=-1)
            if c.id != self.exclude
        ]
        self._fill("")

    def _fill(self, text: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        wanted = text.casefold()
        found = (c for c, key in self.choices if wanted in key)
        for cluster, _ in zip(found, range(self.SHOWN)):
            prompt = Content.assemble(
                (fit(one_line(cluster.id), 12), "bold"),
                " ",
                (fit(cluster.suggested_verdict or "—", 12), ""),
                (f"{cluster.size or 0:>3} claims  ", "$text-muted"),
                one_line(cluster.subject or ""),
            )
            options.add_option(Option(prompt, id=cluster.id))
        if options.option_count:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            options.highlighted = ((options.highlighted or 0) + step) % options.option_count

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.option_count:
            self.dismiss(options.get_option_at_index(options.highlighted).id)
        else:
            self.dismiss(None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
