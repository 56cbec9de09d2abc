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
