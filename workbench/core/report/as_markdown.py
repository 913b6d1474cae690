"""The report as Markdown: readable as plain text in a terminal, and rendered safely by any
Markdown viewer.

Untrusted text cannot start markup: each character Markdown (or the HTML it allows inline) gives
a meaning to is escaped with a backslash, a line-start marker ("-", "1.") is escaped where text
begins a line, and control characters are made visible. Charts are the HTML report's alone.
"""

from __future__ import annotations

import functools
import re
from typing import TextIO

from workbench.core.report.blocks import (
    CODE,
    STRONG,
    VERDICT,
    Block,
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
    Run,
    Table,
    quote_parts,
    render_inline,
    text_writer,
)
from workbench.core.safe_text import flow, flow_line, untidy

_ACTIVE = untidy("\\`*_[]<>|#&~")  # what escaping would change, if anything
_ACTIVE_CHARACTERS = _ACTIVE.search
# Markdown's punctuation, "_" unless inside a word (where it cannot emphasise), and "&" before an
# entity. Each choice starts with a character, so the search skips from one candidate to the next:
# "_" then looks back past itself for a word character before it (that is what the "." is).
_SPECIAL = re.compile(r"[\\`*\[\]<>|#]|_(?:(?![^\W_])|(?<=(?<![^\W_]).))|&(?=#?\w+;)")
# _SPECIAL, for text without "_" or "&", the backslash first: a few replace() calls on the characters
# present take a tenth of the time of str.translate, which looks every character up.
_ALWAYS = "\\`*[]<>|#"
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")
# What GitHub-style renderers turn into a live link without any markup: "scheme://", "www." and
# e-mail addresses (cmark-gfm's autolink extension). A backslash before the ":" or the "." of
# "www." shows the same text and stops the link; an e-mail address, which no escape stops, gets a
# word joiner (U+2060, invisible) after its "@".
_LINKISH = re.compile(r"(?i)://|www\.|@")
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9+.-])(?=://)|(?<=\bwww)(?=\.)|(?<=[\w.+-]@)(?=[\w-])")

_BACKTICKS = re.compile(r"`+")


# A report escapes the same few hundred strings (labels, "—", verdicts, a document's name beside
# each of its claims) millions of times: the last few thousand are remembered (a bounded cache,
# so memory stays flat), and nine calls in ten are then one lookup.
_REMEMBERED = 4096


@functools.lru_cache(maxsize=_REMEMBERED)
def escape(text: str) -> str:
    """Plain text as Markdown that shows exactly that text (whitespace runs read as one space):
    a backslash before each character Markdown or its inline HTML would act on. A lone "~"
    ("~70%") is left alone, since strikethrough needs a pair."""
    if text.__class__ is not str:
        text = "" if text is None else str(text)
    # Nearly all text needs nothing, and a large report escapes millions of strings: such text is
    # told by substring tests and one character class, in one call. _LINKISH needs "@", "://" or
    # "w." ("www." in any case holds "w." or "W."), and a case-blind pattern with choices scans
    # slowly, so it runs only where one of them stands.
    if "@" not in text and "://" not in text and "w." not in text and "W." not in text:
        if _ACTIVE_CHARACTERS(text) is None and "  " not in text:
            return text
        linkish = False
    else:
        linkish = _LINKISH.search(text) is not None
        if not linkish and not _ACTIVE(text):
            return text
    text = flow(text)
    if "_" in text or "&" in text:  # whether they need a backslash depends on their neighbours
        text = _SPECIAL.sub(lambda m: "\\" + m.group(0), text)
    else:
        for character in _ALWAYS:
            if character in text:
                text = text.replace(character, "\\" + character)
    if linkish:
        text = _AUTOLINK.sub(lambda m: "\\" if text[m.start() : m.start() + 1] in ":." else "\u2060", text)
    return text.replace("~", "\\~") if text.count("~") > 1 else text


def _line(text: str) -> str:
    """Markdown that starts a line: a leading list or heading marker in the text is escaped."""
    first = text[:1]
    if not (first in "-+=" or first.isdecimal() or first.isspace()) or not first:  # _LINE_START cannot match
        return text
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text, count=1)


def _code(text: str) -> str:
    """A code span holding `text` whatever backticks it contains."""
    text = flow_line(text)
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _bold(run: Run) -> str:
    return f"**{escape(run.text).strip()}**" if run.text.strip() else escape(run.text)


_STYLES = {CODE: lambda run: _code(run.text), STRONG: _bold, VERDICT: _bold}


def inline(runs: Inline) -> str:
    """A run of inline text: strong and verdicts in bold, code in backticks, links as their text."""
    if len(runs) == 1 and runs[0].__class__ is str:  # most cells and facts: one call less
        return escape(runs[0]).strip()
    return render_inline(runs, escape, _STYLES)


def write_markdown(fp: TextIO, blocks) -> None:
    """Write the report's blocks as Markdown, one block at a time."""
    for block in blocks:
        _WRITERS[type(block)](fp, block)


def _heading(fp: TextIO, block: Heading) -> None:
    fp.write(f"{'#' * block.level} {inline(block.text)}\n\n")


def _paragraph(fp: TextIO, block: Paragraph | Callout) -> None:
    fp.write(_line(inline(block.text)) + "\n\n")


def _items(fp: TextIO, block: Items) -> None:
    fp.writelines(f"- {_line(inline(item))}\n" for item in block.items)
    fp.write("\n")


def _facts_text(block: Facts) -> str:
    return "".join(f"- **{escape(label)}:** {inline(text)}\n" for label, text in block.items) + "\n"


def _table(fp: TextIO, block: Table) -> None:
    fp.write("| " + " | ".join(escape(c) for c in block.columns) + " |\n")
    fp.write("|" + "|".join("---:" if i in block.numeric else "---" for i in range(len(block.columns))) + "|\n")
    for row in block.rows:
        fp.write("| " + " | ".join(inline(cell) or " " for cell in row) + " |\n")
    fp.write("\n")


def _quote_text(block: Quote) -> str:
    before, marked, after = quote_parts(block, escape)
    return f"> {_line(before)}**{marked}**{after}\n\n"


def _evidence(fp: TextIO, block: Evidence) -> None:
    quote = _quote_text(block.quote) if block.quote is not None else ""
    fp.write(
        f"{'#' * block.level} {inline(block.title)}\n\n{_line(escape(block.source))}\n\n"
        f"{quote}{_facts_text(block.facts)}"
    )


def _nothing(fp: TextIO, block: Block) -> None:
    """Blocks with no Markdown form: group boundaries, and charts (the table beside them has the values)."""


_WRITERS = {
    Heading: _heading,
    Paragraph: _paragraph,
    Callout: _paragraph,
    Items: _items,
    Facts: text_writer(_facts_text),
    Table: _table,
    Quote: text_writer(_quote_text),
    Evidence: _evidence,
    Chart: _nothing,
    Open: _nothing,
    Close: _nothing,
}
