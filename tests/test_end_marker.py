"""The end of a press release: a marker on a line of its own ends the body; a line that only
starts with the word "End" is text (issue 14, item 18)."""

import pytest

from workbench.core.claims import extract_claims
from workbench.core.documents import document_from_bytes
from workbench.core.lexicon import END_OF_BODY_RE


def surfaces(text: str) -> list[str]:
    doc = document_from_bytes("t.txt", text.encode("utf-8"))
    return [c.surface for c in extract_claims(doc)]


@pytest.mark.parametrize(
    "line",
    [
        "End of an era for the firm",
        "End-Day Backlog: 31 25",
        "Ending the year, sales",
        "ENDS here, said the chief",
        "For more information, the council said 9% had",
    ],
)
def test_a_line_that_starts_with_end_is_text(line):
    text = f"Profits rose 5%.\n\n{line}\n\nSales rose 7% in 2004.\n"
    assert "7%" in surfaces(text)
    assert END_OF_BODY_RE.match(line) is None


@pytest.mark.parametrize(
    "marker",
    [
        "ENDS",
        "Ends",
        "-ends-",
        "- END -",
        "-- ENDS --",
        "END OF RELEASE",
        "###",
        "Notes to editors:",
        "Notes to Editors",
        "Media contact: Jo Bloggs",
        "For further information please contact:",
    ],
)
def test_a_marker_on_its_own_line_ends_the_body(marker):
    text = f"Profits rose 5%.\n\n{marker}\n\nThe firm employs 7,000 staff in 12 countries.\n"
    assert surfaces(text) == ["5%"]
    assert END_OF_BODY_RE.match(marker)
