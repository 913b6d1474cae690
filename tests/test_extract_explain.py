"""`workbench extract --explain`: no passage is set aside without a trace (issue 14, item 18)."""

import json

from click.testing import CliRunner

from workbench.cli import main
from workbench.core.documents import document_from_bytes
from workbench.core.extract.explain import AFTER_END_MARKER, BYLINE, END_MARKER, FURNITURE, set_aside

RELEASE = (
    "Council cuts bus services\n\n"
    "By Sam Jones\n\n"
    "The council said bus use fell 5% in 2004, and it would cut 12 routes.\n\n"
    "ENDS\n\n"
    "Notes to editors\n\n"
    "The council runs 40 routes.\n"
)


def test_every_passage_not_read_is_listed_with_its_offsets_and_reason():
    doc = document_from_bytes("r.txt", RELEASE.encode())
    parts = set_aside(doc)
    assert [(p.reason, p.text) for p in parts] == [
        (BYLINE, "By Sam Jones"),
        (END_MARKER, "ENDS"),
        (AFTER_END_MARKER, "Notes to editors"),
        (AFTER_END_MARKER, "The council runs 40 routes."),
    ]
    for p in parts:
        assert doc.text[p.start : p.end] == p.text


def test_furniture_is_listed():
    text = "Rates rise again\n\nThe bank raised its rate to 5% on Thursday, its third rise this year.\n\nShare this article\n"
    parts = set_aside(document_from_bytes("f.txt", text.encode()))
    assert [(p.reason, p.text) for p in parts] == [(FURNITURE, "Share this article")]


def test_extract_explain_writes_the_list_to_standard_error_and_claims_to_standard_output(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(RELEASE.replace("40 routes.", "40 routes.\x1b[2J"), encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--explain", str(path)])
    assert result.exit_code == 0
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert [c["surface"] for c in claims] == ["5%", "2004", "12"]
    lines = result.stderr.splitlines()
    start = RELEASE.index("ENDS")
    assert lines[1].endswith(f"r.txt: set aside {start}-{start + len('ENDS')} ({END_MARKER}): ENDS")
    assert "\x1b" not in result.stderr  # untrusted text never reaches the terminal raw
    assert len(lines) == 4 and "(after an end marker): The council runs 40 routes." in lines[3]
    plain = CliRunner().invoke(main, ["extract", str(path)])
    assert plain.stdout == result.stdout and plain.stderr == ""
