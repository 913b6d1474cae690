"""The correction dialog: change the value, kind, qualifier, unit or currency the extractor read.

Each field starts at the claim's current reading; only the fields the reviewer changes are
corrected. Input is checked by `core.corrections.build_changes`, and a refusal is shown in the
dialog in one line, which stays open until the input makes sense or escape closes it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static

from workbench.core.corrections import CorrectionError, build_changes, describe
from workbench.core.report.text import format_value
from workbench.core.safe_text import one_line, safe
from workbench.tui.screens.dialog import Dialog
from workbench.tui.widgets import doc_label

# (field, label, placeholder): the inputs, in order
FIELDS = (
    ("value", "value", "a number (2e9, 0.45 for 45%), a range 10-20, or a date YYYY-MM-DD"),
    ("kind", "kind", "count, proportion, rate, money, year, date, duration, other"),
    ("qualifier", "qualifier", "exact, approx, lower_bound, upper_bound, range"),
    ("unit", "unit", "empty for none"),
    ("currency", "currency", "three letters, e.g. GBP; empty for none"),
)


def typed_value(claim) -> str:
    """The claim's value as one types it: "2000000", "0.1-0.2", "2015-04"."""
    if claim.value_min is not None and claim.value_max is not None:
        return f"{_plain(claim.value_min)}-{_plain(claim.value_max)}"
    if claim.value is None:
        return ""
    if isinstance(claim.value, str):  # a date
        return claim.value
    return str(_plain(claim.value))


def _plain(number) -> object:
    if isinstance(number, float) and number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number


class CorrectScreen(Dialog):
    """Correct a claim's reading; dismissed with the changes (a dict), or None when cancelled."""

    def __init__(self, detail, heading: str = "Correct ", read: str = "The extractor read: ") -> None:
        """`detail` has the claim (its current reading), its original reading and its correction
        (both None for a claim being added); `heading` and `read` say what the dialog is for."""
        super().__init__()
        self.detail = detail
        self.heading = heading
        self.read = read
        claim = detail.claim
        self.start = {
            "value": typed_value(claim),
            "kind": claim.kind or "",
            "qualifier": claim.qualifier or "",
            "unit": claim.unit or "",
            "currency": claim.currency or "",
        }

    def compose(self) -> ComposeResult:
        claim, detail = self.detail.claim, self.detail
        with Vertical(classes="dialog", id="correct-box"):
            yield Static(
                Content.assemble(
                    (self.heading, "bold"),
                    (one_line(claim.surface), "bold $text-accent"),
                    (" · ", "$text-muted"),
                    (doc_label(claim.doc_name), "$text-muted"),
                ),
                classes="dialog-title",
            )
            original = detail.original or claim
            read = f"{format_value(original)} · {original.kind} · {original.qualifier}"
            yield Static(Content.assemble((self.read, "$text-muted"), (one_line(read), "")))
            if detail.correction is not None:
                said = describe(original, claim, detail.correction)
                if said:
                    yield Static(Content.styled(one_line(said), "$text-warning"), id="correct-now")
            for name, label, placeholder in FIELDS:
                with Horizontal(classes="correct-row"):
                    yield Static(Content(label), classes="correct-label")
                    yield Input(value=safe(self.start[name]), placeholder=placeholder, id=f"correct-{name}")
            yield Static(Content(""), id="correct-error")
            yield Static(
                Content.styled("enter saves · tab next field · escape cancels", "$text-muted"), classes="dialog-hint"
            )

    def on_mount(self) -> None:
        self.query_one("#correct-value", Input).focus()

    def changed(self) -> dict[str, str]:
        """The fields the reviewer changed, as typed."""
        typed = {name: self.query_one(f"#correct-{name}", Input).value for name, _, _ in FIELDS}
        return {name: text for name, text in typed.items() if text.strip() != self.start[name].strip()}

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        changed = self.changed()
        if not changed:
            self.dismiss({})
            return
        try:
            changes = build_changes(self.detail.claim, **changed)
        except CorrectionError as error:
            self.query_one("#correct-error", Static).update(Content.styled(one_line(str(error)), "bold $text-error"))
            return
        self.dismiss(changes)
