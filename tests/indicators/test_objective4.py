"""Objective 4 PIs (and diversion-people of objective 3): people on non-custodial orders,
their successful completions, FWOs, the Women's Centre, 16/17 year olds on CPOs, Support Work
referrals.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.indicators.factories import order, person, service, values

pytestmark = pytest.mark.django_db

PEOPLE_ON = [
    ("diversion-people", "DIVERSION"),
    ("bail-people", "BAIL_SUPERVISION"),
    ("problem-solving-people", "PROBLEM_SOLVING"),
    ("sds-people", "SDS"),
]
SUCCESSFUL = [
    ("diversion-successful", "DIVERSION"),
    ("bail-successful", "BAIL_SUPERVISION"),
    ("problem-solving-successful", "PROBLEM_SOLVING"),
    ("sds-successful", "SDS"),
]


@pytest.mark.parametrize(("pi_id", "order_type"), PEOPLE_ON)
def test_people_on_an_order_type_are_counted_once_while_active(pi_id: str, order_type: str) -> None:
    ends_on_q1_start = person()
    order(date(2023, 6, 1), order_type=order_type, end=date(2024, 4, 1), who=ends_on_q1_start)
    two_orders = person()
    order(date(2024, 6, 30), order_type=order_type, who=two_orders)  # open: Q1 to Q4
    order(date(2024, 5, 1), order_type=order_type, who=two_orders)  # the same person: once
    ended_before = person()
    order(date(2023, 6, 1), order_type=order_type, end=date(2024, 3, 31), who=ended_before)
    on_a_cpo = person()
    order(date(2024, 1, 1), order_type="CPO", who=on_a_cpo)  # another order type: decoy
    last_day = person()
    order(date(2025, 3, 31), order_type=order_type, who=last_day)  # Q4
    next_year = person()
    order(date(2025, 4, 1), order_type=order_type, who=next_year)  # outside
    transferred = person()
    order(
        date(2024, 1, 1),
        order_type=order_type,
        end=date(2024, 10, 1),
        end_reason="TRANSFERRED",
        who=transferred,
    )  # Q1 to Q3: however it ended, it was active

    assert values(pi_id) == {
        "2024-25-Q1": 3,  # ends_on_q1_start, two_orders, transferred
        "2024-25-Q2": 2,  # two_orders, transferred
        "2024-25-Q3": 2,  # two_orders, transferred (its last day is 1 October)
        "2024-25-Q4": 2,  # two_orders, last_day
    }


@pytest.mark.parametrize(("pi_id", "order_type"), SUCCESSFUL)
def test_successful_completions_are_counted_by_end_date(pi_id: str, order_type: str) -> None:
    began = date(2023, 10, 2)
    order(began, order_type=order_type, end=date(2024, 4, 1), end_reason="COMPLETED")  # Q1
    order(began, order_type=order_type, end=date(2024, 6, 30), end_reason="EARLY_DISCHARGE")
    for reason in ("REVOKED_BREACH", "REVOKED_OTHER", "TRANSFERRED", "DIED", "OTHER"):
        order(began, order_type=order_type, end=date(2024, 5, 1), end_reason=reason)  # no
    order(began, order_type=order_type, end=date(2024, 3, 31), end_reason="COMPLETED")  # outside
    order(began, order_type=order_type)  # still open
    order(began, order_type="CPO", end=date(2024, 5, 1), end_reason="COMPLETED")  # decoy
    order(began, order_type=order_type, end=date(2024, 7, 1), end_reason="COMPLETED")  # Q2
    order(began, order_type=order_type, end=date(2025, 4, 1), end_reason="COMPLETED")  # outside

    assert values(pi_id) == {
        "2024-25-Q1": 2,  # completed 1 April, discharged early 30 June
        "2024-25-Q2": 1,
        "2024-25-Q3": 0,
        "2024-25-Q4": 0,
    }


def test_fiscal_work_orders_are_counted_by_start_date() -> None:
    order(date(2024, 3, 31), order_type="FWO")  # the day before: outside
    order(date(2024, 4, 1), order_type="FWO")  # Q1
    order(date(2024, 9, 30), order_type="FWO", end=date(2024, 10, 1), end_reason="OTHER")  # Q2
    order(date(2024, 10, 1), order_type="FWO")  # Q3
    order(date(2024, 10, 1), order_type="DIVERSION")  # decoy
    order(date(2025, 3, 31), order_type="FWO")  # Q4
    order(date(2025, 4, 1), order_type="FWO")  # outside

    assert values("fwo-imposed") == {
        "2024-25-Q1": 1,
        "2024-25-Q2": 1,
        "2024-25-Q3": 1,
        "2024-25-Q4": 1,
    }


def test_womens_centre_counts_women_supported_during_the_quarter_once() -> None:
    service(date(2024, 1, 1))  # open: Q1 to Q4
    service(date(2024, 6, 30), end=date(2024, 7, 1))  # Q1 and Q2
    service(date(2024, 5, 1), who=person(sex="M"))  # not a woman: decoy
    service(date(2024, 5, 1), who=person(sex="X"))  # decoy
    service(date(2024, 5, 1), who=person(sex="U"))  # decoy
    service(date(2024, 5, 1), "SUPPORT_WORK")  # another service: decoy
    service(date(2023, 1, 1), end=date(2024, 3, 31))  # ended the day before: outside
    twice = person(sex="F")
    service(date(2024, 4, 10), end=date(2024, 4, 20), who=twice)  # Q1
    service(date(2024, 5, 10), who=twice)  # Q1 again: once; and Q2 to Q4
    service(date(2025, 3, 31))  # Q4

    assert values("womens-centre") == {
        "2024-25-Q1": 3,  # the open one, 30 June, twice
        "2024-25-Q2": 3,  # the open one, 30 June (ends 1 July), twice
        "2024-25-Q3": 2,  # the open one, twice
        "2024-25-Q4": 3,  # the open one, twice, 31 March
    }


def test_cpo_16_17_counts_people_by_their_age_on_that_cpos_start() -> None:
    start = date(2024, 4, 1)
    order(start, who=person(born=date(2008, 4, 1)))  # 16 on the day: yes
    order(start, who=person(born=date(2008, 4, 2)))  # 15: no
    order(start, who=person(born=date(2006, 4, 2)))  # 17, 18 tomorrow: yes
    order(start, who=person(born=date(2006, 4, 1)))  # 18 on the day: no
    order(start, who=person(born=None))  # no date of birth: never counted
    order(date(2022, 2, 28), who=person(born=date(2004, 2, 29)))  # 17 (18 on 1 March): yes
    order(date(2022, 3, 1), who=person(born=date(2004, 2, 29)))  # 18: no
    order(date(2024, 2, 29), who=person(born=date(2008, 2, 29)))  # 16 on the day: yes
    order(date(2024, 2, 28), who=person(born=date(2008, 2, 29)))  # 15: no
    order(start, order_type="DTTO", who=person(born=date(2008, 1, 1)))  # not a CPO: decoy
    ended = person(born=date(2007, 1, 1))
    order(date(2023, 6, 1), end=date(2024, 3, 31), who=ended)  # 16 but ended before Q1: no
    two = person(born=date(2007, 6, 1))
    order(date(2023, 7, 1), who=two)  # 16: yes
    order(date(2024, 7, 1), who=two)  # 17: the same person, counted once
    older_now = person(born=date(2006, 6, 1))
    order(date(2023, 1, 2), end=date(2023, 12, 1), who=older_now)  # 16, ended before Q1
    order(date(2024, 6, 1), who=older_now)  # 18 on this CPO, the one active: no

    assert values("cpo-16-17") == {
        "2024-25-Q1": 5,  # 2008-04-01, 2006-04-02, 2004-02-29 at 17, 2008-02-29 at 16, two
        "2024-25-Q2": 5,
        "2024-25-Q3": 5,
        "2024-25-Q4": 5,
    }


def test_support_work_referrals_count_referrals_not_people() -> None:
    twice = person()
    service(date(2024, 4, 1), "SUPPORT_WORK", who=twice)  # Q1
    service(date(2024, 6, 30), "SUPPORT_WORK", who=twice)  # Q1 again: counted again
    service(date(2024, 5, 1), "WOMENS_CENTRE")  # another service: decoy
    service(date(2024, 3, 31), "SUPPORT_WORK")  # the day before: outside
    service(date(2024, 1, 1), "SUPPORT_WORK")  # still open in Q1, referred before: no
    service(date(2025, 3, 31), "SUPPORT_WORK")  # Q4

    assert values("support-work-referrals") == {
        "2024-25-Q1": 2,
        "2024-25-Q2": 0,
        "2024-25-Q3": 0,
        "2024-25-Q4": 1,
    }
