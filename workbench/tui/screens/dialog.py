"""The base of the review UI's dialogs."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import ModalScreen


class Dialog(ModalScreen):
    """A small centred dialog that escape closes without a result."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Close", id="dialog.close")]
