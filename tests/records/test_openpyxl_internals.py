"""The private parts of openpyxl that the workbook reader relies on, each named, so that a
new openpyxl release that moves one fails here with its name rather than as an unreadable
workbook. openpyxl is pinned exactly in pyproject.toml for the same reason."""

from __future__ import annotations

import inspect
from importlib.metadata import version

import pytest
from openpyxl import Workbook
from openpyxl.reader.excel import ExcelReader
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser

from jsw.records.importer.workbook import SheetRows, open_workbook

pytestmark = pytest.mark.once


@pytest.fixture
def book(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "orders"
    sheet.append(["order_id", "start_date"])
    sheet.append(["O1", "2024-04-01"])
    sheet.merge_cells("A3:B3")
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    opened, missing = open_workbook(path)
    assert missing == []
    return opened


def test_the_pinned_version_is_installed():
    assert version("openpyxl") == "3.1.5"


def test_the_reader_and_parser_hooks_exist_with_the_signatures_used():
    assert callable(ExcelReader.read_chartsheet)
    assert list(inspect.signature(ExcelReader.read_chartsheet).parameters) == [
        "self",
        "sheet",
        "rel",
    ]
    assert callable(WorkSheetParser.parse_cell)
    assert callable(WorkSheetParser.parse)
    parameters = inspect.signature(WorkSheetParser.__init__).parameters
    assert {"src", "shared_strings", "epoch", "date_formats", "timedelta_formats"} <= set(
        parameters
    )


def test_the_private_members_of_a_read_only_book_are_there(book):
    worksheet = book["orders"]
    assert isinstance(worksheet, ReadOnlyWorksheet)
    assert callable(book._add_sheet)
    assert isinstance(book._date_formats, set)
    assert isinstance(book._timedelta_formats, set)
    assert book.epoch is not None
    assert isinstance(worksheet._shared_strings, list)
    with worksheet._get_source() as source:
        parser = WorkSheetParser(source, worksheet._shared_strings)
        rows = list(parser.parse())
    assert [number for number, _ in rows] == [1, 2, 3]
    assert hasattr(parser, "col_counter")
    assert hasattr(parser, "merged_cells")


def test_the_reader_reads_values_and_merged_cells_through_them(book):
    sheet = SheetRows(book, "orders")
    rows = list(sheet())
    assert rows[0][0] == 1
    assert sheet.merged is not None and [m.ref for m in sheet.merged] == ["A3:B3"]
