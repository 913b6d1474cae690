"""The database schema, as an ordered list of versioned migrations: the one place they and their
names are defined.

Each migration is applied once, inside a transaction, and recorded in `_sqlite_migrations` by
sqlite-utils' `Migrations`. Later features add migrations at the end; never edit one that has
been released. The list is kept without importing sqlite-utils (slow to import), so that the
review's fast start knows the names (`SCHEMA`) without it; `migrations`, the sqlite-utils set
that applies them, is built the first time it is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from workbench.store.connection import MIGRATION_SET

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

_STEPS: list[tuple[str, Callable[[Database], None]]] = []


def migration(name: str):
    """Register the decorated function as the next migration, under `name` ("00NN_what_it_does")."""

    def register(step: Callable[[Database], None]) -> Callable[[Database], None]:
        if any(known == name for known, _ in _STEPS):
            raise ValueError(f"migration {name} is defined twice")
        _STEPS.append((name, step))
        return step

    return register


@migration("0001_documents_and_claims")
def documents_and_claims(db: Database) -> None:
    """Documents with their original text, their structure, and the claims found in them."""
    db["documents"].create(
        {
            "id": str,  # "d" + the first 16 hex digits of sha256
            "name": str,  # file name
            "path": str,  # path as given at ingest
            "sha256": str,  # hash of the original bytes: identity for idempotent ingest
            "encoding": str,
            "media_type": str,
            "title": str,
            "published": str,  # ISO date the document states for itself
            "author": str,
            "text": str,  # decoded text; all offsets point into it
            "chars": int,
            "claim_count": int,
            "extractor_version": str,
            "ingested_at": str,
        },
        pk="id",
        not_null={"name", "sha256", "text"},
    )
    db["documents"].create_index(["sha256"], unique=True)
    db["documents"].create_index(["name"])

    db["sections"].create(
        {"doc_id": str, "idx": int, "name": str, "start": int, "end": int},
        pk=("doc_id", "idx"),
        foreign_keys=[("doc_id", "documents", "id")],
    )
    db["passages"].create(
        {"doc_id": str, "idx": int, "start": int, "end": int},
        pk=("doc_id", "idx"),
        foreign_keys=[("doc_id", "documents", "id")],
    )
    db["sentences"].create(
        {"doc_id": str, "idx": int, "passage_idx": int, "start": int, "end": int},
        pk=("doc_id", "idx"),
        foreign_keys=[("doc_id", "documents", "id")],
    )

    db["claims"].create(
        {
            "id": str,  # stable: derived from document name, sentence text and surface
            "doc_id": str,
            "seq": int,  # order of the claim within its document
            "start": int,
            "end": int,
            "surface": str,
            "kind": str,
            "value": float,  # numeric value; NULL for dates and ranges
            "value_text": str,  # ISO string for dates
            "value_min": float,  # ranges: "tens of thousands", split years
            "value_max": float,
            "qualifier": str,
            "unit": str,
            "currency": str,
            "numerator": float,
            "denominator": float,
            "subject": str,
            "section": str,
            "sentence_start": int,
            "sentence_end": int,
            "passage_start": int,
            "passage_end": int,
            "speaker": str,
            "period": str,
            "period_min": int,
            "period_max": int,
            "note": str,
        },
        pk="id",
        not_null={"doc_id", "start", "end", "surface", "kind", "qualifier"},
        foreign_keys=[("doc_id", "documents", "id")],
    )
    db["claims"].create_index(["doc_id", "seq"])
    db["claims"].create_index(["kind"])
    db["claims"].create_index(["subject"])


@migration("0002_clusters")
def clusters(db: Database) -> None:
    """Cross-document matching: clusters of claims that state one quantity, and scored links."""
    db["clusters"].create(
        {
            "id": str,
            "relation": str,  # agree | differ
            "suggested_verdict": str,  # consistent | conflicting | unverified
            "explanation": str,  # the values compared and the rule that decided
            "subject": str,
            "kind": str,
            "size": int,
        },
        pk="id",
    )
    db["cluster_members"].create(
        {"claim_id": str, "cluster_id": str, "role": str},  # role: member | copy
        pk="claim_id",
        foreign_keys=[("cluster_id", "clusters", "id")],
    )
    db["cluster_members"].create_index(["cluster_id"])
    db["claim_links"].create(
        {
            "a": str,  # claim ids, a < b
            "b": str,
            "link": str,  # possible | related | copy
            "raw_score": float,
            "masked_score": float,
            "status": str,  # suggested | accepted | rejected
            "explanation": str,
        },
        pk=("a", "b", "link"),
    )
    db["claim_links"].create_index(["b"])


@migration("0003_review")
def review(db: Database) -> None:
    """Reviewers' verdicts, the append-only review log, and each reviewer's session state.

    Decisions reference claims by their stable id without a foreign key, so that a
    decision outlives a re-extraction that drops its claim (it is then orphaned, not lost).
    """
    db["decisions"].create(
        {
            "claim_id": str,
            "reviewer": str,
            "verdict": str,  # consistent | conflicting | unverified
            "note": str,
            "scope": str,  # claim | cluster
            "decided_at": str,
        },
        pk=("claim_id", "reviewer"),
    )
    db["decisions"].create_index(["reviewer", "verdict"])
    db["review_log"].create(
        {
            "id": int,
            "batch": int,  # entries written by one action (a cluster decision) share a batch
            "reviewer": str,
            "at": str,
            "action": str,  # decide | note | link | undo | redo
            "claim_id": str,
            "cluster_id": str,
            "from_verdict": str,
            "to_verdict": str,
            "from_note": str,
            "to_note": str,
            "from_scope": str,  # claim | cluster: what undo restores along with the verdict
            "to_scope": str,
            "other_claim_id": str,  # action 'link': the link's b (claim_id is its a); verdicts held statuses until 0012
        },
        pk="id",
    )
    db["review_log"].create_index(["reviewer", "batch"])
    db["sessions"].create(
        {"reviewer": str, "state": str, "updated_at": str},  # state: JSON (claim, grouping, filters)
        pk="reviewer",
    )


@migration("0004_reingest")
def reingest(db: Database) -> None:
    """What re-ingesting needs: a record of each decided claim an edit removed, and which documents await matching.

    When an edited document replaces its stored version, the claims whose sentence changed are
    gone; their decisions stay in `decisions` (orphaned), and `orphaned_claims` keeps what the
    reviewer saw, so that the report and `workbench doctor` can list them. A document whose
    `matched_at` is NULL was stored but not yet matched (new, replaced, or left by a killed
    ingest); the next ingest matches it.
    """
    db["orphaned_claims"].create(
        {
            "claim_id": str,
            "doc_name": str,
            "doc_sha256": str,  # the version of the document the claim was in
            "start": int,
            "end": int,
            "surface": str,
            "sentence": str,  # the text of the claim's sentence
            "kind": str,
            "value": str,  # JSON of the export value: a number, an ISO string or {"min", "max"}
            "orphaned_at": str,
        },
        pk="claim_id",
    )
    db["documents"].add_column("matched_at", str)
    db.execute("UPDATE documents SET matched_at = ingested_at")  # stored by earlier versions: matched then


@migration("0005_documents_share_bytes")
def m005_documents_share_bytes(db: Database) -> None:
    """A document is known by its file name: an edit can make one file's bytes equal another's.

    The unique index on sha256 made the second of two files with the same bytes unstorable, so
    an edit that made a.txt a copy of b.txt was taken for "already stored" and a.txt kept its old
    text. sha256 stays indexed, for the skip of bytes already stored.
    """
    db.execute("DROP INDEX IF EXISTS idx_documents_sha256")
    db["documents"].create_index(["sha256"], index_name="idx_documents_sha256")


@migration("0006_document_source")
def m006_document_source(db: Database) -> None:
    """Where a document comes from, as a reader cites it: its outlet (`site`), and the PDF page of each claim.

    Documents stored before keep a NULL site, except those fetched from a URL, whose host is
    their outlet; claims of stored PDFs get their page from the form feeds before them.
    """
    from workbench.core.pdf_reader import PDF_MEDIA_TYPE, page_at  # core's rule, not retyped in SQL

    db["documents"].add_column("site", str)
    db["claims"].add_column("page", int)
    db.execute("""UPDATE documents SET site = lower(substr(path, instr(path, '://') + 3))
                  WHERE path LIKE 'http://%' OR path LIKE 'https://%'""")
    db.execute("""UPDATE documents SET site = substr(site, 5) WHERE site LIKE 'www.%'""")
    for end in ("/", ":", "?", "#"):
        db.execute(
            f"UPDATE documents SET site = substr(site, 1, instr(site, '{end}') - 1) WHERE instr(site, '{end}') > 0"
        )
    for doc_id, text in db.execute("SELECT id, text FROM documents WHERE media_type = ?", [PDF_MEDIA_TYPE]).fetchall():
        db.conn.executemany(
            "UPDATE claims SET page = ? WHERE id = ?",
            [
                (page_at(text, start), claim_id)
                for claim_id, start in db.execute(
                    'SELECT id, "start" FROM claims WHERE doc_id = ?', [doc_id]
                ).fetchall()
            ],
        )


def _claim_records(db: Database, table: str, fields: dict, *, at: str, not_null: set[str], index: str) -> None:
    """A table of reviewers' records keyed by claim id, without a foreign key (as decisions are):
    the claim id, `fields`, the reviewer who wrote the record and when (`at`), indexed on `index`.
    Released migrations call this: what it creates must never change."""
    db[table].create({"claim_id": str, **fields, "reviewer": str, at: str}, pk="claim_id", not_null=not_null)
    db[table].create_index([index])


def _logged_before_after(db: Database, what: str) -> None:
    """The review log's columns for `what` before and after each change (from_<what>, to_<what>,
    JSON), which undo and redo put back. Released migrations call this: it must never change."""
    db["review_log"].add_column(f"from_{what}", str)
    db["review_log"].add_column(f"to_{what}", str)


@migration("0007_corrections")
def m007_corrections(db: Database) -> None:
    """Reviewers' corrections of claims: changed fields, or "not a claim", with their history.

    A correction references its claim by id without a foreign key, as a decision does: the id
    comes from the claim's sentence, so a correction outlives a re-ingest that keeps the sentence
    (and a newer extractor, which rewrites the claim's row but never this one), and one whose
    sentence changed is orphaned, not lost. The review log gains the correction before and after
    each change (JSON), which is what undo and redo put back.
    """
    # its reviewer: who made the correction as it stands
    _claim_records(
        db,
        "corrections",
        {
            "changes": str,  # JSON: claim field -> corrected value
            "rejected": int,  # 1: not a claim (left out of lists, clusters and reports)
        },
        at="corrected_at",
        not_null={"changes", "rejected"},
        index="rejected",
    )
    _logged_before_after(db, "correction")


@migration("0008_cluster_surgery")
def m008_cluster_surgery(db: Database) -> None:
    """Cluster surgery (merge, split, move, detach) in the review log: the clusters it touched,
    before and after (JSON), which is what undo and redo put back. The pairs it labels are
    link entries of the same batch, as accepting or rejecting a possible match writes them."""
    _logged_before_after(db, "clusters")


@migration("0009_added_claims")
def m009_added_claims(db: Database) -> None:
    """Claims a reviewer added because the extractor missed them.

    The claim itself is a row of `claims` like any other; `added_claims` keeps, by the claim's id
    and without a foreign key (as corrections do), what brings it back when its document is
    ingested again: the text of its sentence, which occurrence of its surface it is, and its fields
    as the reviewer confirmed them (JSON, core.added.AddedClaim). The review log gains the record
    before and after each addition, which is what undo and redo put back.
    """
    _claim_records(
        db,
        "added_claims",
        {
            "doc_name": str,
            "record": str,  # JSON: core.added.AddedClaim
        },
        at="added_at",
        not_null={"doc_name", "record"},
        index="doc_name",
    )
    _logged_before_after(db, "added")


@migration("0010_adjudication")
def m010_adjudication(db: Database) -> None:
    """An adjudicator's final verdict on a claim the reviewers disagree on, with the reason for it.

    Kept apart from `decisions`, so that the agreement between reviewers never counts the
    adjudicator; keyed by claim id without a foreign key, as a decision is. Written through the
    review log (action 'adjudicate', scope 'final'), so a final verdict is undone like a decision.
    """
    db["final_verdicts"].create(
        {
            "claim_id": str,
            "verdict": str,  # consistent | conflicting | unverified
            "reason": str,  # why: required
            "adjudicator": str,
            "decided_at": str,
        },
        pk="claim_id",
        not_null={"verdict", "reason", "adjudicator"},
    )


@migration("0011_assignments")
def m011_assignments(db: Database) -> None:
    """Which reviewer reviews which claims (`workbench assign`), and the review's options (blind).

    An assignment references its claim by id without a foreign key, as a decision does, so it
    outlives a re-ingest that keeps the claim's sentence. `review_options` holds settings every
    reviewer's session follows: `blind` = '1' hides the other reviewers' verdicts and notes on a
    claim until one has decided it.
    """
    db["assignments"].create({"claim_id": str, "reviewer": str, "assigned_at": str}, pk=("claim_id", "reviewer"))
    db["assignments"].create_index(["reviewer"])
    db["review_options"].create({"name": str, "value": str}, pk="name")


@migration("0012_link_changes")
def m012_link_changes(db: Database) -> None:
    """A link entry's statuses (accepting or rejecting a suggested match) in columns of their own.

    Until now an entry about a link (`other_claim_id` set) kept the link's status before and after
    (suggested | accepted | rejected) in `from_verdict` and `to_verdict`, and the clusters an
    accept's merge replaced (JSON, what undoing it restores) in `from_note` and `to_note`, so every
    reader of verdicts and notes had to know to skip those rows. They move to `from_link_status`
    and `to_link_status`, `from_link_clusters` and `to_link_clusters`; the verdict and note columns
    of link entries are left NULL: a verdict column holds verdicts only, a note column notes.
    """
    for column in ("from_link_status", "to_link_status", "from_link_clusters", "to_link_clusters"):
        db["review_log"].add_column(column, str)
    db.execute(
        """UPDATE review_log SET from_link_status = from_verdict, to_link_status = to_verdict,
               from_link_clusters = from_note, to_link_clusters = to_note,
               from_verdict = NULL, to_verdict = NULL, from_note = NULL, to_note = NULL
           WHERE other_claim_id IS NOT NULL"""
    )


@migration("0013_claim_period_key")
def m013_claim_period_key(db: Database) -> None:
    """Each claim's period as a comparable key ("2013/14", "2015-03"), computed once.

    The extractor used to store only the period as written ("in the financial year 2013-14"),
    which the matcher parsed again on every match; the key is now a claim field the extractor
    fills. Claims stored before it get their key from the same function, here, once.
    """
    from workbench.core.periods import normalise_period

    db["claims"].add_column("period_key", str)
    rows = db.conn.execute(
        "SELECT id, period, period_min, period_max FROM claims WHERE period IS NOT NULL OR period_min IS NOT NULL"
    ).fetchall()
    db.conn.executemany(
        "UPDATE claims SET period_key = ? WHERE id = ?",
        [(normalise_period(period, first, last), claim_id) for claim_id, period, first, last in rows],
    )


@migration("0014_claim_frames")
def m014_claim_frames(db: Database) -> None:
    """Each claim's quantity frame as the matcher read it (one column per field of the frame as
    it was then), with the frames version it was read by.

    The JSON export states every claim's frame; reading them again there took most of an export
    of a large database. Frames stored under another `FRAMES_VERSION`, or none, are read again.
    A claim row replaced by a re-ingest starts without one.
    """
    for field in ("measure", "place", "period", "basis", "source"):
        db["claims"].add_column(f"frame_{field}", str)
    db["claims"].add_column("frames_version", int)


# What a review's claims list is built from (store.review.views.build_order): a change to any of
# these columns (None: any column) raises the list generation, so a kept list of an earlier one is
# not used (store.review.kept_orders).
_LIST_SOURCES: tuple[tuple[str, str | None], ...] = (
    ("claims", "id, doc_id, seq, kind"),
    ("documents", "id, name"),
    ("cluster_members", None),
    ("clusters", "id, relation, suggested_verdict"),
    ("corrections", "claim_id, rejected"),
)
LIST_GENERATION_TRIGGERS: tuple[str, ...] = tuple(
    f"list_generation_{table}_{event}" for table, _ in _LIST_SOURCES for event in ("insert", "delete", "update")
)


@migration("0015_kept_claim_lists")
def m015_kept_claim_lists(db: Database) -> None:
    """Claims lists kept between reviews, and the list generation that says whether one is current.

    Building the list of a view reads every claim: 2.5 s at 600,000 claims, before the review can
    show its first screen. The list is kept (`kept_orders`: the rowids in order, the groups'
    kinds, keys and sizes) with the generation it was built at; triggers raise the generation on
    every change to what the list is built from, whichever program makes it.
    """
    db.execute("CREATE TABLE list_generation (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL)")
    db.execute("INSERT INTO list_generation (id, n) VALUES (1, 0)")
    db.execute(
        """CREATE TABLE kept_orders (
               spec TEXT PRIMARY KEY, generation INTEGER NOT NULL, entries BLOB NOT NULL,
               group_kinds TEXT NOT NULL, group_keys TEXT NOT NULL, group_sizes BLOB NOT NULL,
               claim_count INTEGER NOT NULL, kept_at INTEGER NOT NULL)"""
    )
    for table, columns in _LIST_SOURCES:
        for event in ("insert", "delete", "update"):
            when = f"UPDATE OF {columns}" if event == "update" and columns else event.upper()
            db.execute(
                f"""CREATE TRIGGER list_generation_{table}_{event} AFTER {when} ON {table}
                    BEGIN UPDATE list_generation SET n = n + 1 WHERE id = 1; END"""
            )


SCHEMA: tuple[str, ...] = tuple(name for name, _ in _STEPS)  # every migration this version knows, in order


@cache
def workbench_migrations() -> Migrations:
    """The sqlite-utils migration set that applies the steps above, in order."""
    from sqlite_utils import Migrations

    steps = Migrations(MIGRATION_SET)
    for name, step in _STEPS:
        steps(name=name)(step)
    return steps


def __getattr__(name: str):
    """`schema.migrations`, built on first use so that importing the names costs no sqlite-utils."""
    if name == "migrations":
        return workbench_migrations()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
