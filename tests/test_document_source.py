"""Documents as a reader cites them: by title and outlet (and date), with a PDF claim's page; the
file name only in the report's appendix; the outlet stored (migration 0006) and exported."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from report_helpers import export

from workbench.cli import run_ingest
from workbench.core.documents import document_from_bytes, load_document
from workbench.store.db import open_store

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tests" / "fixtures" / "sources"
SEEDS = ROOT / "seeds"

PAGE = b"""<!DOCTYPE html><html><head><title>Rents rise again</title>
<meta property="og:site_name" content="Northern Echo"></head><body><article><h1>Rents rise again</h1>
<p>Rents in the north east rose by 7.5% in the year to March, the fastest rise for a decade, according
to figures published on Tuesday by the Office for National Statistics.</p>
<p>Landlords said that 1,200 homes had left the rental market since the start of the year, while
tenants' groups said the figure was nearer 2,000.</p></article></body></html>"""


def test_a_web_page_keeps_the_site_name_it_gives():
    assert document_from_bytes("rents.html", PAGE).site == "Northern Echo"


def test_an_outlet_line_before_the_title_is_the_outlet():
    # The Guardian's seed starts with app promotion, then "The Guardian - UK" twice, then the title.
    doc = load_document(SEEDS / "003_a96f6ca7e5781663.txt")
    assert doc.site == "The Guardian - UK" and doc.title.startswith("Ofsted children")
    assert load_document(SEEDS / "001_23a8fcbe426c748c.txt").site is None  # no outlet named: none made up


def test_without_a_site_name_or_outlet_line_the_url_host_is_the_outlet():
    text = b"Bus fares\n\nFares rose by 5% this year, the council said in a statement on Monday.\n"
    assert (
        document_from_bytes("fares", text, path="https://www.example-news.co.uk/local/fares?x=1").site
        == "example-news.co.uk"
    )
    assert document_from_bytes("fares.txt", text, path="/home/me/fares.txt").site is None


def _ingest(db: Path, *paths: Path) -> Path:
    with open_store(db) as store:
        run_ingest(store, list(paths))
    return db


def test_the_json_export_gives_each_document_its_outlet_and_each_pdf_claim_its_page(tmp_path):
    db = _ingest(tmp_path / "s.db", SEEDS / "003_a96f6ca7e5781663.txt", SOURCES / "starter_homes_article_printed.pdf")
    data = json.loads(export(db, "json"))
    sites = {d["name"]: d["site"] for d in data["documents"]}
    assert sites["003_a96f6ca7e5781663.txt"] == "The Guardian - UK"
    pages = {c["doc"]: set() for c in data["claims"]}
    for claim in data["claims"]:
        pages[claim["doc"]].add(claim["page"])
    assert pages["003_a96f6ca7e5781663.txt"] == {None}  # only PDFs have pages
    assert (
        None not in pages["starter_homes_article_printed.pdf"] and min(pages["starter_homes_article_printed.pdf"]) >= 1
    )


def test_pdf_claims_show_their_page_in_the_report(tmp_path):
    db = _ingest(tmp_path / "s.db", SOURCES / "starter_homes_article_printed.pdf")
    report = export(db, "md")
    assert ", p. 1" in report or ", p. 2" in report
    assert "page 1" in report or "page 2" in report


def test_documents_are_named_by_title_and_outlet_and_the_file_name_only_in_the_appendix(tmp_path):
    db = _ingest(tmp_path / "s.db", SEEDS)
    for fmt, appendix_heading in (("md", "## Appendix: documents"), ("html", "<h2>Appendix: documents</h2>")):
        report = export(db, fmt)
        contents_end = report.index("Appendix: documents") + len("Appendix: documents")  # the contents list
        body, appendix = report[contents_end:].rsplit(appendix_heading, 1)
        assert "003_a96f6ca7e5781663" not in body, fmt  # not in the findings, clusters, tables or matcher's words
        assert "003_a96f6ca7e5781663.txt" in appendix
        assert "The Guardian - UK" in body


def test_an_older_database_gets_the_outlet_of_fetched_documents_and_the_pages_of_pdf_claims(tmp_path):
    db = _ingest(tmp_path / "old.db", SEEDS / "001_23a8fcbe426c748c.txt", SOURCES / "starter_homes_article_printed.pdf")
    conn = sqlite3.connect(db)
    expected = dict(conn.execute("SELECT id, page FROM claims"))
    assert any(expected.values())
    # as version 0005 stored it: no site, no page, and one document fetched from a URL
    conn.execute("UPDATE documents SET path = 'https://www.lga.gov.uk:443/news/ofsted?id=1' WHERE name LIKE '001%'")
    conn.execute("ALTER TABLE documents DROP COLUMN site")
    conn.execute("ALTER TABLE claims DROP COLUMN page")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0006_document_source'")
    conn.commit()
    conn.close()
    with open_store(db) as store:
        assert store.schema_version == "0006_document_source" or store.schema_version > "0006"
    conn = sqlite3.connect(db)
    assert dict(conn.execute("SELECT id, page FROM claims")) == expected
    sites = dict(conn.execute("SELECT name, site FROM documents"))
    assert sites["001_23a8fcbe426c748c.txt"] == "lga.gov.uk" and sites["starter_homes_article_printed.pdf"] is None
