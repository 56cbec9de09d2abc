"""Objective 1 PIs counted from records: CPOs, people on CPOs, UPW requirements and hours,
licence releases.

Each test is a table: rows just inside and just outside the period, decoys in excluded
states, and the expected figure as arithmetic. FY 2024-25: Q1 is 1 April to 30 June 2024,
Q4 is 1 January to 31 March 2025.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.indicators.factories import (
    by_period,
    fraction,
    order,
    person,
    requirement,
    session,
    upw,
    values,
)

pytestmark = pytest.mark.django_db


def test_cpos_imposed_counts_cpos_by_start_date() -> None:
    twice = person()
    order(date(2024, 3, 31))  # the day before the year: outside
    order(date(2024, 4, 1), who=twice)  # Q1
    order(date(2024, 6, 30), who=twice)  # Q1, same person: orders are counted, not people
    order(date(2024, 5, 1), end=date(2024, 5, 2), end_reason="TRANSFERRED")  # Q1: still imposed
    order(date(2024, 5, 1), order_type="DTTO")  # another order type: decoy
    order(date(2024, 7, 1))  # Q2
    order(date(2025, 3, 31))  # Q4
    order(date(2025, 4, 1))  # the next year: outside

    assert values("cpos-imposed") == {
        "2024-25-Q1": 3,  # 1 April, 30 June, the transferred one
        "2024-25-Q2": 1,
        "2024-25-Q3": 0,
        "2024-25-Q4": 1,
    }


def test_a_count_has_a_blank_denominator_and_its_value_is_the_numerator() -> None:
    order(date(2024, 8, 1))
    order(date(2024, 9, 1))

    assert fraction(by_period("cpos-imposed")["2024-25-Q2"]) == (2, None, 2)


def test_people_on_cpos_counts_each_person_once_while_any_cpo_is_active() -> None:
    ends_on_q1_start = person()
    order(date(2023, 1, 1), end=date(2024, 4, 1), who=ends_on_q1_start)  # Q1 only
    two_cpos = person()
    order(date(2024, 6, 30), who=two_cpos)  # open: Q1 to Q4
    order(date(2024, 5, 1), who=two_cpos)  # also open: the same person, counted once
    ended_before = person()
    order(date(2023, 5, 1), end=date(2024, 3, 31), who=ended_before)  # ended the day before
    licence = person()
    order(date(2024, 1, 1), order_type="LICENCE", who=licence)  # not a CPO: decoy
    last_day = person()
    order(date(2025, 3, 31), who=last_day)  # Q4 only
    next_year = person()
    order(date(2025, 4, 1), who=next_year)  # outside
    two_short = person()
    order(date(2024, 4, 10), end=date(2024, 4, 20), who=two_short)  # Q1
    order(date(2024, 5, 10), end=date(2024, 5, 20), who=two_short)  # Q1 again: once
    transferred = person()
    order(
        date(2024, 1, 1), end=date(2024, 7, 1), end_reason="TRANSFERRED", who=transferred
    )  # Q1 and Q2: active during Q2 for its last day

    assert values("people-on-cpos") == {
        "2024-25-Q1": 4,  # ends_on_q1_start, two_cpos, two_short, transferred
        "2024-25-Q2": 2,  # two_cpos, transferred
        "2024-25-Q3": 1,  # two_cpos
        "2024-25-Q4": 2,  # two_cpos, last_day
    }


def test_upw_requirements_counts_requirements_by_their_orders_start_date() -> None:
    upw(order(date(2024, 3, 31)))  # order began the day before: outside
    both = order(date(2024, 4, 1))
    upw(both)  # Q1
    upw(both)  # a second UPW requirement on the same order: Q1 again
    on_last_day = order(date(2024, 6, 30))
    upw(on_last_day, completed=date(2024, 8, 1))  # Q1: completion does not matter
    requirement(both, "SUPERVISION")  # another requirement type: decoy
    requirement(order(date(2024, 5, 1)), "PROGRAMME", programme="OTHER")  # decoy
    upw(order(date(2024, 7, 1)))  # Q2
    upw(order(date(2025, 4, 1)))  # outside

    assert values("upw-requirements") == {
        "2024-25-Q1": 3,  # two on 1 April, one on 30 June
        "2024-25-Q2": 1,
        "2024-25-Q3": 0,
        "2024-25-Q4": 0,
    }


def test_upw_hours_adds_every_placement_type_within_the_year() -> None:
    work = upw(order(date(2024, 1, 8)))
    session(work, date(2024, 3, 31), "5.00")  # the day before the year: outside
    session(work, date(2024, 4, 1), "7.25", "GROUP")
    session(work, date(2024, 10, 10), "0.25", "OTHER_ACTIVITY")
    session(work, date(2025, 3, 31), "3.50", "INDIVIDUAL")
    session(work, date(2025, 4, 1), "6.00")  # the next year: outside

    cell = by_period("upw-hours")["2024-25"]
    assert fraction(cell) == (Decimal("11.00"), None, Decimal("11.00"))  # 7.25 + 0.25 + 3.50


def test_upw_hours_with_no_sessions_is_zero() -> None:
    work = upw(order(date(2024, 1, 8)))
    session(work, date(2024, 3, 31), "5.00")  # the year before only

    assert values("upw-hours") == {"2024-25": 0}


def test_upw_hours_gives_one_row_per_financial_year() -> None:
    work = upw(order(date(2023, 1, 9)))
    session(work, date(2023, 4, 1), "1.5")
    session(work, date(2024, 3, 31), "2.25")
    session(work, date(2024, 4, 1), "4")

    assert values("upw-hours", 2023, last_year=2024) == {
        "2023-24": Decimal("3.75"),  # 1.5 + 2.25
        "2024-25": Decimal("4"),
    }


def test_licence_releases_counts_people_released_in_the_quarter_once() -> None:
    twice = person()
    order(date(2024, 4, 1), order_type="LICENCE", who=twice)  # Q1
    order(date(2024, 6, 30), order_type="LICENCE", who=twice)  # Q1 again: once
    order(date(2024, 7, 1), order_type="LICENCE", who=twice)  # Q2: once there too
    order(date(2024, 5, 1), order_type="LICENCE")  # Q1
    order(date(2024, 3, 31), order_type="LICENCE")  # the day before: outside
    order(date(2024, 5, 1), order_type="CPO")  # not a licence: decoy
    order(date(2024, 1, 1), order_type="LICENCE")  # on licence in Q1, released before: no
    order(date(2025, 3, 31), order_type="LICENCE", end=date(2025, 3, 31))  # Q4

    assert values("licence-releases") == {
        "2024-25-Q1": 2,  # twice, and the 1 May release
        "2024-25-Q2": 1,
        "2024-25-Q3": 0,
        "2024-25-Q4": 1,
    }


def test_periods_run_from_the_first_quarter_of_the_first_year_to_the_last_of_the_last() -> None:
    order(date(2023, 4, 1))  # 2023-24-Q1, the first day of the range
    order(date(2026, 3, 31))  # 2025-26-Q4, the last day of the range
    order(date(2026, 4, 1))  # after the range

    counted = values("cpos-imposed", 2023, last_year=2025)
    assert list(counted) == [
        f"{year}-{str(year + 1)[2:]}-Q{quarter}"
        for year in (2023, 2024, 2025)
        for quarter in (1, 2, 3, 4)
    ]
    assert (counted["2023-24-Q1"], counted["2025-26-Q4"]) == (1, 1)
    assert sum(value or 0 for value in counted.values()) == 2  # 1 + 1: nothing else
