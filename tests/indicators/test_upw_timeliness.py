"""UPW PIs: started within 7 working days, completed in time, average days to complete.

Deadlines counted by hand:

    order start       +7 working days
    Wed 19 Jun 2024   Fri 28 Jun (Q1)
    Thu 20 Jun 2024   Mon 1 Jul (Q2)
    Fri 2 Aug 2024    Wed 14 Aug        Mon 5 August is Scotland's summer bank holiday
    Fri 26 Apr 2024   Wed 8 May         Mon 6 May is the early May bank holiday

    order start       hours   + months
    Sun 31 Mar 2024   100     3: Sun 30 Jun 2024 (Q1; June has no 31st)
    Sun 31 Mar 2024   101     6: Mon 30 Sep 2024 (Q2)
    Mon 1 Apr 2024    100     3: Mon 1 Jul 2024 (Q2)
    Sat 31 Aug 2024   101     6: Fri 28 Feb 2025 (Q4; 2025 is a common year)
    Thu 30 Nov 2023   60      3: Thu 29 Feb 2024 (2023-24-Q4; 2024 is a leap year)
    Thu 31 Aug 2023   101     6: Thu 29 Feb 2024 (2023-24-Q4)
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.indicators.factories import (
    by_period,
    fraction,
    order,
    requirement,
    session,
    upw,
    values,
)

pytestmark = pytest.mark.django_db

WED_19_JUNE = date(2024, 6, 19)  # first session due by Fri 28 June


def test_upw_start_within_seven_working_days_follows_every_timeliness_rule() -> None:
    two = upw(order(WED_19_JUNE))
    session(two, date(2024, 6, 28))
    session(two, date(2024, 6, 21))  # the earliest session counts: met
    session(upw(order(WED_19_JUNE)), date(2024, 6, 28))  # on the deadline: met
    session(upw(order(WED_19_JUNE)), date(2024, 6, 29))  # one day late: not met
    upw(order(WED_19_JUNE))  # never started: not met
    upw(order(WED_19_JUNE, end=date(2024, 6, 24), end_reason="REVOKED_OTHER"))  # not counted
    ended = upw(order(WED_19_JUNE, end=date(2024, 6, 24), end_reason="REVOKED_OTHER"))
    session(ended, date(2024, 6, 24))  # started on the end date: met
    after_end = upw(order(WED_19_JUNE, end=date(2024, 6, 24), end_reason="REVOKED_OTHER"))
    session(after_end, date(2024, 6, 25))  # after the end, before the deadline: not counted
    requirement(order(WED_19_JUNE), "SUPERVISION")  # not UPW: decoy
    session(upw(order(date(2024, 6, 20))), date(2024, 7, 1))  # due Mon 1 July: met, in Q2

    # Q1 met: two, on the deadline, ended; not met: a day late, never started
    assert fraction(by_period("upw-start-7-days")["2024-25-Q1"]) == (3, 5, Decimal("60.0"))
    assert fraction(by_period("upw-start-7-days")["2024-25-Q2"]) == (1, 1, Decimal("100.0"))


@pytest.mark.parametrize(
    ("start", "deadline"),
    [
        (date(2024, 8, 2), date(2024, 8, 14)),  # summer bank holiday Mon 5 August
        (date(2024, 4, 26), date(2024, 5, 8)),  # early May bank holiday Mon 6 May
    ],
)
def test_upw_start_deadline_skips_bank_holidays(start: date, deadline: date) -> None:
    session(upw(order(start)), deadline)  # met
    session(upw(order(start)), date.fromordinal(deadline.toordinal() + 1))  # not met

    due = [cell for cell in by_period("upw-start-7-days").values() if cell.denominator]
    assert [fraction(cell) for cell in due] == [(1, 2, Decimal("50.0"))]  # 1 of 2


def test_upw_completed_in_time_uses_due_date_or_three_or_six_months() -> None:
    sun_31_march = date(2024, 3, 31)
    upw(order(sun_31_march), hours=100, completed=date(2024, 6, 30))  # 3 months: on the day
    upw(order(sun_31_march), hours=101, completed=date(2024, 7, 1))  # 6 months: Q2, met
    upw(order(date(2024, 4, 1)), hours=100, completed=date(2024, 7, 2))  # Q2: a day late
    upw(order(date(2024, 8, 31)), hours=101)  # due 28 February 2025: never done, Q4
    upw(
        order(date(2024, 4, 10)), hours=300, due=date(2024, 5, 15), completed=date(2024, 5, 15)
    )  # the court's due date, not 6 months: Q1, met
    upw(
        order(date(2024, 4, 10)), hours=50, due=date(2024, 5, 15), completed=date(2024, 5, 16)
    )  # a day after the court's date, though within 3 months: Q1, not met
    upw(order(date(2024, 4, 10)), hours=50, due=date(2024, 10, 1))  # due in Q3, not done
    upw(
        order(date(2024, 4, 1), end=date(2024, 6, 15), end_reason="REVOKED_BREACH"), hours=100
    )  # ended before its deadline (1 July) unfinished: not counted
    upw(
        order(date(2024, 4, 1), end=date(2024, 6, 15), end_reason="REVOKED_BREACH"),
        hours=100,
        completed=date(2024, 6, 15),
    )  # finished on the end date: Q2, met
    requirement(order(sun_31_march), "SUPERVISION", completed=date(2024, 6, 1))  # decoy

    assert fraction(by_period("upw-completed-in-time")["2024-25-Q1"]) == (2, 3, Decimal("66.7"))
    assert values("upw-completed-in-time") == {
        "2024-25-Q1": Decimal("66.7"),  # 2 of 3
        "2024-25-Q2": Decimal("66.7"),  # 2 of 3
        "2024-25-Q3": Decimal("0.0"),  # 0 of 1
        "2024-25-Q4": Decimal("0.0"),  # 0 of 1
    }


def test_upw_completed_in_time_clamps_to_29_february_in_a_leap_year() -> None:
    upw(order(date(2023, 11, 30)), hours=60, completed=date(2024, 2, 29))  # on the deadline
    upw(order(date(2023, 11, 30)), hours=60, completed=date(2024, 3, 1))  # a day late
    upw(order(date(2023, 8, 31)), hours=101, completed=date(2024, 2, 29))  # 6 months: met

    q4 = by_period("upw-completed-in-time", 2023)["2023-24-Q4"]
    assert fraction(q4) == (2, 3, Decimal("66.7"))  # 2 of 3


def test_upw_average_days_rounds_the_mean_half_away_from_zero() -> None:
    upw(order(date(2024, 4, 1)), completed=date(2024, 4, 11))  # 10 days
    upw(order(date(2024, 3, 1)), completed=date(2024, 4, 1))  # 31 days (March has 31)
    upw(order(date(2024, 4, 1)), completed=date(2024, 4, 11))  # 10 days
    upw(order(date(2024, 5, 20)), completed=date(2024, 5, 30))  # 10 days
    upw(order(date(2024, 3, 1)), completed=date(2024, 3, 31))  # completed the day before
    upw(order(date(2024, 6, 30)), completed=date(2024, 7, 1))  # Q2: 1 day
    upw(order(date(2024, 4, 1)))  # not completed: not an item
    requirement(order(date(2024, 4, 1)), "SUPERVISION", completed=date(2024, 4, 2))  # decoy

    cells = by_period("upw-average-days")
    assert fraction(cells["2024-25-Q1"]) == (61, 4, Decimal("15.3"))  # 61 / 4 = 15.25
    assert fraction(cells["2024-25-Q2"]) == (1, 1, Decimal("1.0"))  # 1 / 1
    assert fraction(cells["2024-25-Q3"]) == (0, 0, None)  # no items: blank
