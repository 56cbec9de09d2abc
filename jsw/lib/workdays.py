"""Scottish working days: Monday to Friday, except bank holidays and local holidays.

Bank holidays come from the `holidays` package (pinned to 0.109: its data changes between
releases) for GB/SCT, which includes observed substitute days and one-off days such as the
2022 state funeral. Easter Monday is not a Scottish bank holiday, so 1 April 2024 is a
working day. The indicator engine asks for "the Nth working day after d" for hundreds of
thousands of items, so working days are kept as a sorted index of ordinals, built for the
years asked about (widened when a question goes beyond them), and each question is one
bisection.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date

import holidays

LOCAL_HOLIDAY_NAME = "Local holiday"

# Years fetched around a requested one, so an observed day that crosses a year end is seen
# and the index grows in few steps.
_MARGIN_YEARS = 2
FIRST_YEAR = 2
LAST_YEAR = 9998


class WorkingDays:
    """Answers working-day questions for dates in years FIRST_YEAR to LAST_YEAR.

    Not safe to share between threads while it is still growing its index.
    """

    def __init__(self, local_holidays: Iterable[date] = ()) -> None:
        self._local = frozenset(local_holidays)
        self._names: dict[date, str] = {}
        self._closed: set[int] = set()  # ordinals of holidays (bank or local)
        self._ordinals: list[int] = []  # sorted ordinals of working days in [first, last]
        self._first_year = 0
        self._last_year = -1

    def is_working_day(self, d: date) -> bool:
        """True on Monday to Friday unless it is a bank holiday or a local holiday."""
        self._cover(d.year, d.year)
        return d.weekday() < 5 and d.toordinal() not in self._closed

    def nth_working_day_after(self, d: date, n: int) -> date:
        """The nth working day strictly after d (n >= 1).

        The 1st working day after a Friday is the next Monday that is not a holiday.
        n == 0 returns d itself, whether or not d is a working day.
        """
        if n < 0:
            raise ValueError(f"n must be 0 or more, got {n}")
        if n == 0:
            return d
        # About 250 working days a year; ask for enough years, then check and grow.
        self._cover(d.year, min(d.year + n // 200 + 1, LAST_YEAR))
        ordinal = d.toordinal()
        while True:
            index = bisect_right(self._ordinals, ordinal) + n - 1
            if index < len(self._ordinals):
                return date.fromordinal(self._ordinals[index])
            if self._last_year >= LAST_YEAR:
                raise ValueError(f"working day {n} after {d} is beyond year {LAST_YEAR}")
            self._cover(self._first_year, self._last_year + 1)

    def holidays_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """Bank and local holidays from start to end (both included), in date order.

        Holidays on a Saturday or Sunday are listed too (the package names them, and their
        substitute weekday appears as its own "(observed)" entry).
        """
        if end < start:
            return []
        self._cover(start.year, end.year)
        return sorted((day, name) for day, name in self._names.items() if start <= day <= end)

    def _cover(self, first_year: int, last_year: int) -> None:
        """Make sure the index holds every year from first_year to last_year."""
        if self._first_year <= first_year and last_year <= self._last_year:
            return
        if first_year < FIRST_YEAR or last_year > LAST_YEAR:
            raise ValueError(f"working days are known for years {FIRST_YEAR} to {LAST_YEAR} only")
        empty = self._last_year < self._first_year
        # Grow with a margin, and only on the side that needs it.
        if empty or first_year < self._first_year:
            first_year = max(first_year - _MARGIN_YEARS, FIRST_YEAR)
        else:
            first_year = self._first_year
        if empty or last_year > self._last_year:
            last_year = min(last_year + _MARGIN_YEARS, LAST_YEAR)
        else:
            last_year = self._last_year
        self._build(first_year, last_year)

    def _build(self, first_year: int, last_year: int) -> None:
        names = _holiday_names(first_year - 1, last_year + 1)
        for day in self._local:
            names[day] = _joined(names.get(day), LOCAL_HOLIDAY_NAME)
        self._names = names
        self._closed = {day.toordinal() for day in names}
        start = date(first_year, 1, 1).toordinal()
        end = date(last_year, 12, 31).toordinal()
        self._ordinals = [
            o for o in range(start, end + 1) if o % 7 not in (6, 0) and o not in self._closed
        ]
        self._first_year, self._last_year = first_year, last_year


def parse_local_holidays(values: Iterable[str]) -> list[date]:
    """ISO dates (YYYY-MM-DD) as dates, sorted, without repeats; ValueError for a bad one."""
    days: set[date] = set()
    for value in values:
        text = value.strip()
        try:
            if len(text) != 10:
                raise ValueError
            days.add(date.fromisoformat(text))
        except ValueError:
            raise ValueError(
                f"{value!r} is not a local holiday date: expected YYYY-MM-DD, like 2025-12-24"
            ) from None
    return sorted(days)


def _holiday_names(first_year: int, last_year: int) -> dict[date, str]:
    calendar = holidays.country_holidays("GB", subdiv="SCT", years=range(first_year, last_year + 1))
    return {day: str(name) for day, name in calendar.items()}


def _joined(existing: str | None, name: str) -> str:
    return name if existing is None else f"{existing}; {name}"
