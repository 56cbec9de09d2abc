"""The public example given as one workbook (a sheet per table, as an analyst would save it
from Excel, with real date cells) gives exactly the expected results too."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

import jsw.cli  # noqa: F401  (registers every command)
from jsw.cli.base import main
from tests.conftest import EXAMPLE_SMALL

TABLES = (
    "people", "orders", "requirements", "upw_sessions", "assessments",
    "contacts", "breaches", "questionnaires", "services", "returns",
)  # fmt: skip
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def as_cell(text: str) -> object:
    """ISO dates become real date cells, as a spreadsheet would hold them."""
    match = ISO.match(text.strip())
    return datetime(*map(int, match.groups())) if match else text


def example_workbook(path):
    book = Workbook()
    book.remove(book.active)
    for table in TABLES:
        text = (EXAMPLE_SMALL / f"{table}.csv").read_bytes().decode("utf-8-sig")
        sheet = book.create_sheet(table)
        for row in csv.reader(io.StringIO(text, newline="")):
            sheet.append([as_cell(cell) for cell in row])
    book.save(path)


@pytest.mark.django_db(transaction=True)
def test_the_example_as_a_workbook_gives_the_expected_results(tmp_path):
    workbook = tmp_path / "extract.xlsx"
    example_workbook(workbook)
    runner = CliRunner()
    imported = runner.invoke(main, ["import", str(workbook)])
    assert imported.exit_code == 0, imported.output
    output = tmp_path / "results.csv"
    args = ["results", "--from", "2023-24", "--to", "2023-24", "--output", str(output)]
    assert runner.invoke(main, args).exit_code == 0
    assert output.read_bytes() == (EXAMPLE_SMALL / "expected-results.csv").read_bytes()
