"""`workbench ingest URL`: fetched from a local server (pytest-httpserver), never the network."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.fetch import FetchError, fetch, looks_like_url
from workbench.ingest import ingest_paths

SOURCES = Path(__file__).resolve().parent / "fixtures" / "sources"
PAGE = (
    "<!doctype html><html><head><title>Youth clubs close</title></head><body><article>"
    "<h1>Youth clubs close</h1><p>Councils cut 40% of their youth budgets in 2015, and 20 councils"
    " closed every youth club they ran, the National Youth Agency said on Tuesday.</p>"
    "</article></body></html>"
)


def test_a_page_is_fetched_stored_under_its_url_and_its_claims_point_into_its_text(store, httpserver):
    httpserver.expect_request("/news/youth-clubs").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    url = httpserver.url_for("/news/youth-clubs")
    report = ingest_paths(store, [url], allow_private=True)
    assert (report.added, report.rejected) == (1, [])
    [doc] = store.documents()
    stored = store.document(doc.id)
    assert (stored.name, stored.path, stored.media_type) == (url, url, "text/html")
    text = store.document_text(doc.id)
    claims = list(store.iter_claims())
    assert {"40%", "2015"} <= {c.surface for c in claims}
    assert all(text[c.start : c.end] == c.surface for c in claims)
    # Fetched again with the same bytes: nothing new.
    again = ingest_paths(store, [url], allow_private=True)
    assert (again.added, again.duplicates) == (0, 1)


def test_a_pdf_by_url_is_read_as_a_pdf(store, httpserver):
    data = (SOURCES / "council_tax_table.pdf").read_bytes()
    httpserver.expect_request("/files/tax").respond_with_data(data, content_type="application/pdf")
    report = ingest_paths(store, [httpserver.url_for("/files/tax")], allow_private=True)
    assert report.added == 1
    assert store.document(store.documents()[0].id).media_type == "application/pdf"


def test_a_word_file_by_url_is_known_by_its_content(store, httpserver):
    data = (SOURCES / "library_press_release.docx").read_bytes()
    httpserver.expect_request("/download").respond_with_data(data, content_type="application/octet-stream")
    report = ingest_paths(store, [httpserver.url_for("/download")], allow_private=True)
    assert report.added == 1
    assert store.document(store.documents()[0].id).media_type.endswith("wordprocessingml.document")


def test_redirects_are_followed_up_to_the_limit(httpserver):
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_data(PAGE, content_type="text/html")
    page = fetch(httpserver.url_for("/old"), allow_private=True)
    assert page.final_url.endswith("/new") and page.data == PAGE.encode()
    httpserver.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="more than 2 redirects"):
        fetch(httpserver.url_for("/loop"), allow_private=True, max_redirects=2)


def test_a_body_over_the_limit_is_refused_even_when_compressed(httpserver):
    big = b"<p>" + b"x" * 5000 + b"</p>"
    httpserver.expect_request("/big").respond_with_data(
        gzip.compress(big), headers={"Content-Encoding": "gzip"}, content_type="text/html"
    )
    with pytest.raises(FetchError, match="over the 0 MB limit"):
        fetch(httpserver.url_for("/big"), allow_private=True, max_bytes=1000)


def test_a_slow_server_times_out_in_one_line(httpserver):
    import time

    def slow(request):
        time.sleep(2)
        from werkzeug import Response

        return Response(PAGE)

    httpserver.expect_request("/slow").respond_with_handler(slow)
    with pytest.raises(FetchError, match="no answer within 0.3 s"):
        fetch(httpserver.url_for("/slow"), allow_private=True, timeout=0.3)


def test_private_addresses_and_other_schemes_are_refused(httpserver):
    with pytest.raises(FetchError, match="non-public address .*--allow-private"):
        fetch(httpserver.url_for("/"))
    with pytest.raises(FetchError, match="only http and https URLs are fetched, not file:"):
        fetch("file:///etc/passwd")
    with pytest.raises(FetchError, match="non-public address"):
        fetch("http://169.254.169.254/latest/meta-data/")


def test_a_redirect_to_a_private_address_is_refused(httpserver, monkeypatch):
    """The first hop is allowed (as if public), the redirect's target is checked again."""
    import workbench.fetch as fetch_module

    real = fetch_module._checked
    calls = []

    def first_hop_public(url, allow_private):
        calls.append(url)
        return real(url, allow_private or len(calls) == 1)

    monkeypatch.setattr(fetch_module, "_checked", first_hop_public)
    httpserver.expect_request("/jump").respond_with_data("", status=302, headers={"Location": "http://127.0.0.1:9/x"})
    with pytest.raises(FetchError, match="non-public address"):
        fetch(httpserver.url_for("/jump"))


def test_a_failing_url_is_one_line_and_the_batch_goes_on(store, httpserver, tmp_path):
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    httpserver.expect_request("/fine").respond_with_data(PAGE, content_type="text/html")
    good = tmp_path / "good.txt"
    good.write_text("Sales rose 7% in 2004.\n")
    report = ingest_paths(store, [httpserver.url_for("/gone"), good, httpserver.url_for("/fine")], allow_private=True)
    assert report.added == 2
    [(url, reason)] = report.rejected
    assert url.endswith("/gone") and reason == "HTTP 404 NOT FOUND"


def test_the_command_line_fetches_urls_and_refuses_private_ones_without_the_flag(httpserver, tmp_path):
    httpserver.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    db = tmp_path / "claims.db"
    runner = CliRunner()
    refused = runner.invoke(main, ["ingest", httpserver.url_for("/story"), "--db", str(db)])
    assert refused.exit_code == 1 and "use --allow-private" in refused.output
    fetched = runner.invoke(main, ["ingest", httpserver.url_for("/story"), "--db", str(db), "--allow-private"])
    assert fetched.exit_code == 0, fetched.output
    assert "Added 1 document" in fetched.output


@pytest.mark.parametrize(
    ("text", "is_url"),
    [
        ("https://example.org/a", True),
        ("http://x", True),
        ("file:///etc/passwd", True),
        ("ftp://host/file", True),
        ("reports/2016.txt", False),
        ("C:\\docs\\a.txt", False),
        ("notes:2016.txt", False),
        ("./https/a.txt", False),
    ],
)
def test_urls_are_told_from_paths(text, is_url):
    assert looks_like_url(text) is is_url
