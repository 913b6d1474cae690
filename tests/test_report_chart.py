"""The HTML report's chart of a cluster's values on one scale."""
from __future__ import annotations

import io

from workbench.core.report_blocks import Chart, ChartPoint
from workbench.core.report_html import _chart


def test_a_cluster_whose_values_are_all_zero_is_drawn_on_a_unit_scale():
    # Matching can put "0 deaths" and "no deaths (0)" in one cluster; the chart divided by zero.
    fp = io.StringIO()
    _chart(fp, Chart("deaths", (ChartPoint("a.txt", 0.0, 0.0, "0"), ChartPoint("b.txt", 0.0, 0.0, "0"))))
    svg = fp.getvalue()
    assert svg.startswith("<figure><svg") and 'x1="220.0"' in svg
