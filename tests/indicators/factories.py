"""Small record factories and engine helpers for the PI tests.

Every factory makes one row with plain defaults, so a test table names only what matters
for the PI under test. Ids come from a counter: they only need to be unique within a test,
whose database is rolled back afterwards. Expected values are never computed here.
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from jsw.framework.catalogue import load_catalogue
from jsw.indicators.engine import compute_indicator
from jsw.indicators.evaluate import Cell
from jsw.lib.workdays import WorkingDays
from jsw.records.models import (
    Assessment,
    Breach,
    Contact,
    Order,
    Person,
    Questionnaire,
    Requirement,
    Return,
    Service,
    UpwSession,
)

_ids = itertools.count(1)
DEFAULT_BIRTH = date(1990, 6, 15)
NOT_GIVEN = date(1, 1, 1)  # marks "use the default date of birth"


def _next(prefix: str) -> str:
    return f"{prefix}{next(_ids)}"


def person(
    *, born: date | None = NOT_GIVEN, sex: str = "M", person_id: str | None = None
) -> Person:
    """A person; `born=None` makes one without a date_of_birth."""
    date_of_birth = DEFAULT_BIRTH if born == NOT_GIVEN else born
    return Person.objects.create(
        person_id=person_id or _next("p"), date_of_birth=date_of_birth, sex=sex
    )


def order(
    start: date,
    *,
    order_type: str = "CPO",
    end: date | None = None,
    end_reason: str = "",
    who: Person | None = None,
    domestic_abuse: bool = False,
    team: str = "North",
) -> Order:
    """An order; an end date without a reason ends it COMPLETED."""
    if end is not None and not end_reason:
        end_reason = "COMPLETED"
    return Order.objects.create(
        order_id=_next("o"),
        person=who or person(),
        order_type=order_type,
        start_date=start,
        end_date=end,
        end_reason=end_reason,
        domestic_abuse=domestic_abuse,
        team=team,
    )


def requirement(
    of: Order,
    requirement_type: str = "SUPERVISION",
    *,
    programme: str = "",
    hours: int | None = None,
    due: date | None = None,
    completed: date | None = None,
) -> Requirement:
    return Requirement.objects.create(
        requirement_id=_next("r"),
        order=of,
        requirement_type=requirement_type,
        programme=programme,
        hours=hours,
        due_date=due,
        completed_date=completed,
    )


def supervised_cpo(start: date, end: date | None = None, end_reason: str = "") -> Order:
    """A CPO with a SUPERVISION requirement (the population of several PIs)."""
    cpo = order(start, end=end, end_reason=end_reason)
    requirement(cpo, "SUPERVISION")
    return cpo


def upw(
    of: Order, *, hours: int = 100, due: date | None = None, completed: date | None = None
) -> Requirement:
    return requirement(of, "UPW", hours=hours, due=due, completed=completed)


def session(of: Requirement, on: date, hours: str = "3", placement: str = "GROUP") -> UpwSession:
    return UpwSession.objects.create(
        session_id=_next("s"),
        requirement=of,
        session_date=on,
        hours=Decimal(hours),
        placement_type=placement,
    )


def assessment(
    start: date,
    *,
    assessment_type: str = "LSCMI",
    completed: date | None = None,
    cmp: date | None = None,
    of: Order | None = None,
    who: Person | None = None,
) -> Assessment:
    """An assessment, of the order's person when an order is given."""
    return Assessment.objects.create(
        assessment_id=_next("a"),
        person=of.person if of else (who or person()),
        order=of,
        assessment_type=assessment_type,
        start_date=start,
        completed_date=completed,
        cmp_date=cmp,
    )


def contact(of: Order, contact_type: str, on: date) -> Contact:
    return Contact.objects.create(
        contact_id=_next("c"), order=of, contact_type=contact_type, contact_date=on
    )


def breach(of: Order, applied: date, *, decided: date | None = None, outcome: str = "") -> Breach:
    return Breach.objects.create(
        breach_id=_next("b"),
        order=of,
        application_date=applied,
        outcome_date=decided,
        outcome=outcome,
    )


def questionnaire(
    received: date,
    questionnaire_type: str = "SUPERVISION",
    *,
    before: str | None = None,
    after: str | None = None,
    of: Order | None = None,
) -> Questionnaire:
    return Questionnaire.objects.create(
        questionnaire_id=_next("q"),
        order=of or order(date(2023, 4, 3)),
        questionnaire_type=questionnaire_type,
        received_date=received,
        score_before=None if before is None else Decimal(before),
        score_after=None if after is None else Decimal(after),
    )


def service(
    referred: date,
    kind: str = "WOMENS_CENTRE",
    *,
    end: date | None = None,
    who: Person | None = None,
) -> Service:
    return Service.objects.create(
        service_id=_next("v"),
        person=who or person(sex="F"),
        service=kind,
        referral_date=referred,
        end_date=end,
    )


def entered(indicator_id: str, period: str, value: str) -> Return:
    return Return.objects.create(indicator_id=indicator_id, period=period, value=Decimal(value))


# --- the engine, as a reader of these tables would call it --------------------------------


def cells(
    indicator_id: str,
    first_year: int = 2024,
    last_year: int | None = None,
    *,
    calendar: WorkingDays | None = None,
    breakdowns: bool = False,
) -> list[Cell]:
    pi = load_catalogue().indicator(indicator_id)
    return compute_indicator(
        pi,
        first_year,
        first_year if last_year is None else last_year,
        calendar or WorkingDays(),
        breakdowns=breakdowns,
    )


def by_period(indicator_id: str, first_year: int = 2024, **options: Any) -> dict[str, Cell]:
    """The overall cell of each period (for PIs with one row per period)."""
    found: dict[str, Cell] = {}
    for cell in cells(indicator_id, first_year, **options):
        if cell.breakdown == "" and cell.category == "":
            assert cell.period not in found, f"two overall cells for {cell.period}"
            found[cell.period] = cell
    return found


def by_category(indicator_id: str, period: str, first_year: int = 2024) -> dict[str, Cell]:
    """The overall cell of each category of one period (distributions)."""
    return {
        cell.category: cell
        for cell in cells(indicator_id, first_year)
        if cell.period == period and cell.breakdown == ""
    }


def values(indicator_id: str, first_year: int = 2024, **options: Any) -> dict[str, Decimal | None]:
    """Each period's value: the figure most tests check."""
    found = by_period(indicator_id, first_year, **options)
    return {period: cell.value for period, cell in found.items()}


def fraction(cell: Cell) -> tuple[int | Decimal | None, int | None, Decimal | None]:
    """(numerator, denominator, value) of a cell, to assert all three at once."""
    return (cell.numerator, cell.denominator, cell.value)
