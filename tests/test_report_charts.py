"""The HTML report's cluster charts draw any set of values: all zero, all equal, negative, ranges, years."""

from __future__ import annotations

import io
import re

import pytest

from workbench.core.model import Claim
from workbench.core.report.sections import dot_plot
from workbench.core.report.blocks import Chart, ChartPoint
from workbench.core.report.as_html import _chart

VALUE_SETS = [
    [(0.0, 0.0), (0.0, 0.0)],  # a cluster of "0%" and "none": every value zero
    [(5.0, 5.0), (5.0, 5.0)],
    [(-3.0, -3.0), (-3.0, -3.0)],
    [(0.0, 0.0), (-2.0, -1.0)],
    [(2016.0, 2016.0), (2016.0, 2016.0)],
    [(1e-300, 1e-300), (0.0, 0.0)],
]


@pytest.mark.parametrize("zoomed", [True, False])
@pytest.mark.parametrize("values", VALUE_SETS)
def test_every_chart_is_drawn_inside_its_plot(values, zoomed):
    points = tuple(ChartPoint(f"doc {i}", low, high, str(low)) for i, (low, high) in enumerate(values))
    out = io.StringIO()
    claim = Claim("c", "a.txt", 0, 1, "x", "count", value=1.0)
    _chart(out, dot_plot("Values", points, claim) if zoomed else Chart("Values", points))
    page = out.getvalue()
    assert page.endswith("</figure>\n")
    xs = [float(x) for x in re.findall(r'(?:x|x1|x2|cx)="(-?[\d.]+)"', page)]
    assert xs and all(0 <= x <= 440 for x in xs), xs
