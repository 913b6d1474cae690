"""Reading documents: encodings, HTML, and finding the headline, byline, body and furniture."""

import codecs

import pytest

from workbench.core.claims import extract_claims
from workbench.core.documents import DocumentError, document_from_bytes, load_document

BBC = """Starter homes scheme 'has not built a single home'

By Kevin Peachey, Personal finance reporter

12 March 2015

Share this with Facebook
Share this with Twitter

Not one of the 200,000 starter homes promised by ministers has been built, the National Audit Office says.

The watchdog said £2.3bn had been set aside, but nearly 60% of councils had no plans to use it. "We found 12 sites standing empty," said Gareth Davies, head of the NAO.

Related Topics
Sign up for our morning newsletter
Copyright 2015 BBC. All rights reserved.
"""

PRESS_RELEASE = """Sheffield Council
Town Hall, Pinstone Street
Sheffield S1 2HH

Press release
Tuesday 3rd May, 2016

Council wins award for 40% cut in landfill

Sheffield City Council has cut the waste it sends to landfill by 40% in three years, it said today.

ENDS

Notes to editors:
1. The council serves 575,400 residents.
2. Media enquiries: 0114 273 4567
"""


def read(name: str, data: bytes, **options):
    """The document made from data, and the surfaces of the claims read in it, in order."""
    doc = document_from_bytes(name, data, **options)
    return doc, [c.surface for c in extract_claims(doc)]


def test_bbc_copy_structure_and_claims():
    doc = document_from_bytes("bbc.txt", BBC.encode())
    assert doc.title == "Starter homes scheme 'has not built a single home'"
    assert doc.published == "2015-03-12"
    assert doc.author == "Kevin Peachey"
    claims = extract_claims(doc)
    assert [c.surface for c in claims] == ["200,000", "£2.3bn", "nearly 60%", "12"]
    sections = {doc.text[s.start : s.end]: s.name for s in doc.sections}
    assert sections["Sign up for our morning newsletter"] == "boilerplate"
    assert sections["Share this with Facebook"] == "boilerplate"
    assert claims[3].speaker == "Gareth Davies"
    assert claims[2].speaker != "Gareth Davies"


def test_press_release_notes_to_editors_are_not_claims():
    doc = document_from_bytes("pr.txt", PRESS_RELEASE.encode())
    claims = extract_claims(doc)
    assert [c.surface for c in claims] == ["40%", "40%", "three years"]
    assert doc.title == "Council wins award for 40% cut in landfill"
    assert doc.published == "2016-05-03"


def test_cp1252_pound_sign_and_offsets():
    text = "Pay deal agreed for staff\n\nThe chief executive was paid \u00a3180,226 \u2013 up 12% on last year.\n"
    data = text.encode("cp1252")
    assert b"\xa3" in data
    doc = document_from_bytes("legacy.txt", data)
    assert doc.encoding == "cp1252"
    assert doc.text == text
    claims = extract_claims(doc)
    money = next(c for c in claims if c.kind == "money")
    assert money.surface == "\u00a3180,226"
    assert doc.text[money.start : money.end] == money.surface


def test_utf8_bom_is_not_part_of_the_text():
    doc = document_from_bytes("bom.txt", codecs.BOM_UTF8 + "Headline goes here now\n\n20 councils failed.\n".encode())
    assert doc.text.startswith("Headline")
    claim = extract_claims(doc)[0]
    assert doc.text[claim.start : claim.end] == "20"


def test_html_page_keeps_article_text_and_drops_scripts_and_navigation():
    html = """<!DOCTYPE html><html><head><title>Site</title>
    <meta property="article:published_time" content="2016-06-28T13:22:00Z">
    <script>var x = 2016; alert(1)</script><style>p {margin: 0}</style></head>
    <body><nav><a href="/">Home</a> <a href="/top10">Top 10</a></nav>
    <article><h1>Jobless total falls by 40,000</h1>
    <p>Unemployment fell by 40,000 to 1.6 million in the three months to May, the
    <b>Office for National Statistics</b> said &amp; wages rose 2.3%.</p></article>
    <footer>&copy; 2016 News Ltd</footer></body></html>"""
    doc = document_from_bytes("page.html", html.encode())
    assert doc.media_type == "text/html"
    assert "alert" not in doc.text and "<b>" not in doc.text and "Top 10" not in doc.text
    assert doc.title == "Jobless total falls by 40,000"
    assert doc.published == "2016-06-28"
    surfaces = [c.surface for c in extract_claims(doc)]
    assert "1.6 million" in surfaces and "2.3%" in surfaces


def test_tabloid_copy():
    text = (
        "BENEFITS BONANZA: Scroungers pocket £1.2bn\n\n"
        "By Tom Jones\n\n"
        "A WHOPPING one in five Brits now claim benefits, shock figures reveal.\n\n"
        "That's TWICE as many as in 2010 - and it's costing YOU a fortune.\n\n"
        'The PM said: "It is one of the biggest challenges we face."\n\n'
        "Follow us on Twitter @SunPolitics\n"
    )
    doc, surfaces = read("tabloid.txt", text.encode())
    assert surfaces == ["£1.2bn", "one in five", "TWICE", "2010"]
    assert doc.author == "Tom Jones"


def test_a_byline_after_a_tabloid_label_is_no_headline():
    """'EXCLUSIVE by Sam Jones' is the byline; the headline above it, with no verb a headline
    test knows ("can't afford"), stays the title and its figure a claim."""
    text = (
        "SHOCK: Half a million Brits can't afford heating\n\n"
        "EXCLUSIVE by Sam Jones\n\n"
        "HALF a million Brits are skipping meals to pay for heating, a shock poll reveals.\n"
    )
    doc = document_from_bytes("tabloid.txt", text.encode())
    assert doc.title == "SHOCK: Half a million Brits can't afford heating"
    assert doc.author == "Sam Jones"
    assert [(c.surface, c.section) for c in extract_claims(doc)] == [
        ("Half a million", "title"),
        ("HALF a million", "body"),
    ]


def test_a_copyright_line_holds_no_claims():
    text = (
        "Council tax rises again\n\n"
        "Council tax will rise by 5% in April, the council said, as it faces a gap of £20m.\n\n"
        "© 2016 Daily News Ltd\n"
    )
    doc = document_from_bytes("footer.txt", text.encode())
    assert [c.surface for c in extract_claims(doc)] == ["5%", "£20m"]
    assert doc.sections[-1].name == "boilerplate"


def test_spam_and_navigation_lines_hold_no_claims():
    text = (
        "Cheap replica watches for twenty years, the best rolex deals online 2016.\n\n"
        "Skip to main content (access key is 2)\n\n"
        "Council spending report published today\n\n"
        "Monday, November 4, 2013\n\n"
        "The council spent £4m on consultants last year, more than in any of the previous five years.\n\n"
        "Back to News Index\n"
        "^ Top of Page\n"
    )
    doc = document_from_bytes("nav.txt", text.encode())
    assert [c.surface for c in extract_claims(doc)] == ["£4m", "five years"]
    assert doc.published == "2013-11-04"


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty file"), (b"   \n\n", "empty file"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")],
)
def test_bad_bytes_give_a_clear_reason(data, reason):
    with pytest.raises(DocumentError, match=reason):
        document_from_bytes("bad.bin", data)


def test_missing_and_oversized_files(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        load_document(tmp_path / "missing.txt")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(DocumentError, match="over the"):
        load_document(big, max_bytes=1024)


def test_offsets_hold_for_every_claim_in_every_kind_of_document():
    for name, text in (("bbc.txt", BBC), ("pr.txt", PRESS_RELEASE)):
        doc = document_from_bytes(name, text.encode())
        for claim in extract_claims(doc):
            assert doc.text[claim.start : claim.end] == claim.surface
            assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
            assert claim.passage_start <= claim.sentence_start and claim.sentence_end <= claim.passage_end


def test_each_bullet_of_a_list_is_its_own_passage_and_sentence():
    text = (
        "# Migration statistics: what the figures show\n\n"
        "- Net migration was **244,000** in the year to September, up on the previous year.\n"
        "- The number of **study visas** issued rose by **7.2%**, the first rise in two years.\n"
        "- Net migration of British citizens was **-75,000**: more left than returned home.\n"
    )
    doc = document_from_bytes("brief.md", text.encode())
    claims = {c.surface: c for c in extract_claims(doc)}
    visas = claims["7.2%"]
    assert doc.text[visas.sentence_start : visas.sentence_end].startswith("- The number of **study visas**")
    assert "\n" not in doc.text[visas.passage_start : visas.passage_end]
    assert claims["-75,000"].passage_start != visas.passage_start


def test_a_table_at_the_end_of_an_article_is_body_not_page_furniture():
    """The rule under a Markdown table's header is not furniture, so the short rows after it are
    not taken for a trailing run of page furniture: their figures are claims."""
    text = (
        "Council budgets fall again\n\n"
        "Councils in England will spend less on social care this year than last, according to "
        "figures published on Tuesday by the Local Government Association, which represents them.\n\n"
        "| Region | 2014 | 2015 |\n|---|:---:|---|\n| North East | 12% | 14% |\n| London | 9% | 11% |\n"
        "\nShare this article\nSign up to our newsletter\n"
    )
    doc, surfaces = read("table.md", text.encode())
    assert surfaces[-4:] == ["12%", "14%", "9%", "11%"]
    names = {doc.text[s.start : s.end]: s.name for s in doc.sections}
    assert names["| London | 9% | 11% |"] == "body"
    assert names["Sign up to our newsletter"] == "boilerplate"


BAD_BYTE_TEXT = "The council spent £5m on the café scheme, almost 30% more than in 2014 — the “highest” yet.\n"


@pytest.mark.parametrize("bad", [b"\x81", b"\x8d", b"\x90"])
def test_one_undefined_byte_keeps_a_cp1252_file_in_cp1252(bad):
    data = BAD_BYTE_TEXT.encode("cp1252").replace(b" on ", b" on" + bad + b" ", 1)
    doc = document_from_bytes("cp.txt", data)
    assert doc.encoding == "cp1252"
    assert doc.text == BAD_BYTE_TEXT.replace(" on ", " on\ufffd ", 1)  # one character for the bad byte
    assert "1 byte undefined in cp1252 replaced" in doc.decoding_note
    assert "£5m" in {claim.surface for claim in extract_claims(doc)}


@pytest.mark.parametrize("bad", [b"\xff", b"\xc3", b"\x80\x80"])
def test_a_bad_byte_in_utf8_is_replaced_and_the_rest_stays_utf8(bad):
    data = BAD_BYTE_TEXT.encode("utf-8").replace(b" on ", b" on" + bad + b" ", 1)
    doc = document_from_bytes("u8.txt", data)
    assert doc.encoding == "utf-8"
    replaced = doc.text.count("\ufffd")
    assert doc.text.replace("\ufffd", "") == BAD_BYTE_TEXT and 1 <= replaced <= len(bad)
    assert "not UTF-8 replaced by \ufffd" in doc.decoding_note
    assert "£5m" in {claim.surface for claim in extract_claims(doc)}


def test_clean_bytes_need_no_note():
    assert document_from_bytes("a.txt", BAD_BYTE_TEXT.encode("utf-8")).decoding_note is None
