"""Import a folder through the real importer and dump every cell the engine computes, as JSON.

Run as its own process (`python -m tests.differential.engine_cells FOLDER OUT FIRST LAST`)
with DATABASE_URL naming an empty database, so that SQLite and PostgreSQL are each used the
way `jsw import` uses them, statistics included (ANALYZE runs after the import whatever its
size, as after a large import).
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path


def as_text(number: int | Decimal | None) -> str:
    if number is None:
        return ""
    shown = f"{Decimal(number):f}"
    if "." in shown:
        shown = shown.rstrip("0").rstrip(".")
    return "0" if shown == "-0" else shown


def main(folder: Path, out: Path, first_year: int, last_year: int) -> None:
    from jsw import bootstrap

    bootstrap.setup(migrate=False)
    bootstrap.migrate()  # as `jsw migrate` does: PostgreSQL is never migrated implicitly
    from django.db import connection

    from jsw.indicators.engine import compute
    from jsw.records.importer.service import run_import

    report = run_import(folder)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    cells = [
        [
            pi,
            c.period,
            c.category,
            c.breakdown,
            c.group,
            as_text(c.numerator),
            as_text(c.denominator),
            as_text(c.value),
            as_text(c.people),
        ]
        for pi, found in compute(first_year, last_year).items()
        for c in found
    ]
    rejections = [f"{i.table} {i.line} {i.column} {i.value}: {i.reason}" for i in report.rejections]
    out.write_text(json.dumps({"rejections": rejections, "cells": cells}))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
