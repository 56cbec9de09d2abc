"""Compile a definition into one ORM query of its items.

Selection (tables, codes, links, existence of related rows, earliest related dates) runs in the
database through the ORM, so it is the same on SQLite and PostgreSQL. Date rules that need the
calendar (working days, months, ages, periods) are left to `evaluate`, which works on the few
columns fetched here. Each fetched row is a tuple, its columns in the order of `ItemQuery.names`.

Every query here has a shape whose answer cannot depend on the planner's statistics: an
earliest date is one MIN per code with equality tests (see `first_dates`), never a MIN over an
IN list.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from itertools import product
from typing import Any

from django.db import connections, models
from django.db.models import Exists, F, Func, Max, Min, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Cast

from jsw.framework.definition import (
    Active,
    AgeTest,
    Condition,
    Definition,
    ExistsTest,
    FieldTest,
    FirstRelated,
    InPeriod,
    Related,
)
from jsw.indicators.sources import SOURCES, link_to, lookup, model_field, person_lookup

SOURCES_BY_MODEL = {source.model: source for source in SOURCES.values()}

EVENT = "_event"
RELATED = "_related"


# (table, lookup from its row to the person's id) -> {row id: person id}
Persons = Callable[[type[models.Model], str], dict[Any, Any]]


@dataclass
class ItemQuery:
    queryset: models.QuerySet
    names: list[str] = field(default_factory=list)
    # A name whose value is the earliest non-blank one of several annotations (the first is
    # the name itself): an earliest related date asked for one code at a time.
    earliest_of: dict[str, list[str]] = field(default_factory=dict)
    # Each of those annotations: its key (equal keys, equal subqueries) and its subquery, for
    # reads that PIs share.
    parts: dict[str, tuple[str, Any]] = field(default_factory=dict)

    def columns(self) -> list[str]:
        """What the SQL selects: the names, then the other parts of each earliest date."""
        extra = [part for parts in self.earliest_of.values() for part in parts[1:]]
        return [*self.names, *extra]

    def selected(self) -> list[Any]:
        """What to select for each column. SQLite's driver parses every date value it returns
        (about a microsecond each); selected as text, a date is parsed once per distinct
        value by `_as_date` instead."""
        if connections[self.queryset.db].vendor != "sqlite":
            return self.columns()
        model = self.queryset.model
        return [
            Cast(name, output_field=models.TextField()) if is_date(model, name) else name
            for name in self.columns()
        ]

    def folds(self) -> list[tuple[int, list[int]]]:
        """(position of a name, positions of its other parts) for each earliest date."""
        position = {name: i for i, name in enumerate(self.columns())}
        return [
            (position[name], [position[part] for part in parts[1:]])
            for name, parts in self.earliest_of.items()
            if len(parts) > 1
        ]

    def sums_by_day(self, day_path: str, amount_path: str) -> Iterator[tuple[Any, Any]]:
        """(day, total) of an amount: for sums over big tables (UPW sessions), the database
        adds up each day and only a few thousand rows come back."""
        day, amount = lookup(day_path), lookup(amount_path)
        per_day = self.queryset.values(day).annotate(total=Sum(amount))
        return iter(per_day.values_list(day, "total"))

    def holders_first_and_last(
        self, day_path: str, persons: Persons | None = None
    ) -> list[tuple[Any, Any, date, date]]:
        """(holder, person, first day, last day) of the items, per holder: the row an item
        hangs from on its way to the person (a UPW requirement, for sessions). People per
        period come from these few rows; `holders_days` gives the days where they are not
        enough. `persons` gives every holder's person (read once for the PIs that share it);
        without it, the items' holders are looked up."""
        holder, person_path = self.person_path()
        day = lookup(day_path)
        spans = self.queryset.values(holder).annotate(first=Min(day), last=Max(day)).order_by()
        found = [
            (h, _as_date(first), _as_date(last))
            for h, first, last in self.fetch(spans.values_list(holder, "first", "last"))
        ]
        if not person_path:
            return [(h, h, first, last) for h, first, last in found]
        parent = model_field(self.queryset.model, holder.removesuffix("_id")).related_model
        assert parent is not None and not isinstance(parent, str)
        if persons is not None:
            of_holder = persons(parent, person_path)
            # Holders imported since the shared read was made (a run whose stamp is already
            # stale) are looked up on their own.
            late = [h for h, _, _ in found if h not in of_holder]
            if late:
                chosen = parent._default_manager.filter(pk__in=late).order_by()
                of_holder = {**of_holder, **dict(self.fetch(chosen.values_list("pk", person_path)))}
        else:
            # The items' holders as a plain subquery (grouping it again costs a second pass).
            chosen = parent._default_manager.filter(pk__in=self.queryset.values(holder))
            of_holder = dict(self.fetch(chosen.order_by().values_list("pk", person_path)))
        return [(h, of_holder[h], first, last) for h, first, last in found]

    def fetch(self, values: models.QuerySet) -> list[tuple[Any, ...]]:
        """A query's rows as the driver gives them, without Django's per-value converters."""
        sql, params = values.query.sql_with_params()
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def holders_days(self, holders: Sequence[Any], day_path: str) -> Iterator[tuple[Any, Any]]:
        holder, _ = self.person_path()
        for start in range(0, len(holders), 5_000):
            chosen = self.queryset.filter(**{f"{holder}__in": holders[start : start + 5_000]})
            yield from chosen.values_list(holder, lookup(day_path)).distinct()

    def person_path(self) -> tuple[str, str]:
        """The item's column toward its person (`requirement_id`), and the lookup from that
        row to the person's id (`order__person`; blank when the column is the person's)."""
        path = SOURCES_BY_MODEL[self.queryset.model].person
        if not path:
            return "pk", ""  # the people table itself
        first, *rest = path.split(".")
        return f"{first}_id", "__".join(rest)

    def rows(self, chunk_size: int = 20_000) -> Iterator[tuple[Any, ...]]:
        """The items' columns, typed; read with a plain cursor because Django's per-value
        converters cost more than the query itself on large tables."""
        values = self.queryset.values_list(*self.selected())
        sql, params = values.query.sql_with_params()
        model = self.queryset.model
        pairs = [(i, c) for i, name in enumerate(self.names) if (c := converter(model, name))]
        folds, width = self.folds(), len(self.names)
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            while chunk := cursor.fetchmany(chunk_size):
                if not pairs and not folds:
                    yield from chunk
                    continue
                for raw in chunk:
                    row = list(raw[:width])
                    for i, others in folds:
                        # Raw values: ISO text on SQLite, dates on PostgreSQL; both order.
                        found = [v for v in (raw[i], *(raw[j] for j in others)) if v is not None]
                        row[i] = min(found) if found else None
                    for i, convert in pairs:
                        if row[i] is not None:
                            row[i] = convert(row[i])
                    yield tuple(row)


@lru_cache(maxsize=65_536)
def _as_date(value: Any) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _as_decimal(value: Any) -> Decimal:
    # SQLite hands back REAL for decimal columns; repr of a float round-trips the decimal
    # that was stored (at most 15 significant digits), so no binary error reaches a sum.
    return value if isinstance(value, Decimal) else Decimal(repr(value))


def is_computed(name: str) -> bool:
    """An annotation of the compiler (`_event`, `_event_2`, `_related`), not a table column."""
    return name.startswith("_")


def is_date(model: type[models.Model], name: str) -> bool:
    """A date column of the table (not a computed one, which SQLite returns as text anyway)."""
    return not is_computed(name) and converter(model, name) is _as_date


def converter(model: type[models.Model], name: str) -> Callable[[Any], Any] | None:
    if is_computed(name):
        return _as_date
    if name == "pk" or name.endswith("__pk"):
        return None  # ids are text
    target = model_field(model, name.replace("__", "."))
    if isinstance(target, models.DateField):
        return _as_date
    if isinstance(target, models.DecimalField):
        return _as_decimal
    if isinstance(target, models.BooleanField):
        return bool
    return None


def field_passes(value: Any, test: FieldTest) -> bool:
    """The Python twin of `compiler.field_q`, for tests on fetched values."""
    if test.in_ is not None:
        return value in test.in_
    if test.not_in is not None:
        return value not in test.not_in
    if test.is_ is not None:
        # Through a blank link there is no value, and `= false` in SQL is not true of NULL.
        return value is not None and bool(value) is test.is_
    if test.lte is not None:
        return value is not None and value <= test.lte
    if test.gte is not None:
        return value is not None and value >= test.gte
    blank = value is None or value == ""
    return blank if test.blank else not blank


def field_q(model: type[models.Model], test: FieldTest) -> Q:
    name = lookup(test.field)
    if test.in_ is not None:
        return Q(**{f"{name}__in": list(test.in_)})
    if test.not_in is not None:
        return ~Q(**{f"{name}__in": list(test.not_in)})
    if test.is_ is not None:
        return Q(**{name: test.is_})
    if test.lte is not None:
        return Q(**{f"{name}__lte": test.lte})
    if test.gte is not None:
        return Q(**{f"{name}__gte": test.gte})
    is_blank = Q(**{f"{name}__isnull": True})
    if isinstance(model_field(model, test.field), models.CharField | models.TextField):
        is_blank |= Q(**{name: ""})
    return is_blank if test.blank else ~is_blank


def related_queryset(parent: type[models.Model], related: Related) -> models.QuerySet:
    child = SOURCES[related.from_].model
    rows = child._default_manager.filter(**{link_to(child, parent): OuterRef("pk")})
    return rows.filter(sql_conditions(child, related.where)).order_by()


def sql_conditions(model: type[models.Model], conditions: Sequence[Condition]) -> Q:
    q = Q()
    for condition in conditions:
        if isinstance(condition, FieldTest):
            q &= field_q(model, condition)
        elif isinstance(condition, ExistsTest):
            related = condition.exists or condition.not_exists
            assert related is not None
            exists = Exists(related_queryset(model, related))
            q &= Q(exists) if condition.exists else ~Q(exists)
        # Age tests need the calendar: `evaluate` applies them to the fetched items.
    return q


def age_tests(definition: Definition) -> list[AgeTest]:
    return [c for c in definition.where if isinstance(c, AgeTest)]


def first_dates(parent: type[models.Model], related: FirstRelated) -> list[tuple[str, Any]]:
    """The earliest date among the related rows, as correlated subqueries whose earliest
    non-blank answer it is: one per combination of the codes of the `in` tests, each code
    tested with `=`. Each comes with a key naming what it asks (see `part_key`).

    The obvious `MIN(date) ... WHERE link = ? AND type IN (a, b)` is avoided: SQLite 3.40.1,
    once ANALYZE finds about one row per (link, type), answers it from the index on
    (link, type, date) with the earliest date of ONE of the codes. With an equality on every
    index column before the date, MIN is the index's first entry, which SQLite and PostgreSQL
    answer right, and fast, whatever the statistics.
    MIN as a plain function, not an aggregate: one row without GROUP BY or LIMIT."""
    child = SOURCES[related.from_].model
    date_field = model_field(child, related.date)
    listed = [t for t in related.where if isinstance(t, FieldTest) and t.in_ is not None]
    others = related.model_copy(
        update={"where": tuple(c for c in related.where if c not in listed)}
    )
    earliest = Func(F(lookup(related.date)), function="MIN", output_field=date_field)
    found: list[tuple[str, Any]] = []
    for codes in product(*(dict.fromkeys(t.in_ or ()) for t in listed)):
        rows = related_queryset(parent, others)
        equal = {lookup(t.field): code for t, code in zip(listed, codes, strict=True)}
        rows = rows.filter(**equal)
        key = part_key(parent, others, equal)
        found.append((key, Subquery(rows.annotate(first=earliest).values("first"))))
    # An empty code list matches no row: no date.
    return found or [(part_key(parent, related, None), Value(None, output_field=date_field))]


def part_key(parent: type[models.Model], related: FirstRelated, equal: dict | None) -> str:
    """What one earliest-date subquery asks, as text: the same text, the same subquery."""
    rule = related.model_dump(mode="json", exclude_none=True)
    return json.dumps([parent._meta.label, rule, equal], sort_keys=True)


def compile_items(definition: Definition, *, breakdowns: bool = False) -> ItemQuery:
    source = SOURCES[definition.from_]
    model = source.model
    queryset = model._default_manager.filter(sql_conditions(model, definition.where)).order_by()
    names: list[str] = ["pk"]

    def need(path: str | None) -> None:
        if path is not None and lookup(path) not in names:
            names.append(lookup(path))

    earliest_of: dict[str, list[str]] = {}

    parts_of: dict[str, tuple[str, Any]] = {}

    def earliest(name: str, related: FirstRelated) -> None:
        nonlocal queryset
        parts = first_dates(model, related)
        part_names = [name, *(f"{name}_{n}" for n in range(2, len(parts) + 1))]
        queryset = queryset.annotate(
            **{part: expression for part, (_, expression) in zip(part_names, parts, strict=True)}
        )
        parts_of.update(zip(part_names, parts, strict=True))
        names.append(name)
        earliest_of[name] = part_names

    if definition.event and definition.event.first:
        earliest(EVENT, definition.event.first)
    related = definition.property.related if definition.property else None
    if related is not None and related.test == "by_period_end":
        earliest(RELATED, related)

    for path in paths_used(definition):
        need(path)
    # Sex and date of birth come from the people loaded once per run (`evaluate.People`),
    # not from a join in every PI's query.
    person = person_lookup(source, "pk")  # `pk` itself for the people table
    counts_people = definition.count == "people" or definition.amount is not None
    if (counts_people or breakdowns or age_tests(definition)) and person not in names:
        names.append(person)
    if breakdowns:
        need(source.team)
        need(source.age_on)
    return ItemQuery(queryset, names, earliest_of, parts_of)


def paths_used(definition: Definition) -> list[str]:
    """Every dotted path of the item the evaluation reads, in a stable order."""
    paths: list[str] = []
    when = definition.when
    rules = list(definition.deadline)
    if isinstance(when, InPeriod):
        paths.append(when.date)
    elif isinstance(when, Active):
        paths += [when.start, when.end]
        if when.due_by_period_end is not None:
            rules.append(when.due_by_period_end)
    for rule in rules:
        paths += [p for p in (rule.use, rule.after) if p]
        paths += [t.field for t in rule.when]
    if definition.event and definition.event.field:
        paths.append(definition.event.field)
    if definition.ends:
        paths.append(definition.ends)
    if definition.property:
        paths += [t.field for t in definition.property.where]
    if definition.amount:
        a = definition.amount
        paths += [p for p in (a.field, *(a.days_between or ()), *(a.difference or ())) if p]
    if definition.category:
        paths.append(definition.category.field)
    paths += [t.age_on for t in age_tests(definition)]
    return paths
