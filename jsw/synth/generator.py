"""The generation run: day by day from the run-in to the extract date, order by order.

`generate` is what `jsw synth` calls; it validates its arguments (raising `SynthError`
with one clear line), streams every table to CSV and returns the rows written per table.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from jsw.lib.dates import months_after
from jsw.lib.errors import InputProblem
from jsw.lib.periods import Period, financial_year_of, fy_label, periods_between
from jsw.lib.workdays import WorkingDays
from jsw.synth.calendar import last_complete_fy, working_days_between
from jsw.synth.context import Context, poisson
from jsw.synth.cpo import write_cpo
from jsw.synth.events import assessment, lscmi
from jsw.synth.orders import write_other_order
from jsw.synth.people import Person, PersonPool
from jsw.synth.profile import DEFAULT_PROFILE, Profile
from jsw.synth.returns import write_returns
from jsw.synth.sink import Sink

Progress = Callable[[str, int], None]
EARLIEST_FY = 1990
LATEST_FY = 2100


class SynthError(InputProblem, ValueError):
    """Arguments the generator cannot work with; the message is one line for the user."""


def generate(
    out_dir: Path,
    *,
    seed: int = 1,
    years: int = 3,
    scale: float = 1.0,
    end_year: int | None = None,
    progress: Progress | None = None,
    profile: Profile = DEFAULT_PROFILE,
) -> dict[str, int]:
    """Write the ten tables of records.md to `out_dir`; rows written per table.

    `end_year` is the start year of the last financial year covered (2024 for 2024-25);
    by default the last financial year that ended before today.
    """
    if end_year is None:
        end_year = last_complete_fy(date.today())
    check_arguments(years, scale, end_year)
    covered = periods_between(end_year - years + 1, end_year, "A")
    history_from = months_after(covered[0].start, -profile.history_months)
    sink = open_sink(out_dir, covered[-1].end, history_from)
    try:
        try:
            run(sink, profile, seed, scale, covered[0].start, progress)
        finally:
            sink.close()  # flushes the buffers: a full disk shows here, on small runs
    except OSError as exc:
        raise SynthError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc
    return dict(sink.counts)


def check_arguments(years: int, scale: float, end_year: int) -> None:
    if years < 1:
        raise SynthError(f"years must be 1 or more, not {years}")
    if not math.isfinite(scale) or scale <= 0:
        raise SynthError(f"scale must be a number greater than 0, not {scale}")
    if not EARLIEST_FY <= end_year - years + 1 <= end_year <= LATEST_FY:
        raise SynthError(
            f"the years covered must lie between {fy_label(EARLIEST_FY)} and {fy_label(LATEST_FY)}"
        )


def open_sink(out_dir: Path, extract_date: date, history_from: date) -> Sink:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        return Sink(out_dir, extract_date, history_from)
    except OSError as exc:
        raise SynthError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc


def run(
    sink: Sink,
    profile: Profile,
    seed: int,
    scale: float,
    first_day: date,
    progress: Progress | None,
) -> None:
    """Arrivals from the run-in before `first_day` to the extract date, then the returns."""
    begin = months_after(first_day, -profile.run_in_months)
    extract = sink.extract_date
    work = WorkingDays()
    context = Context.create(profile, scale, seed, work, sink)
    pool = PersonPool(context)
    years = periods_between(financial_year_of(begin), financial_year_of(extract), "A")
    for year in years:
        first = max(begin, year.start)
        last = min(extract, year.end)
        run_year(context, pool, first, last, per_day_share(work, year))
        if progress is not None:
            progress(year.label, sink.total)
    write_returns(context, years[0].financial_year, years[-1].financial_year)


def per_day_share(work: WorkingDays, year: Period) -> float:
    """The share of a year's arrivals that fall on each working day of financial `year`."""
    return 1 / len(working_days_between(work, year.start, year.end))


def run_year(context: Context, pool: PersonPool, first: date, last: date, share: float) -> None:
    profile = context.profile
    rng = context.rng("arrivals")
    rates = {"CPO": profile.cpos_per_year * context.scale * share}
    for order_type, kind in profile.other_kinds.items():
        rates[order_type] = kind.per_year * context.scale * share
    lscmi_rate = profile.lscmi_without_order_per_year * context.scale * share
    caledonian_rate = profile.caledonian_without_order_per_year * context.scale * share
    for day in working_days_between(context.calendar, first, last):
        for order_type, rate in rates.items():
            for _ in range(poisson(rng, rate)):
                if order_type == "CPO":
                    write_cpo(context, pool, day)
                else:
                    write_other_order(context, pool, order_type, day)
        for _ in range(poisson(rng, lscmi_rate)):
            lscmi(context, written_person(pool, day), None, day)
        for _ in range(poisson(rng, caledonian_rate)):
            completed = day + timedelta(days=rng.randint(5, 30))
            assessment(context, written_person(pool, day), None, "CALEDONIAN", day, completed)


def written_person(pool: PersonPool, day: date) -> Person:
    """Someone assessed without an order (a report for court that led elsewhere)."""
    person = pool.for_order(day)
    pool.write(person)
    return person
