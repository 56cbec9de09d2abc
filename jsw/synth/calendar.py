"""Dates for the generator: financial-year labels, months, and Scottish working days.

A small local helper on purpose: the shared `jsw.lib` date helpers are for the engine,
and the generator only needs fast look-ups over a fixed span of years.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from datetime import date, timedelta

import holidays

FY_LABEL = re.compile(r"(\d{4})-(\d{2})")


def parse_fy(label: str) -> int:
    """The year in which financial year `2024-25` starts (2024); ValueError if malformed."""
    match = FY_LABEL.fullmatch(label.strip())
    if not match:
        raise ValueError(f"{label!r} is not a financial year like 2024-25")
    start = int(match.group(1))
    if int(match.group(2)) != (start + 1) % 100:
        raise ValueError(f"{label!r} is not a financial year: {start}-{(start + 1) % 100:02d}?")
    return start


def fy_label(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def fy_start(start_year: int) -> date:
    return date(start_year, 4, 1)


def last_complete_fy(today: date) -> int:
    """The start year of the last financial year that ended before `today`."""
    current = today.year if today >= date(today.year, 4, 1) else today.year - 1
    return current - 1


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the last day of that month if it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


class WorkingDays:
    """Monday to Friday except Scottish bank holidays, between two years inclusive."""

    def __init__(self, first_year: int, last_year: int) -> None:
        bank = holidays.country_holidays("GB", subdiv="SCT", years=range(first_year, last_year + 1))
        day = date(first_year, 1, 1)
        end = date(last_year, 12, 31)
        ordinals: list[int] = []
        while day <= end:
            if day.weekday() < 5 and day not in bank:
                ordinals.append(day.toordinal())
            day += timedelta(days=1)
        self._ordinals = ordinals

    def is_working(self, day: date) -> bool:
        index = bisect_left(self._ordinals, day.toordinal())
        return index < len(self._ordinals) and self._ordinals[index] == day.toordinal()

    def on_or_after(self, day: date) -> date:
        """`day` if it is a working day, else the next one."""
        return self.nth_after(day - timedelta(days=1), 1)

    def nth_after(self, day: date, n: int) -> date:
        """The nth working day strictly after `day` (n >= 1); n = 0 means `on_or_after`."""
        if n == 0:
            return self.on_or_after(day)
        index = bisect_right(self._ordinals, day.toordinal()) + n - 1
        return date.fromordinal(self._ordinals[index])

    def between(self, first: date, last: date) -> list[date]:
        """The working days from `first` to `last`, both included."""
        low = bisect_left(self._ordinals, first.toordinal())
        high = bisect_right(self._ordinals, last.toordinal())
        return [date.fromordinal(number) for number in self._ordinals[low:high]]
