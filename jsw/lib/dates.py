"""Calendar arithmetic the indicator definitions use: "N months after d" and "age on d".

Both follow `indicators.md` ("Words used below") exactly; working days live in `workdays`.
"""

from __future__ import annotations

import calendar
from datetime import date


def months_after(d: date, n: int) -> date:
    """The same day of the month n months later, or that month's last day if it is shorter.

    31 August + 6 months is 28 (or 29) February. A negative n counts backwards the same way.
    Raises ValueError when the result would fall outside the years `date` supports.
    """
    month_index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(month_index, 12)
    if not 1 <= year <= 9999:
        raise ValueError(f"{n} months after {d.isoformat()} is outside the supported dates")
    month = month0 + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def age_on(date_of_birth: date, d: date) -> int:
    """Whole years completed on d.

    Someone born on 29 February completes a year on 1 March in a common year, so is still
    the younger age on 28 February. If d is before the birth (bad data) the result is
    negative rather than an error, so a check for an age range simply does not count it.
    """
    before_birthday = (d.month, d.day) < (date_of_birth.month, date_of_birth.day)
    return d.year - date_of_birth.year - int(before_birthday)
