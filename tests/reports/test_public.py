"""How a public pack hides the figures it uses, on the spec's worked cases (reports.md,
"Disclosure control", and the cases of the independent audit): which parts of which figure
are `[c]`, and that a blank stays blank."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jsw.framework.catalogue import load_catalogue
from jsw.reports.figures import Figures
from jsw.reports.model import Cell, Key, Pi
from jsw.reports.public import cell_key, hidden_parts
from jsw.reports.rows import pi_of

Q1, Q2, Q3, Q4, YEAR = "2025-26-Q1", "2025-26-Q2", "2025-26-Q3", "2025-26-Q4", "2025-26"
SEEN = "cpo-seen-1-day"  # timeliness, by sex, age band and team
CPOS = "cpos-imposed"  # count
UPW_DAYS = "upw-average-days"  # mean
HOURS = "upw-hours"  # sum
REVIEWS = "significant-reviews"  # a quarterly return that counts things; its year is a sum
FEEDBACK = "placement-feedback"  # a return that is a percentage, not a count


@pytest.fixture(scope="module")
def pis() -> dict[str, Pi]:
    catalogue = load_catalogue()
    return {
        i: pi_of(catalogue.indicator(i)) for i in (SEEN, CPOS, UPW_DAYS, HOURS, REVIEWS, FEEDBACK)
    }


def suppressed(pis: dict[str, Pi], *cells: Cell, forced=frozenset()) -> set[tuple]:
    """(indicator, period, group, part) of every `[c]`, as the pack prints them."""
    figures = Figures(cells)
    for cell in cells:
        figures.get(cell.key)
    figures.hidden, _ = hidden_parts(figures, pis, 5, set(forced))
    out = set()
    for cell in cells:
        shown = figures.get(cell.key)
        for part in ("numerator", "denominator", "value"):
            if shown.shown(part) == "[c]":
                out.add((cell.key.indicator_id, cell.key.period, cell.key.group, part))
    return out


def count(period: str, n: int) -> Cell:
    return Cell(Key(CPOS, period), numerator=Decimal(n), value=Decimal(n))


def rate(n: int, d: int, group: str = "", period: str = Q4) -> Cell:
    value = None if d == 0 else (Decimal(100 * n) / d).quantize(Decimal("0.1"))
    key = Key(SEEN, period, "", "sex" if group else "", group)
    return Cell(key, numerator=Decimal(n), denominator=d, value=value)


def test_a_count_from_1_to_4_is_c_and_0_and_5_are_shown(pis):
    found = suppressed(pis, count(Q1, 4), count(Q2, 5), count(Q3, 0))
    assert found == {(CPOS, Q1, "", "numerator"), (CPOS, Q1, "", "value")}


def test_a_small_not_met_complement_hides_the_numerator_and_percentage_not_the_denominator(pis):
    assert suppressed(pis, rate(18, 20)) == {(SEEN, Q4, "", "numerator"), (SEEN, Q4, "", "value")}


def test_a_mean_over_few_items_hides_the_mean_its_total_and_its_items(pis):
    mean = Cell(Key(UPW_DAYS, Q1), numerator=Decimal(420), denominator=3, value=Decimal(140))
    found = suppressed(pis, mean)
    assert found == {(UPW_DAYS, Q1, "", p) for p in ("numerator", "denominator", "value")}


def test_a_sum_from_few_people_is_c_and_from_enough_people_is_shown(pis):
    few = Cell(Key(HOURS, "2024-25"), Decimal("30.5"), None, Decimal("30.5"), people=2)
    many = Cell(Key(HOURS, YEAR), Decimal(400), None, Decimal(400), people=12)
    found = suppressed(pis, few, many)
    assert found == {(HOURS, "2024-25", "", "numerator"), (HOURS, "2024-25", "", "value")}


def test_the_audit_case_a_groups_denominator_is_not_41_minus_37(pis):
    """Overall 27 of 41; F 2 of 4, M 25 of 37, U and X 0 of 0. F's figures are small; M's
    numerator hides too (else 27 - 25 = 2), and so must a denominator beside F's (else
    41 - 37 - 0 - 0 = 4). U and X have no percentage: blank, never `[c]`."""
    cells = (rate(27, 41), rate(2, 4, "F"), rate(25, 37, "M"), rate(0, 0, "U"), rate(0, 0, "X"))
    found = suppressed(pis, *cells)
    f = {(SEEN, Q4, "F", p) for p in ("numerator", "denominator", "value")}
    assert f <= found
    assert (SEEN, Q4, "M", "numerator") in found
    assert {(SEEN, Q4, "M", "denominator"), (SEEN, Q4, "", "denominator")} & found
    assert not {k for k in found if k[2] in ("U", "X")}


def test_the_audit_case_two_c_that_add_up_to_2_are_not_left_at_1_each(pis):
    """F 1 of 1 and M 1 of 1 beside X 10 of 10 and the overall 12 of 12: with X and the
    overall shown, F + M = 2 and each `[c]` is at least 1, so both would be 1."""
    cells = (rate(12, 12), rate(1, 1, "F"), rate(1, 1, "M"), rate(10, 10, "X"), rate(0, 0, "U"))
    found = suppressed(pis, *cells)
    assert {(SEEN, Q4, g, "denominator") for g in "FM"} <= found
    assert {(SEEN, Q4, "X", "denominator"), (SEEN, Q4, "", "denominator")} & found


def test_a_return_that_counts_hides_a_small_value_and_its_blank_numerator_stays_blank(pis):
    small = Cell(Key(REVIEWS, Q1), value=Decimal(3))
    found = suppressed(pis, small, Cell(Key(REVIEWS, Q2), value=Decimal(9)))
    assert found == {(REVIEWS, Q1, "", "value")}


def test_a_return_that_is_not_a_count_shows_a_small_value(pis):
    assert suppressed(pis, Cell(Key(FEEDBACK, "2024-25"), value=Decimal(3))) == set()


def test_a_summed_year_and_its_quarters_do_not_give_a_small_quarter_away(pis):
    """The year of a counting return is the sum of its quarters: with the year and three
    quarters shown, the fourth would be a subtraction."""
    quarters = [
        Cell(Key(REVIEWS, q), value=Decimal(v))
        for q, v in zip((Q1, Q2, Q3, Q4), (2, 6, 7, 8), strict=True)
    ]
    figures = Figures(quarters)
    for cell in quarters:
        figures.get(cell.key)
    figures.get(Key(REVIEWS, YEAR))  # the annual report shows the summed year
    hidden, secondary = hidden_parts(figures, pis, 5, set())
    assert hidden[Key(REVIEWS, Q1)] == {"numerator", "value"}
    others = [Key(REVIEWS, q) for q in (Q2, Q3, Q4, YEAR)]
    assert any("value" in hidden.get(k, ()) for k in others) and secondary >= 1


def test_a_figure_suppressed_in_a_published_public_pack_stays_suppressed(pis):
    assert suppressed(pis, count(Q1, 40), count(Q2, 50)) == set()
    before = {(Key(CPOS, Q1), "value")}
    assert (CPOS, Q1, "", "value") in suppressed(pis, count(Q1, 40), count(Q2, 50), forced=before)


def test_a_count_numerator_is_the_same_cell_as_its_value(pis):
    key = Key(CPOS, Q1)
    assert cell_key(pis[CPOS], key, "numerator") == cell_key(pis[CPOS], key, "value")
