"""Financial-year periods: labels, boundaries, and tiling of the year."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jsw.lib.periods import (
    FREQUENCIES,
    FREQUENCY_NAMES,
    Period,
    financial_year_of,
    fy_label,
    parse_financial_year,
    parse_period,
    period_of,
    periods_between,
    periods_in_year,
)

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
frequencies = st.sampled_from(FREQUENCIES)


@pytest.mark.parametrize(
    ("label", "frequency", "start", "end"),
    [
        ("2024-25", "A", date(2024, 4, 1), date(2025, 3, 31)),
        ("2024-25-H1", "H", date(2024, 4, 1), date(2024, 9, 30)),
        ("2024-25-H2", "H", date(2024, 10, 1), date(2025, 3, 31)),
        ("2024-25-Q1", "Q", date(2024, 4, 1), date(2024, 6, 30)),
        ("2024-25-Q2", "Q", date(2024, 7, 1), date(2024, 9, 30)),
        ("2024-25-Q3", "Q", date(2024, 10, 1), date(2024, 12, 31)),
        ("2024-25-Q4", "Q", date(2025, 1, 1), date(2025, 3, 31)),
        ("1999-00", "A", date(1999, 4, 1), date(2000, 3, 31)),
        ("1999-00-Q4", "Q", date(2000, 1, 1), date(2000, 3, 31)),
    ],
)
def test_it_parses_each_kind_of_label(label: str, frequency: str, start: date, end: date) -> None:
    period = parse_period(label)
    assert period == Period(label=label, frequency=frequency, start=start, end=end)
    assert str(period) == label


@pytest.mark.parametrize(
    "label",
    [
        "2024-26",
        "2024-24",
        "2024-2025",
        "24-25",
        "2024-25-Q5",
        "2024-25-Q0",
        "2024-25-H3",
        "2024-25-A",
        "2024-25-q1",
        " 2024-25",
        "2024-25\n",
        "2024/25",
        "",
        "\uff12\uff10\uff12\uff14-25",  # full-width digits
        "0000-01",
        "9999-00",
    ],
)
def test_it_rejects_a_label_that_is_not_a_period(label: str) -> None:
    with pytest.raises(ValueError, match=r"not a (period|financial year)|outside"):
        parse_period(label)


def test_it_explains_a_second_year_that_does_not_follow_the_first() -> None:
    with pytest.raises(ValueError, match="like 2024-25"):
        parse_period("2024-26")


def test_it_parses_a_financial_year_label_to_its_first_calendar_year() -> None:
    assert parse_financial_year("2024-25") == 2024
    assert parse_financial_year("1999-00") == 1999


@pytest.mark.parametrize("label", ["2024-25-Q1", "2024-26", "2024", "twenty"])
def test_it_rejects_anything_but_a_year_as_a_financial_year(label: str) -> None:
    with pytest.raises(ValueError, match="not a financial year"):
        parse_financial_year(label)


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2025, 3, 31), 2024),
        (date(2025, 4, 1), 2025),
        (date(2024, 12, 31), 2024),
        (date(2025, 1, 1), 2024),
        (date(2024, 2, 29), 2023),
    ],
)
def test_it_finds_the_financial_year_of_a_date(day: date, year: int) -> None:
    assert financial_year_of(day) == year


def test_it_labels_years_across_a_century() -> None:
    assert fy_label(2024) == "2024-25"
    assert fy_label(1999) == "1999-00"
    assert fy_label(2009) == "2009-10"


@pytest.mark.parametrize(
    ("day", "frequency", "label"),
    [
        (date(2024, 6, 30), "Q", "2024-25-Q1"),
        (date(2024, 7, 1), "Q", "2024-25-Q2"),
        (date(2024, 12, 31), "Q", "2024-25-Q3"),
        (date(2025, 1, 1), "Q", "2024-25-Q4"),
        (date(2025, 3, 31), "Q", "2024-25-Q4"),
        (date(2025, 4, 1), "Q", "2025-26-Q1"),
        (date(2024, 2, 29), "Q", "2023-24-Q4"),
        (date(2024, 9, 30), "H", "2024-25-H1"),
        (date(2024, 10, 1), "H", "2024-25-H2"),
        (date(2025, 3, 31), "H", "2024-25-H2"),
        (date(2025, 3, 31), "A", "2024-25"),
        (date(2025, 4, 1), "A", "2025-26"),
    ],
)
def test_it_finds_the_period_containing_a_date(day: date, frequency: str, label: str) -> None:
    assert period_of(day, frequency).label == label


def test_it_rejects_an_unknown_frequency() -> None:
    with pytest.raises(ValueError, match="not a frequency"):
        period_of(date(2024, 4, 1), "M")
    with pytest.raises(ValueError, match="not a frequency"):
        periods_between(2024, 2024, "quarterly")


def test_it_lists_the_periods_between_two_years_in_date_order() -> None:
    labels = [p.label for p in periods_between(2023, 2024, "H")]
    assert labels == ["2023-24-H1", "2023-24-H2", "2024-25-H1", "2024-25-H2"]
    assert len(periods_between(2020, 2024, "Q")) == 5 * 4
    assert [p.label for p in periods_between(2024, 2024, "A")] == ["2024-25"]


def test_it_refuses_a_first_year_after_the_last() -> None:
    with pytest.raises(ValueError, match="2025-26 is after the last year 2024-25"):
        periods_between(2025, 2024, "A")


def test_it_orders_periods_by_start_then_frequency() -> None:
    shuffled = [parse_period(x) for x in ["2024-25-Q2", "2024-25-H1", "2024-25-Q1", "2024-25"]]
    assert [p.label for p in sorted(shuffled)] == [
        "2024-25",
        "2024-25-H1",
        "2024-25-Q1",
        "2024-25-Q2",
    ]


def test_it_names_every_frequency() -> None:
    assert FREQUENCY_NAMES == {"Q": "quarterly", "H": "6-monthly", "A": "annual"}
    assert set(FREQUENCIES) == set(FREQUENCY_NAMES)


def test_a_leap_year_quarter_counts_29_february() -> None:
    assert parse_period("2023-24-Q4").days == 31 + 29 + 31
    assert parse_period("2024-25-Q4").days == 31 + 28 + 31


@given(dates, frequencies)
def test_the_period_of_a_date_contains_it(day: date, frequency: str) -> None:
    period = period_of(day, frequency)
    assert period.contains(day)
    assert not period.contains(period.start - timedelta(days=1))
    assert not period.contains(period.end + timedelta(days=1))
    assert parse_period(period.label) == period
    assert period.financial_year == financial_year_of(day)


@given(st.integers(min_value=1900, max_value=2100), frequencies)
def test_periods_tile_the_year_without_gaps_or_overlaps(year: int, frequency: str) -> None:
    periods = periods_in_year(year, frequency)
    assert periods[0].start == date(year, 4, 1)
    assert periods[-1].end == date(year + 1, 3, 31)
    for before, after in pairwise(periods):
        assert after.start == before.end + timedelta(days=1)
    assert sum(p.days for p in periods) == (date(year + 1, 4, 1) - date(year, 4, 1)).days
