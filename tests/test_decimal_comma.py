"""A decimal comma in an amount ("$1,8923", "3,50 euros") is read as the amount it is, with a
note saying how it was read; it was read as "$1" (and "3" and "1" without their currency), a
figure the text never states. Without a currency a comma stays a separator ("5,10 and 15")."""

import pytest

from workbench.core.claims import extract_claims
from workbench.core.documents import document_from_bytes


def claims_of(text: str):
    doc = document_from_bytes("t.txt", text.encode("utf-8"))
    claims = extract_claims(doc)
    assert all(doc.text[c.start : c.end] == c.surface for c in claims)
    return claims


@pytest.mark.parametrize(
    "sentence, surface, value, currency",
    [
        ("The dollar traded at $1,8923 against the pound.", "$1,8923", 1.8923, "USD"),
        ("The euro was at 1,3456 dollars on Friday.", "1,3456 dollars", 1.3456, "USD"),
        ("A coffee cost 3,50 euros in Paris.", "3,50 euros", 3.5, "EUR"),
        ("Tickets cost £12,5 each.", "£12,5", 12.5, "GBP"),
    ],
)
def test_a_decimal_comma_in_an_amount_is_read_with_a_note(sentence, surface, value, currency):
    [claim] = [c for c in claims_of(sentence) if c.kind == "money"]
    assert (claim.surface, claim.currency) == (surface, currency)
    assert claim.value == pytest.approx(value)
    assert claim.note == f"as written: {surface} (the comma read as a decimal point)"


@pytest.mark.parametrize(
    "sentence, surfaces",
    [
        ("Sales were 1,234,567 units.", ["1,234,567"]),
        ("It cost $1,500 in 2004.", ["$1,500", "2004"]),
        ("He listed 5,10 and 15.", ["5", "15"]),  # no currency: no decimal read into a list
    ],
)
def test_thousands_separators_and_lists_are_unchanged(sentence, surfaces):
    claims = claims_of(sentence)
    assert [c.surface for c in claims] == surfaces
    assert all(c.note is None for c in claims)
