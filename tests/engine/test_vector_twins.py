"""The set-based rules (`vector`) give, row for row, what the per-item rules of `evaluate` give:
which run of periods an item belongs to (and of years), its deadline, and a mean's days
between two dates. The per-item rules still serve the sums, decimal means and distributions,
so both must agree on every date, blank or not, around period ends and bank holidays."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from jsw.framework.definition import Definition
from jsw.indicators.columns import NA, Columns, from_date
from jsw.indicators.compiler import ItemQuery
from jsw.indicators.evaluate import (
    Evaluation,
    People,
    tally_amounts,
    tally_days_between,
    whole_amounts,
)
from jsw.indicators.vector import Vectors
from jsw.lib.periods import periods_between
from jsw.lib.workdays import WorkingDays

FIRST = date(2022, 3, 1)
days_around = st.one_of(st.none(), st.integers(0, 900).map(lambda n: FIRST + timedelta(days=n)))
rows = st.lists(st.tuples(days_around, days_around, days_around), min_size=1, max_size=40)

WHENS = {
    "in the period": {"date": "start_date"},
    "active during": {"start": "start_date", "end": "end_date"},
    "active at the end": {"start": "start_date", "end": "end_date", "at": "period_end"},
    "due by the end": {
        "start": "start_date",
        "end": "end_date",
        "at": "period_end",
        "due_by_period_end": {"after": "start_date", "working_days": 5},
    },
}


def evaluation(when: dict | None, frequency: str) -> Evaluation:
    """An evaluation of items in periods by `when`, or by a deadline (without `when`)."""
    by_deadline = {
        "event": {"field": "completed_date"},
        "deadline": [
            {"use": "completed_date"},
            {
                "after": "start_date",
                "months": 3,
                "when": [{"field": "end_date", "blank": True}],
            },
            {"after": "start_date", "working_days": 10},
        ],
    }
    definition = Definition.model_validate(
        {"from": "orders", "when": when} if when else {"from": "orders", **by_deadline}
    )
    query = ItemQuery(queryset=None, names=["start_date", "end_date", "completed_date"])  # type: ignore[arg-type]
    periods = periods_between(2022, 2023, frequency)
    years = periods_between(2022, 2023, "A") if frequency != "A" else []
    calendar = WorkingDays([date(2022, 12, 27), date(2023, 1, 3)])
    return Evaluation(definition, query, periods, calendar, False, {}, years)


def columns_of(found: list[tuple[date | None, ...]]) -> Columns:
    names = ["start_date", "end_date", "completed_date"]
    data = {
        name: np.array([NA if row[i] is None else from_date(row[i]) for row in found], np.int64)
        for i, name in enumerate(names)
    }
    return Columns(data, len(found))


@settings(max_examples=60, deadline=None)
@given(rows, st.sampled_from(sorted(WHENS)), st.sampled_from(["Q", "H", "A"]))
def test_runs_of_periods_and_years_agree_row_for_row(found, when, frequency):
    ev = evaluation(WHENS[when], frequency)
    vectors = Vectors(ev, columns_of(found))
    first, stop, ok = vectors.member_runs()
    if ev.years:
        year_first, year_stop = vectors.year_runs(first, stop)
    for i, row in enumerate(found):
        run = ev.member_periods(row)
        assert (range(first[i], stop[i]) if ok[i] else range(0)) == run, (row, when)
        if run and ev.years:
            years = range(year_first[i], year_stop[i])
            assert (years if years else range(0)) == ev.years_of(run), (row, when)


@settings(max_examples=60, deadline=None)
@given(rows)
def test_deadlines_agree_row_for_row(found):
    ev = evaluation(None, "Q")
    deadlines = Vectors(ev, columns_of(found)).deadlines(ev.definition.deadline)
    for i, row in enumerate(found):
        expected = ev.deadline(row, ev.definition.deadline)
        assert (
            None
            if deadlines[i] == NA
            else date.fromordinal(int(deadlines[i]) + date(1970, 1, 1).toordinal())
        ) == expected, row


PEOPLE = {
    "p1": (date(1990, 5, 17), "F"),
    "p2": (date(2004, 2, 29), "M"),
    "p3": (None, "U"),
}
amount_rows = st.lists(
    st.tuples(
        days_around,
        days_around,
        st.sampled_from(sorted(PEOPLE)),
        st.sampled_from(["North", "South", "", None]),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(amount_rows, st.sampled_from(["Q", "H", "A"]))
def test_days_between_add_up_per_period_and_group_as_item_by_item(found, frequency):
    definition = Definition.model_validate(
        {
            "from": "orders",
            "when": {"date": "end_date"},
            "amount": {"days_between": ["start_date", "end_date"]},
        }
    )
    assert whole_amounts(definition)
    names = ["start_date", "end_date", "person__pk", "team"]
    query = ItemQuery(queryset=None, names=names)  # type: ignore[arg-type]
    periods = periods_between(2022, 2023, frequency)
    years = periods_between(2022, 2023, "A") if frequency != "A" else []
    people = People(PEOPLE)
    ev = Evaluation(definition, query, periods, WorkingDays([]), True, people, years)
    positions = people.arrays.positions
    columns = Columns(
        {
            "start_date": np.array([NA if r[0] is None else from_date(r[0]) for r in found]),
            "end_date": np.array([NA if r[1] is None else from_date(r[1]) for r in found]),
            "person__pk": np.array([positions[r[2]] for r in found], dtype=np.int64),
            "team": np.array([r[3] for r in found], dtype=object),
        },
        len(found),
    )
    assert tally_days_between(ev, columns) == tally_amounts(ev, found)
