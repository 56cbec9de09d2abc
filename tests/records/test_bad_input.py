"""The "Bad input" section of records.md: whole files refused, rows rejected, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from jsw.records.importer import ImportFailed, run_import
from jsw.records.models import Contact, Order, Person, Return
from tests.records.conftest import BASE, ORDERS, PEOPLE, only_rejection, write_tables

pytestmark = pytest.mark.django_db

CONTACTS = "contact_id,order_id,contact_type,contact_date\nC1,O1,INDUCTION,2023-04-04\n"


def file_rejection(report, file: str):  # type: ignore[no-untyped-def]
    found = [issue for issue in report.rejections if issue.file == file]
    assert len(found) == 1, [issue.describe() for issue in report.rejections]
    assert found[0].line is None
    return found[0]


def test_a_file_that_is_not_utf8_is_rejected_whole_and_the_others_imported(tmp_path: Path) -> None:
    folder = write_tables(tmp_path, {"people": PEOPLE})
    (folder / "orders.csv").write_bytes(
        b"order_id,person_id,order_type,start_date\nO1,P1,CPO,2023-04-03\nO2,P1,CPO,2023-04-03\n"
        b"O3,P1,CPO \xe9t\xe9,2023-04-03\n"
    )
    report = run_import(folder)
    assert "not UTF-8" in file_rejection(report, "orders.csv").reason
    assert Order.objects.count() == 0  # not even the rows before the bad byte
    assert Person.objects.count() == 2
    assert report.exit_code == 1
    assert "orders" not in report.tables


def test_a_file_that_is_not_csv_is_rejected_whole(tmp_path: Path) -> None:
    folder = write_tables(tmp_path, {"people": 'person_id,sex\nP1,"F\n'})  # an unclosed quote
    report = run_import(folder)
    assert "not a valid CSV file" in file_rejection(report, "people.csv").reason
    assert report.exit_code == 2  # the only file was rejected whole


def test_a_binary_file_named_csv_is_rejected_whole(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_bytes(b"person_id\x00,sex\nP1,F\n")
    report = run_import(tmp_path)
    assert file_rejection(report, "people.csv").reason == "not a text file: a NUL byte on line 1"
    assert report.exit_code == 2


def test_a_nul_byte_in_a_data_row_rejects_the_file_whole(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_bytes(b"person_id,sex\nP1,F\nP\x002,F\n")
    report = run_import(tmp_path)
    assert file_rejection(report, "people.csv").reason == "not a text file: a NUL byte on line 3"
    assert report.exit_code == 2
    assert Person.objects.count() == 0


@pytest.mark.parametrize("content", ["", "\ufeff", "\n\n"])
def test_an_empty_file_has_no_header_and_is_rejected_whole(tmp_path: Path, content: str) -> None:
    (tmp_path / "people.csv").write_text(content, encoding="utf-8")
    report = run_import(tmp_path)
    assert "no header" in file_rejection(report, "people.csv").reason
    assert report.exit_code == 2


def test_a_missing_required_column_rejects_the_file_and_names_the_columns(tmp_path: Path) -> None:
    folder = write_tables(tmp_path, {"orders": "order_id,start_date\nO1,2023-04-03\n"})
    reason = file_rejection(run_import(folder), "orders.csv").reason
    assert reason == "missing required column(s): person_id, order_type"


def test_a_column_given_twice_rejects_the_file(tmp_path: Path) -> None:
    folder = write_tables(tmp_path, {"people": "person_id, Person_ID \nP1,P2\n"})
    assert "appears twice" in file_rejection(run_import(folder), "people.csv").reason


def test_unknown_columns_give_one_warning_per_file_and_keep_exit_0(tmp_path: Path) -> None:
    folder = write_tables(tmp_path, {"people": "person_id,Name,Address\nP1,x,y\n"})
    report = run_import(folder)
    assert [issue.reason for issue in report.warnings] == ["unknown columns ignored: Name, Address"]
    assert report.exit_code == 0


def test_other_files_in_the_folder_are_ignored_with_a_warning(tmp_path: Path) -> None:
    folder = write_tables(tmp_path, {"people": PEOPLE})
    (folder / "notes.txt").write_text("hello")
    (folder / "people.xlsx").write_bytes(b"")
    report = run_import(folder)
    assert sorted(issue.file for issue in report.warnings) == ["notes.txt", "people.xlsx"]
    assert report.exit_code == 0


def test_two_rows_with_the_same_id_are_both_rejected(extract) -> None:
    report = extract({"people": "person_id\nP1\nP2\n P1 \nP3\n"})
    assert [(issue.line, issue.column, issue.value) for issue in report.rejections] == [
        (2, "person_id", "P1"),
        (4, "person_id", "P1"),
    ]
    assert "more than one row" in report.rejections[0].reason
    assert sorted(Person.objects.values_list("pk", flat=True)) == ["P2", "P3"]
    assert report.tables["people"].to_json() == {"read": 4, "imported": 2, "rejected": 2}


def test_ids_differ_by_case_and_leading_zeros(extract) -> None:
    report = extract({"people": "person_id\np1\nP1\n00417\n417\n"})
    assert report.exit_code == 0
    assert Person.objects.count() == 4


def test_two_returns_for_the_same_indicator_and_period_are_both_rejected(extract) -> None:
    report = extract(
        {"returns": "indicator_id,period,value\nmappa-clients,2023-24,1\nMAPPA-clients,2023-24,2\n"}
    )
    assert [issue.line for issue in report.rejections] == [2, 3]
    assert Return.objects.count() == 0


def test_a_row_whose_parent_was_rejected_is_rejected_saying_so(extract) -> None:
    report = extract(
        {
            "people": PEOPLE,
            "orders": ORDERS.replace("O1,P1,CPO,2023-04-03", "O1,P1,CPO,2023-13-03"),
            "contacts": CONTACTS,
        }
    )
    assert [issue.table for issue in report.rejections] == ["orders", "contacts"]
    by_table = {issue.table: issue for issue in report.rejections}
    assert by_table["contacts"].reason == "refers to order O1, which was rejected in this import"
    assert by_table["contacts"].column == "order_id"


def test_a_row_whose_parent_is_missing_is_rejected_saying_so(extract) -> None:
    report = extract({"contacts": CONTACTS})
    assert only_rejection(report) == ("contacts.csv", 2, "order_id", "O1")
    assert "no such order: O1" in report.rejections[0].reason


def test_parents_may_arrive_in_the_same_import_in_any_file_order(extract) -> None:
    # contacts.csv sorts before orders.csv and people.csv; the import reads parents first.
    report = extract({"contacts": CONTACTS, **BASE})
    assert report.exit_code == 0
    assert Contact.objects.get().order_id == "O1"


def test_a_row_with_too_few_or_too_many_values_is_rejected(extract) -> None:
    report = extract({"people": "person_id,sex\nP1\nP2,F,extra\nP3,F,\nP4,M\n"})
    assert [(issue.line, issue.column) for issue in report.rejections] == [(2, None), (3, None)]
    assert "where the header has 2 columns" in report.rejections[0].reason
    assert report.tables["people"].imported == 2  # P3's trailing empty cell is harmless


def test_lines_are_physical_lines_with_the_header_as_line_1(tmp_path: Path) -> None:
    (tmp_path / "orders.csv").write_bytes(
        b"\xef\xbb\xbforder_id,person_id,order_type,start_date,team\r\n"
        b'O1,P1,CPO,2023-04-03,"North\r\nand East"\r\n'
        b"\r\n"
        b"O2,P1,CPO,someday,\r\n"
    )
    write_tables(tmp_path, {"people": PEOPLE})
    report = run_import(tmp_path)
    # A team is one line: the quoted cell spanning lines 2-3 rejects its row.
    assert [(issue.line, issue.column) for issue in report.rejections] == [
        (2, "team"),
        (5, "start_date"),
    ]
    assert "spans lines 2-3" in report.rejections[0].reason


def test_a_rejected_row_is_kept_with_its_contract_columns_as_read(extract) -> None:
    report = extract({"people": "person_id,date_of_birth,Area\nP1,31/02/1990,AB10\n"})
    # Not the ignored Area: jsw never keeps what it does not import (names, addresses).
    assert report.rejections[0].row == {"person_id": "P1", "date_of_birth": "31/02/1990"}


def test_no_such_path_exits_2_with_one_message(tmp_path: Path) -> None:
    report = run_import(tmp_path / "missing")
    assert [issue.reason for issue in report.rejections] == ["no such file or folder"]
    assert report.exit_code == 2


def test_a_folder_without_table_files_exits_2(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("x")
    report = run_import(tmp_path)
    assert report.exit_code == 2
    assert report.rejections[0].reason.startswith("no table files")


def test_every_file_rejected_whole_exits_2_and_changes_nothing(tmp_path: Path, extract) -> None:
    assert extract({"people": PEOPLE}).exit_code == 0
    write_tables(tmp_path, {"people": "sex\nF\n", "orders": "order_id\nO1\n"})
    with pytest.raises(ImportFailed, match=r"people\.csv"):
        run_import(tmp_path, replace=True)
    assert Person.objects.count() == 2  # --replace did not clear anything


def test_some_rows_rejected_exits_1_and_imports_the_rest(extract) -> None:
    report = extract({"people": "person_id,sex\nP1,F\nP2,Q\n"})
    assert report.exit_code == 1
    assert list(Person.objects.values_list("pk", flat=True)) == ["P1"]


def test_an_unreadable_folder_exits_2_with_one_message(tmp_path: Path, monkeypatch) -> None:
    def refuse(self: Path):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", refuse)
    report = run_import(tmp_path)
    assert [issue.reason for issue in report.rejections] == ["cannot be read: Permission denied"]
    assert report.exit_code == 2
