"""SQL that the ORM writes too slowly for millions of rows, built in one place.

Only a model's own table and column names, quoted by the database backend, go into the
text; every value is a parameter.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models


def insert_statement(
    model: type[models.Model], columns: Sequence[str], suffix: str = "", rows: int = 1
) -> str:
    """`INSERT INTO table (columns) VALUES (%s, ...)` for `rows` rows, plus an ON CONFLICT
    suffix if given."""
    quote = connection.ops.quote_name
    row = "({})".format(", ".join(["%s"] * len(columns)))
    statement = "INSERT INTO {} ({}) VALUES {}".format(  # noqa: S608  (identifiers only)
        quote(model._meta.db_table),
        ", ".join(quote(column) for column in columns),
        ", ".join([row] * rows),
    )
    return f"{statement} {suffix}" if suffix else statement


EXTREME_BY_CODE = (
    "WITH RECURSIVE codes(code) AS ("
    " SELECT MIN({code}) FROM {table}"
    " UNION ALL SELECT (SELECT MIN({code}) FROM {table} WHERE {code} > codes.code)"
    " FROM codes WHERE codes.code IS NOT NULL)"
    " SELECT {function}((SELECT {function}({date}) FROM {table} WHERE {code} = codes.code))"
    " FROM codes WHERE codes.code IS NOT NULL"
)


def extreme_by_code(
    model: type[models.Model], function: str, date_field: str, code_field: str
) -> object:
    """MIN or MAX of a column over the whole table, answered from an index on (code, date)
    one code at a time: neither database uses such an index for a plain `MIN(date)` and
    reads the whole table instead (a tenth of a second for two million contacts). The codes
    are found by walking the index (a recursive query, each step one seek), so a code that
    is stored but not listed anywhere still counts. The code column must not be nullable."""
    assert function in ("MIN", "MAX")
    code = model._meta.get_field(code_field)
    assert isinstance(code, models.Field) and not code.null, f"{code_field} must be NOT NULL"
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    code_column = quote(str(code.column))
    date_column = quote(str(model._meta.get_field(date_field).column))  # type: ignore[union-attr]
    sql = EXTREME_BY_CODE.format(  # identifiers only: no value goes into the text
        function=function, table=table, code=code_column, date=date_column
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        (value,) = cursor.fetchone()
    return value


def one_at_a_time(key: int) -> None:
    """Inside a transaction: wait until no other transaction that called this with the same
    key is open, and keep the others waiting until this one ends. PostgreSQL runs write
    transactions side by side (an advisory lock orders them); SQLite's write transactions
    already exclude each other from their start (`transaction_mode` IMMEDIATE)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
