"""Every figure the UI and the reports show reads back as the stored amount, within the precision
it is shown to. The stored £200.4m once showed as "£2m" (trailing zeros stripped from "200")."""

import re

import pytest
from hypothesis import given, strategies as st

from workbench.core.report.text import format_amount, format_value, number

_SCALES = {"": 1.0, "m": 1e6, "bn": 1e9, "tn": 1e12}
_SHOWN = re.compile(r"^(?P<sign>[-+]?)[£$€]?(?P<digits>[0-9,]+(?:\.(?P<frac>[0-9]+))?)(?P<scale>m|bn|tn)?%?$")


def read_back(text: str, kind: str) -> tuple[float, float]:
    """The amount a reader takes from `text`, and half a unit of its last shown digit."""
    m = _SHOWN.match(text)
    assert m, f"not a figure a reader can read: {text!r}"
    value = float(m["digits"].replace(",", ""))
    half_unit = 0.5 * 10 ** -len(m["frac"] or "")
    scale = _SCALES[m["scale"] or ""]
    if kind in ("proportion", "rate"):
        scale /= 100
    sign = -1 if m["sign"] == "-" else 1
    return sign * value * scale, half_unit * scale


amounts = st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize(
    "kind,currency",
    [("money", "GBP"), ("money", "USD"), ("proportion", None), ("rate", None), ("other", None), ("count", None)],
)
@given(x=amounts)
def test_a_shown_amount_reads_back_as_the_amount(kind, currency, x):
    shown = format_amount(x, kind, None, currency)
    value, half_unit = read_back(shown, kind)
    assert abs(value - x) <= half_unit * (1 + 1e-9) + abs(x) * 1e-12, shown


@pytest.mark.parametrize(
    "x,kind,shown",
    [
        (200.4e6, "money", "£200.4m"),
        (120.3e6, "money", "£120.3m"),
        (300.4e9, "money", "£300.4bn"),
        (1.104, "proportion", "110.4%"),
        (1 / 7, "proportion", "14.3%"),  # worked out from "one in seven": three figures
        (0.0725, "proportion", "7.25%"),
        (2.3e9, "money", "£2.3bn"),
        (0.13, "proportion", "13%"),
    ],
)
def test_the_figures_a_reviewer_saw_shrunk_are_shown_whole(x, kind, shown):
    assert format_amount(x, kind, None, "GBP") == shown


def test_number_keeps_the_zeros_before_the_decimal_point():
    assert number(200.4) == "200.4"
    assert number(10.04) == "10.04"
    assert number(1234.5) == "1,234"  # five figures: a share worked out, or pennies of thousands
    assert number(68.9655) == "69"  # "60 out of the 87", stored to six decimals
    assert number(100 / 7) == "14.3"
    assert number(12.5) == "12.5"
    assert number(-26.0) == "-26"
    assert number(60.47, 2) == "60.47"
    assert number(60.4712345, 2) == "60"


def _claim(surface, kind, value, qualifier="exact", **fields):
    from workbench.core.model import Claim

    return Claim("c" + surface, "doc.txt", 0, 0, surface, kind, value=value, qualifier=qualifier, **fields)


FIGURES = """Council figures

The council spent £2bn on roads. A US firm raised $3.5m and the European Union gave €40m. Japan lent ¥500bn to
the region. One in seven pupils left the school. The scheme ran for four years. Between 10 and 20 schools closed.
More than 70% of staff agreed. Some 1,200 nurses quit.
"""
# Each figure's surface, and the value every output shows for it: money in four currencies, a
# share worked out from a fraction, a duration with its unit, a range, a bound and a hedge.
SHOWN = {
    "£2bn": "£2bn",
    "$3.5m": "$3.5m",
    "€40m": "€40m",
    "¥500bn": "500bn JPY",
    "One in seven": "14.3%",
    "four years": "4 years",
    "Between 10 and 20": "10–20",
    "More than 70%": "≥70%",
    "Some 1,200": "~1,200",
}


def test_the_cli_table_the_review_ui_and_the_report_print_one_value(tmp_path, monkeypatch):
    """`extract`/`claims` printed "14.29%", "4 year" and "2bn GBP" where the UI and the report
    printed "14.3%", "4 years" and "£2bn": each output now shows a figure through one formatter."""
    import asyncio

    from click.testing import CliRunner
    from review_pilot import ready, screen_text

    from workbench.cli import main
    from workbench.tui.app import ReviewApp

    monkeypatch.delenv("WORKBENCH_DB", raising=False)
    (tmp_path / "figures.txt").write_text(FIGURES, encoding="utf-8")
    db, report = tmp_path / "figures.db", tmp_path / "figures.md"
    runner = CliRunner()
    for args in (("ingest", tmp_path / "figures.txt"), ("export", "--format", "md", "-o", report)):
        assert runner.invoke(main, [*map(str, args), "--db", str(db)]).exit_code == 0

    claims = runner.invoke(main, ["claims", "--db", str(db)]).output.splitlines()
    start, end = claims[0].index("value"), claims[0].index("qualifier")
    in_table = {line[claims[0].index("surface") :].split("  ")[0]: line[start:end].strip() for line in claims[1:]}
    # the report's claims table: | surface | value | subject | …, Markdown's escapes taken out
    in_report = {}
    for line in report.read_text(encoding="utf-8").splitlines():
        cells = [re.sub(r"\\(.)", r"\1", cell.strip()) for cell in line.split(" | ")]
        if len(cells) > 2:
            in_report[cells[0].lstrip("| ")] = cells[1]

    async def on_screen() -> str:
        async with ReviewApp(str(db), "ann").run_test(size=(140, 45)) as pilot:
            await ready(pilot)
            return screen_text(pilot.app)

    screen = asyncio.run(on_screen())
    for surface, shown in SHOWN.items():
        assert in_table[surface] == shown, surface
        assert in_report[surface] == shown, surface
        assert any(shown in line and surface in line for line in screen.splitlines()), surface


def test_a_claim_keeps_the_five_figures_it_is_written_with():
    """ "$1,8923" (an exchange rate) was shown as "$1.89", the same as "$1.8901": a claim's own
    value keeps up to five significant figures; worked-out shares and differences keep fewer."""
    assert format_value(_claim("$1.8923", "money", 1.8923, currency="USD")) == "$1.8923"
    assert format_value(_claim("$1.8901", "money", 1.8901, currency="USD")) == "$1.8901"
    assert format_value(_claim("£1,234.5", "money", 1234.5, currency="GBP")) == "£1,234.5"
    assert format_value(_claim("one in seven", "proportion", 0.142857)) == "14.3%"  # worked out: 3 figures
    assert format_value(_claim("60 out of the 87", "proportion", 0.689655)) == "69%"
    assert number(1.2857) == "1.29"  # a difference worked out: three, as "+1.29 pts" in the cluster panel
