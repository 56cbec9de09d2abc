"""What the engine reads to compute a PI: which record tables, and whether the calendar.

The per-PI stamps of `staleness` cover only these, so that an import of contacts alone leaves
the PIs that never read a contact current. The tables come from the SQL of the queries the
engine builds for the PI, not from a second reading of its definition: its items (every
subquery of its tests and earliest dates, every column it selects, up to the person), the
related rows of its property, and the shared read it is served from (its table's, with its
parents' reads, or the one read of the rows several PIs select), which also selects the other
PIs' columns. Every PI also reads the people (`evaluate.load_people`).
`tests/engine/test_pi_dependencies.py` computes every PI of the catalogue and checks each
statement the engine sends for it against `tables_read`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import connection, models
from django.db.models import Exists
from pydantic import BaseModel

from jsw.framework.definition import DeadlineRule, Definition
from jsw.framework.kinds import kind_of
from jsw.framework.schema import Indicator
from jsw.indicators.compiler import compile_items, related_queryset
from jsw.indicators.shared import Plan
from jsw.indicators.sources import SOURCES

# Every counted PI reads these, whatever its definition.
ALWAYS_READ = frozenset({"people"})


def tables_read(indicator: Indicator, *, breakdowns: bool, reads: Plan) -> frozenset[str]:
    """The record tables (as `SOURCES` names them) the engine reads for a counted PI.
    `reads`: the shared reads planned for the whole catalogue, which select at least the
    columns of those planned for any part of it."""
    definition = indicator.definition
    assert definition is not None, f"{indicator.id}: a counted PI has a definition"
    query = compile_items(definition, breakdowns=breakdowns and kind_of(indicator.kind).breakdowns)
    statements: list[models.QuerySet] = [query.queryset.values_list(*query.columns())]
    related = definition.property.related if definition.property else None
    if related is not None:
        model = SOURCES[definition.from_].model
        statements.append(model._default_manager.filter(Exists(related_queryset(model, related))))
    tables = set(ALWAYS_READ)
    read = reads.reads.get(indicator.id)  # the shared read it is served from, if any
    if read in reads.selections:
        chosen = reads.selections[read].query
        statements.append(chosen.queryset.values_list(*chosen.columns()))
    elif read is not None:
        tables |= table_read(reads, read)
    return frozenset(tables.union(*(tables_in(str(s.query)) for s in statements)))


def table_read(reads: Plan, table: str, seen: frozenset[str] = frozenset()) -> set[str]:
    """The tables a table's shared read reads: those named by the SQL of its rows with every
    column its PIs select, and those of the shared reads of the parents joined there (whose
    columns `SharedReads` may take from the parent's own read instead of a join)."""
    rows = SOURCES[table].model._default_manager.values_list(*reads.wanted[table])
    found = tables_in(str(rows.query))
    for parent in found - seen - {table}:
        if parent in reads.wanted:
            found |= table_read(reads, parent, seen | {table})
    return found


def tables_in(sql: str) -> set[str]:
    """The record tables a statement names (Django quotes every table name it writes)."""
    quote = connection.ops.quote_name
    return {name for name, source in SOURCES.items() if quote(source.model._meta.db_table) in sql}


def uses_working_days(definition: Definition) -> bool:
    """Whether a deadline rule anywhere in the definition counts working days: the engine's
    only use of the calendar (`Evaluation.deadline_after`); months need no holidays."""
    return any(
        isinstance(part, DeadlineRule) and part.working_days is not None
        for part in _parts(definition)
    )


def _parts(value: Any) -> Iterator[Any]:
    yield value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _parts(getattr(value, name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _parts(item)
