"""One .xlsx workbook with a sheet per table: real date cells, numeric ids, other sheets."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from jsw.records.importer import run_import
from jsw.records.models import Order, Person

pytestmark = pytest.mark.django_db


def write_workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_a_workbook_imports_its_table_sheets_and_warns_about_the_others(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "extract.xlsx",
        {
            "People": [["person_id", "date_of_birth", "sex"], [417, datetime(1980, 5, 1), "f"]],
            "orders": [
                ["order_id", "person_id", "order_type", "start_date", "team", "domestic_abuse"],
                ["O1", 417, "CPO", date(2023, 4, 3), "North", True],
                ["O2", "417", "CPO", "03/04/2023", 100.0, 0],
            ],
            "Notes": [["anything"]],
        },
    )
    report = run_import(path)
    assert report.exit_code == 0, [issue.describe() for issue in report.rejections]
    person = Person.objects.get()
    assert (person.pk, person.date_of_birth, person.sex) == ("417", date(1980, 5, 1), "F")
    first = Order.objects.get(pk="O1")
    assert (first.team, first.domestic_abuse, first.start_date) == (
        "North",
        True,
        date(2023, 4, 3),
    )
    assert Order.objects.get(pk="O2").team == "100"
    assert [(issue.sheet, issue.reason) for issue in report.warnings] == [
        ("Notes", "not a table sheet; ignored")
    ]


def test_workbook_rejections_name_the_sheet_and_row(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "extract.xlsx",
        {
            "people": [
                ["person_id", "date_of_birth"],
                ["P1", datetime(1980, 5, 1, 9, 30)],
                [],
                ["P2", "=DATE(1980,1,1)"],
            ]
        },
    )
    report = run_import(path)
    assert [(i.file, i.sheet, i.line, i.column) for i in report.rejections] == [
        ("extract.xlsx", "people", 2, "date_of_birth"),
        ("extract.xlsx", "people", 4, "date_of_birth"),
    ]
    assert "time of day" in report.rejections[0].reason
    assert report.rejections[0].to_json()["sheet"] == "people"


def test_a_file_that_is_not_really_a_workbook_exits_2(tmp_path: Path) -> None:
    (tmp_path / "extract.xlsx").write_text("person_id\nP1\n")
    report = run_import(tmp_path / "extract.xlsx")
    assert report.exit_code == 2
    assert report.rejections[0].reason == "not an .xlsx workbook (not a zip archive)"


def test_a_sheet_missing_a_required_column_is_rejected_whole(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "x.xlsx", {"people": [["person_id"], ["P1"]], "orders": [["order_id"], ["O1"]]}
    )
    report = run_import(path)
    assert [(issue.sheet, issue.line) for issue in report.rejections] == [("orders", None)]
    assert report.exit_code == 1
