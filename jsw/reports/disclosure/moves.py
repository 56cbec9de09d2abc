"""Whole-number moves that keep every relation true: quick proofs that a cell is not pinned.

The relations of a table are sums, so their matrix has entries 0, 1 and -1. Its null space
has a basis with one vector per free column of the reduced row echelon form; scaled to whole
numbers, each vector is a move: adding it to the true figures keeps every sum right. When
the moved figures also respect the reader's bounds (a `[c]` at least 1), the move is a second
solution, which proves that every cell it changes has at least two possible values, without
an integer program. The proof is exact: each move is checked in whole numbers before use.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import lcm

import numpy as np

PIVOT = 1e-9
DENOMINATOR = 10_000  # echelon entries of sum relations are small fractions
PAIRED = 40  # moves combined two by two (the pairs grow as the square)


@dataclass(frozen=True)
class RowSpace:
    """The reduced row echelon form of a system's relations, to ask what they fix."""

    echelon: np.ndarray
    pivots: list[int]
    free: list[int]

    @classmethod
    def of(cls, matrix: np.ndarray) -> RowSpace:
        width = matrix.shape[1]
        if not matrix.shape[0]:
            return cls(np.zeros((0, width)), [], list(range(width)))
        echelon, pivots = _echelon(matrix.astype(float))
        pivot_set = set(pivots)
        return cls(echelon, pivots, [c for c in range(width) if c not in pivot_set])

    def fixes(self, form: np.ndarray) -> bool:
        """Whether the linear form takes one value on every solution of the relations: it
        is then unchanged by each null-space vector (1 at a free column, minus the echelon's
        column at the pivots)."""
        change = form[self.free] - self.echelon[:, self.free].T @ form[self.pivots]
        return not np.any(np.abs(change) > PIVOT)

    def pinned(self) -> np.ndarray:
        """For each column, whether the relations alone fix it (no null-space vector moves
        it): a free column never is; a pivot column is when its row has no free entries."""
        width = len(self.pivots) + len(self.free)
        pinned = np.zeros(width, dtype=bool)
        if self.pivots:
            pinned[self.pivots] = ~np.any(np.abs(self.echelon[:, self.free]) > PIVOT, axis=1)
        return pinned

    def moves(self, matrix: np.ndarray) -> np.ndarray:
        """A basis of the null space of `matrix` (this row space's), one row per free column,
        scaled to whole numbers; a vector that cannot be made whole exactly (checked in
        integers) is left out, which only costs a proof."""
        width = len(self.pivots) + len(self.free)
        exact = np.rint(matrix).astype(np.int64)
        moves = []
        for column in self.free:
            move = _whole(-self.echelon[:, column], self.pivots, column, width)
            if not np.any(exact @ move):
                moves.append(move)
        return np.array(moves, dtype=float).reshape(len(moves), width)


def _whole(entries: np.ndarray, pivots: list[int], free: int, width: int) -> np.ndarray:
    """The null-space vector of one free column, scaled to whole numbers."""
    vector = np.zeros(width)
    vector[free] = 1.0
    vector[pivots] = entries
    rounded = np.rint(vector)
    if np.all(np.abs(vector - rounded) < PIVOT):
        return rounded.astype(np.int64)
    fractions = [Fraction(float(x)).limit_denominator(DENOMINATOR) for x in vector]
    scale = lcm(*(f.denominator for f in fractions))
    return np.array([int(f * scale) for f in fractions], dtype=np.int64)


def _echelon(matrix: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """Reduced row echelon form (partial pivoting) and the pivot column of each row."""
    m = matrix.copy()
    rows, width = m.shape
    pivots: list[int] = []
    row = 0
    for column in range(width):
        if row == rows:
            break
        best = row + int(np.argmax(np.abs(m[row:, column])))
        if abs(m[best, column]) < PIVOT:
            continue
        m[[row, best]] = m[[best, row]]
        m[row] /= m[row, column]
        others = np.abs(m[:, column]) > PIVOT
        others[row] = False
        m[others] -= np.outer(m[others, column], m[row])
        pivots.append(column)
        row += 1
    return m[: len(pivots)], pivots


def feasible_moves(
    basis: np.ndarray, truth: np.ndarray, lower: np.ndarray, upper: np.ndarray
) -> np.ndarray:
    """The true figures moved by each move of `basis` and by each sum or difference of two
    of them (of the first PAIRED), either way, wherever that respects the bounds."""
    if not len(basis):
        return np.zeros((0, len(truth)))
    steps = [basis]
    if len(basis) > 1:
        first, second = np.triu_indices(min(len(basis), PAIRED), k=1)
        steps += [basis[first] + basis[second], basis[first] - basis[second]]
    every = np.vstack(steps)
    points = truth + np.vstack([every, -every])
    inside = np.all(points >= lower, axis=1) & np.all(points <= upper, axis=1)
    return points[inside]
