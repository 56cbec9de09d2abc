"""What a PI's stamp covers is what the engine reads for it: every statement sent while
computing a PI names only tables of `tables_read`; changing a table it does not read leaves
its cells as they were (while the stamp of a run over everything changes); the calendar is
consulted only for the PIs whose deadlines count working days."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, models
from django.utils import timezone

from jsw.framework.catalogue import load_catalogue
from jsw.framework.kinds import kind_of
from jsw.indicators import engine, staleness
from jsw.indicators.dependencies import tables_in, tables_read, uses_working_days
from jsw.indicators.sources import SOURCES
from jsw.records.importer import run_import
from jsw.records.importer.tables import CASE_TABLES
from jsw.records.models import ImportBatch, Person
from tests.conftest import EXAMPLE_SMALL

CATALOGUE = load_catalogue()
COUNTED = [pi for pi in CATALOGUE.indicators if kind_of(pi.kind).counted]
YEARS = (2022, 2024)  # the example's years


@pytest.fixture
def example(db) -> None:
    run_import(EXAMPLE_SMALL)


def derived(pi: Any) -> frozenset[str]:
    reads = engine.shared_plan(CATALOGUE)
    return tables_read(pi, breakdowns=True, reads=reads)


class Statements:
    """The record tables named by every statement sent while it is in use."""

    def __init__(self) -> None:
        self.tables: set[str] = set()

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.tables |= tables_in(sql)
        return execute(sql, params, many, context)


def test_the_tables_are_the_import_contracts_case_tables():
    assert set(SOURCES) == {table.name for table in CASE_TABLES}


@pytest.mark.parametrize("pi", COUNTED, ids=lambda pi: pi.id)
def test_computing_a_pi_reads_only_the_tables_its_stamp_covers(example, pi):
    # As a whole computation computes it (reading its table once for the PIs that share
    # it), and on its own.
    with_shared, alone = Statements(), Statements()
    computation = engine.Computation(CATALOGUE, *YEARS, breakdowns=True)
    with connection.execute_wrapper(with_shared):
        computation.compute(pi.id)
    with connection.execute_wrapper(alone):
        engine.compute_indicator(pi, *YEARS, engine.working_days(), years=True)
    assert with_shared.tables <= derived(pi)
    assert alone.tables <= derived(pi)
    assert pi.definition is not None and pi.definition.from_ in alone.tables


def shift_in_place(table: str) -> None:
    """Every date of every row of the table 9 days later (a date of birth 5 years earlier,
    a person's sex another code): what an import of a corrected file could do."""
    model = SOURCES[table].model
    dates = [f.name for f in model._meta.concrete_fields if isinstance(f, models.DateField)]
    rows = list(model._default_manager.all())
    for row in rows:
        for name in dates:
            day = getattr(row, name)
            if day is not None:
                step = timedelta(days=-5 * 365) if name == "date_of_birth" else timedelta(days=9)
                setattr(row, name, day + step)
        if isinstance(row, Person):
            row.sex = {"F": "M", "M": "F"}.get(row.sex, "F")
    model._default_manager.bulk_update(rows, dates + (["sex"] if model is Person else []))


def batch_writing(table: str) -> None:
    ImportBatch.objects.create(
        source=f"{table}.csv",
        status="done",
        finished_at=timezone.now(),
        summary={"tables": {table: {"read": 1, "imported": 1, "rejected": 0}}},
    )


@pytest.mark.parametrize("table", sorted(SOURCES))
def test_changing_a_table_changes_only_the_pis_that_read_it(example, table):
    readers = {pi.id for pi in COUNTED if table in derived(pi)}
    before = engine.compute(*YEARS)
    stamps = engine.pi_stamps(CATALOGUE, *YEARS)
    run_stamp = staleness.data_stamp(CATALOGUE)

    shift_in_place(table)
    batch_writing(table)

    after = engine.compute(*YEARS)
    changed = {pi for pi in after if after[pi] != before[pi]}
    assert changed <= readers
    assert changed  # the change mattered to some PI that reads the table
    now = engine.pi_stamps(CATALOGUE, *YEARS)
    assert {pi for pi in now if now[pi] != stamps[pi]} == readers
    # The run-level stamp covers every batch: it says stale for every PI.
    assert staleness.data_stamp(CATALOGUE) != run_stamp


@pytest.mark.parametrize("pi", COUNTED, ids=lambda pi: pi.id)
def test_only_pis_that_count_working_days_consult_the_calendar(example, pi):
    class NoCalendar:
        def __getattr__(self, name: str) -> Any:
            raise AssertionError(f"the calendar was consulted ({name})")

    assert pi.definition is not None
    computed = engine.compute_indicator(pi, *YEARS, engine.working_days(), years=True)
    if uses_working_days(pi.definition):
        with pytest.raises(AssertionError, match="the calendar was consulted"):
            engine.compute_indicator(pi, *YEARS, NoCalendar(), years=True)  # type: ignore[arg-type]
    else:
        assert engine.compute_indicator(pi, *YEARS, NoCalendar(), years=True) == computed  # type: ignore[arg-type]


CONTACTS_AND_RETURNS = {"tables": {"contacts": {"imported": 3}, "returns": {"imported": 2}}}


@pytest.mark.parametrize(
    ("summary", "replace", "written"),
    [
        (CONTACTS_AND_RETURNS, False, {"contacts"}),  # returns are stamped by their figures
        ({"tables": {"contacts": {"imported": 0}}}, False, set()),  # every row rejected
        ({"tables": {"contacts": {"imported": 0}}}, True, set(SOURCES)),  # emptied them all
        ({}, False, set(SOURCES)),  # a summary that does not say
        ({"tables": {"contacts": {"read": 3}}}, False, {"contacts"}),
    ],
)
def test_the_tables_a_batch_wrote(summary, replace, written):
    assert staleness.tables_written(replace, summary) == written
