"""A field test means the same in the database (`field_q`) as on fetched values
(`field_passes`): both are used, so they must agree row for row."""

from __future__ import annotations

from datetime import date

import pytest

from jsw.framework.definition import FieldTest
from jsw.indicators.compiler import field_passes, field_q
from jsw.records.models import Assessment, Order, Person, Requirement

TESTS = [
    {"field": "order_type", "in": ["CPO"]},
    {"field": "end_reason", "not_in": ["TRANSFERRED", "DIED"]},
    {"field": "end_reason", "blank": True},
    {"field": "end_reason", "blank": False},
    {"field": "domestic_abuse", "is": True},
    {"field": "domestic_abuse", "is": False},
    {"field": "team", "in": ["North"]},
]
REQUIREMENT_TESTS = [
    {"field": "hours", "lte": 100},
    {"field": "hours", "gte": 101},
    {"field": "hours", "blank": True},
    {"field": "order.end_date", "blank": True},
    {"field": "order.order_type", "in": ["CPO"]},
]


@pytest.fixture
def orders(db):
    Person.objects.create(person_id="p1")
    rows = [
        ("o1", "CPO", None, "", True, "North"),
        ("o2", "CPO", date(2024, 5, 1), "TRANSFERRED", False, ""),
        ("o3", "DIVERSION", date(2024, 5, 1), "COMPLETED", False, "South"),
        ("o4", "CPO", date(2024, 6, 1), "DIED", True, "North"),
    ]
    for order_id, kind, end, reason, da, team in rows:
        Order.objects.create(
            order_id=order_id, person_id="p1", order_type=kind, start_date=date(2024, 4, 1),
            end_date=end, end_reason=reason, domestic_abuse=da, team=team,
        )  # fmt: skip
    for n, hours in enumerate([None, 100, 101, 20]):
        Requirement.objects.create(
            requirement_id=f"r{n}", order_id=f"o{n + 1}",
            requirement_type="UPW" if hours else "SUPERVISION", hours=hours,
        )  # fmt: skip


@pytest.mark.parametrize("test", TESTS)
def test_order_tests_agree(orders, test):
    field_test = FieldTest.model_validate(test)
    in_database = set(Order.objects.filter(field_q(Order, field_test)).values_list("pk", flat=True))
    values = Order.objects.values_list("pk", field_test.field)
    in_python = {pk for pk, value in values if field_passes(value, field_test)}
    assert in_database == in_python


@pytest.mark.parametrize("test", REQUIREMENT_TESTS)
def test_tests_through_a_parent_agree(orders, test):
    field_test = FieldTest.model_validate(test)
    selected = Requirement.objects.filter(field_q(Requirement, field_test))
    in_database = set(selected.values_list("pk", flat=True))
    values = Requirement.objects.values_list("pk", field_test.field.replace(".", "__"))
    in_python = {pk for pk, value in values if field_passes(value, field_test)}
    assert in_database == in_python


# Through a link that may be blank: an assessment without an order has no order values.
ASSESSMENT_TESTS = [
    {"field": "order.domestic_abuse", "is": True},
    {"field": "order.domestic_abuse", "is": False},
    {"field": "order.order_type", "in": ["CPO"]},
    {"field": "order.order_type", "not_in": ["CPO"]},
    {"field": "order.end_date", "blank": True},
    {"field": "order.end_reason", "blank": False},
]


@pytest.mark.parametrize("test", ASSESSMENT_TESTS)
def test_tests_through_a_blank_link_agree(orders, test):
    for n, order_id in enumerate(["o1", "o2", "o3", None]):
        Assessment.objects.create(
            assessment_id=f"a{n}", person_id="p1", order_id=order_id,
            assessment_type="LSCMI", start_date=date(2024, 4, 2),
        )  # fmt: skip
    field_test = FieldTest.model_validate(test)
    selected = Assessment.objects.filter(field_q(Assessment, field_test))
    in_database = set(selected.values_list("pk", flat=True))
    values = Assessment.objects.values_list("pk", field_test.field.replace(".", "__"))
    in_python = {pk for pk, value in values if field_passes(value, field_test)}
    assert in_database == in_python
