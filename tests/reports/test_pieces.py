"""The pure pieces of a pack: which periods are due, the default quarter, the year of a
counting return and the drafted reading (status and travel: tests/analysis)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jsw.reports.figures import Figures
from jsw.reports.model import Cell, Key, Pi, Row
from jsw.reports.periods import (
    due_period,
    latest_complete_quarter,
    quarter,
    series_periods,
    shifted,
)
from jsw.reports.rows import summed_year
from jsw.reports.words import reading


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2025, 9, 29), "2025-26-Q1"),  # a day before Q2 ends
        (date(2025, 9, 30), "2025-26-Q2"),  # the day it ends
        (date(2025, 4, 1), "2024-25-Q4"),
    ],
)
def test_the_default_quarter_is_the_latest_one_complete(as_of, expected):
    assert latest_complete_quarter(as_of).label == expected


@pytest.mark.parametrize(
    ("frequency", "q", "due"),
    [
        ("Q", "2025-26-Q1", "2025-26-Q1"),
        ("H", "2025-26-Q1", None),
        ("H", "2025-26-Q2", "2025-26-H1"),
        ("H", "2025-26-Q4", "2025-26-H2"),
        ("A", "2025-26-Q3", None),
        ("A", "2025-26-Q4", "2025-26"),
    ],
)
def test_six_monthly_pis_are_due_in_q2_and_q4_and_annual_pis_in_q4(frequency, q, due):
    found = due_period(frequency, quarter(q))
    assert (found.label if found else None) == due


def test_the_series_runs_from_the_first_period_of_year_y_minus_4():
    labels = [p.label for p in series_periods(quarter("2025-26-Q2"))]
    assert labels[0] == "2021-22-Q1" and labels[-1] == "2025-26-Q2" and len(labels) == 18
    assert shifted(quarter("2025-26-Q1"), -1).label == "2024-25-Q4"


def returns(values: dict[str, int]) -> Figures:
    return Figures(Cell(Key("qa-case-files", p), value=Decimal(v)) for p, v in values.items())


PI = Pi("qa-case-files", "QA case files", 2, "Q", "return", "up", "case files", "", "")


def test_a_counting_returns_year_is_the_sum_of_four_entered_quarters():
    figures = returns({"2024-25-Q1": 3, "2024-25-Q2": 0, "2024-25-Q3": 4, "2024-25-Q4": 5})
    assert summed_year(PI, figures, "2024-25").value == 12


def test_with_a_quarter_missing_the_year_is_blank_and_says_how_many_were_entered():
    cell = summed_year(PI, returns({"2024-25-Q1": 3, "2024-25-Q2": 0, "2024-25-Q4": 5}), "2024-25")
    assert cell.value is None and cell.note == "3 of 4 quarters entered"


def test_the_reading_is_drafted_from_the_figures_like_the_spec_example():
    pi = Pi("lscmi-20-days", "LSCMI in 20 days", 2, "Q", "timeliness", "up", "%", "", "")

    def cell(period, value):
        return [Cell(Key(pi.id, period), value=Decimal(value))]

    row = Row(
        pi=pi, period="2025-26-Q2", current=cell("2025-26-Q2", "81.2"),
        previous=cell("2025-26-Q1", "78.0"), last_year=cell("2024-25-Q2", "80.1"),
        previous_period="2025-26-Q1", last_year_period="2024-25-Q2", target=Decimal(80),
        amber=Decimal(0), status="green", travel_previous="improving", travel_year="improving",
        variation="common_cause", assurance="", trial=False, series=[], reading="",
    )  # fmt: skip
    assert reading(row) == (
        "81.2% in 2025-26 Q2, up from 78.0% in Q1 and 80.1% a year earlier; "
        "common cause variation; target 80%: on target"
    )


def _reading_of(now, before, year_ago, *, hidden=(), period="2025-26-Q2", target=None):
    pi = Pi("lscmi-20-days", "LSCMI in 20 days", 2, "Q", "timeliness", "up", "%", "", "")
    previous_period, last_year_period = ("2025-26-Q1", "2024-25-Q2")

    def cell(p, value):
        shown = None if value is None else Decimal(value)
        return [Cell(Key(pi.id, p), value=shown, hidden={"value"} if p in hidden else set())]

    row = Row(
        pi=pi, period=period, current=cell(period, now), previous=cell(previous_period, before),
        last_year=cell(last_year_period, year_ago), previous_period=previous_period,
        last_year_period=last_year_period, target=target, amber=None, status="data only",
        travel_previous="", travel_year="", variation="", assurance="", trial=False,
        series=[], reading="",
    )  # fmt: skip
    return reading(row)


def test_changes_the_opposite_way_are_each_named():
    assert _reading_of("77.8", "73.0", "84.3") == (
        "77.8% in 2025-26 Q2, up from 73.0% in Q1 and down from 84.3% a year earlier"
    )
    assert _reading_of("77.8", "77.8", "77.8") == (
        "77.8% in 2025-26 Q2, the same as 77.8% in Q1 and 77.8% a year earlier"
    )


def test_a_suppressed_figure_is_never_compared_with():
    text = _reading_of("81.0", "3.0", "80.0", hidden={"2025-26-Q1"})
    assert text == "81.0% in 2025-26 Q2, against [c] in Q1 and up from 80.0% a year earlier"
    hidden_now = _reading_of("3.0", "78.0", "80.0", hidden={"2025-26-Q2"}, target=Decimal(80))
    assert hidden_now == "[c] in 2025-26 Q2, against 78.0% in Q1 and 80.0% a year earlier"
