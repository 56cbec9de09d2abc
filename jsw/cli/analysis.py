"""`jsw spc`, `jsw targets`, `jsw rebase` and `jsw commentary`: thin calls into jsw.analysis.

`jsw spc` charts any `period,value` file and needs no database, so it never starts Django.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

import click

from jsw.cli.base import UsageProblem, main


def _decimal(value: str | None, option: str) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        raise UsageProblem(f"{option}: {value!r} is not a number") from None
    if not number.is_finite():
        raise UsageProblem(f"{option}: {value!r} is not a finite number")
    return number


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--improvement",
    type=click.Choice(["increase", "decrease", "neutral"]),
    default="neutral",
    show_default=True,
    help="which way is better",
)
@click.option("--target", metavar="X", help="target, for the assurance icon")
@click.option(
    "--fix-after", type=click.IntRange(min=1), metavar="N", help="baseline: first N points"
)
@click.option("--rebase-at", multiple=True, metavar="PERIOD", help="start a new group here")
@click.option("--screen-outliers", is_flag=True, help="drop moving ranges >= 3.267 x average")
@click.option("--shift", type=click.IntRange(min=2), default=7, show_default=True, metavar="N")
@click.option("--trend", type=click.IntRange(min=2), default=7, show_default=True, metavar="N")
@click.option("--json", "as_json", is_flag=True, help="print the chart as JSON (the only output)")
def spc(
    file: Path,
    improvement: str,
    target: str | None,
    fix_after: int | None,
    rebase_at: tuple[str, ...],
    screen_outliers: bool,
    shift: int,
    trend: int,
    as_json: bool,
) -> None:
    """XmR chart (NHS "Making Data Count") of FILE, a CSV with the header period,value."""
    from jsw.analysis.series_file import SeriesFileProblem, read_series
    from jsw.analysis.spc import xmr

    try:
        periods, values = read_series(file)
        result = xmr(
            values,
            periods,
            improvement=improvement,
            target=_decimal(target, "--target"),
            fix_after=fix_after,
            rebase_at=rebase_at,
            screen_outliers=screen_outliers,
            shift=shift,
            trend=trend,
        )
    except (SeriesFileProblem, ValueError) as exc:
        raise UsageProblem(str(exc)) from None
    if as_json:
        click.echo(json.dumps(result.as_json(), indent=1))
        return
    for point in result.points:
        flags = ",".join(point.rules)
        click.echo(f"{point.period:<14} {point.value:>12g} {point.point_type:<28} {flags}")
    trial = " (trial limits)" if result.trial else ""
    click.echo(f"variation: {result.variation_icon}; assurance: {result.assurance}{trial}")
