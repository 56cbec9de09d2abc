"""Finding the tables of an import (folder, CSV file or workbook) and streaming their rows.

Each table found becomes a `TableInput` whose rows can be read more than once (the import
reads twice: first to find duplicate ids and unreadable files, then to write), one row
at a time, with the line (CSV: physical line where the row starts; workbook: sheet row).
Anything unusable is reported as an `Issue`; nothing here touches the database.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from jsw.lib.safe_text import hidden_character, is_hidden
from jsw.records.importer.fingerprint import CHANGED
from jsw.records.importer.mapping import Mapping, normal
from jsw.records.importer.report import ERROR, WARNING, Issue
from jsw.records.importer.tables import BY_NAME, Table
from jsw.records.importer.values import Cell, MultiLineCell

RowStream = Iterator[tuple[int, list[Cell]]]

# Rows read and checked together: enough for column-wise work to pay, a few megabytes at most.
BLOCK_ROWS = 4096

# Cells of one CSV field may be long (a note, or a column jsw ignores), but not without
# limit: a quote left open would otherwise read the rest of a large file into one cell.
CSV_FIELD_LIMIT = 1_000_000
csv.field_size_limit(CSV_FIELD_LIMIT)


class FileProblem(Exception):
    """A file that cannot be read as this format at all; the message says why."""


@dataclass(slots=True)
class Block:
    """Rows that follow each other in a file, read together.

    Plain (`lines` None): row i starts on line `first + i`, and every cell is one line of
    plain `str` (millions of rows are like this). Otherwise `lines[i]` is row i's line and
    its cells are as `RowStream` gives them (MultiLineCell, BadCell, workbook values).
    """

    rows: list[list[Cell]]
    first: int
    lines: list[int] | None = None

    def line(self, index: int) -> int:
        return self.first + index if self.lines is None else self.lines[index]

    def numbered(self) -> Iterator[tuple[int, list[Cell]]]:
        return zip(self.lines or itertools.count(self.first), self.rows, strict=False)


BlockStream = Iterator[Block]


@dataclass
class TableInput:
    table: Table
    file: str
    sheet: str | None
    open_rows: Callable[[], RowStream]
    # The file read, to tell whether it changed between the import's two passes.
    path: Path | None = None
    # The same rows a block at a time, the header alone in the first (None: from open_rows).
    open_blocks: Callable[[], BlockStream] | None = None

    def blocks(self) -> BlockStream:
        if self.open_blocks is not None:
            return self.open_blocks()
        return _blocks_of(self.open_rows())


def _blocks_of(rows: RowStream) -> BlockStream:
    """Rows as irregular blocks: the header alone, then BLOCK_ROWS rows at a time."""
    header = next(rows, None)
    if header is None:
        return
    yield Block([header[1]], header[0], [header[0]])
    yield from _in_blocks(rows)


def _in_blocks(rows: RowStream) -> BlockStream:
    while chunk := list(itertools.islice(rows, BLOCK_ROWS)):
        yield Block([cells for _, cells in chunk], chunk[0][0], [line for line, _ in chunk])


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
    return TableInput(
        table, path.name, None, lambda: _csv_rows(path), path, lambda: _csv_blocks(path)
    )


def _csv_blocks(path: Path) -> BlockStream:
    """The rows of `_csv_rows`, with the same checks and lines, read a block at a time.

    Where a block's rows are one line each and none is blank (nearly always), their lines
    follow from the first and their cells are the reader's own lists, touched by no Python
    code. Other blocks are marked up as `_csv_rows` marks rows; a file that breaks off is
    read again by `_csv_rows`, which says exactly where.
    """
    if _has_nul(path):  # looked for row by row, as `_csv_rows` does
        yield from _blocks_of(_csv_rows(path))
        return
    given = 0  # rows given so far, the header included
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            line = 1
            for cells in reader:
                if cells:
                    check_header(cells)
                    yield Block([cells], line, [line])  # type: ignore[list-item]
                    given = 1
                    break
                line = reader.line_num + 1
            while True:
                before = reader.line_num
                rows: list[list[str]] = list(itertools.islice(reader, BLOCK_ROWS))
                if not rows:
                    return
                block = Block(rows, before + 1)  # type: ignore[arg-type]
                if reader.line_num - before != len(rows) or not all(rows):
                    marked = _irregular(rows, before + 1, reader.line_num)
                    if marked is None:
                        break
                    block = marked
                yield block
                given += len(block.rows)
    except (UnicodeDecodeError, csv.Error):
        for _ in _csv_rows(path):  # raises FileProblem, saying where
            pass
        raise FileProblem(CHANGED) from None
    except OSError as exc:
        raise FileProblem(f"cannot be read: {exc.strerror or exc}") from exc
    # Lines counted otherwise than the reader counts them: the rest row by row, its way.
    yield from _in_blocks(itertools.islice(_csv_rows(path), given, None))


def _irregular(rows: list[list[str]], first: int, last: int) -> Block | None:
    """Rows of which some span lines (a quoted line break) or are blank lines (skipped);
    None if their lines do not add up to the reader's.

    A row takes one line more for each line break inside its quoted cells, counted as
    `_spanning` counts them (the reader ends lines at \r\n, \r and \n alike).
    """
    kept: list[list[Cell]] = []
    lines: list[int] = []
    line = first
    for cells in rows:
        breaks = sum(len(_LINE_BREAK.findall(cell)) for cell in cells)
        if cells:
            kept.append(_spanning(cells, line) if breaks else cells)  # type: ignore[arg-type]
            lines.append(line)
        line += 1 + breaks
    if line != last + 1:
        return None
    return Block(kept, first, lines)


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
                        check_header(cells)
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


def _longest_line(text: str) -> int:
    return max(map(len, text.split("\n"))) if len(text) > CSV_FIELD_LIMIT else 0


class NotSimple(Exception):
    """A file that `simple_text` does not read (csv has to)."""


# Text `simple_text` reads at a time, ended at a line end.
PIECE_CHARS = 1 << 20


def simple_text(path: Path) -> Iterator[str]:
    """A CSV file's text a piece at a time, each piece whole lines (CR LF ends made LF), for
    a file without quotes, NUL bytes or carriage returns but in CR LF.

    In such a file Python's csv reader makes each line that is not blank a row, whose cells
    are the text between its commas: a first pass that only counts rows and collects ids
    may read it so, a third of the cost. NotSimple, maybe after some pieces, for any other
    file (also one that is not UTF-8, or with a line longer than a cell may be).
    """
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            if b"\x00" in block or b'"' in block or block.count(b"\r") != block.count(b"\r\n"):
                raise NotSimple
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rest = ""
            while True:
                piece = handle.read(PIECE_CHARS)
                text = rest + piece
                if not text:
                    return
                cut = text.rfind("\n") + 1 if piece else len(text)
                text, rest = text[:cut], text[cut:]
                if len(rest) > CSV_FIELD_LIMIT or _longest_line(text) > CSV_FIELD_LIMIT:
                    raise NotSimple
                if text:
                    yield text.replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise NotSimple from None


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


def check_header(cells: list[str]) -> None:
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
