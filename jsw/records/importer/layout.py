"""A file's header matched to its table's contract columns, and its rows read through it.

Headers match ignoring case and surrounding spaces, after a mapping profile's renames;
a missing required column or a column given twice makes the file unusable (`FileProblem`).
`Layout.read` turns one row of cells into parsed values, or the first problem it finds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from operator import itemgetter
from typing import Any, cast

from jsw.records.importer.cells import BadCell
from jsw.records.importer.mapping import Mapping, normal
from jsw.records.importer.sources import FileProblem
from jsw.records.importer.tables import Column, Table
from jsw.records.importer.values import (
    ID_MAX_LENGTH,
    Cell,
    MultiLineCell,
    ValueProblem,
    as_text,
    is_blank,
)


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

    def key(self, cells: Sequence[Cell]) -> Any:
        """The row's identity (its id, or a return's indicator and period); None if unreadable."""
        if self.plain_id is not None and self.plain_id < len(cells):
            cell = cells[self.plain_id]
            if cell.__class__ is str:  # the short path of `read` for ids
                text = cell.strip()
                if text and len(text) <= ID_MAX_LENGTH and text.isprintable():
                    return text
        try:
            values = {name: self._value(self.table.by_name[name], cells) for name in self.table.key}
        except ValueProblem:
            return None
        return key_of(self.table, values)

    def plain_keys(self, rows: list[list[Cell]]) -> list[str] | None:
        """Every row's key as `key` gives it, if each is an id read the short way; else None.

        For a plain block (`sources.Block`): one-line `str` cells only.
        """
        index = self.plain_id
        if index is None:
            return None
        try:
            keys: list[str] = list(map(str.strip, map(itemgetter(index), rows)))
        except IndexError:  # a short row
            return None
        if plain_ids(keys):
            return keys
        return None

    @cached_property
    def plain_id(self) -> int | None:
        """The position of the table's one id column, when it is read without translation."""
        if len(self.table.key) != 1 or self.translations.get(self.table.key[0]):
            return None
        return self.position(self.table.key[0])

    def width_problem(self, cells: list[Cell]) -> CellProblem | None:
        width = len(self.header)
        if len(cells) == width:
            return None
        too_few = self.strict_width and len(cells) < width
        if too_few or any(not is_blank(cell) for cell in cells[width:]):
            reason = f"has {len(cells)} values where the header has {width} columns"
            spanning = next((cell for cell in cells if isinstance(cell, MultiLineCell)), None)
            if spanning is not None:  # a stray quote joins lines into one row
                reason += f"; {spanning.span()}"
            return CellProblem(None, None, reason)
        return None

    def read(self, cells: list[Cell]) -> tuple[dict[str, Any], CellProblem | None]:
        """Parsed values by contract column; stops at the first cell that is not valid.

        Millions of cells hold a few thousand distinct values (dates, codes, hours, teams):
        each column remembers what each distinct plain-text cell parsed to, or why it was
        refused, so a value is parsed and checked once per import, not once per row. Ids,
        all different, take a short path with the same checks as `parse_id`.
        """
        values: dict[str, Any] = {}
        count = len(cells)
        for name, parse, index, translation, memo, refused in self._readers:
            cell = cells[index] if index is not None and index < count else None
            if cell.__class__ is str:  # not a BadCell or MultiLineCell, which are str too
                if memo is None:  # an id: the checks of `parse_id`, inline
                    text = cell.strip()
                    if text and len(text) <= ID_MAX_LENGTH and text.isprintable():
                        values[name] = text
                        continue
                else:
                    found = memo.get(cell, _UNSEEN)
                    if found is _UNSEEN:
                        found = _parsed(parse, translation, cell)
                        if len(memo) < MEMO_LIMIT:
                            memo[cell] = found
                            if found.__class__ is _Refused:
                                refused.add(cell)
                    if found.__class__ is _Refused:
                        return values, CellProblem(name, found.shown, found.reason)
                    values[name] = found
                    continue
            if cell.__class__ is BadCell:  # a workbook cell whose value is lost or unusable
                return values, CellProblem(name, cell, cast(BadCell, cell).reason)
            found = _parsed(parse, translation, cell)
            if found.__class__ is _Refused:
                return values, CellProblem(name, found.shown, found.reason)
            values[name] = found
        return values, None

    def read_columns(self, rows: list[list[str]]) -> tuple[dict[str, list[Any]], set[int]]:
        """`read` for the rows of a plain block (`sources.Block`), a column at a time.

        Returns each contract column's values, row by row, and the rows that `read` or
        `width_problem` would find a problem in (their values are then not to be used).
        Every other row's values are those `read` gives it: the same remembered parses and
        the same checks, but each distinct cell of the block looked up once.
        """
        count = len(rows)
        flagged: set[int] = set()
        width = len(self.header)
        if len(set(map(len, rows))) != 1 or len(rows[0]) != width:
            filler = [""] * width
            flagged.update(i for i, cells in enumerate(rows) if len(cells) != width)
            rows = [cells if len(cells) == width else filler for cells in rows]
        columns: dict[str, list[Any]] = {}
        for name, parse, index, translation, memo, refused in self._readers:
            if index is None:  # a column the file lacks: the same value in every row
                found = _parsed(parse, translation, None)
                if found.__class__ is _Refused:
                    flagged.update(range(count))
                columns[name] = [found] * count
                continue
            cells: list[str] = list(map(itemgetter(index), rows))
            if memo is None:
                columns[name] = _read_ids(cells, parse, translation, flagged)
            else:
                columns[name] = _read_remembered(cells, parse, translation, memo, refused, flagged)
        return columns, flagged

    @cached_property
    def _readers(self) -> list[_Reader]:
        """Per contract column: its name, parser, position, translation, the memo of what
        each distinct cell parsed to (None for ids, all different) and the memo's refusals."""
        return [
            (
                column.name,
                column.parse,
                index,
                translation := self.translations.get(column.name, {}),
                None if column.kind == "id" and not translation else {},
                set(),
            )
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

    def _value(self, column: Column, cells: Sequence[Cell]) -> Any:
        return column.parse(self._cell(column, self.position(column.name), cells))

    def _cell(self, column: Column, index: int | None, cells: Sequence[Cell]) -> Cell:
        cell = cells[index] if index is not None and index < len(cells) else None
        if isinstance(cell, BadCell):
            raise ValueProblem(cell.reason)
        translation = self.translations.get(column.name)
        if translation and cell is not None:
            return translation.get(normal(as_text(cell)), cell)
        return cell


# A contract column's name, parser, position, translation, memo and the memo's refusals.
_Reader = tuple[
    str, Callable[[Cell], Any], int | None, dict[str, str], dict[str, Any] | None, set[str]
]

# Distinct values a column remembers: beyond it (free text), cells are parsed every time.
MEMO_LIMIT = 100_000
_UNSEEN = object()


@dataclass(frozen=True, slots=True)
class _Refused:
    """A remembered refusal: the cell as shown, and why."""

    shown: str
    reason: str


def _parsed(parse: Callable[[Cell], Any], translation: dict[str, str], cell: Cell) -> Any:
    """The cell's value through the profile's translation, or `_Refused` saying why not."""
    if translation and cell is not None:
        cell = translation.get(normal(as_text(cell)), cell)
    try:
        return parse(cell)
    except ValueProblem as problem:
        return _Refused(as_text(cell), str(problem))


def plain_ids(texts: list[str]) -> bool:
    """Whether every stripped cell passes `read`'s short path for ids."""
    return all(texts) and max(map(len, texts)) <= ID_MAX_LENGTH and all(map(str.isprintable, texts))


def _read_ids(
    cells: list[str], parse: Callable[[Cell], Any], translation: dict[str, str], flagged: set[int]
) -> list[Any]:
    values: list[Any] = list(map(str.strip, cells))
    if plain_ids(values):
        return values
    for i, text in enumerate(values):
        if text and len(text) <= ID_MAX_LENGTH and text.isprintable():
            continue
        found = _parsed(parse, translation, cells[i])
        if found.__class__ is _Refused:
            flagged.add(i)
        values[i] = found
    return values


def _read_remembered(
    cells: list[str],
    parse: Callable[[Cell], Any],
    translation: dict[str, str],
    memo: dict[str, Any],
    refused: set[str],
    flagged: set[int],
) -> list[Any]:
    try:  # most blocks hold no value the column has not seen
        values = list(map(memo.__getitem__, cells))
    except KeyError:
        pass
    else:
        if refused and not refused.isdisjoint(cells):
            flagged.update(i for i, cell in enumerate(cells) if cell in refused)
        return values
    unseen = set(cells).difference(memo)
    beyond: dict[str, Any] = {}  # parsed, but not remembered: the memo is full
    for cell in unseen:
        found = _parsed(parse, translation, cell)
        if len(memo) < MEMO_LIMIT:
            memo[cell] = found
            if found.__class__ is _Refused:
                refused.add(cell)
        else:
            beyond[cell] = found
    if beyond:
        values = [memo[cell] if cell in memo else beyond[cell] for cell in cells]
        flagged.update(i for i, value in enumerate(values) if value.__class__ is _Refused)
        return values
    if refused and not refused.isdisjoint(cells):
        flagged.update(i for i, cell in enumerate(cells) if cell in refused)
    return list(map(memo.__getitem__, cells))


def key_of(table: Table, values: dict[str, Any]) -> Any:
    """The id (for returns, the pair of indicator and period) from parsed values, or None."""
    names = table.key
    if len(names) == 1:
        return values.get(names[0])  # a key column is required: never None once read
    if any(name not in values for name in names):
        return None
    return tuple(values[name] for name in names)


def make_layout(
    table: Table, header: Sequence[Cell], mapping: Mapping | None, strict_width: bool
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
