"""The few date questions only the generator asks, answered with `jsw.lib`'s working days.

Financial years, months and Scottish working days themselves are `jsw.lib`'s business
(`periods`, `dates`, `workdays`); this module only adds what planning events needs on top.
"""

from __future__ import annotations

from datetime import date, timedelta

from jsw.lib.periods import financial_year_of
from jsw.lib.workdays import WorkingDays

__all__ = ["last_complete_fy", "on_or_after", "working_days_between"]

ONE_DAY = timedelta(days=1)


def last_complete_fy(today: date) -> int:
    """The start year of the last financial year that ended before `today`."""
    return financial_year_of(today) - 1


def on_or_after(work: WorkingDays, day: date) -> date:
    """`day` if it is a working day, else the next one."""
    return day if work.is_working_day(day) else work.nth_working_day_after(day, 1)


def working_days_between(work: WorkingDays, first: date, last: date) -> list[date]:
    """The working days from `first` to `last`, both included."""
    days: list[date] = []
    day = first
    while day <= last:
        if work.is_working_day(day):
            days.append(day)
        day += ONE_DAY
    return days
