"""Aggregate returns: the `return` PIs of indicators.md, one row per period.

Which returns there are and how their figures are drawn is data (`returns.yaml`), so that
no PI id is written in code. Quarterly returns get a row per quarter, annual ones a row per
financial year; an occasional period is left out, as when a figure was never entered.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from jsw.lib.periods import periods_between, periods_in_year
from jsw.synth.context import Context, chance, poisson

RETURNS_FILE = Path(__file__).with_name("returns.yaml")


@dataclass(frozen=True)
class ReturnDraw:
    indicator: str
    frequency: str  # "Q" or "A"
    note: str
    poisson: float | None = None
    gauss: float | None = None
    uniform: tuple[float, float] | None = None

    def draw(self, rng: random.Random, scale: float) -> float:
        if self.poisson is not None:
            return poisson(rng, self.poisson * scale)
        if self.gauss is not None:
            mean = self.gauss * scale
            return max(0, round(rng.gauss(mean, mean * 0.05)))
        assert self.uniform is not None
        low, high = self.uniform
        return round(rng.uniform(low, high), 1)


@cache
def return_draws() -> tuple[ReturnDraw, ...]:
    entries = yaml.safe_load(RETURNS_FILE.read_text(encoding="utf-8"))
    return tuple(
        ReturnDraw(**{**entry, "uniform": tuple(entry["uniform"]) if "uniform" in entry else None})
        for entry in entries
    )


def write_returns(context: Context, first_fy: int, last_fy: int) -> None:
    """Every period of every financial year from `first_fy` to `last_fy` (start years)."""
    rng = context.rng("returns")
    quarterly = [draw for draw in return_draws() if draw.frequency == "Q"]
    annual = [draw for draw in return_draws() if draw.frequency == "A"]
    for year in periods_between(first_fy, last_fy, "A"):
        for quarter in periods_in_year(year.financial_year, "Q"):
            for draw in quarterly:
                write_return(context, draw, quarter.label, draw.draw(rng, context.scale))
        for draw in annual:
            write_return(context, draw, year.label, draw.draw(rng, context.scale))


def write_return(context: Context, draw: ReturnDraw, period: str, value: float) -> None:
    if chance(context.rng("returns"), context.profile.return_missing):
        return
    context.sink.write("returns", (draw.indicator, period, value, draw.note))
