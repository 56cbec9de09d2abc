"""Values that would be stored wrong: hidden characters that make look-alike ids, numbers
beyond what every database stores exactly, dates from a case system's "no date". Each is
refused, with a reason that names the character or the bound."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from jsw.records.models import Contact, Order, Person, Return
from tests.records.conftest import BASE, PEOPLE, only_rejection

pytestmark = pytest.mark.django_db

ORDERS_HEADER = "order_id,person_id,order_type,start_date,team\n"


@pytest.mark.parametrize(
    ("person_id", "named"),
    [
        ("P1\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u202eP1", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("P\u20661", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("P\t1", "U+0009 CHARACTER TABULATION"),
        ("P\x1b1", "U+001B ESCAPE"),
        ("P\u00ad1", "U+00AD SOFT HYPHEN"),
    ],
)
def test_an_id_with_a_hidden_character_is_refused_naming_it(
    extract, person_id: str, named: str
) -> None:
    report = extract({"people": f"person_id,sex\nP1,F\n{person_id},F\n"})
    assert only_rejection(report) == ("people.csv", 3, "person_id", person_id)
    assert report.rejections[0].reason == f"contains {named}, an invisible or control character"
    assert list(Person.objects.values_list("person_id", flat=True)) == ["P1"]


def test_ids_with_ordinary_and_foreign_letters_and_inner_spaces_are_ids(extract) -> None:
    report = extract({"people": "person_id\nP 1\nÉlise-7\n東京1\n"})
    assert report.exit_code == 0
    assert Person.objects.count() == 3


def test_a_code_that_only_looks_right_is_refused_naming_the_hidden_character(extract) -> None:
    report = extract({"people": PEOPLE, "orders": ORDERS_HEADER + "O1,P1,CPO\u200b,2023-04-03,\n"})
    assert only_rejection(report)[2] == "order_type"
    assert "U+200B ZERO WIDTH SPACE" in report.rejections[0].reason


@pytest.mark.parametrize(
    ("team", "named"),
    [
        ("North\x1b[31m", "U+001B ESCAPE"),
        ("North\tEast", "U+0009 CHARACTER TABULATION"),
        ("North\u2028East", "U+2028 LINE SEPARATOR"),
    ],
)
def test_a_team_with_a_hidden_character_is_refused(extract, team: str, named: str) -> None:
    report = extract({"people": PEOPLE, "orders": ORDERS_HEADER + f"O1,P1,CPO,2023-04-03,{team}\n"})
    assert only_rejection(report)[2] == "team"
    assert named in report.rejections[0].reason


def test_a_team_with_ordinary_spaces_and_punctuation_is_kept(extract) -> None:
    orders = ORDERS_HEADER + "O1,P1,CPO,2023-04-03,North & East (Team 2)\n"
    assert extract({"people": PEOPLE, "orders": orders}).exit_code == 0
    assert Order.objects.get().team == "North & East (Team 2)"


RETURNS_HEADER = "indicator_id,period,value,note\n"


def test_a_return_note_may_run_over_lines_but_not_hold_a_tab(extract) -> None:
    report = extract(
        {
            "returns": RETURNS_HEADER
            + 'mappa-clients,2022-23,3,"first line\r\nsecond line"\n'
            + 'mappa-clients,2023-24,4,"a\ttab"\n'
        }
    )
    assert only_rejection(report)[1:3] == (4, "note")  # the note above spans lines 2-3
    assert "U+0009 CHARACTER TABULATION" in report.rejections[0].reason
    assert Return.objects.get().note == "first line\r\nsecond line"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("999999999.999999", None),
        ("0", None),
        ("1000000000", "must be less than 1,000,000,000 (the largest figure stored exactly)"),
        ("99999999999999", "must be less than 1,000,000,000"),
        ("1.0000001", "more than 6 decimal places"),
        ("9" * 5000, "must be less than 1,000,000,000"),  # beyond Python's int printing limit
        ("0." + "0" * 5000 + "1", "more than 6 decimal places"),
    ],
)
def test_a_return_value_is_bounded_to_what_every_database_stores_exactly(
    extract, value: str, reason: str | None
) -> None:
    report = extract({"returns": RETURNS_HEADER + f"mappa-clients,2023-24,{value},\n"})
    if reason is None:
        assert report.exit_code == 0, [issue.describe() for issue in report.rejections]
        assert Return.objects.get().value == Decimal(value)  # read back exactly
    else:
        assert only_rejection(report)[2] == "value"
        assert reason in report.rejections[0].reason


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        # 30 places rounds to 12 at Python's 28 digits: the places are counted on the digits.
        ("hours", "11.999999999999999999999999999999", "more than 2 decimal places"),
        ("hours", "12.000000000000000000000000000001", "more than 12"),
        ("hours", "11.99", None),
    ],
)
def test_numbers_with_many_digits_are_judged_exactly(
    extract, column: str, value: str, reason: str | None
) -> None:
    assert extract(BASE).exit_code == 0
    sessions = "session_id,requirement_id,session_date,hours,placement_type\n"
    report = extract({"upw_sessions": sessions + f"S1,R1,2023-05-01,{value},GROUP\n"})
    if reason is None:
        assert report.exit_code == 0
    else:
        assert only_rejection(report)[2] == column
        assert reason in report.rejections[0].reason


CONTACTS_HEADER = "contact_id,order_id,contact_type,contact_date\n"


@time_machine.travel("2030-06-01 12:00 +0000", tick=False)
@pytest.mark.parametrize(
    ("contact_date", "reason"),
    [
        ("0001-01-01", "before 1990-01-01: older than any justice social work record"),
        ("1989-12-31", "before 1990-01-01"),
        ("1990-01-01", None),
        ("2031-12-31", None),  # the end of next year
        ("2032-01-01", "after 2031-12-31: a record's dates run at most to the end of next year"),
        ("9999-12-31", "after 2031-12-31"),
    ],
)
def test_record_dates_lie_between_1990_and_the_end_of_next_year(
    extract, contact_date: str, reason: str | None
) -> None:
    people = "person_id\nP1\n"
    orders = "order_id,person_id,order_type,start_date\nO1,P1,CPO,1990-01-01\n"
    contacts = CONTACTS_HEADER + f"C1,O1,INDUCTION,{contact_date}\n"
    report = extract({"people": people, "orders": orders, "contacts": contacts})
    if reason is None:
        assert report.exit_code == 0, [issue.describe() for issue in report.rejections]
        assert Contact.objects.get().contact_date == date.fromisoformat(contact_date)
    else:
        assert only_rejection(report)[2:] == ("contact_date", contact_date)
        assert reason in report.rejections[0].reason
        assert not Contact.objects.exists()


def test_a_date_of_birth_keeps_its_own_bounds(extract) -> None:
    report = extract({"people": "person_id,date_of_birth\nP1,1900-01-01\nP2,1899-12-31\n"})
    assert only_rejection(report)[1:] == (3, "date_of_birth", "1899-12-31")
    assert Person.objects.get().date_of_birth == date(1900, 1, 1)


@time_machine.travel("2030-06-01 12:00 +0000", tick=False)
@pytest.mark.parametrize(
    ("period", "reason"),
    [
        ("1989-90", "starts before 1990-01-01"),
        ("1990-91", None),
        ("2030-31", None),
        ("2031-32", "ends after 2031-12-31"),
        ("9998-99", "ends after 2031-12-31"),
    ],
)
def test_a_return_period_lies_in_the_same_years(extract, period: str, reason: str | None) -> None:
    report = extract({"returns": RETURNS_HEADER + f"mappa-clients,{period},1,\n"})
    if reason is None:
        assert report.exit_code == 0
    else:
        assert only_rejection(report)[2:] == ("period", period)
        assert reason in report.rejections[0].reason


@pytest.mark.parametrize("order_type", ["l\u0131cence", "\u017fds"])
def test_codes_match_in_ascii_case_only(extract, order_type: str) -> None:
    # Dotless i and long s upper-case to I and S: LICENCE and SDS, had they been accepted.
    report = extract(
        {"people": PEOPLE, "orders": ORDERS_HEADER + f"O1,P1,{order_type},2023-04-03,\n"}
    )
    assert only_rejection(report)[2:] == ("order_type", order_type)
    assert "not one of the codes" in report.rejections[0].reason


def test_an_indicator_id_matches_in_ascii_case_only(extract) -> None:
    report = extract(
        {"returns": RETURNS_HEADER + "\u212a-mappa-clients,2023-24,1,\nMAPPA-CLIENTS,2022-23,1,\n"}
    )
    # The Kelvin sign lower-cases to k; the ASCII capitals fold as records.md allows.
    assert only_rejection(report)[1:3] == (2, "indicator_id")
    assert Return.objects.get().indicator_id == "mappa-clients"
