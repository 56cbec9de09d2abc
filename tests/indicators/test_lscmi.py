"""LSCMI PIs: assessments completed within 20 working days, and current orders with a
case management plan.

Deadlines below were counted by hand on a calendar, working days only, Scottish bank
holidays removed: Fri 31 May 2024 + 20 working days = Fri 28 June (Q1);
Mon 3 June 2024 + 20 = Mon 1 July (Q2); Fri 6 December 2024 + 20 = Thu 9 January 2025
(Q4), because 25 and 26 December and 1 and 2 January are bank holidays.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.indicators.factories import (
    assessment,
    by_period,
    fraction,
    order,
    requirement,
    supervised_cpo,
    values,
)

pytestmark = pytest.mark.django_db

FRI_31_MAY = date(2024, 5, 31)  # deadline Fri 28 June 2024
MON_3_JUNE = date(2024, 6, 3)  # deadline Mon 1 July 2024


def test_lscmi_20_days_follows_every_timeliness_rule() -> None:
    assessment(FRI_31_MAY, completed=date(2024, 6, 28))  # on the deadline: met, Q1
    assessment(FRI_31_MAY, completed=date(2024, 6, 29))  # one day late: not met, Q1
    assessment(FRI_31_MAY)  # never completed, no order: not met, Q1
    assessment(MON_3_JUNE, completed=date(2024, 6, 5))  # deadline in Q2: met there
    revoked = order(FRI_31_MAY, end=date(2024, 6, 14), end_reason="REVOKED_OTHER")
    assessment(FRI_31_MAY, of=revoked, completed=date(2024, 6, 20))  # after the end: not counted
    ended = order(FRI_31_MAY, end=date(2024, 6, 14), end_reason="REVOKED_OTHER")
    assessment(FRI_31_MAY, of=ended, completed=date(2024, 6, 14))  # on the end date: met, Q1
    ends_on_deadline = order(FRI_31_MAY, end=date(2024, 6, 28))
    assessment(FRI_31_MAY, of=ends_on_deadline)  # ended on, not before, the deadline: not met
    licence = order(FRI_31_MAY, order_type="LICENCE", end=date(2024, 6, 7), end_reason="OTHER")
    assessment(FRI_31_MAY, of=licence)  # any order type ending early: not counted
    assessment(FRI_31_MAY, assessment_type="CALEDONIAN")  # another type: decoy

    q1 = by_period("lscmi-20-days")["2024-25-Q1"]
    assert fraction(q1) == (2, 5, Decimal("40.0"))  # 2 of 5: on deadline, on end date
    assert values("lscmi-20-days")["2024-25-Q2"] == Decimal("100.0")  # 1 of 1


def test_lscmi_20_days_is_blank_in_a_quarter_with_nothing_due() -> None:
    assessment(MON_3_JUNE, completed=date(2024, 6, 5))  # due in Q2 only

    q1 = by_period("lscmi-20-days")["2024-25-Q1"]
    assert fraction(q1) == (0, 0, None)


def test_lscmi_20_days_skips_christmas_and_new_year_holidays() -> None:
    fri_6_december = date(2024, 12, 6)  # deadline Thu 9 January 2025, not Fri 3 January
    assessment(fri_6_december, completed=date(2025, 1, 9))  # on the deadline: met
    assessment(fri_6_december, completed=date(2025, 1, 10))  # one day late: not met

    assert values("lscmi-20-days") == {
        "2024-25-Q1": None,
        "2024-25-Q2": None,
        "2024-25-Q3": None,  # nothing due in December: the deadline moved into Q4
        "2024-25-Q4": Decimal("50.0"),  # 1 of 2
    }


def test_lscmi_20_days_counts_an_assessment_begun_last_year_by_its_deadline() -> None:
    # Fri 8 March 2024 + 20 working days: Good Friday 29 March is a holiday, Easter Monday
    # 1 April is not, so the deadline is Mon 8 April 2024, in 2024-25-Q1.
    assessment(date(2024, 3, 8), completed=date(2024, 4, 8))

    assert values("lscmi-20-days")["2024-25-Q1"] == Decimal("100.0")  # 1 of 1


def test_orders_with_cmp_takes_supervised_cpos_current_at_the_quarter_end() -> None:
    # Q1 ends Sun 30 June 2024; Q2 ends Mon 30 September 2024.
    in_time = supervised_cpo(FRI_31_MAY)  # 20th working day 28 June: in Q1's population
    assessment(FRI_31_MAY, of=in_time, cmp=date(2024, 6, 30))  # plan on the quarter end: has it
    too_new = supervised_cpo(MON_3_JUNE)  # 20th working day 1 July: not in Q1, in Q2
    assessment(MON_3_JUNE, of=too_new, cmp=date(2024, 9, 30))  # plan on Q2's last day
    gone = supervised_cpo(date(2024, 1, 10), end=date(2024, 6, 29))  # not active 30 June
    assessment(date(2024, 1, 10), of=gone, cmp=date(2024, 2, 1))
    last_day = supervised_cpo(date(2024, 1, 10), end=date(2024, 6, 30))  # active 30 June
    assessment(date(2024, 1, 10), of=last_day, cmp=date(2024, 7, 1))  # plan a day late: no
    unsupervised = order(date(2024, 1, 10))
    requirement(unsupervised, "UPW", hours=100)  # no SUPERVISION requirement: decoy
    assessment(date(2024, 1, 10), of=unsupervised, cmp=date(2024, 2, 1))
    wrong_type = supervised_cpo(date(2024, 1, 10))
    assessment(date(2024, 1, 10), of=wrong_type, assessment_type="CALEDONIAN", cmp=date(2024, 2, 1))
    assessment(date(2024, 1, 10), of=wrong_type, completed=date(2024, 2, 1))  # no cmp_date
    no_order_id = supervised_cpo(date(2024, 1, 10))
    assessment(date(2024, 1, 10), who=no_order_id.person, cmp=date(2024, 2, 1))  # not linked

    q1, q2 = by_period("orders-with-cmp")["2024-25-Q1"], by_period("orders-with-cmp")["2024-25-Q2"]
    # Q1: in_time, last_day, wrong_type, no_order_id; only in_time has its plan by 30 June
    assert fraction(q1) == (1, 4, Decimal("25.0"))
    # Q2: in_time, too_new, wrong_type, no_order_id; in_time and too_new have plans
    assert fraction(q2) == (2, 4, Decimal("50.0"))
