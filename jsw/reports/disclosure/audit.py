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

from jsw.reports.disclosure.moves import RowSpace, feasible_moves
from jsw.reports.disclosure.table import Structure

INTEGER_GAP = 0.5  # solutions come back as floats near whole numbers
RELATIVE_GAP = 1e-6  # below this a real-valued figure counts as pinned
TIME_LIMIT = 20.0  # seconds for one integer program; these are small


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
            # A program cut short gives no solution, which only ever hides more.
            options={"time_limit": TIME_LIMIT},
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
    space = RowSpace.of(system.matrix)
    pinned = space.pinned()
    if zeros_allowed:
        reference = system.truth
    else:
        point = system.solve(np.full(width, -1.0))
        if point is None:
            return set()  # this reader finds no consistent values at all
        reference = point
    forms = {key: ratio_form(structure, system, key, reference) for key in ratios}
    # Pinned by the relations alone (one subtraction, or several): no move changes it.
    found = {key for key in checked if pinned[system.column[key]]}
    found |= {key for key, form in forms.items() if space.fixes(form.coefficients)}
    open_cells = [k for k in checked if k not in found]
    open_ratios = [k for k in ratios if k not in found]
    points = reference[None, :]
    if zeros_allowed and (open_cells or open_ratios):
        # The true figures are a solution, and so is each move from them within the bounds.
        basis = space.moves(system.matrix)
        moved = feasible_moves(basis, system.truth, system.lower, system.upper)
        points = np.vstack([points, moved])
        open_cells, open_ratios = _still_open(system, forms, open_cells, open_ratios, points)
    found |= _searched(system, forms, open_cells, open_ratios, reference)
    return found


def _still_open(
    system: System,
    forms: dict[Hashable, RatioForm],
    cells: list[Hashable],
    ratios: list[Hashable],
    points: np.ndarray,
) -> tuple[list[Hashable], list[Hashable]]:
    """The cells and ratios that no solution in `points` (row 0 the reference) changes."""
    if cells:
        gaps = np.where(system.integer > 0, INTEGER_GAP, RELATIVE_GAP * system.upper)
        moved = np.any(np.abs(points - points[0]) > gaps, axis=0)
        cells = [k for k in cells if not moved[system.column[k]]]
    if ratios:
        coefficients = np.array([forms[k].coefficients for k in ratios])
        constants = np.array([forms[k].constant for k in ratios])
        values = points @ coefficients.T + constants
        scales = np.array([RELATIVE_GAP * forms[k].scale for k in ratios])
        changed = np.any(np.abs(values) > scales, axis=0)
        ratios = [k for k, c in zip(ratios, changed, strict=True) if not c]
    return cells, ratios


def _searched(
    system: System,
    forms: dict[Hashable, RatioForm],
    cells: list[Hashable],
    ratios: list[Hashable],
    reference: np.ndarray,
) -> set[Hashable]:
    """The cells and ratios that no solution changes, by integer programs: each pushes a
    random mix of the open ones up or down (one solution usually frees many); what no mix
    frees is then checked one by one."""
    rng = np.random.default_rng(len(cells) * 7919 + len(ratios))
    width = len(system.keys)
    while cells or ratios:
        objective = np.zeros(width)
        for key in cells:
            objective[system.column[key]] += rng.uniform(0.5, 1.5)
        for key in ratios:
            objective += rng.uniform(0.5, 1.5) * forms[key].coefficients
        before = len(cells) + len(ratios)
        for sign in (1.0, -1.0):
            point = system.solve(sign * objective)
            if point is not None:
                points = np.vstack([reference[None, :], point[None, :]])
                cells, ratios = _still_open(system, forms, cells, ratios, points)
        if len(cells) + len(ratios) == before:
            break
    found = {
        key
        for key in cells
        if not _moves(system, system.column[key], reference[system.column[key]])
    }
    for key in ratios:
        form = forms[key]
        if not any(
            (p := system.solve(sign * form.coefficients)) is not None and form.nonzero(form.at(p))
            for sign in (1.0, -1.0)
        ):
            found.add(key)  # pinned by the bounds: a [c] is at least 1
    return found


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
