"""The review as schema.org ClaimReview JSON-LD, the markup fact-checking sites publish.

One ClaimReview per reviewed cluster and per reviewed claim outside clusters, each a complete
JSON-LD object (with its own @context) so that a site can publish any one of them alone. They
are written as a JSON array, one object a line. `<`, `>` and `&` are written as \\u escapes, so an
object can be pasted into a page's <script type="application/ld+json"> element and no text from
a document can close that element.

What Google's fact-check markup asks for comes from the data and the configuration
(`core.config`): `url` (the configured base URL, then the review's stable id), `claimReviewed`
(the sentence that states the claim, on one line), `author` (the configured Organization, else
the reviewers), `reviewRating` (the verdict on the configured scale, with `alternateName`), and
`itemReviewed`, a Claim with its `author` (the speaker, else the source's site or author), its
`datePublished` (the source's date) and its `appearance` in each source (URL, and path as
ingested).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TextIO
from urllib.parse import urlsplit

from workbench.core.config import DEFAULT, Config
from workbench.core.report.as_json import dumps
from workbench.core.report.model import ReportClaim, ReportCluster, Source, combined_verdict
from workbench.core.report.text import day_of, format_value, shorten

CONTEXT = "https://schema.org"
CLAIM_LIMIT = 300  # characters of a sentence quoted as the claim reviewed
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def cluster_review(cluster: ReportCluster, config: Config = DEFAULT) -> dict | None:
    """The ClaimReview of a cluster: the sentence of its first member whose claimant is known (else
    of its first member) as the claim reviewed, the values
    compared, the verdict, and each source with the sentence that states the claim."""
    found = cluster.verdict
    if found is None:
        return None
    members = cluster.members
    explanation = cluster.explanation or " vs ".join(f"{m.claim.surface} ({format_value(m.claim)})" for m in members)
    surfaces = " vs ".join(f"“{surface}”" for surface in dict.fromkeys(m.claim.surface for m in members))
    if cluster.subject:
        explanation += f". Compared: {cluster.subject}: {surfaces}"
    return _review(f"cluster:{cluster.id}", found, explanation, members, config)


def claim_review(member: ReportClaim, config: Config = DEFAULT) -> dict | None:
    """The ClaimReview of a claim that stands alone: the value as read, the verdict, the source."""
    found = combined_verdict(member.settled_verdicts)  # the final verdict, where an adjudicator gave one
    if found is None:
        return None
    claim = member.claim
    explanation = f"“{claim.surface}” read as {format_value(claim)} ({claim.kind}, {claim.qualifier})"
    if claim.subject:
        explanation += f": {claim.subject}"
    return _review(f"claim:{claim.id}", found, explanation, [member], config)


def _review(identifier: str, found: str, explanation: str, members: list[ReportClaim], config: Config) -> dict:
    decisions = [d for m in members for d in m.decisions if d.verdict]
    finals = [m.final for m in members if m.final is not None]
    reviewers = list(dict.fromkeys([*(d.reviewer for d in decisions), *(f.adjudicator for f in finals)]))
    notes = [f"{d.reviewer}: {d.note}" for m in members for d in m.notes]
    notes += [f"Final verdict {f.verdict} by {f.adjudicator}: {f.reason}" for f in finals]
    disputed = sum(m.in_dispute for m in members)
    if disputed:
        notes.append(
            f"In dispute: reviewers gave {'this claim' if len(members) == 1 else f'{disputed} of these claims'}"
            " different verdicts, and no final verdict settles them yet."
        )
    first = next((m for m in members if _claimant(m) is not None), members[0])  # the claim reviewed
    review = {"@context": CONTEXT, "@type": "ClaimReview", "identifier": f"workbench:{identifier}"}
    if (url := config.review_url(identifier.replace(":", "-"))) is not None:
        review["url"] = url
    review["claimReviewed"] = _claim_text(first)
    review["reviewRating"] = _rating(found, explanation, config)
    item = {"@type": "Claim"}
    if (claimant := _claimant(first)) is not None:
        item["author"] = claimant
    if first.source.published:
        item["datePublished"] = first.source.published
    item["appearance"] = list(_appearances(members))
    review["itemReviewed"] = item
    review["author"] = _organization(config) if config.organization else _people(reviewers)
    review["datePublished"] = day_of(
        max([*(d.decided_at or "" for d in decisions), *(f.decided_at or "" for f in finals)])
    )
    if notes:
        review["reviewBody"] = " ".join(notes)
    return review


def _rating(found: str, explanation: str, config: Config) -> dict:
    """The verdict on the configured scale: its name as `alternateName`, its value where it has one."""
    rating = config.ratings[found]
    shown = {"@type": "Rating", "alternateName": rating.name}
    if rating.value is not None:
        shown.update(ratingValue=rating.value, bestRating=config.best, worstRating=config.worst)
    shown["ratingExplanation"] = explanation
    return shown


def _organization(config: Config) -> dict:
    org = {"@type": "Organization", "name": config.organization}
    if config.organization_url:
        org["url"] = config.organization_url
    return org


def _claimant(member: ReportClaim) -> dict | None:
    """Who made the claim: the speaker the sentence names, else the outlet that published the
    source (its site name, else the host it was fetched from), else the source's author; None
    when none is known."""
    if member.claim.speaker:
        return {"@type": "Person", "name": shorten(member.claim.speaker, CLAIM_LIMIT)}
    host = _site(member.source)
    if member.source.site or host:
        outlet = {"@type": "Organization", "name": shorten(member.source.site or host, CLAIM_LIMIT)}
        if host:
            outlet["url"] = f"{urlsplit(member.source.location).scheme}://{host}"
        return outlet
    if member.source.author:
        return {"@type": "Person", "name": shorten(member.source.author, CLAIM_LIMIT)}
    return None


def _web_address(source: Source) -> str | None:
    location = source.location or ""
    return location if urlsplit(location).scheme in ("http", "https") and urlsplit(location).hostname else None


def _site(source: Source) -> str | None:
    address = _web_address(source)
    return urlsplit(address).hostname if address else None


def _appearances(members: list[ReportClaim]) -> Iterator[dict]:
    """Each source document once, with its URL where it was fetched from the web, its name (its
    path in the folder ingested; never the reviewer's own absolute path), its date and author
    where known, and the sentence it says it in."""
    seen = set()
    for member in members:
        source = member.source
        if source.id in seen:
            continue
        seen.add(source.id)
        work = {
            "@type": "CreativeWork",
            "name": shorten(source.title or source.name, CLAIM_LIMIT),
            "identifier": source.name,
        }
        if (address := _web_address(source)) is not None:
            work["url"] = address
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
    """The sentence that states the claim, on one line, or its surface when the sentence was not read."""
    return shorten(member.sentence or member.claim.surface, CLAIM_LIMIT)


def claim_reviews(
    clusters: Iterable[ReportCluster], claims: Iterable[ReportClaim], config: Config = DEFAULT
) -> Iterator[dict]:
    """ClaimReviews of the reviewed clusters, then of the reviewed claims outside clusters."""
    for cluster in clusters:
        if (review := cluster_review(cluster, config)) is not None:
            yield review
    for member in claims:
        if (review := claim_review(member, config)) is not None:
            yield review


def write_claimreview(
    fp: TextIO, clusters: Iterable[ReportCluster], claims: Iterable[ReportClaim], config: Config = DEFAULT
) -> None:
    """Stream the ClaimReviews as a JSON array, one object a line."""
    separator = "[\n"
    for review in claim_reviews(clusters, claims, config):
        fp.write(separator + dumps(review).translate(_SCRIPT_SAFE))
        separator = ",\n"
    fp.write("[]\n" if separator == "[\n" else "\n]\n")
