"""Exporting a database in each of the report's formats: the store's streaming queries handed to
the core's renderers, for the `export` command and the review UI's command palette alike.

Importing this module is cheap; the store and the renderers load when an export runs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

FORMATS = {  # format -> file extension
    "md": ".md",
    "html": ".html",
    "json": ".json",
    "csv": ".csv",
    "claimreview": ".jsonld",
}
FORMAT_NAMES = {"md": "Markdown", "html": "HTML", "json": "JSON", "csv": "CSV", "claimreview": "ClaimReview JSON-LD"}
DEFAULT_FORMAT = "md"
_EXTENSIONS = {**{ext: fmt for fmt, ext in FORMATS.items()}, ".markdown": "md", ".htm": "html"}


def format_of_path(path: Path) -> str | None:
    """The format a file name asks for by its extension (report.html -> html), or None."""
    return _EXTENSIONS.get(path.suffix.lower())


def report_path(db_path: Path, fmt: str) -> Path:
    """Where the review UI writes a report: beside the database, named after it (claims-report.html)."""
    return db_path.with_name(f"{db_path.stem}-report{FORMATS[fmt]}")


def write_report(store, fmt: str, fp: TextIO) -> None:
    """Write the database behind `store` to `fp` in `fmt`, every query in one read snapshot.

    ClaimReview reads the configuration beside the database first (`read_config`), so that a bad
    workbench.toml stops the export before anything is written."""
    from workbench.store.report_queries import ReportQueries

    writer = _WRITERS[fmt]
    if fmt == "claimreview":
        config = read_config(Path(store.path))
        writer = lambda queries, fp: _claimreview(queries, fp, config)  # noqa: E731
    queries = ReportQueries(store.db.conn, Path(store.path).name)
    with queries.snapshot():
        writer(queries, fp)


def config_path(db_path: Path) -> Path:
    """Where the configuration of the database at `db_path` lives: workbench.toml beside it."""
    from workbench.core.config import FILE_NAME

    return Path(db_path).parent / FILE_NAME


def read_config(db_path: Path):
    """The configuration in effect for the database at `db_path`: its workbench.toml, or the
    defaults when there is none. A file that cannot be read or used raises ConfigError, one line."""
    from workbench.core.config import DEFAULT, ConfigError, parse_config

    path = config_path(db_path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return DEFAULT
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    return parse_config(text, str(path))


def _markdown(queries, fp: TextIO) -> None:
    from workbench.core.report.sections import report_blocks
    from workbench.core.report.as_markdown import write_markdown

    write_markdown(fp, report_blocks(queries))


def _html(queries, fp: TextIO) -> None:
    from workbench.core.report.sections import REPORT_TITLE, report_blocks
    from workbench.core.report.as_html import write_html

    write_html(fp, report_blocks(queries), title=f"{REPORT_TITLE}: {queries.database}")


def _json(queries, fp: TextIO) -> None:
    from workbench.core.report.as_json import write_export_json
    from workbench.core.frames import FrameReader
    from workbench.store.clusters import document_loader

    write_export_json(
        fp,
        queries.export_documents(),
        queries.export_claims(),
        queries.export_clusters(),
        decisions=queries.decisions(),
        review_log=queries.review_log(),
        orphaned_decisions=queries.orphaned_decisions(),
        agreement=queries.agreements(),
        frame_of=FrameReader(document_loader(queries.conn)),
        corrections=queries.export_corrections(),
        final_verdicts=queries.export_final_verdicts(),
        in_dispute=queries.export_in_dispute(),
    )


def _csv(queries, fp: TextIO) -> None:
    from workbench.core.report.as_csv import write_report_csv
    from workbench.core.report.model import ALL

    write_report_csv(fp, queries.claims(ALL, passages=False))


def _claimreview(queries, fp: TextIO, config=None) -> None:
    from workbench.core.config import DEFAULT
    from workbench.core.report.as_claimreview import write_claimreview
    from workbench.core.report.model import REVIEWED_ALONE

    write_claimreview(
        fp,
        queries.clusters(reviewed_only=True, passages=False, sentences=True),
        queries.claims(REVIEWED_ALONE, passages=False, sentences=True),
        config or DEFAULT,
    )


_WRITERS: dict[str, Callable] = {
    "md": _markdown,
    "html": _html,
    "json": _json,
    "csv": _csv,
    "claimreview": _claimreview,
}


def write_atomically(path: Path, write: Callable[[TextIO], None]) -> None:
    """Write a file through a temporary sibling, so a failed export leaves no half-written file.

    An OSError names the file: "cannot write: <reason>", with `filename` set to `path`.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    remove_stale_temporaries(path)
    try:
        with open(temporary, "w", encoding="utf-8", newline="\n") as fp:
            write(fp)
        os.replace(temporary, path)
    except OSError as error:
        raise OSError(error.errno, f"cannot write: {error.strerror or error}", str(path)) from None
    finally:
        if temporary.exists():
            temporary.unlink()


def write_whole(out: TextIO, write: Callable[[TextIO], None]) -> None:
    """Write to `out` (standard output) only once the whole export is written, through a temporary
    file that keeps memory constant: an export that fails half-way writes nothing there, rather
    than a truncated page that looks complete to the next program in the pipe."""
    import shutil
    import tempfile

    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") as spool:
        write(spool)
        spool.seek(0)
        shutil.copyfileobj(spool, out, 1 << 16)


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Delete the temporary files a killed export of `path` left (`.NAME.PID.tmp`, PID no longer
    running); another export still writing keeps its own. The paths removed."""
    removed = []
    try:
        candidates = list(path.parent.glob(f".{glob_escape(path.name)}.*.tmp"))
    except OSError:
        return removed
    for candidate in candidates:
        pid = candidate.name[len(path.name) + 2 : -len(".tmp")]
        if not pid.isdigit() or (int(pid) != os.getpid() and _running(int(pid))):
            continue
        try:
            candidate.unlink()
            removed.append(candidate)
        except OSError:
            pass
    return removed


def glob_escape(name: str) -> str:
    """A file name as a glob pattern that matches only itself."""
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in name)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def export_report_file(db_path: str | os.PathLike, fmt: str, path: Path | None = None) -> Path:
    """Export the database at `db_path` in `fmt` to `path` (default: beside it); the path written."""
    from workbench.store.db import open_store

    db_path = Path(db_path)
    path = report_path(db_path, fmt) if path is None else path
    with open_store(db_path, create=False, read_only=True) as store:
        write_atomically(path, lambda fp: write_report(store, fmt, fp))
    return path
