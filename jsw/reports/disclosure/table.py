"""The description of a table for disclosure control: its cells and the relations between them.

`Structure` is the same table checked and normalised (rates and means spelled out as
additive and derived relations, blank figures dropped from relations) for the primary rules
and the auditor.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

Number = int | Decimal


@dataclass(frozen=True)
class Cell:
    """One figure that may be published.

    `counted` figures are counts of people, orders, sessions... (whole numbers, at least 0).
    `people` is the number of people behind a sum (e.g. hours of unpaid work), where the cell
    is such a sum. A `value` of None is a blank figure: nothing to publish or protect.

    A cell that is not `printed` (a rate's complement, which packs do not print) is known to
    a reader only through the relations; it is protected when a rule hides it but is never
    hidden to protect others.
    """

    key: Hashable
    value: Number | None
    counted: bool
    people: int | None = None
    printed: bool = True


@dataclass(frozen=True)
class Additive:
    """`total = parts[0] + parts[1] + ...`, wherever it holds among the published figures:
    a distribution's categories and their total, a breakdown's groups and the overall figure,
    the quarters (or halves) of a year and the year."""

    total: Hashable
    parts: tuple[Hashable, ...]


@dataclass(frozen=True)
class Ratio:
    """A value worked out from a numerator and a denominator (a percentage, a mean): it is
    suppressed whenever either is, and published with them it reveals the other."""

    value: Hashable
    numerator: Hashable
    denominator: Hashable


@dataclass(frozen=True)
class Rate:
    """A timeliness or proportion PI: the percentage `value` of `numerator` over
    `denominator`, and the "not met" `complement` (denominator - numerator). Implies
    `Additive(denominator, (numerator, complement))` and `Ratio(value, ...)`.

    Without a complement cell, one is made (key `Complement(numerator)`), since a reader can
    always work it out."""

    value: Hashable
    numerator: Hashable
    denominator: Hashable
    complement: Hashable | None = None


@dataclass(frozen=True)
class Mean:
    """A mean PI: `value` = `total` / `items`. A mean over 1 to t - 1 items hides the mean
    and its total (the numerator)."""

    value: Hashable
    total: Hashable
    items: Hashable


@dataclass(frozen=True)
class Complement:
    """The key of a rate's complement cell when the builder gave none."""

    numerator: Hashable


Relation = Additive | Ratio | Rate | Mean


@dataclass
class Table:
    """The figures of a pack (or of one PI) and the relations a reader can use between them.

    Cells keep the order they were added in: it breaks ties when secondary cells are chosen.
    """

    cells: dict[Hashable, Cell] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)

    def add_cell(
        self,
        key: Hashable,
        value: Number | None,
        counted: bool,
        people: int | None = None,
        printed: bool = True,
    ) -> Hashable:
        if key in self.cells:
            raise ValueError(f"disclosure: the cell {key!r} is given twice")
        if counted and value is not None and not _is_whole(value):
            raise ValueError(f"disclosure: the counted cell {key!r} is not a whole number")
        self.cells[key] = Cell(key, value, counted, people, printed)
        return key

    def count(self, key: Hashable, value: int | None, printed: bool = True) -> Hashable:
        return self.add_cell(key, value, counted=True, printed=printed)

    def figure(self, key: Hashable, value: Number | None, people: int | None = None) -> Hashable:
        """A figure that is not a count: a percentage, a mean, a sum (with its people)."""
        return self.add_cell(key, value, counted=False, people=people)

    def relate(self, relation: Relation) -> None:
        self.relations.append(relation)

    def additive(self, total: Hashable, parts: Iterable[Hashable]) -> None:
        self.relate(Additive(total, tuple(parts)))


Problem = Table


def _is_whole(value: Number) -> bool:
    if isinstance(value, bool):
        return False
    return value >= 0 and value == int(value)


@dataclass(frozen=True)
class Sum:
    """A normalised additive relation: `total - sum(parts) = residual`.

    The residual is 0 for counts; for sums of rounded figures (hours, days) it is whatever
    rounding left, which the auditor grants the reader as known."""

    total: Hashable
    parts: tuple[Hashable, ...]
    residual: float

    @property
    def members(self) -> tuple[Hashable, ...]:
        return (self.total, *self.parts)

    def sign(self, key: Hashable) -> int:
        return 1 if key == self.total else -1


@dataclass
class Structure:
    """A checked, normalised `Table`: what the primary rules and the auditor read."""

    cells: dict[Hashable, Cell]
    order: dict[Hashable, int]
    sums: list[Sum]
    ratios: list[Ratio]
    rates: list[Rate]
    means: list[Mean]
    sums_of: dict[Hashable, list[int]]
    ratios_from: dict[Hashable, list[int]]
    ratio_of: dict[Hashable, int]
    largest: float = 0.0
    implied: frozenset[Hashable] = frozenset()
    cache: dict[str, dict[Any, Any]] = field(default_factory=dict)  # the auditor's, per run

    @classmethod
    def of(cls, table: Table) -> Structure:
        cells = dict(table.cells)
        additives: list[Additive] = []
        ratios: list[Ratio] = []
        rates: list[Rate] = []
        means: list[Mean] = []
        for relation in table.relations:
            if isinstance(relation, Rate):
                rate = _with_complement(relation, cells)
                rates.append(rate)
                additives.append(Additive(rate.denominator, (rate.numerator, rate.complement)))
                ratios.append(Ratio(rate.value, rate.numerator, rate.denominator))
            elif isinstance(relation, Mean):
                means.append(relation)
                ratios.append(Ratio(relation.value, relation.total, relation.items))
            elif isinstance(relation, Ratio):
                ratios.append(relation)
            else:
                additives.append(relation)
        structure = cls(
            cells, {k: i for i, k in enumerate(cells)}, [], ratios, rates, means, {}, {}, {}
        )
        structure._index(additives)
        values = [abs(float(c.value)) for c in cells.values() if c.value is not None]
        structure.largest = max(values, default=0.0)
        structure.implied = frozenset(k for k, c in cells.items() if not c.printed)
        return structure

    def _index(self, additives: list[Additive]) -> None:
        relations: list[Relation] = [*additives, *self.ratios, *self.rates, *self.means]
        for relation in relations:
            for key in _keys_of(relation):
                if key not in self.cells:
                    raise ValueError(f"disclosure: a relation names an unknown cell {key!r}")
        for index, ratio in enumerate(self.ratios):
            if ratio.value in self.ratio_of:
                raise ValueError(f"disclosure: {ratio.value!r} is worked out twice")
            self.ratio_of[ratio.value] = index
            for key in (ratio.numerator, ratio.denominator):
                self.ratios_from.setdefault(key, []).append(index)
        for additive in additives:
            self._add_sum(additive)

    def _add_sum(self, additive: Additive) -> None:
        members = (additive.total, *additive.parts)
        given = [self.cells[key].value for key in members]
        values = [value for value in given if value is not None]
        if len(values) < len(given):
            return  # a blank figure: the relation cannot be used
        if any(key in self.ratio_of for key in members):
            raise ValueError("disclosure: a percentage or mean cannot be part of a sum")
        residual = values[0] - sum(values[1:])
        if residual and all(self.cells[key].counted for key in members):
            raise ValueError(f"disclosure: {additive.total!r} is not the sum of its parts")
        index = len(self.sums)
        self.sums.append(Sum(additive.total, additive.parts, float(residual)))
        for key in set(members):
            self.sums_of.setdefault(key, []).append(index)

    def value(self, key: Hashable) -> float:
        value = self.cells[key].value
        assert value is not None
        return float(value)

    def unknown(self, hidden: set[Hashable]) -> set[Hashable]:
        """The cells a reader does not see and that have a value: the hidden and the
        unprinted (a blank figure has nothing to recover)."""
        return {k for k in hidden | self.implied if self.cells[k].value is not None}

    def closure(
        self, hidden: Iterable[Hashable], added: Iterable[Hashable] | None = None
    ) -> set[Hashable]:
        """`hidden` and `added`, plus every percentage or mean worked out from a hidden
        figure (when `added` is given, `hidden` is taken as closed already)."""
        result = set(hidden)
        pending = list(result) if added is None else [k for k in added if k not in result]
        result.update(pending)
        while pending:
            key = pending.pop()
            for index in self.ratios_from.get(key, ()):
                value = self.ratios[index].value
                if value not in result:
                    result.add(value)
                    pending.append(value)
        return result


def _with_complement(rate: Rate, cells: dict[Hashable, Cell]) -> Rate:
    if rate.complement is not None:
        return rate
    key = Complement(rate.numerator)
    if key not in cells:
        if rate.numerator not in cells or rate.denominator not in cells:
            raise ValueError(f"disclosure: the rate {rate.value!r} names an unknown cell")
        numerator, denominator = cells[rate.numerator].value, cells[rate.denominator].value
        value = None if numerator is None or denominator is None else denominator - numerator
        if value is not None and value < 0:
            raise ValueError(f"disclosure: {rate.numerator!r} is more than its denominator")
        cells[key] = Cell(key, value, counted=True, printed=False)
    return Rate(rate.value, rate.numerator, rate.denominator, key)


def _keys_of(relation: Relation) -> tuple[Hashable, ...]:
    if isinstance(relation, Additive):
        return (relation.total, *relation.parts)
    if isinstance(relation, Rate):
        keys = (relation.value, relation.numerator, relation.denominator, relation.complement)
        return tuple(key for key in keys if key is not None)
    if isinstance(relation, Mean):
        return (relation.value, relation.total, relation.items)
    return (relation.value, relation.numerator, relation.denominator)
