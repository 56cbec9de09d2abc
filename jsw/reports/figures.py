"""Where a pack's figures come from: the stored results now, or a published pack's copy.

A `Figures` is a plain lookup from `Key` to `Cell`; the builder never asks which source it
is, so a published pack re-renders from its stored figures exactly as a draft renders from
the current results.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from jsw.indicators.models import ComputeRun, Result
from jsw.reports.model import Cell, Key


class Figures:
    def __init__(self, cells: Iterable[Cell] = ()) -> None:
        self.cells: dict[Key, Cell] = {cell.key: cell for cell in cells}
        self.used: set[Key] = set()
        # Parts shown as [c] in a public pack, per figure.
        self.hidden: dict[Key, set[str]] = {}

    def get(self, key: Key) -> Cell:
        """A fresh copy of the figure (a pack may hide parts of it), or a missing cell."""
        self.used.add(key)
        found = self.cells.get(key)
        if found is None:
            return Cell(key=key, missing=True)
        return Cell(
            key=key,
            numerator=found.numerator,
            denominator=found.denominator,
            value=found.value,
            people=found.people,
            hidden=set(self.hidden.get(key, ())),
        )

    def has(self, key: Key) -> bool:
        return key in self.cells

    def categories(self, indicator_id: str, period: str) -> list[str]:
        return sorted(
            {
                k.category
                for k in self.cells
                if k.indicator_id == indicator_id and k.period == period and not k.breakdown
            }
        )

    def groups(self, indicator_id: str, period: str, breakdown: str) -> list[Key]:
        return [
            k
            for k in self.cells
            if k.indicator_id == indicator_id and k.period == period and k.breakdown == breakdown
        ]

    def as_json(self, keys: Iterable[Key]) -> list[list[Any]]:
        out = []
        for key in sorted(keys, key=lambda k: k.as_list()):
            cell = self.cells.get(key)
            if cell is None:
                continue
            out.append(
                [
                    *key.as_list(),
                    _text(cell.numerator),
                    cell.denominator,
                    _text(cell.value),
                    cell.people,
                ]
            )
        return out


def _text(number: Decimal | None) -> str | None:
    return None if number is None else str(number)


def _decimal(text: Any) -> Decimal | None:
    return None if text is None else Decimal(str(text))


def from_json(rows: list[list[Any]]) -> Figures:
    cells = []
    for row in rows:
        key = Key(*row[:5])
        people = row[8] if len(row) > 8 else None
        cells.append(Cell(key, _decimal(row[5]), row[6], _decimal(row[7]), people))
    return Figures(cells)


def from_results(
    run: ComputeRun, indicator_ids: set[str], periods: set[str], breakdown_periods: set[str]
) -> Figures:
    """The stored results of these PIs: overall figures for `periods`, and every breakdown
    group for `breakdown_periods`."""
    rows = Result.objects.filter(
        run=run, indicator_id__in=indicator_ids, period__in=periods | breakdown_periods
    ).order_by()
    has_people = any(f.name == "people" for f in Result._meta.get_fields())
    cells = []
    for r in rows.iterator(chunk_size=5000):
        if r.breakdown and r.period not in breakdown_periods:
            continue
        if not r.breakdown and r.period not in periods:
            continue
        cells.append(
            Cell(
                Key(r.indicator_id, r.period, r.category, r.breakdown, r.group),
                r.numerator,
                r.denominator,
                r.value,
                getattr(r, "people", None) if has_people else None,
            )
        )
    return Figures(cells)
