"""The review workbench: a Textual app over one claims database and one reviewer."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from functools import partial
from time import perf_counter, thread_time

from textual.app import App, SystemCommand
from textual.markup import escape
from textual.screen import Screen

from workbench.core.gc_pause import thaw_survivors
from workbench.store.adjudication import AdjudicationStore
from workbench.store.review.store import migrate, ReviewStore
from workbench.store.versions import needs_migration
from workbench.tui.commands import ReviewCommands
from workbench.tui.keys import ADJUDICATION_KEYS, REVIEW_KEYS, key_names
from workbench.tui.screens import AdjudicationScreen, ReviewScreen
from workbench.tui.startup import EarlyStart, default_reviewer

TRACE_ENV = "WORKBENCH_TRACE"  # a file to append timings and acknowledged decisions to (bench, tests)


class ReviewApp(App):
    """Judge every claim of a database next to its source, from the keyboard."""

    CSS_PATH = "app.tcss"
    TITLE = "workbench"
    COMMANDS = App.COMMANDS | {ReviewCommands}

    def __init__(
        self,
        db_path: str | os.PathLike,
        reviewer: str | None = None,
        *,
        trace_path: str | None = None,
        early: EarlyStart | None = None,
        adjudicator: bool = False,
        blind: bool = False,
    ):
        super().__init__()
        self.db_path = os.fspath(db_path)
        self.reviewer = reviewer or default_reviewer()
        self.adjudicator = adjudicator  # open the adjudication screen: final verdicts on disagreements
        self.blind = blind  # hide other reviewers' verdicts on a claim until decided (also stored by assign --blind)
        self.early = early if early is not None and early.reviewer == self.reviewer and not adjudicator else None
        self.store: ReviewStore | None = None
        trace_path = trace_path or os.environ.get(TRACE_ENV)
        self._trace = open(trace_path, "a", buffering=1, encoding="utf-8") if trace_path else None

    def on_mount(self) -> None:
        if self.early is not None:
            self.early.migrated.wait()
        if needs_migration(self.db_path):
            migrate(self.db_path)
        if self.adjudicator:
            self.store = AdjudicationStore(self.db_path, self.reviewer)
            self.push_screen(AdjudicationScreen(self.store))
            return
        self.store = ReviewStore(self.db_path, self.reviewer)
        self.push_screen(ReviewScreen(self.store, self.store.load_session(), blind=self.blind))

    def on_unmount(self) -> None:
        thaw_survivors()  # the review screen froze what was alive once it had started
        if self.store is not None:
            self.store.close()
        if self._trace is not None:
            self._trace.close()
            self._trace = None

    @property
    def review(self) -> ReviewScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, ReviewScreen)), None)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        keys = (
            REVIEW_KEYS
            if isinstance(screen, ReviewScreen)
            else (ADJUDICATION_KEYS if isinstance(screen, AdjudicationScreen) else ())
        )
        if keys:
            for section, binding in keys:
                yield SystemCommand(
                    binding.description,
                    escape(f"{section} · key {key_names(binding)}"),
                    partial(screen.run_action, binding.action),
                )

    def trace_after_refresh(self, event: str, started: tuple[float, float], **data) -> None:
        """Record, once the screen has been redrawn, how long an action took (only when tracing)."""
        if self._trace is not None:
            self.call_after_refresh(self._write_trace, event, started, data)

    def _write_trace(self, event: str, started: tuple[float, float], data: dict) -> None:
        if self._trace is not None:
            wall, cpu = started
            record = {
                "event": event,
                "ms": (perf_counter() - wall) * 1000,
                "cpu_ms": (thread_time() - cpu) * 1000,
                "t": time.time(),
                "cpu_s": time.process_time(),
                **data,
            }
            self._trace.write(json.dumps(record) + "\n")


def run_review(db_path: str, reviewer: str | None = None, adjudicator: bool = False, blind: bool = False) -> int:
    """Open the review UI on `db_path` as `reviewer` (default: the login name); the exit status."""
    from workbench.tui import run_review as run

    return run(db_path, reviewer, adjudicator, blind)
