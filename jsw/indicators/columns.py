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
from typing import Any

import numpy as np
from django.db import connections

from jsw.indicators.compiler import ItemQuery, converter, is_computed, is_date

NA = int(np.iinfo(np.int64).min)  # NaT's integer: a blank date
EPOCH = date(1970, 1, 1).toordinal()


def as_days(values: list[Any] | tuple[Any, ...]) -> np.ndarray:
    """ISO text (SQLite) or dates (PostgreSQL), None for blanks -> day numbers."""
    return np.array(values, dtype="datetime64[D]").view(np.int64)


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

    def __len__(self) -> int:
        return self.length

    def column(self, path: str) -> np.ndarray:
        return self.data[path.replace(".", "__")]

    def days(self, path: str) -> np.ndarray:
        return self.column(path)

    def passes(self, path: str, test: Callable[[Any], bool]) -> np.ndarray:
        """`test` of each value, asked once per distinct value."""
        values = self.column(path)
        answers: dict[Any, bool] = {}
        dated = values.dtype == np.int64
        for value in set(values.tolist()):
            answers[value] = test((None if value == NA else to_date(value)) if dated else value)
        return np.fromiter((answers[v] for v in values), dtype=bool, count=len(values))


def read_columns(
    query: ItemQuery, person: str | None, people: PeopleArrays, chunk_size: int = 50_000
) -> Columns:
    """The query's items as `Columns`; `person` names the column holding the person's id."""
    values = query.queryset.values_list(*query.selected())
    sql, params = values.query.sql_with_params()
    model = query.queryset.model
    names = query.columns()
    dated = [is_computed(name) or is_date(model, name) for name in names]
    typed = {
        name: convert
        for name, is_day in zip(names, dated, strict=True)
        if not is_day and (convert := converter(model, name)) is not None
    }
    parts: list[list[np.ndarray]] = [[] for _ in names]
    positions, unknown = people.positions, people.unknown
    length = 0
    with connections[query.queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(chunk_size):
            length += len(chunk)
            for i, column in enumerate(zip(*chunk, strict=True)):
                if dated[i]:
                    parts[i].append(as_days(column))
                elif names[i] == person:
                    found = map(positions.get, column, repeat(unknown))
                    parts[i].append(np.fromiter(found, dtype=np.int64, count=len(column)))
                else:
                    parts[i].append(_objects(column, typed.get(names[i])))
    data = {
        name: np.concatenate(found) if found else _empty(is_day or name == person)
        for name, found, is_day in zip(names, parts, dated, strict=True)
    }
    for name, others in query.earliest_of.items():
        data[name] = earliest([data[part] for part in others])
    return Columns(data, length)


def _objects(column: tuple[Any, ...], convert: Callable[[Any], Any] | None) -> np.ndarray:
    out = np.empty(len(column), dtype=object)
    if convert is None:
        out[:] = column
    else:
        seen: dict[Any, Any] = {}
        out[:] = [
            None if v is None else seen[v] if v in seen else seen.setdefault(v, convert(v))
            for v in column
        ]
    return out


def _empty(numeric: bool) -> np.ndarray:
    return np.empty(0, dtype=np.int64 if numeric else object)
