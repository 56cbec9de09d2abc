"""Property: on any small set of records, the engine's figures are the reference's.

Hypothesis draws a few orders with contacts, requirements, UPW sessions and breaches of random
types, on dates around quarter and year ends, 29 February and bank holidays. Each set is
stored, the planner statistics refreshed (`ANALYZE`, which is what made SQLite 3.40.1 answer
an earliest date wrongly), and every PI of 2023-24 and 2024-25 compared, breakdowns included.
Runs on the suite's database: SQLite, and PostgreSQL where the suite runs on it.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsw.indicators.engine import compute
from jsw.records import models as records
from tests.differential.engine_cells import as_text
from tests.differential.records import TABLES, Records
from tests.differential.reference import evaluate

pytestmark = [pytest.mark.django_db, pytest.mark.differential]

# Quarter and year ends, 29 February, Good Friday 2024, St Andrew's Day observed, Christmas.
ANCHORS = [
    date(2023, 6, 30),
    date(2023, 9, 29),
    date(2023, 12, 22),
    date(2024, 2, 29),
    date(2024, 3, 28),
    date(2024, 6, 28),
    date(2024, 11, 29),
    date(2024, 12, 24),
    date(2024, 12, 31),
    date(2025, 3, 28),
]
CONTACT_TYPES = ("FACE_TO_FACE", "INDUCTION", "REVIEW", "REENGAGEMENT_REVIEW")
END_REASONS = ("COMPLETED", "EARLY_DISCHARGE", "REVOKED_BREACH", "TRANSFERRED", "DIED", "OTHER")
OUTCOMES = ("CONTINUED", "FINE", "REVOKED_CUSTODY")

near_an_anchor = st.builds(
    lambda anchor, shift: anchor + timedelta(days=shift),
    st.sampled_from(ANCHORS),
    st.integers(-3, 3),
)


def later(draw: Any, start: date, most: int) -> date:
    return start + timedelta(days=draw(st.integers(0, most)))


@st.composite
def record_sets(draw: Any) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    for n in range(draw(st.integers(1, 8))):
        person, order = f"p {n}", f"o {n}"
        born = draw(st.sampled_from([None, date(1990, 6, 15), date(2008, 2, 29), date(2007, 3, 1)]))
        tables["people"].append(
            {"person_id": person, "date_of_birth": born, "sex": draw(st.sampled_from("FMXU"))}
        )
        start = draw(near_an_anchor)
        end = draw(st.none() | st.integers(0, 120).map(lambda k, s=start: s + timedelta(days=k)))
        tables["orders"].append(
            {
                "order_id": order,
                "person_id": person,
                "order_type": draw(st.sampled_from(["CPO", "CPO", "CPO", "DIVERSION", "LICENCE"])),
                "start_date": start,
                "end_date": end,
                "end_reason": draw(st.sampled_from(END_REASONS)) if end else None,
                "domestic_abuse": False,
                "team": draw(st.sampled_from([None, "North", "South"])),
            }
        )
        for i in range(draw(st.integers(0, 5))):
            tables["contacts"].append(
                {
                    "contact_id": f"c {n} {i}",
                    "order_id": order,
                    "contact_type": draw(st.sampled_from(CONTACT_TYPES)),
                    "contact_date": later(draw, start, 3 if i < 3 else 120),
                }
            )
        if tables["orders"][-1]["order_type"] != "CPO":
            continue
        if draw(st.booleans()):
            tables["requirements"].append(requirement(f"r {n} s", order, "SUPERVISION"))
        if draw(st.booleans()):
            upw = requirement(f"r {n} u", order, "UPW", hours=draw(st.sampled_from([100, 101])))
            upw["due_date"] = draw(st.none() | st.just(later(draw, start, 100)))
            upw["completed_date"] = draw(st.none() | st.just(later(draw, start, 200)))
            tables["requirements"].append(upw)
            for i in range(draw(st.integers(0, 3))):
                tables["upw_sessions"].append(
                    {
                        "session_id": f"s {n} {i}",
                        "requirement_id": upw["requirement_id"],
                        "session_date": later(draw, start, 12),
                        "hours": Decimal(draw(st.sampled_from(["0.25", "3", "7.5"]))),
                        "placement_type": draw(st.sampled_from(["GROUP", "INDIVIDUAL"])),
                    }
                )
        if draw(st.booleans()):
            applied = later(draw, start, 100)
            decided = draw(st.none() | st.just(later(draw, applied, 60)))
            tables["breaches"].append(
                {
                    "breach_id": f"b {n}",
                    "order_id": order,
                    "application_date": applied,
                    "outcome_date": decided,
                    "outcome": draw(st.sampled_from(OUTCOMES)) if decided else None,
                }
            )
    return tables


def requirement(requirement_id: str, order: str, kind: str, hours: int | None = None) -> dict:
    return {
        "requirement_id": requirement_id,
        "order_id": order,
        "requirement_type": kind,
        "programme": None,
        "hours": hours,
        "due_date": None,
        "completed_date": None,
    }


def store(tables: dict[str, list[dict[str, Any]]]) -> None:
    blank = {"end_reason", "team", "programme", "outcome"}  # blank text is "" in the tables

    def stored(row: dict[str, Any]) -> dict[str, Any]:
        return {k: ("" if k in blank and v is None else v) for k, v in row.items()}

    for table, model in [
        ("people", records.Person),
        ("orders", records.Order),
        ("requirements", records.Requirement),
        ("upw_sessions", records.UpwSession),
        ("contacts", records.Contact),
        ("breaches", records.Breach),
    ]:
        model.objects.bulk_create(model(**stored(row)) for row in tables[table])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def engine_figures() -> dict[tuple[str, ...], tuple[str, ...]]:
    return {
        (pi, c.period, c.category, c.breakdown, c.group): (
            as_text(c.numerator),
            as_text(c.denominator),
            as_text(c.value),
            as_text(c.people),
        )
        for pi, cells in compute(2023, 2024).items()
        for c in cells
        if not (c.breakdown and not c.numerator and not c.denominator)  # empty group rows
    }


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tables=record_sets())
def test_the_engine_gives_the_reference_figures_on_random_records(tables: dict) -> None:
    with transaction.atomic():
        store(tables)
        found = engine_figures()
        transaction.set_rollback(True)

    expected = evaluate(Records(tables), 2023, 2024)

    assert {k: v for k, v in found.items() if v != expected.get(k)} == {}
    assert set(found) == set(expected)
