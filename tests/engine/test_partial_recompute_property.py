"""Property: after any sequence of edits, a partial recompute stores exactly what a full one
stores, row for row.

Hypothesis draws a few edits of the example service: a return entered or changed, a small
file of one record table imported (a row of the example with one date or code changed, or a
new row like it; some are rejected, as real files' rows are), a local holiday added or taken
away near an order's start. After each edit the results are recomputed (only the PIs whose
stamp changed) and compared with a full recompute on the same data, which is then rolled back
so that the next edit's recompute builds on the partial one. Runs on the suite's database.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsw.framework.catalogue import load_catalogue
from jsw.framework.kinds import kind_of
from jsw.indicators import engine
from jsw.indicators.models import LocalHoliday
from jsw.indicators.returns import set_return
from jsw.lib.periods import periods_between
from jsw.records.importer import run_import
from jsw.records.importer.tables import BY_NAME, CASE_TABLES
from tests.conftest import EXAMPLE_SMALL
from tests.engine.partial import import_rows, recompute_and_compare

pytestmark = pytest.mark.slow

CATALOGUE = load_catalogue()
RETURN_PIS = sorted(pi.id for pi in CATALOGUE.indicators if not kind_of(pi.kind).counted)
FIRST_YEAR, LAST_YEAR = 2022, 2024  # the example's financial years
DATES = st.dates(date(FIRST_YEAR, 4, 1), date(LAST_YEAR + 1, 3, 31))


def example_rows(table: str) -> list[dict[str, str]]:
    with (EXAMPLE_SMALL / f"{table}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


EXAMPLE = {table.name: example_rows(table.name) for table in CASE_TABLES}
ORDER_STARTS = sorted({row["start_date"] for row in EXAMPLE["orders"]})


def as_date(text: str) -> date:
    if "/" in text:
        day, month, year = text.split("/")
        return date(int(year), int(month), int(day))
    return date.fromisoformat(text[:10])


@st.composite
def a_return(draw: Any) -> tuple[str, ...]:
    pi = draw(st.sampled_from(RETURN_PIS))
    frequency = CATALOGUE.indicator(pi).frequency
    periods = [p.label for p in periods_between(FIRST_YEAR, LAST_YEAR, frequency)]
    return ("return", pi, draw(st.sampled_from(periods)), str(draw(st.integers(0, 40))))


@st.composite
def a_holiday(draw: Any) -> tuple[str, date]:
    start = as_date(draw(st.sampled_from(ORDER_STARTS)))
    return ("holiday", start + timedelta(days=draw(st.integers(1, 7))))


@st.composite
def a_records_file(draw: Any) -> tuple[str, str, list[dict[str, str]]]:
    table = draw(st.sampled_from(sorted(EXAMPLE)))
    picked = draw(st.lists(st.sampled_from(EXAMPLE[table]), min_size=1, max_size=5))
    rows = {}
    for example in picked:
        row = edited(draw, table, example)
        rows[row[BY_NAME[table].key[0]]] = row  # one row per id, as the importer wants
    return ("records", table, list(rows.values()))


def edited(draw: Any, table: str, example: dict[str, str]) -> dict[str, str]:
    """The example's row with one date or code changed, under its own id or a new one."""
    row: dict[str, Any] = dict(example)
    key = BY_NAME[table].key[0]
    if draw(st.booleans()):
        row[key] = f"{row[key]}-new"
    dated = [c for c in row if c.endswith("_date") or c == "date_of_birth"]
    if table == "people" and draw(st.booleans()):
        row["sex"] = draw(st.sampled_from("FMXU"))
    elif dated:
        # A few days either way, where deadlines and period ends are; or blank; or any day.
        column = draw(st.sampled_from(dated))
        was = as_date(row[column]) if row[column] else draw(DATES)
        near = st.integers(-10, 10).map(lambda days: was + timedelta(days=days))
        row[column] = draw(st.one_of(near, near, near, st.none(), DATES))
    return {name: as_text(value) for name, value in row.items()}


def as_text(value: date | str | None) -> str:
    return value.isoformat() if isinstance(value, date) else value or ""


# Files of records twice as often as the others: most of them change a PI or two, if any.
EDITS = st.lists(
    st.one_of(a_return(), a_holiday(), a_records_file(), a_records_file()), min_size=1, max_size=4
)


def apply(edit: tuple[Any, ...], folder: Path) -> None:
    kind, *rest = edit
    if kind == "return":
        pi, period, value = rest
        set_return(pi, period, value)
    elif kind == "holiday":
        (day,) = rest
        if not LocalHoliday.objects.filter(date=day).delete()[0]:
            LocalHoliday.objects.create(date=day, name="local holiday")
    else:
        table, rows = rest
        import_rows(folder, table, rows)


@pytest.fixture
def computed(db) -> None:
    run_import(EXAMPLE_SMALL)
    engine.recompute()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=EDITS)
def test_partial_results_equal_full_results_after_every_edit(computed, tmp_path, edits):
    with transaction.atomic():
        for edit in edits:
            apply(edit, tmp_path)
            recompute_and_compare()
        transaction.set_rollback(True)
