"""Build a pack's model from stored results (or a published pack's stored figures).

`plan_quarterly`/`plan_annual` say which PIs and periods a pack holds; `build` turns a plan
and its `Figures` into a `Pack`. Nothing here recounts a record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from jsw.analysis.targets import Targets
from jsw.framework.catalogue import Catalogue
from jsw.framework.kinds import kind_of
from jsw.framework.schema import Indicator
from jsw.lib.periods import Period, fy_label, periods_between, periods_in_year
from jsw.reports import annexes
from jsw.reports.figures import Figures
from jsw.reports.model import Cell, Cover, Objective, Pack, Pi, Row
from jsw.reports.periods import due_period, short
from jsw.reports.rows import cells, make_row, neighbours, pi_of, status_of

SERVICE = "Aberdeen City Council Justice Social Work"


@dataclass
class Plan:
    """A pack before its figures: which PIs, for which periods."""

    kind: str  # quarterly or annual
    period: Period  # the quarter, or the year
    due: list[tuple[Indicator, Period]]
    catalogue: Catalogue
    # The analysts' targets, read once for the pack and passed down to every judgement.
    targets: Targets = field(default_factory=Targets)
    periods: set[str] = field(default_factory=set)  # overall figures needed
    breakdown_periods: set[str] = field(default_factory=set)

    @property
    def indicator_ids(self) -> set[str]:
        return {indicator.id for indicator, _ in self.due}


def plan_quarterly(catalogue: Catalogue, quarter: Period, targets: Targets) -> Plan:
    due = [
        (indicator, period)
        for indicator in catalogue.indicators
        if (period := due_period(indicator.frequency, quarter)) is not None
    ]
    plan = Plan("quarterly", quarter, due, catalogue, targets)
    for _, period in due:
        plan.periods |= _needed(period)
        plan.breakdown_periods.add(period.label)
    return plan


def plan_annual(catalogue: Catalogue, year: Period, targets: Targets) -> Plan:
    due = [(indicator, year) for indicator in catalogue.indicators]
    plan = Plan("annual", year, due, catalogue, targets)
    plan.periods |= _needed(year)
    plan.breakdown_periods.add(year.label)
    for fy in range(year.financial_year - 4, year.financial_year + 1):
        for frequency in ("Q", "H"):
            plan.periods |= {p.label for p in periods_in_year(fy, frequency)}
    return plan


def _needed(period: Period) -> set[str]:
    """The series and, for the Data sheet's travel columns, the year before it."""
    year = period.financial_year
    return {p.label for p in periods_between(year - 5, year, period.frequency) if p <= period}


@dataclass
class Provenance:
    """Where the figures came from, for the cover."""

    data_as_at: date | None
    batches: list[str]
    framework_version: str
    state: str
    batch_ids: list[int] = field(default_factory=list)


def build(plan: Plan, figures: Figures, provenance: Provenance, *, public: bool) -> Pack:
    rows: dict[int, list[Row]] = {}
    shown: list[tuple[Pi, str]] = []
    for indicator, period in plan.due:
        pi = pi_of(indicator)
        previous, last_year = neighbours(period)
        row = make_row(pi, figures, period, previous, last_year, plan.targets)
        if plan.kind == "annual":
            _add_annual_parts(row, figures, period, plan.targets)
        rows.setdefault(pi.objective, []).append(row)
        shown.append((pi, period.label))
    catalogue = plan.catalogue
    objectives = [
        Objective(o.number, o.title, rows[o.number])
        for o in catalogue.objectives
        if o.number in rows
    ]
    # A return is entered per period of its frequency: in the annual report, a quarterly
    # return is missing for the year only when one of its quarters is.
    wanted_returns = [
        (row.pi.id, label)
        for row in _all(objectives)
        for label in ([part.key.period for part in row.parts] or [row.period])
    ]
    return Pack(
        kind=plan.kind,
        period=plan.period.label,
        cover=_cover(plan, provenance, public),
        objectives=objectives,
        breakdowns=annexes.breakdowns(shown, figures),
        quality=[],
        returns_missing=annexes.returns_missing(catalogue, wanted_returns),
        revisions=[],
        definitions=[pi for pi, _ in shown],
    )


def _all(objectives: list[Objective]) -> list[Row]:
    return [row for objective in objectives for row in objective.rows]


def _add_annual_parts(row: Row, figures: Figures, year: Period, targets: Targets) -> None:
    """The year's quarters or halves beside it, each with its status, and five years of
    annual values. Without a whole-year target, the year's figure is data only, and the
    row counts how many of its periods were green, amber and red."""
    pi = row.pi
    if pi.frequency in ("Q", "H"):
        row.parts = [
            cells(pi, figures, p.label)[0]
            for p in periods_in_year(year.financial_year, pi.frequency)
        ]
        row.part_statuses = [_part_status(pi, part, targets) for part in row.parts]
        judged = {"green", "amber", "red"} & set(row.part_statuses)
        if row.target is None and judged:  # no count where no period had a target either
            row.part_counts = {
                status: row.part_statuses.count(status) for status in ("green", "amber", "red")
            }
    if not kind_of(pi.kind).by_category:
        row.trend = [
            cells(pi, figures, fy_label(fy))[0]
            for fy in range(year.financial_year - 4, year.financial_year + 1)
        ]


def _part_status(pi: Pi, cell: Cell, targets: Targets) -> str:
    return "" if cell.value_hidden else status_of(pi, [cell], targets)


def _cover(plan: Plan, provenance: Provenance, public: bool) -> Cover:
    governance = plan.catalogue.governance
    if plan.kind == "quarterly":
        title = "Quarterly performance report to the Performance Management Board"
        q = plan.period
        words = f"{short(q.label)} ({q.start:%-d %B %Y} to {q.end:%-d %B %Y})"
    else:
        title = "Annual performance report to the Risk, Audit and Performance Committee"
        y = plan.period
        words = f"Financial year {y.label} ({y.start:%-d %B %Y} to {y.end:%-d %B %Y})"
    return Cover(
        service=SERVICE,
        framework_name=governance.name,
        framework_version=provenance.framework_version,
        title=title,
        period=plan.period.label,
        period_words=words,
        data_as_at=provenance.data_as_at.isoformat() if provenance.data_as_at else "no records",
        batches=provenance.batches,
        state=provenance.state,
        public=public,
    )
