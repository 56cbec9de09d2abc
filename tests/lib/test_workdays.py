"""Scottish working days from the pinned holidays package, plus local holidays."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jsw.lib.workdays import LOCAL_HOLIDAY_NAME, WorkingDays, parse_local_holidays

SCOTLAND = holidays.country_holidays("GB", subdiv="SCT")
SHARED = WorkingDays()

dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2060, 12, 31))


def naive_nth_working_day_after(d: date, n: int, local: frozenset[date] = frozenset()) -> date:
    """One day at a time, straight from the package: the reference the index must match."""
    day = d
    while n > 0:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in SCOTLAND and day not in local:
            n -= 1
    return day


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (date(2024, 4, 1), "Easter Monday is not a Scottish bank holiday"),
        (date(2023, 4, 10), "Easter Monday is not a Scottish bank holiday"),
        (date(2024, 11, 29), "the Friday before St Andrew's Day on a Saturday"),
        (date(2024, 12, 3), "the day after St Andrew's Day's substitute"),
        (date(2023, 5, 9), "the day after the coronation"),
        (date(2026, 6, 16), "the day after the World Cup holiday"),
        (date(2024, 12, 27), "no substitute when Christmas and Boxing Day are weekdays"),
    ],
)
def test_these_days_are_working_days(day: date, why: str) -> None:
    assert WorkingDays().is_working_day(day), why


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (date(2024, 1, 1), "New Year's Day"),
        (date(2024, 1, 2), "2 January, a Scottish bank holiday"),
        (date(2024, 3, 29), "Good Friday"),
        (date(2024, 5, 6), "May Day, first Monday of May"),
        (date(2024, 5, 27), "Spring Bank Holiday, last Monday of May"),
        (date(2024, 8, 5), "Summer Bank Holiday, first Monday of August in Scotland"),
        (date(2024, 12, 2), "St Andrew's Day (30 November, a Saturday) observed on Monday"),
        (date(2025, 12, 1), "St Andrew's Day (30 November, a Sunday) observed on Monday"),
        (date(2022, 1, 3), "New Year's Day (a Saturday) observed"),
        (date(2022, 1, 4), "2 January (a Sunday) observed"),
        (date(2021, 1, 4), "2 January (a Saturday) observed"),
        (date(2023, 1, 3), "2 January 2023 substitute, after New Year's Day's on the 2nd"),
        (date(2022, 12, 27), "Christmas Day (a Sunday) observed after Boxing Day"),
        (date(2026, 12, 28), "Boxing Day (a Saturday) observed"),
        (date(2027, 12, 27), "Christmas Day (a Saturday) observed"),
        (date(2027, 12, 28), "Boxing Day (a Sunday) observed"),
        (date(2022, 6, 3), "Platinum Jubilee, 2022 one-off"),
        (date(2022, 6, 2), "Spring Bank Holiday moved to 2 June in 2022"),
        (date(2022, 9, 19), "State funeral of Queen Elizabeth II, 2022 one-off"),
        (date(2023, 5, 8), "Coronation of Charles III, 2023 one-off"),
        (date(2026, 6, 15), "Scotland's World Cup holiday, 2026 one-off in 0.109"),
        (date(2024, 6, 1), "a Saturday"),
        (date(2024, 6, 2), "a Sunday"),
    ],
)
def test_these_days_are_not_working_days(day: date, why: str) -> None:
    assert not WorkingDays().is_working_day(day), why


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (date(2024, 6, 7), 1, date(2024, 6, 10)),  # Friday -> Monday
        (date(2024, 6, 8), 1, date(2024, 6, 10)),  # Saturday -> Monday
        (date(2024, 3, 28), 1, date(2024, 4, 1)),  # over Good Friday to Easter Monday
        (date(2024, 5, 3), 1, date(2024, 5, 7)),  # Friday before May Day
        (date(2024, 8, 2), 1, date(2024, 8, 6)),  # Friday before the August holiday
        (date(2024, 11, 29), 1, date(2024, 12, 3)),  # over St Andrew's substitute
        (date(2022, 6, 1), 1, date(2022, 6, 6)),  # over the Jubilee Thursday and Friday
        (date(2022, 9, 16), 1, date(2022, 9, 20)),  # over the state funeral
        (date(2023, 5, 5), 1, date(2023, 5, 9)),  # over the coronation
        (date(2026, 6, 12), 1, date(2026, 6, 16)),  # over 15 June 2026
        (date(2021, 12, 31), 1, date(2022, 1, 5)),  # over New Year observed on 3 and 4
        (date(2022, 12, 23), 1, date(2022, 12, 28)),  # over Boxing Day and Christmas observed
        (date(2027, 12, 24), 1, date(2027, 12, 29)),  # over both substitutes
        (date(2024, 6, 3), 5, date(2024, 6, 10)),  # Monday + 5 = next Monday
        (date(2024, 4, 1), 20, date(2024, 4, 29)),  # no holidays in April 2024
        (date(2024, 4, 29), 20, date(2024, 5, 29)),  # two May holidays: 2 extra days
        (date(2024, 12, 20), 7, date(2025, 1, 6)),  # Christmas and New Year: 4 holidays
        (date(2024, 6, 5), 0, date(2024, 6, 5)),  # n = 0 is d itself
        (date(2024, 6, 8), 0, date(2024, 6, 8)),  # even on a Saturday
    ],
)
def test_it_finds_the_nth_working_day_after_a_date(day: date, n: int, expected: date) -> None:
    assert WorkingDays().nth_working_day_after(day, n) == expected


def test_it_refuses_a_negative_count() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        WorkingDays().nth_working_day_after(date(2024, 6, 5), -1)


def test_it_refuses_dates_outside_the_years_it_knows() -> None:
    with pytest.raises(ValueError, match="years 2 to 9998 only"):
        WorkingDays().is_working_day(date(1, 1, 1))
    with pytest.raises(ValueError, match="beyond year 9998"):
        WorkingDays().nth_working_day_after(date(9998, 12, 31), 1)


def test_it_takes_local_holidays_into_account() -> None:
    local = WorkingDays([date(2024, 12, 24), date(2024, 6, 10)])
    assert not local.is_working_day(date(2024, 12, 24))
    assert local.nth_working_day_after(date(2024, 6, 7), 1) == date(2024, 6, 11)
    assert WorkingDays().nth_working_day_after(date(2024, 6, 7), 1) == date(2024, 6, 10)


def test_it_lists_the_holidays_between_two_dates_with_their_names() -> None:
    listed = WorkingDays([date(2022, 6, 6)]).holidays_between(date(2022, 6, 1), date(2022, 9, 30))
    assert listed == [
        (date(2022, 6, 2), "Spring Bank Holiday"),
        (date(2022, 6, 3), "Platinum Jubilee of Elizabeth II"),
        (date(2022, 6, 6), LOCAL_HOLIDAY_NAME),
        (date(2022, 8, 1), "Summer Bank Holiday"),
        (date(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
    ]


def test_it_lists_no_holidays_for_an_empty_range() -> None:
    assert WorkingDays().holidays_between(date(2024, 12, 31), date(2024, 1, 1)) == []


def test_it_joins_the_names_of_a_local_holiday_on_a_bank_holiday() -> None:
    listed = WorkingDays([date(2024, 1, 2)]).holidays_between(date(2024, 1, 2), date(2024, 1, 2))
    assert listed == [(date(2024, 1, 2), f"New Year Holiday; {LOCAL_HOLIDAY_NAME}")]


def test_it_answers_the_same_whichever_year_it_is_first_asked_about() -> None:
    late_first = WorkingDays()
    late_first.nth_working_day_after(date(2040, 1, 1), 1)
    early_first = WorkingDays()
    early_first.nth_working_day_after(date(1990, 1, 1), 1)
    for day in [date(1990, 12, 24), date(2015, 11, 27), date(2040, 12, 22)]:
        assert late_first.nth_working_day_after(day, 30) == early_first.nth_working_day_after(
            day, 30
        )


def test_it_counts_far_ahead_across_many_years() -> None:
    start = date(2000, 1, 1)
    assert WorkingDays().nth_working_day_after(start, 5000) == naive_nth_working_day_after(
        start, 5000
    )


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["2024-12-24", "2024-06-10", "2024-12-24"], [date(2024, 6, 10), date(2024, 12, 24)]),
        ([" 2025-01-03 "], [date(2025, 1, 3)]),
        ([], []),
    ],
)
def test_it_parses_local_holidays(values: list[str], expected: list[date]) -> None:
    assert parse_local_holidays(values) == expected


@pytest.mark.parametrize("bad", ["24/12/2024", "2024-13-01", "2024-02-30", "20241224", "", "x"])
def test_it_rejects_a_local_holiday_that_is_not_an_iso_date(bad: str) -> None:
    with pytest.raises(ValueError, match="not a local holiday date: expected YYYY-MM-DD"):
        parse_local_holidays(["2024-12-24", bad])


@settings(max_examples=300)
@given(dates, st.integers(min_value=0, max_value=60))
def test_the_index_agrees_with_a_day_by_day_count(day: date, n: int) -> None:
    assert SHARED.nth_working_day_after(day, n) == naive_nth_working_day_after(day, n)


@given(dates, st.integers(min_value=1, max_value=60))
def test_the_nth_working_day_is_a_working_day_after_d(day: date, n: int) -> None:
    result = SHARED.nth_working_day_after(day, n)
    assert result > day
    assert SHARED.is_working_day(result)
    between = [day + timedelta(days=k) for k in range(1, (result - day).days)]
    assert sum(SHARED.is_working_day(x) for x in between) == n - 1


@given(dates, st.sets(dates, max_size=5), st.integers(min_value=1, max_value=30))
def test_local_holidays_agree_with_a_day_by_day_count(day: date, local: set[date], n: int) -> None:
    calendar = WorkingDays(local)
    assert calendar.nth_working_day_after(day, n) == naive_nth_working_day_after(
        day, n, frozenset(local)
    )


def test_the_index_grows_only_on_the_side_that_needs_it() -> None:
    calendar = WorkingDays()
    calendar.nth_working_day_after(date(2024, 6, 3), 1)
    first = calendar._first_year
    for year in (2031, 2036, 2041):  # each beyond what the index held
        calendar.nth_working_day_after(date(year, 6, 2), 1)
        assert calendar._first_year == first
