"""Return PIs: the value entered for the period, blank (never zero) when none was entered.

indicators.md, "Kinds of PI": a return has a blank numerator and denominator and "the
entered value; blank if none was entered".
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.indicators.factories import by_period, entered, fraction, values

QUARTERLY_RETURNS = ["significant-reviews", "qa-case-files"]
ANNUAL_RETURNS = ["mappa-clients", "placement-feedback"]


@pytest.mark.django_db
@pytest.mark.parametrize("pi_id", QUARTERLY_RETURNS)
def test_a_quarterly_return_shows_what_was_entered_and_blank_elsewhere(pi_id: str) -> None:
    entered(pi_id, "2024-25-Q2", "3")
    entered(pi_id, "2024-25-Q4", "0")  # an entered zero is a zero, not a blank
    entered(pi_id, "2023-24-Q4", "9")  # the year before: outside
    entered("mappa-clients", "2024-25-Q1", "7")  # another PI's return: decoy

    assert values(pi_id) == {
        "2024-25-Q1": None,
        "2024-25-Q2": Decimal("3"),
        "2024-25-Q3": None,
        "2024-25-Q4": Decimal("0"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("pi_id", QUARTERLY_RETURNS + ANNUAL_RETURNS)
def test_a_return_has_a_blank_numerator_and_denominator(pi_id: str) -> None:
    period = "2024-25-Q3" if pi_id in QUARTERLY_RETURNS else "2024-25"
    entered(pi_id, period, "12.5")

    assert fraction(by_period(pi_id)[period]) == (None, None, Decimal("12.5"))


@pytest.mark.django_db
@pytest.mark.parametrize("pi_id", ANNUAL_RETURNS)
def test_an_annual_return_has_one_row_per_year(pi_id: str) -> None:
    entered(pi_id, "2024-25", "41")
    entered(pi_id, "2025-26", "2")
    entered(pi_id, "2023-24-Q2", "5")  # a quarter's label: not a period of an annual PI

    assert values(pi_id, 2023, last_year=2025) == {
        "2023-24": None,  # nothing entered: blank, not 0
        "2024-25": Decimal("41"),
        "2025-26": Decimal("2"),
    }
