"""How a public pack describes its figures to the disclosure module: which parts of a
figure become [c], and that a figure suppressed before stays suppressed."""

from __future__ import annotations

from decimal import Decimal

from jsw.reports import disclosure as dc
from jsw.reports.figures import Figures
from jsw.reports.model import Cell, Key
from jsw.reports.public import cell_key, describe

KINDS = {"cpos-imposed": "count", "lscmi-20-days": "timeliness"}
Q1, Q2 = "2025-26-Q1", "2025-26-Q2"


def figures(*cells: Cell) -> Figures:
    found = Figures(cells)
    found.used = {cell.key for cell in cells}
    return found


def hidden(found: Figures, forced=frozenset()) -> set[tuple[str, str, str]]:
    suppression = dc.suppress(describe(found, KINDS), 5, forced)
    return {
        (key.indicator_id, key.period, part)
        for key in found.used
        for part in ("numerator", "denominator", "value")
        if suppression.is_suppressed(cell_key(KINDS[key.indicator_id], key, part))
    }


def count(period: str, n: int) -> Cell:
    return Cell(Key("cpos-imposed", period), numerator=Decimal(n), value=Decimal(n))


def test_a_count_from_1_to_4_is_suppressed_with_its_numerator_and_5_is_shown():
    found = hidden(figures(count(Q1, 4), count(Q2, 5)))
    assert found == {("cpos-imposed", Q1, "numerator"), ("cpos-imposed", Q1, "value")}


def test_a_rate_whose_not_met_complement_is_small_hides_its_numerator_and_percentage():
    rate = Cell(Key("lscmi-20-days", Q1), Decimal(18), 20, Decimal("90.0"))  # 2 not met
    assert hidden(figures(rate)) == {
        ("lscmi-20-days", Q1, "numerator"),
        ("lscmi-20-days", Q1, "value"),
    }


def test_a_figure_suppressed_in_a_published_public_pack_stays_suppressed():
    found = figures(count(Q1, 40), count(Q2, 50))
    assert hidden(found) == set()
    before = {cell_key("count", Key("cpos-imposed", Q1), "value")}
    assert ("cpos-imposed", Q1, "value") in hidden(found, before)
