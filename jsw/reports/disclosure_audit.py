"""The auditor: can a reader recover a suppressed figure from what a public pack shows?

For a group of suppressed cells linked by relations (a component), the reader knows every
published figure, every additive relation (`total = parts`), that each suppressed count is a
whole number of at least 1 (zeros are shown) and each other figure at least 0. A suppressed
cell is **recovered** when it has only one value consistent with all of that together: by
one subtraction, by combining several relations, or by bounds. The auditor decides this
exactly with an integer linear program (HiGHS, through `scipy.optimize.milp`) per component:
the cell is safe when a feasible solution gives it a value other than its true one.

A percentage or mean (a *ratio* n / d) is recovered when n / d is the same in every feasible
solution: when `n * D - N * d` is 0 for all of them (N / D the true ratio).

Two readers are checked. The spec's reader takes every `[c]` as at least 1; where a rule hid a
true zero (a numerator 0 under a small complement, a carried figure), that reader's
constraints can exclude the truth, so the auditor also checks a reader who allows 0 there:
each must find at least two values (or, for the first, none at all).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from jsw.reports.disclosure_moves import analyse, feasible_moves
from jsw.reports.disclosure_table import Structure

INTEGER_GAP = 0.5  # solutions come back as floats near whole numbers
RELATIVE_GAP = 1e-6  # below this a real-valued figure counts as pinned


@dataclass
class System:
    """The reader's knowledge about some suppressed cells, as `A x = b`, `lower <= x <= upper`."""

    keys: list[Hashable]
    column: dict[Hashable, int]
    matrix: np.ndarray
    rhs: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    integer: np.ndarray
    truth: np.ndarray

    def solve(self, objective: np.ndarray) -> np.ndarray | None:
        """A solution minimising `objective`, or None when there is none."""
        constraints = [LinearConstraint(self.matrix, self.rhs, self.rhs)] if len(self.rhs) else []
        result = milp(
            c=objective,
            constraints=constraints,
            integrality=self.integer,
            bounds=Bounds(self.lower, self.upper),
        )
        if result.status != 0 or result.x is None:
            return None
        return np.asarray(result.x)


def build_system(
    structure: Structure, hidden: set[Hashable], keys: list[Hashable], zeros_allowed: bool
) -> System:
    """The linear system over the unknown, non-ratio cells `keys` (one component): the
    suppressed ones and those never printed."""
    column = {key: i for i, key in enumerate(keys)}
    rows: list[int] = sorted({i for key in keys for i in structure.sums_of.get(key, ())})
    matrix = np.zeros((len(rows), len(keys)))
    rhs = np.zeros(len(rows))
    for r, index in enumerate(rows):
        relation = structure.sums[index]
        rhs[r] = relation.residual
        for key in relation.members:
            sign = relation.sign(key)
            if key in column:
                matrix[r, column[key]] += sign
            else:
                rhs[r] -= sign * structure.value(key)
    truth = np.array([structure.value(key) for key in keys])
    counted = np.array([structure.cells[key].counted for key in keys], dtype=bool)
    # A reader knows a `[c]` count is at least 1; of a figure never printed, only that it is
    # at least 0.
    printed_counts = counted & np.array(
        [key in hidden and key not in structure.implied for key in keys], dtype=bool
    )
    lower = np.where(printed_counts, 1.0, 0.0)
    if zeros_allowed:
        lower = np.minimum(lower, truth)
    # A finite box keeps every program bounded; it is far beyond any figure in the table.
    upper = np.full(len(keys), 4.0 * structure.largest + 100.0)
    return System(keys, column, matrix, rhs, lower, upper, counted.astype(float), truth)


@dataclass(frozen=True)
class RatioForm:
    """`n * D - N * d` for a ratio n / d and a reference solution N / D, as a linear form."""

    coefficients: np.ndarray
    constant: float
    scale: float

    def at(self, point: np.ndarray) -> float:
        return float(self.coefficients @ point + self.constant)

    def nonzero(self, value: float) -> bool:
        return abs(value) > RELATIVE_GAP * self.scale


def ratio_form(
    structure: Structure, system: System, key: Hashable, reference: np.ndarray
) -> RatioForm:
    ratio = structure.ratios[structure.ratio_of[key]]

    def part(cell: Hashable) -> tuple[int | None, float]:
        if cell in system.column:
            index = system.column[cell]
            return index, float(reference[index])
        return None, structure.value(cell)

    (n_index, n_ref), (d_index, d_ref) = part(ratio.numerator), part(ratio.denominator)
    coefficients = np.zeros(len(system.keys))
    constant = 0.0
    if n_index is None:
        constant += n_ref * d_ref
    else:
        coefficients[n_index] += d_ref
    if d_index is None:
        constant -= n_ref * d_ref
    else:
        coefficients[d_index] -= n_ref
    return RatioForm(coefficients, constant, max(1.0, abs(n_ref), abs(d_ref)))


def recovered(
    structure: Structure,
    hidden: set[Hashable],
    component: list[Hashable],
    among: Iterable[Hashable] | None = None,
) -> list[Hashable]:
    """The cells of `component` (or of `among`, a part of it) that a reader can recover, in
    table order: empty when all are safe."""
    keys = [k for k in component if k not in structure.ratio_of]
    asked = set(component if among is None else among)
    ratios = [
        k
        for k in component
        if k in asked and k in structure.ratio_of and structure.cells[k].value is not None
    ]
    checked = [k for k in keys if k in asked and k in hidden]
    found = _recovered_by(structure, hidden, keys, checked, ratios, zeros_allowed=True)
    if any(structure.cells[k].counted and structure.value(k) == 0 for k in checked):
        found |= _recovered_by(structure, hidden, keys, checked, ratios, zeros_allowed=False)
    return sorted(found, key=structure.order.__getitem__)


def _recovered_by(
    structure: Structure,
    hidden: set[Hashable],
    keys: list[Hashable],
    checked: list[Hashable],
    ratios: list[Hashable],
    zeros_allowed: bool,
) -> set[Hashable]:
    system = build_system(structure, hidden, keys, zeros_allowed)
    width = len(keys)
    # Cells the relations alone pin down (one subtraction, or several) need no search.
    pinned, moves = analyse(system.matrix)
    if zeros_allowed:
        points = [system.truth, *feasible_moves(moves, system.truth, system.lower, system.upper)]
    else:
        point = system.solve(np.full(width, -1.0))
        if point is None:
            return set()  # this reader finds no consistent values at all
        points = [point]
    found = {key for key in checked if pinned[system.column[key]]}
    forms = {key: ratio_form(structure, system, key, points[0]) for key in ratios}
    found |= {key for key, form in forms.items() if not np.any(form.coefficients[~pinned])}
    open_cells = [key for key in checked if key not in found and not _moved(system, key, points)]
    open_ratios = [key for key in ratios if key not in found and not _changed(forms[key], points)]
    if open_cells or open_ratios:
        for direction in (-1.0, 1.0):  # push every cell up, then down: one solution covers many
            point = system.solve(np.full(width, direction))
            if point is not None:
                points.append(point)
    for key in open_cells:
        if _moved(system, key, points):
            continue
        index = system.column[key]
        if not _moves(system, index, points[0][index]):
            found.add(key)  # pinned by the bounds: a [c] is at least 1
    for key in open_ratios:
        form = forms[key]
        if _changed(form, points):
            continue
        if not any(
            (p := system.solve(sign * form.coefficients)) is not None and form.nonzero(form.at(p))
            for sign in (1.0, -1.0)
        ):
            found.add(key)
    return found


def _moved(system: System, key: Hashable, points: list[np.ndarray]) -> bool:
    index = system.column[key]
    return any(abs(p[index] - points[0][index]) > _gap(system, index) for p in points)


def _changed(form: RatioForm, points: list[np.ndarray]) -> bool:
    return any(form.nonzero(form.at(p)) for p in points)


def _gap(system: System, index: int) -> float:
    return INTEGER_GAP if system.integer[index] else RELATIVE_GAP * max(1.0, system.upper[index])


def _moves(system: System, index: int, reference: float) -> bool:
    """Whether cell `index` takes a value other than `reference` in some solution."""
    for sign in (-1.0, 1.0):
        objective = np.zeros(len(system.keys))
        objective[index] = sign
        point = system.solve(objective)
        if point is not None and abs(point[index] - reference) > _gap(system, index):
            return True
    return False


def feasible_range(
    structure: Structure, hidden: Iterable[Hashable], key: Hashable
) -> tuple[float, float]:
    """The least and greatest value of the suppressed cell `key` a reader can deduce
    (the upper end is the auditor's box when nothing bounds it)."""
    hidden = set(hidden)
    keys = [k for k in _component_of(structure, hidden, key) if k not in structure.ratio_of]
    system = build_system(structure, hidden, keys, zeros_allowed=True)
    index = system.column[key]
    ends = []
    for sign in (1.0, -1.0):
        objective = np.zeros(len(keys))
        objective[index] = sign
        point = system.solve(objective)
        assert point is not None  # the true figures are always a solution
        ends.append(float(point[index]))
    return ends[0], ends[1]


def _component_of(structure: Structure, hidden: set[Hashable], key: Hashable) -> list:
    from jsw.reports.disclosure_secondary import components

    for component in components(structure, hidden):
        if key in component:
            return component
    raise KeyError(key)
