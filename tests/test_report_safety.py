"""Untrusted text in reports: documents, file names, notes and reviewer names that try to run
script in the HTML report, to start markup in the Markdown one, to run formulas in a spreadsheet,
or to send commands to a terminal, and show up as the characters they are instead."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_helpers import export

from workbench.cli import run_ingest
from workbench.core.report.as_html import text as html_text
from workbench.core.report.as_markdown import escape as markdown_escape
from workbench.store.db import open_store
from workbench.store.review.store import ReviewStore

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = '<a href="javascript:alert(1)">more</a> [more](javascript:alert(1))'
HOSTILE_NAME = '"><script>alert(2).txt'
HOSTILE_REVIEWER = "<img src=y onerror=alert(3)>"
HOSTILE_NOTE = '</blockquote><script>alert(4)</script> =HYPERLINK("http://x") \x1b[2J see www.evil.example'
BARE_LINKS = (
    "More at https://evil.example/pay, HTTP://EVIL.EXAMPLE, ftp://evil.example, www.evil.example or tips@evil.example."
)
ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "section",
    "article",
    "div",
    "nav",
    "ul",
    "li",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "strong",
    "code",
    "span",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "blockquote",
    "mark",
    "figure",
    "figcaption",
    "svg",
    "text",
    "tspan",
    "line",
    "rect",
    "circle",
    "path",
}


def hostile_text(n: int) -> str:
    return (
        f"Youth services {SCRIPT} cut\n\n"
        f"Councils cut 40% of their youth budgets in 2015, the report {IMG} says. {LINK}\n\n"
        f"Council leader \x1b]0;owned\x07 Jo Smith said 20 youth clubs closed in the county, number {n}. {BARE_LINKS}\n"
    )


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    """Two documents full of markup (one with a file name that tries to close an attribute),
    matched into a cluster, with a decision and a note by a reviewer whose name is markup too."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / HOSTILE_NAME).write_text(hostile_text(1), encoding="utf-8")
    (folder / "plain.txt").write_text(hostile_text(2), encoding="utf-8")
    db = folder / "evil<b>.db"
    with open_store(db) as store:
        run_ingest(store, [folder / HOSTILE_NAME, folder / "plain.txt"])
    reviewer = ReviewStore(str(db), HOSTILE_REVIEWER)
    try:
        claim_ids = [row[0] for row in reviewer.conn.execute("SELECT id FROM claims ORDER BY doc_id, seq")]
        clustered = reviewer.conn.execute("SELECT claim_id, cluster_id FROM cluster_members").fetchall()
        assert clustered, "the two documents' claims are matched into clusters"
        reviewer.decide([clustered[0][0]], "conflicting")
        reviewer.set_note(clustered[0][0], HOSTILE_NOTE)
        reviewer.decide([claim_ids[0]], "unverified")
        reviewer.set_note(claim_ids[0], HOSTILE_NOTE)
    finally:
        reviewer.close()
    return db


class Page(HTMLParser):
    """Every tag, attribute and piece of text of an HTML page, as a browser's parser reads them."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.texts: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.texts.append(data)


def test_the_html_report_runs_nothing_from_documents_names_or_notes(hostile_db):
    report = export(hostile_db, "html")
    page = Page(report)
    assert "script" not in page.tags and "img" not in page.tags
    assert set(page.tags) <= ALLOWED_TAGS, set(page.tags) - ALLOWED_TAGS
    assert not [name for name, _ in page.attributes if name.startswith("on")]
    values = [re.sub(r"[\s\x00-\x1f]", "", value or "").lower() for _, value in page.attributes]
    assert not [v for v in values if "javascript:" in v]
    assert all(value.startswith("#") for name, value in page.attributes if name == "href")
    assert page.tags.count("style") == 1 and page.tags.count("svg") >= 1  # the cluster's chart is drawn
    shown = "".join(page.texts)
    for hostile in (
        SCRIPT,
        IMG,
        "javascript:alert(1)",
        HOSTILE_NAME,
        HOSTILE_REVIEWER,
        "</blockquote><script>alert(4)",
    ):
        assert hostile in shown, hostile  # shown as the characters it is
    assert "\x1b" not in report and "\x07" not in report


def test_the_page_itself_forbids_scripts_and_the_network(hostile_db):
    report = export(hostile_db, "html")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', report).group(1)
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", report)  # nothing fetched from anywhere
    assert "@media print" in report


def test_the_markdown_report_starts_no_markup_from_document_text(hostile_db):
    report = export(hostile_db, "md")
    assert not re.search(r"(?<!\\)<", report)  # every < is escaped: no HTML reaches a Markdown viewer
    assert not re.search(r"(?<!\\)\]\(", report)  # and no link: "[more](javascript:...)" has its brackets escaped
    assert "\\<script\\>alert(1)\\</script\\>" in report
    assert "\x1b" not in report and "\x07" not in report and "␛\\]0;owned␇" in report


def test_a_github_style_renderer_finds_no_link_in_the_markdown_report_but_its_own(hostile_db):
    import cmarkgfm
    from cmarkgfm.cmark import Options

    report = export(hostile_db, "md")
    page = Page(cmarkgfm.github_flavored_markdown_to_html(report, options=Options.CMARK_OPT_UNSAFE))
    hrefs = [value for name, value in page.attributes if name == "href"]
    assert [value for value in hrefs if not value.startswith("#")] == []
    shown = "".join(page.texts).replace("\u2060", "")
    for address in ("https://evil.example/pay", "www.evil.example", "tips@evil.example", "ftp://evil.example"):
        assert address in shown  # shown as the text it is


def test_the_csv_neutralises_formulas_and_keeps_numbers(tmp_path, make_document):
    doc, claims = make_document("sheet.txt")
    claims[0].subject = '=HYPERLINK("http://evil.example","click")'
    claims[1].subject = "+1 share"
    claims[2].subject = "@SUM(A1)"
    claims[3].kind, claims[3].value, claims[3].currency = "rate", -0.69, None
    claims[3].subject = "\tfall"
    db = tmp_path / "sheet.db"
    with open_store(db) as store:
        store.add_document(doc, claims, extractor_version="test")
    reviewer = ReviewStore(str(db), "-reviewer")
    try:
        reviewer.decide([claims[0].id], "consistent")
        reviewer.set_note(claims[0].id, "=cmd|' /C calc'!A0")
        reviewer.set_note(claims[1].id, "\rnote after a carriage return\nand a second line")
    finally:
        reviewer.close()
    rows = list(csv.DictReader(io.StringIO(export(db, "csv"), newline="")))
    assert len(rows) == len(claims)
    assert [row["subject"] for row in rows[:4]] == ["'" + claims[0].subject, "'+1 share", "'@SUM(A1)", "'\tfall"]
    assert rows[0]["note"] == "'=cmd|' /C calc'!A0" and rows[0]["reviewer"] == "'-reviewer"
    assert rows[1]["note"] == "'␍note after a carriage return\nand a second line"  # CR shown, not acted on
    numeric = {"value", "value_min", "value_max", "start", "end"}
    for row in rows:
        for column, cell in row.items():
            if column not in numeric:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
    assert float(rows[3]["value"]) == -0.69  # a number we wrote stays a number a spreadsheet can sum
    assert rows[1]["value_min"] == "2012" and rows[1]["value_max"] == "2013" and rows[1]["value"] == ""


def _acted_on(char: str) -> bool:
    """Whether the reports must change this character: a control, a bidirectional override, a
    lone surrogate, or whitespace other than the space (read as a space in running text)."""
    return (
        unicodedata.category(char) in ("Cc", "Cs")
        or "\u202a" <= char <= "\u202e"
        or char in "\u061c\u200e\u200f"
        or "\u2066" <= char <= "\u2069"
        or (char.isspace() and char != " ")
    )


@pytest.mark.parametrize("render", [html_text, markdown_escape], ids=["html", "markdown"])
def test_no_character_the_reports_act_on_slips_through_unchanged(render):
    """Plain text skips escaping; whatever a character's neighbours, none that escaping must
    change is taken for plain text."""
    missed = [hex(code) for code in range(0x110000) if _acted_on(chr(code)) and chr(code) in render(f"a{chr(code)}b")]
    assert missed == []
    assert render("a  b") == "a b" and render(" a ") == " a "


def test_markup_characters_are_escaped_wherever_they_stand():
    assert html_text("a<b>&\"'c") == "a&lt;b&gt;&amp;&quot;&#x27;c"
    for char in "\\`*[]<>|#":
        assert markdown_escape(f"a{char}b") == f"a\\{char}b"
    assert markdown_escape("snake_case _x_ &amp; &#60; & ~70%") == "snake_case \\_x\\_ \\&amp; \\&\\#60; & ~70%"
    assert markdown_escape("~~x~~") == "\\~\\~x\\~\\~"  # a pair could strike through
    assert markdown_escape("&_x; &#x;") == "\\&\\_x; \\&\\#x;"  # "&" decided before "_" and "#" are escaped


@pytest.mark.parametrize(
    "cell",
    [
        "\n=1+1",
        '\r\n=HYPERLINK("x")',
        "  @SUM(A1)",
        "\u3000-2+3",
        "\uff1dcmd|' /C calc'!A0",
        "\ufe62 1",
        "\uff20A1",
        "\t=1",
    ],
)
def test_a_formula_behind_whitespace_or_in_a_compatibility_form_is_neutralised(cell):
    from workbench.core.report.as_csv import csv_cell

    assert csv_cell(cell).startswith("'")


@pytest.mark.parametrize("cell", ["Councils cut 40%", "one in seven", " 20 councils", "£2bn"])
def test_text_that_is_no_formula_is_left_alone(cell):
    from workbench.core.report.as_csv import csv_cell

    assert csv_cell(cell) == cell


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u061c"])
def test_the_bidirectional_marks_are_made_visible_everywhere(mark):
    from workbench.core.safe_text import flow_line, one_line, safe, terminal_line, visible

    for show in (visible, flow_line, one_line, safe, terminal_line):
        assert mark not in show(f"rose {mark}5%"), show


def _plain_markdown_escape(text: str) -> str:
    """The Markdown escaper as it reads with no quick tests: what the fast one must equal."""
    from workbench.core.report import as_markdown as md
    from workbench.core.safe_text import flow

    linkish = md._LINKISH.search(text) is not None
    if not linkish and not md._ACTIVE(text):
        return text
    text = flow(text)
    text = md._SPECIAL.sub(lambda m: "\\" + m.group(0), text)
    if linkish:
        text = md._AUTOLINK.sub(lambda m: "\\" if text[m.start() : m.start() + 1] in ":." else "\u2060", text)
    return text.replace("~", "\\~") if text.count("~") > 1 else text


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["w", "W", ".", "www", ":", "//", "@", "a", " ", "  ", "_", "&", "<", "~", "\t", "é", "x://"]),
        max_size=12,
    ).map("".join)
)
def test_the_quick_tests_of_the_markdown_escaper_change_nothing(text):
    """The escaper decides most strings with substring tests before its patterns (a speed-up on
    millions of strings); it must write what it writes without them."""
    assert markdown_escape(text) == _plain_markdown_escape(text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(["a", "Z", "0", "-", " ", "é", "_", "c9f"]), max_size=5).map("".join), max_size=4)
)
def test_an_anchor_read_whole_is_the_anchor_made_part_by_part(parts):
    """`anchor` takes the joined parts as they are when they already form an anchor (a speed-up
    for hundreds of thousands of claim ids); it must give what cleaning each part gives."""
    import re

    from workbench.core.report.blocks import anchor

    slow = "-".join(
        p if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", p) else re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-")
        for p in parts
    )
    assert anchor(*parts) == slow
