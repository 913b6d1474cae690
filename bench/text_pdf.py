"""A small PDF writer for benchmarks: pages of text in Helvetica, a real text layer, no images.

PDFs made this way are read by PDFium like any other (the same text objects a word processor
writes, without its fonts embedded); the benchmark needs thousands of them, made in seconds,
without Chromium.
"""

from __future__ import annotations

import textwrap

WIDTH, HEIGHT = 595, 842  # A4 in points
MARGIN, SIZE, LEADING = 56, 10, 13
LINES_PER_PAGE = (HEIGHT - 2 * MARGIN) // LEADING
CHARS_PER_LINE = 95


def _escape(line: str) -> bytes:
    data = line.encode("cp1252", errors="replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _page_lines(text: str) -> list[str]:
    """The text's paragraphs wrapped to the page width, a blank line between them, cut to a page."""
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        paragraph = " ".join(paragraph.split())
        if paragraph:
            lines.extend(textwrap.wrap(paragraph, CHARS_PER_LINE) + [""])
    return lines[:LINES_PER_PAGE]


def text_pdf(pages: list[str]) -> bytes:
    """A PDF with one page for each text given (paragraphs separated by blank lines)."""
    objects: list[bytes] = [
        b"",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for text in pages:
        ops = [b"BT", f"/F1 {SIZE} Tf {LEADING} TL {MARGIN} {HEIGHT - MARGIN} Td".encode()]
        for line in _page_lines(text):
            ops.append(b"(" + _escape(line) + b") Tj T*" if line else b"T*")
        ops.append(b"ET")
        stream = b"\n".join(ops)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content = len(objects)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH} {HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content} 0 R >>".encode()
        )
        kids.append(f"{len(objects)} 0 R")
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
