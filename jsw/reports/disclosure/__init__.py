"""Disclosure control for public packs: which figures become `[c]`, and why.

A public pack must not let a reader single anyone out. This module decides, for one table of
figures (cells) and the relations a reader can use between them, which cells are suppressed:

- **primary** suppression, by the rules of `spec/reports.md` (a counted figure from 1 to
  t - 1; the numerator and percentage of a rate whose "not met" complement is small; the mean
  and numerator of a mean over few items; a sum from few people; any percentage or mean worked
  out from a suppressed figure);
- **carried** suppression: figures suppressed in an earlier published public pack stay
  suppressed, so two packs cannot be subtracted from each other;
- **secondary** suppression: more cells, until no suppressed cell has only one value consistent
  with the published figures and the relations (see `audit`).

It is pure Python (no Django): the board-pack builder describes its figures as a `Table` and
renders `[c]` wherever `Suppression.is_suppressed(key)` says so.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from jsw.reports.disclosure.secondary import protect
from jsw.reports.disclosure.table import (
    Additive,
    Cell,
    Complement,
    Mean,
    Problem,
    Rate,
    Ratio,
    Structure,
    Table,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "SUPPRESSED",
    "Additive",
    "Cell",
    "Complement",
    "Mean",
    "Problem",
    "Rate",
    "Ratio",
    "Suppression",
    "Table",
    "primary_cells",
    "suppress",
]

SUPPRESSED = "[c]"
DEFAULT_THRESHOLD = 5


@dataclass(frozen=True)
class Suppression:
    """Which cells of a table a public pack shows as `[c]`, and for which reason."""

    threshold: int
    primary: frozenset[Hashable]
    carried: frozenset[Hashable]
    secondary: frozenset[Hashable]

    def is_suppressed(self, key: Hashable) -> bool:
        return key in self.primary or key in self.carried or key in self.secondary

    @property
    def suppressed(self) -> frozenset[Hashable]:
        return self.primary | self.carried | self.secondary

    @property
    def secondary_count(self) -> int:
        """The number to state in the pack: cells suppressed only to protect others."""
        return len(self.secondary)

    def shown(self, key: Hashable, value: object) -> object:
        """The figure as a public pack prints it."""
        return SUPPRESSED if self.is_suppressed(key) else value


def suppress(
    table: Table,
    threshold: int = DEFAULT_THRESHOLD,
    forced: Iterable[Hashable] = frozenset(),
) -> Suppression:
    """Primary, carried and secondary suppression of `table` (see the module docstring).

    `forced` holds the keys suppressed in an earlier published public pack; keys not in this
    table are ignored.
    """
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise ValueError(f"disclosure threshold must be a whole number >= 1, not {threshold!r}")
    structure = Structure.of(table)
    primary = structure.closure(primary_cells(structure, threshold))
    carried = structure.closure(primary | {k for k in forced if k in structure.cells}) - primary
    secondary = protect(structure, primary | carried)
    return Suppression(threshold, frozenset(primary), frozenset(carried), frozenset(secondary))


def primary_cells(structure: Structure, threshold: int) -> set[Hashable]:
    """The cells the primary rules hide, before derived values are added."""

    def small(key: Hashable) -> bool:
        value = structure.cells[key].value
        return value is not None and 1 <= value <= threshold - 1

    hidden = set()
    for key, cell in structure.cells.items():
        if cell.counted and small(key):
            hidden.add(key)
        if cell.people is not None and 1 <= cell.people <= threshold - 1:
            hidden.add(key)
    for rate in structure.rates:
        if small(rate.complement):
            hidden |= {rate.numerator, rate.value}
    for mean in structure.means:
        if small(mean.items):
            hidden |= {mean.value, mean.total}
    return hidden
