"""Writing accepted rows: upserts by id in chunks, and the set-based clear of `--replace`.

Rows are stamped with the import's batch. A stored row with the same id (for returns, the
same indicator and period) is replaced in place, so an ordinary import never deletes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from itertools import repeat
from typing import Any

from django.db import connection, models
from django.db.models.constants import OnConflict
from django.utils import timezone

from jsw.db import insert_statement
from jsw.records.importer.tables import CASE_TABLES, RETURNS, Table

# Rows held in memory before they are written: a few megabytes.
CHUNK = 20_000
# Rows of one SQLite INSERT: at most 8 columns of parameters each, far within SQLite's limit
# of 32,766 parameters a statement.
STATEMENT_ROWS = 500

Converter = Callable[[Any], Any]


class TableWriter:
    """Collects one table's accepted rows and upserts them a chunk at a time.

    SQLite: one INSERT .. ON CONFLICT DO UPDATE statement, run for many rows at once (the
    ORM's bulk_create builds a model object and compiles SQL per row, which at millions of
    rows costs more than reading and checking them). PostgreSQL: each chunk is streamed
    with COPY into a temporary table, and `finish` upserts all of them in one statement,
    where row-by-row statements would cost the server a round of work each.
    """

    def __init__(self, table: Table, batch_id: int, direct: bool = False) -> None:
        self.table = table
        # Rows waiting to be written, a list per column of the table's, and how many.
        self.pending: list[list[Any]] = [[] for _ in table.columns]
        self.count = 0
        # PostgreSQL, into a table that was empty (see `bulk_writing`): COPY into the table
        # itself, with nothing to upsert.
        self.direct = direct
        meta = table.model._meta
        self.names = [column.name for column in table.columns]
        fields = [meta.get_field(name) for name in self.names]
        extra: dict[str, Any] = {"batch": batch_id}
        if table is RETURNS:
            extra.update(entered_at=timezone.now(), entered_by="")
        fields += [meta.get_field(name) for name in extra]
        # (position, converter) of the columns whose values the driver cannot take as they
        # are, or (SQLite: dates and decimals) takes through an adapter called for each value.
        self.converting = [
            (index, convert)
            for index, field in enumerate(fields[: len(self.names)])
            if (convert := _converter(field)) is not _same
        ]
        self.extra = tuple(_converter(meta.get_field(k))(v) for k, v in extra.items())
        self.columns: list[str] = [str(field.column) for field in fields]  # type: ignore[union-attr]
        self.suffix = _conflict_suffix(table, fields)
        self.copying = connection.vendor == "postgresql"
        self.staged = False

    def add(self, values: dict[str, Any]) -> None:
        """One accepted row: every column of the table, in the table's order, as
        `Layout.read` gives them."""
        if list(values) != self.names:
            raise ValueError(f"{self.table.name}: values not in the table's column order")
        self.add_columns({name: [value] for name, value in values.items()})

    def add_columns(self, columns: dict[str, list[Any]]) -> None:
        """Accepted rows given a column at a time, as `Layout.read_columns` gives them."""
        if list(columns) != self.names:
            raise ValueError(f"{self.table.name}: values not in the table's column order")
        values = list(columns.values())
        for index, convert in self.converting:
            values[index] = _convert_all(values[index], convert)
        count, start = len(values[0]), 0
        while start < count:  # CHUNK rows a write
            end = start + CHUNK - self.count
            for held, given in zip(self.pending, values, strict=True):
                held += given[start:end]
            self.count += min(end, count) - start
            start = end
            if self.count >= CHUNK:
                self.flush()

    def flush(self) -> None:
        if not self.count:
            return
        columns = self.pending
        self.pending, self.count = [[] for _ in self.names], 0
        if self.copying:
            self._copy(list(zip(*columns, *map(repeat, self.extra), strict=False)))
        else:
            self._insert(columns)

    def _insert(self, columns: list[list[Any]]) -> None:
        """SQLite: STATEMENT_ROWS rows a statement (one `VALUES` list), the rest one by one.

        Each run of a statement costs SQLite a reset and the driver a round of binding; a
        statement inserting hundreds of rows pays it once for them (40 % less time). Its
        parameters are laid out row after row a column at a time, by slice assignment.
        """
        width, count = len(self.columns), len(columns[0])
        whole = count - count % STATEMENT_ROWS
        statements = []
        for start in range(0, whole, STATEMENT_ROWS):
            values: list[Any] = [None] * (STATEMENT_ROWS * width)
            for position, column in enumerate(columns):
                values[position::width] = column[start : start + STATEMENT_ROWS]
            for position, extra in enumerate(self.extra, start=len(columns)):
                values[position::width] = [extra] * STATEMENT_ROWS
            statements.append(values)
        rest = list(
            zip(*(column[whole:] for column in columns), *map(repeat, self.extra), strict=False)
        )
        with connection.cursor() as cursor:
            if statements:
                cursor.executemany(
                    insert_statement(self.table.model, self.columns, self.suffix, STATEMENT_ROWS),
                    statements,
                )
            if rest:
                cursor.executemany(
                    insert_statement(self.table.model, self.columns, self.suffix), rest
                )

    def finish(self) -> None:
        """Write what is pending, and on PostgreSQL upsert the staged rows."""
        self.flush()
        if not self.staged:
            return
        quote = connection.ops.quote_name
        columns = ", ".join(quote(column) for column in self.columns)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(self.table.model._meta.db_table)} ({columns}) "  # noqa: S608
                f"SELECT {columns} FROM {quote(self._staging)} {self.suffix}"
            )
            cursor.execute(f"DROP TABLE {quote(self._staging)}")
        self.staged = False

    @property
    def _staging(self) -> str:
        return f"import_{self.table.model._meta.db_table}"

    def _copy(self, rows: list[tuple[Any, ...]]) -> None:
        quote = connection.ops.quote_name
        staging = quote(self._staging)
        columns = ", ".join(quote(column) for column in self.columns)
        with connection.cursor() as cursor:
            if self.direct:
                staging = quote(self.table.model._meta.db_table)
            elif not self.staged:
                # The written columns only, without the table's keys, indexes or NOT NULL;
                # dropped at commit if anything stops the import before `finish`.
                cursor.execute(
                    f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS "  # noqa: S608
                    f"SELECT {columns} FROM {quote(self.table.model._meta.db_table)} "
                    "WITH NO DATA"
                )
                self.staged = True
            with cursor.cursor.copy(f"COPY {staging} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)


def _conflict_suffix(table: Table, fields: list[Any]) -> str:
    """ON CONFLICT .. DO UPDATE, from the model's own column names (never from input)."""
    columns = [field.column for field in fields]
    unique = list(table.key)  # key fields are plain columns named as in the contract
    updates = [column for column in columns if column not in unique]
    return connection.ops.on_conflict_suffix_sql(fields, OnConflict.UPDATE, updates, unique)


def _converter(field: Any) -> Converter:
    """How a parsed value (never None) becomes a database parameter for this field."""
    if isinstance(field, models.DateTimeField):
        return lambda value: field.get_db_prep_save(value, connection)
    if isinstance(field, models.DateField | models.DecimalField):
        # psycopg takes them as they are. SQLite would call the adapters Django's backend
        # registers (ISO dates, decimal text), one Python call per value from inside the
        # driver; the same text made here costs a look-up per distinct date.
        if connection.vendor != "sqlite":
            return _same
        return date.isoformat if isinstance(field, models.DateField) else str
    if isinstance(field, models.IntegerField):
        return int
    return _same


def _convert_all(values: list[Any], convert: Converter) -> list[Any]:
    """`convert` of each value but None, once per distinct value for dates (a few thousand
    in a million rows). Decimals are converted one by one: 7 and 7.0 are equal keys."""
    if convert is not date.isoformat:
        return [None if value is None else convert(value) for value in values]
    text: dict[Any, Any] = {None: None}
    for value in set(values).difference(text):
        text[value] = convert(value)
    return list(map(text.__getitem__, values))


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


# A table receiving at least this many rows, and at least as many as it holds, is written
# without its secondary indexes (on SQLite), which are built again afterwards; on PostgreSQL,
# a table that was empty also without its links' constraints, checked again afterwards.
BULK_ROWS = 50_000
# PostgreSQL: from this many rows, loading an empty table costs less than its few statements
# to drop and restore its indexes and constraints.
LOADING_ROWS = 1_000


@contextmanager
def bulk_writing(table: Table, rows: int, empty: bool = False) -> Iterator[bool]:
    """Write many rows without maintaining each index (and constraint) row by row; gives
    whether the rows may go straight into the table (PostgreSQL, `TableWriter.direct`).

    Each row inserted into a table with five indexes updates five B-trees at random places;
    building an index again from the finished table sorts once, several times faster. The
    drop and the rebuild are part of the import's transaction, so a failure leaves the
    indexes as they were. Unique indexes stay: the upsert needs them to find stored rows.

    SQLite: other connections never see the table without its indexes (they read the last
    commit). PostgreSQL only for a table that was `empty` before the import: dropping an
    index or a constraint locks the table until commit (readers wait), which a table with
    nothing in it can afford. Each row's link to its parent would otherwise queue a check
    of its own, run at commit (a third of the import's time); the constraint added again
    checks every row in one query, before the import commits, as strictly.
    """
    if connection.vendor == "sqlite" and rows >= BULK_ROWS:
        with _without_indexes(table, rows):
            yield False
    elif connection.vendor == "postgresql" and empty and rows >= LOADING_ROWS:
        with _loading(table):
            yield True
    else:
        yield False


@contextmanager
def _without_indexes(table: Table, rows: int) -> Iterator[None]:
    name = table.model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(rowid) FROM {connection.ops.quote_name(name)}")  # noqa: S608
        stored = cursor.fetchone()[0] or 0  # about the rows held (upserts keep rowids)
        if stored > rows:
            yield
            return
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%%'",
            [name],
        )
        indexes = cursor.fetchall()
        for index, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(index)}")
    yield
    with connection.cursor() as cursor:
        for _, sql in indexes:
            cursor.execute(sql)


@contextmanager
def _loading(table: Table) -> Iterator[None]:
    """PostgreSQL: the table without its links' constraints and its non-unique indexes."""
    quote = connection.ops.quote_name
    name = table.model._meta.db_table
    with connection.cursor() as cursor:
        # The checks queued by rows written so far, run now: a table cannot be altered
        # while its own are pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
            [quote(name)],
        )
        links = cursor.fetchall()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = %s AND indexdef NOT LIKE 'CREATE UNIQUE%%' ORDER BY indexname",
            [name],
        )
        indexes = cursor.fetchall()
        for link, _ in links:
            cursor.execute(f"ALTER TABLE {quote(name)} DROP CONSTRAINT {quote(link)}")
        for index, _ in indexes:
            cursor.execute(f"DROP INDEX {quote(index)}")
    yield
    with connection.cursor() as cursor:
        for _, sql in indexes:
            cursor.execute(sql)
        for link, definition in links:
            cursor.execute(f"ALTER TABLE {quote(name)} ADD CONSTRAINT {quote(link)} {definition}")


def empty_tables(tables: list[Table]) -> set[str]:
    """The names of the tables that hold no row."""
    found = set()
    with connection.cursor() as cursor:
        for table in tables:
            name = connection.ops.quote_name(table.model._meta.db_table)
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {name})")  # noqa: S608
            if not cursor.fetchone()[0]:
                found.add(table.name)
    return found
