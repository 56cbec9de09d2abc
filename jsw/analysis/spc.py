"""XmR charts the NHS England "Making Data Count" way (reports.md, "Signal versus noise").

Pure and without Django: `xmr()` takes a series of values in period order and returns every
point's mean, limits, flagged rules, direction and type, with the variation and assurance
icons and whether the limits are trial limits. The arithmetic is exact (fractions), so a
point exactly on a limit or on the mean is judged as the spec says; outputs are floats.

Choices the spec leaves open, made here:
- A rebase at a period that is not a point of the series starts the group at the first point
  after it, when every label is a financial period (`2025-26-Q3`); otherwise it is refused.
- A baseline of one point (`fix_after=1`, or a one-point group) has a mean and no limits.
- With outlier screening, nothing is screened when AMR is 0.
- A trend point whose next point is a trend point with the same value takes its direction
  from the previous point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Any, Literal

from jsw.lib.periods import parse_period

Improvement = Literal["increase", "decrease", "neutral"]
IMPROVEMENTS: tuple[str, ...] = ("increase", "decrease", "neutral")

# Rule names, in the spec's order: the first one that flags a point gives its direction.
ASTRONOMICAL, TREND, TWO_IN_THREE, SHIFT = "astronomical", "trend", "two_in_three", "shift"
RULE_ORDER = (ASTRONOMICAL, TREND, TWO_IN_THREE, SHIFT)

LIMIT_FACTOR = Fraction(266, 100)
TWO_SIGMA_FACTOR = 2 * LIMIT_FACTOR / 3
SCREEN_FACTOR = Fraction(3267, 1000)
TRIAL_BELOW = 13

COMMON_CAUSE = "common_cause"
POINT_TYPES = (
    COMMON_CAUSE,
    "special_cause_improvement",
    "special_cause_concern",
    "special_cause_neutral_high",
    "special_cause_neutral_low",
)
VARIATION_ICONS = (
    COMMON_CAUSE,
    "improvement_high",
    "improvement_low",
    "concern_high",
    "concern_low",
    "neutral_high",
    "neutral_low",
)
ASSURANCES = ("pass", "fail", "inconsistent", "none")

Number = float | int | Decimal | Fraction


@dataclass(frozen=True)
class SpcPoint:
    period: str
    value: float
    mean: float
    lower: float | None
    upper: float | None
    two_sigma_lower: float | None
    two_sigma_upper: float | None
    point_type: str
    rules: tuple[str, ...]
    # "high", "low", "rising" or "falling" for a flagged point; None for common cause.
    direction: str | None
    rebase: bool  # a recorded rebase starts a group here
    group: int  # 0 for the first group, 1 after the first rebase, ...

    @property
    def side(self) -> int:
        return (self.value > self.mean) - (self.value < self.mean)

    def as_json(self) -> dict[str, Any]:
        keys = ("period", "value", "mean", "lower", "upper", "point_type")
        return {key: getattr(self, key) for key in keys}


@dataclass(frozen=True)
class SpcResult:
    points: list[SpcPoint]
    variation_icon: str | None  # None only for an empty series
    assurance: str
    trial: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "points": [point.as_json() for point in self.points],
            "variation_icon": self.variation_icon,
            "assurance": self.assurance,
            "trial": self.trial,
        }


@dataclass(frozen=True)
class _Limits:
    mean: Fraction
    amr: Fraction | None  # None: no limits (a baseline of one point)

    def bounds(self, factor: Fraction) -> tuple[Fraction, Fraction] | None:
        if self.amr is None:
            return None
        return self.mean - factor * self.amr, self.mean + factor * self.amr


def exact(x: Number) -> Fraction:
    """x as an exact fraction; a float is read as the decimal it prints as (0.1 -> 1/10)."""
    if isinstance(x, bool):
        raise TypeError(f"expected a number, got {x!r}")
    if isinstance(x, float):
        x = Decimal(repr(x))
    if isinstance(x, Decimal) and not x.is_finite():
        raise ValueError(f"{x} is not a finite number")
    return Fraction(x)


def xmr(
    values: Sequence[Number],
    periods: Sequence[str],
    *,
    improvement: str = "neutral",
    target: Number | None = None,
    fix_after: int | None = None,
    rebase_at: Sequence[str] = (),
    screen_outliers: bool = False,
    shift: int = 7,
    trend: int = 7,
) -> SpcResult:
    """The XmR chart of the series; ValueError for options or rebases that make no sense."""
    _check_options(values, periods, improvement, fix_after, shift, trend)
    xs = [exact(v) for v in values]
    if not xs:
        return SpcResult(points=[], variation_icon=None, assurance="none", trial=True)
    rebased = _rebase_indexes(list(periods), rebase_at)
    starts = sorted({0} | rebased)
    points: list[SpcPoint] = []
    limits: _Limits | None = None
    for number, (first, end) in enumerate(zip(starts, [*starts[1:], len(xs)], strict=True)):
        group = xs[first:end]
        limits = _limits(group, fix_after, screen_outliers)
        flagged = _flags(group, limits, shift, trend)
        for offset in range(len(group)):
            rules = tuple(rule for rule in RULE_ORDER if offset in flagged[rule])
            direction = _direction(group, offset, limits.mean, rules, flagged[TREND])
            points.append(
                _point(
                    periods[first + offset],
                    group[offset],
                    limits,
                    rules,
                    direction,
                    improvement,
                    rebase=first + offset in rebased,
                    group=number,
                )
            )
    return SpcResult(
        points=points,
        variation_icon=_variation_icon(points[-1], improvement) if points else None,
        assurance=_assurance(limits, target, improvement),
        trial=len(xs) - starts[-1] < TRIAL_BELOW,
    )


def _check_options(
    values: Sequence[Number],
    periods: Sequence[str],
    improvement: str,
    fix_after: int | None,
    shift: int,
    trend: int,
) -> None:
    if len(values) != len(periods):
        raise ValueError(f"{len(values)} values but {len(periods)} periods")
    if len(set(periods)) != len(periods):
        twice = next(p for p in periods if list(periods).count(p) > 1)
        raise ValueError(f"period {twice} appears more than once")
    if improvement not in IMPROVEMENTS:
        raise ValueError(f"improvement must be one of {', '.join(IMPROVEMENTS)}")
    if fix_after is not None and fix_after < 1:
        raise ValueError("fix_after must be 1 or more")
    if shift < 2 or trend < 2:
        raise ValueError("the shift and trend run lengths must be 2 or more")


def _rebase_indexes(periods: list[str], rebase_at: Sequence[str]) -> set[int]:
    indexes: set[int] = set()
    for label in rebase_at:
        if label in periods:
            indexes.add(periods.index(label))
            continue
        index = _first_point_after(periods, label)
        if index:  # None: after the last point; 0: before the first, where a group starts anyway
            indexes.add(index)
    return indexes


def _first_point_after(periods: list[str], label: str) -> int | None:
    """Where a rebase between points falls; None when it is after the last point."""
    try:
        rebase = parse_period(label)
        starts = [parse_period(p).start for p in periods]
    except ValueError:
        raise ValueError(f"the rebase period {label} is not a period of the series") from None
    return next((i for i, start in enumerate(starts) if start > rebase.start), None)


def _limits(group: list[Fraction], fix_after: int | None, screen: bool) -> _Limits:
    baseline = group if fix_after is None else group[:fix_after]
    mean = sum(baseline, Fraction(0)) / len(baseline)
    ranges = [abs(b - a) for a, b in pairwise(baseline)]
    if not ranges:
        return _Limits(mean, None)
    amr = sum(ranges, Fraction(0)) / len(ranges)
    if screen and amr > 0:
        kept = [r for r in ranges if r < SCREEN_FACTOR * amr]
        amr = sum(kept, Fraction(0)) / len(kept)
    return _Limits(mean, amr)


def _sides(group: list[Fraction], mean: Fraction) -> list[int]:
    return [(x > mean) - (x < mean) for x in group]


def _flags(group: list[Fraction], limits: _Limits, shift: int, trend: int) -> dict[str, set[int]]:
    """The points of the group (by offset) that each rule flags."""
    return {
        ASTRONOMICAL: _astronomical(group, limits),
        TREND: _trend(group, trend),
        TWO_IN_THREE: _two_in_three(group, limits),
        SHIFT: _shift(_sides(group, limits.mean), shift),
    }


def _astronomical(group: list[Fraction], limits: _Limits) -> set[int]:
    bounds = limits.bounds(LIMIT_FACTOR)
    if bounds is None:
        return set()
    lower, upper = bounds
    return {i for i, x in enumerate(group) if x > upper or x < lower}


def _trend(group: list[Fraction], length: int) -> set[int]:
    """Points of runs of `length` or more values, each strictly above (below) the one before.

    A run counts its first point: 1 2 3 4 5 6 7 is a run of 7 rising values.
    """
    flagged: set[int] = set()
    for sign in (1, -1):
        start = 0
        for i in range(1, len(group) + 1):
            if i < len(group) and (group[i] - group[i - 1]) * sign > 0:
                continue
            if i - start >= length:
                flagged.update(range(start, i))
            start = i
    return flagged


def _two_in_three(group: list[Fraction], limits: _Limits) -> set[int]:
    bounds = limits.bounds(TWO_SIGMA_FACTOR)
    if bounds is None:
        return set()
    lower, upper = bounds
    sides = _sides(group, limits.mean)
    flagged: set[int] = set()
    for first in range(len(group) - 2):
        window = range(first, first + 3)
        side = sides[first]
        if side == 0 or any(sides[i] != side for i in window):
            continue
        beyond = [i for i in window if (group[i] > upper if side > 0 else group[i] < lower)]
        if len(beyond) >= 2:
            flagged.update(beyond)
    return flagged


def _shift(sides: list[int], length: int) -> set[int]:
    flagged: set[int] = set()
    start = 0
    for i in range(1, len(sides) + 1):
        if i < len(sides) and sides[i] == sides[start]:
            continue
        if sides[start] != 0 and i - start >= length:
            flagged.update(range(start, i))
        start = i
    return flagged


def _point(
    period: str,
    x: Fraction,
    limits: _Limits,
    rules: tuple[str, ...],
    direction: str | None,
    improvement: str,
    *,
    rebase: bool,
    group: int,
) -> SpcPoint:
    process = limits.bounds(LIMIT_FACTOR)
    sigma = limits.bounds(TWO_SIGMA_FACTOR)
    return SpcPoint(
        period=period,
        value=float(x),
        mean=float(limits.mean),
        lower=float(process[0]) if process else None,
        upper=float(process[1]) if process else None,
        two_sigma_lower=float(sigma[0]) if sigma else None,
        two_sigma_upper=float(sigma[1]) if sigma else None,
        point_type=_point_type(direction, improvement),
        rules=rules,
        direction=direction,
        rebase=rebase,
        group=group,
    )


def _direction(
    group: list[Fraction], i: int, mean: Fraction, rules: tuple[str, ...], trend: set[int]
) -> str | None:
    """The first flagging rule's direction: a trend rises or falls, others are high or low."""
    if not rules:
        return None
    if rules[0] != TREND:
        return "high" if group[i] > mean else "low"
    step = group[i + 1] - group[i] if i + 1 in trend else Fraction(0)
    if step == 0 and i > 0:  # no trend point after it, or one of the same value
        step = group[i] - group[i - 1]
    return "rising" if step > 0 else "falling"


def _point_type(direction: str | None, improvement: str) -> str:
    if direction is None:
        return COMMON_CAUSE
    up = direction in ("high", "rising")
    if improvement == "neutral":
        return "special_cause_neutral_high" if up else "special_cause_neutral_low"
    good = up if improvement == "increase" else not up
    return "special_cause_improvement" if good else "special_cause_concern"


def _variation_icon(point: SpcPoint, improvement: str) -> str:
    if point.point_type == COMMON_CAUSE:
        return COMMON_CAUSE
    high = point.direction in ("high", "rising")
    side = "high" if high else "low"
    if improvement == "neutral":
        return f"neutral_{side}"
    kind = "improvement" if point.point_type == "special_cause_improvement" else "concern"
    return f"{kind}_{side}"


def _assurance(limits: _Limits | None, target: Number | None, improvement: str) -> str:
    if target is None or improvement == "neutral" or limits is None:
        return "none"
    bounds = limits.bounds(LIMIT_FACTOR)
    if bounds is None:
        return "inconsistent"
    lower, upper = bounds
    t = exact(target)
    if improvement == "increase":
        return "fail" if t > upper else "pass" if t < lower else "inconsistent"
    return "fail" if t < lower else "pass" if t > upper else "inconsistent"
