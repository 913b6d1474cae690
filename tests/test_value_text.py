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


@pytest.mark.parametrize("kind,currency", [("money", "GBP"), ("money", "USD"), ("proportion", None),
                                           ("rate", None), ("other", None), ("count", None)])
@given(x=amounts)
def test_a_shown_amount_reads_back_as_the_amount(kind, currency, x):
    shown = format_amount(x, kind, None, currency)
    value, half_unit = read_back(shown, kind)
    assert abs(value - x) <= half_unit * (1 + 1e-9) + abs(x) * 1e-12, shown


@pytest.mark.parametrize("x,kind,shown", [
    (200.4e6, "money", "£200.4m"),
    (120.3e6, "money", "£120.3m"),
    (300.4e9, "money", "£300.4bn"),
    (1.104, "proportion", "110.4%"),
    (1 / 7, "proportion", "14.3%"),  # worked out from "one in seven": three figures
    (0.0725, "proportion", "7.25%"),
    (2.3e9, "money", "£2.3bn"),
    (0.13, "proportion", "13%"),
])
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


@pytest.mark.parametrize("claim,shown", [
    (_claim("one in seven", "proportion", 1 / 7), "14.3%"),
    (_claim("4 years", "duration", 4, unit="year"), "4 years"),
    (_claim("£2bn", "money", 2e9, currency="GBP"), "£2bn"),
    (_claim("69 per cent", "rate", -0.69), "-69%"),
    (_claim("2012/13", "year", None, "range", value_min=2012, value_max=2013), "2012–2013"),
    (_claim("April 2015", "date", "2015-04"), "2015-04"),
    (_claim("1,200", "count", 1200), "1,200"),
])
def test_the_cli_tables_the_ui_and_the_reports_show_one_value(claim, shown):
    """`extract`/`claims` printed "14.29%" and "4 year" where the UI printed "14.3%" and "4 years"."""
    from workbench.cli import value_text
    from workbench.core.report.text import format_value
    from workbench.tui.text import format_value as ui_value

    assert value_text(claim) == format_value(claim) == ui_value(claim) == shown


def test_a_claim_keeps_the_five_figures_it_is_written_with():
    """"$1,8923" (an exchange rate) was shown as "$1.89", the same as "$1.8901": a claim's own
    value keeps up to five significant figures; worked-out shares and differences keep fewer."""
    assert format_value(_claim("$1.8923", "money", 1.8923, currency="USD")) == "$1.8923"
    assert format_value(_claim("$1.8901", "money", 1.8901, currency="USD")) == "$1.8901"
    assert format_value(_claim("£1,234.5", "money", 1234.5, currency="GBP")) == "£1,234.5"
    assert format_value(_claim("one in seven", "proportion", 0.142857)) == "14.3%"  # worked out: 3 figures
    assert format_value(_claim("60 out of the 87", "proportion", 0.689655)) == "69%"
    assert number(1.2857) == "1.29"  # a difference worked out: three, as "+1.29 pts" in the cluster panel
