"""The filter dialog: which claims the list shows, by verdict, relation, kind and document."""

from __future__ import annotations

from dataclasses import replace

from rich.segment import Segment
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.strip import Strip
from textual.widgets import SelectionList, Static
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import Selection

from workbench.core.safe_text import one_line
from workbench.core.agreement import VERDICTS
from workbench.store.review.views import RELATIONS, UNREVIEWED, ViewSpec
from workbench.tui.screens.dialog import Dialog
from workbench.tui.widgets import doc_label


class CheckList(SelectionList[str]):
    """A selection list whose boxes say whether they are on: "✓" or blank. Textual's draws an "X"
    in every box and tells them apart by colour alone, which many terminals do not show. Its
    border says "all" while nothing is ticked, since no choice in a list means all of it."""

    def __init__(self, *selections, title: str, **kwargs) -> None:
        super().__init__(*selections, **kwargs)
        self.title = title

    def on_mount(self) -> None:
        self._retitle()

    def _on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self._retitle()

    def _retitle(self) -> None:
        chosen = len(self.selected)
        self.border_title = self.title
        self.border_subtitle = "all" if not chosen else f"{chosen} of {self.option_count}"

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        segments = list(line)
        if len(segments) < 3:
            return line
        mark = "✓" if selection.value in self._selected else " "
        segments[1] = Segment(mark, segments[1].style)
        return Strip(segments, line.cell_length)


class FilterScreen(Dialog):
    """Choose which claims the list shows, by verdict, relation, kind and document."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="filter.cancel"),
        Binding("enter", "apply", "Apply", priority=True, id="filter.apply"),
        Binding("backspace", "clear", "Clear all", id="filter.clear"),
    ]

    def __init__(self, spec: ViewSpec, documents, kinds) -> None:
        super().__init__()
        self.spec = spec
        self.documents = documents
        self.kinds = kinds

    def compose(self) -> ComposeResult:
        spec = self.spec
        with Vertical(classes="dialog", id="filter-box"):
            yield Static(Content.styled("Filter claims", "bold"), classes="dialog-title")
            with Horizontal(id="filter-lists"):
                yield CheckList(
                    *(Selection(Content(v), v, v in spec.verdicts) for v in (UNREVIEWED, *VERDICTS)),
                    title="Verdict",
                    id="f-verdicts",
                )
                yield CheckList(
                    *(Selection(Content({"none": "no cluster"}.get(r, r)), r, r in spec.relations) for r in RELATIONS),
                    title="Relation",
                    id="f-relations",
                )
                yield CheckList(
                    *(Selection(Content(one_line(k)), k, k in spec.kinds) for k in self.kinds),
                    title="Kind",
                    id="f-kinds",
                )
                yield CheckList(
                    *(
                        Selection(Content(f"{doc_label(d.name)} ({d.claims})"), d.id, d.id in spec.docs)
                        for d in self.documents
                    ),
                    title="Document",
                    id="f-docs",
                )
            yield Static(
                Content.styled(
                    "A list with nothing ticked shows all of it. space ticks · tab next list"
                    " · enter applies · backspace clears · escape cancels",
                    "$text-muted",
                ),
                classes="dialog-hint",
            )

    def action_apply(self) -> None:
        def chosen(name: str) -> tuple[str, ...]:
            return tuple(self.query_one(f"#f-{name}", SelectionList).selected)

        self.dismiss(
            replace(
                self.spec,
                verdicts=chosen("verdicts"),
                relations=chosen("relations"),
                kinds=chosen("kinds"),
                docs=chosen("docs"),
            )
        )

    def action_clear(self) -> None:
        for selection in self.query(SelectionList):
            selection.deselect_all()
