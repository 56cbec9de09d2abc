"""Exact rounding (half away from zero) and the export's plain number format."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jsw.lib.numbers import mean, percentage, plain, round_half_away


@pytest.mark.parametrize(
    ("x", "places", "expected"),
    [
        (Decimal("2.5"), 0, "3"),
        (Decimal("-2.5"), 0, "-3"),
        (Decimal("2.45"), 1, "2.5"),
        (Decimal("-2.45"), 1, "-2.5"),
        (Decimal("2.449999"), 1, "2.4"),
        (Decimal("1.005"), 2, "1.01"),
        (Decimal("12.345"), 2, "12.35"),
        (Fraction(1, 3), 1, "0.3"),
        (Fraction(2, 3), 1, "0.7"),
        (Fraction(-1, 20), 1, "-0.1"),
        (Fraction(-1, 21), 1, "0.0"),
        (7, 1, "7.0"),
        (Decimal("4.5"), 2, "4.50"),
        (Decimal("1250"), -2, "1.3E+3"),
    ],
)
def test_it_rounds_halves_away_from_zero_exactly(
    x: Decimal | Fraction | int, places: int, expected: str
) -> None:
    assert str(round_half_away(x, places)) == expected


def test_rounding_a_small_negative_to_zero_gives_plain_zero() -> None:
    result = round_half_away(Decimal("-0.04"), 1)
    assert result == 0
    assert not result.is_signed()


@pytest.mark.parametrize("bad", [2.5, True, "2.5", None])
def test_it_refuses_inexact_or_odd_inputs(bad: object) -> None:
    with pytest.raises(TypeError, match="exact number"):
        round_half_away(bad, 1)  # type: ignore[arg-type]


def test_it_refuses_a_non_finite_decimal() -> None:
    with pytest.raises(ValueError, match="not a finite number"):
        round_half_away(Decimal("NaN"), 1)


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (7, 8, Decimal("87.5")),
        (1, 3, Decimal("33.3")),
        (2, 3, Decimal("66.7")),
        (1, 8, Decimal("12.5")),
        # 100 x 1/16 = 6.25 -> 6.3 (half away), where binary float rounding would give 6.2
        (1, 16, Decimal("6.3")),
        (0, 5, Decimal("0.0")),
        (5, 5, Decimal("100.0")),
        (3, 0, None),
        (0, 0, None),
    ],
)
def test_it_gives_a_percentage_to_one_decimal(
    numerator: int, denominator: int, expected: Decimal | None
) -> None:
    assert percentage(numerator, denominator) == expected


@pytest.mark.parametrize(
    ("total", "count", "expected"),
    [
        (Decimal("10"), 4, Decimal("2.5")),
        (Decimal("1"), 3, Decimal("0.3")),
        (-5, 2, Decimal("-2.5")),
        (-1, 4, Decimal("-0.3")),
        (Decimal("12.25"), 1, Decimal("12.3")),
        (Decimal("7"), 0, None),
    ],
)
def test_it_gives_a_mean_to_one_decimal(
    total: Decimal | int, count: int, expected: Decimal | None
) -> None:
    assert mean(total, count) == expected


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (Decimal("12.00"), "12"),
        (Decimal("4.50"), "4.5"),
        (Decimal("87.5"), "87.5"),
        (Decimal("1234.25"), "1234.25"),
        (Decimal("1E+3"), "1000"),
        (Decimal("-0.0"), "0"),
        (Decimal("-0"), "0"),
        (Decimal("0E-7"), "0"),
        (Decimal("0.0000001"), "0.0000001"),
        (Decimal("1E-7"), "0.0000001"),
        (Decimal("-3.10"), "-3.1"),
        (Decimal("100.0"), "100"),
        (Decimal("0010.500"), "10.5"),
        (Decimal("12345678901234567890123456789012.5"), "12345678901234567890123456789012.5"),
        (12, "12"),
        (0, "0"),
        (-4, "-4"),
        (None, ""),
    ],
)
def test_it_writes_numbers_in_their_shortest_plain_form(
    x: Decimal | int | None, expected: str
) -> None:
    assert plain(x) == expected


@pytest.mark.parametrize("bad", [1.5, Fraction(1, 2), "12", False])
def test_plain_refuses_what_the_export_never_writes(bad: object) -> None:
    with pytest.raises(TypeError):
        plain(bad)  # type: ignore[arg-type]


def test_plain_refuses_infinity() -> None:
    with pytest.raises(ValueError, match="not a finite number"):
        plain(Decimal("Infinity"))


def reference_round(x: Fraction, places: int) -> Fraction:
    """Half away from zero, by floor on the magnitude: floor(|x| * 10^p + 1/2)."""
    scale = Fraction(10) ** places
    magnitude = math.floor(abs(x) * scale + Fraction(1, 2))
    return Fraction(magnitude if x >= 0 else -magnitude) / scale


fractions = st.fractions(max_denominator=10_000).filter(lambda f: abs(f) < 10**9)


@given(fractions, st.integers(min_value=0, max_value=6))
def test_round_half_away_matches_a_reference_on_random_fractions(x: Fraction, places: int) -> None:
    result = round_half_away(x, places)
    assert Fraction(result) == reference_round(x, places)
    assert result.as_tuple().exponent == -places
    assert not (result == 0 and result.is_signed())


@given(st.integers(min_value=-(10**6), max_value=10**6), st.integers(min_value=0, max_value=4))
def test_round_half_away_treats_exact_halves_symmetrically(whole: int, places: int) -> None:
    half = Fraction(2 * whole + 1, 2 * 10**places)
    assert round_half_away(-half, places) == -round_half_away(half, places)
    assert abs(Fraction(round_half_away(half, places))) > abs(half)


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12))
def test_plain_round_trips_through_decimal_without_an_exponent(x: Decimal) -> None:
    text = plain(x)
    assert Decimal(text) == x
    assert "e" not in text.lower()
    assert text != "-0"
    if "." in text:
        assert not text.endswith("0")
        assert not text.endswith(".")


@given(st.decimals(allow_nan=False, allow_infinity=False, places=3))
def test_plain_of_a_whole_number_has_no_decimal_point(x: Decimal) -> None:
    whole = x.to_integral_value()
    assert "." not in plain(whole)
    assert plain(whole) == str(int(whole))


@given(st.integers(0, 10**9), st.integers(1, 10**9), st.integers(0, 3))
def test_percentages_of_counts_are_the_exact_fractions_rounded_once(numerator, denominator, places):
    """Counts take a whole-number path; it must give the exact fraction's rounding, digit for
    digit (66.7, 100.0, 0.0), as a Decimal numerator or denominator does."""
    exact = round_half_away(100 * Fraction(numerator, denominator), places)
    found = percentage(numerator, denominator, places)
    assert found is not None and found.as_tuple() == exact.as_tuple()
    assert percentage(Decimal(numerator), denominator, places).as_tuple() == exact.as_tuple()
