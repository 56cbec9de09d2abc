"""Period membership by index agrees with the spec's words, checked against brute force."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from jsw.indicators.evaluate import PeriodIndex, age_band
from jsw.lib.periods import periods_between

QUARTERS = periods_between(2022, 2024, "Q")
INDEX = PeriodIndex(QUARTERS)
days = st.dates(min_value=date(2021, 1, 1), max_value=date(2026, 12, 31))


@given(days)
def test_a_date_falls_in_the_period_that_contains_it(day):
    i = INDEX.index(day)
    inside = [n for n, p in enumerate(QUARTERS) if p.start <= day <= p.end]
    if inside:
        assert i == inside[0]
    else:
        assert i < 0 or i >= len(QUARTERS)


@given(days, st.one_of(st.none(), st.integers(min_value=0, max_value=900)))
def test_active_during_matches_the_spec(start, length):
    end = None if length is None else start + timedelta(days=length)
    expected = [
        n for n, p in enumerate(QUARTERS) if start <= p.end and (end is None or end >= p.start)
    ]
    assert list(INDEX.during(start, end)) == expected


@given(days, st.one_of(st.none(), st.integers(min_value=0, max_value=900)))
def test_active_on_the_last_day_matches_the_spec(start, length):
    end = None if length is None else start + timedelta(days=length)
    expected = [
        n for n, p in enumerate(QUARTERS) if start <= p.end and (end is None or end >= p.end)
    ]
    assert list(INDEX.ends_within(start, end)) == expected


def test_age_bands_are_the_scottish_governments():
    # age: 15 16 17 18 20 21 25 26 30 31 40 41 None
    bands = [age_band(a) for a in (15, 16, 17, 18, 20, 21, 25, 26, 30, 31, 40, 41, None)]
    assert bands == [
        "under 16", "16-17", "16-17", "18-20", "18-20", "21-25", "21-25",
        "26-30", "26-30", "31-40", "31-40", "over 40", "not recorded",
    ]  # fmt: skip


@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 6)), min_size=1, max_size=6))
def test_merged_runs_cover_exactly_the_union(pairs):
    from itertools import pairwise

    from jsw.indicators.evaluate import merged_runs

    runs = [range(start, start + length) for start, length in pairs if length]
    if not runs:
        return
    merged = merged_runs(runs)
    assert set().union(*map(set, merged)) == set().union(*map(set, runs))
    assert all(a.stop < b.start for a, b in pairwise(merged))
