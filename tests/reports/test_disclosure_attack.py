"""An attacker, written apart from the auditor, tries to recover every suppressed cell.

The attacker reads the table as a reader of the public pack would: the printed figures that
are not `[c]`, the relations, each `[c]` count at least 1 (0 where a rule hid a true zero)
and each unprinted count at least 0. It works from
an exact null space in fractions (no linear programming): it tries every whole-number
solution a few steps from the true figures, and looks for one in which the cell differs from
its true value; for a percentage, one in which n / d differs from the true ratio. Every
suppressed cell must have one.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsw.reports.disclosure import (
    Additive,
    Cell,
    Complement,
    Rate,
    Ratio,
    Suppression,
    Table,
    suppress,
)


@dataclass
class Reader:
    known: dict[Hashable, int]
    unknown: dict[Hashable, tuple[int, int, int]]  # key -> (lower, upper, true value)
    sums: list[tuple[Hashable, tuple[Hashable, ...]]]
    ratios: list[tuple[Hashable, Hashable, Hashable]]


def reader_of(table: Table, result: Suppression) -> Reader:
    cells = dict(table.cells)
    sums: list[tuple[Hashable, tuple[Hashable, ...]]] = []
    ratios: list[tuple[Hashable, Hashable, Hashable]] = []
    for relation in table.relations:
        if isinstance(relation, Additive):
            sums.append((relation.total, relation.parts))
        elif isinstance(relation, Rate):
            complement = relation.complement or Complement(relation.numerator)
            if complement not in cells:
                den, num = cells[relation.denominator].value, cells[relation.numerator].value
                cells[complement] = Cell(complement, den - num, counted=True, printed=False)
            sums.append((relation.denominator, (relation.numerator, complement)))
            ratios.append((relation.value, relation.numerator, relation.denominator))
        elif isinstance(relation, Ratio):
            ratios.append((relation.value, relation.numerator, relation.denominator))
    ratio_values = {value for value, _, _ in ratios}
    counts = [
        int(c.value) for k, c in cells.items() if k not in ratio_values and c.value is not None
    ]
    upper = 2 * max(counts, default=0) + 2
    known: dict[Hashable, int] = {}
    unknown: dict[Hashable, tuple[int, int, int]] = {}
    for key, cell in cells.items():
        if key in ratio_values or cell.value is None:
            continue
        truth = int(cell.value)
        if result.is_suppressed(key) or not cell.printed:
            lower = min(1, truth) if cell.printed else 0
            unknown[key] = (lower, upper, truth)
        else:
            known[key] = truth
    return Reader(known, unknown, sums, ratios)


def null_space(reader: Reader, order: list[Hashable]) -> list[list[Fraction]]:
    """A basis of the moves that keep every sum true, by exact elimination in fractions."""
    column = {key: i for i, key in enumerate(order)}
    rows = []
    for total, parts in reader.sums:
        if not all(k in reader.known or k in reader.unknown for k in (total, *parts)):
            continue
        row = [Fraction(0)] * len(order)
        for key, sign in ((total, 1), *((p, -1) for p in parts)):
            if key in column:
                row[column[key]] += sign
        rows.append(row)
    pivots: list[int] = []
    r = 0
    for c in range(len(order)):
        pivot = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        rows[r] = [x / rows[r][c] for x in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                factor = rows[i][c]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append(c)
        r += 1
    basis = []
    for free in (c for c in range(len(order)) if c not in pivots):
        vector = [Fraction(0)] * len(order)
        vector[free] = Fraction(1)
        for i, c in enumerate(pivots):
            vector[c] = -rows[i][free]
        basis.append(vector)
    return basis


def alternatives(reader: Reader) -> tuple[list[Hashable], np.ndarray]:
    """The true figures and every other whole-number solution within small steps of them:
    each combination of the null-space basis with coefficients from -2 to 2 (-1 to 1 when
    there are many), kept where it is whole and respects the bounds."""
    order = list(reader.unknown)
    truth = np.array([reader.unknown[k][2] for k in order], dtype=float)
    lower = np.array([reader.unknown[k][0] for k in order], dtype=float)
    basis = null_space(reader, order)
    if not basis:
        return order, truth[None, :]
    steps = range(-2, 3) if len(basis) <= 6 else range(-1, 2)
    coefficients = np.array(list(itertools.product(steps, repeat=len(basis))), dtype=float)
    moves = coefficients @ np.array([[float(x) for x in v] for v in basis])
    points = truth + moves
    whole = np.all(np.abs(points - np.rint(points)) < 1e-9, axis=1)
    inside = np.all(points >= lower - 1e-9, axis=1)
    return order, np.rint(points[whole & inside])


def recoverable(reader: Reader, result: Suppression, table: Table) -> list[Hashable]:
    order, points = alternatives(reader)
    column = {key: i for i, key in enumerate(order)}
    found = []
    for key in order:
        if result.is_suppressed(key) and len(set(points[:, column[key]])) < 2:
            found.append(key)
    for value, numerator, denominator in reader.ratios:
        if not result.is_suppressed(value) or table.cells[value].value is None:
            continue

        def figure(key: Hashable) -> np.ndarray:
            if key in column:
                return points[:, column[key]]
            return np.full(len(points), float(reader.known[key]))

        n, d = figure(numerator), figure(denominator)
        ratios = {Fraction(int(a), int(b)) for a, b in zip(n, d, strict=True) if b != 0}
        if len(ratios) < 2:
            found.append(value)
    return found


# ---- generated tables ------------------------------------------------------------------

small = st.one_of(st.integers(0, 6), st.integers(0, 16))


@st.composite
def grid_tables(draw: st.DrawFn) -> Table:
    """Groups x categories (or x quarters) with row, column and grand totals."""
    rows, columns = draw(st.integers(1, 3)), draw(st.integers(2, 4))
    values = [[draw(small) for _ in range(columns)] for _ in range(rows)]
    table = Table()
    for r in range(rows):
        for c in range(columns):
            table.count(("cell", r, c), values[r][c])
        table.count(("row", r), sum(values[r]))
        table.additive(("row", r), [("cell", r, c) for c in range(columns)])
    if rows > 1 or draw(st.booleans()):
        for c in range(columns):
            table.count(("column", c), sum(values[r][c] for r in range(rows)))
            table.additive(("column", c), [("cell", r, c) for r in range(rows)])
        table.count("all", sum(map(sum, values)))
        table.additive("all", [("row", r) for r in range(rows)])
        table.additive("all", [("column", c) for c in range(columns)])
    return table


@st.composite
def rate_tables(draw: st.DrawFn) -> Table:
    """A timeliness PI: numerator and denominator by group and overall, with percentages."""
    groups = draw(st.integers(1, 4))
    table = Table()
    pairs = []
    for _ in range(groups):
        den = draw(small)
        num = draw(st.integers(0, den))
        pairs.append((num, den))
    pairs.append((sum(n for n, _ in pairs), sum(d for _, d in pairs)))
    for g, (num, den) in enumerate(pairs):
        table.count(("num", g), num)
        table.count(("den", g), den)
        table.figure(("pct", g), Decimal(100 * num) / den if den else None)
        table.relate(Rate(("pct", g), ("num", g), ("den", g)))
    table.additive(("num", groups), [("num", g) for g in range(groups)])
    table.additive(("den", groups), [("den", g) for g in range(groups)])
    return table


@st.composite
def breakdowns_by_quarter(draw: st.DrawFn) -> Table:
    """Two breakdowns of one overall count (sex, age band), by quarter, and the year: each
    quarter's overall is the sum of either breakdown, each group's year the sum of its
    quarters (a three-way table: the relations cross)."""
    quarters = draw(st.integers(2, 3))
    groups = [("sex", 0), ("sex", 1), *(("age", a) for a in range(draw(st.integers(2, 3))))]
    ages = len(groups) - 2
    table = Table()
    counts: dict = {}
    for quarter in range(quarters):
        people = draw(st.lists(st.tuples(st.integers(0, 1), st.integers(0, ages - 1)), max_size=14))
        counts[(quarter, "all")] = len(people)
        for sex in range(2):
            counts[(quarter, ("sex", sex))] = sum(1 for s, _ in people if s == sex)
        for age in range(ages):
            counts[(quarter, ("age", age))] = sum(1 for _, a in people if a == age)
    for group in ["all", *groups]:
        counts[("year", group)] = sum(counts[(q, group)] for q in range(quarters))
    for key, value in counts.items():
        table.count(key, value)
    for period in [*range(quarters), "year"]:
        table.additive((period, "all"), [(period, g) for g in groups if g[0] == "sex"])
        table.additive((period, "all"), [(period, g) for g in groups if g[0] == "age"])
    for group in ["all", *groups]:
        table.additive(("year", group), [(q, group) for q in range(quarters)])
    return table


def forced_from(draw: st.DrawFn, table: Table) -> set[Hashable]:
    keys = sorted(table.cells, key=str)
    return set(draw(st.lists(st.sampled_from(keys), max_size=2))) if keys else set()


def check(table: Table, result: Suppression) -> None:
    for key, cell in table.cells.items():
        if cell.counted and cell.value is not None and 1 <= cell.value <= 4:
            assert result.is_suppressed(key), key
    reader = reader_of(table, result)
    assert recoverable(reader, result, table) == []


slow = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@slow
@given(grid_tables())
def test_no_suppressed_cell_of_a_distribution_breakdown_or_year_can_be_recovered(table):
    check(table, suppress(table))


@slow
@given(rate_tables())
def test_no_suppressed_numerator_denominator_or_percentage_can_be_recovered(table):
    check(table, suppress(table))


@slow
@given(breakdowns_by_quarter())
def test_no_suppressed_cell_of_crossing_breakdowns_and_quarters_can_be_recovered(table):
    check(table, suppress(table))


@slow
@given(st.data())
def test_figures_carried_from_an_earlier_pack_cannot_be_recovered_either(data):
    table = data.draw(st.one_of(grid_tables(), rate_tables(), breakdowns_by_quarter()))
    forced = forced_from(data.draw, table)
    result = suppress(table, forced=forced)
    assert all(result.is_suppressed(key) for key in forced)
    check(table, result)


def test_the_attacker_does_recover_a_lone_small_category():
    table = Table()
    table.count("a", 3)
    table.count("b", 12)
    table.count("total", 15)
    table.additive("total", ["a", "b"])
    unprotected = Suppression(5, frozenset({"a"}), frozenset(), frozenset())
    assert recoverable(reader_of(table, unprotected), unprotected, table) == ["a"]


def test_the_attacker_does_recover_a_percentage_of_published_figures():
    table = Table()
    table.count("num", 30)
    table.count("den", 40)
    table.figure("pct", Decimal(75))
    table.relate(Ratio("pct", "num", "den"))
    unprotected = Suppression(5, frozenset({"pct"}), frozenset(), frozenset())
    assert recoverable(reader_of(table, unprotected), unprotected, table) == ["pct"]
