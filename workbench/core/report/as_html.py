"""The report as one self-contained HTML file: no scripts, no network, readable on screen and on paper.

Every piece of text from a document, a note, a file name or a reviewer goes through `text()`:
control characters made visible, then html.escape with quote=True, so "<script>" or an
"onerror=" attribute in a document is shown as characters and never parsed as markup. The page
carries no JavaScript at all, and its Content-Security-Policy forbids any, as a second guard.
Each cluster with numeric values gets a small inline SVG dot plot of its values on an axis zoomed to them.
"""

from __future__ import annotations

import functools
import html
from typing import TextIO

from workbench.core.report.blocks import (
    CODE,
    LINK,
    STRONG,
    VERDICT,
    Callout,
    Chart,
    Close,
    Evidence,
    Facts,
    Heading,
    Inline,
    Items,
    Open,
    Paragraph,
    Quote,
    Table,
    anchor,
    quote_parts,
    render_inline,
    text_writer,
)
from workbench.core.report.text import shorten
from workbench.core.safe_text import flow, untidy

_GROUP_TAGS = {"section": "section", "cluster": "article", "document": "article", "claim": "div"}
_VERDICT_COLOURS = {"consistent": "#2e7d32", "conflicting": "#c62828", "unverified": "#b26a00", "mixed": "#6a1b9a"}
_NO_VERDICT_COLOUR = "#757575"

STYLE = """
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d7d7db; --paper: #ffffff; --tint: #f5f6f8;
        --consistent: #2e7d32; --conflicting: #c62828; --unverified: #b26a00; --mixed: #6a1b9a; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--tint); color: var(--ink);
       font: 16px/1.55 Georgia, "Times New Roman", serif; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 2.5rem 4rem; background: var(--paper); }
h1, h2, h3, h4, dt, th, .verdict, nav, figure figcaption { font-family: "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 2rem; margin: 0 0 .5rem; }
h2 { font-size: 1.45rem; margin: 2.5rem 0 1rem; padding-bottom: .3rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .6rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .3rem; color: var(--muted); font-weight: normal; }
h4 strong { color: var(--ink); }
p { margin: .4rem 0 .8rem; }
code { font: .85em/1.3 "DejaVu Sans Mono", Menlo, Consolas, monospace; background: var(--tint);
       padding: 0 .25em; border-radius: 3px; overflow-wrap: anywhere; }
a { color: #1a56b0; }
ul { padding-left: 1.3rem; }
.callout { border-left: 5px solid var(--unverified); background: #fff8e1; padding: .7rem 1rem; }
.callout.done { border-left-color: var(--consistent); background: #edf7ee; }
article.cluster { border: 1px solid var(--rule); border-radius: 6px; padding: .2rem 1.2rem 1rem; margin: 1.2rem 0; }
article.document { border-top: 1px solid var(--rule); }
div.claim { border-top: 1px dashed var(--rule); margin-top: .8rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0 .8rem; }
dl.facts dt { color: var(--muted); font-size: .85rem; padding-top: .15rem; }
dl.facts dd { margin: 0; }
div.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--rule);
         overflow-wrap: anywhere; }
th { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted);
     overflow-wrap: normal; }
td code { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
blockquote { margin: .4rem 0 .6rem; padding: .5rem 1rem; border-left: 4px solid var(--rule);
             background: var(--tint); white-space: normal; }
mark { background: #ffe58f; padding: 0 .15em; font-weight: bold; }
.verdict { font-size: .78rem; font-weight: bold; text-transform: uppercase; letter-spacing: .04em;
           padding: .05rem .4rem; border-radius: 3px; color: #fff; background: var(--muted); white-space: nowrap; }
.v-consistent { background: var(--consistent); }
.v-conflicting { background: var(--conflicting); }
.v-unverified { background: var(--unverified); }
.v-mixed { background: var(--mixed); }
figure { margin: .6rem 0 1rem; }
figure svg { max-width: 100%; height: auto; }
figure.chart svg { width: 30rem; }
figure figcaption { font-size: .8rem; color: var(--muted); }
@media (max-width: 40rem) {
  main { padding: 1rem .9rem 3rem; }
  article.cluster { padding: .2rem .7rem .8rem; }
  th, td { min-width: 6.5rem; }
  dl.facts { grid-template-columns: 1fr; gap: 0; }
  dl.facts dd { margin-bottom: .35rem; }
  th, td { overflow-wrap: break-word; }
}
@media print {
  @page { margin: 16mm 14mm; }
  body { background: none; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  nav ul { columns: 2; }
  h2 { break-before: page; }
  #findings h2, #summary h2 { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  div.claim, blockquote, figure, tr, dl.facts { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  mark { background: none; text-decoration: underline; }
}
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


_ACTIVE = untidy("&<>\"'")  # what escaping would change, if anything
_ACTIVE_CHARACTERS = _ACTIVE.search


@functools.lru_cache(maxsize=4096)  # labels, verdicts, a document's name: most strings come again and again
def text(value: object) -> str:
    """Untrusted text as HTML that shows exactly that text: visible controls, every markup character escaped."""
    if value.__class__ is not str:
        value = "" if value is None else str(value)
    if _ACTIVE_CHARACTERS(value) is None and "  " not in value:  # _ACTIVE written out: one call less
        return value
    return html.escape(flow(value), quote=True)


@functools.lru_cache(maxsize=64)
def _verdict_class(target: str) -> str:
    """The class attribute of a verdict's badge (a handful of verdicts, each used many times)."""
    return f"verdict v-{anchor(target)}"


_STYLES = {
    STRONG: lambda run: f"<strong>{text(run.text)}</strong>",
    CODE: lambda run: f"<code>{text(run.text)}</code>",
    VERDICT: lambda run: f'<span class="{_verdict_class(run.target)}">{text(run.text)}</span>',
    LINK: lambda run: f'<a href="#{anchor(run.target)}">{text(run.text)}</a>',
}


def inline(runs: Inline) -> str:
    """A run of inline text as HTML."""
    if len(runs) == 1 and runs[0].__class__ is str:  # most cells and facts: one call less
        return text(runs[0]).strip()
    return render_inline(runs, text, _STYLES)


def write_html(fp: TextIO, blocks, *, title: str) -> None:
    """Write the report's blocks as a complete HTML page."""
    fp.write(html_head(title))
    write_html_blocks(fp, blocks)
    fp.write(HTML_TAIL)


def html_head(title: str) -> str:
    """The page up to where the report's blocks begin: its head, with the style sheet and the policy."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{text(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
    )


HTML_TAIL = "</main>\n</body>\n</html>\n"  # the page after the report's blocks


def write_html_blocks(fp: TextIO, blocks) -> None:
    """Write blocks as the HTML inside the page's <main> (a piece of a report, or all of it)."""
    for block in blocks:
        _WRITERS[type(block)](fp, block)


def _open(fp: TextIO, block: Open) -> None:
    tag = _GROUP_TAGS.get(block.kind, "div")
    ident = f' id="{anchor(block.anchor)}"' if block.anchor else ""
    fp.write(f'<{tag} class="{anchor(block.kind)}"{ident}>\n')


def _close(fp: TextIO, block: Close) -> None:
    fp.write(f"</{_GROUP_TAGS.get(block.kind, 'div')}>\n")


def _heading(fp: TextIO, block: Heading) -> None:
    level = min(max(block.level, 1), 6)
    fp.write(f"<h{level}>{inline(block.text)}</h{level}>\n")


def _paragraph(fp: TextIO, block: Paragraph) -> None:
    fp.write(f"<p>{inline(block.text)}</p>\n")


def _callout(fp: TextIO, block: Callout) -> None:
    fp.write(f'<p class="callout {anchor(block.tone)}">{inline(block.text)}</p>\n')


def _items(fp: TextIO, block: Items) -> None:
    fp.write("<nav><ul>\n" if all(_is_link(i) for i in block.items) else "<ul>\n")
    fp.writelines(f"<li>{inline(item)}</li>\n" for item in block.items)
    fp.write("</ul></nav>\n" if all(_is_link(i) for i in block.items) else "</ul>\n")


def _is_link(item: Inline) -> bool:
    return len(item) == 1 and not isinstance(item[0], str) and item[0].style == LINK


def _facts_text(block: Facts) -> str:
    items = "".join(f"<dt>{text(label)}</dt><dd>{inline(value)}</dd>\n" for label, value in block.items)
    return f'<dl class="facts">\n{items}</dl>\n'


def _table(fp: TextIO, block: Table) -> None:
    classes = [' class="num"' if i in block.numeric else "" for i in range(len(block.columns))]
    fp.write(
        '<div class="table"><table>\n<thead><tr>'
        + "".join(f"<th{cls}>{text(c)}</th>" for cls, c in zip(classes, block.columns))
        + "</tr></thead>\n<tbody>\n"
    )
    cells = [f"<td{cls}>" for cls in classes]
    for row in block.rows:
        fp.write("<tr>" + "".join([cell + inline(value) + "</td>" for cell, value in zip(cells, row)]) + "</tr>\n")
    fp.write("</tbody>\n</table></div>\n")


def _quote_text(block: Quote) -> str:
    before, marked, after = quote_parts(block, text)
    return f"<blockquote>{before}<mark>{marked}</mark>{after}</blockquote>\n"


def _evidence(fp: TextIO, block: Evidence) -> None:
    level = min(max(block.level, 1), 6)
    quote = _quote_text(block.quote) if block.quote is not None else ""
    fp.write(
        f'<div class="claim" id="{anchor(block.anchor)}">\n<h{level}>{inline(block.title)}</h{level}>\n'
        f"<p>{text(block.source)}</p>\n{quote}{_facts_text(block.facts)}</div>\n"
    )


# --------------------------------------------------------------------------- the chart

_WIDTH = 440
_PLOT_LEFT, _PLOT_RIGHT = 44, 396  # room on each side for the end ticks' labels
_ROW = 40  # a row: its document and value on one line, the mark on the line below
_ARROW = 22  # pixels of the arrow drawn from a bound ("more than", "fewer than")


def _chart(fp: TextIO, block: Chart) -> None:
    """A dot plot: one row per member, its document and value written above its mark on one
    axis zoomed to the values (ticks and unit below). A range is a bracket from its low to its
    high end, a lower bound ("more than") a dot with an arrow to the right, an upper bound one to
    the left, an approximate value a ring; the colour is the claim's verdict. Labels sit above
    the marks rather than beside them, so that the chart stays legible on a phone's width."""
    points = block.points
    low, high = block.low, block.high
    if low is None or high is None or not high > low:
        low = min(p.low for p in points)
        high = max(p.high for p in points)
        pad = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad

    def x(value: float) -> float:
        at = (value - low) / (high - low) if high > low else 0.5
        return round(_PLOT_LEFT + min(max(at, 0.0), 1.0) * (_PLOT_RIGHT - _PLOT_LEFT), 1)

    axis_y = len(points) * _ROW + 6
    height = axis_y + (44 if block.unit else 28)
    title = text(block.title)
    parts = [
        f'<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" width="{_WIDTH}" '
        f'height="{height}" viewBox="0 0 {_WIDTH} {height}" font-family="Helvetica, Arial, sans-serif" '
        f'font-size="15"><title>{title}</title>'
    ]
    for value, label in block.ticks:
        if low <= value <= high:
            tx = x(value)
            parts.append(
                f'<line x1="{tx}" y1="2" x2="{tx}" y2="{axis_y + 4}" stroke="#e3e3e6"/>'
                f'<text x="{tx}" y="{axis_y + 19}" text-anchor="middle" fill="#444" font-size="13">'
                f"{text(label)}</text>"
            )
    parts.append(f'<line x1="{_PLOT_LEFT}" y1="{axis_y}" x2="{_PLOT_RIGHT}" y2="{axis_y}" stroke="#888"/>')
    if block.unit:
        parts.append(
            f'<text x="{(_PLOT_LEFT + _PLOT_RIGHT) // 2}" y="{axis_y + 38}" text-anchor="middle" '
            f'fill="#444" font-size="13">{text(block.unit)}</text>'
        )
    for row, point in enumerate(points):
        top = row * _ROW
        y = top + 29
        colour = _VERDICT_COLOURS.get(point.verdict or "", _NO_VERDICT_COLOUR)
        parts.append(
            f'<text x="8" y="{top + 14}" fill="#333">{text(shorten(point.label, 34))}: '
            f'<tspan font-weight="bold">{text(shorten(point.text, 20))}</tspan></text>'
        )
        parts.append(f'<line x1="{_PLOT_LEFT}" y1="{y}" x2="{_PLOT_RIGHT}" y2="{y}" stroke="#eeeef1"/>')
        parts.append(_mark(point, x, y, colour))
    parts.append(
        f"</svg><figcaption>{title}: each dot is one document's figure, on an axis fitted to the "
        "values; an arrow is a bound (“more than”, “fewer than”), a bracket a range, a ring an "
        "approximate figure; the colour is the claim's verdict (red conflicting, green consistent, "
        "amber unverified, grey not reviewed).</figcaption></figure>\n"
    )
    fp.write("".join(parts))


def _mark(point, x, y: float, colour: str) -> str:
    """The mark of one value: a dot, a ring, a dot with an arrow, or a bracket."""
    if point.high > point.low:
        start, end = x(point.low), x(point.high)
        return (
            f'<path d="M{start} {y} H{end}" stroke="{colour}" stroke-width="2.5" fill="none"/>'
            f'<path d="M{start + 5} {y - 7} H{start} V{y + 7} H{start + 5} M{end - 5} {y - 7} H{end} V{y + 7} '
            f'H{end - 5}" stroke="{colour}" stroke-width="2.5" fill="none"/>'
        )
    cx = x(point.low)
    if point.bound == "approx":
        return f'<circle cx="{cx}" cy="{y}" r="6" fill="#fff" stroke="{colour}" stroke-width="3"/>'
    dot = f'<circle cx="{cx}" cy="{y}" r="6" fill="{colour}"/>'
    if point.bound not in ("lower_bound", "upper_bound"):
        return dot
    side = 1 if point.bound == "lower_bound" else -1
    tip = round(min(max(cx + side * _ARROW, _PLOT_LEFT), _PLOT_RIGHT), 1)
    back = round(tip - side * 7, 1)
    return (
        f'<line x1="{cx}" y1="{y}" x2="{back}" y2="{y}" stroke="{colour}" stroke-width="2.5"/>'
        f'<path d="M{tip} {y} L{back} {y - 5} L{back} {y + 5} Z" fill="{colour}"/>{dot}'
    )


_WRITERS = {
    Heading: _heading,
    Paragraph: _paragraph,
    Callout: _callout,
    Items: _items,
    Facts: text_writer(_facts_text),
    Table: _table,
    Quote: text_writer(_quote_text),
    Evidence: _evidence,
    Chart: _chart,
    Open: _open,
    Close: _close,
}
