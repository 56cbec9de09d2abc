"""Mapping profiles: the shipped Dynamics 365 example on a small extract, and bad profiles."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from jsw.records.importer import MappingError, run_import
from jsw.records.importer.mapping import load_mapping
from jsw.records.models import Contact, Order, Person, UpwSession

DYNAMICS = Path(__file__).resolve().parents[2] / "docs" / "mappings" / "dynamics365.yaml"

EXTRACT = {
    "Contacts.csv": "Client Reference,Full Name,Birthday,Gender\n"
    "C-001,(not imported),03/04/1980 00:00,Female\n"
    "C-002,(not imported),,not recorded\n",
    "Cases.csv": "Case Number,Client Reference,Order Type,Imposed On,Closed On,Closure Reason,"
    "Domestic Abuse Flag,Owning Team\n"
    "CAS-1,C-001,Community Payback Order,03/04/2023 00:00,12/10/2023 00:00,Completed,No,North\n"
    "CAS-2,C-002,Parole,01/05/2023 00:00,,,Yes,South\n",
    "Case Requirements.csv": "Requirement Number,Case Number,Requirement Type,Hours Imposed\n"
    "REQ-1,CAS-1,Unpaid Work,100\n",
    "Unpaid Work Attendances.csv": "Attendance Number,Requirement Number,Start,Hours Credited,"
    "Placement\nATT-1,REQ-1,05/04/2023 09:30,7.5,Group Placement\n",
    "Appointments.csv": "Appointment Number,Regarding Case,Appointment Type,Start Time\n"
    "APP-1,CAS-1,Induction,04/04/2023 14:00\n"
    "APP-2,CAS-1,Phone call,05/04/2023 10:00\n",
}


@pytest.mark.django_db
def test_the_dynamics_profile_imports_a_dynamics_style_extract(tmp_path: Path) -> None:
    for name, text in EXTRACT.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = run_import(tmp_path, mapping=DYNAMICS)
    assert [issue.describe() for issue in report.rejections] == [
        "Appointments.csv, line 3, contact_type 'Phone call': not one of the codes for this "
        "column (FACE_TO_FACE, INDUCTION, REVIEW, REENGAGEMENT_REVIEW)"
    ]
    assert [issue.reason for issue in report.warnings] == ["unknown columns ignored: Full Name"]
    people = dict(Person.objects.values_list("pk", "sex"))
    assert people == {"C-001": "F", "C-002": "U"}
    assert Person.objects.get(pk="C-001").date_of_birth == date(1980, 4, 3)
    first = Order.objects.get(pk="CAS-1")
    assert (first.order_type, first.end_date, first.end_reason) == (
        "CPO",
        date(2023, 10, 12),
        "COMPLETED",
    )
    assert Order.objects.get(pk="CAS-2").order_type == "LICENCE"
    session = UpwSession.objects.get()
    assert (session.session_date, session.hours, session.placement_type) == (
        date(2023, 4, 5),
        Decimal("7.5"),
        "GROUP",
    )
    assert Contact.objects.get().contact_type == "INDUCTION"


def write_profile(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_profile_lists_every_problem(tmp_path: Path) -> None:
    path = write_profile(
        tmp_path,
        "tables:\n"
        "  clients:\n    columns: {Ref: person_id}\n"
        "  people:\n    columns: {Ref: person_ref, Gender: sex, Sex: sex}\n"
        "    values:\n      sex: {Female: WOMAN}\n      colour: {Red: R}\n"
        "    date_format: '%Y'\n",
    )
    with pytest.raises(MappingError) as caught:
        load_mapping(path)
    assert caught.value.problems == [
        "tables.clients: not a table of the contract (people, orders, requirements, "
        "upw_sessions, assessments, contacts, breaches, questionnaires, services, returns)",
        "tables.people.columns.Ref: 'person_ref' is not a column of people",
        "tables.people.columns.Sex: 'sex' is already mapped from 'Gender'",
        "tables.people.values.sex.Female: 'WOMAN' is not a code of sex",
        "tables.people.values.colour: not a column of people",
        "tables.people.date_format: '%Y' must contain %d, %m and %Y (or %y) and read back "
        "what it writes",
    ]


def test_a_profile_with_unknown_keys_is_refused_by_the_schema(tmp_path: Path) -> None:
    path = write_profile(tmp_path, "tables:\n  people:\n    colums: {}\n    sheet: x\n")
    with pytest.raises(MappingError) as caught:
        load_mapping(path)
    assert [problem.split(":")[0] for problem in caught.value.problems] == [
        "tables.people.colums",
        "tables.people.sheet",
    ]


def test_a_profile_that_is_not_yaml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MappingError, match="not a valid YAML file"):
        load_mapping(write_profile(tmp_path, "tables: [unclosed\n"))


def test_two_tables_cannot_share_a_file(tmp_path: Path) -> None:
    path = write_profile(tmp_path, "tables:\n  people: {file: a.csv}\n  orders: {file: A.CSV }\n")
    with pytest.raises(MappingError, match="already the file of people"):
        load_mapping(path)


def test_the_shipped_profile_is_valid() -> None:
    mapping = load_mapping(DYNAMICS)
    assert mapping.files["contacts.csv"] == "people"
