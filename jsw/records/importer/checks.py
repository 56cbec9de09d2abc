"""Single-value checks that records.md sets per column: ranges, whole numbers, places.

Each check takes a parsed, non-blank value and returns the reason it breaks the rule, or
None. They are plain data for `tables`, so a column's rules read like the spec's table.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from jsw.records.importer.values import decimal_places

Check = Callable[[Any], str | None]


def at_least(minimum: Decimal | int) -> Check:
    def check(value: Decimal) -> str | None:
        return None if value >= minimum else f"less than {minimum}"

    return check


def at_most(maximum: Decimal | int) -> Check:
    def check(value: Decimal) -> str | None:
        return None if value <= maximum else f"more than {maximum}"

    return check


def above_zero(value: Decimal) -> str | None:
    return None if value > 0 else "must be greater than 0"


def whole(value: Decimal) -> str | None:
    return None if decimal_places(value) == 0 else "must be a whole number"


def at_most_places(places: int) -> Check:
    def check(value: Decimal) -> str | None:
        if decimal_places(value) <= places:
            return None
        return f"more than {places} decimal places"

    return check


def not_before(earliest: date) -> Check:
    def check(value: date) -> str | None:
        return None if value >= earliest else f"before {earliest.isoformat()}"

    return check


def below(limit: int, why: str) -> Check:
    def check(value: Decimal) -> str | None:
        return None if value < limit else f"must be less than {limit:,} ({why})"

    return check


def not_in_future(value: date) -> str | None:
    return None if value <= today() else "in the future"


# Every date of a case record (date_of_birth has its own rule) lies between these: earlier,
# or years ahead, is a case system's stand-in for "no date" (0001-01-01, 9999-12-31), and
# would make every computation span centuries.
EARLIEST_EVENT = date(1990, 1, 1)


def latest_event() -> date:
    """31 December of next year: later than any date a record can honestly hold."""
    return _now(int(time.time() // 60))[1]


def within_service_years(value: date) -> str | None:
    if EARLIEST_EVENT <= value <= latest_event():  # millions of cells: the common case first
        return None
    if value < EARLIEST_EVENT:
        return (
            f"before {EARLIEST_EVENT.isoformat()}: older than any justice social work record "
            "(a case system's stand-in for no date?)"
        )
    return (
        f"after {latest_event().isoformat()}: a record's dates run at most to the end of next year"
    )


def today() -> date:
    return _now(int(time.time() // 60))[0]


@functools.lru_cache(maxsize=1)
def _now(minute: int) -> tuple[date, date]:
    # Today and the latest date, asked of the time zone once a minute, not for every cell.
    today = timezone.localdate()
    return today, date(today.year + 1, 12, 31)
