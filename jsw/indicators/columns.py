"""A PI's fetched items as numpy columns, for the set-based tallies of `vector`.

Dates become day numbers (days since 1970-01-01; a blank is numpy's NaT as an integer, `NA`),
the person becomes a position in the run's people arrays (`PeopleArrays`), and other values
stay as the driver gave them, in object arrays. The rows are read in chunks, so a large table
never exists as Python tuples all at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import repeat
from typing import Any, NamedTuple

import numpy as np
from django.db import connections, models
from django.db.models import Func

from jsw.framework.definition import Definition
from jsw.indicators.compiler import ItemQuery, converter, is_computed, is_date, sql_conditions
from jsw.indicators.sources import SOURCES, link_to, lookup

NA = int(np.iinfo(np.int64).min)  # NaT's integer: a blank date
EPOCH = date(1970, 1, 1).toordinal()


def as_days(values: list[Any] | tuple[Any, ...]) -> np.ndarray:
    """Dates (None for blanks) -> day numbers. numpy converts date objects one slow step at a
    time; their ordinals are quick. (Columns read from the database come as day numbers.)"""
    ordinals = (NA if value is None else value.toordinal() - EPOCH for value in values)
    return np.fromiter(ordinals, dtype=np.int64, count=len(values))


def to_date(day: int) -> date:
    return date.fromordinal(int(day) + EPOCH)


def from_date(day: date) -> int:
    return day.toordinal() - EPOCH


def earliest(days: list[np.ndarray]) -> np.ndarray:
    """The earliest non-blank day of several columns, per row (blank if all are)."""
    out = days[0].copy()
    for other in days[1:]:
        take = (other != NA) & ((out == NA) | (other < out))
        out[take] = other[take]
    return out


@dataclass
class PeopleArrays:
    """The run's people as arrays: a person id's position, and at each position the date of
    birth (day number) and sex. The extra last position stands for an unknown person."""

    positions: dict[Any, int]
    born: np.ndarray
    sex: np.ndarray  # the position of each person's sex in `sexes`
    sexes: list[str]

    @classmethod
    def of(cls, people: Mapping[Any, tuple[date | None, str]]) -> PeopleArrays:
        positions = {pk: i for i, pk in enumerate(people)}
        born = as_days([dob for dob, _ in people.values()] + [None])
        codes: dict[str, int] = {}
        sex = [codes.setdefault(sex, len(codes)) for _, sex in people.values()]
        sex.append(codes.setdefault("U", len(codes)))
        return cls(positions, born, np.array(sex, dtype=np.int64), list(codes))

    @property
    def unknown(self) -> int:
        return len(self.positions)


class Columns:
    """The items' columns by ORM name and by the definition's dotted path."""

    def __init__(self, data: dict[str, np.ndarray], length: int) -> None:
        self.data = data
        self.length = length
        # Text columns as (distinct values, each row's position among them), made once.
        self._codes: dict[str, tuple[list[Any], np.ndarray]] = {}

    def __len__(self) -> int:
        return self.length

    def column(self, path: str) -> np.ndarray:
        return self.data[path.replace(".", "__")]

    def days(self, path: str) -> np.ndarray:
        return self.column(path)

    def codes(self, path: str) -> tuple[list[Any], np.ndarray]:
        """The column's distinct values in order of first appearance, and each row's
        position among them."""
        name = path.replace(".", "__")
        if name not in self._codes:
            index: dict[Any, int] = {}
            values = self.data[name].tolist()
            found = (index.setdefault(value, len(index)) for value in values)
            codes = np.fromiter(found, np.int64, len(values))
            self._codes[name] = (list(index), codes)
        return self._codes[name]

    def passes(self, path: str, test: Callable[[Any], bool]) -> np.ndarray:
        """`test` of each value, asked once per distinct value."""
        values = self.column(path)
        if values.dtype == np.int64:  # day numbers
            days, where = np.unique(values, return_inverse=True)
            answers = [test(None if day == NA else to_date(day)) for day in days.tolist()]
            return np.array(answers, dtype=bool)[where]
        distinct, codes = self.codes(path)
        return np.array([test(value) for value in distinct], dtype=bool)[codes]

    def take(self, rows: np.ndarray) -> Columns:
        """The rows chosen by a mask, with the codes already made."""
        taken = Columns({name: column[rows] for name, column in self.data.items()}, 0)
        taken.length = len(next(iter(taken.data.values()))) if taken.data else 0
        taken._codes = {name: (names, codes[rows]) for name, (names, codes) in self._codes.items()}
        return taken


class DayNumber(Func):
    """A date as its day number (days since 1970-01-01), `NA` for a blank: integers cost the
    driver and numpy far less than dates or ISO text."""

    output_field = models.BigIntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # A date's julianday is a whole number and a half, exact in a double.
        template = f"COALESCE(CAST(julianday(%(expressions)s) - 2440587.5 AS INTEGER), {_NA_SQL})"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = f"COALESCE((%(expressions)s) - DATE '1970-01-01', {_NA_SQL})"
        return self.as_sql(compiler, connection, template=template, **extra)


_NA_SQL = f"({NA + 1} - 1)"  # the smallest integer, which neither database reads as a literal


def read_columns(
    query: ItemQuery, person: str | None, people: PeopleArrays, *, keep_pk: bool = False
) -> Columns:
    """The query's items as `Columns`; `person` names the column holding the person's id.
    The item's own id (`pk`) only with `keep_pk`: most tallies never need it."""
    model = query.queryset.model
    names = [name for name in query.columns() if keep_pk or name != "pk" or name == person]
    dated = [is_computed(name) or is_date(model, name) for name in names]
    selected = [
        DayNumber(name) if is_day else name for name, is_day in zip(names, dated, strict=True)
    ]
    sql, params = query.queryset.values_list(*selected).query.sql_with_params()
    layout = np.dtype([(f"c{i}", np.int64 if is_day else object) for i, is_day in enumerate(dated)])
    with connections[query.queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        # Straight from the driver's rows into one array per column, in C.
        table = np.fromiter(cursor, dtype=layout)
    data: dict[str, np.ndarray] = {}
    for i, name in enumerate(names):
        column = table[f"c{i}"]
        if name == person:
            found = map(people.positions.get, column.tolist(), repeat(people.unknown))
            column = np.fromiter(found, dtype=np.int64, count=len(column))
        elif not dated[i] and (convert := converter(model, name)) is not None:
            column = _converted(column, convert)
        data[name] = np.ascontiguousarray(column)
    for name, parts in query.earliest_of.items():
        data[name] = earliest([data[part] for part in parts])
    return Columns(data, len(table))


def _converted(column: np.ndarray, convert: Callable[[Any], Any]) -> np.ndarray:
    """Decimals and booleans as Python values, converted once per distinct value."""
    seen: dict[Any, Any] = {None: None}
    for value in set(column.tolist()):
        if value not in seen:
            seen[value] = convert(value)
    out = np.empty(len(column), dtype=object)
    out[:] = [seen[value] for value in column.tolist()]
    return out


class RelatedDays(NamedTuple):
    """For `related ... test: in_period`: each related row's item and its date (day number)."""

    items: list[Any]
    days: np.ndarray


def related_days(definition: Definition, query: ItemQuery) -> RelatedDays:
    assert definition.property and definition.property.related
    related = definition.property.related
    child = SOURCES[related.from_].model
    link = link_to(child, SOURCES[definition.from_].model)
    rows = child._default_manager.filter(sql_conditions(child, related.where))
    rows = rows.filter(**{f"{link}__in": query.queryset.values("pk")}).order_by()
    values = rows.values_list(f"{link}_id", DayNumber(lookup(related.date))).distinct()
    sql, params = values.query.sql_with_params()
    with connections[query.queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    days = np.fromiter((day for _, day in found), dtype=np.int64, count=len(found))
    return RelatedDays([item for item, _ in found], days)
