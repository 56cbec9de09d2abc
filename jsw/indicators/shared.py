"""Reads that PIs share: one read of a record table for all the PIs that select from it with
plain field tests (the orders, for fifteen PIs), instead of one query each.

A PI qualifies when its items are chosen by field tests on its table and the tables above it
(and by age tests, which `vector` applies), with no earliest related date: its items are then
the table's rows that pass its tests, worked out on the columns with `field_passes`, the twin
of the SQL its own query would run. The read holds the rows' own ids only where a PI needs
them (related dates in the period, matched to the items by id). A table is read this
way only when two or more PIs qualify: a PI alone keeps its own, more selective query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, NamedTuple

import numpy as np
from django.db import connections, models

from jsw.framework.definition import AgeTest, Definition, FieldTest
from jsw.framework.schema import Indicator
from jsw.indicators.columns import Columns, PeopleArrays, read_columns
from jsw.indicators.compiler import ItemQuery, field_passes
from jsw.indicators.sources import SOURCES, lookup, person_lookup


def qualifies(definition: Definition, query: ItemQuery) -> bool:
    plain = all(isinstance(test, FieldTest | AgeTest) for test in definition.where)
    return plain and not query.earliest_of


def needs_ids(definition: Definition) -> bool:
    related = definition.property.related if definition.property else None
    return related is not None and related.test == "in_period"


class Plan(NamedTuple):
    wanted: dict[str, list[str]]  # table -> the columns its shared read selects
    with_ids: set[str]  # tables whose read holds the rows' ids
    served: set[str]  # the PIs whose items come from a shared read


def plan(
    indicators: Iterable[Indicator], compiled: Callable[[Indicator], ItemQuery | None]
) -> Plan:
    """Which tables are read once, with which columns, for which PIs. `compiled` gives the
    query of a PI whose items are read as columns (None for the others)."""
    wanted: dict[str, dict[str, None]] = defaultdict(dict)
    users: dict[str, list[str]] = defaultdict(list)
    with_ids: set[str] = set()
    for indicator in indicators:
        query = compiled(indicator)
        definition = indicator.definition
        if query is None or definition is None or not qualifies(definition, query):
            continue
        tests = [lookup(t.field) for t in definition.where if isinstance(t, FieldTest)]
        wanted[definition.from_].update(dict.fromkeys([*query.columns(), *tests]))
        users[definition.from_].append(indicator.id)
        if needs_ids(definition):
            with_ids.add(definition.from_)
    shared = {table: list(names) for table, names in wanted.items() if len(users[table]) > 1}
    return Plan(shared, with_ids, {pi for table in shared for pi in users[table]})


class SharedReads:
    def __init__(self, reads: Plan, people: PeopleArrays) -> None:
        self.people = people
        self.wanted = reads.wanted
        self.with_ids = reads.with_ids
        self.tables: dict[str, Columns] = {}
        self._persons: dict[tuple[type[models.Model], str], dict[Any, Any]] = {}

    def columns(self, definition: Definition, query: ItemQuery) -> Columns | None:
        """The PI's items from its table's shared read, or None if it has its own query."""
        table = definition.from_
        if table not in self.wanted or not qualifies(definition, query):
            return None
        if needs_ids(definition) and table not in self.with_ids:
            return None
        if table not in self.tables:
            self.tables[table] = self._read(table)
        rows = self.tables[table]
        keep = np.ones(len(rows), dtype=bool)
        for test in definition.where:
            if isinstance(test, FieldTest):
                keep &= rows.passes(test.field, partial(field_passes, test=test))
        return rows.take(keep)

    def persons(self, model: type[models.Model], path: str) -> dict[Any, Any]:
        """Each row's person id, for every row of the table (`path` leads from the row to
        the person): read once for the sums over UPW sessions, which both need it."""
        key = (model, path)
        if key not in self._persons:
            values = model._default_manager.order_by().values_list("pk", path)
            sql, params = values.query.sql_with_params()
            with connections[values.db].cursor() as cursor:
                cursor.execute(sql, params)
                self._persons[key] = dict(cursor.fetchall())
        return self._persons[key]

    def _read(self, table: str) -> Columns:
        source = SOURCES[table]
        model = source.model
        query = ItemQuery(model._default_manager.order_by(), self.wanted[table])
        person = person_lookup(source, "pk")
        return read_columns(query, person, self.people, keep_pk=table in self.with_ids)
