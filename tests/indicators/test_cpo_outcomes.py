"""CPO outcome PIs: successful completions, breach applications, breach outcomes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.indicators.factories import breach, by_category, by_period, fraction, order, values

pytestmark = pytest.mark.django_db

OUTCOMES = ("CONTINUED", "VARIED", "FINE", "REVOKED_CUSTODY", "REVOKED_OTHER_SENTENCE", "WITHDRAWN")


def test_successful_completions_leave_out_transfers_and_deaths() -> None:
    began = date(2023, 10, 2)
    order(began, end=date(2024, 4, 1), end_reason="COMPLETED")  # Q1: successful
    order(began, end=date(2024, 6, 30), end_reason="EARLY_DISCHARGE")  # Q1: successful
    order(began, end=date(2024, 5, 1), end_reason="REVOKED_BREACH")  # Q1: not successful
    order(began, end=date(2024, 5, 1), end_reason="REVOKED_OTHER")  # Q1: not successful
    order(began, end=date(2024, 5, 1), end_reason="OTHER")  # Q1: not successful
    order(began, end=date(2024, 5, 1), end_reason="TRANSFERRED")  # left out
    order(began, end=date(2024, 5, 1), end_reason="DIED")  # left out
    order(began, end=date(2024, 3, 31), end_reason="COMPLETED")  # the day before: outside
    order(began)  # still open
    order(began, order_type="DIVERSION", end=date(2024, 5, 1), end_reason="COMPLETED")  # decoy
    order(began, end=date(2024, 7, 1), end_reason="COMPLETED")  # Q2

    q1 = by_period("cpo-successful-completions")["2024-25-Q1"]
    assert fraction(q1) == (2, 5, Decimal("40.0"))  # 2 of 5
    assert values("cpo-successful-completions") == {
        "2024-25-Q1": Decimal("40.0"),
        "2024-25-Q2": Decimal("100.0"),  # 1 of 1
        "2024-25-Q3": None,  # no CPO ended
        "2024-25-Q4": None,
    }


def test_a_proportion_rounds_half_away_from_zero() -> None:
    began = date(2023, 10, 2)
    order(began, end=date(2024, 5, 1), end_reason="COMPLETED")
    for _ in range(15):
        order(began, end=date(2024, 5, 1), end_reason="REVOKED_BREACH")

    q1 = by_period("cpo-successful-completions")["2024-25-Q1"]
    assert fraction(q1) == (1, 16, Decimal("6.3"))  # 1 of 16 = 6.25, half away from zero


def test_breach_applications_are_made_in_the_quarter_by_cpos_active_during_it() -> None:
    open_cpo = order(date(2024, 1, 1))
    breach(open_cpo, date(2024, 4, 1))  # Q1: has an application
    ends_q1_start = order(date(2024, 1, 1), end=date(2024, 4, 1), end_reason="REVOKED_BREACH")
    breach(ends_q1_start, date(2024, 3, 31))  # applied the day before Q1: none in Q1
    late_starter = order(date(2024, 6, 30))  # active in Q1, applied in Q2
    breach(late_starter, date(2024, 7, 1))
    twice = order(date(2024, 1, 1))
    breach(twice, date(2024, 5, 1))
    breach(twice, date(2024, 6, 1))  # two applications: the order is counted once
    withdrawn = order(date(2024, 1, 1))
    breach(withdrawn, date(2024, 6, 30), decided=date(2024, 7, 2), outcome="WITHDRAWN")  # Q1
    dtto = order(date(2024, 1, 1), order_type="DTTO")
    breach(dtto, date(2024, 5, 1))  # not a CPO: decoy
    order(date(2023, 1, 1), end=date(2024, 3, 31))  # ended before Q1: not in the population

    # Q1: open_cpo, ends_q1_start, late_starter, twice, withdrawn; applied: 3 of them
    assert fraction(by_period("cpo-breach-applications")["2024-25-Q1"]) == (3, 5, Decimal("60.0"))
    # Q2: open_cpo, late_starter, twice, withdrawn; applied: late_starter
    assert fraction(by_period("cpo-breach-applications")["2024-25-Q2"]) == (1, 4, Decimal("25.0"))


def test_breach_outcomes_list_every_outcome_with_zeros() -> None:
    cpo = order(date(2023, 6, 1))
    breach(cpo, date(2024, 3, 1), decided=date(2024, 4, 1), outcome="CONTINUED")
    breach(cpo, date(2025, 3, 1), decided=date(2025, 3, 31), outcome="CONTINUED")
    breach(cpo, date(2024, 10, 1), decided=date(2024, 10, 10), outcome="REVOKED_CUSTODY")
    breach(cpo, date(2024, 2, 1), decided=date(2024, 6, 1), outcome="WITHDRAWN")  # applied before
    breach(cpo, date(2024, 3, 1), decided=date(2024, 3, 31), outcome="FINE")  # year before
    breach(cpo, date(2025, 3, 1), decided=date(2025, 4, 1), outcome="FINE")  # year after
    breach(cpo, date(2024, 5, 1))  # undecided: not an item
    dtto = order(date(2023, 6, 1), order_type="DTTO")
    breach(dtto, date(2024, 5, 1), decided=date(2024, 5, 2), outcome="VARIED")  # not a CPO

    rows = by_category("cpo-breach-outcomes", "2024-25")
    assert {code: fraction(cell) for code, cell in rows.items()} == {
        "CONTINUED": (2, 4, Decimal("50.0")),  # 2 of 4
        "VARIED": (0, 4, Decimal("0.0")),
        "FINE": (0, 4, Decimal("0.0")),
        "REVOKED_CUSTODY": (1, 4, Decimal("25.0")),  # 1 of 4
        "REVOKED_OTHER_SENTENCE": (0, 4, Decimal("0.0")),
        "WITHDRAWN": (1, 4, Decimal("25.0")),  # 1 of 4
    }


def test_breach_outcomes_with_no_items_are_blank_for_every_outcome() -> None:
    cpo = order(date(2023, 6, 1))
    breach(cpo, date(2024, 3, 1), decided=date(2024, 3, 31), outcome="FINE")  # year before

    rows = by_category("cpo-breach-outcomes", "2024-25")
    assert {code: fraction(cell) for code, cell in rows.items()} == {
        code: (0, 0, None) for code in OUTCOMES
    }
