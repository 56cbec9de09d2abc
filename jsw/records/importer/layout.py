"""A file's header matched to its table's contract columns, and its rows read through it.

Headers match ignoring case and surrounding spaces, after a mapping profile's renames;
a missing required column or a column given twice makes the file unusable (`FileProblem`).
`Layout.read` turns one row of cells into parsed values, or the first problem it finds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, cast

from jsw.records.importer.cells import BadCell
from jsw.records.importer.mapping import Mapping, normal
from jsw.records.importer.sources import FileProblem
from jsw.records.importer.tables import Column, Table
from jsw.records.importer.values import Cell, MultiLineCell, ValueProblem, as_text, is_blank


@dataclass(frozen=True)
class CellProblem:
    column: str | None
    value: str | None
    reason: str


@dataclass
class Layout:
    table: Table
    header: list[str]
    # Each contract column with its position in the row (None: the file lacks it).
    positions: list[tuple[Column, int | None]]
    unknown: list[str]
    translations: dict[str, dict[str, str]]
    # CSV rows must have as many cells as the header, workbook rows may stop early; in both,
    # a value beyond the header is rejected.
    strict_width: bool

    def position(self, name: str) -> int | None:
        for column, index in self.positions:
            if column.name == name:
                return index
        return None

    def key(self, cells: list[Cell]) -> Any:
        """The row's identity (its id, or a return's indicator and period); None if unreadable."""
        try:
            values = {name: self._value(self.table.by_name[name], cells) for name in self.table.key}
        except ValueProblem:
            return None
        return key_of(self.table, values)

    def width_problem(self, cells: list[Cell]) -> CellProblem | None:
        width = len(self.header)
        too_few = self.strict_width and len(cells) < width
        if too_few or any(not is_blank(cell) for cell in cells[width:]):
            reason = f"has {len(cells)} values where the header has {width} columns"
            spanning = next((cell for cell in cells if isinstance(cell, MultiLineCell)), None)
            if spanning is not None:  # a stray quote joins lines into one row
                reason += f"; {spanning.span()}"
            return CellProblem(None, None, reason)
        return None

    def read(self, cells: list[Cell]) -> tuple[dict[str, Any], CellProblem | None]:
        """Parsed values by contract column; stops at the first cell that is not valid."""
        values: dict[str, Any] = {}
        count = len(cells)
        for name, parse, index, translation in self._readers:
            cell = cells[index] if index is not None and index < count else None
            if cell.__class__ is BadCell:  # a workbook cell whose value is lost or unusable
                return values, CellProblem(name, cell, cast(BadCell, cell).reason)
            if translation and cell is not None:
                cell = translation.get(normal(as_text(cell)), cell)
            try:
                values[name] = parse(cell)
            except ValueProblem as problem:
                return values, CellProblem(name, as_text(cell), str(problem))
        return values, None

    @cached_property
    def _readers(self) -> list[tuple[str, Callable[[Cell], Any], int | None, dict[str, str]]]:
        return [
            (column.name, column.parse, index, self.translations.get(column.name, {}))
            for column, index in self.positions
        ]

    def as_read(self, cells: list[Cell]) -> dict[str, str]:
        """The row's contract columns as the file had them, for keeping a rejected row.

        Only the contract's columns: rejected rows are kept, and the columns jsw ignores may
        hold what it promises never to import (names, addresses).
        """
        count = len(cells)
        return {
            column.name: as_text(cells[index])
            for column, index in self.positions
            if index is not None and index < count
        }

    def _value(self, column: Column, cells: list[Cell]) -> Any:
        return column.parse(self._cell(column, self.position(column.name), cells))

    def _cell(self, column: Column, index: int | None, cells: list[Cell]) -> Cell:
        cell = cells[index] if index is not None and index < len(cells) else None
        if isinstance(cell, BadCell):
            raise ValueProblem(cell.reason)
        translation = self.translations.get(column.name)
        if translation and cell is not None:
            return translation.get(normal(as_text(cell)), cell)
        return cell


def key_of(table: Table, values: dict[str, Any]) -> Any:
    """The id (for returns, the pair of indicator and period) from parsed values, or None."""
    if any(name not in values for name in table.key):
        return None
    if len(table.key) == 1:
        return values[table.key[0]]
    return tuple(values[name] for name in table.key)


def make_layout(
    table: Table, header: list[Cell], mapping: Mapping | None, strict_width: bool
) -> Layout:
    names = [as_text(cell) for cell in header]
    renames = mapping.columns(table.name) if mapping else {}
    date_format = mapping.for_table(table.name).date_format if mapping else None
    found: dict[str, int] = {}
    unknown: list[str] = []
    for index, name in enumerate(names):
        target = renames.get(normal(name), normal(name))
        if target not in table.by_name:
            unknown.append(name or f"(blank header in column {index + 1})")
        elif target in found:
            raise FileProblem(f"the column {target} appears twice in the header")
        else:
            found[target] = index
    missing = [name for name in table.required if name not in found]
    if missing:
        raise FileProblem(f"missing required column(s): {', '.join(missing)}")
    positions = [
        (_with_format(column, date_format), found.get(column.name)) for column in table.columns
    ]
    return Layout(
        table,
        names,
        positions,
        unknown,
        mapping.values(table.name) if mapping else {},
        strict_width,
    )


def _with_format(column: Column, date_format: str | None) -> Column:
    if column.kind == "date" and date_format:
        return replace(column, date_format=date_format)
    return column
