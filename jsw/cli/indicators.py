"""`jsw compute`, `jsw results` and `jsw returns`: thin calls into jsw.indicators."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from jsw.cli.base import UsageProblem, main, progress_enabled, start_django, with_database
from jsw.indicators.groups import BREAKDOWNS

if TYPE_CHECKING:
    from jsw.indicators.engine import Progress
    from jsw.indicators.models import ComputeRun


def _year(label: str | None, option: str) -> int | None:
    from jsw.lib.periods import financial_year_of, fy_label, parse_financial_year
    from jsw.records.importer.checks import EARLIEST_EVENT, latest_event

    if label is None:
        return None
    try:
        year = parse_financial_year(label.strip())
    except ValueError as exc:
        raise UsageProblem(f"{option}: {exc}") from None
    # The years a record's dates can fall in: beyond them there is nothing to compute, and
    # centuries of periods would take minutes to compute as empty.
    earliest, latest = financial_year_of(EARLIEST_EVENT), financial_year_of(latest_event())
    if not earliest <= year <= latest:
        raise UsageProblem(
            f"{option}: {label.strip()} is outside the years records can cover "
            f"({fy_label(earliest)} to {fy_label(latest)})"
        )
    return year


def _years(first: str | None, last: str | None) -> tuple[int | None, int | None]:
    first_year, last_year = _year(first, "--from"), _year(last, "--to")
    if first_year is not None and last_year is not None and first_year > last_year:
        raise UsageProblem("--from must not be after --to")
    return first_year, last_year


def pi_progress() -> Progress | None:
    """A progress line per PI on the terminal, or None when nobody watches."""
    if not progress_enabled():
        return None

    def show(indicator_id: str, number: int, total: int) -> None:
        click.echo(f"\r  computing {number}/{total} {indicator_id:<30}", nl=False, err=True)
        if number == total:
            click.echo("\r" + " " * 60 + "\r", nl=False, err=True)

    return show


def recompute_and_report(
    first: int | None = None, last: int | None = None, *, err: bool = False, full: bool = False
) -> None:
    """Used after an import and by `jsw compute`."""
    from jsw.indicators.engine import recompute
    from jsw.lib.periods import fy_label

    run = recompute(first, last, progress=pi_progress(), full=full)
    click.echo(
        f"Results for {fy_label(run.first_year)} to {fy_label(run.last_year)} "
        f"(framework {run.framework_version}): {run.work}, in {run.seconds:.1f} s.",
        err=err,
    )


@main.command()
@click.option("--from", "first", metavar="FY", help="first financial year, e.g. 2023-24")
@click.option("--to", "last", metavar="FY", help="last financial year")
@click.option(
    "--full", is_flag=True, help="compute every PI, even those whose inputs have not changed"
)
def compute(first: str | None, last: str | None, full: bool) -> None:
    """Compute and store every PI for every period (default: the years the records span).

    Only the PIs whose inputs changed since the stored results are computed again; the
    others' results are kept. --full computes every PI."""
    warm_up_workers()
    start_django()
    recompute_and_report(*_years(first, last), full=full)


def warm_up_workers() -> None:
    """The compute workers' fork server starts while this process starts Django."""
    import contextlib
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jsw.settings")
    from django.core.exceptions import ImproperlyConfigured

    from jsw.indicators.parallel import warm_up

    with contextlib.suppress(ImproperlyConfigured):  # start_django reports it
        warm_up()


@main.command()
@click.option("--from", "first", metavar="FY", help="first financial year, e.g. 2023-24")
@click.option("--to", "last", metavar="FY", help="last financial year, e.g. 2025-26")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="write a CSV file")
@click.option(
    "--by", "breakdown", type=click.Choice(BREAKDOWNS), help="break down by team, sex or age"
)
@with_database
def results(
    first: str | None, last: str | None, output: Path | None, breakdown: str | None
) -> None:
    """Show the latest complete period's results, or write them for whole years as CSV.

    With --output, writes one row per PI and period of its frequency from the first period of
    --from to the last of --to (the checked export; with --by, per group too). Without it,
    prints a table of each PI's latest complete period. Results are computed first if the
    stored ones are out of date.
    """
    from jsw.framework.catalogue import load_catalogue
    from jsw.indicators import engine, export
    from jsw.indicators.current import ResultsMoved, read_current

    first_year, last_year = _years(first, last)
    if (first_year is None) != (last_year is None):
        raise UsageProblem("give both --from and --to, or neither")
    if output is not None and first_year is None:
        raise UsageProblem("--output needs --from and --to (financial years, e.g. 2023-24)")
    catalogue = load_catalogue()
    if first_year is None or last_year is None:
        first_year, last_year = engine.data_years()
    years = (first_year, last_year)

    def table(run: ComputeRun) -> str:
        lines = export.latest_lines(run, catalogue, engine.extract_date(), breakdown or "")
        return export.render_table(lines, breakdown or "")

    def csv(run: ComputeRun) -> str:
        if breakdown:
            return export.breakdown_csv(run, catalogue, *years, breakdown)
        return export.results_csv(run, catalogue, *years)

    try:
        _, text = read_current(*years, table if output is None else csv, progress=pi_progress())
    except ResultsMoved as exc:
        raise UsageProblem(str(exc)) from None
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_bytes(text.encode("utf-8"))
    except OSError as exc:
        raise UsageProblem(f"cannot write {output}: {exc.strerror}") from None
    click.echo(f"Wrote {text.count(chr(10)) - 1} rows to {output}.", err=True)


@main.group()
def returns() -> None:
    """Aggregate figures entered for the `return` PIs."""


@returns.command(name="set")
@click.argument("indicator")
@click.argument("period")
@click.argument("value")
@click.option("--note", default="", help="up to 1000 characters")
@with_database
def returns_set(indicator: str, period: str, value: str, note: str) -> None:
    """Enter VALUE for a return PI and PERIOD (a year label for an annual return: 2024-25)."""
    from jsw.indicators.returns import set_return

    entered = set_return(indicator, period, value, note=note, entered_by=getpass.getuser())
    was = "" if entered.replaced is None else f" (was {entered.replaced.normalize():f})"
    click.echo(f"{entered.indicator_id} {entered.period} = {entered.value:f}{was}")


@returns.command(name="list")
@with_database
def returns_list() -> None:
    """List the entered returns, by PI and period."""
    from jsw.lib.numbers import plain
    from jsw.lib.safe_text import for_terminal
    from jsw.records.models import Return

    rows = Return.objects.order_by("indicator_id", "period")
    if not rows.exists():
        click.echo("No returns entered.")
    for r in rows:
        note = f"  {for_terminal(r.note)}" if r.note else ""
        click.echo(f"{r.indicator_id:<22} {r.period:<12} {plain(r.value):>10}{note}")
