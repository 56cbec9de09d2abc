"""File names that are not UTF-8: ignored with a warning before anything is written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from jsw.cli import main
from jsw.records.importer import run_import
from jsw.records.models import ImportBatch, Person
from tests.records.conftest import PEOPLE, write_tables
from tests.records.xlsx_parts import PEOPLE_HEADER, build_xlsx, rows, sheet_xml

pytestmark = pytest.mark.django_db

NOT_UTF8 = os.fsdecode(b"people\xff.csv")  # Latin-1 "peopleÿ.csv" as a Linux name


def test_a_file_name_that_is_not_utf8_is_ignored_with_a_warning(tmp_path: Path) -> None:
    write_tables(tmp_path, {"people": PEOPLE})
    (tmp_path / NOT_UTF8).write_text("person_id\nP9\n", encoding="utf-8")
    report = run_import(tmp_path)
    assert report.exit_code == 0
    assert [(issue.file, issue.reason) for issue in report.warnings] == [
        ("people\\xff.csv", "a name that is not UTF-8 text cannot be a table's; ignored")
    ]
    assert sorted(Person.objects.values_list("pk", flat=True)) == ["P1", "P2"]
    batch = ImportBatch.objects.get(pk=report.batch_id)
    assert (batch.status, batch.issues.get().file) == ("done", "people\\xff.csv")


def test_a_folder_whose_name_is_not_utf8_imports_and_is_recorded_escaped(tmp_path: Path) -> None:
    folder = write_tables(tmp_path / os.fsdecode(b"extract\xe9"), {"people": PEOPLE})
    report = run_import(folder)
    assert report.exit_code == 0
    assert ImportBatch.objects.get().source == f"{tmp_path}/extract\\xe9"


def test_a_workbook_whose_name_is_not_utf8_names_itself_escaped(tmp_path: Path) -> None:
    path = tmp_path / os.fsdecode(b"extract\xe9.xlsx")
    build_xlsx(path, {"people": sheet_xml(rows(PEOPLE_HEADER, ["P1", None, "Q"]))})
    report = run_import(path)
    assert [issue.file for issue in report.rejections] == ["extract\\xe9.xlsx"]


def test_the_command_line_prints_and_lists_such_names_without_a_fault(tmp_path: Path) -> None:
    write_tables(tmp_path, {"people": PEOPLE})
    (tmp_path / NOT_UTF8).write_text("person_id\nP9\n", encoding="utf-8")
    runner = CliRunner()
    imported = runner.invoke(main, ["import", "--no-compute", str(tmp_path)])
    assert imported.exit_code == 0, imported.output
    assert "people\\xff.csv" in imported.output
    shown = runner.invoke(main, ["imports", "show", str(ImportBatch.objects.get().pk)])
    assert shown.exit_code == 0, shown.output
    assert "people\\xff.csv" in shown.output
    listed = runner.invoke(main, ["imports"])
    assert listed.exit_code == 0, listed.output
