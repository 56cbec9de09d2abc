"""Single-value checks that records.md sets per column: ranges, whole numbers, places.

Each check takes a parsed, non-blank value and returns the reason it breaks the rule, or
None. They are plain data for `tables`, so a column's rules read like the spec's table.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from jsw.records.importer.values import decimal_places, integer_digits

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


def fits_digits(digits: int) -> Check:
    """The store holds this many digits before the point; more would be lost, not kept."""

    def check(value: Decimal) -> str | None:
        return None if integer_digits(value) <= digits else "too large to store"

    return check


def not_before(earliest: date) -> Check:
    def check(value: date) -> str | None:
        return None if value >= earliest else f"before {earliest.isoformat()}"

    return check


def not_in_future(value: date) -> str | None:
    return None if value <= timezone.localdate() else "in the future"
