"""The extractor never raises and every claim's offsets point at its surface, whatever the text."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.claims import extract_claims
from workbench.core.documents import DocumentError, document_from_bytes

NEWSY = st.lists(
    st.sampled_from([
        "one in seven", "60 out of the 87", "£2bn", "pounds 7.2bn", "nearly 70%", "over", "per cent",
        "2012/13", "2013-14", "tens of thousands", "1e308", "9" * 400, "\n", "\n\n", " ", ".", ",",
        "a quarter", "Three-quarters", "half", "-", "+", "½", "Covid-19", "BBC 1", "No 10", "April 2015",
        "said Cllr Roy Perry", "\"", "“", "”", "\x00", "\x1b[31m", "[bold]", "between", "and", "aged",
        "councils", "fell", "rose", "by", "to", "of", "the", "29th", "3 May 2016", "http://x.org/2016",
    ]),
    max_size=60,
).map("".join)


def check(text: str) -> None:
    try:
        doc = document_from_bytes("fuzz.txt", text.encode("utf-8", "surrogatepass"))
    except DocumentError:
        return
    for claim in extract_claims(doc):
        assert doc.text[claim.start:claim.end] == claim.surface
        assert 0 <= claim.start < claim.end <= len(doc.text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEWSY)
def test_news_like_fragments(text):
    check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_arbitrary_unicode(text):
    check(text)


def test_huge_numbers_and_a_long_single_line():
    check("The total was " + "9" * 400 + " and 1e308 units. " * 3)
    check(("Prices rose 5% in 2015 while 3 in 10 adults said so. " * 20000).strip())
