"""Runs of consecutive periods: where a date falls among them, spans of them counted per
group as difference arrays, and unions of runs. No Django, no PI rules: `evaluate` uses these.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from jsw.lib.periods import Period

Key = tuple[int, str, str]  # period index, breakdown, group
NONE = range(0)


class Spans:
    """Counts over runs of consecutive periods, per group, kept as difference arrays: an
    item active for many periods costs one step per group, not one per period."""

    def __init__(self, periods: int) -> None:
        self.periods = periods
        self.steps: dict[tuple[str, str], list[int]] = {}

    def add(self, run: range, groups: Iterable[tuple[str, str]], years: range = NONE) -> None:
        """One item's run of own periods, and of years (after them), in each of its groups."""
        if not run:
            return
        for group in groups:
            steps = self.steps.get(group)
            if steps is None:
                steps = self.steps[group] = [0] * (self.periods + 1)
            steps[run.start] += 1
            steps[run.stop] -= 1
            if years:
                steps[years.start] += 1
                steps[years.stop] -= 1

    def counts(self) -> dict[Key, int]:
        found: dict[Key, int] = {}
        for (breakdown, group), steps in self.steps.items():
            running = 0
            for i in range(self.periods):
                running += steps[i]
                if running:
                    found[(i, breakdown, group)] = running
        return found


class PeriodIndex:
    """Positions of dates among contiguous periods; out-of-range dates fall off either end."""

    def __init__(self, periods: Sequence[Period]) -> None:
        self.periods = list(periods)
        self.starts = [p.start for p in self.periods]
        self.last_day = self.periods[-1].end if self.periods else date.min

    def __len__(self) -> int:
        return len(self.periods)

    def index(self, day: date) -> int:
        if day > self.last_day:
            return len(self.periods)
        return bisect_right(self.starts, day) - 1

    def during(self, start: date, end: date | None) -> range:
        first = max(self.index(start), 0)
        last = len(self.periods) - 1 if end is None else min(self.index(end), len(self.periods) - 1)
        return range(first, last + 1)

    def ends_within(self, start: date, end: date | None) -> range:
        """Periods whose last day d has start <= d <= end."""
        first = max(self.index(start), 0)
        if end is None:
            return range(first, len(self.periods))
        last = self.index(end)
        if last < len(self.periods) and self.periods[last].end > end:
            last -= 1
        return range(first, min(last, len(self.periods) - 1) + 1)


def combined(a: Any, b: Any) -> Any:
    if isinstance(a, tuple | list):
        return tuple(combined(x, y) for x, y in zip(a, b, strict=True))
    return a | b if isinstance(a, set) else a + b


def merged_runs(runs: list[range]) -> list[range]:
    """The union of runs of consecutive periods, as disjoint runs."""
    if len(runs) == 1:
        return runs
    merged: list[range] = []
    for run in sorted(runs, key=lambda r: r.start):
        if merged and run.start <= merged[-1].stop:
            last = merged[-1]
            merged[-1] = range(last.start, max(last.stop, run.stop))
        else:
            merged.append(run)
    return merged
