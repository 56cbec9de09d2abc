"""Reading an .xlsx workbook's sheets as rows of cells, refusing what cannot be trusted.

openpyxl opens the workbook (read-only), but the cells are read here, from each sheet's XML,
so that nothing is stored wrong without a word:

- a formula gives the value the spreadsheet saved with it (never its text); a formula
  saved without a value, an error cell (`#N/A`), a number that is not finite (`1E999`) or
  a cell of no known type becomes a `BadCell`, which rejects its row naming the cell;
- merged cells keep their value in the first cell only: every cell of a merged range is a
  `BadCell` in the second pass (the ranges are listed at the end of the sheet's XML, so the
  first pass finds them);
- anything malformed (XML, a shared string past the end, rows out of order), a chart sheet
  named after a table, an encrypted or non-zip file, or one that unpacks to more than this
  importer reads, refuses the sheet or the workbook with one clear message.
"""

from __future__ import annotations

import math
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.cell.text import Text
from openpyxl.chartsheet import Chartsheet
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser

from jsw.lib.errors import first_line
from jsw.records.importer.cells import BadCell
from jsw.records.importer.mapping import normal
from jsw.records.importer.report import ERROR, WARNING, Issue
from jsw.records.importer.sources import FileProblem, Found, RowStream, TableInput, shown_name
from jsw.records.importer.tables import Table
from jsw.records.importer.values import Cell, as_text

# openpyxl warns on stderr about extensions it drops (data validation, slicers...): they
# do not change cell values.
warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl\.")

# A workbook that unpacks to more than this is refused before anything is parsed.
MAX_UNPACKED_BYTES = 2 * 1024**3
# Spreadsheet XML packs about 5 to 20 times; far more, for a large part, is a zip bomb.
MAX_PACKING_RATIO = 200
RATIO_CHECKED_FROM_BYTES = 20 * 1024**2
MAX_COLUMNS = 16_384  # Excel's own limits (column XFD, row 1,048,576)
MAX_ROWS = 1_048_576
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx, and old .xls files


def container_problem(path: Path) -> str | None:
    """Why the file cannot be opened as a workbook at all, before openpyxl reads any of it."""
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(_OLE_MAGIC))
        if magic == _OLE_MAGIC:
            return (
                "encrypted (password-protected) or an old-style .xls workbook: "
                "save it as an .xlsx workbook without a password"
            )
        if not zipfile.is_zipfile(path):
            return "not an .xlsx workbook (not a zip archive)"
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        return f"cannot be read as an .xlsx workbook: {first_line(exc)}"
    return _size_problem(members)


def _size_problem(members: list[zipfile.ZipInfo]) -> str | None:
    if any(member.flag_bits & 0x1 for member in members):
        return "encrypted (password-protected): save it without a password"
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        return (
            f"unpacks to {unpacked / 1024**3:.1f} GiB, more than the "
            f"{MAX_UNPACKED_BYTES / 1024**3:.0f} GiB read from one workbook: "
            "export the tables as CSV files instead"
        )
    for member in members:
        if member.file_size >= RATIO_CHECKED_FROM_BYTES and (
            member.file_size > MAX_PACKING_RATIO * max(member.compress_size, 1)
        ):
            return (
                f"its part {member.filename} unpacks {member.file_size:,} bytes from "
                f"{member.compress_size:,}: not a spreadsheet's data (a zip bomb?)"
            )
    return None


def open_workbook(path: Path) -> tuple[Any, list[str]]:
    """The workbook (read-only) and the sheets it lists whose data is missing from the file.

    FileProblem if it cannot be opened. openpyxl parses untrusted XML here, and how it
    fails on a broken file is its own business (KeyError, TypeError, ValueError...): any
    failure means the file is not a workbook that can be read.
    """
    problem = container_problem(path)
    if problem is not None:
        raise FileProblem(problem)
    try:
        reader = _Reader(str(path), read_only=True, keep_links=False)
        reader.read()
        listed = [sheet.name for sheet, _ in reader.parser.find_sheets()]
    except Exception as exc:  # see the docstring
        raise FileProblem(f"cannot be read as an .xlsx workbook: {first_line(exc)}") from exc
    book = reader.wb
    missing = [name for name in listed if name not in book.sheetnames]
    return book, missing


class _Reader(ExcelReader):
    def read_chartsheet(self, sheet: Any, rel: Any) -> None:
        """A chart sheet holds no rows: it is listed, never parsed (openpyxl fails on some)."""
        self.wb._add_sheet(Chartsheet(parent=self.wb, title=sheet.name))  # type: ignore[attr-defined]


def is_chart_sheet(book: Any, name: str) -> bool:
    return not isinstance(book[name], ReadOnlyWorksheet)


@dataclass(frozen=True)
class _Merged:
    ref: str
    min_col: int
    min_row: int
    max_col: int
    max_row: int


class SheetRows:
    """Opens one sheet's rows, each time it is called, as (row number, cells).

    Blank rows are skipped; the header row (the first row read) loses its trailing blank
    cells, so that a value beyond the last named column is an extra cell.
    """

    def __init__(self, book: Any, sheet: str) -> None:
        self.book = book
        self.sheet = sheet
        self.merged: list[_Merged] | None = None  # known once the sheet was read through

    def __call__(self) -> RowStream:
        try:
            yield from self._rows()
        except FileProblem:
            raise
        except Exception as exc:  # malformed XML or values; see open_workbook
            raise FileProblem(f"the sheet cannot be read: {first_line(exc)}") from exc

    def _rows(self) -> RowStream:
        worksheet = self.book[self.sheet]
        source = worksheet._get_source()
        parser = _CellParser(
            source,
            worksheet._shared_strings,
            epoch=self.book.epoch,
            date_formats=self.book._date_formats,
            timedelta_formats=self.book._timedelta_formats,
        )
        merged = _MergedSweep(self.merged or [])
        header: tuple[int, int] | None = None  # row number and width
        last = 0
        with source:
            for number, cells in parser.parse():
                if number <= last:
                    raise FileProblem(
                        f"the sheet's rows are out of order (row {number} after {last})"
                    )
                last = number
                row = _as_row(cells)
                if not any(as_text(cell) for cell in row):
                    continue
                if header is None:
                    while row and not as_text(row[-1]):
                        row.pop()
                    header = (number, len(row))
                else:
                    merged.mark(number, row, header[1])
                yield number, row
        self.merged = _merged_ranges(parser.merged_cells)
        if header is not None:
            for found in self.merged:
                if found.min_row <= header[0] <= found.max_row:
                    raise FileProblem(
                        f"the header row has merged cells ({found.ref}): unmerge them"
                    )


def _as_row(cells: list[tuple[int, Cell]]) -> list[Cell]:
    if not cells:
        return []
    width = max(column for column, _ in cells)
    if width > MAX_COLUMNS or min(column for column, _ in cells) < 1:
        raise FileProblem(f"a cell is outside the sheet's {MAX_COLUMNS:,} columns")
    row: list[Cell] = [None] * width
    for column, value in cells:
        row[column - 1] = value
    return row


def _merged_ranges(found: Any) -> list[_Merged]:
    ranges = []
    for merged in getattr(found, "mergeCell", None) or []:
        bounds = range_boundaries(merged.ref)  # a whole row or column has open ends
        min_col, min_row = bounds[0] or 1, bounds[1] or 1
        max_col, max_row = bounds[2] or MAX_COLUMNS, bounds[3] or MAX_ROWS
        if (min_col, min_row) != (max_col, max_row):  # one cell merged with itself loses nothing
            ranges.append(_Merged(merged.ref, min_col, min_row, max_col, max_row))
    return sorted(ranges, key=lambda item: item.min_row)


class _MergedSweep:
    """Marks the cells of merged ranges as bad, row by row (rows come in order)."""

    def __init__(self, ranges: list[_Merged]) -> None:
        self.waiting = iter(ranges)
        self.next: _Merged | None = next(self.waiting, None)
        self.active: list[_Merged] = []

    def mark(self, number: int, row: list[Cell], width: int) -> None:
        while self.next is not None and self.next.min_row <= number:
            self.active.append(self.next)
            self.next = next(self.waiting, None)
        if not self.active:
            return
        self.active = [found for found in self.active if found.max_row >= number]
        for found in self.active:
            last = min(found.max_col, width)
            if last > len(row):
                row.extend([None] * (last - len(row)))
            reason = (
                f"in merged cells {found.ref}, which keep a value in their first cell only: "
                "unmerge them and fill in every cell"
            )
            for column in range(found.min_col, last + 1):
                row[column - 1] = BadCell(as_text(row[column - 1]), reason)


class _CellParser(WorkSheetParser):
    """openpyxl's sheet parser, with cells read as `_cell_value` says."""

    def parse_cell(self, element: Any) -> tuple[int, Cell]:  # type: ignore[override]
        coordinate = element.get("r")
        if coordinate:
            self.col_counter = coordinate_to_tuple(coordinate)[1]
        else:
            self.col_counter += 1
        return self.col_counter, _cell_value(self, element)


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _cell_value(parser: Any, element: Any) -> Cell:
    kind = element.get("t", "n")
    formula = element.find(f"{_MAIN}f")
    if kind == "inlineStr":
        child = element.find(f"{_MAIN}is")
        text = Text.from_tree(child) if child is not None else None
        return _checked_text(text.content if text is not None else None)
    raw = element.findtext(f"{_MAIN}v")
    if not raw:
        if formula is not None:
            return BadCell(
                "=" + (formula.text or ""),
                "a formula saved without its value: open the workbook in a spreadsheet, "
                "let it calculate and save it again",
            )
        return None
    if kind == "e":
        return BadCell(raw, f"an error cell ({raw})")
    if kind == "s":
        return _checked_text(_shared_string(parser.shared_strings, raw))
    if kind == "str":
        return _checked_text(raw)
    if kind == "b":
        return raw == "1" if raw in ("0", "1") else BadCell(raw, "not a true/false value")
    if kind == "n":
        return _number(parser, element, raw)
    if kind == "d":
        try:
            return from_ISO8601(raw)
        except ValueError:
            return BadCell(raw, "not a date cell openpyxl can read")
    return BadCell(raw, f"a cell of an unknown type ({kind})")


def _number(parser: Any, element: Any, raw: str) -> Cell:
    try:
        number: int | float = float(raw) if any(c in raw for c in ".eE") else int(raw)
    except ValueError:
        return BadCell(raw, "not a number")
    if isinstance(number, float) and not math.isfinite(number):
        return BadCell(raw, "not a finite number")
    style = int(element.get("s", 0) or 0)
    if style in parser.date_formats:
        try:
            value: Cell = from_excel(
                number, parser.epoch, timedelta=style in parser.timedelta_formats
            )
        except (OverflowError, ValueError):
            return BadCell(raw, "a date cell outside the dates a spreadsheet can hold")
        return value
    return number


def _shared_string(strings: Any, raw: str) -> str:
    index = int(raw)
    if not 0 <= index < len(strings):
        raise FileProblem(
            f"a cell refers to shared string {index}, but the workbook has {len(strings)}"
        )
    return str(strings[index])


def _checked_text(text: str | None) -> Cell:
    if text is not None and "\x00" in text:
        return BadCell(text, "contains a NUL character")
    return text


def workbook_tables(path: Path, names: dict[str, Table]) -> Found:
    """The workbook's table sheets as inputs; the other sheets ignored with a warning."""
    file = shown_name(path.name)
    try:
        book, missing = open_workbook(path)
    except FileProblem as problem:
        return Found([], [Issue(ERROR, str(problem), file=file)])
    found = Found([], [], close=book.close)
    taken: set[str] = set()
    for sheet in book.sheetnames + missing:
        table = names.get(normal(sheet))
        if table is None:
            found.issues.append(
                Issue(WARNING, "not a table sheet; ignored", file=file, sheet=sheet)
            )
            continue
        reason = None
        if table.name in taken:
            reason = f"another sheet already holds {table.name}"
        elif sheet in missing:
            reason = "the workbook lists this sheet, but its data is missing from the file"
        elif is_chart_sheet(book, sheet):
            reason = "a chart sheet, not a table of rows"
        if reason is not None:
            found.issues.append(Issue(ERROR, reason, table.name, file, sheet=sheet))
            continue
        taken.add(table.name)
        found.inputs.append(TableInput(table, file, sheet, SheetRows(book, sheet), path))
    if not found.inputs and not any(issue.level == ERROR for issue in found.issues):
        reason = "no sheet in this workbook is named after a table"
        found.issues.append(Issue(ERROR, reason, file=file))
    return found
