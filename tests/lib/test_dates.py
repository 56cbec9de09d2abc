"""'N months after d' and 'age on d', as the indicator definitions word them."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from jsw.lib.dates import age_on, months_after

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 1, 31), 3, date(2024, 4, 30)),
        (date(2024, 1, 15), 3, date(2024, 4, 15)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2024, 12, 31), 3, date(2025, 3, 31)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 5, 31), 0, date(2024, 5, 31)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2025, 1, 10), -10, date(2024, 3, 10)),
    ],
)
def test_it_moves_by_whole_months_clamping_to_a_shorter_month(
    start: date, n: int, expected: date
) -> None:
    assert months_after(start, n) == expected


def test_it_refuses_months_beyond_the_supported_dates() -> None:
    with pytest.raises(ValueError, match="outside the supported dates"):
        months_after(date(9999, 12, 1), 1)


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (date(2008, 5, 10), date(2024, 5, 9), 15),
        (date(2008, 5, 10), date(2024, 5, 10), 16),
        (date(2008, 5, 10), date(2026, 5, 9), 17),
        (date(2008, 5, 10), date(2026, 5, 10), 18),
        (date(2008, 2, 29), date(2025, 2, 28), 16),
        (date(2008, 2, 29), date(2025, 3, 1), 17),
        (date(2008, 2, 29), date(2024, 2, 28), 15),
        (date(2008, 2, 29), date(2024, 2, 29), 16),
        (date(2008, 2, 29), date(2008, 2, 29), 0),
        (date(2008, 12, 31), date(2009, 12, 30), 0),
        (date(2008, 12, 31), date(2009, 12, 31), 1),
    ],
)
def test_it_counts_whole_years_completed(born: date, on: date, age: int) -> None:
    assert age_on(born, on) == age


def test_a_date_before_the_birth_gives_a_negative_age_rather_than_an_error() -> None:
    assert age_on(date(2010, 6, 1), date(2010, 5, 31)) < 0


@given(dates, st.integers(min_value=-1200, max_value=1200))
def test_months_after_keeps_the_day_when_it_can_and_never_overflows(day: date, n: int) -> None:
    result = months_after(day, n)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == n
    last_day = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(day.day, last_day)


@given(dates, st.integers(min_value=0, max_value=1200))
def test_months_after_never_goes_backwards_for_a_positive_count(day: date, n: int) -> None:
    assert months_after(day, n) >= day


@given(dates, dates)
def test_age_never_falls_as_the_date_moves_on(born: date, on: date) -> None:
    assume(on >= born)
    later = on + timedelta(days=1)
    assert age_on(born, later) >= age_on(born, on)


@given(dates, dates)
def test_age_changes_exactly_on_birthdays(born: date, on: date) -> None:
    assume(on > born)
    before = on - timedelta(days=1)
    changed = age_on(born, on) != age_on(born, before)
    # A birthday is the day the months since birth reach a whole number of years.
    years = on.year - born.year
    birthday = months_after(born, 12 * years)
    if birthday.month == 2 and birthday.day == 28 and born.day == 29:
        birthday = date(birthday.year, 3, 1)  # the 29 February rule
    assert changed == (on == birthday)
    if changed:
        assert age_on(born, on) == age_on(born, before) + 1
