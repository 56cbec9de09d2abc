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


@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 20), st.integers(1, 6)), min_size=1, max_size=12
    )
)
def test_merged_runs_cover_exactly_each_keys_union(triples):
    from itertools import pairwise

    import numpy as np

    from jsw.indicators.vector import merged

    keys, starts, stops = (np.array(column) for column in zip(*triples, strict=True))
    stops = starts + stops
    found_keys, found_starts, found_stops = merged(keys, starts, stops)
    for key in set(keys.tolist()):
        mine = found_keys == key
        runs = [range(a, b) for a, b in zip(found_starts[mine], found_stops[mine], strict=True)]
        wanted = {
            p for k, a, b in zip(keys, starts, stops, strict=True) if k == key for p in range(a, b)
        }
        assert set().union(*map(set, runs)) == wanted
        # Disjoint and not even adjacent: each period of a key's union in one run.
        ordered = sorted(runs, key=lambda r: r.start)
        assert all(a.stop < b.start for a, b in pairwise(ordered))
