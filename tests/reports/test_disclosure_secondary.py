"""Secondary suppression on hand-made tables: which extra cells hide, and that it is enough."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from jsw.reports.disclosure import Complement, Mean, Rate, Ratio, Table, suppress
from jsw.reports.disclosure.audit import build_system
from jsw.reports.disclosure.components import component_of
from jsw.reports.disclosure.table import Structure


def distribution(total_key: str, parts: dict[str, int]) -> Table:
    table = Table()
    for key, value in parts.items():
        table.count(key, value)
    table.count(total_key, sum(parts.values()))
    table.additive(total_key, parts)
    return table


def test_a_distribution_with_one_small_category_hides_the_next_smallest_category():
    # total 30 = a 3 + b 12 + c 7 + d 8: "a" alone would be 30 - 12 - 7 - 8
    result = suppress(distribution("total", {"a": 3, "b": 12, "c": 7, "d": 8}))
    assert result.primary == {"a"}
    assert result.secondary == {"c"}
    assert result.secondary_count == 1


def test_a_zero_category_stays_shown_when_a_non_zero_one_can_hide_instead():
    result = suppress(distribution("total", {"a": 0, "b": 3, "c": 9}))
    assert result.primary == {"b"}
    assert result.secondary == {"c"}
    assert not result.is_suppressed("a")


def test_two_small_categories_protect_each_other():
    result = suppress(distribution("total", {"a": 2, "b": 3, "c": 40}))
    assert result.primary == {"a", "b"}
    assert result.secondary == set()


def test_a_breakdown_with_one_small_group_hides_another_group():
    # overall 40 = team1 2 + team2 18 + team3 20
    result = suppress(distribution("overall", {"team1": 2, "team2": 18, "team3": 20}))
    assert result.secondary == {"team2"}


def test_a_year_that_is_the_sum_of_its_quarters_protects_a_small_quarter():
    quarters = {"Q1": 10, "Q2": 3, "Q3": 12, "Q4": 8}
    result = suppress(distribution("year", quarters))
    assert result.primary == {"Q2"}
    assert result.secondary == {"Q4"}
    assert not result.is_suppressed("year")


def test_a_small_total_with_one_small_part_hides_a_part_when_the_total_is_known_elsewhere():
    # Two breakdowns of the same overall 12: sex 3 + 9 and age 12 + 0.
    table = Table()
    for key, value in {"overall": 12, "f": 3, "m": 9, "young": 12, "old": 0}.items():
        table.count(key, value)
    table.additive("overall", ["f", "m"])
    table.additive("overall", ["young", "old"])
    result = suppress(table)
    assert result.primary == {"f"}
    assert result.secondary == {"m"}


def test_a_cell_pinned_by_its_row_and_its_column_hides_a_rectangle():
    # teams x quarters with team totals, quarter totals and a grand total:
    #         Q1  Q2 | team
    # A        2  10 |  12
    # B       20  30 |  50
    # quarter 22  40 |  62
    table = Table()
    values = {("A", "Q1"): 2, ("A", "Q2"): 10, ("B", "Q1"): 20, ("B", "Q2"): 30}
    for key, value in values.items():
        table.count(key, value)
    for team in "AB":
        table.count(team, values[(team, "Q1")] + values[(team, "Q2")])
        table.additive(team, [(team, "Q1"), (team, "Q2")])
    for quarter in ("Q1", "Q2"):
        table.count(quarter, values[("A", quarter)] + values[("B", quarter)])
        table.additive(quarter, [("A", quarter), ("B", quarter)])
    table.count("all", 62)
    table.additive("all", ["A", "B"])
    table.additive("all", ["Q1", "Q2"])
    result = suppress(table)
    assert result.primary == {("A", "Q1")}
    assert result.secondary == {("A", "Q2"), ("B", "Q1"), ("B", "Q2")}
    low, high = feasible_range(Structure.of(table), set(result.suppressed), ("A", "Q1"))
    assert (low, high) == (1, 11)  # A,Q1 >= 1 and A,Q2 = 12 - A,Q1 >= 1


def feasible_range(structure: Structure, hidden: set, key: object) -> tuple[float, float]:
    """The least and greatest value of the suppressed cell `key` a reader can deduce."""
    keys = [k for k in component_of(structure, hidden, key) if k not in structure.ratio_of]
    system = build_system(structure, hidden, keys, zeros_allowed=True)
    ends = []
    for sign in (1.0, -1.0):
        objective = np.zeros(len(keys))
        objective[system.column[key]] = sign
        point = system.solve(objective)
        assert point is not None  # the true figures are always a solution
        ends.append(float(point[system.column[key]]))
    return ends[0], ends[1]


def rates(groups: dict[str, tuple[int, int]]) -> Table:
    """A timeliness PI by team and overall: (numerator, denominator) per team."""
    table = Table()
    overall = (sum(n for n, _ in groups.values()), sum(d for _, d in groups.values()))
    for name, (num, den) in {**groups, "all": overall}.items():
        table.count(("num", name), num)
        table.count(("den", name), den)
        table.figure(("pct", name), Decimal(100 * num) / den if den else None)
        table.relate(Rate(("pct", name), ("num", name), ("den", name)))
    table.additive(("num", "all"), [("num", g) for g in groups])
    table.additive(("den", "all"), [("den", g) for g in groups])
    return table


def test_a_small_team_hides_another_teams_denominator_and_with_it_their_percentages():
    result = suppress(rates({"A": (2, 3), "B": (30, 40), "C": (45, 50)}))
    # A's complement (1, never printed) is hidden too: it must not be worked out either.
    assert result.primary == {("num", "A"), ("den", "A"), ("pct", "A"), Complement(("num", "A"))}
    # B's denominator is the smallest that stops 93 - 50 - B giving A's 3, and B's
    # numerator follows (else A's numerator is 77 - 45 - 30); their percentage goes with them.
    assert result.secondary == {("den", "B"), ("num", "B"), ("pct", "B")}


def test_a_team_whose_complement_is_small_keeps_its_denominator():
    result = suppress(rates({"A": (38, 40), "B": (30, 40), "C": (45, 50)}))
    assert ("den", "A") not in result.suppressed
    assert {("num", "A"), ("pct", "A")} <= result.primary
    # A's numerator would be 113 - 30 - 45: one more numerator hides.
    assert ("num", "B") in result.secondary


def test_a_percentage_of_100_over_a_few_people_is_not_given_away():
    # 3 of 3: numerator, denominator and percentage hidden; nothing printed says "all".
    result = suppress(rates({"A": (3, 3)}))
    assert result.is_suppressed(("pct", "A"))
    assert result.is_suppressed(("pct", "all"))


def test_figures_suppressed_in_an_earlier_pack_stay_suppressed_and_are_protected():
    table = distribution("total", {"a": 20, "b": 12, "c": 7})
    result = suppress(table, forced={"a", "not-in-this-table"})
    assert result.carried == {"a"}
    assert result.primary == set()
    assert result.secondary == {"c"}


def test_a_carried_figure_that_is_now_blank_stays_suppressed_and_needs_no_protection():
    table = distribution("total", {"a": 20, "b": 12})
    table.count("c", None)
    result = suppress(table, forced={"c"})
    assert result.carried == {"c"}
    assert result.secondary == set()


def test_a_carried_percentage_of_published_figures_hides_one_of_them():
    table = Table()
    table.count("num", 30)
    table.count("den", 40)
    table.figure("pct", Decimal(75))
    table.relate(Ratio("pct", "num", "den"))
    result = suppress(table, forced={"pct"})
    assert result.carried == {"pct"}
    assert result.secondary == {"num"}


def test_a_mean_over_few_items_hides_its_total_and_a_total_elsewhere_protects_it():
    table = Table()
    for key, items, days in (("A", 3, Decimal(12)), ("B", 40, Decimal(200))):
        table.count(("items", key), items)
        table.figure(("days", key), days)
        table.figure(("mean", key), days / items)
        table.relate(Mean(("mean", key), ("days", key), ("items", key)))
    table.count(("items", "all"), 43)
    table.figure(("days", "all"), Decimal(212))
    table.additive(("items", "all"), [("items", "A"), ("items", "B")])
    table.additive(("days", "all"), [("days", "A"), ("days", "B")])
    result = suppress(table)
    assert result.primary == {("items", "A"), ("days", "A"), ("mean", "A")}
    assert result.secondary == {("items", "B"), ("days", "B"), ("mean", "B")}


def test_a_sum_from_few_people_is_protected_within_its_breakdown():
    table = Table()
    table.figure("hours A", Decimal("10.5"), people=2)
    table.figure("hours B", Decimal("300.0"), people=40)
    table.figure("hours C", Decimal("120.0"), people=12)
    table.figure("hours", Decimal("430.5"), people=54)
    table.additive("hours", ["hours A", "hours B", "hours C"])
    result = suppress(table)
    assert result.primary == {"hours A"}
    assert result.secondary == {"hours C"}


def test_a_blank_figure_breaks_a_relation_instead_of_being_guessed():
    table = Table()
    table.count("a", 3)
    table.count("b", None)
    table.count("total", 10)
    table.additive("total", ["a", "b"])
    result = suppress(table)
    assert result.primary == {"a"}
    assert result.secondary == set()


@given(
    st.lists(st.one_of(st.just(0), st.integers(5, 500)), min_size=1, max_size=6),
    st.integers(1, 4),
)
def test_tables_without_small_figures_suppress_nothing(values, periods):
    table = Table()
    for period in range(periods):
        parts = [table.count((period, i), v) for i, v in enumerate(values)]
        table.count((period, "total"), sum(values))
        table.additive((period, "total"), parts)
    table.count("year", periods * sum(values))
    table.additive("year", [(p, "total") for p in range(periods)])
    result = suppress(table)
    assert result.suppressed == set()
