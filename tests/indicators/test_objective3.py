"""Objective 3 PIs: exit questionnaires and their scores, individual placement hours,
first reviews within 3 months, re-engagement reviews.

Halves of 2024-25: H1 is 1 April to 30 September 2024, H2 is 1 October 2024 to 31 March 2025.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.indicators.factories import (
    by_period,
    contact,
    fraction,
    order,
    questionnaire,
    requirement,
    session,
    supervised_cpo,
    upw,
    values,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("pi_id", "kind", "other"),
    [("supervision-eqs", "SUPERVISION", "UPW"), ("upw-eqs", "UPW", "SUPERVISION")],
)
def test_exit_questionnaires_are_counted_by_half_year_received(
    pi_id: str, kind: str, other: str
) -> None:
    questionnaire(date(2024, 3, 31), kind)  # the day before the year: outside
    questionnaire(date(2024, 4, 1), kind)  # H1
    questionnaire(date(2024, 9, 30), kind)  # H1, last day
    questionnaire(date(2024, 10, 1), kind)  # H2, first day
    questionnaire(date(2025, 3, 31), kind, before="10")  # H2: scores do not matter
    questionnaire(date(2025, 4, 1), kind)  # the next year: outside
    questionnaire(date(2024, 5, 1), other)  # the other type: decoy

    assert values(pi_id) == {"2024-25-H1": 2, "2024-25-H2": 2}


def test_eq_score_change_averages_after_minus_before_where_both_are_given() -> None:
    questionnaire(date(2024, 4, 1), before="40", after="60")  # +20
    questionnaire(date(2024, 6, 1), before="50", after="45.5")  # -4.5
    questionnaire(date(2024, 9, 30), before="0", after="0")  # 0: zero scores are scores
    questionnaire(date(2024, 6, 1), before="30")  # no after: not an item
    questionnaire(date(2024, 6, 1), after="70")  # no before: not an item
    questionnaire(date(2024, 6, 1), "UPW", before="10", after="90")  # UPW: decoy
    questionnaire(date(2024, 3, 31), before="0", after="100")  # the day before: outside

    h1 = by_period("eq-score-change")["2024-25-H1"]
    assert fraction(h1) == (Decimal("15.50"), 3, Decimal("5.2"))  # (20 - 4.5 + 0) / 3 = 5.17
    assert fraction(by_period("eq-score-change")["2024-25-H2"]) == (0, 0, None)  # no items


def test_eq_score_change_rounds_half_away_from_zero_both_ways() -> None:
    questionnaire(date(2024, 5, 1), before="60.25", after="60")  # -0.25
    questionnaire(date(2024, 11, 1), before="50", after="50.125")  # +0.125

    cells = by_period("eq-score-change")
    assert fraction(cells["2024-25-H1"]) == (Decimal("-0.25"), 1, Decimal("-0.3"))  # -0.25 / 1
    # the numerator to 2 decimals: 0.125 -> 0.13; the mean from the unrounded 0.125 -> 0.1
    assert fraction(cells["2024-25-H2"]) == (Decimal("0.13"), 1, Decimal("0.1"))


def test_upw_individual_hours_adds_individual_placements_only() -> None:
    work = upw(order(date(2024, 1, 8)))
    session(work, date(2024, 4, 1), "3.75", "INDIVIDUAL")
    session(work, date(2025, 3, 31), "4.5", "INDIVIDUAL")
    session(work, date(2024, 5, 1), "7", "GROUP")  # decoy
    session(work, date(2024, 5, 2), "2", "OTHER_ACTIVITY")  # decoy
    session(work, date(2024, 3, 31), "6", "INDIVIDUAL")  # the day before: outside
    session(work, date(2025, 4, 1), "1", "INDIVIDUAL")  # the day after: outside

    cell = by_period("upw-individual-hours")["2024-25"]
    assert fraction(cell) == (Decimal("8.25"), None, Decimal("8.25"))  # 3.75 + 4.5


def test_first_review_within_three_months_follows_every_timeliness_rule() -> None:
    sun_31_march = date(2024, 3, 31)  # due Sun 30 June 2024 (June has no 31st): Q1
    contact(supervised_cpo(sun_31_march), "REVIEW", date(2024, 6, 30))  # on the deadline: met
    contact(supervised_cpo(sun_31_march), "REVIEW", date(2024, 7, 1))  # a day late: not met
    supervised_cpo(sun_31_march)  # never reviewed: not met
    unsupervised = order(sun_31_march)
    requirement(unsupervised, "UPW", hours=100)  # no SUPERVISION requirement: decoy
    supervised_cpo(sun_31_march, date(2024, 5, 1), "TRANSFERRED")  # ended unreviewed: not counted
    ended = supervised_cpo(sun_31_march, date(2024, 5, 1), "TRANSFERRED")
    contact(ended, "REVIEW", date(2024, 5, 1))  # reviewed on the end date: met
    earliest = supervised_cpo(sun_31_march)
    contact(earliest, "REVIEW", date(2024, 8, 1))
    contact(earliest, "REVIEW", date(2024, 6, 15))  # the earliest review counts: met
    induction_only = supervised_cpo(date(2024, 4, 1))  # due 1 July: Q2
    contact(induction_only, "INDUCTION", date(2024, 5, 1))  # not a review: not met
    contact(supervised_cpo(date(2024, 8, 31)), "REVIEW", date(2024, 12, 1))  # due 30 Nov: late
    contact(supervised_cpo(date(2024, 11, 30)), "REVIEW", date(2025, 2, 28))  # due 28 Feb: met

    q1 = by_period("first-review-3-months")["2024-25-Q1"]
    # met: on the deadline, ended, earliest; not met: a day late, never reviewed
    assert fraction(q1) == (3, 5, Decimal("60.0"))  # 3 of 5
    assert values("first-review-3-months") == {
        "2024-25-Q1": Decimal("60.0"),
        "2024-25-Q2": Decimal("0.0"),  # 0 of 1
        "2024-25-Q3": Decimal("0.0"),  # 0 of 1
        "2024-25-Q4": Decimal("100.0"),  # 1 of 1
    }


def test_reengagement_reviews_are_counted_on_any_order() -> None:
    cpo = order(date(2024, 1, 8))
    contact(cpo, "REENGAGEMENT_REVIEW", date(2024, 4, 1))  # Q1
    contact(cpo, "REENGAGEMENT_REVIEW", date(2024, 6, 30))  # Q1
    contact(order(date(2024, 1, 8), order_type="DTTO"), "REENGAGEMENT_REVIEW", date(2024, 5, 1))
    contact(cpo, "REVIEW", date(2024, 5, 1))  # an ordinary review: decoy
    contact(cpo, "REENGAGEMENT_REVIEW", date(2024, 3, 31))  # the day before: outside
    contact(cpo, "REENGAGEMENT_REVIEW", date(2024, 7, 1))  # Q2

    assert values("reengagement-reviews") == {
        "2024-25-Q1": 3,  # 1 April, 30 June, and the one on a DTTO
        "2024-25-Q2": 1,
        "2024-25-Q3": 0,
        "2024-25-Q4": 0,
    }
