"""Compute every PI for every period of its frequency, and store the results.

A stored run also holds, for each counted quarterly or 6-monthly PI, its figure for every
financial year taken as one period (people counted once in the year, timeliness items due in
the year): ordinary rows whose period is the year label. The export and the results table list
only each PI's own periods.

`compute` returns cells without touching the results tables (tests and checks use it);
`recompute` stores a run, computing only the PIs whose inputs changed since the latest run
(`staleness.pi_stamps`) and carrying the others' results over; `ensure_results` recomputes only
when the stored run does not cover the years asked for or was computed from other data.
Reports and the dashboard read `Result`.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Collection, Iterable
from datetime import date
from functools import cached_property, partial
from typing import Any, NamedTuple

import numpy as np
from django.db import connection, models, transaction
from django.db.models import Max, Min
from django.utils import timezone

from jsw.db import extreme_by_code, insert_statement, one_at_a_time
from jsw.framework.catalogue import Catalogue, load_catalogue
from jsw.framework.definition import Definition, InPeriod
from jsw.framework.kinds import kind_of
from jsw.framework.schema import Indicator
from jsw.indicators import evaluate as ev
from jsw.indicators import parallel, staleness
from jsw.indicators.columns import Columns, RelatedDays, read_columns, related_days
from jsw.indicators.compiler import ItemQuery, compile_items
from jsw.indicators.models import ComputeRun, Result
from jsw.indicators.shared import Plan, SharedReads, plan
from jsw.lib.collector import without_cycle_collection
from jsw.lib.periods import financial_year_of, periods_between
from jsw.lib.workdays import WorkingDays
from jsw.records import models as records

Progress = Callable[[str, int, int], None]
log = logging.getLogger(__name__)


def working_days() -> WorkingDays:
    # The same holiday dates the results' stamp covers, so that a change makes them stale.
    return WorkingDays(staleness.holiday_dates())


def compute_indicator(
    indicator: Indicator,
    first_year: int,
    last_year: int,
    calendar: WorkingDays,
    *,
    breakdowns: bool = True,
    people: ev.People | None = None,
    frequency: str | None = None,
    years: bool = False,
    shared: SharedReads | None = None,
) -> list[ev.Cell]:
    """The PI's cells for the periods of its frequency (or of `frequency`), and with `years`
    also for each financial year as one period (quarterly and 6-monthly counted PIs); with
    `shared`, reading items from the tables it has read for other PIs."""
    frequency = frequency or indicator.frequency
    periods = periods_between(first_year, last_year, frequency)
    whole_years = (
        periods_between(first_year, last_year, "A")
        if years and frequency in ("Q", "H") and kind_of(indicator.kind).counted
        else []
    )
    if not kind_of(indicator.kind).counted:
        return return_cells(indicator, first_year, last_year, frequency)
    definition = indicator.definition
    assert definition is not None, f"{indicator.id}: a counted PI has a definition (catalogue rule)"
    broken_down = breakdowns and kind_of(indicator.kind).breakdowns
    query = compile_items(definition, breakdowns=broken_down)
    if people is None:
        people = ev.load_people()
    evaluation = ev.Evaluation(
        definition, query, periods, calendar, broken_down, people, whole_years, shared
    )
    tallies = TALLIES[indicator.kind].tally(evaluation, query, definition)
    codes = definition.category.codes if definition.category else ()
    return ev.cells(kind_of(indicator.kind), evaluation, tallies, codes)


def _tally_sum(evaluation: ev.Evaluation, query: ItemQuery, definition: Definition) -> Any:
    amount = definition.amount.field if definition.amount else None
    when = definition.when
    if not (amount and isinstance(when, InPeriod) and not evaluation.ages):
        return ev.tally_amounts(evaluation, query.rows())
    # A sum over a date in the period: the database adds up each day.
    persons = evaluation.shared.persons if evaluation.shared else None
    counted = ev.people_by_period(
        evaluation,
        query.holders_first_and_last(when.date, persons),
        lambda holders: query.holders_days(holders, when.date),
    )
    return ev.tally_daily_sums(evaluation, query.sums_by_day(when.date, amount), counted)


def _tally_proportion(evaluation: ev.Evaluation, query: ItemQuery, definition: Definition) -> Any:
    related = RelatedDays([], np.empty(0, dtype=np.int64))
    prop = definition.property
    in_period = bool(prop and prop.related and prop.related.test == "in_period")
    if in_period:
        related = related_days(definition, query)
    columns = _columns(evaluation, query, keep_pk=in_period)
    return ev.tally_proportion(evaluation, columns, related)


def _columns(evaluation: ev.Evaluation, query: ItemQuery, keep_pk: bool = False) -> Columns:
    """The items as numpy columns, for the kinds tallied set-based (`vector`): from their
    table's shared read where the PI has one, else from its own query."""
    shared = evaluation.shared
    found = shared.columns(evaluation.definition, query) if shared else None
    if found is not None:
        return found
    return read_columns(query, evaluation.person_name, evaluation.people_arrays, keep_pk=keep_pk)


class Tally(NamedTuple):
    tally: Callable[[ev.Evaluation, ItemQuery, Definition], Any]
    # Whether the items are read as columns (and can share a table's read).
    columns: Callable[[Definition], bool]


def _tally_mean(evaluation: ev.Evaluation, query: ItemQuery, definition: Definition) -> Any:
    if ev.whole_amounts(definition):
        return ev.tally_days_between(evaluation, _columns(evaluation, query))
    return ev.tally_amounts(evaluation, query.rows())


def _always(_: Definition) -> bool:
    return True


def _never(_: Definition) -> bool:
    return False


# How the engine tallies each counted kind of the registry (`jsw.framework.kinds`).
TALLIES: dict[str, Tally] = {
    "count": Tally(
        lambda evaluation, query, _: ev.tally_count(evaluation, _columns(evaluation, query)),
        _always,
    ),
    "sum": Tally(_tally_sum, _never),
    "mean": Tally(_tally_mean, ev.whole_amounts),
    "timeliness": Tally(
        lambda evaluation, query, _: ev.tally_timeliness(evaluation, _columns(evaluation, query)),
        _always,
    ),
    "proportion": Tally(_tally_proportion, _always),
    "distribution": Tally(
        lambda evaluation, query, _: ev.tally_categories(evaluation, query.rows()), _never
    ),
}


def shared_plan(
    catalogue: Catalogue, breakdowns: bool = True, only: Collection[str] | None = None
) -> Plan:
    """The shared reads of the catalogue's PIs, or of those named in `only`."""
    chosen = [pi for pi in catalogue.indicators if only is None or pi.id in only]
    return plan(chosen, partial(columns_query, breakdowns=breakdowns))


def columns_query(indicator: Indicator, breakdowns: bool = True) -> ItemQuery | None:
    """The query of a PI whose items are read as columns (None for the others)."""
    kind = kind_of(indicator.kind)
    definition = indicator.definition
    if not kind.counted or definition is None or not TALLIES[indicator.kind].columns(definition):
        return None
    return compile_items(definition, breakdowns=breakdowns and kind.breakdowns)


def return_cells(
    indicator: Indicator, first_year: int, last_year: int, frequency: str | None = None
) -> list[ev.Cell]:
    """A return PI's cells: its figures entered for the periods of its frequency."""
    periods = periods_between(first_year, last_year, frequency or indicator.frequency)
    labels = [p.label for p in periods]
    entered = dict(
        records.Return.objects.filter(indicator_id=indicator.id, period__in=labels).values_list(
            "period", "value"
        )
    )
    return [ev.Cell(label, None, None, entered.get(label)) for label in labels]


# Fewer counted PIs than this are computed in this process alone: starting a worker (most
# of a second) would cost more than it saves.
PARALLEL_FROM_PIS = 6


def compute(
    first_year: int,
    last_year: int,
    *,
    catalogue: Catalogue | None = None,
    breakdowns: bool = True,
    progress: Progress | None = None,
    only: Collection[str] | None = None,
) -> dict[str, list[ev.Cell]]:
    """The cells of every PI of the catalogue, or of the PIs named in `only`."""
    with without_cycle_collection():
        catalogue = catalogue or load_catalogue()
        return _compute(first_year, last_year, catalogue, breakdowns, progress, only)


def _compute(
    first_year: int,
    last_year: int,
    catalogue: Catalogue,
    breakdowns: bool,
    progress: Progress | None,
    only: Collection[str] | None,
) -> dict[str, list[ev.Cell]]:
    by_id = {pi.id: pi for pi in catalogue.indicators if only is None or pi.id in only}
    # The tables several of these PIs read are read once for them (not for the others).
    reads = shared_plan(catalogue, breakdowns, only=by_id)
    counted = sum(kind_of(pi.kind).counted for pi in by_id.values())
    workers = parallel.workers_wanted()
    if (
        workers > 1
        and counted >= PARALLEL_FROM_PIS
        and catalogue.fingerprint == load_catalogue().fingerprint  # what a worker loads
        and parallel.worth_workers(records.Order.objects.count())
    ):
        here: list[Computation] = []

        def compute_here(unit: tuple[str, ...]) -> list[tuple[str, list[ev.Cell]]]:
            # Made at this process's first PI, while the workers start.
            if not here:
                here.append(Computation(catalogue, first_year, last_year, breakdowns, reads))
            return here[0].compute_unit(unit)

        finished = parallel.run_in_workers(
            units(catalogue, reads, only=by_id),
            "jsw.indicators.engine:compute_in_worker",
            workers,
            start="jsw.indicators.engine:start_worker",
            start_args=(first_year, last_year, breakdowns, list(by_id)),
            local=compute_here,
        )
        done: Iterable[tuple[str, list[ev.Cell]]] = (
            pair for _, pairs in finished for pair in pairs
        )
    else:
        one = Computation(catalogue, first_year, last_year, breakdowns, reads)
        done = ((indicator_id, one.compute(indicator_id)) for indicator_id in by_id)
    results: dict[str, list[ev.Cell]] = {}
    for number, (indicator_id, cells) in enumerate(done, start=1):
        results[indicator_id] = cells
        if progress:
            progress(indicator_id, number, len(by_id))
    # Catalogue order, whatever order the workers finished in.
    return {indicator_id: results[indicator_id] for indicator_id in by_id}


class Computation:
    """What every PI of one computation shares, loaded once, at its first counted PI: the
    calendar, the people and the tables several PIs read (`shared`)."""

    def __init__(
        self,
        catalogue: Catalogue,
        first_year: int,
        last_year: int,
        breakdowns: bool,
        reads: Plan | None = None,
    ) -> None:
        self.by_id = {pi.id: pi for pi in catalogue.indicators}
        self.years = (first_year, last_year)
        self.breakdowns = breakdowns
        self.reads = shared_plan(catalogue, breakdowns) if reads is None else reads

    @cached_property
    def calendar(self) -> WorkingDays:
        return working_days()

    @cached_property
    def people(self) -> ev.People:
        return ev.load_people()

    @cached_property
    def shared(self) -> SharedReads:
        return SharedReads(self.reads, self.people.arrays)

    def compute_unit(self, unit: tuple[str, ...]) -> list[tuple[str, list[ev.Cell]]]:
        """Each PI of a unit of work (`units`) with its cells."""
        return [(indicator_id, self.compute(indicator_id)) for indicator_id in unit]

    def compute(self, indicator_id: str) -> list[ev.Cell]:
        indicator = self.by_id[indicator_id]
        if not kind_of(indicator.kind).counted:
            return return_cells(indicator, *self.years)  # nothing of the rest is needed
        return compute_indicator(
            indicator,
            *self.years,
            self.calendar,
            breakdowns=self.breakdowns,
            people=self.people,
            years=True,
            shared=self.shared,
        )


_worker: list[Computation] = []


def start_worker(first_year: int, last_year: int, breakdowns: bool, ids: list[str]) -> None:
    """In a worker process (`parallel`): load what its PIs (`ids`) share, once. The process
    lives for one computation: the cycle collector stays off, as in the computing process."""
    gc.disable()
    catalogue = load_catalogue()
    reads = shared_plan(catalogue, breakdowns, only=ids)
    _worker[:] = [Computation(catalogue, first_year, last_year, breakdowns, reads)]


def compute_in_worker(unit: tuple[str, ...]) -> list[tuple[str, list[ev.Cell]]]:
    return _worker[0].compute_unit(unit)


def units(
    catalogue: Catalogue, reads: Plan, only: Collection[str] | None = None
) -> list[tuple[str, ...]]:
    """The PIs in units of work for two processes, in the order the worker takes them from
    the front (this process takes from the back). The PIs that share a read are one unit,
    so that one process makes the read: the selections' first, then the PIs with their own
    queries (the sums over one table together, as they share its rows' persons, then the
    others, slowest kinds first), then the tables' (each such table read once, here). The
    two processes meet among the quick ones with their own queries."""
    members: dict[str, list[str]] = {}
    alone: dict[tuple[str, str], list[Indicator]] = {}
    for pi in catalogue.indicators:
        if only is not None and pi.id not in only:
            continue
        read = reads.reads.get(pi.id)
        if read is not None:
            members.setdefault(read, []).append(pi.id)
        elif kind_of(pi.kind).total and pi.definition is not None:
            alone.setdefault((pi.kind, pi.definition.from_), []).append(pi)
        else:
            alone[(pi.kind, pi.id)] = [pi]
    chosen = [tuple(ids) for read, ids in members.items() if read in reads.selections]
    tables = [tuple(ids) for read, ids in members.items() if read not in reads.selections]
    # A unit of several PIs first (it is the longest), then the slowest kinds.
    slowest = sorted(alone.values(), key=lambda pis: (-len(pis), -kind_of(pis[0].kind).cost))
    return [*chosen, *(tuple(pi.id for pi in pis) for pis in slowest), *tables]


# -- stored results ----------------------------------------------------------------------


def latest_batch() -> records.ImportBatch | None:
    """The latest import that finished: the one a run's results include."""
    return records.ImportBatch.objects.filter(finished_at__isnull=False).order_by("-id").first()


def data_stamp(catalogue: Catalogue) -> str:
    """A digest of everything results depend on (see `staleness`): equal stamps, same results."""
    return staleness.data_stamp(catalogue)


def data_span(today: date | None = None) -> tuple[date, date] | None:
    """The first and last event dates in the stored records, ignoring dates after today."""
    today = today or timezone.localdate()
    # (table, MIN or MAX, date, the code leading an index on (code, date), if one does)
    ends: list[tuple[type[models.Model], str, str, str | None]] = [
        (records.Order, "MIN", "start_date", "order_type"),
        (records.Order, "MAX", "start_date", "order_type"),
        (records.Order, "MAX", "end_date", "order_type"),
        (records.UpwSession, "MIN", "session_date", None),
        (records.UpwSession, "MAX", "session_date", None),
        (records.Contact, "MIN", "contact_date", "contact_type"),
        (records.Contact, "MAX", "contact_date", "contact_type"),
        (records.Assessment, "MIN", "start_date", "assessment_type"),
        (records.Assessment, "MAX", "completed_date", None),
        (records.Service, "MIN", "referral_date", None),
        (records.Service, "MAX", "referral_date", None),
        (records.Questionnaire, "MIN", "received_date", None),
        (records.Questionnaire, "MAX", "received_date", None),
        (records.Breach, "MIN", "application_date", None),
        (records.Breach, "MAX", "outcome_date", None),
    ]
    days = [_extreme(*end) for end in ends]
    found = [day for day in days if day is not None and day <= today]
    return (min(found), max(found)) if found else None


def _extreme(model: type[models.Model], function: str, field: str, code: str | None) -> date | None:
    """One MIN or MAX a query, each answered from an index: a query asking for both reads
    the whole table, and so does a plain MIN of a date indexed after a code."""
    if code is not None:
        value = extreme_by_code(model, function, field, code)
        return date.fromisoformat(value) if isinstance(value, str) else value  # type: ignore[return-value]
    aggregate = Min(field) if function == "MIN" else Max(field)
    day: date | None = model._default_manager.aggregate(day=aggregate)["day"]
    return day


def extract_date(today: date | None = None) -> date:
    """The day the records speak for: their last event date, or today if that is earlier
    (or if there are no records). A period is complete when it ended by this day."""
    today = today or timezone.localdate()
    span = data_span(today)
    return min(today, span[1]) if span else today


def data_years(today: date | None = None) -> tuple[int, int]:
    """Financial years spanned by the stored records' event dates (and returns)."""
    span = data_span(today)
    years = [financial_year_of(d) for d in span] if span else []
    years += [int(label[:4]) for label in records.Return.objects.values_list("period", flat=True)]
    if not years:
        current = financial_year_of(today or timezone.localdate())
        return current, current
    # A stray ancient date should not make every recompute cover decades.
    return max(min(years), max(years) - 29), max(years)


def latest_run() -> ComputeRun | None:
    return ComputeRun.objects.filter(finished_at__isnull=False).order_by("-id").first()


def recompute(
    first_year: int | None = None,
    last_year: int | None = None,
    *,
    progress: Progress | None = None,
    full: bool = False,
) -> ComputeRun:
    """Compute and store a run: only the PIs whose inputs changed since the latest run (the
    others' results are carried over into the new run), or with `full` every PI."""
    catalogue = load_catalogue()
    if first_year is None or last_year is None:
        first_default, last_default = data_years()
        first_year = first_default if first_year is None else first_year
        last_year = last_default if last_year is None else last_year
    started = time.perf_counter()
    # Stamped before computing: data that changes meanwhile leaves this run stale, not current.
    stamp = data_stamp(catalogue)
    stamps = pi_stamps(catalogue, first_year, last_year)
    previous = None if full else latest_run()
    kept = unchanged(previous, stamps, first_year, last_year)
    wanted = [indicator_id for indicator_id in stamps if indicator_id not in kept]
    results = compute(first_year, last_year, catalogue=catalogue, progress=progress, only=wanted)
    try:
        with transaction.atomic():
            # Two runs storing at once would each delete the other's rows, including those
            # one had just carried over: one after the other, the later run is the latest and
            # finds the rows it carries over still there, or computes every PI.
            one_at_a_time(STORING_RESULTS)
            run = ComputeRun.objects.create(
                first_year=first_year,
                last_year=last_year,
                framework_version=catalogue.version,
                framework_fingerprint=catalogue.fingerprint,
                batch=latest_batch(),
                data_stamp=stamp,
                pi_stamps=stamps,
                computed=wanted,
            )
            store_results(run, results)
            if previous is not None and kept:
                carry_over(previous, run, kept)
            Result.objects.exclude(run=run).delete()
            run.finished_at = timezone.now()
            run.seconds = round(time.perf_counter() - started, 3)
            run.save(update_fields=["finished_at", "seconds"])
    except ResultsGone:
        log.info("the results to carry over were replaced meanwhile: computing every PI")
        return recompute(first_year, last_year, progress=progress, full=True)
    return run


def pi_stamps(catalogue: Catalogue, first_year: int, last_year: int) -> dict[str, str]:
    """Each PI's stamp of what its cells are computed from (see `staleness`)."""
    reads = shared_plan(catalogue)
    return staleness.pi_stamps(catalogue, first_year, last_year, breakdowns=True, reads=reads)


def unchanged(
    run: ComputeRun | None, stamps: dict[str, str], first_year: int, last_year: int
) -> set[str]:
    """The PIs whose results stored by `run` were computed from the inputs they have now: the
    same stamp (which covers the years), and their results still there."""
    if run is None or (run.first_year, run.last_year) != (first_year, last_year):
        return set()
    same = {pi for pi, stamp in stamps.items() if run.pi_stamps.get(pi) == stamp}
    # One indexed look-up each (`result_lookup`), never a scan of the run's rows.
    return {pi for pi in same if Result.objects.filter(run_id=run.pk, indicator_id=pi).exists()}


# The advisory lock's key for storing a run's results (any number no other lock uses).
STORING_RESULTS = 0x6A73772D72756E


class ResultsGone(RuntimeError):
    """Results to carry over are no longer in the run they were in (another recompute
    finished meanwhile and took or deleted them)."""


def carry_over(previous: ComputeRun, run: ComputeRun, kept: set[str]) -> None:
    """Move the kept PIs' results from the previous run into this one, in the database: one
    UPDATE, inside the transaction that stores this run, so they are never read into Python
    and readers see them in one run or the other, never in both or neither."""
    ids = sorted(kept)
    Result.objects.filter(run_id=previous.pk, indicator_id__in=ids).update(run_id=run.pk)
    if not all(Result.objects.filter(run_id=run.pk, indicator_id=pi).exists() for pi in ids):
        raise ResultsGone(previous.pk)


RESULT_COLUMNS = (
    "run",
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


def store_results(run: ComputeRun, results: dict[str, list[ev.Cell]]) -> None:
    """Insert a run's cells with one prepared statement: tens of thousands of rows, where
    building a model object for each costs more than the insert."""
    columns = [Result._meta.get_field(name).column for name in RESULT_COLUMNS]  # type: ignore[union-attr]
    statement = insert_statement(Result, [str(column) for column in columns])
    rows = [
        (
            run.pk,
            indicator_id,
            c.period,
            c.category,
            c.breakdown,
            c.group,
            c.numerator,
            c.denominator,
            c.value,
            c.people,
        )
        for indicator_id, cells in results.items()
        for c in cells
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 10_000):
            cursor.executemany(statement, rows[start : start + 10_000])


def ensure_results(
    first_year: int, last_year: int, *, progress: Progress | None = None
) -> ComputeRun:
    """The latest run, recomputed first if it is stale, does not cover these years, or has no
    results (a run stored by an older release, or rows deleted by hand)."""
    run = latest_run()
    catalogue = load_catalogue()
    if (
        run is not None
        and run.first_year <= first_year
        and run.last_year >= last_year
        and run.data_stamp == data_stamp(catalogue)
        and Result.objects.filter(run_id=run.pk).exists()
    ):
        return run
    first_default, last_default = data_years()
    return recompute(
        min(first_year, first_default), max(last_year, last_default), progress=progress
    )
