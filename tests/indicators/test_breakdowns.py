"""Breakdowns by team, sex and age band add up to the overall figure.

Ages are chosen far enough from a birthday that any date in the quarter gives the same band
(indicators.md does not say on which day a breakdown's age is taken).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest

from jsw.indicators.evaluate import Cell
from jsw.records.models import Person
from tests.indicators.factories import cells, fraction, order, person

pytestmark = pytest.mark.django_db

Q1 = "2024-25-Q1"


def breakdown_of(pi_id: str, period: str) -> dict[str, dict[str, Cell]]:
    """{breakdown: {group: cell}} for one period, with zero groups left out."""
    found: dict[str, dict[str, Cell]] = defaultdict(dict)
    for cell in cells(pi_id, breakdowns=True):
        if cell.period == period and cell.breakdown and (cell.numerator or cell.denominator):
            found[cell.breakdown][cell.group] = cell
    return dict(found)


def overall(pi_id: str, period: str) -> Cell:
    (cell,) = [c for c in cells(pi_id, breakdowns=True) if c.period == period and not c.breakdown]
    return cell


def people() -> dict[str, Person]:
    return {
        "woman_24": person(sex="F", born=date(2000, 1, 1)),  # 24 all Q1: 21-25
        "man_33": person(sex="M", born=date(1990, 6, 15)),  # 33 or 34: 31-40
        "woman_unknown_age": person(sex="F", born=None),  # not recorded
        "boy_16": person(sex="M", born=date(2007, 10, 1)),  # 16 all Q1: 16-17
        "other_74": person(sex="X", born=date(1950, 1, 1)),  # over 40
    }


def test_a_count_breaks_down_by_team_sex_and_age_band() -> None:
    who = people()
    order(date(2024, 4, 1), who=who["woman_24"], team="North")
    order(date(2024, 5, 1), who=who["man_33"], team="North")
    order(date(2024, 5, 1), who=who["woman_unknown_age"], team="South")
    order(date(2024, 6, 1), who=who["boy_16"], team="South")
    order(date(2024, 6, 30), who=who["other_74"], team="South")
    order(date(2024, 7, 1), who=who["man_33"], team="East")  # Q2: not in Q1's groups

    groups = breakdown_of("cpos-imposed", Q1)
    numerators = {name: {g: c.numerator for g, c in by.items()} for name, by in groups.items()}
    assert overall("cpos-imposed", Q1).numerator == 5
    assert numerators == {
        "team": {"North": 2, "South": 3},  # 2 + 3 = 5
        "sex": {"F": 2, "M": 2, "X": 1},  # 2 + 2 + 1 = 5
        "age": {"21-25": 1, "31-40": 1, "not recorded": 1, "16-17": 1, "over 40": 1},
    }


def test_a_proportion_breaks_down_numerator_and_denominator_by_group() -> None:
    who = people()
    ends = date(2024, 5, 1)
    began = date(2023, 10, 2)
    order(began, end=ends, end_reason="COMPLETED", who=who["woman_24"], team="North")
    order(began, end=ends, end_reason="REVOKED_BREACH", who=who["man_33"], team="North")
    order(began, end=ends, end_reason="EARLY_DISCHARGE", who=who["woman_unknown_age"], team="South")
    order(began, end=ends, end_reason="OTHER", who=who["man_33"], team="South")
    order(began, end=ends, end_reason="REVOKED_OTHER", who=who["man_33"], team="South")
    order(began, end=ends, end_reason="TRANSFERRED", who=who["other_74"], team="South")

    pi_id = "cpo-successful-completions"
    assert fraction(overall(pi_id, Q1)) == (2, 5, Decimal("40.0"))  # 2 of 5
    groups = breakdown_of(pi_id, Q1)
    shown = {name: {g: fraction(c) for g, c in by.items()} for name, by in groups.items()}
    assert shown == {
        "team": {
            "North": (1, 2, Decimal("50.0")),
            "South": (1, 3, Decimal("33.3")),  # 1 + 1 = 2 of 2 + 3 = 5
        },
        "sex": {
            "F": (2, 2, Decimal("100.0")),
            "M": (0, 3, Decimal("0.0")),
        },
        "age": {
            "21-25": (1, 1, Decimal("100.0")),
            "not recorded": (1, 1, Decimal("100.0")),
            "31-40": (0, 3, Decimal("0.0")),
        },
    }
