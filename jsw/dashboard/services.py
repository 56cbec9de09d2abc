"""What the pages show, read from stored results and analysis; nothing recounts records.

The scorecard is the latest quarter's internal pack, built by the reports app exactly as the
board pack is, and kept in memory until the results, targets, rebases or commentary change,
so that a page view costs a few small queries.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.db import connection
from django.utils import timezone

from jsw.analysis.models import AuditEntry
from jsw.analysis.targets import Targets
from jsw.framework.catalogue import load_catalogue
from jsw.framework.kinds import kind_of
from jsw.framework.schema import Indicator
from jsw.indicators import engine
from jsw.indicators.models import ComputeRun
from jsw.lib.periods import Period, periods_between
from jsw.reports import annexes
from jsw.reports.draw import draw_row
from jsw.reports.figures import from_results
from jsw.reports.model import Cell, Pack, Row
from jsw.reports.periods import due_period, series_periods, shifted
from jsw.reports.rows import make_row, neighbours, pi_of
from jsw.reports.service import ReportProblem, Request, choose_period, make_pack

T = TypeVar("T")
_lock = threading.Lock()
_cache: dict[tuple[object, ...], object] = {}
# The pages of at most this many PIs (and the scorecard) are kept, for the current version.
KEPT = 64


def _version() -> tuple[object, ...]:
    """(the latest finished run's id, the last audit entry's id), in one plain query: it is
    read on every page view, where the ORM's compiling cost more than the query."""
    quote = connection.ops.quote_name
    runs, audit = ComputeRun._meta, AuditEntry._meta
    finished = quote(str(runs.get_field("finished_at").column))
    sql = (
        f"SELECT (SELECT MAX({quote(str(runs.pk.column))}) FROM {quote(runs.db_table)} "  # noqa: S608
        f"WHERE {finished} IS NOT NULL), "
        f"(SELECT MAX({quote(str(audit.pk.column))}) FROM {quote(audit.db_table)})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        run, last = cursor.fetchone()
    return (run, last)


def version() -> str:
    """Changes whenever what the pages show may change: a template fragment cache key."""
    return "-".join(str(part) for part in _version())


def _kept(name: str, build: Callable[[], T]) -> T:
    """`build()`, kept until the version of the results or analysis changes."""
    version = _version()
    key = (name, *version)
    with _lock:
        if key in _cache:
            return _cache[key]  # type: ignore[return-value]
    value = build()
    with _lock:
        for old in [k for k in _cache if k[1:] != version or len(_cache) >= KEPT]:
            del _cache[old]
        _cache[key] = value
    return value


def scorecard() -> Pack | None:
    """The latest complete quarter's pack, or None when nothing is computed yet."""

    def build() -> Pack | None:
        try:
            return make_pack(Request("quarterly"), trend_charts=False, recompute=False)
        except ReportProblem:
            return None

    return _kept("scorecard", build)


@dataclass
class PiPage:
    indicator: Indicator
    row: Row | None
    breakdowns: dict[str, list[tuple[str, Cell]]]


def latest_quarter() -> Period:
    """The latest complete quarter (`ReportProblem` when there is none), worked out once per
    data version and day rather than for each PI page: it reads the first and last dates of
    every table of records."""
    today = timezone.localdate()
    return _kept(f"latest quarter {today}", lambda: choose_period("quarterly", None))


def latest_period(indicator: Indicator) -> Period | None:
    """The PI's latest period that ends with the latest complete quarter."""
    try:
        quarter = latest_quarter()
    except ReportProblem:
        return None
    for step in range(4):  # an annual PI's latest year ended at most three quarters ago
        period = due_period(indicator.frequency, shifted(quarter, -step))
        if period is not None:
            return period
    return None


def pi_page(indicator_id: str) -> PiPage:
    """One PI: its latest row (chart, numbers, reading) and its breakdowns."""
    indicator = load_catalogue().indicator(indicator_id)  # KeyError: no such PI
    return _kept(f"pi:{indicator.id}", lambda: _pi_page(indicator))


def _pi_page(indicator: Indicator) -> PiPage:
    run = engine.latest_run()
    period = latest_period(indicator)
    if run is None or period is None:
        return PiPage(indicator, None, {})
    pi = pi_of(indicator)
    previous, last_year = neighbours(period)
    wanted = {p.label for p in series_periods(period)} | {previous.label, last_year.label}
    figures = from_results(run, {indicator.id}, wanted, {period.label})
    targets = Targets.load([indicator.id])  # read afresh for each page built
    row = make_row(pi, figures, period, previous, last_year, targets)
    draw_row(row)
    tables = {
        table.breakdown: [(cell.key.group, cell) for cell in table.cells]
        for table in annexes.breakdowns([(pi, period.label)], figures)
    }
    return PiPage(indicator, row, tables)


def missing_returns() -> list[tuple[str, str]]:
    """Return PIs' periods, within the computed years and ended by the latest complete
    quarter, that have no figure entered."""
    run = engine.latest_run()
    if run is None:
        return []
    try:
        quarter = choose_period("quarterly", None)
    except ReportProblem:
        return []
    catalogue = load_catalogue()
    wanted = [
        (pi.id, period.label)
        for pi in catalogue.indicators
        if not kind_of(pi.kind).counted
        for period in periods_between(run.first_year, run.last_year, pi.frequency)
        if period.end <= quarter.end
    ]
    return annexes.returns_missing(catalogue, wanted)
