"""The records' first and last event dates, which set the years a recompute covers and the
day the records speak for; the contacts' and orders' ends are read one code at a time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsw.db import extreme_by_code
from jsw.indicators import engine
from jsw.records.models import Contact, Order, Person

TODAY = date(2026, 3, 31)


@pytest.fixture
def cpo(db):
    Person.objects.create(person_id="p1", sex="F", date_of_birth=date(1990, 1, 1))
    return Order.objects.create(
        order_id="o1", person_id="p1", order_type="CPO", start_date=date(2022, 5, 3)
    )


def contact(order: Order, number: int, kind: str, day: date) -> None:
    Contact.objects.create(
        contact_id=f"c{number}", order=order, contact_type=kind, contact_date=day
    )


def test_no_records_no_span(db):
    assert engine.data_span(TODAY) is None


def test_the_span_runs_from_the_earliest_to_the_latest_event_of_any_type(cpo):
    contact(cpo, 1, "REVIEW", date(2021, 7, 9))  # before the order began: still an event
    contact(cpo, 2, "FACE_TO_FACE", date(2023, 1, 4))
    contact(cpo, 3, "INDUCTION", date(2025, 11, 30))
    assert engine.data_span(TODAY) == (date(2021, 7, 9), date(2025, 11, 30))


def test_dates_after_today_are_left_out(cpo):
    contact(cpo, 1, "REVIEW", date(2026, 4, 1))
    cpo.end_date, cpo.end_reason = date(2027, 1, 1), "COMPLETED"
    cpo.save()
    assert engine.data_span(TODAY) == (date(2022, 5, 3), date(2022, 5, 3))


def test_a_code_no_list_knows_still_counts(cpo):
    # Imports check codes; a code dropped from a later release may still be stored.
    contact(cpo, 1, "OLD_KIND", date(2019, 2, 2))
    assert engine.data_span(TODAY) == (date(2019, 2, 2), date(2022, 5, 3))


KINDS = st.sampled_from(["FACE_TO_FACE", "INDUCTION", "REVIEW", "REENGAGEMENT_REVIEW", "A"])
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(contacts=st.lists(st.tuples(KINDS, DAYS), max_size=12))
def test_the_extremes_by_code_are_the_extremes_of_all_rows(cpo, contacts):
    Contact.objects.all().delete()
    for number, (kind, day) in enumerate(contacts):
        contact(cpo, number, kind, day)
    days = [day for _, day in contacts]
    found = [extreme_by_code(Contact, f, "contact_date", "contact_type") for f in ("MIN", "MAX")]
    found = [date.fromisoformat(d) if isinstance(d, str) else d for d in found]
    assert found == ([min(days), max(days)] if days else [None, None])


def test_a_whole_table_of_one_code_gives_its_own_ends(cpo):
    for number in range(5):
        contact(cpo, number, "REVIEW", date(2024, 1, 1) + timedelta(days=40 * number))
    assert engine.data_span(TODAY) == (date(2022, 5, 3), date(2024, 1, 1) + timedelta(days=160))
