"""The generator's own date helpers, on top of `jsw.lib.workdays` (tested with the library)."""

from __future__ import annotations

from datetime import date

from jsw.lib.workdays import WorkingDays
from jsw.synth.calendar import last_complete_fy, on_or_after, working_days_between


def test_the_last_complete_financial_year_turns_over_on_1_april() -> None:
    assert last_complete_fy(date(2025, 3, 31)) == 2023
    assert last_complete_fy(date(2025, 4, 1)) == 2024


def test_a_working_day_is_its_own_on_or_after() -> None:
    # Easter Monday is worked in Scotland.
    assert on_or_after(WorkingDays(), date(2024, 4, 1)) == date(2024, 4, 1)


def test_on_or_after_skips_a_weekend_and_christmas_to_the_next_working_day() -> None:
    work = WorkingDays()
    # Christmas Day and Boxing Day 2024 are bank holidays in Scotland.
    assert on_or_after(work, date(2024, 12, 25)) == date(2024, 12, 27)
    # Saturday 28 December: Monday 30th is worked.
    assert on_or_after(work, date(2024, 12, 28)) == date(2024, 12, 30)


def test_working_days_between_include_both_ends_and_leave_out_holidays() -> None:
    days = working_days_between(WorkingDays(), date(2024, 12, 23), date(2024, 12, 31))
    # Mon 23, Tue 24, (Wed 25 and Thu 26 holidays), Fri 27, (weekend), Mon 30, Tue 31.
    assert days == [date(2024, 12, d) for d in (23, 24, 27, 30, 31)]


def test_working_days_between_is_empty_when_the_span_is() -> None:
    work = WorkingDays()
    assert working_days_between(work, date(2024, 12, 28), date(2024, 12, 29)) == []
    assert working_days_between(work, date(2024, 12, 31), date(2024, 12, 30)) == []
