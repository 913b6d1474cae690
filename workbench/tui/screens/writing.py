"""Writes in the background: a screen's writes to the database run one at a time in a worker
thread, on the store's writer connection, so that a reviewer holding the lock in another program
never freezes the screen. The status line says "Saving…" until the database has the write; only
then does the screen's handler show it saved (or say why not), and the keys pressed meanwhile
act after it, on the state it leaves, as they would have had the write been instant."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial, wraps

from textual import work
from textual.content import Content
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from workbench.core.safe_text import one_line
from workbench.store.review.log import Change
from workbench.store.errors import StoreError
from workbench.tui.messages import WriteRefused, WriteSaved

WRITE_GROUP = "write"
SAVING = ("Saving…", "$text-muted")
QUIET_SAVING_AFTER = 0.3  # seconds before a quiet write (the session) says "Saving…": only a slow one does
REFUSALS = (StoreError, ValueError)  # what a write raises to say it was not made; anything else is a fault
# What an undone or redone change is called on the status line, by the kind of its first item.
CHANGE_NAMES = {
    "decide": "verdict",
    "note": "note",
    "link": "possible match",
    "correct": "correction",
    "clusters": "cluster surgery",
    "add": "added claim",
    "adjudicate": "final verdict",
}
DONE_WORDS = {"undo": "Undone", "redo": "Redone"}  # how the status line starts after each


def after_writes(action: Callable) -> Callable:
    """An action that acts on the screen's state: while a write is under way it waits for the
    write to land (or be refused), then runs on what the write left, in the order it was asked."""

    @wraps(action)
    def run(self: WritingScreen, *args, **kwargs) -> None:
        self.when_written(action, self, *args, **kwargs)

    return run


@dataclass
class _Write:
    ticket: int
    saved: Callable[[object], object]
    refused: Callable[[Exception], object] | None
    quiet: bool
    worker: Worker | None = None
    saying: Content | None = None  # the "Saving…" this write put on the status line
    before: tuple[Content, str | None] | None = None  # what the line said before a quiet write's "Saving…"


class WritingScreen(Screen):
    """A screen that writes through `self.store.writer()`, one write at a time, in the order asked.

    Subclasses set `self.store` and `self.status` (a StatusLine) and write with `save`."""

    def __init__(self) -> None:
        super().__init__()
        self._tickets = 0
        self._in_flight: _Write | None = None
        self._waiting: deque[Callable[[], object]] = deque()

    @property
    def writing(self) -> bool:
        """Whether a write is under way or waiting to start."""
        return self._in_flight is not None or bool(self._waiting)

    def when_written(self, then: Callable, *args, **kwargs) -> None:
        """Run `then` now, or, while a write is under way, once it has landed or been refused."""
        if self._in_flight is None:
            then(*args, **kwargs)
        else:
            self._waiting.append(partial(then, *args, **kwargs))

    def save(
        self,
        write: str,
        *args,
        saved: Callable[[object], object],
        refused: Callable[[Exception], object] | None = None,
        quiet: bool = False,
        **kwargs,
    ) -> None:
        """Run the store's write method `write` with these arguments in the write worker, saying
        "Saving…" meanwhile (a `quiet` write only if it is slow), then pass its result to `saved`,
        or the reason it was refused to `refused` (by default said on the status line)."""
        if self._in_flight is not None:
            self._waiting.append(partial(self.save, write, *args, saved=saved, refused=refused, quiet=quiet, **kwargs))
            return
        self._tickets += 1
        pending = self._in_flight = _Write(self._tickets, saved, refused, quiet)
        if quiet:
            self.set_timer(QUIET_SAVING_AFTER, partial(self._say_saving, pending))
        else:
            self._say_saving(pending)
        pending.worker = self._run_write(pending.ticket, write, args, kwargs)

    @work(thread=True, group=WRITE_GROUP, exit_on_error=False)
    def _run_write(self, ticket: int, write: str, args: tuple, kwargs: dict) -> None:
        """The write, on the writer connection, in a thread of its own. Not exclusive: Textual
        cancels the group's running worker for an exclusive one, and a thread cannot be stopped,
        so the cancelled write would still commit but never be shown; `save` keeps one at a time."""
        try:
            result = self.store.write(write, *args, **kwargs)
        except REFUSALS as error:
            self.post_message(WriteRefused(ticket, error))
        else:
            self.post_message(WriteSaved(ticket, result))

    def _say_saving(self, pending: _Write) -> None:
        if self._in_flight is not pending:
            return  # a quiet write already done
        if pending.quiet:
            pending.before = (self.status.text, self.status.lasts)
        self.status.say(SAVING)
        pending.saying = self.status.text

    def _landed(self, ticket: int) -> _Write | None:
        """The write this ticket was for, now done; None for one this screen no longer waits on."""
        pending = self._in_flight
        if pending is None or pending.ticket != ticket:
            return None
        self._in_flight = None
        if pending.saying is not None and self.status.text is pending.saying:
            if pending.before is not None:  # a quiet write: the line says again what it said
                self.status.text, self.status.lasts = pending.before
                self.status.refresh()
            else:
                self.status.say()
        return pending

    def _next(self) -> None:
        """Run what waited for the write, in order, until one of them starts a write of its own."""
        while self._in_flight is None and self._waiting:
            self._waiting.popleft()()

    def on_write_saved(self, message: WriteSaved) -> None:
        pending = self._landed(message.ticket)
        if pending is not None:
            try:
                pending.saved(message.result)
            finally:
                self._next()

    def on_write_refused(self, message: WriteRefused) -> None:
        pending = self._landed(message.ticket)
        if pending is not None:
            try:
                (pending.refused or self.say_not_saved)(message.error)
            finally:
                self._next()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A write worker that failed with something no write should raise: one line, no traceback,
        nothing shown as saved; the writes waiting behind it go on."""
        worker = event.worker
        if worker.group != WRITE_GROUP or event.state != WorkerState.ERROR:
            return
        pending = self._in_flight
        if pending is None or pending.worker is not worker:
            return
        self._landed(pending.ticket)
        error = worker.error
        self.app.bell()
        self.status.say(
            ("Not saved: ", "bold $text-error"), (one_line(f"the write failed ({type(error).__name__}: {error})"), "")
        )
        self._next()

    @after_writes
    def action_undo(self) -> None:
        self._undo_or_redo("undo")

    @after_writes
    def action_redo(self) -> None:
        self._undo_or_redo("redo")

    def _undo_or_redo(self, write: str) -> None:
        """Undo or redo (`write`) the last change in the worker; "Nothing to undo." when there is
        none, else the screen's `show_undone(change, write)` says what changed and shows it."""

        def saved(change: Change | None) -> None:
            if change is None:
                self.app.bell()
                self.status.say((f"Nothing to {write}.", "$text-muted"))
            else:
                self.show_undone(change, write)

        self.save(write, saved=saved)

    def show_undone(self, change: Change, write: str) -> None:
        """Show the claims a change undone or redone (`write`) touched, and say what it was."""
        raise NotImplementedError(f"{type(self).__name__} undoes but does not show what it undid")

    def say_not_saved(self, error: Exception) -> None:
        """Say on the status line why a write was not made."""
        self.app.bell()
        if isinstance(error, StoreError):
            self.status.say((error.heading, "bold $text-error"), (one_line(error.brief), ""))
        else:
            self.status.say(("Not saved: ", "bold $text-error"), (one_line(str(error)), ""))
