"""The HTML report's dot plot of a cluster's values: an axis zoomed to the values, with ticks and
the unit, each dot labelled by its document, bounds and ranges drawn, coloured by verdict."""

from __future__ import annotations

import io
import re

from workbench.core.model import Claim
from workbench.core.report.sections import axis_unit, dot_plot
from workbench.core.report.blocks import Chart, ChartPoint
from workbench.core.report.as_html import _PLOT_LEFT, _PLOT_RIGHT, _VERDICT_COLOURS, _chart


def _svg(chart: Chart) -> str:
    fp = io.StringIO()
    _chart(fp, chart)
    return fp.getvalue()


def _claim(kind="count", unit=None, currency=None) -> Claim:
    return Claim("c", "a.txt", 0, 1, "x", kind, value=1.0, unit=unit, currency=currency)


def _dots(svg: str) -> list[float]:
    return [float(x) for x in re.findall(r'<circle cx="(-?[\d.]+)"', svg)]


def test_close_values_are_far_apart_on_an_axis_zoomed_to_them():
    # Bars from zero drew 7.5m and 7.68m a few pixels apart: the difference was invisible.
    points = (
        ChartPoint("BBC News", 7.5e6, 7.5e6, "7,500,000"),
        ChartPoint("The Guardian", 7.68e6, 7.68e6, "7,680,000"),
    )
    svg = _svg(dot_plot("people", points, _claim()))
    first, second = _dots(svg)
    assert second - first > 0.6 * (_PLOT_RIGHT - _PLOT_LEFT)


def test_the_axis_has_round_ticks_written_as_the_claims_write_values_and_the_unit():
    points = (ChartPoint("a", 0.25, 0.25, "25%"), ChartPoint("b", 0.40, 0.40, "40%"))
    chart = dot_plot("good", points, _claim("proportion"))
    assert [label for _, label in chart.ticks] == ["25%", "30%", "35%", "40%"]
    svg = _svg(chart)
    assert ">30%</text>" in svg and ">per cent</text>" in svg
    money = dot_plot(
        "cost",
        (ChartPoint("a", 2e9, 2e9, "£2bn"), ChartPoint("b", 2.3e9, 2.3e9, "£2.3bn")),
        _claim("money", currency="GBP"),
    )
    assert "£2.1bn" in [label for _, label in money.ticks] and money.unit == "GBP"
    assert axis_unit(_claim("count", unit="children")) == "children"


def test_each_dot_is_labelled_by_its_document_and_coloured_by_its_verdict():
    points = (ChartPoint("The Guardian - UK", 3.0, 3.0, "3", "conflicting"), ChartPoint("LGA", 4.0, 4.0, "4"))
    svg = _svg(dot_plot("x", points, _claim()))
    assert "The Guardian - UK: " in svg and ">LGA: " in svg
    assert f'fill="{_VERDICT_COLOURS["conflicting"]}"' in svg


def test_a_lower_bound_points_right_an_upper_bound_left_and_a_range_is_a_bracket():
    more = _svg(
        Chart(
            "x",
            (ChartPoint("a", 5.0, 5.0, "more than 5", bound="lower_bound"), ChartPoint("b", 9.0, 9.0, "9")),
            low=0.0,
            high=10.0,
        )
    )
    tip = float(re.search(r'<path d="M([\d.]+) [\d.]+ L', more).group(1))
    assert tip > _dots(more)[0]
    fewer = _svg(Chart("x", (ChartPoint("a", 5.0, 5.0, "under 5", bound="upper_bound"),), low=0.0, high=10.0))
    assert float(re.search(r'<path d="M([\d.]+) [\d.]+ L', fewer).group(1)) < _dots(fewer)[0]
    ranged = _svg(Chart("x", (ChartPoint("a", 2.0, 6.0, "2–6", bound="range"),), low=0.0, high=10.0))
    assert not _dots(ranged)
    ends = [float(v) for v in re.findall(r"H([\d.]+)", ranged)]
    assert min(ends) < max(ends)
    about = _svg(Chart("x", (ChartPoint("a", 5.0, 5.0, "about 5", bound="approx"),), low=0.0, high=10.0))
    assert 'fill="#fff"' in about


def test_a_cluster_whose_values_are_all_zero_is_drawn_inside_the_plot():
    # Matching can put "0 deaths" and "no deaths (0)" in one cluster; the chart divided by zero.
    svg = _svg(dot_plot("deaths", (ChartPoint("a.txt", 0.0, 0.0, "0"), ChartPoint("b.txt", 0.0, 0.0, "0")), _claim()))
    assert svg.startswith('<figure class="chart"><svg')
    assert all(_PLOT_LEFT <= x <= _PLOT_RIGHT for x in _dots(svg))


def test_years_and_counts_get_no_tick_between_two_whole_numbers():
    # "2015-16" as a range 2015..2016 put a tick at 2015.5, written "2,016".
    chart = dot_plot("years", (ChartPoint("a", 2015.0, 2016.0, "2015–2016", bound="range"),), _claim("year"))
    assert [label for _, label in chart.ticks] == ["2015", "2016"]
