"""The report as a stream of small blocks (headings, facts, tables, quotes, charts) that the
Markdown and HTML renderers each turn into their own syntax.

Content is decided once, in core.report.sections; each renderer only knows how to write a block and how
to escape plain text for its format. Every string in a block is plain text, never markup.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TextIO

# Inline styles of a Run.
STRONG = "strong"
CODE = "code"
VERDICT = "verdict"  # a verdict word, styled by its value
LINK = "link"  # a link to an anchor in the same report


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of plain text with one inline style."""

    text: str
    style: str = ""
    target: str = ""  # LINK: the anchor; VERDICT: the verdict the text stands for


Inline = tuple[str | Run, ...]


def strong(text: str) -> Run:
    return Run(text, STRONG)


def code(text: str) -> Run:
    return Run(text, CODE)


def verdict(value: str, text: str = "") -> Run:
    """A verdict, shown as `text` (default: the verdict itself) and styled by its value."""
    return Run(text or value, VERDICT, value)


def link(text: str, anchor: str) -> Run:
    return Run(text, LINK, anchor)


_NOT_ANCHOR = re.compile(r"[^a-z0-9]+")
_ANCHOR = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@functools.lru_cache(maxsize=4096)  # a document's or a cluster's anchor is made for each link to it
def anchor(*parts: str) -> str:
    """An anchor id made only of lower-case letters, digits and hyphens, whatever the parts hold."""
    joined = "-".join(parts)
    if _ANCHOR.fullmatch(joined):  # every part is one already (a part that was not would show here)
        return joined
    return "-".join(
        part if _ANCHOR.fullmatch(part) else _NOT_ANCHOR.sub("-", part.lower()).strip("-") for part in parts
    )


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading; the anchor to link to it belongs to the Open block around it."""

    level: int  # 1 to 4
    text: Inline


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: Inline


@dataclass(frozen=True, slots=True)
class Callout:
    """A paragraph a reader must not miss: `tone` is 'warning' (work left) or 'done'."""

    text: Inline
    tone: str = "warning"


@dataclass(frozen=True, slots=True)
class Items:
    """A bulleted list."""

    items: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Facts:
    """Labelled values: label, then its text."""

    items: tuple[tuple[str, Inline], ...]


@dataclass(frozen=True, slots=True)
class Table:
    """Rows are streamed: `rows` may be a generator, read once while the table is written."""

    columns: tuple[str, ...]
    rows: Iterable[tuple[Inline, ...]]
    numeric: frozenset[int] = frozenset()  # columns aligned to the right


@dataclass(frozen=True, slots=True)
class Quote:
    """A passage from a document with the claim marked; `cut_*` say whether the passage goes on."""

    before: str
    marked: str
    after: str
    cut_before: bool = False
    cut_after: bool = False


def quote_parts(block: Quote, escape) -> tuple[str, str, str]:
    """A quote's text before the claim, the claim and the text after it, each escaped for a
    format, with an ellipsis where the passage goes on and no space at the quote's ends."""
    before = ("…" if block.cut_before else "") + escape(block.before).lstrip()
    after = escape(block.after).rstrip() + ("…" if block.cut_after else "")
    return before, escape(block.marked).strip(), after


@dataclass(frozen=True, slots=True)
class Evidence:
    """One claim as evidence, written as one piece: a heading, the source it comes from, its
    passage with the claim marked (when read), and labelled facts (value, verdicts, notes)."""

    anchor: str
    level: int
    title: Inline
    source: str
    quote: Quote | None
    facts: Facts


@dataclass(frozen=True, slots=True)
class ChartPoint:
    label: str  # the document, as a reader knows it: its outlet or title
    low: float
    high: float
    text: str  # the value as written for the reader
    verdict: str | None = None
    bound: str = "exact"  # the claim's qualifier: exact | approx | lower_bound | upper_bound | range


@dataclass(frozen=True, slots=True)
class Chart:
    """The values of a cluster as dots on one axis zoomed to them (drawn by the HTML report only):
    `low`..`high` is the axis, `ticks` its marks with their labels, `unit` what the axis counts."""

    title: str
    points: tuple[ChartPoint, ...]
    ticks: tuple[tuple[float, str], ...] = ()
    unit: str = ""
    low: float | None = None  # None: fitted to the points
    high: float | None = None


@dataclass(frozen=True, slots=True)
class Open:
    """The start of a group of blocks that belong together (a section, a cluster, a claim)."""

    kind: str
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class Close:
    kind: str


def render_inline(runs: Inline, escape: Callable[[str], str], styles: dict[str, Callable[[Run], str]]) -> str:
    """Inline text in a format: plain strings escaped with `escape`, and each styled run written by
    its style's entry in `styles` (as plain text where its style has none)."""
    if len(runs) == 1 and runs[0].__class__ is str:  # most table cells and facts
        return escape(runs[0]).strip()
    return "".join([escape(run) if isinstance(run, str) else _styled(run, escape, styles) for run in runs]).strip()


def _styled(run: Run, escape: Callable[[str], str], styles: dict[str, Callable[[Run], str]]) -> str:
    style = styles.get(run.style)
    return escape(run.text) if style is None else style(run)


def text_writer(to_text: Callable) -> Callable[[TextIO, object], None]:
    """A renderer's writer for a block whose whole form is the text `to_text` makes of it (the
    same text a renderer also sets inside other blocks, such as a quote inside evidence)."""

    def write(fp: TextIO, block) -> None:
        fp.write(to_text(block))

    return write


Block = Heading | Paragraph | Callout | Items | Facts | Table | Quote | Evidence | Chart | Open | Close
