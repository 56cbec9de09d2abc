"""Finding the tables of an import (folder, CSV file or workbook) and streaming their rows.

Each table found becomes a `TableInput` whose rows can be read more than once (the import
reads twice: first to find duplicate ids and unreadable files, then to write), one row
at a time, with the line (CSV: physical line where the row starts; workbook: sheet row).
Anything unusable is reported as an `Issue`; nothing here touches the database.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from jsw.lib.safe_text import hidden_character, is_hidden
from jsw.records.importer.mapping import Mapping, normal
from jsw.records.importer.report import ERROR, WARNING, Issue
from jsw.records.importer.tables import BY_NAME, Table
from jsw.records.importer.values import Cell, MultiLineCell

RowStream = Iterator[tuple[int, list[Cell]]]

# Cells of one CSV field may be long (a note, or a column jsw ignores), but not without
# limit: a quote left open would otherwise read the rest of a large file into one cell.
CSV_FIELD_LIMIT = 1_000_000
csv.field_size_limit(CSV_FIELD_LIMIT)


class FileProblem(Exception):
    """A file that cannot be read as this format at all; the message says why."""


@dataclass
class TableInput:
    table: Table
    file: str
    sheet: str | None
    open_rows: Callable[[], RowStream]
    # The file read, to tell whether it changed between the import's two passes.
    path: Path | None = None


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
    return Issue(ERROR, reason, table=table, file=shown_name(file))


def _folder(path: Path, names: dict[str, Table]) -> Found:
    found = Found([], [])
    taken: set[str] = set()
    try:
        entries = sorted(path.iterdir(), key=lambda item: item.name)
    except OSError as exc:
        return Found([], [_refusal(path.name, f"cannot be read: {exc.strerror or exc}")])
    for entry in entries:
        if not _is_utf8(entry.name):
            found.issues.append(Issue(WARNING, _NOT_UTF8_NAME, file=shown_name(entry.name)))
            continue
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
    return TableInput(table, path.name, None, lambda: _csv_rows(path), path)


def _csv_rows(path: Path) -> RowStream:
    start = 1  # the line where the row being read starts
    try:
        # Python's csv reads NUL bytes as text; records.md takes text files only. Looking
        # for one in the bytes first spares millions of rows the look (a file that changes
        # after this is refused by its fingerprint).
        has_nul = _has_nul(path)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            header = True
            for cells in reader:
                line, start = start, reader.line_num + 1
                if cells:
                    if has_nul and "\x00" in "".join(cells):
                        raise FileProblem(f"not a text file: a NUL byte on line {line}")
                    if header:
                        _check_header(cells)
                        header = False
                    if reader.line_num != line:
                        cells = _spanning(cells, line)
                    yield line, cells  # type: ignore[misc]
    except UnicodeDecodeError as exc:
        raise FileProblem(_not_utf8(path)) from exc
    except csv.Error as exc:
        raise FileProblem(_not_csv(str(exc), start)) from exc
    except OSError as exc:
        raise FileProblem(f"cannot be read: {exc.strerror or exc}") from exc


def _has_nul(path: Path) -> bool:
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            if b"\x00" in block:
                return True
    return False


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SEPARATORS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def _spanning(cells: list[str], line: int) -> list[str]:
    """The row's cells, those with line breaks marked with the lines they span."""
    marked: list[str] = []
    for cell in cells:
        breaks = len(_LINE_BREAK.findall(cell))
        marked.append(MultiLineCell(cell, line, line + breaks) if breaks else cell)
        line += breaks
    return marked


def _check_header(cells: list[str]) -> None:
    """Refuse, saying why, the headers that show a file in another dialect or encoding."""
    if cells[0].startswith("\ufeff"):
        raise FileProblem(
            "starts with more than one byte-order mark (U+FEFF): save it again as UTF-8 CSV"
        )
    for position, cell in enumerate(cells, start=1):
        _check_header_name(position, cell)
    given = [cell for cell in cells if cell.strip()]
    if len(given) == 1:
        for separator, name in _SEPARATORS.items():
            if len(given[0].split(separator)) > 1:
                raise FileProblem(
                    f"this file seems to be separated by {name}; jsw reads comma-separated files"
                )


_CONTRACT_COLUMNS = frozenset(column.name for table in BY_NAME.values() for column in table.columns)


def _check_header_name(position: int, cell: str) -> None:
    """A contract column's name with a hidden character in it would not match, silently."""
    found = hidden_character(cell.strip())
    if found is None:
        return
    visible = normal("".join(char for char in cell if not is_hidden(char)))
    if visible in _CONTRACT_COLUMNS:
        raise FileProblem(
            f"the header's column {position} is {visible} with {found} in it, an invisible "
            "or control character: it matches no column"
        )


def _not_csv(error: str, line: int) -> str:
    if "field larger than field limit" in error:
        return (
            f"a cell of the row on line {line} is longer than {CSV_FIELD_LIMIT:,} characters "
            "(a quote opened there and never closed?)"
        )
    if "unexpected end of data" in error:
        return f"not a valid CSV file: a quote in the row on line {line} is never closed"
    return f"not a valid CSV file: {error} (in the row on line {line})"


def _not_utf8(path: Path) -> str:
    """Where the file stops being UTF-8, and what it probably is instead."""
    try:
        with path.open("rb") as handle:
            if handle.read(2) in (b"\xff\xfe", b"\xfe\xff"):
                return "UTF-16 text: jsw reads UTF-8 (save it as CSV UTF-8)"
            handle.seek(0)
            for number, raw in enumerate(handle, start=1):
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    byte = raw[exc.start]
                    return (
                        f"not UTF-8 text: line {number} has the byte 0x{byte:02X}, which UTF-8 "
                        "does not allow there (saved as Windows-1252 or Latin-1? Save it as "
                        "CSV UTF-8)"
                    )
    except OSError:
        pass
    return "not UTF-8 text"


_NOT_UTF8_NAME = "a name that is not UTF-8 text cannot be a table's; ignored"


def _is_utf8(name: str) -> bool:
    """False for a name the file system gave as bytes Python could not decode."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_name(name: str) -> str:
    """The name with its undecodable bytes written as \\xNN, safe to print and store."""
    data = name.encode("utf-8", "surrogateescape")
    return data.decode("utf-8", "backslashreplace")


def _workbook(path: Path, names: dict[str, Table]) -> Found:
    from jsw.records.importer.workbook import workbook_tables

    return workbook_tables(path, names)
