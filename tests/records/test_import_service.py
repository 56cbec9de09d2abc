"""run_import end to end: the public example, re-imports, --replace, atomicity, batches."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import DatabaseError

from jsw.records.importer import ImportFailed, run_import
from jsw.records.importer import writer as writer_module
from jsw.records.models import (
    Contact,
    ImportBatch,
    Order,
    Person,
    Requirement,
    Return,
    Service,
    UpwSession,
)
from tests.records.conftest import BASE, PEOPLE, write_tables

# Data rows of each table in tests/fixtures/examples/small (lines minus the header).
EXAMPLE_ROWS = {
    "people": 164,
    "orders": 143,
    "requirements": 101,
    "upw_sessions": 446,
    "assessments": 66,
    "contacts": 221,
    "breaches": 18,
    "questionnaires": 13,
    "services": 67,
    "returns": 19,
}


@pytest.mark.django_db
def test_the_public_example_imports_every_row_with_only_warnings(example_small: Path) -> None:
    report = run_import(example_small)
    assert report.exit_code == 0
    assert report.rejections == []
    for table, rows in EXAMPLE_ROWS.items():
        assert report.tables[table].to_json() == {"read": rows, "imported": rows, "rejected": 0}
    ignored = {issue.file for issue in report.warnings if issue.table is None}
    assert {"README.md", "expected-results.csv"} <= ignored
    # Its variants arrive normalised: an id with spaces, DD/MM/YYYY, codes in any case.
    assert Service.objects.get(pk="V0000002").referral_date == date(2022, 9, 1)
    assert Requirement.objects.get(pk="R0000002").requirement_type == "UPW"
    assert Order.objects.get(pk="O0000002").team == ""
    assert UpwSession.objects.get(pk="S00000003").placement_type == "GROUP"


@pytest.mark.django_db
def test_a_single_csv_file_is_read_as_the_table_its_name_says(tmp_path: Path) -> None:
    write_tables(tmp_path, {"people": PEOPLE})
    report = run_import(tmp_path / "people.csv")
    assert report.tables["people"].imported == 2
    assert report.exit_code == 0


@pytest.mark.django_db
def test_a_single_csv_file_named_after_no_table_exits_2(tmp_path: Path) -> None:
    (tmp_path / "clients.csv").write_text(PEOPLE)
    report = run_import(tmp_path / "clients.csv")
    assert report.exit_code == 2
    assert "cannot tell which table" in report.rejections[0].reason


@pytest.mark.django_db
def test_blank_optional_cells_take_the_contract_defaults(extract) -> None:
    extract(
        {
            "people": "person_id,date_of_birth,sex\nP1,,\n",
            "orders": "order_id,person_id,order_type,start_date,domestic_abuse\n"
            "O1,P1,cpo,2023-04-03,\n",
        }
    )
    person = Person.objects.get()
    assert (person.sex, person.date_of_birth) == ("U", None)
    assert Order.objects.get().domestic_abuse is False


@pytest.mark.django_db
def test_the_edges_of_each_range_are_accepted(extract) -> None:
    report = extract(
        {
            **BASE,
            "requirements": "requirement_id,order_id,requirement_type,hours,completed_date\n"
            "R1,O1,UPW,20,2023-04-03\nR3,O1,UPW,300.0,\nR4,O1,DRUG,,2023-04-03\n",
            "upw_sessions": "session_id,requirement_id,session_date,hours,placement_type\n"
            "S1,R1,2023-04-03,12,GROUP\nS2,R1,2023-04-03,0.01,individual\n",
        }
    )
    assert report.exit_code == 0
    assert Requirement.objects.get(pk="R3").hours == 300
    # records.md gives completed_date for UPW without "only": kept on other types too.
    assert Requirement.objects.get(pk="R4").completed_date == date(2023, 4, 3)
    assert UpwSession.objects.get(pk="S2").hours == Decimal("0.01")


@pytest.mark.django_db
def test_a_reimport_replaces_rows_by_id_and_keeps_the_others(extract) -> None:
    first = extract({"people": "person_id,sex\nP1,F\nP2,M\n"})
    second = extract({"people": "person_id,sex\nP1,X\nP3,M\n"})
    assert dict(Person.objects.values_list("pk", "sex")) == {"P1": "X", "P2": "M", "P3": "M"}
    assert Person.objects.get(pk="P1").batch_id == second.batch_id
    assert Person.objects.get(pk="P2").batch_id == first.batch_id


@pytest.mark.django_db
def test_a_reimported_return_replaces_the_stored_figure(extract) -> None:
    extract({"returns": "indicator_id,period,value\nmappa-clients,2023-24,7\n"})
    extract({"returns": "indicator_id,period,value,note\nMAPPA-CLIENTS,2023-24,6.5,revised\n"})
    stored = Return.objects.get()
    assert (stored.indicator_id, stored.period, stored.value, stored.note) == (
        "mappa-clients",
        "2023-24",
        Decimal("6.5"),
        "revised",
    )


@pytest.mark.django_db
def test_replace_makes_the_stored_records_exactly_those_of_the_path(extract) -> None:
    extract(
        {
            **BASE,
            "contacts": "contact_id,order_id,contact_type,contact_date\nC1,O1,REVIEW,2023-05-01\n",
            "returns": "indicator_id,period,value\nmappa-clients,2023-24,7\n",
        }
    )
    report = extract({"people": "person_id\nP9\n"}, replace=True)
    assert report.exit_code == 0
    assert list(Person.objects.values_list("pk", flat=True)) == ["P9"]
    assert (Order.objects.count(), Contact.objects.count()) == (0, 0)
    # Returns are entered figures, not extracted records: without a returns table they stay.
    assert Return.objects.count() == 1


@pytest.mark.django_db
def test_replace_with_a_returns_table_replaces_the_returns_too(extract) -> None:
    extract({"returns": "indicator_id,period,value\nmappa-clients,2023-24,7\n"})
    extract({"returns": "indicator_id,period,value\nmappa-clients,2022-23,5\n"}, replace=True)
    assert list(Return.objects.values_list("period", flat=True)) == ["2022-23"]


@pytest.mark.django_db
def test_replace_resolves_parents_only_against_this_import(extract) -> None:
    extract(BASE)
    contacts = "contact_id,order_id,contact_type,contact_date\nC1,O1,REVIEW,2023-05-01\n"
    report = extract({"contacts": contacts}, replace=True)
    assert "no such order" in report.rejections[0].reason


@pytest.mark.django_db(transaction=True)
def test_an_import_that_fails_midway_keeps_none_of_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = "person_id\n" + "".join(f"P{n}\n" for n in range(10))
    write_tables(tmp_path, {"people": people})
    monkeypatch.setattr(writer_module, "CHUNK", 3)
    calls = {"n": 0}
    real_flush = writer_module.TableWriter.flush

    def failing_flush(self: writer_module.TableWriter) -> None:
        calls["n"] += 1
        if calls["n"] == 3:  # two chunks are already written
            raise DatabaseError("disk I/O error")
        real_flush(self)

    monkeypatch.setattr(writer_module.TableWriter, "flush", failing_flush)
    with pytest.raises(ImportFailed, match="disk I/O error"):
        run_import(tmp_path)
    assert calls["n"] == 3
    assert Person.objects.count() == 0
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.exit_code) == ("failed", 2)
    assert batch.summary["failure"] == "disk I/O error"
    assert batch.summary["tables"]["people"]["imported"] == 0  # none were kept


@pytest.mark.django_db
def test_every_run_is_recorded_as_a_batch_with_its_issues(extract) -> None:
    report = extract({"people": "person_id,sex,Area\nP1,F,x\nP2,Q,y\n"})
    batch = ImportBatch.objects.get(pk=report.batch_id)
    assert (batch.status, batch.exit_code, batch.replace) == ("done", 1, False)
    assert batch.summary["tables"] == {"people": {"read": 2, "imported": 1, "rejected": 1}}
    issues = {issue.level: issue for issue in batch.issues.all()}
    assert (issues["error"].line, issues["error"].column, issues["error"].value) == (3, "sex", "Q")
    assert issues["error"].row == {"person_id": "P2", "sex": "Q"}  # not the ignored Area
    assert issues["warning"].reason == "unknown columns ignored: Area"
    assert Person.objects.get().batch_id == batch.pk


@pytest.mark.django_db
def test_progress_is_reported_per_table_with_its_total(extract) -> None:
    seen: list[tuple[str, int, int | None]] = []
    extract({"people": PEOPLE}, progress=lambda *args: seen.append(args))
    assert seen[-1] == ("people", 2, 2)
