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


def write_report(store, fmt: str, fp: TextIO, *, pieces: bool = True) -> None:
    """Write the database behind `store` to `fp` in `fmt`, every query in one read snapshot.

    ClaimReview reads the configuration beside the database first (`read_config`), so that a bad
    workbench.toml stops the export before anything is written. A Markdown or HTML report of a
    large database is rendered in two pieces at once: a second process renders the later
    clusters and the sections after them while this one renders the rest (`ReportTail`), and
    the pieces are one report, read from one snapshot; `pieces=False` renders it all here."""
    from workbench.store.report_queries import ReportQueries

    writer = _WRITERS[fmt]
    if fmt == "claimreview":
        config = read_config(Path(store.path))
        writer = lambda queries, fp: _claimreview(queries, fp, config)  # noqa: E731
    queries = ReportQueries(store.db.conn, Path(store.path).name)
    tail = ReportTail.for_report(queries, Path(store.path), fmt) if pieces and fmt in _BODIES else None
    try:
        with queries.snapshot():
            if tail is None:
                writer(queries, fp)
            else:
                queries.claim_count()  # this process's snapshot begins, and then the other's
                tail.start(queries)
                writer(queries, fp, tail)
    finally:
        if tail is not None:
            tail.close()


# A report of at least this many claims is rendered in two pieces at once: below it, starting a
# second Python process (about 0.3 s) costs more than it saves.
PIECES_FROM_CLAIMS = 20_000
# What each thing the report lists costs to render, in units of about 5 µs, fitted to two
# databases of Reuters-21578 newswire (149,013 claims, 92,099 of them in 19,187 clusters, 18,826
# documents), one unreviewed and one with a fifth of its claims reviewed: a claim shown as
# evidence (a cluster member, or a claim checked on its own or unverified, with its passage and
# facts) 80-135 µs; a row of a table (an unreviewed claim, a disagreement, an orphaned decision)
# 21-42 µs; a document in the appendix 34-68 µs. The cut between the pieces is put where each has
# about half the work; a poor guess makes an export slower, never different.
EVIDENCE_COST, ROW_COST, DOCUMENT_COST = 16, 6, 10
# And each cluster, beside its members: its heading, facts and table of values, and in HTML its
# dot plot (fitted so on the two databases: about 50 µs in Markdown, 130 µs in HTML).
CLUSTER_COST = {"md": 10, "html": 26}


def balanced_cut(sizes: list[int], after: float, cluster_cost: float = 0) -> int:
    """How many clusters the first piece renders, given the clusters' sizes in the report's order
    and the work of the sections after the clusters (`work_after_clusters`), which the second
    piece renders with the clusters after the cut: the fewest that are half the work, each
    cluster `cluster_cost` and its members' evidence."""
    half = (EVIDENCE_COST * sum(sizes) + cluster_cost * len(sizes) + after) / 2
    work = 0
    for count, size in enumerate(sizes):
        if work >= half:
            return count
        work += cluster_cost + EVIDENCE_COST * size
    return len(sizes)


def choose_cut(queries, fmt: str, sizes: list[int] | None = None, evidence: int | None = None) -> int:
    """The cut between the pieces of the report in `fmt` that `queries` read, each about half the
    work; `sizes` (the clusters' sizes) and `evidence` (`evidence_after_clusters`), when counted
    already."""
    sizes = list(queries.cluster_sizes()) if sizes is None else sizes
    return balanced_cut(sizes, work_after_clusters(queries, evidence), CLUSTER_COST.get(fmt, 0))


def evidence_after_clusters(queries) -> int:
    """How many claims the sections after the clusters show as evidence: those checked on their
    own, and the unverified ones."""
    from workbench.core.report.model import CHECKED_ALONE, UNVERIFIED

    return queries.count_claims(CHECKED_ALONE) + queries.count_claims(UNVERIFIED)


def work_after_clusters(queries, evidence: int | None = None) -> float:
    """The work of the report's sections after the clusters, in the units of the costs above;
    `evidence`: the claims those sections show as evidence, when counted already."""
    if evidence is None:
        evidence = evidence_after_clusters(queries)
    summary = queries.summary()
    rows = summary.unreviewed + summary.disagreements + summary.orphaned
    return EVIDENCE_COST * evidence + ROW_COST * rows + DOCUMENT_COST * summary.documents


class ReportTail:
    """The second piece of a report (the clusters after the cut, and every section after them),
    rendered by a second process (`python -m workbench.export`) from its own connection while
    this process renders the first piece.

    The two are one report only if both read the same database: a CommitWatch is made before
    either snapshot begins and looked at once the other process says its snapshot has begun, and
    a commit in between (a reviewer deciding just then), or any failure of the other process,
    leaves the tail to be rendered here, as if there were no second process."""

    def __init__(self, path: Path, fmt: str) -> None:
        import tempfile

        from workbench.store.report_queries import CommitWatch

        self._path = path
        self._fmt = fmt
        self._watch = CommitWatch(path)
        fd, name = tempfile.mkstemp(prefix="workbench-report-", suffix=FORMATS[fmt])
        os.close(fd)
        self._output = Path(name)
        self._process = None
        self._waiter = None
        self._same_snapshot = False
        self._sent_cut: int | None = None  # the cut the other process chose
        self.cut: int | None = None  # clusters in the first piece, once its clusters begin

    @classmethod
    def for_report(cls, queries, path: Path, fmt: str) -> ReportTail | None:
        """A tail for a report of this database when one is worth its process: a database file
        of PIECES_FROM_CLAIMS claims or more, on a machine with a second core."""
        if _cores() < 2 or not queries.reads_a_file() or queries.claim_count() < PIECES_FROM_CLAIMS:
            return None
        try:
            return cls(path.resolve(), fmt)
        except Exception:  # no watch or no temporary file: render the report in one piece
            return None

    def start(self, queries) -> None:
        """Start the other process, then count the report's summary and send it there (on its
        standard input); call it inside this process's snapshot, once that has begun. The other
        process begins its snapshot, says so, counts the clusters' sizes meanwhile, and chooses
        the cut once it has the summary; this process renders the report's first sections and
        asks for the cut (`first_cut`) only where its clusters begin."""
        import pickle
        import subprocess
        import threading

        try:
            self._process = subprocess.Popen(
                tail_command(self._path, self._fmt, self._output),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self._process = None
            return
        self._waiter = threading.Thread(target=self._await_snapshot_and_cut, name="report-tail", daemon=True)
        self._waiter.start()
        summary = queries.summary()
        try:
            with self._process.stdin as pipe:
                pickle.dump(summary, pipe)
        except Exception:  # noqa: BLE001 - it has gone already: first_cut and copy_into find it failed
            pass

    def _await_snapshot_and_cut(self) -> None:
        """Read the other process's word that its snapshot has begun, look at the watch, then read
        the cut it chose; either missing, and the tail is this process's to render."""
        try:
            if self._process.stdout.readline().strip() == b"ready":
                self._same_snapshot = self._watch.unchanged()
                self._sent_cut = int(self._process.stdout.readline())
        except Exception:
            self._same_snapshot = False

    def first_cut(self, queries) -> int:
        """How many clusters the first piece renders: the cut the other process chose, once it has
        sent it; chosen here when it sent none (the tail is then rendered here too)."""
        if self._waiter is not None:
            self._waiter.join()
        if self.cut is None:
            self.cut = self._sent_cut if self._sent_cut is not None else choose_cut(queries, self._fmt)
        return self.cut

    def copy_into(self, fp: TextIO) -> bool:
        """Append the tail to `fp` once the other process has written it from this process's
        snapshot; False (nothing written) when it did not, and the tail is the caller's to render."""
        import shutil

        if self._process is None:
            return False
        self._waiter.join()
        if self._process.wait() != 0 or not self._same_snapshot or self._sent_cut is None:
            return False
        with open(self._output, encoding="utf-8", newline="") as piece:
            shutil.copyfileobj(piece, fp, 1 << 16)
        return True

    def close(self) -> None:
        """Stop the other process if it still runs, and remove its piece and the watch."""
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()
            try:
                self._process.stdout.close()
            except OSError:
                pass
        if self._waiter is not None:
            self._waiter.join()
        self._watch.close()
        self._output.unlink(missing_ok=True)


def tail_command(db: Path, fmt: str, output: Path) -> list[str]:
    """The command line of the process that renders a report's second piece (`_render_tail`)."""
    import sys

    return [sys.executable, "-m", "workbench.export", str(db), fmt, str(output)]


def _cores() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _render_tail(argv: list[str]) -> int:
    """The other process of a report in two pieces: `DB FORMAT OUTPUT`. Prints "ready" once its
    snapshot has begun, reads the report's summary the first process counted (pickled, on its
    standard input), prints the cut it chose (how many clusters the first piece renders) on a
    line of its own, writes the report's second piece to OUTPUT, and exits 0; anything else, and
    the first process renders the piece itself."""
    import pickle
    import sys

    from workbench.core.report.sections import report_blocks
    from workbench.store.db import open_store
    from workbench.store.report_queries import ReportQueries

    parent = os.getppid()
    output = None
    try:
        db, fmt, output = argv
        with open_store(Path(db), create=False, read_only=True) as store:
            queries = ReportQueries(store.db.conn, Path(store.path).name)
            with queries.snapshot():
                queries.claim_count()  # the snapshot begins
                print("ready", flush=True)
                sizes = list(queries.cluster_sizes())  # while the export counts the summary
                evidence = evidence_after_clusters(queries)
                queries.use_summary(pickle.load(sys.stdin.buffer))  # counted from the same snapshot
                cut = choose_cut(queries, fmt, sizes, evidence)
                print(cut, flush=True)
                write, charts = _BODIES[fmt]()
                blocks = report_blocks(queries, cut=cut, second=True, charts=charts)
                with open(output, "w", encoding="utf-8", newline="\n") as fp:
                    write(fp, while_parent_lives(blocks, parent))
    except BaseException:  # noqa: BLE001 - whatever went wrong, the first process renders the tail
        if output is not None and os.getppid() != parent:  # nobody is left to remove the piece
            Path(output).unlink(missing_ok=True)
        return 1
    return 0


def while_parent_lives(blocks, parent: int, every: int = 2000):
    """The blocks, stopping (ParentGone) once the process `parent` has gone: the second piece of
    a report whose export was killed is not rendered to its end for nobody."""
    for count, block in enumerate(blocks):
        if count % every == 0 and os.getppid() != parent:
            raise ParentGone(parent)
        yield block


class ParentGone(Exception):
    """The export that started this process has ended."""


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


def _markdown(queries, fp: TextIO, tail: ReportTail | None = None) -> None:
    _report_body(queries, fp, "md", tail)


def _html(queries, fp: TextIO, tail: ReportTail | None = None) -> None:
    from workbench.core.report.sections import REPORT_TITLE
    from workbench.core.report.as_html import HTML_TAIL, html_head

    fp.write(html_head(f"{REPORT_TITLE}: {queries.database}"))
    _report_body(queries, fp, "html", tail)
    fp.write(HTML_TAIL)


def _report_body(queries, fp: TextIO, fmt: str, tail: ReportTail | None) -> None:
    """The report's blocks in `fmt`: all of them, or the first piece and then the tail's (or,
    when the other process did not render it, the second piece rendered here)."""
    from workbench.core.report.sections import report_blocks

    write, charts = _BODIES[fmt]()
    write(fp, report_blocks(queries, cut=None if tail is None else lambda: tail.first_cut(queries), charts=charts))
    if tail is not None and not tail.copy_into(fp):
        write(fp, report_blocks(queries, cut=tail.first_cut(queries), second=True, charts=charts))


def _markdown_body():
    from workbench.core.report.as_markdown import write_markdown

    return write_markdown, False  # Markdown draws no charts: the table beside them has the values


def _html_body():
    from workbench.core.report.as_html import write_html_blocks

    return write_html_blocks, True


# The formats a report may be rendered in two pieces in: each one's writer of blocks, and
# whether it draws the clusters' charts (loaded when an export runs).
_BODIES: dict[str, Callable] = {"md": _markdown_body, "html": _html_body}


def _json(queries, fp: TextIO) -> None:
    from workbench.core.report.as_json import write_export_json
    from workbench.core.frames import FrameReader
    from workbench.store.clusters import document_loader
    from workbench.store.report_queries import ExportFrames

    frames = ExportFrames(queries.conn, FrameReader(document_loader(queries.conn)))
    write_export_json(
        fp,
        queries.export_documents(),
        queries.export_claims(),
        queries.export_clusters(frames),
        decisions=queries.decisions(),
        review_log=queries.review_log(),
        orphaned_decisions=queries.orphaned_decisions(),
        agreement=queries.agreements(),
        frame_of=frames,
        corrections=queries.export_corrections(),
        final_verdicts=queries.export_final_verdicts(),
        in_dispute=queries.export_in_dispute(),
        frames_with_clusters=True,
    )


# From this many claims whose frames are not stored, a JSON export says why it takes longer: at
# about 0.1 ms a claim on newswire, fewer cost under a tenth of a second.
FRAMES_NOTICE_FROM = 1000


def frames_notice(store, fmt: str) -> str | None:
    """What to tell the user before an export in `fmt` that reads many claims' quantity frames
    from the text (a database matched by an older version), and how to store them; else None."""
    from workbench.store.report_queries import ReportQueries

    if fmt != "json":
        return None
    missing = ReportQueries(store.db.conn, Path(store.path).name).claims_without_frames()
    if missing < FRAMES_NOTICE_FROM:
        return None
    return (
        f"reading the quantity frames of {missing:,} claims from their text, since this database holds none"
        " for them; `workbench match` stores them, and the next export is quicker"
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


if __name__ == "__main__":  # the second process of a report rendered in two pieces (ReportTail)
    import sys

    sys.exit(_render_tail(sys.argv[1:]))
