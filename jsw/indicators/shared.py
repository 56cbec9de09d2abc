"""Reads that PIs share: one read of a record table for all the PIs that select from it with
plain field tests (the orders, for fifteen PIs), and one read of the rows that several PIs
with earliest related dates select, instead of one query each.

A PI qualifies when its items are chosen by field tests on its table and the tables above it
(and by age tests, which `vector` applies), with no earliest related date: its items are then
the table's rows that pass its tests, worked out on the columns with `field_passes`, the twin
of the SQL its own query would run. The read holds the rows' own ids only where a PI needs
them (related dates in the period, matched to the items by id). A table is read this
way only when two or more PIs qualify: a PI alone keeps its own, more selective query.

PIs that select the same rows in SQL (the same tests, related rows' existence included) and
take earliest related dates share one read too (a selection): their columns once, and each
distinct earliest-date subquery once (the CPOs' earliest induction, asked by two PIs). Each
PI's earliest date is then the earliest of its own subqueries' columns, as its own query
would have given it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, NamedTuple

import numpy as np
from django.db import connections, models

from jsw.framework.definition import AgeTest, Definition, FieldTest
from jsw.framework.schema import Indicator
from jsw.indicators.columns import NA, Columns, PeopleArrays, earliest, read_columns
from jsw.indicators.compiler import ItemQuery, field_passes, sql_conditions
from jsw.indicators.sources import SOURCES, link_to, lookup, person_lookup


def qualifies(definition: Definition, query: ItemQuery) -> bool:
    plain = all(isinstance(test, FieldTest | AgeTest) for test in definition.where)
    return plain and not query.earliest_of


def needs_ids(definition: Definition) -> bool:
    related = definition.property.related if definition.property else None
    return related is not None and related.test == "in_period"


def selection(definition: Definition) -> str:
    """The PI's rows as text: its table and its tests; equal text, equal rows."""
    tests = [test.model_dump(mode="json", exclude_none=True) for test in definition.where]
    return json.dumps([definition.from_, tests], sort_keys=True)


class Selection(NamedTuple):
    query: ItemQuery  # the rows, every column the PIs read and each subquery once
    aliases: dict[str, str]  # a subquery's key -> its column in `query`


class Plan(NamedTuple):
    wanted: dict[str, list[str]]  # table -> the columns its shared read selects
    with_ids: set[str]  # tables whose read holds the rows' ids
    # selection (see `selection`) -> the one query that reads it for its PIs
    selections: dict[str, Selection]
    # a PI whose items come from a shared read -> that read: its table, or its selection
    reads: dict[str, str]

    @property
    def served(self) -> set[str]:
        """The PIs whose items come from a shared read."""
        return set(self.reads)


def plan(
    indicators: Iterable[Indicator], compiled: Callable[[Indicator], ItemQuery | None]
) -> Plan:
    """Which tables and selections are read once, with which columns, for which PIs.
    `compiled` gives the query of a PI whose items are read as columns (None for the
    others)."""
    wanted: dict[str, dict[str, None]] = defaultdict(dict)
    users: dict[str, list[str]] = defaultdict(list)
    with_ids: set[str] = set()
    chosen: dict[str, list[tuple[Definition, ItemQuery]]] = defaultdict(list)
    chosen_by: dict[str, list[str]] = defaultdict(list)
    for indicator in indicators:
        query = compiled(indicator)
        definition = indicator.definition
        if query is None or definition is None:
            continue
        if not qualifies(definition, query):
            chosen[selection(definition)].append((definition, query))
            chosen_by[selection(definition)].append(indicator.id)
            continue
        tests = [lookup(t.field) for t in definition.where if isinstance(t, FieldTest)]
        wanted[definition.from_].update(dict.fromkeys([*query.columns(), *tests]))
        users[definition.from_].append(indicator.id)
        if needs_ids(definition):
            with_ids.add(definition.from_)
    shared = {table: list(names) for table, names in wanted.items() if len(users[table]) > 1}
    selections = {key: _one_query(members) for key, members in chosen.items() if len(members) > 1}
    reads = {pi: table for table in shared for pi in users[table]}
    reads |= {pi: key for key in selections for pi in chosen_by[key]}
    return Plan(shared, with_ids, selections, reads)


def _one_query(members: list[tuple[Definition, ItemQuery]]) -> Selection:
    """One query of the rows the members select, with every column they read and each
    distinct earliest-date subquery once (`_part1`, `_part2`, ...)."""
    definition, first = members[0]
    model = first.queryset.model
    queryset = model._default_manager.filter(sql_conditions(model, definition.where)).order_by()
    names: dict[str, None] = {}
    subqueries: dict[str, Any] = {}
    for member, query in members:
        earliest = set(query.earliest_of)
        keep = [n for n in query.names if n not in earliest and (n != "pk" or needs_ids(member))]
        names.update(dict.fromkeys(keep))
        for key, subquery in query.parts.values():
            subqueries.setdefault(key, subquery)
    aliases = {key: f"_part{number}" for number, key in enumerate(subqueries, start=1)}
    queryset = queryset.annotate(**{aliases[key]: subqueries[key] for key in subqueries})
    return Selection(ItemQuery(queryset, [*names, *aliases.values()]), aliases)


class SharedReads:
    def __init__(self, reads: Plan, people: PeopleArrays) -> None:
        self.people = people
        self.wanted = reads.wanted
        self.with_ids = reads.with_ids
        self.tables: dict[str, Columns] = {}
        self.selections = reads.selections
        self.chosen: dict[str, Columns] = {}
        self._persons: dict[tuple[type[models.Model], str], dict[Any, Any]] = {}
        self._ids: dict[str, dict[Any, int]] = {}

    def columns(self, definition: Definition, query: ItemQuery) -> Columns | None:
        """The PI's items from its table's or its selection's shared read, or None if it has
        its own query."""
        table = definition.from_
        if not qualifies(definition, query):
            return self._chosen(definition, query)
        if table not in self.wanted:
            return None
        if needs_ids(definition) and table not in self.with_ids:
            return None
        rows = self._table(table)
        keep = np.ones(len(rows), dtype=bool)
        for test in definition.where:
            if isinstance(test, FieldTest):
                keep &= rows.passes(test.field, partial(field_passes, test=test))
        return rows.take(keep)

    def _chosen(self, definition: Definition, query: ItemQuery) -> Columns | None:
        key = selection(definition)
        if key not in self.selections:
            return None
        one, aliases = self.selections[key]
        if key not in self.chosen:
            person = person_lookup(SOURCES[definition.from_], "pk")
            self.chosen[key] = read_columns(one, person, self.people, keep_pk="pk" in one.names)
        rows = self.chosen[key]
        data = {name: rows.data[name] for name in query.names if name in rows.data}
        for name, parts in query.earliest_of.items():
            data[name] = earliest([rows.data[aliases[query.parts[part][0]]] for part in parts])
        return Columns(data, len(rows))

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

    def _table(self, table: str) -> Columns:
        if table not in self.tables:
            self.tables[table] = self._read(table)
        return self.tables[table]

    def _read(self, table: str) -> Columns:
        """The table's shared read. Columns of the parent row (a requirement's order's
        start date, team and person) are taken from the parent table's own shared read by
        the link, where there is one, instead of joining the parent in SQL for every row."""
        source = SOURCES[table]
        model = source.model
        person = person_lookup(source, "pk")
        names = self.wanted[table]
        link, parent, borrowed = self._borrowed(model, names)
        own = [name for name in names if name not in borrowed]
        if link:
            own.append(link)
        query = ItemQuery(model._default_manager.order_by(), own)
        rows = read_columns(query, person, self.people, keep_pk=table in self.with_ids)
        if not link:
            return rows
        assert parent is not None
        parents = self._table(parent)
        position = self._positions(parent)
        # An item without a parent row gets blanks, as the join would give; so does one whose
        # parent was imported after the parent's read (in a run whose stamp is already stale).
        blank = len(parents)
        at = np.fromiter(
            (position.get(pk, blank) for pk in rows.data.pop(link).tolist()),
            dtype=np.int64,
            count=len(rows),
        )
        parent_person = person_lookup(SOURCES[parent], "pk")
        for name, parent_name in borrowed.items():
            unknown = self.people.unknown if parent_name == parent_person else None
            rows.data[name] = _with_blank(parents.data[parent_name], unknown)[at]
        return rows

    def _borrowed(
        self, model: type[models.Model], names: list[str]
    ) -> tuple[str, str | None, dict[str, str]]:
        """(link, parent table, {name here: name in the parent's read}) for the names that
        the parent's shared read holds, through a link to a table read with its ids."""
        for table in self.with_ids:
            if table not in self.wanted:
                continue
            try:
                link = link_to(model, SOURCES[table].model)
            except ValueError:  # no single link to that table
                continue
            prefix = f"{link}__"
            there = set(self.wanted[table])
            borrowed = {
                name: name.removeprefix(prefix)
                for name in names
                if name.startswith(prefix) and name.removeprefix(prefix) in there
            }
            if borrowed:
                return link, table, borrowed
        return "", None, {}

    def _positions(self, table: str) -> dict[Any, int]:
        """A row id's position in the table's shared read."""
        if table not in self._ids:
            ids = self._table(table).data["pk"].tolist()
            self._ids[table] = dict(zip(ids, range(len(ids)), strict=True))
        return self._ids[table]


def _with_blank(column: np.ndarray, person_unknown: int | None) -> np.ndarray:
    """The column with one more row at the end: a blank (no date, no value, or the unknown
    person), for the items that have no parent row. A read's whole-number columns are day
    numbers and person positions; its other values are objects."""
    if column.dtype == np.int64:
        blank = NA if person_unknown is None else person_unknown
        return np.append(column, np.int64(blank))
    out = np.empty(len(column) + 1, dtype=object)
    out[:-1] = column
    out[-1] = None
    return out
