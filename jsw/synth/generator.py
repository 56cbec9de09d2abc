"""The generation run: day by day from the run-in to the extract date, order by order.

`generate` is what `jsw synth` calls; it validates its arguments (raising `SynthError`
with one clear line), streams every table to CSV and returns the rows written per table.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from jsw.synth.calendar import WorkingDays, add_months, fy_label, fy_start, last_complete_fy
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
# Events are planned past the extract date (late endings, slow unpaid work), so the
# calendar of working days runs this many years beyond it.
CALENDAR_MARGIN_YEARS = 8


class SynthError(ValueError):
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
    first_fy = end_year - years + 1
    history_from = add_months(fy_start(first_fy), -profile.history_months)
    sink = open_sink(out_dir, date(end_year + 1, 3, 31), history_from)
    try:
        run(sink, profile, seed, scale, first_fy, progress)
    except OSError as exc:
        raise SynthError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc
    finally:
        sink.close()
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
    sink: Sink, profile: Profile, seed: int, scale: float, first_fy: int, progress: Progress | None
) -> None:
    begin = add_months(fy_start(first_fy), -profile.run_in_months)
    extract = sink.extract_date
    work = WorkingDays(begin.year - 1, extract.year + CALENDAR_MARGIN_YEARS)
    context = Context.create(profile, scale, seed, work, sink)
    pool = PersonPool(context)
    first_run_in_fy = fy = begin.year if begin.month >= 4 else begin.year - 1
    while fy_start(fy) <= extract:
        first = max(begin, fy_start(fy))
        last = min(extract, fy_start(fy + 1) - timedelta(days=1))
        run_year(context, pool, first, last, per_day_share(work, fy))
        if progress is not None:
            progress(fy_label(fy), sink.total)
        fy += 1
    write_returns(context, first_run_in_fy, extract.year - 1)


def per_day_share(work: WorkingDays, fy: int) -> float:
    """The share of a year's arrivals that fall on each working day of financial year `fy`."""
    return 1 / len(work.between(fy_start(fy), fy_start(fy + 1) - timedelta(days=1)))


def run_year(context: Context, pool: PersonPool, first: date, last: date, share: float) -> None:
    profile = context.profile
    rng = context.rng("arrivals")
    rates = {"CPO": profile.cpos_per_year * context.scale * share}
    for order_type, kind in profile.other_kinds.items():
        rates[order_type] = kind.per_year * context.scale * share
    lscmi_rate = profile.lscmi_without_order_per_year * context.scale * share
    caledonian_rate = profile.caledonian_without_order_per_year * context.scale * share
    for day in context.calendar.between(first, last):
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
