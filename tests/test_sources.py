"""Documents as a newsroom has them: PDFs (pages, tables, scans, locks, damage) and Word files.

The fixtures are real files made by tests/fixtures/sources/make_fixtures.py: PDFs printed by
Chromium from the HTML pages beside them and from a real news page of bench/html_pages, an
image-only copy, an encrypted and a truncated one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.claims import extract_claims
from workbench.core.documents import DocumentError, document_from_bytes
from workbench.core.pdf_reader import PdfError, page_at, read_pdf
from workbench.ingest import ingest_paths

SOURCES = Path(__file__).resolve().parent / "fixtures" / "sources"


def load(name: str):
    return document_from_bytes(name, (SOURCES / name).read_bytes())


def exact_claims(doc):
    claims = extract_claims(doc)
    for claim in claims:
        assert doc.text[claim.start : claim.end] == claim.surface
    return claims


def test_a_printed_article_reads_as_the_page_does_with_its_pages():
    doc = load("starter_homes_article.pdf")
    assert doc.media_type == "application/pdf"
    assert doc.author == "Jane Whitmore" and doc.published == "2014-07-16"
    assert doc.title.startswith("Starter homes: £1.2bn fund")
    claims = exact_claims(doc)
    page_of = {claim.surface: page_at(doc.text, claim.start) for claim in claims}
    assert page_of["1.41 million"] == 1 and page_of["fewer than 150,000"] == 2
    assert doc.text.count("\f") == 1  # two pages
    # The same claims as the web page it was printed from.
    page = load("starter_homes_article.html")
    assert [c.surface for c in claims] == [c.surface for c in extract_claims(page)]


def test_a_browser_s_running_heads_and_feet_are_kept_as_furniture_not_claims():
    """Printed with Chromium's default header and footer (date, title with its "£1.2bn", address,
    "1/2"): those lines stay in the text, as page furniture, and add no claim."""
    printed = load("starter_homes_article_printed.pdf")
    plain = load("starter_homes_article.pdf")
    assert [c.surface for c in exact_claims(printed)] == [c.surface for c in extract_claims(plain)]
    furniture = [printed.text[s.start : s.end] for s in printed.sections if s.name == "boilerplate"]
    assert sum(line.endswith(("| 1/2 |", "| 2/2 |")) for line in furniture) == 2
    assert sum("| Starter homes: £1.2bn fund" in line for line in furniture) == 2
    assert printed.title.startswith("Starter homes")


def test_paragraphs_of_a_pdf_are_passages_of_their_own():
    doc = load("starter_homes_article.pdf")
    passages = [doc.text[p.start : p.end] for p in doc.passages]
    assert "16 July 2014" in passages
    assert any(p.startswith("Up to 30 councils") and p.endswith("gasworks sites.") for p in passages)


def test_a_table_is_read_row_by_row_with_its_labels():
    doc = load("council_tax_table.pdf")
    lines = doc.text.splitlines()
    assert "| Region | Band D 2015-16 | Band D 2016-17 | Change |" in lines
    assert "| North East | £1,644 | £1,710 | 4.0% |" in lines
    claims = exact_claims(doc)
    rows = {c.surface: doc.text[c.sentence_start : c.sentence_end] for c in claims}
    assert rows["£1,347"].startswith("| London |")
    assert {"3.9%", "£1,644", "£1,710", "4.0%", "£1,300", "2%"} <= set(rows)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("scanned.pdf", "PDF has no text layer (a scan?); run OCR first"),
        ("encrypted.pdf", "PDF is encrypted (a password is needed to open it)"),
        ("truncated.pdf", "damaged or unreadable PDF"),
    ],
)
def test_a_pdf_that_cannot_be_read_gets_one_line(name, reason):
    with pytest.raises(DocumentError) as error:
        load(name)
    assert str(error.value).startswith(reason) and "\n" not in str(error.value)


def test_a_pdf_over_the_page_limit_is_refused():
    with pytest.raises(PdfError, match="PDF has 2 pages, over the 1 page limit"):
        read_pdf((SOURCES / "starter_homes_article.pdf").read_bytes(), max_pages=1)


def test_bytes_that_only_claim_to_be_a_pdf_are_refused_in_one_line():
    with pytest.raises(DocumentError, match="damaged or unreadable PDF"):
        document_from_bytes("report.pdf", b"%PDF-1.4\n")


def test_an_ingest_of_good_and_bad_pdfs_stores_the_good_and_names_the_bad(store, tmp_path):
    for name in ("council_tax_table.pdf", "scanned.pdf", "encrypted.pdf", "truncated.pdf"):
        (tmp_path / name).write_bytes((SOURCES / name).read_bytes())
    report = ingest_paths(store, [tmp_path])
    assert report.added == 1
    assert sorted(Path(path).name for path, _ in report.rejected) == ["encrypted.pdf", "scanned.pdf", "truncated.pdf"]
    [doc] = store.documents()
    text = store.document_text(doc.id)
    claims = list(store.iter_claims())
    assert claims and all(text[c.start : c.end] == c.surface for c in claims)


def test_a_word_press_release_keeps_its_title_paragraphs_and_table():
    doc = load("library_press_release.docx")
    assert doc.media_type.endswith("wordprocessingml.document")
    assert doc.title == "Libraries to open longer as visits rise by 12%"
    assert doc.published == "2016-03-03" and doc.author == "Press Office"
    lines = doc.text.splitlines()
    assert "# Visits by library" in lines  # a heading
    assert "| Central | 410,000 | 468,000 |" in lines
    claims = exact_claims(doc)
    rows = {c.surface: doc.text[c.sentence_start : c.sentence_end] for c in claims}
    assert rows["96,500"].startswith("| Northgate |")
    assert {"1.2 million", "£85,000", "14"} <= set(rows)
    assert [c.surface for c in claims if c.section == "body"].count("12%") == 1


@pytest.mark.parametrize(
    ("cut", "reason"),
    [
        (lambda data: data[: len(data) // 2], "damaged Word file"),
        (lambda data: b"PK\x03\x04" + b"\x00" * 64, "damaged Word file"),
    ],
)
def test_a_damaged_word_file_gets_one_line(cut, reason):
    data = cut((SOURCES / "library_press_release.docx").read_bytes())
    with pytest.raises(DocumentError) as error:
        document_from_bytes("release.docx", data)
    assert str(error.value).startswith(reason) and "\n" not in str(error.value)


def test_a_real_news_page_printed_by_a_browser_keeps_the_article_s_figures_with_their_pages():
    """A real page (Threatpost, saved in trafilatura's evaluation set), printed to PDF by Chromium:
    15 pages with the site's menus and teasers around the article. Every figure the web page's
    article gives is read from the PDF with the same value, and each claim knows its page."""
    page = Path(__file__).resolve().parent.parent / "bench" / "html_pages" / "threatpost.com.android.html"
    article = exact_claims(document_from_bytes(page.name, page.read_bytes()))
    printed = load("threatpost_android_printed.pdf")
    assert printed.media_type == "application/pdf" and printed.text.count("\f") == 14
    assert printed.title.startswith("Android Ransomware Spreads Via 'Sex Simulation Game' Links")
    claims = exact_claims(printed)
    read = {(c.surface, c.kind, c.value) for c in claims}
    assert article and all((c.surface, c.kind, c.value) in read for c in article)
    pages = {page_at(printed.text, c.start) for c in claims}
    assert 1 in pages and max(pages) > 1 and all(1 <= p <= 15 for p in pages)
