"""Fractions of a percentage unit and basis points are read as the share they are, and
percentage points are shown as points, never as per cent: "a quarter of a percentage point" was
read as 25% and "25 basis points" as a count of 25."""

import pytest

from workbench.core.claims import extract_claims
from workbench.core.documents import document_from_bytes
from workbench.core.report.text import format_value


def claim(text: str, surface: str):
    doc = document_from_bytes("t.txt", text.encode("utf-8"))
    found = [c for c in extract_claims(doc) if c.surface == surface]
    assert found, f"no claim {surface!r} in {[c.surface for c in extract_claims(doc)]}"
    assert doc.text[found[0].start : found[0].end] == surface
    return found[0]


@pytest.mark.parametrize(
    "sentence, surface, kind, value, unit, shown",
    [
        (
            "Rates rose by a quarter of a percentage point.",
            "a quarter of a percentage point",
            "rate",
            0.0025,
            "percentage_point",
            "+0.25pp",
        ),
        (
            "They rose half a percentage point in May.",
            "half a percentage point",
            "rate",
            0.005,
            "percentage_point",
            "+0.5pp",
        ),
        ("Inflation fell by half of one per cent.", "half of one per cent", "rate", -0.005, None, "-0.5%"),
        ("Two thirds of a per cent was lost.", "Two thirds of a per cent", "proportion", 0.006667, None, "0.6667%"),
        ("Sales rose by three quarters of 1% last year.", "three quarters of 1%", "rate", 0.0075, None, "+0.75%"),
        ("The Fed raised rates by 25 basis points.", "25 basis points", "rate", 0.0025, "percentage_point", "+0.25pp"),
        ("The bank cut rates by 50bp on Thursday.", "50bp", "rate", -0.005, "percentage_point", "-0.5pp"),
        (
            "Rates rose by 0.25 percentage points.",
            "0.25 percentage points",
            "rate",
            0.0025,
            "percentage_point",
            "+0.25pp",
        ),
        (
            "Growth was between 1 and 2 percentage points higher.",
            "between 1 and 2 percentage points",
            "rate",
            None,
            "percentage_point",
            "+1pp–+2pp",
        ),
    ],
)
def test_a_share_of_a_percentage_unit_is_read_whole_and_shown_in_its_unit(sentence, surface, kind, value, unit, shown):
    c = claim(sentence, surface)
    assert c.kind == kind and c.unit == unit
    if value is not None:
        assert c.value == pytest.approx(value, rel=1e-3)
    assert format_value(c) == shown


@pytest.mark.parametrize(
    "sentence, surface, value",
    [
        ("Half of the staff left.", "Half", 0.5),  # a fraction of a whole stays a share of it
        ("A quarter of councils failed.", "A quarter", 0.25),
        ("Sales rose 3%.", "3%", 0.03),
    ],
)
def test_fractions_and_percentages_of_anything_else_are_unchanged(sentence, surface, value):
    c = claim(sentence, surface)
    assert c.value == pytest.approx(value) and c.unit is None
