"""The rows of the Excel `Data` sheet: every figure the pack uses (the report period and
every period of each series, overall and by breakdown group), each with its status and
direction of travel."""

from __future__ import annotations

from jsw.analysis.targets import Targets
from jsw.framework.kinds import kind_of
from jsw.lib.periods import parse_period
from jsw.reports import judge
from jsw.reports.figures import Figures
from jsw.reports.model import Cell, DataRow, Key, Pack, Pi
from jsw.reports.periods import series_periods
from jsw.reports.rows import cells, neighbours, status_of


def data_rows(pack: Pack, figures: Figures, targets: Targets) -> list[DataRow]:
    out: list[DataRow] = []
    seen: set[Key] = set()
    for row in pack.rows:
        pi = row.pi
        labels = [p.label for p in series_periods(parse_period(row.period))]
        labels += [c.key.period for c in row.parts]
        for label in sorted(set(labels), key=lambda lb: parse_period(lb)):
            for cell in cells(pi, figures, label):
                if cell.missing or cell.key in seen:
                    continue
                seen.add(cell.key)
                out.append(_overall(pi, cell, figures, targets))
    for table in pack.breakdowns:
        for cell in table.cells:
            if cell.key not in seen:
                seen.add(cell.key)
                out.append(_judged(table.pi, cell, targets, "", ""))
    return out


def _overall(pi: Pi, cell: Cell, figures: Figures, targets: Targets) -> DataRow:
    if kind_of(pi.kind).by_category:
        return _judged(pi, cell, targets, "", "")
    previous, last_year = neighbours(parse_period(cell.key.period))
    before = cells(pi, figures, previous.label)[0]
    year_ago = cells(pi, figures, last_year.label)[0]
    return _judged(
        pi,
        cell,
        targets,
        _travel(pi, cell, before),
        _travel(pi, cell, year_ago),
    )


def _travel(pi: Pi, cell: Cell, other: Cell) -> str:
    if cell.value_hidden or other.value_hidden:
        return ""
    return judge.travel(cell.value, other.value, pi.direction)


def _judged(
    pi: Pi, cell: Cell, targets: Targets, travel_previous: str, travel_year: str
) -> DataRow:
    if cell.value_hidden:
        return DataRow(cell, "", "", "")
    return DataRow(cell, status_of(pi, [cell], targets), travel_previous, travel_year)
