"""The review UI's screens, one file each: the review screen, where a reviewer spends the day,
and the dialogs it opens (help, note, search, filter, jump to a cluster, the review log); and the
adjudication screen with its final verdict dialog.

Everything is importable from here as it was from the single `screens` module."""

from __future__ import annotations

from workbench.tui.messages import OrderLoaded
from workbench.tui.screens.adjudicate import AdjudicationScreen
from workbench.tui.screens.correct import CorrectScreen
from workbench.tui.screens.dialog import Dialog
from workbench.tui.screens.final_verdict import FinalVerdictScreen
from workbench.tui.screens.filter import CheckList, FilterScreen
from workbench.tui.screens.help import APP_KEYS, HELP_SECTIONS, HelpScreen
from workbench.tui.screens.jump import JumpScreen
from workbench.tui.screens.log import LogScreen
from workbench.tui.screens.note import NoteScreen
from workbench.tui.screens.review import VERDICT_CYCLE, ReviewScreen, first_claim, label_groups, stopwatch
from workbench.tui.screens.search import SearchScreen

__all__ = [
    "APP_KEYS",
    "HELP_SECTIONS",
    "VERDICT_CYCLE",
    "AdjudicationScreen",
    "CheckList",
    "CorrectScreen",
    "Dialog",
    "FilterScreen",
    "FinalVerdictScreen",
    "HelpScreen",
    "JumpScreen",
    "LogScreen",
    "NoteScreen",
    "OrderLoaded",
    "ReviewScreen",
    "SearchScreen",
    "first_claim",
    "label_groups",
    "stopwatch",
]
