"""Writing accepted rows: upserts by id in chunks, and the set-based clear of `--replace`.

Rows are stamped with the import's batch. A stored row with the same id (for returns, the
same indicator and period) is replaced in place, so an ordinary import never deletes.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from jsw.records.importer.tables import CASE_TABLES, RETURNS, Table

CHUNK = 5_000


class TableWriter:
    """Collects one table's accepted rows and upserts them a chunk at a time."""

    def __init__(self, table: Table, batch_id: int, chunk: int = CHUNK) -> None:
        self.table = table
        self.batch_id = batch_id
        self.chunk = chunk
        self.pending: list[models.Model] = []
        self.written = 0
        self.update_fields = _update_fields(table)

    def add(self, values: dict[str, Any]) -> None:
        self.pending.append(self.table.model(batch_id=self.batch_id, **values))
        if len(self.pending) >= self.chunk:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        self.table.model._default_manager.bulk_create(
            self.pending,
            update_conflicts=True,
            unique_fields=list(self.table.key),
            update_fields=self.update_fields,
            batch_size=self.chunk,
        )
        self.written += len(self.pending)
        self.pending = []


def _update_fields(table: Table) -> list[str]:
    fields = [column.name for column in table.columns if column.name not in table.key]
    fields.append("batch")
    if table is RETURNS:
        fields.append("entered_at")
    return fields


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
