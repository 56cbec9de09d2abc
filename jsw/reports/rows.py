"""One PI's row of a pack: its figures, judgements, series and reading.

Reads only the pack's `Figures`, the targets, rebases and commentary; nothing recounts.
"""

from __future__ import annotations

from decimal import Decimal

from jsw.analysis.targets import Targets
from jsw.framework.describe import describe
from jsw.framework.kinds import kind_of
from jsw.framework.schema import Indicator
from jsw.lib.periods import Period, parse_period, periods_in_year
from jsw.reports import judge
from jsw.reports.figures import Figures
from jsw.reports.model import Cell, Key, Pi, Row, SeriesPoint
from jsw.reports.periods import series_periods, shifted
from jsw.reports.words import reading

PARTS_OF_YEAR = {"Q": "quarters", "H": "halves"}


def pi_of(indicator: Indicator) -> Pi:
    return Pi(
        id=indicator.id,
        title=indicator.title,
        objective=indicator.objective,
        frequency=indicator.frequency,
        kind=indicator.kind,
        direction=indicator.direction,
        unit=indicator.unit or "",
        counting=indicator.counting,
        rule=describe(indicator.kind, indicator.definition),
        counted_parts=indicator.counted_parts,
        year_is_sum=indicator.year_is_sum,
    )


def cells(pi: Pi, figures: Figures, period: str) -> list[Cell]:
    """The PI's overall cell for the period, or one per category for a distribution."""
    if kind_of(pi.kind).by_category:
        found = [figures.get(Key(pi.id, period, c)) for c in figures.categories(pi.id, period)]
        return found or [figures.get(Key(pi.id, period))]
    if is_summed_year(pi, period):
        return [summed_year(pi, figures, period)]
    return [figures.get(Key(pi.id, period))]


def is_summed_year(pi: Pi, period: str) -> bool:
    """Whether the PI's figure for `period` is a year made of its quarters or halves."""
    return (
        pi.year_is_sum and pi.frequency in PARTS_OF_YEAR and parse_period(period).frequency == "A"
    )


PARTS_OF_YEAR = {"Q": "quarters", "H": "halves"}


def summed_year(pi: Pi, figures: Figures, year: str) -> Cell:
    """The year of a return that counts things: the sum of its quarters (or halves) when
    every one is entered, else blank with how many are (reports.md, the annual report).
    Which parts a public pack hides is disclosure control's, as for any figure."""
    parts = [
        figures.get(Key(pi.id, p.label))
        for p in periods_in_year(parse_period(year).financial_year, pi.frequency)
    ]
    entered = [p.value for p in parts if p.value is not None]
    stored = figures.get(Key(pi.id, year))
    cell = Cell(Key(pi.id, year), missing=all(p.missing for p in parts), hidden=stored.hidden)
    if len(entered) == len(parts):
        cell.value = sum(entered, Decimal(0))
    else:
        cell.note = f"{len(entered)} of {len(parts)} {PARTS_OF_YEAR[pi.frequency]} entered"
    return cell


def series(pi: Pi, figures: Figures, period: Period) -> list[SeriesPoint]:
    """Stored values from FY Y-4 to the period, from the first stored result on, blanks
    left out (reports.md, "The series of a PI in a pack")."""
    points: list[SeriesPoint] = []
    started = False
    for p in series_periods(period):
        found = cells(pi, figures, p.label)
        started = started or any(not c.missing for c in found)
        if not started:
            continue
        for cell in found:
            if cell.value is not None and not cell.value_hidden:
                points.append(SeriesPoint(p.label, cell.value, category=cell.key.category))
    return points


def judge_series(
    pi: Pi, points: list[SeriesPoint], rebases: list[tuple[str, str]], target: Decimal | None
) -> tuple[str, str, bool]:
    """Fill in each point's mean, limits and type; return (variation, assurance, trial) as
    the pack shows them: no icons for trial limits or a series without SPC."""
    if kind_of(pi.kind).by_category or not points:
        return "", "", False
    periods = [p.period for p in points]
    placed = rebase_points(rebases, periods)
    result = judge.spc([p.value for p in points], periods, pi.direction, target, list(placed))
    for point, judged in zip(points, result.points, strict=True):
        point.mean, point.lower, point.upper = judged.mean, judged.lower, judged.upper
        point.point_type = judged.point_type
        point.rebase = placed.get(point.period, "")
    if result.trial:
        return "", "", True
    assurance = result.assurance if result.assurance != "none" else ""
    return result.variation_icon or "", assurance, False


def rebase_points(rebases: list[tuple[str, str]], periods: list[str]) -> dict[str, str]:
    """The series point at which each rebase starts a group, with its recorded reason: the
    point for the period it was recorded for (in a chart of years, the year holding that
    quarter), or the first point after it when that period has no point. Rebases before
    the first point or after the last change nothing."""
    if not periods:
        return {}
    spans = [(label, parse_period(label)) for label in periods]
    placed: dict[str, list[str]] = {}
    for label, reason in rebases:
        start = parse_period(label).start
        if start < spans[0][1].start:
            continue
        at = next((p for p, span in spans if span.end >= start), None)
        if at is not None:
            placed.setdefault(at, []).append(reason)
    return {at: "; ".join(reasons) for at, reasons in placed.items()}


def make_row(
    pi: Pi,
    figures: Figures,
    period: Period,
    previous: Period,
    last_year: Period,
    targets: Targets,
) -> Row:
    current = cells(pi, figures, period.label)
    before = cells(pi, figures, previous.label)
    year_ago = cells(pi, figures, last_year.label)
    target = targets.for_period(pi, period.label)
    status = status_of(pi, current, targets)
    rebases = judge.rebases(pi.id)
    points = series(pi, figures, period)
    for point in points:
        aim = targets.for_period(pi, point.period)
        point.target = None if aim is None else aim.value
    variation, assurance, trial = judge_series(
        pi, points, rebases, None if target is None else target.value
    )
    text, author = judge.commentary(pi.id, period.label)
    row = Row(
        pi=pi,
        period=period.label,
        current=current,
        previous=before,
        last_year=year_ago,
        previous_period=previous.label,
        last_year_period=last_year.label,
        target=None if target is None else target.value,
        amber=None if target is None else target.amber,
        status=status,
        travel_previous=_travel(pi, current, before),
        travel_year=_travel(pi, current, year_ago),
        variation=variation,
        assurance=assurance,
        trial=trial,
        series=points,
        reading="",
        commentary=text,
        commentary_author=author,
        rebases=[r for r in rebases if parse_period(r[0]).start <= period.end],
    )
    row.reading = reading(row)
    return row


def status_of(pi: Pi, found: list[Cell], targets: Targets) -> str:
    """The status of a PI's figure for a period (its one cell, or its categories' cells):
    against the target the rule gives; a distribution's is data only, or unknown when
    blank."""
    if kind_of(pi.kind).by_category:
        return "unknown" if all(c.value is None for c in found) else "data only"
    cell = found[0]
    return judge.status(cell.value, targets.for_period(pi, cell.key.period), pi.direction)


def _travel(pi: Pi, current: list[Cell], other: list[Cell]) -> str:
    """Blank beside a suppressed figure: "lower than [c]" would bound it."""
    if kind_of(pi.kind).by_category or current[0].value_hidden or other[0].value_hidden:
        return ""
    return judge.travel(current[0].value, other[0].value, pi.direction)


def neighbours(period: Period) -> tuple[Period, Period]:
    """The previous period and the same period a year earlier."""
    per_year = len(periods_in_year(period.financial_year, period.frequency))
    return shifted(period, -1), shifted(period, -per_year)
