"""The JSON export: the workbench's public, versioned description of documents, claims, clusters
and the review (every reviewer's decisions, and the review log).

The document is streamed: the envelope is written by hand and each item is dumped on its own
line, so a database of any size exports in constant memory. The shape is documented in the
README ("The JSON export") and read by the evaluation scorer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TextIO

from workbench.core.agreement import Agreement
from workbench.core.frames import QuantityFrame, cluster_frame
from workbench.core.model import Claim
from workbench.core.safe_text import BIDI_EMBEDDINGS, C1_CONTROLS, LINE_SEPARATORS
from workbench.core.surgery import clusters_of

SCHEMA_VERSION = 1
DOCUMENT_FIELDS = ("id", "name", "title", "published", "author", "site", "sha256", "encoding")
DECISION_FIELDS = ("claim_id", "reviewer", "verdict", "note", "scope", "decided_at")
LOG_FIELDS = ("id", "batch", "reviewer", "at", "action", "claim_id", "cluster_id")
LOG_DECISION_FIELDS = ("from_verdict", "to_verdict", "from_note", "to_note", "from_scope", "to_scope")
ORPHAN_FIELDS = ("claim_id", "reviewer", "verdict", "note", "decided_at", "doc", "surface", "sentence", "kind", "value")

# Characters JSON leaves raw with ensure_ascii=False but a terminal or an editor may act on:
# DEL, the C1 controls (0x9B is an 8-bit escape), line/paragraph separators, bidi overrides.
# Written as \\u escapes, they read back as the same characters.
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in (0x7F, *C1_CONTROLS, *LINE_SEPARATORS, *BIDI_EMBEDDINGS)}

ClusterOf = Mapping[str, str] | Callable[[str], "str | None"] | None
FrameOf = Callable[[Claim], "QuantityFrame | None"] | None


# The same characters as one regex, built from the table: most lines hold none of them, and a
# search finds that in a fraction of the time str.translate takes to copy the line.
_JSON_UNSAFE = re.compile("[" + "".join(re.escape(chr(code)) for code in _JSON_ESCAPES) + "]")


def dumps(item) -> str:
    """One JSON value on one line, readable UTF-8, with terminal-unsafe characters escaped."""
    text = json.dumps(item, ensure_ascii=False, allow_nan=False)
    return text.translate(_JSON_ESCAPES) if _JSON_UNSAFE.search(text) else text


def document_object(document: Mapping) -> dict:
    """The export's document object from a mapping with (at least) the DOCUMENT_FIELDS."""
    return {name: document.get(name) for name in DOCUMENT_FIELDS}


def frame_object(frame: QuantityFrame | None) -> dict:
    """The export's frame object: measure, place, period, basis and source (strings or None)."""
    return (frame or QuantityFrame()).as_dict()


def claim_object(claim: Claim, cluster_of: ClusterOf = None, frame: QuantityFrame | None = None) -> dict:
    """The export's claim object: Claim.as_dict() plus the id of its cluster (None if alone) and,
    when given, its quantity frame."""
    item = claim.as_dict()
    if frame is not None:
        item["frame"] = frame_object(frame)
    if cluster_of is None:
        item["cluster_id"] = None
    elif callable(cluster_of):
        item["cluster_id"] = cluster_of(claim.id)
    else:
        item["cluster_id"] = cluster_of.get(claim.id)
    return item


def decision_object(decision: Mapping) -> dict:
    """The export's decision object: one reviewer's verdict and note on one claim."""
    return {name: decision.get(name) for name in DECISION_FIELDS}


def log_object(entry: Mapping) -> dict:
    """The export's review-log entry. Entries about a link (accepting or rejecting a suggested
    match) carry the link's other claim and its statuses; the rest carry verdicts, notes and scopes."""
    item = {name: entry.get(name) for name in LOG_FIELDS}
    if entry.get("other_claim_id") is not None:
        item.update(
            other_claim_id=entry["other_claim_id"],
            from_status=entry.get("from_link_status"),
            to_status=entry.get("to_link_status"),
        )
    elif entry.get("from_added") or entry.get("to_added"):
        item.update(from_added=_added_state(entry.get("from_added")), to_added=_added_state(entry.get("to_added")))
    elif entry.get("from_clusters") or entry.get("to_clusters"):
        item.update(
            from_clusters=clusters_of(entry.get("from_clusters")), to_clusters=clusters_of(entry.get("to_clusters"))
        )
    elif entry.get("action") == "correct" or entry.get("from_correction") or entry.get("to_correction"):
        item.update(
            from_correction=_correction_state(entry.get("from_correction")),
            to_correction=_correction_state(entry.get("to_correction")),
        )
    else:
        item.update({name: entry.get(name) for name in LOG_DECISION_FIELDS})
    return item


def _added_state(text: str | None) -> dict | None:
    """A claim a reviewer added, as the review log keeps it (core.added.AddedClaim as JSON)."""
    if not text:
        return None
    record = json.loads(text)
    return {
        "claim_id": record["claim_id"],
        "doc": record["doc_name"],
        "surface": record["surface"],
        "sentence": record["sentence"],
        "reviewer": record["reviewer"],
        "added_at": record["added_at"],
        "kind": record["fields"].get("kind"),
        "value": record["fields"].get("value"),
        "value_min": record["fields"].get("value_min"),
        "value_max": record["fields"].get("value_max"),
    }


def _correction_state(text: str | None) -> dict | None:
    """A correction as the review log keeps it (JSON text), as the export's object."""
    return None if not text else json.loads(text)


def orphan_object(orphan) -> dict:
    """The export's orphaned decision: a decision on a claim no longer stored, with what the claim
    said (an object with the attributes of store.orphans.OrphanedDecision)."""
    return {name: getattr(orphan, "document" if name == "doc" else name) for name in ORPHAN_FIELDS}


def agreement_object(agreement: Agreement) -> dict:
    """The export's agreement of two reviewers: Agreement.as_dict() without the claims' ids, which
    `decisions` already gives (the claims whose verdicts differ)."""
    item = agreement.as_dict()
    del item["disagreements"]
    return item


def write_export_json(
    fp: TextIO,
    documents: Iterable[Mapping],
    claims: Iterable[Claim | tuple[Claim, str | None]],
    clusters: Iterable[Mapping] = (),
    *,
    cluster_of: ClusterOf = None,
    decisions: Iterable[Mapping] | None = None,
    review_log: Iterable[Mapping] | None = None,
    orphaned_decisions: Iterable | None = None,
    agreement: Iterable[Agreement] | None = None,
    frame_of: FrameOf = None,
    corrections: Iterable[Mapping] | None = None,
    final_verdicts: Iterable[Mapping] | None = None,
    in_dispute: Iterable[str] | None = None,
    frames_with_clusters: bool = False,
) -> None:
    """Stream the export to a text file: schema_version, documents, claims, clusters, then (when
    given) decisions, the review log, orphaned decisions, the reviewers' agreement, corrections, the
    adjudicators' final verdicts and the ids of the claims still in dispute, one item a line.

    A claim comes alone (its cluster looked up with `cluster_of`) or as a (claim, cluster id)
    pair, as a query that joins the two yields it. With `frame_of` (claim -> its quantity
    frame), each claim carries its `frame` and each cluster the frame its members share
    (frames.cluster_frame): the frames of clustered claims are held in memory until the
    clusters, or, with `frames_with_clusters`, each cluster comes as a (cluster, its members'
    frames) pair and nothing is held, so memory stays the same for any number of claims.
    """
    held: dict[str, QuantityFrame] | None = None if frames_with_clusters else {}
    fp.write('{"schema_version": %d,\n' % SCHEMA_VERSION)
    _write_list(fp, "documents", (document_object(d) for d in documents))
    fp.write(",\n")
    _write_list(fp, "claims", (_claim_item(c, cluster_of, frame_of, held) for c in claims))
    fp.write(",\n")
    _write_list(fp, "clusters", (_cluster_item(c, frame_of, held) for c in clusters))
    for key, items, item_object in (
        ("decisions", decisions, decision_object),
        ("review_log", review_log, log_object),
        ("orphaned_decisions", orphaned_decisions, orphan_object),
        ("agreement", agreement, agreement_object),
        ("corrections", corrections, dict),
        ("final_verdicts", final_verdicts, dict),
        ("in_dispute", in_dispute, str),
    ):
        if items is not None:
            fp.write(",\n")
            _write_list(fp, key, map(item_object, items))
    fp.write("}\n")


def _claim_item(
    claim: Claim | tuple, cluster_of: ClusterOf, frame_of: FrameOf, held: dict[str, QuantityFrame] | None
) -> dict:
    """A claim alone, a (claim, cluster id) pair, a (claim, cluster id, correction) triple, or
    those and the claim's stored frame (None when it has none), with its quantity frame when
    `frame_of` reads frames: the stored one, else the one `frame_of` reads."""
    rest: list = []
    if isinstance(claim, tuple):
        claim, cluster_id, *rest = claim
        cluster_of = lambda _: cluster_id  # noqa: E731
    frame = None
    if frame_of is not None:
        frame = (rest[1] if len(rest) > 1 else None) or frame_of(claim) or QuantityFrame()
    item = claim_object(claim, cluster_of, frame)
    if rest:
        item["correction"] = rest[0]
    if held is not None and frame is not None and item["cluster_id"] is not None:
        held[claim.id] = frame
    return item


def _cluster_item(cluster: Mapping | tuple, frame_of: FrameOf, held: dict[str, QuantityFrame] | None) -> dict:
    """A cluster, or a (cluster, its members' frames) pair, with the frame its members share when
    `frame_of` reads frames."""
    frames = None
    if isinstance(cluster, tuple):
        cluster, frames = cluster
    item = dict(cluster)
    if frame_of is not None:
        if frames is None:
            frames = [held[cid] for cid in item.get("claim_ids", ()) if cid in held] if held else []
        item["frame"] = frame_object(cluster_frame([frame or QuantityFrame() for frame in frames]))
    return item


def _write_list(fp: TextIO, key: str, items: Iterable) -> None:
    fp.write(f'"{key}": [')
    separator = "\n "
    for item in items:
        fp.write(separator)
        fp.write(dumps(item))
        separator = ",\n "
    fp.write("\n]" if separator != "\n " else "]")
