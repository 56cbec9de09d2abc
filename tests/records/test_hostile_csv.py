"""CSV files that go wrong in ways a case system's export does: stray quotes, other
separators, other encodings, cells of millions of characters. Each is refused with a
message that says what is wrong, and nothing of it is stored wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from jsw.records.importer import run_import
from jsw.records.models import ImportIssue, Order, Person
from tests.records.conftest import PEOPLE, only_rejection, write_tables

pytestmark = pytest.mark.django_db

ORDERS_HEADER = "order_id,person_id,order_type,start_date,team\n"


def whole_file_reason(report, file: str) -> str:  # type: ignore[no-untyped-def]
    found = [issue for issue in report.rejections if issue.file == file]
    assert len(found) == 1 and found[0].line is None, [i.describe() for i in report.rejections]
    return found[0].reason


def test_a_stray_quote_that_swallows_rows_rejects_its_row_naming_the_lines(extract) -> None:
    report = extract(
        {
            "people": PEOPLE,
            "orders": ORDERS_HEADER
            + 'O1,P1,CPO,2023-04-03,"North\n'
            + "O2,P1,CPO,2023-04-03,South\n"
            + 'O3,P1,CPO,2023-04-03,East"\n'
            + "O4,P2,CPO,2023-04-03,West\n",
        }
    )
    swallowed = "North\nO2,P1,CPO,2023-04-03,South\nO3,P1,CPO,2023-04-03,East"
    assert only_rejection(report) == ("orders.csv", 2, "team", swallowed)
    assert "spans lines 2-4" in report.rejections[0].reason
    assert list(Order.objects.values_list("order_id", flat=True)) == ["O4"]
    assert (report.tables["orders"].read, report.exit_code) == (2, 1)


def test_a_swallowing_cell_that_breaks_the_row_width_names_its_lines_too(extract) -> None:
    report = extract({"people": 'person_id,sex\nP1,"F\nP2,F\nP3",M\nP4,F\n'})
    assert only_rejection(report) == ("people.csv", 2, None, None)
    reason = report.rejections[0].reason
    assert "has 3 values where the header has 2 columns" in reason
    assert "spans lines 2-4" in reason


def test_a_spanning_cell_after_another_names_the_line_it_opened_on(extract) -> None:
    orders = ORDERS_HEADER + 'O1,"P1\n",CPO,2023-04-03,"a\nb"\n'
    report = extract({"people": PEOPLE, "orders": orders})
    # The id's trailing line break is trimmed like a space; the team opens on line 3.
    assert only_rejection(report)[:3] == ("orders.csv", 2, "team")
    assert "spans lines 3-4" in report.rejections[0].reason


def test_a_line_break_in_a_date_is_refused_as_a_line_break(extract) -> None:
    orders = ORDERS_HEADER + 'O1,P1,CPO,"2023-04-03\r\n2023",\n'
    report = extract({"people": PEOPLE, "orders": orders})
    assert only_rejection(report)[:3] == ("orders.csv", 2, "start_date")
    assert "has a line break, and this column holds one line" in report.rejections[0].reason


def test_a_quote_never_closed_rejects_the_file_saying_where_it_opened(tmp_path: Path) -> None:
    write_tables(tmp_path, {"people": 'person_id,sex\nP1,F\nP2,"F\nP3,M\n'})
    reason = whole_file_reason(run_import(tmp_path), "people.csv")
    assert reason == "not a valid CSV file: a quote in the row on line 3 is never closed"
    assert Person.objects.count() == 0


def test_a_cell_over_the_field_limit_rejects_the_file_without_reading_it_all(
    tmp_path: Path,
) -> None:
    write_tables(tmp_path, {"people": 'person_id,sex\nP1,"' + "F" * 1_000_001 + '"\n'})
    reason = whole_file_reason(run_import(tmp_path), "people.csv")
    assert reason.startswith("a cell of the row on line 2 is longer than 1,000,000 characters")


def test_a_huge_rejected_cell_is_kept_and_shown_shortened(extract) -> None:
    team = "T" * 900_000
    report = extract({"people": PEOPLE, "orders": ORDERS_HEADER + f"O1,P1,CPO,2023-04-03,{team}\n"})
    expected = "T" * 200 + "… (900,000 characters)"
    assert only_rejection(report) == ("orders.csv", 2, "team", expected)
    stored = ImportIssue.objects.get(level="error")
    assert stored.value == expected
    assert stored.row is not None and stored.row["team"] == expected
    assert len(report.rejections[0].describe()) < 400


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            "person_id;date_of_birth;sex\nP1;1980-01-01;M\n",
            "this file seems to be separated by semicolons; jsw reads comma-separated files",
        ),
        (
            "person_id\tsex\nP1\tM\n",
            "this file seems to be separated by tabs; jsw reads comma-separated files",
        ),
        (
            "\ufeff\ufeffperson_id,sex\nP1,M\n",
            "starts with more than one byte-order mark (U+FEFF): save it again as UTF-8 CSV",
        ),
    ],
)
def test_a_file_in_another_dialect_is_refused_saying_so(
    tmp_path: Path, content: str, reason: str
) -> None:
    (tmp_path / "people.csv").write_text(content, encoding="utf-8")
    assert whole_file_reason(run_import(tmp_path), "people.csv") == reason


def test_a_one_column_file_is_not_mistaken_for_another_dialect(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("person_id\nP;1\n", encoding="utf-8")
    report = run_import(tmp_path)
    assert report.exit_code == 0
    assert Person.objects.get().person_id == "P;1"


def test_a_utf16_file_is_named_as_such(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_bytes("person_id,sex\r\nP1,F\r\n".encode("utf-16"))
    reason = whole_file_reason(run_import(tmp_path), "people.csv")
    assert reason == "UTF-16 text: jsw reads UTF-8 (save it as CSV UTF-8)"


def test_a_windows_1252_file_is_refused_naming_the_line_and_byte(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_bytes("person_id,sex\nP1,F\nRené,M\n".encode("cp1252"))
    reason = whole_file_reason(run_import(tmp_path), "people.csv")
    assert reason.startswith("not UTF-8 text: line 3 has the byte 0xE9,")


def test_a_contract_column_with_a_hidden_character_in_its_name_is_named(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("person_id\u200b,sex\nP1,F\n", encoding="utf-8")
    reason = whole_file_reason(run_import(tmp_path), "people.csv")
    assert reason == (
        "the header's column 1 is person_id with U+200B ZERO WIDTH SPACE in it, an invisible "
        "or control character: it matches no column"
    )


def test_an_unknown_column_with_a_hidden_character_is_only_ignored(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("person_id,Area\u200b\nP1,x\n", encoding="utf-8")
    report = run_import(tmp_path)
    assert (report.exit_code, [w.reason for w in report.warnings]) == (
        0,
        ["unknown columns ignored: Area\u200b"],
    )
