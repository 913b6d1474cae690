"""The store's one exception, and the translation of SQLite's errors into words a user can act on."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class StoreError(Exception):
    """A database problem the user can act on, told in one line that names the file and the reason.

    `brief` is the same line naming the file by its name alone, for a screen too narrow for a long
    path (the review UI's status line); `heading` is what that status line starts it with."""

    heading = "Not saved: "

    def __init__(self, message: str, *, brief: str | None = None):
        super().__init__(" ".join(message.split()))
        self.brief = " ".join(brief.split()) if brief is not None else str(self)


def _reasons(path: Path, busy_timeout_ms: int) -> dict[int, str]:
    """Messages for the SQLite result codes that mean something about the file, not a bug."""
    seconds = f"{busy_timeout_ms / 1000:g}"
    return {
        sqlite3.SQLITE_BUSY: f"{path} is locked by another program (waited {seconds} s); try again later",
        sqlite3.SQLITE_LOCKED: f"{path} is locked by another connection; try again when it is done",
        sqlite3.SQLITE_READONLY: f"cannot write to {path}: the database is read-only",
        sqlite3.SQLITE_NOTADB: f"{path} is not a workbench database (not SQLite)",
        sqlite3.SQLITE_CORRUPT: f"{path} is damaged: SQLite reports it as corrupt",
        sqlite3.SQLITE_FULL: f"cannot write to {path}: the disk is full",
        sqlite3.SQLITE_IOERR: f"cannot read or write {path}: disk I/O error",
        sqlite3.SQLITE_CANTOPEN: f"cannot open {path}",
    }


def reason_for(error: sqlite3.Error, path: Path, busy_timeout_ms: int = 5000) -> str | None:
    """The user-facing reason for a SQLite error about the file, or None when it is a programming error."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return None
    return _reasons(path, busy_timeout_ms).get(code & 0xFF)


@contextmanager
def sqlite_errors(path: Path, busy_timeout_ms: int = 5000) -> Iterator[None]:
    """Turn SQLite errors about the database file into StoreError; let genuine bugs through."""
    try:
        yield
    except sqlite3.Error as error:
        reason = reason_for(error, path, busy_timeout_ms)
        if reason is None:
            raise
        raise StoreError(reason, brief=reason_for(error, Path(Path(path).name), busy_timeout_ms)) from error


class MissingDatabase(StoreError):
    """There is no database file at the path, and the command reads one rather than creating it."""


class RejectedDocument(StoreError):
    """One document cannot be stored (its claim ids clash, or it is unclear what it replaces); the rest can."""


class ClaimGone(StoreError):
    """A reviewer acted on claims that a re-ingest removed after their screen showed them.

    `kept` says whether the verdict or note was stored anyway, as an orphaned decision that keeps
    what the claim said; `heading` is what the review UI's status line starts with."""

    def __init__(self, message: str, *, kept: bool):
        super().__init__(message)
        self.kept = kept
        self.heading = "Claim gone: " if kept else "Not saved: "
