"""What the verification report says, section by section, as blocks for the Markdown and HTML
renderers: the key findings (the conflicts, a line each), the summary, the clusters (conflicts first) with every member's source passage and
decisions, claims checked on their own, unverified claims, how far reviewers agree and the claims
they disagree on, decisions orphaned by a re-ingest, what is not reviewed yet, and an appendix
per document.

A new section is one entry in SECTIONS: a title, an anchor and a function from the report's
data to blocks. Everything is streamed from the data's iterators; nothing holds all claims.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from workbench.core.report.blocks import (
    Block,
    Callout,
    Chart,
    ChartPoint,
    Close,
    Evidence,
    Facts,
    Heading,
    Inline,
    Items,
    Open,
    Paragraph,
    Quote,
    Run,
    Table,
    anchor,
    code,
    link,
    strong,
    verdict,
)
from workbench.core.agreement import Agreement, describe_kappa
from workbench.core.model import Claim
from workbench.core.report.model import (
    ADJUDICATED,
    CHECKED_ALONE,
    IN_DISPUTE,
    MIXED,
    UNREVIEWED,
    UNVERIFIED,
    VERDICTS,
    Decision,
    DocumentEntry,
    combined_verdict,
    OrphanedDecision,
    ReportClaim,
    ReportCluster,
    ReportData,
    ReportSummary,
)
from workbench.core.report.text import (
    clip_words,
    format_amount,
    format_value,
    format_when,
    numeric_span,
    reading_note,
    relation_words,
    shorten,
)

REPORT_TITLE = "Verification report"
_HEADLINES = {
    "conflicting": "Conflict",
    "consistent": "Consistent",
    "unverified": "Unverified",
    MIXED: "Mixed verdicts",
}


@dataclass(frozen=True, slots=True)
class Section:
    """One part of the report: its heading, its anchor, and the blocks under the heading."""

    key: str
    title: str
    blocks: Callable[[ReportData, ReportSummary], Iterator[Block]]


def report_blocks(
    data: ReportData,
    sections: tuple[Section, ...] | None = None,
    *,
    cut: int | Callable[[], int] | None = None,
    second: bool = False,
    charts: bool = True,
) -> Iterator[Block]:
    """The whole report: title, how far the review is, contents, then each section in turn.

    A large report is rendered in two pieces at once (export.py), cut after its `cut`-th cluster:
    the first piece (`second=False`) is the title, the progress, the contents, the sections
    before the clusters and the first `cut` clusters; the second is the clusters after those and
    the sections after them. Written one after the other, the two are the whole report. The
    first piece may be given the cut as a function, asked only where its clusters begin.
    `charts=False` leaves out the clusters' charts, for a renderer that draws none."""
    sections = SECTIONS if sections is None else sections
    summary = data.summary()
    if not second:
        yield Heading(1, (REPORT_TITLE,))
        yield Paragraph(
            (
                f"Database {summary.database}: {_count(summary.documents, 'document')}, "
                f"{_count(summary.claims, 'claim')}, {_count(summary.clusters, 'cluster')}."
            )
        )
        yield _progress(summary)
        yield Items(tuple((link(s.title, s.key),) for s in sections))
    first_piece, second_piece = cut is not None and not second, cut is not None and second
    at = next((i for i, s in enumerate(sections) if s.blocks is cluster_blocks), None)
    for i, section in enumerate(sections):
        clusters = i == at
        if at is not None and ((second_piece and i < at) or (first_piece and i > at)):
            continue  # the other piece's section
        if not (second_piece and clusters):  # the second piece goes on with the clusters' section
            yield Open("section", section.key)
            yield Heading(2, (section.title,))
        if clusters:
            if first_piece and callable(cut):
                cut = cut()
            yield from cluster_blocks(
                data,
                summary,
                skip=cut if second_piece else 0,
                first=cut if first_piece else None,
                intro=not second_piece,
                charts=charts,
            )
        else:
            yield from section.blocks(data, summary)
        if not (first_piece and clusters):  # the first piece stops within it
            yield Close("section")


def _progress(summary: ReportSummary) -> Callout:
    """The plain statement of what is reviewed and what is not."""
    if summary.claims == 0:
        return Callout(("The database holds no claims, so there is nothing to review.",), "done")
    if summary.reviewed == 0:
        return Callout(
            (
                strong("Not reviewed yet:"),
                f" none of the {summary.claims:,} claims has a verdict. Every claim is listed "
                "under “Not yet reviewed”.",
            )
        )
    if summary.unreviewed:
        return Callout(
            (
                strong("The review is not finished:"),
                f" {summary.unreviewed:,} of {summary.claims:,} claims ({_percent(summary.unreviewed, summary.claims)})"
                " have no verdict yet. They are listed under “Not yet reviewed”.",
            )
        )
    return Callout(
        (strong("The review is complete:"), f" every one of the {summary.claims:,} claims has a verdict."), "done"
    )


# --------------------------------------------------------------------------- key findings

FINDINGS_SHOWN = 20  # conflicts listed in the key findings; the rest are under "Clusters"
FIGURES_SHOWN = 4  # figures quoted in one finding's line


def findings_blocks(data: ReportData, summary: ReportSummary) -> Iterator[Block]:
    """The conflicts, each in one line: what is measured, the figures with their documents, the verdict."""
    # conflicts come first
    conflicts = itertools.takewhile(_is_conflict, data.clusters(passages=False, first=FINDINGS_SHOWN))
    lines = tuple(_finding(cluster) for cluster in itertools.islice(conflicts, FINDINGS_SHOWN))
    if not lines:
        yield Paragraph(
            (
                "No conflicts: no reviewer found a cluster's figures conflicting, and the matcher "
                "suggests none among the clusters not yet reviewed.",
            )
        )
        return
    yield Paragraph(
        (
            f"{_count(summary.conflicts, 'conflict')} between documents"
            + (
                f"; the first {len(lines)} here, every one under “Clusters”."
                if summary.conflicts > len(lines)
                else ", described in full under “Clusters”."
            ),
        )
    )
    yield Items(lines)


def _is_conflict(cluster: ReportCluster) -> bool:
    """Found conflicting by a reviewer, or suggested so by the matcher while nobody has decided."""
    found = cluster.verdict
    return found == "conflicting" or (found is None and cluster.suggested_verdict == "conflicting")


def _finding(cluster: ReportCluster) -> Inline:
    members = cluster.members
    figures = " vs ".join(
        f"{format_value(m.claim)} ({shorten(m.source.short, 40)}{''.join(_page(m.claim))})"
        for m in members[:FIGURES_SHOWN]
    )
    more = f" and {len(members) - FIGURES_SHOWN} more" if len(members) > FIGURES_SHOWN else ""
    by = " (final verdict)" if any(m.final is not None for m in members) else " (reviewers)"
    found = (
        (verdict("conflicting"), by) if cluster.verdict else ("suggested conflicting by the matcher, not reviewed yet",)
    )
    return (link(cluster.subject or "(no subject)", anchor("cluster", cluster.id)), f": {figures}{more} — ", *found)


# --------------------------------------------------------------------------- summary


def summary_blocks(data: ReportData, summary: ReportSummary) -> Iterator[Block]:
    """Counts of documents, claims, reviewed claims, clusters and conflicts; verdicts per reviewer."""
    published = _date_range(summary.first_published, summary.last_published)
    decided = _date_range(format_when(summary.first_decision), format_when(summary.last_decision))
    facts: list[tuple[str, Inline]] = [
        ("Documents", (f"{summary.documents:,}" + (f", published {published}" if published else ""),)),
        ("Claims", (f"{summary.claims:,}",)),
        (
            "Reviewed",
            (f"{_count(summary.reviewed, 'claim')} with a verdict ({_percent(summary.reviewed, summary.claims)})",),
        ),
        ("Not yet reviewed", (_count(summary.unreviewed, "claim"),)),
        (
            "Clusters",
            (
                f"{summary.clusters:,}, of which {summary.clusters_reviewed:,} reviewed; "
                f"{_count(summary.conflicts, 'conflict')}",
            ),
        ),
        ("Reviewers", (", ".join(r.reviewer for r in summary.reviewers) or "none yet",)),
    ]
    if decided:
        facts.append(("Decisions made", (decided,)))
    facts.extend(("Agreement", line) for line in _agreement_summary(summary))
    if summary.in_dispute:
        facts.append(
            (
                "To adjudicate",
                (
                    link(
                        f"{_count(summary.in_dispute, 'claim')} given different verdicts and "
                        "no final verdict: in dispute",
                        "adjudicate",
                    ),
                ),
            )
        )
    if summary.adjudicated:
        facts.append(
            ("Adjudicated", (link(f"{_count(summary.adjudicated, 'claim')} given a final verdict", "final-verdicts"),))
        )
    facts.append(
        (
            "Orphaned decisions",
            (link(f"{_count(summary.orphaned, 'decision')} on claims their documents no longer have", "orphaned"),)
            if summary.orphaned
            else ("none",),
        )
    )
    yield Facts(tuple(facts))
    if not summary.reviewers:
        return
    rows = [
        (
            (r.reviewer,),
            *((f"{r.verdicts.get(v, 0):,}",) for v in VERDICTS),
            (f"{r.notes:,}",),
            (format_when(r.first),),
            (format_when(r.last),),
        )
        for r in summary.reviewers
    ]
    if len(summary.reviewers) > 1:
        rows.append(
            (
                (strong("all reviewers"),),
                *((f"{sum(r.verdicts.get(v, 0) for r in summary.reviewers):,}",) for v in VERDICTS),
                (f"{sum(r.notes for r in summary.reviewers):,}",),
                (format_when(summary.first_decision),),
                (format_when(summary.last_decision),),
            )
        )
    yield Table(
        ("Reviewer", *(v.capitalize() for v in VERDICTS), "Notes", "First decision", "Last decision"),
        rows,
        numeric=frozenset({1, 2, 3, 4}),
    )


# --------------------------------------------------------------------------- clusters


def cluster_blocks(
    data: ReportData,
    summary: ReportSummary,
    *,
    skip: int = 0,
    first: int | None = None,
    intro: bool = True,
    charts: bool = True,
) -> Iterator[Block]:
    """Every cluster, conflicts first, with its values side by side and each member's evidence;
    for a piece of the report, the `first` clusters after the `skip` first, numbered as in the
    whole report, with the section's introduction only where `intro` says; charts where asked."""
    if intro:
        if summary.clusters == 0:
            yield Paragraph(("No clusters: no two claims were matched as stating the same quantity.",))
            return
        yield Paragraph(
            (
                "Each cluster holds claims that state the same quantity. Conflicts come first, then "
                "clusters whose values differ, then the rest. Each member is quoted from its source, "
                "with the claim in bold.",
            )
        )
    for number, cluster in enumerate(data.clusters(skip=skip, first=first), skip + 1):
        yield from _cluster(number, cluster, charts)


def _cluster(number: int, cluster: ReportCluster, charts: bool = True) -> Iterator[Block]:
    key = anchor("cluster", cluster.id)
    found = cluster.verdict
    headline = _HEADLINES.get(found or "", "Not reviewed yet")
    yield Open("cluster", key)
    yield Heading(
        3, (f"{number}. ", verdict(found, headline) if found else headline, " — ", cluster.subject or "(no subject)")
    )
    members = cluster.members
    yield Facts(
        (
            ("Verdict", _verdict_text(found)),
            (
                "Matcher's suggestion",
                (
                    f"{cluster.suggested_verdict or 'none'}; "
                    f"{relation_words(cluster.relation, cluster.suggested_verdict) or 'relation unknown'}",
                ),
            ),
            ("Explanation", (_renamed(cluster.explanation, members) if cluster.explanation else "none recorded",)),
            ("Claims", (f"{len(members)} in {_count(cluster.document_count, 'document')}",)),
            ("Cluster id", (code(cluster.id),)),
        )
    )
    values = [format_value(m.claim) for m in members]  # each shown three times: formatted once
    points = _chart_points(members, values) if charts else ()
    if points:
        yield dot_plot(f"Values of cluster {cluster.id}", points, members[0].claim)
    yield Table(
        ("Document", "Published", "Claim", "Value", "Verdict"),
        [
            (
                (_document_link(m.source),),
                (m.source.published or "—",),
                (m.claim.surface, *_page(m.claim)),
                (value,),
                _member_verdict_text(m),
            )
            for m, value in zip(members, values)
        ],
    )
    for member, value in zip(members, values):
        yield claim_evidence(member, level=4, in_cluster=True, value=value)
    yield Close("cluster")


def _renamed(text: str, members: list[ReportClaim]) -> str:
    """The matcher's explanation with each member's file name replaced by the name a reader knows
    the document by (its outlet or title): the file name belongs to the appendix."""
    for name, short in {
        m.source.name: m.source.site or (f"“{m.source.title}”" if m.source.title else m.source.name) for m in members
    }.items():
        text = text.replace(name, short)
    return text


def _chart_points(members: list[ReportClaim], values: list[str]) -> tuple[ChartPoint, ...]:
    """The members' values for a chart, when every member's value is a number (no dates);
    `values` are the members' values as format_value shows them."""
    points = []
    for member, value in zip(members, values):
        span = numeric_span(member.claim)
        if span is None:
            return ()
        points.append(
            ChartPoint(member.source.short, span[0], span[1], value, _claim_verdict(member), member.claim.qualifier)
        )
    return tuple(points)


def dot_plot(title: str, points: tuple[ChartPoint, ...], claim: Claim) -> Chart:
    """A chart of the points on an axis zoomed to them: a tenth of their spread (or of their
    value, when they are all equal) added at each end, ticks at round steps, labelled as the
    claims write values, and the unit the axis counts."""
    low = min(p.low for p in points)
    high = max(p.high for p in points)
    pad = (high - low) * 0.1 or abs(high) * 0.05 or 1.0
    low, high = low - pad, high + pad
    kind = claim.kind or "other"
    step = _round_step((high - low) / 4)
    if kind in _WHOLE_KINDS:
        step = max(step, 1.0)  # no tick between two years, nor at half a person
    first, last = math.ceil(low / step), math.floor(high / step)
    ticks = (
        tuple((k * step, format_amount(k * step, kind, claim.unit, claim.currency)) for k in range(first, last + 1))
        if last - first <= 12
        else ()
    )
    return Chart(title, points, ticks, axis_unit(claim), low, high)


def _round_step(rough: float) -> float:
    """1, 2 or 5 times a power of ten, the first at least `rough`."""
    if not rough > 0 or not math.isfinite(rough):
        return 1.0
    power = 10.0 ** math.floor(math.log10(rough))
    return next((m * power for m in (1, 2, 5) if m * power >= rough), 10 * power)


_WHOLE_KINDS = ("year", "count")  # kinds counted in whole numbers
_AXIS_UNITS = {"proportion": "per cent", "rate": "per cent change", "year": "year", "duration": "years"}


def axis_unit(claim: Claim) -> str:
    """What a chart's axis counts, in words: "GBP", "per cent", "children", "count"."""
    if claim.kind == "money":
        return claim.currency or "money"
    if claim.kind in ("count", "other", "duration") and claim.unit:
        return claim.unit
    return _AXIS_UNITS.get(claim.kind or "", claim.kind or "")


def _page(claim: Claim) -> tuple[str, ...]:
    """ ", p. 12" after a claim from a PDF; nothing for other documents."""
    return (f", p. {claim.page}",) if claim.page else ()


def _document_link(source) -> Run:
    """The document by title and outlet (a column beside says its date), linked to its entry in the appendix."""
    return link(source.named, anchor("document", source.id))


def claim_evidence(
    member: ReportClaim, *, level: int, in_cluster: bool = False, key: str = "claim", value: str | None = None
) -> Evidence:
    """One claim as evidence: where it is, its passage with the claim marked, its value, and every
    reviewer's verdict and note with who gave it and when. `key` starts its anchor: "claim" where
    links lead (its cluster, or the claims checked on their own), another word where it is shown again.
    `value`: the claim's value as format_value shows it, when the caller has it already."""
    claim, source = member.claim, member.source
    cited = [
        f"“{source.title}”" if source.title else f"untitled ({source.name})",
        source.site or "",
        f"by {source.author}" if source.author else "",
        f"published {source.published}" if source.published else "date unknown",
        f"page {claim.page}" if claim.page else "",
    ]
    quote = None
    if member.excerpt is not None:
        excerpt = member.excerpt
        before = excerpt.text[: excerpt.mark_start]
        after = excerpt.text[excerpt.mark_end :]
        quote = Quote(
            clip_words(before, keep_start=not excerpt.cut_before, keep_end=True),
            excerpt.text[excerpt.mark_start : excerpt.mark_end],
            clip_words(after, keep_start=True, keep_end=not excerpt.cut_after),
            excerpt.cut_before,
            excerpt.cut_after,
        )
    note = reading_note(claim)
    facts: list[tuple[str, Inline]] = [
        (
            "Value",
            (value or format_value(claim), f" ({claim.kind}, {claim.qualifier})", *((f"; {note}",) if note else ())),
        )
    ]
    if member.correction:
        facts.append(("Corrected", (member.correction,)))
    for label, value in (("Measures", claim.subject), ("Speaker", claim.speaker), ("Period", claim.period)):
        if value:
            facts.append((label, (value,)))
    if member.cluster_id and not in_cluster:
        facts.append(("Cluster", (link(member.cluster_id, anchor("cluster", member.cluster_id)),)))
    decided = [d for d in member.decisions if d.verdict]
    if member.final is not None:
        final = member.final
        facts.append(
            (
                "Final verdict",
                (verdict(final.verdict), f" — {final.adjudicator}, {format_when(final.decided_at)}: ", final.reason),
            )
        )
    elif member.in_dispute:
        facts.append(("In dispute", ("the reviewers gave different verdicts; no final verdict yet",)))
    if not decided:
        facts.append(("Verdict", ("not reviewed yet",)))
    facts.extend(("Verdict", _decision_text(d)) for d in decided)
    facts.extend(("Note", (f"{d.reviewer}, {format_when(d.decided_at)}: ", d.note or "")) for d in member.notes)
    return Evidence(
        anchor(key, claim.id),
        level,
        (source.short, " — “", strong(claim.surface), "”", *_page(claim)),
        ", ".join(part for part in cited if part) + ".",
        quote,
        Facts(tuple(facts)),
    )


def _decision_text(decision: Decision) -> Inline:
    scope = " (given for the whole cluster)" if decision.scope == "cluster" else ""
    return (verdict(decision.verdict or ""), f" — {decision.reviewer}, {format_when(decision.decided_at)}{scope}")


def _claim_verdict(member: ReportClaim) -> str | None:
    """The claim's one verdict by the README's rule (`combined_verdict`), as ClaimReview gives it:
    the final verdict where an adjudicator gave one."""
    return combined_verdict(member.settled_verdicts)


def _verdict_text(found: str | None) -> Inline:
    return (verdict(found),) if found else ("not reviewed yet",)


def _member_verdict_text(member: ReportClaim) -> Inline:
    """A member's verdict in a cluster's table: final, in dispute, or the reviewers' one."""
    if member.final is not None:
        return (verdict(member.final.verdict), " (final)")
    return (*_verdict_text(_claim_verdict(member)), *((" (in dispute)",) if member.in_dispute else ()))


# --------------------------------------------------------------------------- claims outside clusters


def checked_blocks(data: ReportData, summary: ReportSummary) -> Iterator[Block]:
    """Claims that stand alone (in no cluster) and were found consistent or conflicting."""
    return _evidence_list(
        data.claims(CHECKED_ALONE),
        "Claims that no other document states, checked on their own.",
        "None: no claim outside a cluster has been found consistent or conflicting.",
    )


def unverified_blocks(data: ReportData, summary: ReportSummary) -> Iterator[Block]:
    """Claims a reviewer marked unverified, with the notes that say why."""
    return _evidence_list(
        data.claims(UNVERIFIED),
        "Claims a reviewer could not verify, in clusters or not, with their notes.",
        "None: no claim has been marked unverified.",
        key="unverified",
    )


def _evidence_list(claims: Iterator[ReportClaim], intro: str, empty: str, key: str = "claim") -> Iterator[Block]:
    """Each claim as evidence under an introduction, or a sentence saying there are none."""
    first = next(claims, None)
    if first is None:
        yield Paragraph((empty,))
        return
    yield Paragraph((intro,))
    for member in itertools.chain((first,), claims):
        yield claim_evidence(member, level=3, key=key)


def unreviewed_blocks(data: ReportData, summary: ReportSummary) -> Iterator[Block]:
    """Every claim without a verdict yet, document by document, as a compact list."""
    if summary.unreviewed == 0:
        yield Paragraph(("None: every claim has a verdict.",))
        return
    yield Paragraph(
        (
            strong(f"{summary.unreviewed:,} of {summary.claims:,} claims"),
            " have no verdict yet; their values have not been checked.",
        )
    )
    for _doc, members in itertools.groupby(data.claims(UNREVIEWED, passages=False), key=lambda m: m.source.id):
        first = next(members)
        yield Heading(3, (first.source.cited,))
        yield Table(
            ("Claim", "Value", "Measures", "Cluster", "Note"),
            (_unreviewed_row(m) for m in itertools.chain((first,), members)),
        )


def _unreviewed_row(member: ReportClaim) -> tuple[Inline, ...]:
    cluster_id = member.cluster_id
    cluster = (link(cluster_id, anchor("cluster", cluster_id)),) if cluster_id else ("—",)
    notes = "; ".join([*(f"{d.reviewer}: {d.note}" for d in member.notes), *filter(None, (member.correction,))])
    return (
        (member.claim.surface, *_page(member.claim)),
        (format_value(member.claim),),
        (member.claim.subject or "—",),
        cluster,
        (notes,),
    )


# --------------------------------------------------------------------------- agreement


def agreement_blocks(data: ReportData, summary: ReportSummary) -> Iterator[Block]:
    """Percent agreement and Cohen's kappa of every two reviewers who decided the same claims,
    their verdicts side by side, and the claims given different verdicts, for adjudication."""
    if not summary.agreements:
        yield Paragraph((_no_agreement(summary),))
        return
    yield Paragraph(
        (
            "For each two reviewers, on the claims both gave a verdict: how often they gave the same one, "
            "how often chance alone would make them agree (from how often each gave each verdict), and "
            "Cohen's kappa, the agreement beyond chance (1: complete; 0: no better than chance).",
        )
    )
    yield Table(
        ("Reviewers", "Claims both decided", "Same verdict", "Chance agreement", "Cohen's kappa"),
        [
            (
                (f"{a.reviewers[0]} and {a.reviewers[1]}",),
                (f"{a.claims:,}",),
                (f"{a.agreed:,} ({a.observed:.0%})",),
                (f"{a.expected:.0%}",),
                (_kappa_text(a),),
            )
            for a in summary.agreements
        ],
        numeric=frozenset({1, 2, 3}),
    )
    for pair in summary.agreements:
        first, second = pair.reviewers
        yield Paragraph(
            (f"Verdicts of {first} (rows) and {second} (columns) on the {_count(pair.claims, 'claim')} both decided:",)
        )
        yield Table(
            (f"{first} ↓ {second} →", *VERDICTS),
            [((verdict(va),), *((f"{pair.matrix[va][vb]:,}",) for vb in VERDICTS)) for va in VERDICTS],
            numeric=frozenset({1, 2, 3}),
        )
    yield Open("group", "adjudicate")
    yield Heading(3, ("Claims to adjudicate",))
    if not summary.disagreements:
        yield Paragraph(("None: the reviewers gave the same verdict to every claim two of them decided.",))
    elif not summary.in_dispute:
        yield Paragraph(
            (
                f"None: every one of the {_count(summary.disagreements, 'claim')} given different verdicts "
                "has a final verdict, below.",
            )
        )
    else:
        yield Paragraph(
            (
                strong(_count(summary.in_dispute, "claim")),
                f" {'was' if summary.in_dispute == 1 else 'were'} given different verdicts by different"
                f" reviewers and {'has' if summary.in_dispute == 1 else 'have'} no final verdict yet: in"
                " dispute until an adjudicator settles "
                f"{'it' if summary.in_dispute == 1 else 'them'} (",
                code("workbench review --adjudicator"),
                "). Each is quoted above, with its cluster or among the claims checked on their own, with "
                "every verdict and note.",
            )
        )
        yield Table(
            ("Document", "Claim", "Value", "Verdicts", "Notes"),
            (_disagreement_row(m) for m in data.claims(IN_DISPUTE, passages=False)),
        )
    yield Close("group")
    yield from _final_verdict_blocks(data, summary)


def _final_verdict_blocks(data: ReportData, summary: ReportSummary) -> Iterator[Block]:
    """The claims an adjudicator settled: each reviewer's verdict, the final verdict and its reason."""
    if not summary.adjudicated:
        return
    yield Open("group", "final-verdicts")
    yield Heading(3, ("Final verdicts",))
    yield Paragraph(
        (
            strong(_count(summary.adjudicated, "claim")),
            f" {'was' if summary.adjudicated == 1 else 'were'} given a final verdict by an adjudicator, "
            "which the report uses as the claim's verdict. The agreement above measures the reviewers "
            "alone.",
        )
    )
    yield Table(
        ("Document", "Claim", "Value", "Reviewers' verdicts", "Final verdict", "Reason"),
        (_final_row(m) for m in data.claims(ADJUDICATED, passages=False)),
    )
    yield Close("group")


def _final_row(member: ReportClaim) -> tuple[Inline, ...]:
    final = member.final
    document, claim, value, verdicts, _notes = _disagreement_row(member)
    return (
        document,
        claim,
        value,
        verdicts,
        (verdict(final.verdict), f" — {final.adjudicator}, {format_when(final.decided_at)}"),
        (final.reason,),
    )


def _no_agreement(summary: ReportSummary) -> str:
    """Why there is no agreement to measure, in plain words."""
    deciding = summary.deciding_reviewers
    if not deciding:
        return "No reviewer has given a verdict yet, so there is no agreement between reviewers to measure."
    if len(deciding) == 1:
        return (
            f"Only one reviewer ({deciding[0]}) has given verdicts, so there is no agreement between "
            "reviewers to measure."
        )
    return (
        f"{', '.join(deciding[:-1])} and {deciding[-1]} have given verdicts, but no claim has a verdict "
        "from two of them yet, so there is no agreement to measure."
    )


def _agreement_summary(summary: ReportSummary) -> Iterator[Inline]:
    """One line per two reviewers for the summary, or the reason there is none."""
    if not summary.agreements:
        yield (_no_agreement(summary),)
    for pair in summary.agreements:
        yield (
            link(f"{pair.reviewers[0]} and {pair.reviewers[1]}", "agreement"),
            f" gave the same verdict to {pair.agreed:,} of the {_count(pair.claims, 'claim')} both decided "
            f"({pair.observed:.0%}); Cohen's kappa {_kappa_text(pair)}",
        )


def _kappa_text(pair: Agreement) -> str:
    if pair.kappa is None:
        return f"undefined: {pair.kappa_undefined_because}"
    return f"{pair.kappa:.2f} ({describe_kappa(pair.kappa)})"


def _disagreement_row(member: ReportClaim) -> tuple[Inline, ...]:
    claim = member.claim
    verdicts: list = []
    for decision in (d for d in member.decisions if d.verdict):
        verdicts.extend(("; " if verdicts else "", f"{decision.reviewer} ", verdict(decision.verdict)))
    notes = "; ".join(f"{d.reviewer}: {d.note}" for d in member.notes)
    return (
        (_document_link(member.source),),
        (link(claim.surface, anchor("claim", claim.id)), *_page(claim)),
        (format_value(claim),),
        tuple(verdicts),
        (notes,),
    )


# --------------------------------------------------------------------------- orphaned decisions


def orphan_blocks(data: ReportData, summary: ReportSummary) -> Iterator[Block]:
    """Decisions on claims that a newer version of their document no longer has: kept, and listed
    with what the claim said, so that no reviewer's work disappears without a word."""
    if summary.orphaned == 0:
        yield Paragraph(("None: every decision is on a claim that is still in its document.",))
        return
    one = summary.orphaned == 1
    yield Paragraph(
        (
            strong(_count(summary.orphaned, "decision")),
            " is on a claim that a newer version of its document no longer has"
            if one
            else " are on claims that a newer version of their document no longer has",
            " (the sentence was edited or removed). ",
            "It is" if one else "They are",
            " kept, with what the claim said; if a later version restores the sentence, the decision "
            "applies to it again.",
        )
    )
    for document, orphans in itertools.groupby(data.orphaned_decisions(), key=lambda o: o.document):
        yield Heading(3, (document or "(document not recorded)",))
        yield Table(("Claim", "Value", "Sentence", "Verdict", "Note"), (_orphan_row(o) for o in orphans))


def _orphan_row(orphan: OrphanedDecision) -> tuple[Inline, ...]:
    decision = Decision(orphan.reviewer, orphan.verdict, orphan.note, None, orphan.decided_at)
    given = (
        _decision_text(decision)
        if orphan.verdict
        else (f"no verdict — {orphan.reviewer}, {format_when(orphan.decided_at)}",)
    )
    return (
        (orphan.surface or "—", " ", code(orphan.claim_id)),
        (_orphan_value(orphan),),
        (orphan.sentence or "—",),
        given,
        (orphan.note or "",),
    )


def _orphan_value(orphan: OrphanedDecision) -> str:
    """The value the orphaned claim had, as the report writes values ("5%", "2012–2013")."""
    value = orphan.value
    if value is None or not orphan.kind:
        return "—"
    low, high = (value.get("min"), value.get("max")) if isinstance(value, dict) else (None, None)
    return format_value(
        Claim(
            "",
            "",
            0,
            0,
            "",
            orphan.kind,
            value=None if isinstance(value, dict) else value,
            value_min=low,
            value_max=high,
        )
    )


# --------------------------------------------------------------------------- appendix


def document_blocks(data: ReportData, summary: ReportSummary) -> Iterator[Block]:
    """Each source document: what it is, and how far its claims are reviewed."""
    shown = False
    for entry in data.documents():
        shown = True
        yield from _document(entry)
    if not shown:
        yield Paragraph(("No documents.",))


def _document(entry: DocumentEntry) -> Iterator[Block]:
    source = entry.source
    key = anchor("document", source.id)
    yield Open("document", key)
    yield Heading(3, (source.cited,))
    # each claim counted once, under its one verdict, so the counts add up to the claims
    shown = (*VERDICTS, MIXED) if entry.verdicts.get(MIXED) else VERDICTS
    verdicts = ", ".join(f"{entry.verdicts.get(v, 0):,} {v}" for v in shown)
    yield Facts(
        (
            ("File", (source.name,)),
            ("Title", (source.title or "—",)),
            ("Outlet", (source.site or "—",)),
            ("Author", (source.author or "—",)),
            ("Published", (source.published or "—",)),
            ("Claims", (f"{entry.claims:,}: {verdicts}; {entry.unreviewed:,} not yet reviewed",)),
            ("SHA-256", (code(entry.sha256),)),
            ("Encoding", (entry.encoding or "—",)),
        )
    )
    yield Close("document")


# --------------------------------------------------------------------------- helpers


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _percent(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "0%"


def _date_range(first: str | None, last: str | None) -> str:
    if not first:
        return ""
    return first if first == last or not last else f"{first} to {last}"


SECTIONS: tuple[Section, ...] = (
    Section("findings", "Key findings", findings_blocks),
    Section("summary", "Summary", summary_blocks),
    Section("clusters", "Clusters", cluster_blocks),
    Section("checked", "Claims checked on their own", checked_blocks),
    Section("unverified", "Unverified claims", unverified_blocks),
    Section("agreement", "Agreement between reviewers", agreement_blocks),
    Section("orphaned", "Orphaned decisions", orphan_blocks),
    Section("unreviewed", "Not yet reviewed", unreviewed_blocks),
    Section("documents", "Appendix: documents", document_blocks),
)
