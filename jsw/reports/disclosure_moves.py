"""Whole-number moves that keep every relation true: quick proofs that a cell is not pinned.

The relations of a table are sums, so their matrix has entries 0, 1 and -1. Its null space
has a basis with one vector per free column of the reduced row echelon form; scaled to whole
numbers, each vector is a move: adding it to the true figures keeps every sum right. When
the moved figures also respect the reader's bounds (a `[c]` at least 1), the move is a second
solution, which proves that every cell it changes has at least two possible values, without
an integer program. The proof is exact: each move is checked in whole numbers before use.
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm

import numpy as np

PIVOT = 1e-9
DENOMINATOR = 10_000  # echelon entries of sum relations are small fractions


def analyse(matrix: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """Which columns the relations pin (no move changes them), and a basis of whole-number
    moves `v` with `matrix @ v == 0` (each checked exactly; one that cannot be made whole
    safely is left out, which only costs a proof)."""
    rows, width = matrix.shape
    if not rows:
        return np.zeros(width, dtype=bool), [np.eye(width, dtype=np.int64)[i] for i in range(width)]
    echelon, pivots = _echelon(matrix.astype(float))
    free = [c for c in range(width) if c not in set(pivots)]
    pinned = np.zeros(width, dtype=bool)
    for row, column in enumerate(pivots):
        pinned[column] = not np.any(np.abs(echelon[row, free]) > PIVOT)
    exact = np.rint(matrix).astype(np.int64)
    moves = []
    for column in free:
        move = _whole(-echelon[:, column], pivots, column, width)
        if not np.any(exact @ move):
            moves.append(move)
    return pinned, moves


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
    moves: list[np.ndarray], truth: np.ndarray, lower: np.ndarray, upper: np.ndarray
) -> list[np.ndarray]:
    """The true figures moved by each move, either way, wherever that respects the bounds."""
    points = []
    for move in moves:
        for step in (move, -move):
            point = truth + step
            if np.all(point >= lower) and np.all(point <= upper):
                points.append(point)
    return points
