"""The review as schema.org ClaimReview JSON-LD, the markup fact-checking sites publish.

One ClaimReview per reviewed cluster and per reviewed claim outside clusters, each a complete
JSON-LD object (with its own @context) so that a site can publish any one of them alone. They
are written as a JSON array, one object a line. `<`, `>` and `&` are written as \\u escapes, so an
object can be pasted into a page's <script type="application/ld+json"> element and no text from
a document can close that element.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TextIO

from workbench.core.export import dumps
from workbench.core.report_model import ReportClaim, ReportCluster, combined_verdict
from workbench.core.report_text import day_of, format_value, shorten

CONTEXT = "https://schema.org"
CLAIM_LIMIT = 300  # characters of a sentence quoted as the claim reviewed
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def cluster_review(cluster: ReportCluster) -> dict | None:
    """The ClaimReview of a cluster: what it measures and how each source words it, the values
    compared, the verdict, and each source with the sentence that states the claim."""
    found = cluster.verdict
    if found is None:
        return None
    members = cluster.members
    explanation = cluster.explanation or " vs ".join(f"{m.claim.surface} ({format_value(m.claim)})" for m in members)
    surfaces = " vs ".join(f"“{surface}”" for surface in dict.fromkeys(m.claim.surface for m in members))
    claimed = f"{cluster.subject}: {surfaces}" if cluster.subject else surfaces
    return _review(f"cluster:{cluster.id}", shorten(claimed, CLAIM_LIMIT), found, explanation, members)


def claim_review(member: ReportClaim) -> dict | None:
    """The ClaimReview of a claim that stands alone: the value as read, the verdict, the source."""
    found = combined_verdict(member.verdicts)
    if found is None:
        return None
    claim = member.claim
    explanation = f"“{claim.surface}” read as {format_value(claim)} ({claim.kind}, {claim.qualifier})"
    if claim.subject:
        explanation += f": {claim.subject}"
    return _review(f"claim:{claim.id}", _claim_text(member), found, explanation, [member])


def _review(identifier: str, claimed: str, found: str, explanation: str, members: list[ReportClaim]) -> dict:
    decisions = [d for m in members for d in m.decisions if d.verdict]
    reviewers = list(dict.fromkeys(d.reviewer for d in decisions))
    notes = [f"{d.reviewer}: {d.note}" for m in members for d in m.notes]
    review = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "identifier": f"workbench:{identifier}",
        "claimReviewed": claimed,
        "reviewRating": {"@type": "Rating", "alternateName": found, "ratingExplanation": explanation},
        "itemReviewed": {"@type": "Claim", "appearance": list(_appearances(members))},
        "author": _people(reviewers),
        "datePublished": day_of(max(d.decided_at or "" for d in decisions)),
    }
    if notes:
        review["reviewBody"] = " ".join(notes)
    return review


def _appearances(members: list[ReportClaim]) -> Iterator[dict]:
    """Each source document once, with its date and author where known, and the sentence it says it in."""
    seen = set()
    for member in members:
        source = member.source
        if source.id in seen:
            continue
        seen.add(source.id)
        work = {"@type": "CreativeWork", "name": source.title or source.name, "identifier": source.name}
        if source.published:
            work["datePublished"] = source.published
        if source.author:
            work["author"] = {"@type": "Person", "name": source.author}
        work["text"] = _claim_text(member)
        yield work


def _people(names: list[str]) -> dict | list[dict]:
    people = [{"@type": "Person", "name": name} for name in names]
    return people[0] if len(people) == 1 else people


def _claim_text(member: ReportClaim) -> str:
    """The sentence that states the claim, or its surface when the sentence was not read."""
    return shorten(member.sentence or member.claim.surface, CLAIM_LIMIT)


def claim_reviews(clusters: Iterable[ReportCluster], claims: Iterable[ReportClaim]) -> Iterator[dict]:
    """ClaimReviews of the reviewed clusters, then of the reviewed claims outside clusters."""
    for cluster in clusters:
        if (review := cluster_review(cluster)) is not None:
            yield review
    for member in claims:
        if (review := claim_review(member)) is not None:
            yield review


def write_claimreview(fp: TextIO, clusters: Iterable[ReportCluster], claims: Iterable[ReportClaim]) -> None:
    """Stream the ClaimReviews as a JSON array, one object a line."""
    separator = "[\n"
    for review in claim_reviews(clusters, claims):
        fp.write(separator + dumps(review).translate(_SCRIPT_SAFE))
        separator = ",\n"
    fp.write("[]\n" if separator == "[\n" else "\n]\n")
