"""Exact rounding and the number format of the checked export.

Values are computed from unrounded figures as exact fractions and rounded once, half away
from zero (`indicators.md`, "Kinds of PI"). Binary floats are refused everywhere: they
cannot hold 0.1 or 12.35 exactly and would round the wrong way at halves.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

Exact = Decimal | Fraction | int

# What a figure typed by a person (a return, a target, an amber tolerance) may be: less than
# a thousand million in size, with at most 6 decimal places. That is 15 significant digits,
# which SQLite's REAL and PostgreSQL's numeric both store and give back exactly.
ENTERED_LIMIT = 10**9
ENTERED_PLACES = 6


def as_fraction(x: Exact) -> Fraction:
    """x as an exact fraction; TypeError for floats and other inexact or odd types."""
    if isinstance(x, bool) or not isinstance(x, Decimal | Fraction | int):
        raise TypeError(f"expected an exact number (int, Decimal or Fraction), got {x!r}")
    if isinstance(x, Decimal) and not x.is_finite():
        raise ValueError(f"{x} is not a finite number")
    return Fraction(x)


def round_half_away(x: Exact, places: int) -> Decimal:
    """x rounded to `places` decimal places, halves away from zero, exactly.

    The result carries exactly `places` decimals (`Decimal("2.50")` for 2.5 at 2 places) and
    is never negative zero. A negative `places` rounds to tens, hundreds and so on.
    """
    value = as_fraction(x) * Fraction(10) ** places
    sign = 1 if value < 0 else 0
    whole, remainder = divmod(abs(value.numerator), value.denominator)
    if 2 * remainder >= value.denominator:
        whole += 1
    if whole == 0:
        sign = 0
    digits = tuple(int(c) for c in str(whole))
    return Decimal((sign, digits, -places))


def percentage(numerator: Exact, denominator: Exact, places: int = 1) -> Decimal | None:
    """100 x numerator / denominator rounded to 1 decimal; None when the denominator is 0."""
    if _counts(numerator, denominator) and places >= 0:
        # Counts (the usual case, thousands of cells a run): whole-number arithmetic.
        if denominator == 0:
            return None
        whole, remainder = divmod(numerator * 100 * 10**places, denominator)
        whole += 2 * remainder >= denominator
        return Decimal((0, tuple(int(c) for c in str(whole)), -places))
    bottom = as_fraction(denominator)
    if bottom == 0:
        return None
    return round_half_away(100 * as_fraction(numerator) / bottom, places)


def _counts(*numbers: object) -> bool:
    return all(type(n) is int and n >= 0 for n in numbers)


def mean(total: Exact, count: Exact, places: int = 1) -> Decimal | None:
    """total / count rounded to 1 decimal; None when there are no items."""
    bottom = as_fraction(count)
    if bottom == 0:
        return None
    return round_half_away(as_fraction(total) / bottom, places)


def plain(x: Decimal | int | None) -> str:
    """The export's number format: shortest plain form, no exponent, never -0; None -> "".

    `Decimal("12.00")` -> `12`, `Decimal("4.50")` -> `4.5`, `Decimal("1E+3")` -> `1000`.
    Works on the digits directly, so no context precision can round a long number.
    """
    if x is None:
        return ""
    if isinstance(x, bool) or not isinstance(x, Decimal | int):
        raise TypeError(f"expected an int, a Decimal or None, got {x!r}")
    if isinstance(x, int):
        return str(x)
    if not x.is_finite():
        raise ValueError(f"{x} is not a finite number")
    sign, digit_tuple, exponent = x.as_tuple()
    assert isinstance(exponent, int)  # finite, checked above
    digits = "".join(map(str, digit_tuple)).lstrip("0")
    if not digits:
        return "0"
    text = _positional(digits, exponent)
    return "-" + text if sign else text


def _positional(digits: str, exponent: int) -> str:
    """digits x 10**exponent written out in full, without trailing decimal zeros."""
    if exponent >= 0:
        return digits + "0" * exponent
    decimals = -exponent
    digits = digits.rjust(decimals + 1, "0")
    whole, fraction = digits[:-decimals], digits[-decimals:].rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole
