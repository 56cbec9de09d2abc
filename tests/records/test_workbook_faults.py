"""Broken workbooks are refused with one clear message (exit 2), never a fault or a hang."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from jsw.cli import main
from jsw.records.importer import ImportReport, run_import
from jsw.records.importer import workbook as workbook_module
from jsw.records.models import Person
from tests.records.xlsx_parts import MAIN, PEOPLE_HEADER, build_xlsx, rows, sheet_xml

pytestmark = pytest.mark.django_db

PEOPLE_SHEET = sheet_xml(rows(PEOPLE_HEADER, ["P1", None, "F"]))
CHART = (
    f'<chartsheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
    "</chartsheet>"
)


def refusal(report: ImportReport) -> str:
    """The reason of the one rejection, a whole file or sheet."""
    assert len(report.rejections) == 1, [issue.describe() for issue in report.rejections]
    assert report.rejections[0].line is None
    return report.rejections[0].reason


def test_a_chart_sheet_named_after_a_table_is_refused_and_the_other_sheets_imported(
    tmp_path: Path,
) -> None:
    path = build_xlsx(tmp_path / "x.xlsx", {"people": PEOPLE_SHEET}, charts={"orders": CHART})
    report = run_import(path)
    assert report.exit_code == 1
    assert refusal(report) == "a chart sheet, not a table of rows"
    assert Person.objects.get().pk == "P1"


@pytest.mark.parametrize("chart", [CHART, f'<chartsheet xmlns="{MAIN}"/>'], ids=["chart", "empty"])
def test_a_chart_sheet_with_another_name_is_ignored_with_a_warning(
    tmp_path: Path, chart: str
) -> None:
    path = build_xlsx(tmp_path / "x.xlsx", {"people": PEOPLE_SHEET}, charts={"Chart1": chart})
    report = run_import(path)
    assert report.exit_code == 0
    assert [(issue.sheet, issue.reason) for issue in report.warnings] == [
        ("Chart1", "not a table sheet; ignored")
    ]


def test_a_workbook_whose_only_table_is_a_chart_exits_2(tmp_path: Path) -> None:
    path = build_xlsx(tmp_path / "x.xlsx", {}, charts={"people": CHART})
    assert run_import(path).exit_code == 2


@pytest.mark.parametrize(
    "broken",
    [
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x',
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData>',
        "not xml at all",
    ],
    ids=["truncated", "unclosed-cell", "not-xml"],
)
def test_malformed_sheet_xml_refuses_the_sheet(tmp_path: Path, broken: str) -> None:
    path = build_xlsx(tmp_path / "x.xlsx", {"people": broken})
    report = run_import(path)
    assert report.exit_code == 2
    reason = refusal(report)
    assert reason.startswith(("the sheet cannot be read", "cannot be read as an .xlsx workbook"))


def test_a_sheet_without_its_dimension_is_read_in_full(tmp_path: Path) -> None:
    sheet = sheet_xml(rows(PEOPLE_HEADER, ["P1"], ["P2"]), dimension=None)
    report = run_import(build_xlsx(tmp_path / "x.xlsx", {"people": sheet}))
    assert report.exit_code == 0
    assert Person.objects.count() == 2


def test_rows_out_of_order_refuse_the_sheet(tmp_path: Path) -> None:
    data = rows(PEOPLE_HEADER) + rows(["P3"], first=3) + rows(["P2"], first=2)
    report = run_import(build_xlsx(tmp_path / "x.xlsx", {"people": sheet_xml(data)}))
    assert refusal(report) == "the sheet's rows are out of order (row 2 after 3)"


@pytest.mark.parametrize("index", ["2", "-1", "99999999999"])
def test_a_shared_string_index_past_the_end_refuses_the_sheet(tmp_path: Path, index: str) -> None:
    data = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        f'<row r="2"><c r="A2" t="s"><v>{index}</v></c></row>'
    )
    path = build_xlsx(
        tmp_path / "x.xlsx", {"people": sheet_xml(data)}, shared_strings=["person_id", "sex"]
    )
    report = run_import(path)
    assert report.exit_code == 2
    assert refusal(report) == f"a cell refers to shared string {int(index)}, but the workbook has 2"


def test_a_sheet_the_workbook_lists_but_does_not_hold_is_refused(tmp_path: Path) -> None:
    path = build_xlsx(tmp_path / "x.xlsx", {"people": PEOPLE_SHEET})
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    del parts["xl/worksheets/sheet1.xml"]
    with zipfile.ZipFile(path, "w") as target:
        for name, content in parts.items():
            target.writestr(name, content)
    report = run_import(path)
    assert report.exit_code == 2
    assert "missing" in refusal(report)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    padding = " " * (workbook_module.RATIO_CHECKED_FROM_BYTES + 1)
    bomb = sheet_xml(rows(PEOPLE_HEADER, ["P1"]), after=f"<!--{padding}-->")
    report = run_import(build_xlsx(tmp_path / "x.xlsx", {"people": bomb}))
    assert report.exit_code == 2
    assert "a zip bomb?" in refusal(report)


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = build_xlsx(tmp_path / "x.xlsx", {"people": PEOPLE_SHEET})
    monkeypatch.setattr(workbook_module, "MAX_UNPACKED_BYTES", 1000)
    report = run_import(path)
    assert report.exit_code == 2
    assert "export the tables as CSV files instead" in refusal(report)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "encrypted (password-protected)"),
        (b"person_id\nP1\n", "not an .xlsx workbook (not a zip archive)"),
        (b"PK\x03\x04 truncated", "not an .xlsx workbook (not a zip archive)"),
    ],
    ids=["encrypted", "csv-named-xlsx", "truncated-zip"],
)
def test_a_file_that_is_no_readable_zip_is_refused_saying_why(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    report = run_import(path)
    assert report.exit_code == 2
    assert refusal(report).startswith(reason)


def test_the_command_line_shows_a_broken_workbook_as_one_line_and_exit_2(tmp_path: Path) -> None:
    path = build_xlsx(tmp_path / "x.xlsx", {"people": "not xml at all"})
    result = CliRunner().invoke(main, ["import", "--no-compute", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "x.xlsx: cannot be read as an .xlsx workbook: syntax error" in result.output
