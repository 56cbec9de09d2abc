"""A quarterly pack's worth of figures (about 9,000 cells) is protected as a whole.

The pack is made up but shaped like the real one: 40 PIs (24 rates, 16 counts), each with
the overall figure and 25 breakdown groups (sex 2, age bands 5, teams 18) for the quarter,
the previous quarter and the same quarter a year earlier, and the overall series of five
years (20 quarters, each year the sum of its quarters). Teams are small, so many figures are
suppressed. Its speed is measured by `benchmarks/disclosure.py`, not here.
"""

from __future__ import annotations

import random
from decimal import Decimal

from jsw.reports.disclosure import Rate, Table, suppress

BREAKDOWNS = {"sex": 2, "age": 5, "team": 18}
GROUPS = ["all"] + [(name, g) for name, size in BREAKDOWNS.items() for g in range(size)]
BROKEN_DOWN = (19, 18, 15)  # the quarter, the one before, the same quarter a year earlier


def quarterly_pack(seed: int = 7, indicators: int = 40) -> Table:
    rng = random.Random(seed)
    table = Table()
    for pi in range(indicators):
        rate = pi % 5 < 3
        parts = ("num", "den") if rate else ("value",)
        for quarter in range(20):
            groups = GROUPS if quarter in BROKEN_DOWN else ["all"]
            figures = _quarter(rng, rate)
            for group in groups:
                _add(table, (pi, quarter, group), figures[group], rate)
            if len(groups) > 1:
                for part in parts:
                    for name, size in BREAKDOWNS.items():
                        members = [(pi, quarter, (name, g), part) for g in range(size)]
                        table.additive((pi, quarter, "all", part), members)
        for year in range(5):
            quarters = range(4 * year, 4 * year + 4)
            totals = [
                sum(table.cells[(pi, q, "all", part)].value or 0 for q in quarters)
                for part in parts
            ]
            _add(table, (pi, f"year {year}", "all"), (totals[0], totals[-1]), rate)
            for part in parts:
                members = [(pi, q, "all", part) for q in quarters]
                table.additive((pi, f"year {year}", "all", part), members)
    return table


def _add(table: Table, key: tuple, figures: tuple[int, int], rate: bool) -> None:
    num, den = figures
    if rate:
        table.count((*key, "num"), num)
        table.count((*key, "den"), den)
        table.figure((*key, "pct"), Decimal(100 * num) / den if den else None)
        table.relate(Rate((*key, "pct"), (*key, "num"), (*key, "den")))
    else:
        table.count((*key, "value"), den)


def _quarter(rng: random.Random, rate: bool) -> dict:
    """(numerator, denominator) of each group for one quarter: the breakdowns add up."""
    figures = {group: (0, 0) for group in GROUPS}
    for _ in range(rng.randrange(120, 220)):
        met = rate and rng.random() < 0.85
        person = ("sex", rng.randrange(2)), ("age", rng.randrange(5)), ("team", rng.randrange(18))
        for group in ("all", *person):
            num, den = figures[group]
            figures[group] = (num + met, den + 1)
    return figures


def test_a_quarterly_packs_worth_of_figures_is_protected():
    table = quarterly_pack()
    assert len(table.cells) > 8_000
    result = suppress(table)
    assert result.primary and result.secondary
    # A rate is never shown beside a hidden numerator or denominator.
    for key, cell in table.cells.items():
        if key[-1] == "pct" and cell.value is not None:
            parts = [(*key[:-1], "num"), (*key[:-1], "den")]
            if any(result.is_suppressed(part) for part in parts):
                assert result.is_suppressed(key), key
