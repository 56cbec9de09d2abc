"""Workbook cells that would be stored wrong: formulas, error cells, infinities, merged cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from jsw.records.importer import ImportReport, run_import
from jsw.records.models import Person
from tests.records.xlsx_parts import PEOPLE_HEADER, build_xlsx, cell, rows, sheet_xml

pytestmark = pytest.mark.django_db

HEADER_ROW = rows(PEOPLE_HEADER)


def import_people(tmp_path: Path, data: str, after: str = "") -> ImportReport:
    path = build_xlsx(tmp_path / "extract.xlsx", {"people": sheet_xml(HEADER_ROW + data, after)})
    return run_import(path)


def rejected(report: ImportReport) -> list[tuple[int | None, str | None, str | None]]:
    return [(issue.line, issue.column, issue.value) for issue in report.rejections]


def test_a_formula_gives_the_value_saved_with_it(tmp_path: Path) -> None:
    data = (
        '<row r="2"><c r="A2" t="str"><f>"P"&amp;1</f><v>P1</v></c></row>'
        '<row r="3"><c r="A3"><f t="array" ref="A3">1+1</f><v>2</v></c></row>'
        '<row r="4"><c r="A4"><f t="shared" si="0" ref="A4:A5">A3+1</f><v>3</v></c></row>'
    )
    report = import_people(tmp_path, data)
    assert report.exit_code == 0, [issue.describe() for issue in report.rejections]
    assert sorted(Person.objects.values_list("pk", flat=True)) == ["2", "3", "P1"]


def test_a_formula_saved_without_its_value_rejects_its_row(tmp_path: Path) -> None:
    data = (
        '<row r="2"><c r="A2"><f>A1&amp;"x"</f></c></row>'
        '<row r="3"><c r="A3"><f t="dataTable" dt2D="0"/></c></row>'  # no reference either
        + rows(["P3"], first=4)
    )
    report = import_people(tmp_path, data)
    assert report.exit_code == 1
    assert rejected(report) == [(2, "person_id", '=A1&"x"'), (3, "person_id", "=")]
    assert "saved without its value" in report.rejections[0].reason
    assert list(Person.objects.values_list("pk", flat=True)) == ["P3"]


@pytest.mark.parametrize("error", ["#N/A", "#VALUE!", "#DIV/0!"])
def test_an_error_cell_rejects_its_row_naming_the_cell(tmp_path: Path, error: str) -> None:
    data = f'<row r="2">{cell("A2", "P1")}<c r="C2" t="e"><v>{error}</v></c></row>'
    report = import_people(tmp_path, data)
    assert rejected(report) == [(2, "sex", error)]
    assert report.rejections[0].reason == f"an error cell ({error})"
    assert Person.objects.count() == 0


def test_an_error_cell_in_a_column_jsw_ignores_is_harmless(tmp_path: Path) -> None:
    header = rows(["person_id", "sex", "notes"])
    data = f'<row r="2">{cell("A2", "P1")}<c r="C2" t="e"><v>#REF!</v></c></row>'
    path = build_xlsx(tmp_path / "extract.xlsx", {"people": sheet_xml(header + data)})
    report = run_import(path)
    assert report.rejections == []
    assert Person.objects.get().pk == "P1"


@pytest.mark.parametrize(
    ("stored", "outcome"),
    [
        ("417", "417"),
        ("417.0", "417"),
        ("4.17E2", "417"),
        ("1E999", None),  # infinity
        ("-1E999", None),
    ],
)
def test_numeric_ids_are_their_digits_and_infinity_is_rejected(
    tmp_path: Path, stored: str, outcome: str | None
) -> None:
    report = import_people(tmp_path, f'<row r="2"><c r="A2"><v>{stored}</v></c></row>')
    if outcome is None:
        assert rejected(report) == [(2, "person_id", stored)]
        assert report.rejections[0].reason == "not a finite number"
    else:
        assert report.rejections == []
        assert Person.objects.get().pk == outcome


def test_a_value_beyond_the_header_rejects_the_row_as_in_a_csv_file(tmp_path: Path) -> None:
    report = import_people(tmp_path, rows(["P1", None, "F", "extra"], ["P2", None, "M"], first=2))
    assert [(issue.line, issue.reason) for issue in report.rejections] == [
        (2, "has 4 values where the header has 3 columns")
    ]
    assert list(Person.objects.values_list("pk", flat=True)) == ["P2"]


def test_merged_cells_reject_every_row_they_cover(tmp_path: Path) -> None:
    data = rows(["P1", None, "F"], [None, None, "M"], ["P3", None, "M"], first=2)
    report = import_people(
        tmp_path, data, '<mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>'
    )
    assert rejected(report) == [(2, "person_id", "P1"), (3, "person_id", "")]
    assert "merged cells A2:A3" in report.rejections[0].reason
    assert list(Person.objects.values_list("pk", flat=True)) == ["P3"]


def test_merged_cells_in_a_column_jsw_ignores_lose_nothing_it_reads(tmp_path: Path) -> None:
    header = rows(["person_id", "sex", "notes"])
    data = rows(["P1", "F", "long note"], ["P2", "M"], first=2)
    merge = '<mergeCells count="1"><mergeCell ref="C2:C3"/></mergeCells>'
    path = build_xlsx(tmp_path / "extract.xlsx", {"people": sheet_xml(header + data, merge)})
    report = run_import(path)
    assert report.exit_code == 0
    assert Person.objects.count() == 2


def test_a_merged_header_refuses_the_sheet(tmp_path: Path) -> None:
    merge = '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'
    report = import_people(tmp_path, rows(["P1"], first=2), merge)
    assert report.exit_code == 2
    assert report.rejections[0].reason == "the header row has merged cells (A1:B1): unmerge them"
    assert report.rejections[0].line is None
