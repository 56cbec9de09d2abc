"""jsw.analysis.spc against a second, deliberately naive reading of reports.md: every window
and run checked by brute force, point by point, on random series, rebases and options."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from jsw.analysis.spc import xmr

K = Fraction(266, 100)


def naive(xs, rebases, fix_after, screen, shift, trend, improvement):
    """(rules, direction, point_type, mean, upper) per point, by brute force."""
    starts = [0] + [i for i in range(1, len(xs)) if i in rebases]
    ends = [*starts[1:], len(xs)]
    out = []
    for a, b in zip(starts, ends, strict=True):
        out.extend(naive_group(xs[a:b], fix_after, screen, shift, trend, improvement))
    return out


def naive_group(g, fix_after, screen, shift, trend, improvement):
    out = []
    base = g if fix_after is None else g[:fix_after]
    mean = sum(base) / Fraction(len(base))
    mrs = [abs(base[i] - base[i - 1]) for i in range(1, len(base))]
    amr = sum(mrs) / Fraction(len(mrs)) if mrs else None
    if screen and amr:
        mrs = [m for m in mrs if not m >= Fraction(3267, 1000) * amr]
        amr = sum(mrs) / Fraction(len(mrs))
    n = len(g)

    def side(i):
        return 1 if g[i] > mean else -1 if g[i] < mean else 0

    def beyond(i, s):
        return g[i] > mean + 2 * K / 3 * amr if s > 0 else g[i] < mean - 2 * K / 3 * amr

    def in_trend(i):
        for s in range(n - trend + 1):
            if s <= i < s + trend:
                steps = [g[j + 1] - g[j] for j in range(s, s + trend - 1)]
                if all(d > 0 for d in steps) or all(d < 0 for d in steps):
                    return True
        return False

    for i in range(n):
        rules = []
        if amr is not None and (g[i] > mean + K * amr or g[i] < mean - K * amr):
            rules.append("astronomical")
        if in_trend(i):
            rules.append("trend")
        if amr is not None:
            for s in range(max(0, i - 2), min(i, n - 3) + 1):
                sd = side(s)
                window = range(s, s + 3)
                same = sd != 0 and all(side(j) == sd for j in window)
                if same and sum(beyond(j, sd) for j in window) >= 2 and beyond(i, sd):
                    rules.append("two_in_three")
                    break
        for s in range(max(0, i - shift + 1), min(i, n - shift) + 1):
            if side(s) != 0 and all(side(j) == side(s) for j in range(s, s + shift)):
                rules.append("shift")
                break
        direction = None
        if rules and rules[0] == "trend":
            if i + 1 < n and in_trend(i + 1) and g[i + 1] != g[i]:
                direction = "rising" if g[i + 1] > g[i] else "falling"
            else:
                direction = "rising" if g[i] > g[i - 1] else "falling"
        elif rules:
            direction = "high" if side(i) > 0 else "low"
        if direction is None:
            kind = "common_cause"
        elif improvement == "neutral":
            kind = "special_cause_neutral_" + ("high" if direction in ("high", "rising") else "low")
        else:
            good = (direction in ("high", "rising")) == (improvement == "increase")
            kind = "special_cause_improvement" if good else "special_cause_concern"
        upper = None if amr is None else float(mean + K * amr)
        out.append((tuple(rules), direction, kind, float(mean), upper))
    return out


values = st.lists(
    st.integers(min_value=-6, max_value=6).map(lambda v: Fraction(v, 2)), min_size=1, max_size=30
)


@settings(max_examples=300, deadline=None)
@given(
    xs=values,
    rebase_offsets=st.sets(st.integers(min_value=0, max_value=29), max_size=3),
    fix_after=st.one_of(st.none(), st.integers(min_value=1, max_value=15)),
    screen=st.booleans(),
    shift=st.integers(min_value=2, max_value=8),
    trend=st.integers(min_value=2, max_value=8),
    improvement=st.sampled_from(["increase", "decrease", "neutral"]),
)
def test_the_module_agrees_with_a_naive_reading_of_the_spec(
    xs, rebase_offsets, fix_after, screen, shift, trend, improvement
):
    periods = [f"p{i}" for i in range(len(xs))]
    rebases = {i for i in rebase_offsets if i < len(xs)}
    result = xmr(
        xs,
        periods,
        improvement=improvement,
        fix_after=fix_after,
        rebase_at=[periods[i] for i in rebases],
        screen_outliers=screen,
        shift=shift,
        trend=trend,
    )
    got = [(p.rules, p.direction, p.point_type, p.mean, p.upper) for p in result.points]
    assert got == naive(xs, rebases, fix_after, screen, shift, trend, improvement)
