"""The three domestic abuse PIs: Caledonian assessments, Caledonian requirements, and
non-Caledonian CPOs imposed for domestic abuse offences (indicators.md splits the
framework's single line into these three).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.indicators.factories import assessment, order, requirement, values

pytestmark = pytest.mark.django_db


def test_caledonian_assessments_are_counted_by_completed_date() -> None:
    assessment(date(2024, 3, 1), assessment_type="CALEDONIAN", completed=date(2024, 3, 31))
    assessment(date(2024, 3, 1), assessment_type="CALEDONIAN", completed=date(2024, 4, 1))  # Q1
    assessment(date(2024, 6, 1), assessment_type="CALEDONIAN", completed=date(2024, 6, 30))  # Q1
    assessment(date(2024, 6, 1), assessment_type="CALEDONIAN", completed=date(2024, 7, 1))  # Q2
    assessment(date(2024, 5, 1), assessment_type="CALEDONIAN")  # started in Q1, not completed
    assessment(date(2024, 5, 1), assessment_type="LSCMI", completed=date(2024, 5, 2))  # decoy
    assessment(date(2025, 3, 1), assessment_type="CALEDONIAN", completed=date(2025, 4, 1))

    assert values("caledonian-assessments") == {
        "2024-25-Q1": 2,  # 1 April and 30 June
        "2024-25-Q2": 1,
        "2024-25-Q3": 0,
        "2024-25-Q4": 0,  # completed 1 April 2025: next year
    }


def test_caledonian_requirements_are_counted_by_their_orders_start_date() -> None:
    requirement(order(date(2024, 3, 31)), "PROGRAMME", programme="CALEDONIAN")  # outside
    requirement(order(date(2024, 4, 1)), "PROGRAMME", programme="CALEDONIAN")  # Q1
    requirement(order(date(2024, 6, 30)), "PROGRAMME", programme="CALEDONIAN")  # Q1
    requirement(order(date(2024, 5, 1)), "PROGRAMME", programme="MFMC")  # other programme
    requirement(order(date(2024, 5, 1)), "PROGRAMME", programme="OTHER")  # other programme
    requirement(order(date(2024, 5, 1)), "SUPERVISION")  # not a programme
    requirement(order(date(2024, 7, 1)), "PROGRAMME", programme="CALEDONIAN")  # Q2

    assert values("caledonian-requirements") == {
        "2024-25-Q1": 2,
        "2024-25-Q2": 1,
        "2024-25-Q3": 0,
        "2024-25-Q4": 0,
    }


def test_da_cpos_without_a_caledonian_requirement_are_counted() -> None:
    supervised = order(date(2024, 4, 1), domestic_abuse=True)
    requirement(supervised, "SUPERVISION")  # Q1: no Caledonian requirement
    caledonian = order(date(2024, 5, 1), domestic_abuse=True)
    requirement(caledonian, "SUPERVISION")
    requirement(caledonian, "PROGRAMME", programme="CALEDONIAN")  # has Caledonian: excluded
    other_programme = order(date(2024, 5, 1), domestic_abuse=True)
    requirement(other_programme, "PROGRAMME", programme="MFMC")  # Q1: not Caledonian
    order(date(2024, 6, 30), domestic_abuse=True)  # Q1: no requirements at all
    order(date(2024, 5, 1), domestic_abuse=False)  # not domestic abuse: decoy
    order(date(2024, 5, 1), order_type="DTTO", domestic_abuse=True)  # not a CPO: decoy
    order(date(2024, 3, 31), domestic_abuse=True)  # the day before the year: outside
    order(date(2024, 7, 1), domestic_abuse=True)  # Q2

    assert values("da-cpos-non-caledonian") == {
        "2024-25-Q1": 3,  # supervised, other_programme, no requirements
        "2024-25-Q2": 1,
        "2024-25-Q3": 0,
        "2024-25-Q4": 0,
    }
