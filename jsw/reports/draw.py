"""Draw each row's chart, sparkline and chart text once, for every renderer to reuse."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal

from jsw.framework.kinds import kind_of
from jsw.reports import charts
from jsw.reports.model import Pack, Row
from jsw.reports.present import chart_text

# Below this many charts a second process costs more than it saves.
PARALLEL_FROM = 8


def draw(pack: Pack, *, trend_charts: bool = True) -> None:
    """Every row's sparkline and chart text, and its trend chart: in two processes when
    there are many (matplotlib is single-threaded; a full pack has forty charts). The pool's
    processes come from a fork server, never a fork of this process: a worker or a server
    has threads, and a forked copy of a threaded process can hang."""
    rows = pack.rows
    for row in rows:
        draw_row(row, chart=False)
        row.chart_text = chart_text(row)
    if not trend_charts:
        return
    drawn = [row for row in rows if row.series]
    jobs = [(row.pi, row.series, _targets(row)) for row in drawn]
    workers = min(2, os.cpu_count() or 1)
    if len(jobs) >= PARALLEL_FROM and workers > 1:
        with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
            svgs = list(pool.map(charts.trend_chart_of, jobs, chunksize=4))
    else:
        svgs = [charts.trend_chart_of(job) for job in jobs]
    for row, svg in zip(drawn, svgs, strict=True):
        row.chart_svg = svg


def _context() -> multiprocessing.context.BaseContext:
    """A fork server where there is one (it imports the chart code once), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["jsw.reports.charts", "matplotlib.figure"])
        return context
    return multiprocessing.get_context("spawn")


def _targets(row: Row) -> dict[str, Decimal]:
    """The target of each charted period (the rule's, set on each point by the row)."""
    if row.target is None:
        return {}
    return {p.period: p.target for p in row.series if p.target is not None}


def draw_row(row: Row, *, chart: bool = True) -> None:
    """One PI's chart, sparkline and chart text (the dashboard's PI page draws just one)."""
    if not kind_of(row.pi.kind).by_category:
        row.sparkline_svg = charts.sparkline([p.value for p in row.series])
    if not chart:
        return
    row.chart_svg = charts.trend_chart(row.pi, row.series, _targets(row)) if row.series else ""
    row.chart_text = chart_text(row)


def chart_png(row: Row) -> bytes:
    """A row's trend chart as a PNG (the Word pack), with the same targets as its SVG."""
    return charts.trend_png(row.pi, row.series, _targets(row))
