"""Runs of consecutive periods: where a date falls among them, and tallies added up. No
Django, no PI rules: `evaluate` uses these (`vector` has their set-based twins).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date
from typing import Any

from jsw.lib.periods import Period

Key = tuple[int, str, str]  # period index, breakdown, group
NONE = range(0)


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
