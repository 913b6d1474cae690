"""The HTML report is valid HTML (html5lib's strict parser, which follows the HTML standard's
parsing rules, reports no error) and loads nothing from outside the file."""

from __future__ import annotations

import io
import re

import html5lib
import pytest

from report_helpers import ingest_seeds, review_seeds
from workbench.export import write_report
from workbench.store.db import open_store


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> str:
    db = review_seeds(ingest_seeds(tmp_path_factory.mktemp("valid") / "seeds.db"))
    fp = io.StringIO()
    with open_store(db, create=False) as store:
        write_report(store, "html", fp)
    return fp.getvalue()


def test_the_seeds_report_parses_strictly_without_errors(report):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parse(report)  # raises ParseError at the first error
    assert not parser.errors
    assert tree.find(".//{http://www.w3.org/2000/svg}svg") is not None  # the dot plots are there, parsed as SVG
    assert tree.find(".//section[@id='findings']") is not None


def test_a_strict_parse_catches_what_the_test_relies_on():
    with pytest.raises(html5lib.html5parser.ParseError):
        html5lib.HTMLParser(strict=True).parse("<!DOCTYPE html><html><body><p>a</div></body></html>")


def test_the_report_loads_nothing_from_outside(report):
    tree = html5lib.parse(report, namespaceHTMLElements=False)
    for element in tree.iter():
        for name, value in element.attrib.items():
            if name in ("src", "href", "xlink:href", "srcset", "action", "data", "poster"):
                assert value.startswith("#"), (element.tag, name, value)
    assert not {e.tag for e in tree.iter()} & {"script", "img", "iframe", "object", "embed", "link", "video", "audio"}
    assert not re.search(r"url\(|@import", report)  # no stylesheet fetches a font or an image
