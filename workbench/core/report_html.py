"""The report as one self-contained HTML file: no scripts, no network, readable on screen and on paper.

Every piece of text from a document, a note, a file name or a reviewer goes through `text()`:
control characters made visible, then html.escape with quote=True, so "<script>" or an
"onerror=" attribute in a document is shown as characters and never parsed as markup. The page
carries no JavaScript at all, and its Content-Security-Policy forbids any, as a second guard.
Each cluster with numeric values gets a small inline SVG chart of its values on one scale.
"""
from __future__ import annotations

import functools
import html
from typing import TextIO

from workbench.core.report_blocks import (
    CODE, LINK, STRONG, VERDICT, Callout, Chart, Close, Evidence, Facts, Heading, Inline, Items, Open,
    Paragraph, Quote, Table, anchor,
)
from workbench.core.report_text import flow, shorten, untidy

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
figure figcaption { font-size: .8rem; color: var(--muted); }
@media print {
  @page { margin: 16mm 14mm; }
  body { background: none; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  nav ul { columns: 2; }
  h2 { break-before: page; }
  #summary h2 { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  div.claim, blockquote, figure, tr, dl.facts { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  mark { background: none; text-decoration: underline; }
}
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


_ACTIVE = untidy("&<>\"'")  # what escaping would change, if anything


def text(value: object) -> str:
    """Untrusted text as HTML that shows exactly that text: visible controls, every markup character escaped."""
    if value.__class__ is not str:
        value = "" if value is None else str(value)
    if not _ACTIVE(value):
        return value
    return html.escape(flow(value), quote=True)


@functools.lru_cache(maxsize=64)
def _verdict_class(target: str) -> str:
    """The class attribute of a verdict's badge (a handful of verdicts, each used many times)."""
    return f"verdict v-{anchor(target)}"


def inline(runs: Inline) -> str:
    """A run of inline text as HTML."""
    if len(runs) == 1 and runs[0].__class__ is str:  # most table cells and facts
        return text(runs[0]).strip()
    parts = []
    for run in runs:
        if isinstance(run, str):
            parts.append(text(run))
        elif run.style == STRONG:
            parts.append(f"<strong>{text(run.text)}</strong>")
        elif run.style == CODE:
            parts.append(f"<code>{text(run.text)}</code>")
        elif run.style == VERDICT:
            parts.append(f'<span class="{_verdict_class(run.target)}">{text(run.text)}</span>')
        elif run.style == LINK:
            parts.append(f'<a href="#{anchor(run.target)}">{text(run.text)}</a>')
        else:
            parts.append(text(run.text))
    return "".join(parts).strip()


def write_html(fp: TextIO, blocks, *, title: str) -> None:
    """Write the report's blocks as a complete HTML page."""
    fp.write('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
             f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
             '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
             f'<title>{text(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n')
    for block in blocks:
        _WRITERS[type(block)](fp, block)
    fp.write("</main>\n</body>\n</html>\n")


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


def _facts(fp: TextIO, block: Facts) -> None:
    fp.write(_facts_text(block))


def _facts_text(block: Facts) -> str:
    items = "".join(f"<dt>{text(label)}</dt><dd>{inline(value)}</dd>\n" for label, value in block.items)
    return f'<dl class="facts">\n{items}</dl>\n'


def _table(fp: TextIO, block: Table) -> None:
    classes = [' class="num"' if i in block.numeric else "" for i in range(len(block.columns))]
    fp.write("<table>\n<thead><tr>" + "".join(f"<th{cls}>{text(c)}</th>" for cls, c in zip(classes, block.columns))
             + "</tr></thead>\n<tbody>\n")
    cells = [f"<td{cls}>" for cls in classes]
    for row in block.rows:
        fp.write("<tr>" + "".join([cell + inline(value) + "</td>" for cell, value in zip(cells, row)]) + "</tr>\n")
    fp.write("</tbody>\n</table>\n")


def _quote(fp: TextIO, block: Quote) -> None:
    fp.write(_quote_text(block))


def _quote_text(block: Quote) -> str:
    before = ("…" if block.cut_before else "") + text(block.before).lstrip()
    after = text(block.after).rstrip() + ("…" if block.cut_after else "")
    return f"<blockquote>{before}<mark>{text(block.marked).strip()}</mark>{after}</blockquote>\n"


def _evidence(fp: TextIO, block: Evidence) -> None:
    level = min(max(block.level, 1), 6)
    quote = _quote_text(block.quote) if block.quote is not None else ""
    fp.write(f'<div class="claim" id="{anchor(block.anchor)}">\n<h{level}>{inline(block.title)}</h{level}>\n'
             f"<p>{text(block.source)}</p>\n{quote}{_facts_text(block.facts)}</div>\n")


# --------------------------------------------------------------------------- the chart

_LABEL_WIDTH = 210
_PLOT_LEFT, _PLOT_RIGHT = 220, 520
_WIDTH = 640
_ROW = 24


def _chart(fp: TextIO, block: Chart) -> None:
    """The values on one horizontal scale, a row per member: a bar from zero for an amount, a
    floating bar for a range, a dot for a value on a scale that does not start at zero (years)."""
    points = block.points
    low = min(p.low for p in points)
    high = max(p.high for p in points)
    if block.from_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    pad = (high - low) * 0.05 or abs(high) * 0.1 or 1.0
    if not block.from_zero or low < 0:
        low -= pad
    high += pad if high > 0 or not block.from_zero or high == low else 0  # all zero: a unit scale

    def x(value: float) -> float:
        return round(_PLOT_LEFT + (value - low) / (high - low) * (_PLOT_RIGHT - _PLOT_LEFT), 1)

    height = len(points) * _ROW + 8
    title = text(block.title)
    parts = [f'<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" width="{_WIDTH}" height="{height}" '
             f'viewBox="0 0 {_WIDTH} {height}" font-family="Helvetica, Arial, sans-serif" font-size="12">'
             f"<title>{title}</title>"]
    if block.from_zero:
        parts.append(f'<line x1="{x(0)}" y1="2" x2="{x(0)}" y2="{height - 4}" stroke="#999"/>')
    for row, point in enumerate(points):
        y = row * _ROW + _ROW // 2 + 4
        colour = _VERDICT_COLOURS.get(point.verdict or "", _NO_VERDICT_COLOUR)
        parts.append(f'<text x="{_LABEL_WIDTH}" y="{y + 4}" text-anchor="end" fill="#333">'
                     f"{text(shorten(point.label, 30))}</text>")
        if point.high > point.low:
            start, end = x(point.low), x(point.high)
            parts.append(f'<rect x="{start}" y="{y - 6}" width="{max(end - start, 2)}" height="12" '
                         f'fill="{colour}" fill-opacity="0.35" stroke="{colour}"/>')
        elif block.from_zero:
            start, end = sorted((x(0), x(point.low)))
            parts.append(f'<rect x="{start}" y="{y - 6}" width="{max(end - start, 2)}" height="12" fill="{colour}"/>')
        else:
            parts.append(f'<line x1="{_PLOT_LEFT}" y1="{y}" x2="{_PLOT_RIGHT}" y2="{y}" stroke="#ddd"/>'
                         f'<circle cx="{x(point.low)}" cy="{y}" r="6" fill="{colour}"/>')
        parts.append(f'<text x="{_PLOT_RIGHT + 10}" y="{y + 4}" fill="#333">{text(shorten(point.text, 18))}</text>')
    scale = "bars from zero" if block.from_zero else "dots on a scale fitted to the values"
    parts.append(f"</svg><figcaption>{title}: {scale}; an outlined bar is a range; "
                 "the colour is the claim's verdict (grey: not reviewed).</figcaption></figure>\n")
    fp.write("".join(parts))


_WRITERS = {
    Heading: _heading,
    Paragraph: _paragraph,
    Callout: _callout,
    Items: _items,
    Facts: _facts,
    Table: _table,
    Quote: _quote,
    Evidence: _evidence,
    Chart: _chart,
    Open: _open,
    Close: _close,
}
