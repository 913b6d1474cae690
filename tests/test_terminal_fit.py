"""`terminal.fit` is the one cropper of the CLI's tables and the review UI: it counts terminal cells."""

from workbench.terminal import fit, table


def test_fit_pads_and_crops_to_cells():
    assert fit("abc", 5) == "abc  "
    assert fit("abc", 5, "right") == "  abc"
    assert fit("abcdef", 4) == "abc…"
    assert fit("abc", 0) == ""
    assert fit("abc", 1) == "…"


def test_a_wide_character_takes_two_cells_in_the_cli_table_too():
    head, row = table([("東京", "x")], (("city", 6, "<"), ("n", 1, "<")))
    assert head == "city    n"
    assert row == "東京    x"  # 4 cells of text and 2 of padding, as the review UI pads it


def test_a_table_cell_is_made_one_safe_line():
    _, row = table([("a\x1b[31mb\nc", "x")], (("t", 12, "<"), ("n", 1, "<")))
    assert "\x1b" not in row and "\n" not in row
