"""PDF documents: the text layer of each page, in reading order, through pypdfium2 (PDFium).

Pages are separated by a form feed on a line of its own, so a claim's page is the number of
form feeds before it plus one (`page_at`), and the text stays exactly what is stored and shown.
Lines come from PDFium in reading order; a blank line is put where the gap above a line is
clearly wider than the page's usual line spacing (a new paragraph), and cells of a table row,
which PDFium separates by one space, are separated by " | " where the gap between them is wider
than the line is high, so that a row keeps its label beside its figures.
"""

from __future__ import annotations

import re

PAGE_BREAK = "\f"
PDF_MEDIA_TYPE = "application/pdf"
MAX_PAGES = 5000  # a document longer than this is refused rather than read for minutes

_CONTROL = re.compile(r"[\x00\x01\x03-\x08\x0b\x0e-\x1f\ufffe\uffff]")


class PdfError(ValueError):
    """A PDF that cannot be read; the message is one line naming the reason."""


def is_pdf(name: str, data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-") or name.lower().endswith(".pdf")


def page_at(text: str, offset: int) -> int:
    """The page (from 1) of the PDF text that an offset into it falls on."""
    return text.count(PAGE_BREAK, 0, offset) + 1


def read_pdf(data: bytes, *, max_pages: int = MAX_PAGES) -> tuple[str, dict[str, str]]:
    """The text of every page, pages separated by PAGE_BREAK lines, and the PDF's metadata."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise PdfError(_why_not_opened(str(error))) from None
    try:
        pages = len(pdf)
        if pages == 0:
            raise PdfError("PDF has no pages")
        if pages > max_pages:
            raise PdfError(f"PDF has {pages:,} pages, over the {max_pages:,} page limit")
        texts = []
        for index in range(pages):
            try:
                page = pdf[index]
                textpage = page.get_textpage()
            except pdfium.PdfiumError as error:
                raise PdfError(f"damaged PDF: page {index + 1} cannot be read ({error})") from None
            try:
                texts.append(_page_text(textpage))
            finally:
                textpage.close()
                page.close()
        if not any(text.strip() for text in texts):
            raise PdfError("PDF has no text layer (a scan?); run OCR first")
        meta = _metadata(pdf)
        running = _running_lines(texts)
        if running:
            texts = [_set_apart(text, running) for text in texts]
            meta[RUNNING_LINES] = "\n".join(sorted(running))
    finally:
        pdf.close()
    return f"\n{PAGE_BREAK}\n".join(texts), meta


RUNNING_LINES = "running_lines"  # the meta key: running heads and feet, one a line
_EDGE_LINES = 3  # lines at the top and at the bottom of a page where a running head or foot stands
_DIGITS = re.compile(r"\d+")


def _running_lines(texts: list[str]) -> set[str]:
    """Running heads and feet: lines near the top or bottom of pages that recur, with only their
    numbers changed ("Page 3 of 12", a printed page's date, title, address and "2/5"), on at
    least two pages and on at least half of them. They are page furniture, not the text."""
    pages_of: dict[str, set[int]] = {}
    lines_of: dict[str, set[str]] = {}
    for page, text in enumerate(texts):
        lines = [line for line in text.split("\n") if line.strip()]
        for line in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]:
            key = _DIGITS.sub("#", line.strip())
            pages_of.setdefault(key, set()).add(page)
            lines_of.setdefault(key, set()).add(line)
    needed = max(2, (len(texts) + 1) // 2)
    return {line for key, pages in pages_of.items() if len(pages) >= needed for line in lines_of[key]}


def _set_apart(text: str, running: set[str]) -> str:
    """The page's text with each running line a paragraph of its own."""
    out: list[str] = []
    for line in text.split("\n"):
        if line in running:
            if out and out[-1]:
                out.append("")
            out.extend([line, ""])
        elif line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")


def _why_not_opened(message: str) -> str:
    lowered = message.lower()
    if "password" in lowered:
        return "PDF is encrypted (a password is needed to open it)"
    if "security" in lowered:
        return "PDF uses an unsupported security handler"
    return "damaged or unreadable PDF (" + message.rstrip(".").replace("\n", " ") + ")"


def _page_text(textpage) -> str:
    raw = textpage.get_text_range()
    if not raw.strip():
        return ""
    lines = raw.split("\r\n")
    if len(lines) == 1 and "\n" in raw:
        lines = raw.split("\n")
    starts, index = [], 0
    for line in lines:
        starts.append(index)
        index += len(line) + 2
    chars = textpage.count_chars()
    boxes = [
        textpage.get_charbox(start, loose=True) if line and start < chars else None
        for start, line in zip(starts, lines)
    ]
    pitches = [
        above[1] - below[1]
        for above, below in zip(boxes, boxes[1:])
        if above is not None and below is not None and above[1] > below[1]
    ]
    # The spacing of lines within a paragraph: the lower quartile, as in short paragraphs of two
    # or three lines as many gaps are between paragraphs as within them.
    usual = sorted(pitches)[len(pitches) // 4] if pitches else 0.0
    out: list[str] = []
    previous = None
    for line, start, box in zip(lines, starts, boxes):
        if not line.strip():
            continue
        if (
            previous is not None
            and box is not None
            and usual
            and (
                box[1] >= previous[1]
                or previous[1] - box[1] > max(1.4 * usual, 1.5 * min(previous[3] - previous[1], box[3] - box[1]))
            )
        ):
            # A new column, or a gap wider than the page's line spacing and than the lines on
            # either side are high (a headline's big type has a wide spacing of its own): a new
            # paragraph.
            out.append("")
        out.append(_cells(textpage, line, start, box, chars))
        previous = box
    return _CONTROL.sub("", "\n".join(out).replace("\x02", "-"))


def _cells(textpage, line: str, start: int, box, chars: int) -> str:
    """The line with " | " between the cells of a table row: where a space stands for a gap
    wider than the line is high."""
    if box is None or " " not in line.strip():
        return line.rstrip()
    height = box[3] - box[1]
    parts, last = [], 0
    for m in re.finditer(" ", line):
        i = start + m.start()
        if m.start() == 0 or i + 1 >= chars:
            continue
        left = textpage.get_charbox(i - 1)
        right = textpage.get_charbox(i + 1)
        if right[0] - left[2] > height:
            parts.append(line[last : m.start()])
            last = m.end()
    if not parts:
        return line.rstrip()
    parts.append(line[last:])
    return "| " + " | ".join(part.strip() for part in parts) + " |"


def _metadata(pdf) -> dict[str, str]:
    """Title and author from the PDF's information dictionary. Its CreationDate is when the PDF
    was made (for a saved web page, when it was printed), not when the text was published."""
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    except Exception:  # metadata is a nicety: a PDF whose info dictionary is broken still reads
        return {}
    meta = {}
    if info.get("Title"):
        meta["headline"] = " ".join(info["Title"].split())
    if info.get("Author"):
        meta["author"] = " ".join(info["Author"].split())
    return meta
