"""Writing accepted rows: upserts by id in chunks, and the set-based clear of `--replace`.

Rows are stamped with the import's batch. A stored row with the same id (for returns, the
same indicator and period) is replaced in place, so an ordinary import never deletes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection, models
from django.db.models.constants import OnConflict
from django.utils import timezone

from jsw.db import insert_statement
from jsw.records.importer.tables import CASE_TABLES, RETURNS, Table

CHUNK = 5_000

Converter = Callable[[Any], Any]


class TableWriter:
    """Collects one table's accepted rows and upserts them a chunk at a time.

    One INSERT .. ON CONFLICT DO UPDATE statement, run for many rows at once: the ORM's
    bulk_create builds a model object and compiles SQL per row, which at millions of rows
    costs more than reading and checking them.
    """

    def __init__(self, table: Table, batch_id: int) -> None:
        self.table = table
        self.pending: list[tuple[Any, ...]] = []
        meta = table.model._meta
        self.names = [column.name for column in table.columns]
        fields = [meta.get_field(name) for name in self.names]
        extra: dict[str, Any] = {"batch": batch_id}
        if table is RETURNS:
            extra.update(entered_at=timezone.now(), entered_by="")
        fields += [meta.get_field(name) for name in extra]
        self.converters = [_converter(field) for field in fields[: len(self.names)]]
        self.extra = tuple(_converter(meta.get_field(k))(v) for k, v in extra.items())
        self.sql = _upsert_sql(table, fields)

    def add(self, values: dict[str, Any]) -> None:
        row = tuple(
            convert(values[name]) for name, convert in zip(self.names, self.converters, strict=True)
        )
        self.pending.append(row + self.extra)
        if len(self.pending) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, self.pending)
        self.pending = []


def _upsert_sql(table: Table, fields: list[Any]) -> str:
    """The statement, from the model's own table and column names (never from input)."""
    ops = connection.ops
    columns = [field.column for field in fields]
    unique = list(table.key)  # key fields are plain columns named as in the contract
    updates = [column for column in columns if column not in unique]
    suffix = ops.on_conflict_suffix_sql(fields, OnConflict.UPDATE, updates, unique)
    return insert_statement(table.model, columns, suffix)


def _converter(field: Any) -> Converter:
    """How a parsed value becomes a database parameter for this field."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return lambda value: field.get_db_prep_save(value, connection)
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.DecimalField):
        digits, places = field.max_digits, field.decimal_places
        return lambda value: ops.adapt_decimalfield_value(value, digits, places)
    if isinstance(field, models.IntegerField):
        return lambda value: None if value is None else int(value)
    return _same


def _same(value: Any) -> Any:
    return value


def clear_case_records(include_returns: bool) -> None:
    """Delete every stored case record (children first), and returns if asked.

    Set-based deletes: one statement per table, never row by row, so a full extract of
    millions of rows is cleared in seconds. Nothing references these rows but each other.
    """
    tables = list(reversed(CASE_TABLES))
    if include_returns:
        tables.insert(0, RETURNS)
    for table in tables:
        queryset = table.model._default_manager.all()
        queryset._raw_delete(queryset.db)
