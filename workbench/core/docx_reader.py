"""Word documents (.docx): paragraphs, headings and tables, in the order they stand, via python-docx.

Headings are written as Markdown headings ("# ", "## ", ...), which the segmenter takes for the
title and for section heads, as it does in a Markdown file; a table is written one row a line
with its cells between " | ", as tables of web pages and PDFs are. That text is what is stored.
"""

from __future__ import annotations

import io
import re
import zipfile

MAX_PARTS_BYTES = 200 * 1024 * 1024  # the unpacked size past which a .docx is taken for a zip bomb


class DocxError(ValueError):
    """A Word file that cannot be read; the message is one line naming the reason."""


def is_docx(name: str, data: bytes) -> bool:
    return name.lower().endswith(".docx") or (
        data[:2] == b"PK" and b"word/" in data[:4096] and b"[Content_Types].xml" in data[:4096]
    )


_HEADING = re.compile(r"(?:Heading|Überschrift|Titre)\s*(\d)", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0]+")


def read_docx(data: bytes) -> tuple[str, dict[str, str]]:
    """The document's text (blocks separated by blank lines) and its core properties."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise DocxError("damaged Word file (not a valid .docx archive)") from None
    if unpacked > MAX_PARTS_BYTES:
        raise DocxError(
            f"Word file unpacks to {unpacked / 1_048_576:.0f} MB, over the {MAX_PARTS_BYTES / 1_048_576:.0f} MB limit"
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise DocxError(f"damaged Word file ({type(error).__name__}: {error})".replace("\n", " ")) from None
    except Exception as error:  # lxml's XMLSyntaxError and the like, from a corrupt part
        raise DocxError(f"damaged Word file ({type(error).__name__})") from None
    blocks = [block for block in _blocks(document) if block]
    return "\n\n".join(blocks), _properties(document)


def _blocks(document):
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            yield _paragraph(item)
        elif isinstance(item, Table):
            yield _table(item)


def _paragraph(paragraph) -> str:
    text = _clean(paragraph.text)
    if not text:
        return ""
    style = paragraph.style.name if paragraph.style is not None else ""
    if style == "Title":
        return "# " + text
    heading = _HEADING.match(style or "")
    if heading:
        return "#" * max(1, min(6, int(heading.group(1)))) + " " + text
    return text


def _table(table) -> str:
    rows = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            if previous is not None and cell._tc is previous:
                continue  # a merged cell is listed once for every grid column it spans
            previous = cell._tc
            cells.append(" ".join(_clean(cell.text).split("\n")))
        if any(cells):
            rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _clean(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").replace("\v", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


def _properties(document) -> dict[str, str]:
    core = document.core_properties
    meta = {}
    if core.title:
        meta["headline"] = " ".join(core.title.split())
    if core.author:
        meta["author"] = " ".join(core.author.split())
    return meta
