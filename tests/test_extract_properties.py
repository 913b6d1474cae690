"""The extractor never raises and every claim's offsets point at its surface, whatever the text.

Each text goes in twice: as a file's bytes (decoding and segmenting as ingest does, which refuses
a NUL byte in the first 8 KB as binary) and as already-decoded text, so that NUL bytes and other
control characters reach the extractor too. `pytest -s` prints how many inputs were tried.
"""

import hashlib
import random
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.claims import extract_claims
from workbench.core.documents import DocumentError, document_from_bytes, segment
from workbench.core.report.as_json import dumps
from workbench.core.model import Document

NEWSY = st.lists(
    st.sampled_from(
        [
            "one in seven",
            "60 out of the 87",
            "£2bn",
            "pounds 7.2bn",
            "nearly 70%",
            "over",
            "per cent",
            "2012/13",
            "2013-14",
            "tens of thousands",
            "1e308",
            "9" * 400,
            "\n",
            "\n\n",
            " ",
            ".",
            ",",
            "a quarter",
            "Three-quarters",
            "half",
            "-",
            "+",
            "½",
            "Covid-19",
            "BBC 1",
            "No 10",
            "April 2015",
            "said Cllr Roy Perry",
            '"',
            "“",
            "”",
            "\x00",
            "\x1b[31m",
            "[bold]",
            "between",
            "and",
            "aged",
            "councils",
            "fell",
            "rose",
            "by",
            "to",
            "of",
            "the",
            "29th",
            "3 May 2016",
            "http://x.org/2016",
        ]
    ),
    max_size=60,
).map("".join)

# Numbers of every shape and size: long runs of digits, exponents, separators, signs, units.
NUMBERISH = st.from_regex(
    r"[-+£$€]?[0-9]{1,400}([.,][0-9]{1,40}){0,3}([eE][-+]?[0-9]{1,4})?(%| per cent|bn|m|k|th)?", fullmatch=True
)
NUMBERS_IN_PROSE = st.lists(
    st.one_of(
        NUMBERISH,
        st.sampled_from(
            [
                " ",
                ". ",
                "\n\n",
                "councils rose by ",
                " in ",
                "1e308",
                "1.8e308",
                "1e-400",
                "9" * 400,
                "1" + "0" * 309,
                "\x00",
                "one in ",
                "between ",
                " and ",
            ]
        ),
    ),
    max_size=30,
).map("".join)

TRIED: Counter = Counter()  # inputs tried, by test and by the path they took


@pytest.fixture(scope="module", autouse=True)
def tally():
    """After the module, print how many hostile inputs reached the extractor (see with -s)."""
    yield
    total = TRIED["text"]
    print(
        f"\nhostile inputs tried on the extractor: {total} ({TRIED['bytes']} also as a file's bytes,"
        f" {TRIED['refused']} of those refused by the decoder as not text);"
        f" by test: {', '.join(f'{name} {n}' for name, n in sorted(TRIED.items()) if name.startswith('test_'))}"
    )


def assert_offsets(doc: Document) -> list:
    """The document's claims, each pointing at its surface within its sentence, and each one the
    JSON export can write (strict JSON: no inf or NaN from a number too large for a float)."""
    claims = extract_claims(doc)
    for claim in claims:
        assert 0 <= claim.start < claim.end <= len(doc.text)
        assert doc.text[claim.start : claim.end] == claim.surface
        assert claim.sentence_start <= claim.start and claim.end <= claim.sentence_end
        dumps(claim.as_dict())
    return claims


def document_of(text: str) -> Document:
    """The text as a decoded document, segmented as ingest segments one."""
    doc = Document(name="fuzz.txt", sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), text=text)
    segment(doc)
    return doc


def check(text: str, test: str) -> None:
    TRIED[test] += 1
    TRIED["text"] += 1
    assert_offsets(document_of(text))
    TRIED["bytes"] += 1
    try:
        doc = document_from_bytes("fuzz.txt", text.encode("utf-8", "surrogatepass"))
    except DocumentError:
        TRIED["refused"] += 1
        return
    assert_offsets(doc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEWSY)
def test_news_like_fragments(text):
    check(text, "test_news_like_fragments")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_arbitrary_unicode(text):
    check(text, "test_arbitrary_unicode")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NUMBERS_IN_PROSE)
def test_numbers_of_any_shape_and_size(text):
    check(text, "test_numbers_of_any_shape_and_size")


@pytest.mark.parametrize(
    "text",
    [
        "The total was " + "9" * 400 + " and 1e308 units. " * 3,
        "It cost £" + "9" * 400 + ".5bn, or 1.8e308, or 1e-400, or -0.0%.",
        "Council\x00 budgets fell by 40%\x00 in 2015\x00.\x00\x00 Some 20\x00 councils agreed.",
        "\x00" * 1000 + "40%" + "\x00" * 1000,
        "\ufeff\u202e40%\u2066 of \u200b20 councils \u2028in 2015\u2029",
    ],
)
def test_hand_written_hostile_numbers_and_bytes(text):
    check(text, "test_hand_written_hostile_numbers_and_bytes")


def test_a_5_mb_single_line():
    """One 5 MB line (no newline at all) of sentences with numbers now and then, hostile bytes after
    the first 8 KB so that ingest reads it as text."""
    rng = random.Random(5)
    words = (
        "the council said that youth services were cut while budgets rose and fell over the years \x1b[31m [bold] \x00"
    ).split(" ")
    numbers = ["40%", "£2bn", "2015", "one in seven", "1e308", "9" * 400, "3 May 2016", "2012/13"]
    parts, size = [], 0
    while size <= 5_000_000:
        word = rng.choice(numbers) if rng.random() < 0.0005 else rng.choice(words)
        if rng.random() < 0.08:
            word += "."
        if size < 10_000:
            word = word.replace("\x00", "")
        parts.append(word)
        size += len(word) + 1
    text = " ".join(parts)
    assert len(text) >= 5_000_000 and "\n" not in text and "\x00" in text
    doc = document_from_bytes("line.txt", text.encode("utf-8"))
    assert "\x00" in doc.text and "\x1b" in doc.text
    assert len(assert_offsets(doc)) > 100
    TRIED["test_a_5_mb_single_line"] += 1
    TRIED["text"] += 1
    TRIED["bytes"] += 1


@pytest.mark.parametrize(
    "text",
    [
        "The total was " + "9" * 400 + " units.",
        "It cost £" + "9" * 400 + " in all.",
        "Some " + "9" * 400 + "% said so.",
    ],
)
def test_a_huge_number_gives_a_claim_the_json_export_can_write(text):
    claims = assert_offsets(document_of(text))
    huge = [claim for claim in claims if len(claim.surface) > 300]
    assert huge and all(claim.value is None and claim.note == "too large to read as a number" for claim in huge)


@pytest.mark.parametrize(
    "text", ["Officials counted one " + "hundred " * 160 + "cases.", "They counted one" + "-hundred" * 200 + " cases."]
)
def test_number_words_repeated_past_any_number_are_read_as_far_as_they_make_one(text):
    """'one hundred hundred ...' is one hundred and then words that make no number (a float could
    not hold what adding them up would give)."""
    claims = assert_offsets(document_of(text))
    assert [(claim.surface, claim.value) for claim in claims][:1] in ([("one hundred", 100)], [("one-hundred", 100)])
