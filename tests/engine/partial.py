"""Helpers for the partial-recompute tests: a run's stored rows, a full recompute's rows on
the same data (rolled back), and small files to import."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.db import transaction

from jsw.indicators import engine
from jsw.indicators.models import ComputeRun, Result
from jsw.records.importer import run_import

FIELDS = (
    "indicator_id",
    "period",
    "category",
    "breakdown",
    "group",
    "numerator",
    "denominator",
    "value",
    "people",
)


def stored(run: ComputeRun) -> list[tuple[Any, ...]]:
    """Every result row of the run, in one order (the run's own id left out)."""
    return sorted(Result.objects.filter(run=run).values_list(*FIELDS), key=repr)


def full_rows(first_year: int | None = None, last_year: int | None = None) -> list[tuple]:
    """The rows a full recompute stores on the data as it is now; rolled back afterwards, so
    the run before stays the latest."""
    with transaction.atomic():
        rows = stored(engine.recompute(first_year, last_year, full=True))
        transaction.set_rollback(True)
    return rows


def recompute_and_compare() -> ComputeRun:
    """A partial recompute, checked row for row against a full one on the same data."""
    run = engine.recompute()
    assert run.pi_stamps, "a run keeps its PIs' stamps"
    partial, full = stored(run), full_rows(run.first_year, run.last_year)
    assert partial == full, f"PIs whose partial results differ: {changed_pis(partial, full)}"
    return run


def changed_pis(before: list[tuple], after: list[tuple]) -> set[str]:
    """The PIs some of whose rows differ between two runs' `stored` rows."""
    return {row[0] for row in set(before) ^ set(after)}


def write_csv(folder: Path, table: str, rows: list[dict[str, str]]) -> Path:
    """A folder holding one file, `table`.csv, with these rows."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


def import_rows(folder: Path, table: str, rows: list[dict[str, str]], **options: Any) -> None:
    for old in folder.glob("*.csv"):
        old.unlink()
    run_import(write_csv(folder, table, rows), **options)
