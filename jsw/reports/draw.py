"""Draw each row's chart, sparkline and chart text once, for every renderer to reuse."""

from __future__ import annotations

from decimal import Decimal

from jsw.reports import charts, judge
from jsw.reports.model import Pack, Row
from jsw.reports.present import chart_text


def draw(pack: Pack, *, trend_charts: bool = True) -> None:
    for row in pack.rows:
        draw_row(row, chart=trend_charts)


def draw_row(row: Row, *, chart: bool = True) -> None:
    """One PI's chart, sparkline and chart text (the dashboard's PI page draws just one)."""
    if row.pi.kind != "distribution":
        row.sparkline_svg = charts.sparkline([p.value for p in row.series])
    if not chart:
        return
    targets: dict[str, Decimal] = {}
    if row.target is not None:
        for point in row.series:
            found = judge.target_for(row.pi.id, point.period)
            if found is not None:
                targets[point.period] = found.value
    row.chart_svg = charts.trend_chart(row.pi, row.series, targets) if row.series else ""
    row.chart_text = chart_text(row)
