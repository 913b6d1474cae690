"""Hostile documents built from the shapes that broke the workbench (issue 14): dense lines of
figures without a full stop, unbalanced and unclosed HTML tags, and bad bytes inside otherwise
valid UTF-8 or cp1252. Whatever the shape: no exception (a document that is not one is refused
with DocumentError), every offset exact, and the matcher's per-document work runs on the claims.
How the time grows with the size is bench/bench_long_lines.py's to print, not a test's.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.claims import extract_claims
from workbench.core.documents import DocumentError, document_from_bytes
from workbench.core.match.within_document import document_repeats
from workbench.core.match.features import build_features
from workbench.core.match.scoring import MatchConfig

FIGURES = [
    "12%",
    "£5m",
    "1999",
    "2013-14",
    "one in seven",
    "40",
    "3.5bn",
    "180,226",
    "nearly 70%",
    "per cent",
    "a quarter",
    "€2.1bn",
    "1,234,567,890",
    "0",
    "0%",
    "half",
]
WORDS = [
    "the",
    "council",
    "said",
    "and",
    "of",
    "homes",
    "more than",
    "schools",
    "rose",
    "by",
    "to",
    "in",
    ",",
    "-",
    "(",
    ")",
    "“",
    "”",
    "The",
    "Headline",
]
DENSE_LINE = st.lists(st.sampled_from(FIGURES + WORDS), min_size=1, max_size=400).map(" ".join)

TAGS = [
    "<p>",
    "</p>",
    "<a ",
    "<a href='x'>",
    "</a>",
    "<div>",
    "</div>",
    "<b>",
    "</b>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<br>",
    "<h1>",
    "</h1>",
    "&amp;",
    "&#163;",
    "&pound;",
    "<html>",
    "<body>",
    "</body>",
    "<title>",
    "</title>",
    "<",
    ">",
    '"',
    "'",
]
UNBALANCED_HTML = st.lists(st.sampled_from(TAGS + FIGURES + WORDS + [" ", "\n"]), min_size=1, max_size=150).map(
    lambda parts: "<html><body><p>" + " ".join(parts)
)

PROSE = (
    "Council tax rose by 5% in 2016, the council said. One in seven councils was judged inadequate.\n\n"
    "Funding fell by £2bn since April 2015 — a “record” cut for the café sector.\n"
)
BAD_BYTES = st.lists(
    st.binary(min_size=1, max_size=3).filter(lambda b: any(x >= 0x80 for x in b)), min_size=1, max_size=4
)


def check(name: str, data: bytes) -> None:
    try:
        doc = document_from_bytes(name, data)
    except DocumentError:  # refused in words: empty, binary, no readable text
        return
    claims = extract_claims(doc)
    for claim in claims:
        assert doc.text[claim.start : claim.end] == claim.surface, claim
        assert claim.sentence_start <= claim.start <= claim.end <= claim.sentence_end, claim
    config = MatchConfig()
    features = build_features(claims, {doc.name: doc}, window=config.window)
    for repeat, mention in document_repeats(features, config):
        assert 0 <= repeat < len(claims) and 0 <= mention < len(claims)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(DENSE_LINE, st.sampled_from(["", "Headline\n\n"]), st.integers(min_value=1, max_value=20))
def test_dense_lines_of_figures(line, head, repeats):
    check("dense.txt", (head + line * repeats).encode("utf-8"))


@SETTINGS
@given(UNBALANCED_HTML, st.sampled_from(["page.html", "page.txt"]))
def test_unbalanced_and_unclosed_tags(page, name):
    check(name, page.encode("utf-8"))


@SETTINGS
@given(st.sampled_from(["utf-8", "cp1252"]), BAD_BYTES, st.lists(st.integers(min_value=0), min_size=1, max_size=4))
def test_bad_bytes_in_otherwise_valid_encodings(encoding, bad, where):
    data = bytearray(PROSE.encode(encoding))
    for chunk, at in zip(bad, where):
        at %= len(data) + 1
        data[at:at] = chunk
    check("bad-bytes.txt", bytes(data))
    try:
        doc = document_from_bytes("bad-bytes.txt", bytes(data))
    except DocumentError:
        return
    assert doc.encoding in ("utf-8", "cp1252"), doc.encoding  # never an exotic code page on a few bad bytes
    if any(c.surface == "£2bn" for c in extract_claims(document_from_bytes("p.txt", PROSE.encode(encoding)))):
        assert "£" in doc.text or "\ufffd" in doc.text
