"""Finding the tables of an import (folder, CSV file or workbook) and streaming their rows.

Each table found becomes a `TableInput` whose rows can be read more than once (the import
reads twice: first to find duplicate ids and unreadable files, then to write), one row
at a time, with the line (CSV: physical line where the row starts; workbook: sheet row).
Anything unusable is reported as an `Issue`; nothing here touches the database.
"""

from __future__ import annotations

import csv
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsw.records.importer.mapping import Mapping, normal
from jsw.records.importer.report import ERROR, WARNING, Issue
from jsw.records.importer.tables import BY_NAME, Table
from jsw.records.importer.values import Cell

RowStream = Iterator[tuple[int, list[Cell]]]

# Cells of one CSV field may be long (a note), but not without limit.
csv.field_size_limit(min(sys.maxsize, 10_000_000))


class FileProblem(Exception):
    """A file that cannot be read as this format at all; the message says why."""


@dataclass
class TableInput:
    table: Table
    file: str
    sheet: str | None
    open_rows: Callable[[], RowStream]


@dataclass
class Found:
    inputs: list[TableInput]
    issues: list[Issue]
    close: Callable[[], None] = lambda: None


def find_tables(path: Path, mapping: Mapping | None) -> Found:
    names = _file_names(mapping, ".csv")
    if path.is_dir():
        return _folder(path, names)
    if not path.exists():
        return Found([], [_refusal(path.name or str(path), "no such file or folder")])
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _workbook(path, _file_names(mapping, ""))
    if suffix == ".csv":
        table = names.get(normal(path.name))
        if table is None:
            reason = "cannot tell which table this file holds: name it <table>.csv"
            return Found([], [_refusal(path.name, reason)])
        return Found([_csv_input(table, path)], [])
    return Found([], [_refusal(path.name, "not a CSV file or an .xlsx workbook")])


def _file_names(mapping: Mapping | None, suffix: str) -> dict[str, Table]:
    """File (or sheet) name, normalised -> the table it holds."""
    names = {f"{table.name}{suffix}": table for table in BY_NAME.values()}
    if mapping is not None:
        names.update({name: BY_NAME[table] for name, table in mapping.files.items()})
    return names


def _refusal(file: str, reason: str, table: str | None = None) -> Issue:
    return Issue(ERROR, reason, table=table, file=file)


def _folder(path: Path, names: dict[str, Table]) -> Found:
    found = Found([], [])
    taken: set[str] = set()
    try:
        entries = sorted(path.iterdir(), key=lambda item: item.name)
    except OSError as exc:
        return Found([], [_refusal(path.name, f"cannot be read: {exc.strerror or exc}")])
    for entry in entries:
        table = names.get(normal(entry.name)) if entry.is_file() else None
        if table is None:
            found.issues.append(Issue(WARNING, "not a table file; ignored", file=entry.name))
        elif table.name in taken:
            reason = f"another file in this folder already holds {table.name}"
            found.issues.append(_refusal(entry.name, reason, table.name))
        else:
            taken.add(table.name)
            found.inputs.append(_csv_input(table, entry))
    if not found.inputs and not any(issue.level == ERROR for issue in found.issues):
        found.issues.append(_refusal(path.name, "no table files in this folder (<table>.csv)"))
    return found


def _csv_input(table: Table, path: Path) -> TableInput:
    return TableInput(table, path.name, None, lambda: _csv_rows(path))


def _csv_rows(path: Path) -> RowStream:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            start = 1
            for cells in reader:
                line, start = start, reader.line_num + 1
                if cells:
                    # Python's csv reads NUL bytes as text; records.md takes text files only.
                    if "\x00" in "".join(cells):
                        raise FileProblem(f"not a text file: a NUL byte on line {line}")
                    yield line, list(cells)
    except UnicodeDecodeError as exc:
        raise FileProblem(f"not UTF-8 text (byte {exc.start} of a line could not be read)") from exc
    except csv.Error as exc:
        raise FileProblem(f"not a valid CSV file: {exc}") from exc
    except OSError as exc:
        raise FileProblem(f"cannot be read: {exc.strerror or exc}") from exc


def _workbook(path: Path, names: dict[str, Table]) -> Found:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        reason = f"cannot be read as an .xlsx workbook: {exc}"
        return Found([], [_refusal(path.name, reason)])
    found = Found([], [], close=book.close)
    taken: set[str] = set()
    for sheet in book.sheetnames:
        table = names.get(normal(sheet))
        if table is None:
            found.issues.append(
                Issue(WARNING, "not a table sheet; ignored", file=path.name, sheet=sheet)
            )
        elif table.name in taken:
            reason = f"another sheet already holds {table.name}"
            found.issues.append(Issue(ERROR, reason, table.name, path.name, sheet=sheet))
        else:
            taken.add(table.name)
            found.inputs.append(TableInput(table, path.name, sheet, _sheet_reader(book, sheet)))
    if not found.inputs and not any(issue.level == ERROR for issue in found.issues):
        found.issues.append(_refusal(path.name, "no sheet in this workbook is named after a table"))
    return found


def _sheet_reader(book: Any, sheet: str) -> Callable[[], RowStream]:
    def rows() -> RowStream:
        worksheet = book[sheet]
        # A writer's recorded dimensions may be wrong; read every row there is.
        worksheet.reset_dimensions()
        try:
            for number, cells in enumerate(worksheet.iter_rows(values_only=True), start=1):
                if any(cell is not None and str(cell).strip() for cell in cells):
                    yield number, list(cells)
        except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise FileProblem(f"the sheet cannot be read: {exc}") from exc

    return rows
