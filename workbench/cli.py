"""The command line: thin click commands that parse arguments, call the library and format output.

Data goes to standard output; progress and errors go to standard error, one line each, as
`workbench: <file>: <reason>`. The exit status is 0 on success, 1 when some input was rejected
or the database cannot be used, 2 on a usage error. Heavy modules are imported inside the
commands so that `workbench --help` answers at once.
"""

from __future__ import annotations

import csv
import io
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workbench.core.model import KINDS, READING_FIELDS, DocumentRow
from workbench.core.safe_text import terminal_line
from workbench.export import DEFAULT_FORMAT as DEFAULT_REPORT_FORMAT
from workbench.export import FORMATS as REPORT_FORMATS
from workbench.export import format_of_path
from workbench.terminal import table

if TYPE_CHECKING:  # for annotations only: the commands import what they run when they run
    from workbench.core.agreement import Alpha
    from workbench.store.agreement import ReviewerAgreement

DEFAULT_DB = "claims.db"
DB_ENVVAR = "WORKBENCH_DB"
PROGRESS_MIN_FILES = 20  # more files than this: show the progress bar at once
PROGRESS_MIN_SECONDS = 0.5  # fewer: show it once the work has taken this long
SUMMARY_MAX_DOCUMENTS = 50
CLAIM_COLUMNS = (
    ("doc", 24, "<"),
    ("start-end", 11, "<"),
    ("kind", 10, "<"),
    ("value", 16, "<"),
    ("qualifier", 11, "<"),
    ("surface", 24, "<"),
    ("subject", 40, "<"),
)
CSV_FIELDS = (
    "id",
    "doc",
    "start",
    "end",
    "kind",
    *READING_FIELDS,
    "surface",
    "subject",
    "section",
    "speaker",
    "period",
    "note",
)


class Failure(click.ClickException):
    """A problem the user can act on: one line on standard error, exit status 1."""

    exit_code = 1

    def show(self, file=None) -> None:
        click.echo(f"workbench: {terminal_line(self.message)}", err=True)


class _Group(click.Group):
    """Turns any error that escapes a command into one line and exit status 1: never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            _silence_stdout()  # the reader went away (`| head`): stop quietly
            ctx.exit(1)
        except Exception as error:
            raise _failure(error) from error


def _failure(error: Exception) -> Failure:
    from workbench.core.config import ConfigError
    from workbench.core.documents import DocumentError
    from workbench.store.errors import StoreError

    if isinstance(error, (StoreError, DocumentError, ConfigError)):
        return Failure(str(error))
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return Failure(f"{where}{error.strerror or error}")
    if os.environ.get("WORKBENCH_DEBUG"):
        raise error
    return Failure(
        f"internal error ({type(error).__name__}: {error}); please report it, "
        "and set WORKBENCH_DEBUG=1 to see the details"
    )


def _silence_stdout() -> None:
    """Point standard output at /dev/null so that Python's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def _report(path: str | Path, reason: str) -> None:
    """One rejected input, on one line of standard error."""
    click.echo(f"workbench: {terminal_line(path)}: {terminal_line(reason)}", err=True)


# --------------------------------------------------------------------------- options

db_option = click.option(
    "--db",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help=f"The claims database. Default: ${DB_ENVVAR}, else ./{DEFAULT_DB}.",
)


def database_path(db: Path | None) -> Path:
    """--db, else the --db given before the command, else $WORKBENCH_DB, else ./claims.db."""
    if db is not None:
        return db
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx is not None else None
    if root is not None and root.params.get("db") is not None:
        return root.params["db"]
    return Path(os.environ.get(DB_ENVVAR) or DEFAULT_DB)


def open_database(db: Path | None, *, create: bool = True, read_only: bool = False):
    """The Store at the database path; a one-line Failure if it cannot be opened. `read_only` for
    commands that only read: they never change the file, whatever its schema or folder."""
    from workbench.store.db import StoreError, open_store
    from workbench.store.errors import MissingDatabase

    path = database_path(db)
    try:
        return open_store(path, create=create, read_only=read_only)
    except MissingDatabase:
        raise Failure(f"no database at {path}; ingest some documents first: workbench ingest PATH") from None
    except StoreError as error:
        raise Failure(str(error)) from None


def default_seeds() -> Path:
    """./seeds if there is one, else the seeds/ folder of the repository the package sits in."""
    for folder in (Path("seeds"), Path(__file__).resolve().parent.parent / "seeds"):
        if folder.is_dir():
            return folder
    raise Failure(
        "no seeds/ folder here or beside the workbench package; name what to ingest: workbench ingest PATH ..."
    )


# --------------------------------------------------------------------------- commands


@click.group(
    cls=_Group,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Run `workbench COMMAND --help` for the options and an example of each command.",
)
@click.version_option(package_name="workbench", prog_name="workbench")
@db_option
@click.pass_context
def main(ctx: click.Context, db: Path | None) -> None:
    """Check the numbers that a set of documents state.

    With no command, ingest the five seed documents in seeds/ into the database if it holds no
    documents yet, then open the review UI. Without a terminal (a pipe, a script, CI) it prints a
    summary of what the database holds instead.

    \b
    Example:
      workbench                      # ingest seeds/ into ./claims.db if empty, then review
      workbench ingest reports/ --db checks.db
    """
    if ctx.invoked_subcommand is not None:
        return
    interactive = _interactive()
    if interactive:
        ready = _reviewable(db)
        if ready is not None:  # documents already stored: straight to the UI
            ctx.exit(_review(ready, None))
    with open_database(db) as store:
        if interactive:
            report = run_ingest(store, [default_seeds()]) if not store.documents() else None
            path = str(store.path)
        else:  # ingest is idempotent: stored seeds are skipped by their hash
            report = run_ingest(store, [default_seeds()])
            click.echo(ingest_summary(report, store.path))
            click.echo()
            for line in database_summary(store):
                click.echo(line)
    if interactive:
        ctx.exit(_review(path, None))
    click.echo()
    click.echo(
        "Next: `workbench review` opens the review UI; `workbench claims` lists every claim; "
        "`workbench export -o claims.json` writes the JSON export."
    )
    if report is not None and report.rejected:
        ctx.exit(1)


def _interactive() -> bool:
    """Whether a person is at a terminal (the UI needs one); CI and pipes get text instead."""
    return sys.stdin.isatty() and sys.stdout.isatty() and os.environ.get("CI", "").lower() not in ("1", "true")


def _reviewable(db: Path | None) -> str | None:
    """The database path if it plainly holds documents and no newer workbench made it, checked
    with sqlite3 alone: opening the store loads sqlite-utils (and numpy), a sixth of the UI's
    one-second start-up budget."""
    import sqlite3

    from workbench.store.connection import connect
    from workbench.store.errors import StoreError
    from workbench.store.versions import unknown_migrations

    path = database_path(db)
    if not path.is_file():
        return None
    try:
        conn = connect(path, read_only=True)
        try:
            found = conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() and not unknown_migrations(conn)
        finally:
            conn.close()
    except (sqlite3.Error, StoreError):  # the command that opens it properly says what is wrong
        return None
    return str(path) if found else None


def _review(db_path: str, reviewer: str | None, adjudicator: bool = False, blind: bool = False) -> int:
    from workbench.tui import run_review

    return run_review(db_path, reviewer, adjudicator, blind)


@main.command()
@db_option
@click.option("--reviewer", help="Whose decisions these are (default: your login name).")
@click.option(
    "--adjudicator", is_flag=True, help="Open the disagreements instead: give each the final verdict, with a reason."
)
@click.option(
    "--blind", is_flag=True, help="Hide other reviewers' verdicts and notes on a claim until you have decided it."
)
@click.pass_context
def review(ctx: click.Context, db: Path | None, reviewer: str | None, adjudicator: bool, blind: bool) -> None:
    """Open the review UI: judge each claim next to its source and its cluster.

    Decisions are saved as they are made; reopening the same database as the same reviewer
    returns to the same claim, grouping and filters. Press ? in the UI for every key.

    With --adjudicator, the claims reviewers gave different verdicts are listed with every
    reviewer's verdict and note side by side, and the final verdict is recorded with a reason;
    the report then uses it, and `workbench agreement` still measures only the reviewers.

    \b
    Examples:
      workbench review --db checks.db --reviewer alice
      workbench review --db checks.db --reviewer carol --adjudicator
    """
    path = _reviewable(db)
    if path is None or not sys.stdout.isatty():  # open it properly, for a clear message if it is bad
        with open_database(db, create=False, read_only=True) as store:
            if not store.documents():
                click.echo(
                    f"workbench: {terminal_line(store.path)}: no documents yet; run `workbench ingest` first", err=True
                )
                ctx.exit(1)
            path = str(store.path)
    if not sys.stdout.isatty():
        click.echo("workbench: the review UI needs a terminal", err=True)
        ctx.exit(1)
    ctx.exit(_review(path, reviewer, adjudicator, blind))


@main.command()
@click.argument("paths", nargs=-1, type=str, metavar="[PATH | URL]...")
@db_option
@click.option(
    "--allow-private", is_flag=True, help="Fetch URLs whose host is on a private or loopback address (an intranet)."
)
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], db: Path | None, allow_private: bool) -> None:
    """Read documents, extract their numeric claims and store them.

    PATHS are files or folders (read recursively); the default is seeds/. Text, Markdown,
    HTML, PDF and Word (.docx) files are read, and other files by their content. URLs (http
    and https) are fetched and stored under the URL. A document already stored (the same
    bytes) is skipped, so ingesting twice adds nothing.

    \b
    Example:
      workbench ingest reports/ press-release.html --db checks.db
      workbench ingest https://www.example.org/news/story.html
    """
    from workbench.fetch import looks_like_url

    sources = [given if looks_like_url(given) else Path(given) for given in paths]
    with open_database(db) as store:
        report = run_ingest(store, sources or [default_seeds()], allow_private=allow_private)
        click.echo(ingest_summary(report, store.path))
    if report.rejected:
        ctx.exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "table"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one JSON claim object a line; table: aligned columns for reading.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Also list on standard error each passage not read for claims (furniture, "
    "boilerplate, byline, end marker and what follows it), with its offsets.",
)
@click.pass_context
def extract(ctx: click.Context, files: tuple[Path, ...], fmt: str, explain: bool) -> None:
    """Print the claims of the given files, without storing anything.

    FILES may include folders. The claim objects are those of the JSON export (see the README).
    With --explain, standard error gets a line "NAME: set aside START-END (REASON): TEXT" for each
    passage not read for claims.

    \b
    Example:
      workbench extract article.txt | jq -r '.surface'
    """
    from workbench.core.claims import extract_claims
    from workbench.core.documents import DocumentError, load_document
    from workbench.core.extract.explain import set_aside
    from workbench.ingest import find_files

    rejected = []

    def reject(path, reason):
        rejected.append(path)
        _report(path, reason)

    def claims() -> Iterator:
        for path in find_files(files, reject):
            try:
                doc = load_document(path)
            except DocumentError as error:
                reject(path, str(error))
                continue
            if doc.decoding_note:
                _report(path, doc.decoding_note)
            if explain:
                for part in set_aside(doc):
                    _report(path, f"set aside {part.start}-{part.end} ({part.reason}): {part.text}")
            yield from extract_claims(doc)

    write_claims(claims(), fmt)
    if rejected:
        ctx.exit(1)


@main.command("claims")
@db_option
@click.option(
    "--doc", metavar="NAME", help="Only the claims of this document (file name, name without extension, or id)."
)
@click.option("--kind", type=click.Choice(KINDS), help="Only claims of this kind.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "csv"]),
    default="table",
    show_default=True,
    help="table for reading, jsonl for tools, csv for spreadsheets.",
)
def list_claims(db: Path | None, doc: str | None, kind: str | None, fmt: str) -> None:
    """List the stored claims, document by document.

    \b
    Example:
      workbench claims --kind proportion --format csv > proportions.csv
    """
    with open_database(db, create=False, read_only=True) as store:
        if doc is not None:
            doc = _document_named(store.documents(), doc, store.path)
        write_claims(store.iter_claims(doc=doc, kind=kind), fmt)


def _stem(name: str) -> str:
    """A file name without its extension, as the review UI shows it ("004_b2b30d61333e17b8")."""
    stem, dot, ext = name.rpartition(".")
    return stem if dot and stem and len(ext) <= 4 else name


def _document_named(documents: list[DocumentRow], doc: str, where, param_hint: str = "--doc") -> str:
    """The id of the document `doc` names: its id, its file name, or its name without the
    extension, as the review UI shows it. Otherwise a usage error that lists the valid names."""
    for key in (lambda d: d.id, lambda d: d.name, lambda d: _stem(d.name)):
        found = [d for d in documents if key(d) == doc]
        if len(found) == 1:
            return found[0].id
        if len(found) > 1:
            names = ", ".join(terminal_line(d.name) for d in found)
            raise click.BadParameter(
                f"{terminal_line(doc)!r} names several documents ({names}); give the file name", param_hint=param_hint
            )
    names = sorted(terminal_line(d.name) for d in documents)
    shown = ", ".join(names[:20]) + (f", and {len(names) - 20} more" if len(names) > 20 else "")
    raise click.BadParameter(
        f"no document named {terminal_line(doc)!r} in {terminal_line(where)}; the documents are: {shown or 'none'}",
        param_hint=param_hint,
    )


@main.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(REPORT_FORMATS)),
    default=None,
    help="md: the verification report in Markdown (the default); html: the same report as one "
    "self-contained page; json: the versioned export described in the README; csv: one row per claim; "
    "claimreview: schema.org ClaimReview JSON-LD. With -o FILE and no --format, FILE's extension decides.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default="-",
    metavar="FILE",
    help="Write to FILE instead of standard output; a failed export leaves FILE as it was.",
)
def export(db: Path | None, fmt: str | None, output: Path) -> None:
    """Write the verification report, or the data behind it, for others to read.

    The report says what was checked, what conflicts and on what evidence: a summary, the
    clusters (conflicts first) with each claim's source passage, verdicts, notes, who decided
    and when, then what is unverified or not reviewed yet, and an appendix per document.

    \b
    Example:
      workbench export -o report.html          # the report as a web page
      workbench export --format json -o export.json
      workbench export | less                  # the report in Markdown
    """
    from workbench.export import frames_notice, write_atomically, write_report, write_whole

    to_stdout = str(output) == "-"
    fmt = fmt or (None if to_stdout else format_of_path(output)) or DEFAULT_REPORT_FORMAT
    with open_database(db, create=False, read_only=True) as store:
        notice = frames_notice(store, fmt)
        if notice:
            click.echo(f"workbench: {notice}", err=True)
        if to_stdout:
            write_whole(sys.stdout, lambda fp: write_report(store, fmt, fp))
        else:
            write_atomically(output, lambda fp: write_report(store, fmt, fp))


@main.command("config")
@db_option
def config_command(db: Path | None) -> None:
    """Show the configuration in effect for a database, and where it came from.

    The configuration lives in workbench.toml beside the database (see the README): the
    fact-check's base URL, the fact-checking organization and the rating scale the ClaimReview
    export uses. Without the file, the defaults are in effect.

    \b
    Example:
      workbench config --db checks.db
    """
    from workbench.core.config import describe
    from workbench.export import config_path, read_config

    path = config_path(database_path(db))
    config = read_config(database_path(db))
    where = f"from {path}" if config.origin else f"defaults (no {path})"
    click.echo(f"Configuration: {terminal_line(where)}")
    for line in table(describe(config), (("key", 34, "<"), ("value", 120, "<"))):
        click.echo(line)


@main.command("agreement")
@db_option
@click.option(
    "--reviewers",
    nargs=2,
    metavar="A B",
    help="The two reviewers to compare. Default: the pair that decided the most claims in common.",
)
def agreement_command(db: Path | None, reviewers: tuple[str, str] | None) -> None:
    """How far two reviewers agree, and the claims they disagree on.

    Percent agreement and Cohen's kappa over the verdicts consistent, conflicting and
    unverified, on the claims both reviewers decided, and Krippendorff's alpha over every
    reviewer's verdicts (for more than two reviewers); then each reviewer's count of each
    verdict, and every claim they gave different verdicts, for adjudication.

    \b
    Example:
      workbench agreement --db checks.db --reviewers alice bob
    """
    from workbench.store.agreement import UnknownReviewer, all_reviewers_alpha, reviewer_agreement

    with open_database(db, create=False, read_only=True) as store:
        try:
            result = reviewer_agreement(store.db.conn, *(reviewers or (None, None)))
        except UnknownReviewer as error:
            raise click.BadParameter(terminal_line(str(error)), param_hint="--reviewers") from None
        if result is None:
            raise Failure(f"{store.path}: fewer than two reviewers have given a verdict; nothing to compare")
        for line in agreement_lines(result, all_reviewers_alpha(store.db.conn)):
            click.echo(line)


@main.command("assign")
@click.option(
    "--reviewers",
    "named",
    multiple=True,
    metavar="NAME ...",
    help="The reviewers to share the claims among: --reviewers alice bob carol.",
)
@click.argument("more_reviewers", nargs=-1, metavar="")
@click.option(
    "--overlap",
    type=float,
    default=0.2,
    show_default=True,
    help="The share of the claims (by count, whole clusters) that two reviewers each review.",
)
@click.option("--seed", type=int, help="Seed for the random split, to make it again the same way.")
@click.option(
    "--blind",
    is_flag=True,
    help="Make the review blind: a reviewer sees the others' verdicts on a claim once they have decided it.",
)
@db_option
def assign_command(
    named: tuple[str, ...],
    more_reviewers: tuple[str, ...],
    overlap: float,
    seed: int | None,
    blind: bool,
    db: Path | None,
) -> None:
    """Split the claims nobody has reviewed among reviewers, whole clusters together, so that
    about --overlap of them are seen by two reviewers; each reviewer's space key in the review
    walks their own share first. Running it again assigns only the claims not assigned yet.
    Prints one line per reviewer: the claims in their share, how many are new, how many are
    shared with another reviewer, and how many they have reviewed.

    \b
    Example:
      workbench assign --reviewers alice bob carol --overlap 0.2 --seed 7 --blind
    """
    from workbench.core.assignment import AssignmentError
    from workbench.store.assignment import AssignmentStore
    from workbench.tui.startup import default_reviewer

    names = [*named, *more_reviewers]
    if not names:
        raise click.UsageError("name the reviewers: --reviewers alice bob carol")
    with open_database(db, create=False) as opened:
        path = str(opened.path)
    store = AssignmentStore(path, default_reviewer())
    try:
        shares = store.assign(names, overlap, seed, blind)
    except AssignmentError as error:
        raise click.BadParameter(terminal_line(str(error)), param_hint="--reviewers / --overlap") from None
    finally:
        store.close()
    width = max(len(terminal_line(share.reviewer)) for share in shares)
    for share in shares:
        click.echo(
            f"{terminal_line(share.reviewer):<{width}}  {share.claims:,} claims ({share.new:,} new),"
            f" {share.shared:,} shared with another reviewer, {share.reviewed:,} reviewed"
        )
    if blind:
        click.echo("blind review: each reviewer sees the others' verdicts on a claim once they have decided it")


def agreement_lines(result: ReviewerAgreement, alpha: Alpha | None = None) -> Iterator[str]:
    """`reviewer_agreement`'s figures as a person reads them, then Krippendorff's alpha over every
    reviewer (an `Alpha`, when given), the claims to adjudicate last."""
    from workbench.core.agreement import VERDICTS, describe_kappa

    figures = result.agreement
    a, b = figures.reviewers
    n, agreed = figures.claims, figures.agreed
    yield f"Agreement between {terminal_line(a)} and {terminal_line(b)}: {n} claim{'s' if n != 1 else ''} both decided"
    yield ""
    if n:
        yield f"  percent agreement   {figures.percent_agreement:.1f}% ({agreed} of {n})"
        yield f"  chance agreement    {figures.chance_agreement_percent:.1f}%"
    kappa = figures.kappa
    shown = (
        f"{kappa:.3f} ({describe_kappa(kappa)})"
        if kappa is not None
        else f"undefined: {figures.kappa_undefined_because}"
    )
    yield f"  Cohen's kappa       {shown}"
    if alpha is not None:
        scope = f"nominal, {alpha.claims} claim{'s' if alpha.claims != 1 else ''} decided by two or more reviewers"
        value = (
            f"{alpha.alpha:.3f} ({scope})" if alpha.alpha is not None else f"undefined: {alpha.alpha_undefined_because}"
        )
        yield f"  Krippendorff's alpha {value}"
    if not n:
        return
    yield ""
    counts, matrix = figures.counts, figures.matrix
    yield from table(
        [(v, str(counts[a][v]), str(counts[b][v]), str(matrix[v][v])) for v in VERDICTS],
        (("verdict", 12, "<"), (a, 12, ">"), (b, 12, ">"), ("both", 6, ">")),
    )
    yield ""
    yield from table(
        [(v, *(str(matrix[v][w]) for w in VERDICTS)) for v in VERDICTS],
        ((f"{terminal_line(a)} \u2193 {terminal_line(b)} \u2192", 16, "<"), *((w, 12, ">") for w in VERDICTS)),
    )
    yield ""
    disagreements = result.disagreements
    if not disagreements:
        yield "They agree on every claim both decided."
        return
    yield f"{len(disagreements)} claim{'s' if len(disagreements) != 1 else ''} where they disagree:"
    yield from table(
        ((d.doc, d.surface, *d.verdicts, d.claim_id) for d in disagreements),
        (("document", 24, "<"), ("claim", 24, "<"), (a, 12, "<"), (b, 12, "<"), ("claim id", 24, "<")),
    )


# --------------------------------------------------------------------------- ingest


class IngestProgress:
    """click's progress bar on standard error: only for a person at a terminal, and only for
    work that takes more than a moment (many files, or more than half a second)."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("1", "true")
        self.started = time.monotonic()
        self.bar = None

    def __call__(self, done: int, total: int, path: Path) -> None:
        if self.bar is not None:
            self.bar.update(1)
        elif (
            self.enabled
            and done < total
            and (total > PROGRESS_MIN_FILES or time.monotonic() - self.started > PROGRESS_MIN_SECONDS)
        ):
            self.bar = click.progressbar(
                length=total, label="Ingesting", show_pos=True, file=sys.stderr, update_min_steps=max(1, total // 500)
            )
            self.bar.__enter__()
            self.bar.update(done)

    def error(self, path: str, reason: str) -> None:
        if self.bar is not None:
            click.echo("\r\x1b[2K", err=True, nl=False)  # clear the bar's line; it redraws below
        _report(path, reason)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


class Stopped(BaseException):
    """A signal (SIGINT, SIGTERM, SIGHUP) stopped the ingest: raised where the work is, so that the
    open batch rolls back, the workers exit and the database closes as on any other error."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def stopped_by_signals() -> Iterator[Callable[[], None]]:
    """Turn SIGINT, SIGTERM and SIGHUP into Stopped while the block runs; the old handlers after.

    Yields a check to call at safe points (after each file): it raises Stopped again if the
    first one was raised where Python swallows exceptions (a finaliser, an at-fork hook)."""
    import signal

    received: list[int] = []

    def stop(signum, frame):
        received.append(signum)
        raise Stopped(signum)

    def check() -> None:
        if received:
            raise Stopped(received[0])

    wanted = [getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {signum: signal.signal(signum, stop) for signum in wanted}
    try:
        yield check
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def run_ingest(store, paths: Iterable[Path | str], *, allow_private: bool = False):
    """Ingest with a progress bar and a line on standard error for each rejected input.

    A signal stops it cleanly: the documents committed so far stay (each whole), the workers
    exit, and the process ends with status 128 + the signal's number after one line saying so.
    """
    from workbench.ingest import ingest_paths
    from workbench.store.clusters import match_pending_documents

    progress = IngestProgress()
    try:
        with stopped_by_signals() as check:

            def on_progress(done: int, total: int, path: Path) -> None:
                check()
                progress(done, total, path)

            try:
                report = ingest_paths(
                    store,
                    paths,
                    on_progress=on_progress,
                    on_error=progress.error,
                    on_note=progress.error,
                    allow_private=allow_private,
                )
            finally:
                progress.close()
            check()
            # Incremental: only pairs involving the claims of documents not matched yet are scored,
            # including those a killed ingest stored but never matched.
            store.refuse_damaged_documents()  # matching marks documents matched
            match_pending_documents(store.db)
    except Stopped as stop:
        import signal

        click.echo(
            f"workbench: {terminal_line(store.path)}: ingest stopped by {signal.Signals(stop.signum).name};"
            " the documents committed so far are kept, each whole; run it again to finish",
            err=True,
        )
        store.close()  # the open batch was rolled back on the way here
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        # Now, without waiting at exit for the worker pool's threads: the signal may have landed
        # while they held a lock, and the workers are already gone (their lifeline pipe closed).
        os._exit(128 + stop.signum)
    return report


def ingest_summary(report, db: Path) -> str:
    """What an ingest did, in a sentence or two."""
    where = terminal_line(db)
    if report.replaced or report.reextracted:
        stored = report.added + report.replaced + report.reextracted
        noun = "document" if stored == 1 else "documents"
        parts = [
            f"Stored {stored} {noun} with {report.claims} claims in {where}: {report.added} new,"
            f" {report.replaced} edited since they were stored (the new version replaces the old),"
            f" {report.reextracted} extracted again by a newer extractor."
        ]
    elif report.added:
        noun = "document" if report.added == 1 else "documents"
        parts = [f"Added {report.added} {noun} with {report.claims} claims to {where}."]
    elif report.files:
        parts = [f"Nothing new added to {where}."]
    else:
        parts = [f"No documents found; nothing added to {where}."]
    if report.orphaned == 1:
        parts.append(
            "1 decision is on a claim the edited documents no longer have; it is kept, and `workbench doctor` lists it."
        )
    elif report.orphaned:
        parts.append(
            f"{report.orphaned} decisions are on claims the edited documents no longer have;"
            " they are kept, and `workbench doctor` lists them."
        )
    if report.duplicates:
        parts.append(f"{report.duplicates} already stored.")
    if report.ignored:
        parts.append(f"{report.ignored} not documents (images, archives, databases), ignored.")
    if report.rejected:
        parts.append(f"{len(report.rejected)} rejected (see above).")
    return " ".join(parts)


def database_summary(store) -> Iterator[str]:
    """Documents with their claim counts, then claims per kind, as plain aligned tables."""
    summary = store.summary()
    yield f"{terminal_line(store.path)}: {summary['documents']} documents, {summary['claims']} claims"
    yield ""
    documents = store.documents()
    rows = [(d.name, str(d.claims or 0), d.title or "") for d in documents[:SUMMARY_MAX_DOCUMENTS]]
    yield from table(rows, (("document", 32, "<"), ("claims", 6, ">"), ("title", 60, "<")))
    if len(documents) > SUMMARY_MAX_DOCUMENTS:
        yield f"… and {len(documents) - SUMMARY_MAX_DOCUMENTS} more documents"
    yield ""
    kinds = summary["claims_per_kind"]
    yield from table([(kind, str(count)) for kind, count in kinds.items()], (("kind", 12, "<"), ("claims", 6, ">")))


# --------------------------------------------------------------------------- claims output


_JSONL_BLOCK_LINES = 256


def write_claims(claims: Iterable, fmt: str) -> None:
    """Stream claims to standard output as a table, JSON lines or CSV."""
    if fmt == "jsonl":
        from workbench.core.report.as_json import dumps

        # In blocks of lines: click.echo flushes on every call, which cost ~5% of `extract`.
        block: list[str] = []
        for claim in claims:
            block.append(dumps(claim.as_dict()))
            if len(block) == _JSONL_BLOCK_LINES:
                click.echo("\n".join(block))
                block.clear()
        if block:
            click.echo("\n".join(block))
    elif fmt == "csv":
        for line in csv_lines(claims):
            click.echo(line, nl=False)
    else:
        count = 0
        for line in table_lines(claims):
            click.echo(line)
            count += 1
        if count == 1:
            click.echo("(no claims)", err=True)


def table_lines(claims: Iterable) -> Iterator[str]:
    """The claims table, heading first. Values read as the review UI and every report show them
    (`core.report.text.format_value`): 14.3%, -69%, £2bn, 2012–2013, 4 years."""
    from workbench.core.report.text import format_value

    rows = (
        (
            claim.doc_name,
            f"{claim.start}-{claim.end}",
            claim.kind,
            format_value(claim),
            claim.qualifier,
            claim.surface,
            claim.subject,
        )
        for claim in claims
    )
    return table(rows, CLAIM_COLUMNS)


def csv_lines(claims: Iterable) -> Iterator[str]:
    """CSV of the claims, heading first; text cells are made safe for spreadsheets and terminals."""
    from workbench.core.report.as_csv import csv_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(cells)
        return buffer.getvalue()

    yield line(CSV_FIELDS)
    for claim in claims:
        cells = {
            **{name: getattr(claim, name) for name in CSV_FIELDS if name not in ("doc", "value")},
            "doc": claim.doc_name,
            "value": claim.export_value() if not claim.is_range else None,
        }
        yield line(csv_cell(cells[name]) for name in CSV_FIELDS)


# --------------------------------------------------------------------------- match


@main.command("match")
@db_option
@click.option(
    "--refit",
    is_flag=True,
    help="First refit the pair model on the shipped training pairs plus this database's"
    " accepted and rejected matches, and keep it for this database.",
)
def match_command(db: Path | None, refit: bool) -> None:
    """Match every stored claim again (after a refit, with the refitted model).

    Accepted matches stay merged, and a rejected match is never suggested or clustered again.
    With --refit, the reviewer's accepted and rejected possible matches are labelled pairs:
    the model's weights are refitted on them and the shipped pairs, and the result is kept
    beside the database (FILE.match-model.json), where every later match of it finds it.
    The model shipped in the package is never changed.

    \b
    Example:
      workbench match --refit --db checks.db
    """
    from workbench.store.clusters import recompute_clusters, refit_database_model

    with open_database(db, create=False) as store:
        if refit:
            done = refit_database_model(store.db)
            click.echo(
                f"refitted the pair model on {done.used} of {done.labelled} reviewed pairs"
                f" ({done.accepted} accepted, {done.rejected} rejected) and the shipped pairs;"
                f" kept in {terminal_line(done.path)}"
            )
        store.refuse_damaged_documents()  # matching marks documents matched
        result = recompute_clusters(store.db)
        click.echo(f"matched: {len(result.clusters)} clusters, {len(result.links)} links")


# --------------------------------------------------------------------------- claim corrections


@main.group("claim")
def claim_group() -> None:
    """Correct a claim the extractor misread, mark one that is not a claim at all, or add one it missed.

    Every correction is a logged, undoable change in the review log (undo it in the review
    UI), kept through a re-ingest while the claim's sentence is unchanged; the extractor's own
    reading stays stored beside it.
    """


def _claim_store(db: Path | None, reviewer: str | None):
    """A ReviewStore on the database, migrated first, as `reviewer` (default: the login name)."""
    from workbench.store.review import kept_orders
    from workbench.store.review.store import ReviewStore
    from workbench.tui.startup import default_reviewer

    with open_database(db, create=False) as store:
        path = str(store.path)
    opened = ReviewStore(path, reviewer or default_reviewer())
    before = kept_orders.list_generation(opened.conn)
    ctx = click.get_current_context(silent=True)
    if ctx is not None and before is not None:  # then build again the review's lists this command made stale
        ctx.call_on_close(lambda: kept_orders.refresh(path, since=before))
    return opened


def _corrected_claim(store, claim_id: str):
    detail = store.detail(claim_id)
    if detail is None:
        raise Failure(f"{store.path}: no claim {terminal_line(claim_id)}; `workbench claims` lists their ids")
    return detail


def _say_correction(store, claim_id: str) -> None:
    from workbench.core.corrections import describe

    detail = store.detail(claim_id)
    if detail.correction is None:
        click.echo(f"{claim_id}: as the extractor read it, no correction")
    else:
        click.echo(f"{claim_id}: {terminal_line(describe(detail.original, detail.claim, detail.correction))}")


reviewer_option = click.option("--reviewer", help="Who makes the correction (default: your login name).")


def reading_options(command):
    """The options that set a claim's reading, one field each, as `claim edit` and `claim add` take them."""
    for option in reversed(
        (
            click.option(
                "--value",
                help="The value as a plain number (2e9, 0.45 for 45%), a range LOW-HIGH, or a date YYYY-MM-DD.",
            ),
            click.option("--min", "low", metavar="NUMBER", help="The low end of a range (with --max)."),
            click.option("--max", "high", metavar="NUMBER", help="The high end of a range (with --min)."),
            click.option("--kind", help="count, proportion, rate, money, year, date, duration or other."),
            click.option("--qualifier", help="exact, approx, lower_bound, upper_bound or range."),
            click.option("--unit", help="The unit (an empty string or 'none' clears it)."),
            click.option(
                "--currency", help="A three-letter currency code such as GBP (an empty string or 'none' clears it)."
            ),
        )
    ):
        command = option(command)
    return command


@claim_group.command("edit")
@click.argument("claim_id", metavar="ID")
@db_option
@reviewer_option
@reading_options
def claim_edit(
    claim_id: str, db: Path | None, reviewer: str | None, value, low, high, kind, qualifier, unit, currency
) -> None:
    """Correct the extractor's reading of claim ID; each option changes one field.

    \b
    Examples:
      workbench claim edit c1a2b3 --value 200.4e6
      workbench claim edit c1a2b3 --value 10-20 --kind count
      workbench claim edit c1a2b3 --kind proportion --value 0.45
    """
    from workbench.core.corrections import CorrectionError, build_changes

    options = dict(value=value, low=low, high=high, kind=kind, qualifier=qualifier, unit=unit, currency=currency)
    if all(v is None for v in options.values()):
        raise click.UsageError(
            "nothing to correct: give --value, --min/--max, --kind, --qualifier, --unit or --currency"
        )
    store = _claim_store(db, reviewer)
    try:
        detail = _corrected_claim(store, claim_id)
        try:
            changes = build_changes(detail.claim, **options)
        except CorrectionError as error:
            raise Failure(f"{claim_id}: {terminal_line(str(error))}") from None
        store.correct(claim_id, changes)
        _say_correction(store, claim_id)
    finally:
        store.close()


@claim_group.command("add")
@click.argument("doc", metavar="DOC")
@click.option(
    "--start", type=int, required=True, metavar="N", help="Where the claim starts: an offset into the document's text."
)
@click.option("--end", type=int, required=True, metavar="M", help="Where it ends (exclusive).")
@db_option
@reviewer_option
@reading_options
def claim_add(
    doc: str,
    start: int,
    end: int,
    db: Path | None,
    reviewer: str | None,
    value,
    low,
    high,
    kind,
    qualifier,
    unit,
    currency,
) -> None:
    """Add a claim the extractor missed: the text of DOC from --start to --end, read by the
    extractor's own reader; the options change that reading, each checked as `claim edit`
    checks it. DOC is a document's id, file name, or name without the extension.

    \b
    Example:
      workbench claim add 002_munn --start 120 --end 123 --reviewer alice
      workbench claim add report.txt --start 40 --end 52 --kind money --value 2e9
    """
    from workbench.core.added import AddError
    from workbench.core.corrections import CorrectionError, build_changes
    from workbench.core.report.text import format_value

    with open_database(db, create=False, read_only=True) as reading:
        doc_id = _document_named(reading.documents(), doc, reading.path, "DOC")
    store = _claim_store(db, reviewer)
    try:
        try:
            claim = store.read_selection(doc_id, start, end)
            options = dict(
                value=value, low=low, high=high, kind=kind, qualifier=qualifier, unit=unit, currency=currency
            )
            changes = build_changes(claim, **options) if any(v is not None for v in options.values()) else {}
            change = store.add_claim(doc_id, start, end, changes)
        except (AddError, CorrectionError) as error:
            raise Failure(f"{doc}: {terminal_line(str(error))}") from None
        claim_id = change.items[0].claim_id
        added = store.detail(claim_id)
        click.echo(
            f"{claim_id}: added {terminal_line(added.claim.surface)!r} to {terminal_line(added.claim.doc_name)}"
            f" as {added.claim.kind}, {format_value(added.claim)} ({added.claim.qualifier})"
        )
    finally:
        store.close()


@claim_group.command("reject")
@click.argument("claim_id", metavar="ID")
@db_option
@reviewer_option
def claim_reject(claim_id: str, db: Path | None, reviewer: str | None) -> None:
    """Mark claim ID as not a claim: it leaves the lists, clusters and reports, and stays stored
    (with its place in the review log) so that `workbench claim restore` brings it back."""
    _set_rejected(db, reviewer, claim_id, True)


@claim_group.command("restore")
@click.argument("claim_id", metavar="ID")
@db_option
@reviewer_option
def claim_restore(claim_id: str, db: Path | None, reviewer: str | None) -> None:
    """Bring back claim ID after `workbench claim reject`; any corrected fields are kept."""
    _set_rejected(db, reviewer, claim_id, False)


def _set_rejected(db: Path | None, reviewer: str | None, claim_id: str, rejected: bool) -> None:
    store = _claim_store(db, reviewer)
    try:
        _corrected_claim(store, claim_id)
        change = store.correct(claim_id, rejected=rejected)
        if not change.items:
            click.echo(f"{claim_id}: already {'marked not a claim' if rejected else 'a claim'}; nothing changed")
            return
        click.echo(f"{claim_id}: {'marked not a claim' if rejected else 'restored as a claim'}")
    finally:
        store.close()


# --------------------------------------------------------------------------- cluster surgery


@main.group("cluster")
def cluster_group() -> None:
    """Merge, split and reshape the matcher's clusters.

    Every operation recomputes the clusters' relation, suggested verdict and explanation, is a
    logged, undoable change in the review log (undo it in the review UI), and is kept through
    re-matching and re-ingest: a merge or move like an accepted match, a split or detach like a
    rejected one, and `workbench match --refit` learns from both.
    """


surgeon_option = click.option("--reviewer", help="Who makes the change (default: your login name).")


def _operate(db: Path | None, reviewer: str | None, operation: Callable) -> None:
    """Run one cluster operation, `operation(store)`, as reviewer, and print what it did."""
    from workbench.core.surgery import SurgeryError

    store = _claim_store(db, reviewer)
    try:
        try:
            change = operation(store)
        except SurgeryError as error:
            raise Failure(f"{store.path}: {terminal_line(str(error))}") from None
        click.echo(terminal_line(change.summary))
    finally:
        store.close()


@cluster_group.command("merge")
@click.argument("first", metavar="A")
@click.argument("second", metavar="B")
@db_option
@surgeon_option
def cluster_merge(first: str, second: str, db: Path | None, reviewer: str | None) -> None:
    """Make clusters A and B one cluster (it keeps the smaller id).

    \b
    Example:
      workbench cluster merge k1a2b3c4d5 k9f8e7d6c5
    """
    _operate(db, reviewer, lambda store: store.merge_clusters(first, second))


@cluster_group.command("split")
@click.argument("cluster_id", metavar="CLUSTER")
@click.argument("claim_ids", metavar="CLAIM...", nargs=-1, required=True)
@db_option
@surgeon_option
def cluster_split(cluster_id: str, claim_ids: tuple[str, ...], db: Path | None, reviewer: str | None) -> None:
    """Move the given claims of CLUSTER into a new cluster of their own; the others stay.

    \b
    Example:
      workbench cluster split k1a2b3c4d5 c0aa11bb22 c3cc44dd55
    """
    _operate(db, reviewer, lambda store: store.split_cluster(cluster_id, list(claim_ids)))


@cluster_group.command("move")
@click.argument("claim_id", metavar="CLAIM")
@click.option("--to", "target", required=True, metavar="CLUSTER", help="The cluster the claim joins.")
@db_option
@surgeon_option
def cluster_move(claim_id: str, target: str, db: Path | None, reviewer: str | None) -> None:
    """Take CLAIM from its cluster (if it has one) into another cluster.

    \b
    Example:
      workbench cluster move c0aa11bb22 --to k9f8e7d6c5
    """
    _operate(db, reviewer, lambda store: store.move_claim(claim_id, target))


@cluster_group.command("detach")
@click.argument("claim_id", metavar="CLAIM")
@db_option
@surgeon_option
def cluster_detach(claim_id: str, db: Path | None, reviewer: str | None) -> None:
    """Take CLAIM out of its cluster to stand alone; the matcher never puts it back.

    \b
    Example:
      workbench cluster detach c0aa11bb22
    """
    _operate(db, reviewer, lambda store: store.detach_claim(claim_id))


# --------------------------------------------------------------------------- doctor


@main.command()
@db_option
@click.pass_context
def doctor(ctx: click.Context, db: Path | None) -> None:
    """Check the database without changing it: schema, integrity, counts, orphaned decisions, review log.

    The file is opened read-only. Orphaned decisions (on claims an edited document no longer
    has) are listed, not counted as problems. Exit status 0 when the database is healthy, 1
    when a problem is found; each problem is one line on standard error.

    \b
    Example:
      workbench doctor --db checks.db
    """
    from workbench.store.doctor import examine
    from workbench.store.errors import StoreError

    path = database_path(db)
    try:
        checkup = examine(path)
    except StoreError as error:
        raise Failure(str(error)) from None
    for line in doctor_lines(checkup):
        click.echo(line)
    for problem in checkup.problems:
        _report(path, problem)
    if checkup.problems:
        ctx.exit(1)


def doctor_lines(checkup) -> Iterator[str]:
    """The doctor's findings as aligned lines; every piece of stored text made safe to print."""
    counts = checkup.counts

    def fact(label: str, value: str) -> str:
        return f"{label:<13} {value}"

    yield fact("database", terminal_line(checkup.path))
    if checkup.pending:
        pending = len(checkup.pending)
        yield fact(
            "schema",
            f"{checkup.schema or 'none'}; {pending} migration{'s' if pending > 1 else ''} pending"
            f" ({', '.join(checkup.pending)}), applied by the next command that writes",
        )
    else:
        yield fact("schema", f"{checkup.schema}, up to date")
    yield fact("integrity", checkup.integrity)
    yield fact("foreign keys", checkup.foreign_keys)
    documents = str(counts.get("documents", "?"))
    if checkup.unmatched_documents:
        documents += f"; {checkup.unmatched_documents} not matched yet (the next ingest matches them)"
    if checkup.outdated_documents:
        documents += (
            f"; {checkup.outdated_documents} extracted by an older extractor"
            " (ingesting their files again extracts them anew)"
        )
    yield fact("documents", documents)
    for label in ("claims", "clusters"):
        if label in counts:
            yield fact(label, str(counts[label]))
    if "decisions" in counts:
        per_reviewer = ", ".join(f"{terminal_line(r)} {n}" for r, n in checkup.decisions_per_reviewer.items())
        yield fact("decisions", f"{counts['decisions']}" + (f": {per_reviewer}" if per_reviewer else ""))
        yield fact("review log", f"{counts.get('review log entries', 0)} entries, {checkup.review_log}")
        orphaned = len(checkup.orphaned)
        yield fact(
            "orphaned",
            f"{orphaned} decision{'s' if orphaned != 1 else ''} on claims that are no"
            f" longer stored{':' if orphaned else ''}",
        )
        for orphan in checkup.orphaned:
            yield from _orphan_lines(orphan)
    else:
        yield fact("review log", checkup.review_log)
    kept_aside = (
        (
            "corrections",
            checkup.corrections,
            checkup.orphaned_corrections,
            "on claims that are no longer stored",
            "they apply again if the sentence comes back",
            _orphaned_correction_lines,
        ),
        (
            "added claims",
            checkup.added,
            checkup.orphaned_additions,
            "whose sentence is no longer stored",
            "they come back if the sentence does",
            _orphaned_addition_lines,
        ),
    )
    for label, total, orphans, gone, comes_back, lines in kept_aside:
        if total is not None:
            yield fact(label, _kept_aside(total, len(orphans), gone, comes_back))
            for orphan in orphans:
                yield from lines(orphan)
    problems = len(checkup.problems)
    yield "healthy" if not problems else f"{problems} {'problem' if problems == 1 else 'problems'} (on standard error)"


def _kept_aside(total: str, orphaned: int, gone: str, comes_back: str) -> str:
    """A doctor's line on records kept for claims a re-ingest removed: how many in all, how many
    of them are set aside and when they return, and a colon when their list follows."""
    return f"{total}; {orphaned} {gone}" + (f" ({comes_back}):" if orphaned else "")


def _orphaned_correction_lines(orphan) -> Iterator[str]:
    """A correction whose claim a re-ingest removed: who corrected which claim, to what, and where it stood."""
    fix = orphan.correction
    what = "not a claim" if fix.rejected else ", ".join(f"{k} {v}" for k, v in fix.changes.items())
    yield from _left_behind(orphan, fix.reviewer, terminal_line(what), fix.claim_id)


def _orphaned_addition_lines(orphan) -> Iterator[str]:
    record = orphan.record
    yield (
        f"  {terminal_line(record.reviewer)}  added  {terminal_line(record.doc_name)}  {record.claim_id}"
        f'  "{terminal_line(record.surface)}"'
    )
    yield f"      in: {terminal_line(record.sentence)}"


def _orphan_lines(orphan) -> Iterator[str]:
    """An orphaned decision: who decided what on which claim, and the sentence it stood in."""
    from workbench.core.report.as_json import dumps

    value = "" if orphan.value is None else f" = {dumps(orphan.value)}"
    note = f"  note: {terminal_line(orphan.note)}" if orphan.note else ""
    yield from _left_behind(orphan, orphan.reviewer, orphan.verdict or "no verdict", orphan.claim_id, value + note)


def _left_behind(orphan, reviewer: str, what: str, claim_id: str, tail: str = "") -> Iterator[str]:
    """A line for work a re-ingest left without its claim (who, what, the document, the claim and
    its surface), then the sentence the claim stood in."""
    where = terminal_line(orphan.document) if orphan.document else "(document not recorded)"
    yield f'  {terminal_line(reviewer)}  {what}  {where}  {claim_id}  "{terminal_line(orphan.surface or "")}"{tail}'
    if orphan.sentence:
        yield f"      in: {terminal_line(orphan.sentence)}"
