"""records.md's rules, table by table, checked on generated files (not by the generator).

`problems(folder)` returns every broken rule as one line; an empty list means the folder
would be imported by `jsw import` without a rejection.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jsw.contract import codes
from tests.synth.checker import QUARTER_PERIOD, RETURN_FREQUENCIES, YEAR_PERIOD, Checker, day

EARLIEST_BIRTH = date(1900, 1, 1)


def problems(folder: Path) -> list[str]:
    checker = Checker(folder)
    people = checker.ids("people", "person_id")
    orders = checker.ids("orders", "order_id")
    requirements = checker.ids("requirements", "requirement_id")
    for table, column in (
        ("upw_sessions", "session_id"),
        ("assessments", "assessment_id"),
        ("contacts", "contact_id"),
        ("breaches", "breach_id"),
        ("questionnaires", "questionnaire_id"),
        ("services", "service_id"),
    ):
        checker.ids(table, column)
    check_people(checker)
    check_orders(checker, people)
    check_requirements(checker, orders)
    check_sessions(checker, orders, requirements)
    check_assessments(checker, people, orders)
    check_order_events(checker, orders)
    check_questionnaires(checker, orders)
    check_services(checker, people)
    check_returns(checker)
    return checker.problems


def check_people(checker: Checker) -> None:
    for line, row in checker.rows("people"):
        born = checker.date("people", line, row, "date_of_birth", required=False)
        if born and not EARLIEST_BIRTH <= born <= date.today():
            checker.fail("people", line, "date_of_birth", f"{born} out of range")
        checker.code("people", line, row, "sex", codes.SEX, required=False)


def check_orders(checker: Checker, people: dict[str, dict[str, str]]) -> None:
    for line, row in checker.rows("orders"):
        if row["person_id"] not in people:
            checker.fail("orders", line, "person_id", "no such person")
        checker.code("orders", line, row, "order_type", codes.ORDER_TYPES)
        start = checker.date("orders", line, row, "start_date", required=True)
        end = checker.date("orders", line, row, "end_date", required=False)
        if start and end and end < start:
            checker.fail("orders", line, "end_date", "before start_date")
        if bool(end) != bool(row["end_reason"]):
            checker.fail("orders", line, "end_reason", "given without end_date or missing")
        checker.code("orders", line, row, "end_reason", codes.END_REASONS, required=False)
        checker.code("orders", line, row, "domestic_abuse", ("Y", "N"))
        if len(row["team"]) > 100:
            checker.fail("orders", line, "team", "longer than 100 characters")


def order_start(orders: dict[str, dict[str, str]], order_id: str) -> date | None:
    order = orders.get(order_id)
    return day(order["start_date"]) if order else None


def check_requirements(checker: Checker, orders: dict[str, dict[str, str]]) -> None:
    table = "requirements"
    for line, row in checker.rows(table):
        order = orders.get(row["order_id"])
        if order is None or order["order_type"] != "CPO":
            checker.fail(table, line, "order_id", "no such CPO")
        kind = row["requirement_type"]
        checker.code(table, line, row, "requirement_type", codes.REQUIREMENT_TYPES)
        if (kind == "PROGRAMME") != bool(row["programme"]):
            checker.fail(table, line, "programme", "only and always with PROGRAMME")
        checker.code(table, line, row, "programme", codes.PROGRAMMES, required=False)
        if (kind == "UPW") != bool(row["hours"]):
            checker.fail(table, line, "hours", "only and always with UPW")
        if row["hours"]:
            hours = checker.number(table, line, row["hours"], 20, 300)
            if hours is not None and hours != int(hours):
                checker.fail(table, line, "hours", "not a whole number")
        start = order_start(orders, row["order_id"])
        for column in ("due_date", "completed_date"):
            value = checker.date(table, line, row, column, required=False)
            if value and kind != "UPW":
                checker.fail(table, line, column, "UPW only")
            if value and start and value < start:
                checker.fail(table, line, column, "before the order's start")


def check_sessions(
    checker: Checker,
    orders: dict[str, dict[str, str]],
    requirements: dict[str, dict[str, str]],
) -> None:
    table = "upw_sessions"
    for line, row in checker.rows(table):
        requirement = requirements.get(row["requirement_id"])
        if requirement is None or requirement["requirement_type"] != "UPW":
            checker.fail(table, line, "requirement_id", "no such UPW requirement")
            continue
        session = checker.date(table, line, row, "session_date", required=True)
        start = order_start(orders, requirement["order_id"])
        if session and start and session < start:
            checker.fail(table, line, "session_date", "before the order's start")
        hours = checker.number(table, line, row["hours"], 0, 12)
        if hours == 0:
            checker.fail(table, line, "hours", "not greater than 0")
        checker.code(table, line, row, "placement_type", codes.PLACEMENT_TYPES)
        if len(row["provider"]) > 100:
            checker.fail(table, line, "provider", "longer than 100 characters")


def check_assessments(
    checker: Checker, people: dict[str, dict[str, str]], orders: dict[str, dict[str, str]]
) -> None:
    table = "assessments"
    for line, row in checker.rows(table):
        if row["person_id"] not in people:
            checker.fail(table, line, "person_id", "no such person")
        if row["order_id"]:
            order = orders.get(row["order_id"])
            if order is None or order["person_id"] != row["person_id"]:
                checker.fail(table, line, "order_id", "no such order of this person")
        checker.code(table, line, row, "assessment_type", codes.ASSESSMENT_TYPES)
        start = checker.date(table, line, row, "start_date", required=True)
        for column in ("completed_date", "cmp_date"):
            value = checker.date(table, line, row, column, required=False)
            if value and start and value < start:
                checker.fail(table, line, column, "before start_date")
        if row["cmp_date"] and row["assessment_type"] != "LSCMI":
            checker.fail(table, line, "cmp_date", "LSCMI only")


def check_order_events(checker: Checker, orders: dict[str, dict[str, str]]) -> None:
    for table, column, kinds, kind_column in (
        ("contacts", "contact_date", codes.CONTACT_TYPES, "contact_type"),
        ("breaches", "application_date", None, None),
    ):
        for line, row in checker.rows(table):
            start = order_start(orders, row["order_id"])
            if start is None:
                checker.fail(table, line, "order_id", "no such order")
            happened = checker.date(table, line, row, column, required=True)
            if happened and start and happened < start:
                checker.fail(table, line, column, "before the order's start")
            if kinds and kind_column:
                checker.code(table, line, row, kind_column, kinds)
    for line, row in checker.rows("breaches"):
        applied = checker.date("breaches", line, row, "application_date", required=True)
        decided = checker.date("breaches", line, row, "outcome_date", required=False)
        if applied and decided and decided < applied:
            checker.fail("breaches", line, "outcome_date", "before application_date")
        if bool(decided) != bool(row["outcome"]):
            checker.fail("breaches", line, "outcome", "only and always with outcome_date")
        checker.code("breaches", line, row, "outcome", codes.BREACH_OUTCOMES, required=False)


def check_questionnaires(checker: Checker, orders: dict[str, dict[str, str]]) -> None:
    table = "questionnaires"
    for line, row in checker.rows(table):
        if row["order_id"] not in orders:
            checker.fail(table, line, "order_id", "no such order")
        checker.code(table, line, row, "questionnaire_type", codes.QUESTIONNAIRE_TYPES)
        checker.date(table, line, row, "received_date", required=True)
        for column in ("score_before", "score_after"):
            if row[column]:
                checker.number(table, line, row[column], 0, 100)


def check_services(checker: Checker, people: dict[str, dict[str, str]]) -> None:
    table = "services"
    for line, row in checker.rows(table):
        if row["person_id"] not in people:
            checker.fail(table, line, "person_id", "no such person")
        checker.code(table, line, row, "service", codes.SERVICES)
        referral = checker.date(table, line, row, "referral_date", required=True)
        end = checker.date(table, line, row, "end_date", required=False)
        if referral and end and end < referral:
            checker.fail(table, line, "end_date", "before referral_date")


def check_returns(checker: Checker) -> None:
    seen: set[tuple[str, str]] = set()
    for line, row in checker.rows("returns"):
        frequency = RETURN_FREQUENCIES.get(row["indicator_id"])
        if frequency is None:
            checker.fail("returns", line, "indicator_id", "not a return PI")
            continue
        form = QUARTER_PERIOD if frequency == "Q" else YEAR_PERIOD
        match = form.fullmatch(row["period"])
        if not match or int(match.group(2)) != (int(match.group(1)) + 1) % 100:
            checker.fail("returns", line, "period", f"not a {frequency} period")
        key = (row["indicator_id"], row["period"])
        if key in seen:
            checker.fail("returns", line, "period", "a second return for this period")
        seen.add(key)
        checker.number("returns", line, row["value"], 0, float("inf"))
        if len(row["note"]) > 1000:
            checker.fail("returns", line, "note", "longer than 1000 characters")
